// Loads the captured Engine API responses (Docker 20.10.24) copied from shared/fixtures, and builds the
// snapshot of them that most unit tests start from.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSnapshot } from '../../src/core/buildSnapshot';
import type { RawContainerInspect, RawEvent, RawNetwork } from '../../src/docker/rawTypes';
import type { EngineInfo, Snapshot } from '../../src/shared/model';

/** test/fixtures, found from the bundled file in dist-test/test/... or from the sources. */
export function fixturesDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'test', 'fixtures');
    try {
      readdirSync(candidate);
      return candidate;
    } catch {
      dir = resolve(dir, '..');
    }
  }
  throw new Error(`test/fixtures not found above ${__dirname}`);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(join(fixturesDir(), ...parts), 'utf8');
}

export function apiJson<T>(name: string): T {
  return JSON.parse(readFixture('engine-api', name)) as T;
}

export function capturedNetworks(): RawNetwork[] {
  return apiJson<RawNetwork[]>('networks.json');
}

export function capturedContainerInspects(): RawContainerInspect[] {
  return readdirSync(join(fixturesDir(), 'engine-api'))
    .filter((f) => f.startsWith('container-') && f.endsWith('.json'))
    .map((f) => apiJson<RawContainerInspect>(f));
}

export function capturedEvents(): RawEvent[] {
  return readFixture('engine-api', 'events-raw.jsonl')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RawEvent);
}

/** The engine the fixtures were captured from (Docker 20.10.24, API 1.41, the default socket), with overrides. */
export function capturedEngineInfo(overrides: Partial<EngineInfo> = {}): EngineInfo {
  return {
    version: '20.10.24',
    apiVersion: '1.41',
    endpoint: 'unix:///var/run/docker.sock',
    endpointSource: 'default socket',
    os: 'linux',
    kernelVersion: '',
    swarmActive: false,
    ...overrides,
  };
}

/** The captured networks and containers as one snapshot, with no host read (host facts unknown). */
export function capturedSnapshot(opts: { engine?: Partial<EngineInfo>; takenAt?: number } = {}): Snapshot {
  return buildSnapshot({
    engine: capturedEngineInfo(opts.engine),
    networks: capturedNetworks(),
    containers: capturedContainerInspects(),
    host: null,
    takenAt: opts.takenAt ?? 0,
  });
}
