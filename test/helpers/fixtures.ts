// Loads the captured Engine API responses (Docker 20.10.24) copied from shared/fixtures.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RawContainerInspect, RawEvent, RawNetwork } from '../../src/docker/rawTypes';

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
