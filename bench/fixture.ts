// The benchmark's own resources on the engine: 5 user bridge networks and N sleeping containers,
// all named dne-bench-* and labelled dne.bench=1. Nothing else on the engine is touched.
import { readFileSync } from 'node:fs';
import { pids } from '../src/host/procfs';
import { mapLimit } from '../src/shared/mapLimit';
import { BENCH_IMAGE, BENCH_LABEL, BENCH_PREFIX, docker, lines, sleep } from './util';

export const NETWORK_COUNT = 5;
export const netName = (k: number): string => `${BENCH_PREFIX}net${k}`;
export const containerName = (i: number): string => `${BENCH_PREFIX}${i}`;

/** Every 25th container sits on the default bridge; the rest are spread over the 5 user networks. */
export function networkOf(i: number): string {
  return i % 25 === 0 ? 'bridge' : netName(((i - 1) % NETWORK_COUNT) + 1);
}

/** Resources with the bench label AND the bench name prefix: the only ones we ever remove. */
async function ours(kind: 'container' | 'network'): Promise<string[]> {
  const args =
    kind === 'container'
      ? ['ps', '-a', '--filter', `label=${BENCH_LABEL}`, '--format', '{{.ID}} {{.Names}}']
      : ['network', 'ls', '--filter', `label=${BENCH_LABEL}`, '--format', '{{.ID}} {{.Name}}'];
  return lines(await docker(...args)).flatMap((l) => {
    const [id, name] = l.split(' ');
    return id && name?.startsWith(BENCH_PREFIX) ? [id] : [];
  });
}

export interface Cleaned {
  containers: number;
  networks: number;
  /** Networks dockerd refuses to remove ("has active endpoints" with no endpoint: moby/moby#42119). */
  stuck: string[];
}

export async function cleanBench(): Promise<Cleaned> {
  const ids = await ours('container');
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 25) chunks.push(ids.slice(i, i + 25));
  await mapLimit(chunks, 4, async (chunk) => {
    await docker('rm', '-f', ...chunk);
  });
  const nets = await ours('network');
  const stuck: string[] = [];
  for (const n of nets) if (!(await removeNetwork(n))) stuck.push(n);
  return { containers: ids.length, networks: nets.length - stuck.length, stuck };
}

/**
 * Right after `docker rm -f`, dockerd may still be releasing endpoints: retry for a few seconds.
 * dockerd 20.10 can also leak a network's endpoint count under load; such a network cannot be
 * removed until dockerd restarts. Returns false for it instead of failing the run.
 */
async function removeNetwork(id: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await docker('network', 'rm', id);
      return true;
    } catch (err) {
      if (!String(err).includes('active endpoints')) throw err;
      if (attempt >= 20) return false;
      await sleep(500);
    }
  }
}

export async function createNetworks(): Promise<string[]> {
  const notes: string[] = [];
  const leftovers = new Set(lines(await docker('network', 'ls', '--filter', `label=${BENCH_LABEL}`, '--format', '{{.Name}}')));
  for (let k = 1; k <= NETWORK_COUNT; k++) {
    if (leftovers.has(netName(k))) {
      notes.push(`${netName(k)} (left over from an earlier run and reused: dockerd would not remove it)`);
      continue;
    }
    const base = ['network', 'create', '--driver', 'bridge', '--label', BENCH_LABEL];
    try {
      await docker(...base, '--subnet', `10.240.${k}.0/24`, netName(k));
      notes.push(`${netName(k)} 10.240.${k}.0/24`);
    } catch {
      // The subnet is taken by something that is not ours: let Docker choose one.
      await docker(...base, netName(k));
      notes.push(`${netName(k)} (subnet chosen by Docker)`);
    }
  }
  return notes;
}

/** Adds containers dne-bench-(have+1)..want, 4 `docker run` at a time. */
export async function growTo(have: number, want: number, concurrency = 4): Promise<void> {
  const todo = Array.from({ length: Math.max(0, want - have) }, (_, j) => have + j + 1);
  await mapLimit(todo, concurrency, async (i) => {
    await docker('run', '-d', '--label', BENCH_LABEL, '--name', containerName(i), '--network', networkOf(i), BENCH_IMAGE, 'sleep', '3600');
  });
}

export async function runningBenchContainers(): Promise<number> {
  return lines(await docker('ps', '-q', '--filter', `label=${BENCH_LABEL}`, '--filter', 'status=running')).length;
}

export async function requireEngineAndImage(): Promise<void> {
  try {
    await docker('version', '--format', '{{.Server.Version}}');
  } catch (err) {
    throw new Error(`No Docker engine answers on unix:///var/run/docker.sock: ${String(err)}`);
  }
  try {
    await docker('image', 'inspect', '--format', '{{.Id}}', BENCH_IMAGE);
  } catch {
    throw new Error(`The offline image ${BENCH_IMAGE} is missing (the bench never pulls); run scripts/provision.sh.`);
  }
}

export interface HostResources {
  memAvailableMiB: number;
  memTotalMiB: number;
  processes: number;
  pidMax: number;
  loadavg: string;
}

/** Memory and process counts, to check that hundreds of containers do not starve the machine. */
export function hostResources(): HostResources {
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(meminfo)?.[1] ?? NaN);
  return {
    memAvailableMiB: Math.round(kib('MemAvailable') / 1024),
    memTotalMiB: Math.round(kib('MemTotal') / 1024),
    processes: pids('/proc').length,
    pidMax: Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim()),
    loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}
