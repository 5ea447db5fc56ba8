// The measured operations: our snapshot, the raw API floor, the docker CLI, and the incremental
// refresh after one engine event.
import { createController } from '../src/core/createController';
import type { Controller, RefreshStats, SnapshotChange } from '../src/core/controller';
import type { LiveUpdates } from '../src/core/liveUpdates';
import type { Snapshot } from '../src/shared/model';
import { containerName, netName, networkOf } from './fixture';
import { rawAgent, rawRound, type RawRound } from './rawApi';
import { BENCH_PREFIX, docker, lines, measure, now, sleep, summarize, type Summary } from './util';

export const SNAPSHOT_WARMUP = 3;
export const SNAPSHOT_ITERATIONS = 20;
export const CLI_WARMUP = 1;
export const CLI_ITERATIONS = 10;
export const INCREMENTAL_TRIES = 10;
export const APPLY_ITERATIONS = 20;

export interface SnapshotCheck {
  containers: number;
  networks: number;
  endpoints: number;
  endpointsWithVeth: number;
  /** The same two counts for our dne-bench-* containers only (others may come and go meanwhile). */
  benchEndpoints: number;
  benchEndpointsWithVeth: number;
  unavailable: string[];
  /** RefreshStats of the last measured refresh: what a repeated full snapshot actually calls. */
  listCalls: number;
  containersInspected: number;
  pidsRead: number;
}

export function checkSnapshot(s: Snapshot, stats: RefreshStats | undefined): SnapshotCheck {
  const eps = s.containers.flatMap((c) => (c.state === 'running' ? c.endpoints : []));
  const bench = s.containers.flatMap((c) => (c.state === 'running' && c.name.startsWith(BENCH_PREFIX) ? c.endpoints : []));
  return {
    containers: s.containers.length,
    networks: s.networks.length,
    endpoints: eps.length,
    endpointsWithVeth: eps.filter((e) => e.hostVeth).length,
    benchEndpoints: bench.length,
    benchEndpointsWithVeth: bench.filter((e) => e.hostVeth).length,
    unavailable: s.host.unavailable,
    listCalls: stats?.listCalls ?? NaN,
    containersInspected: stats?.containersInspected ?? NaN,
    pidsRead: stats?.pidsRead ?? NaN,
  };
}

export async function measureSnapshot(controller: Controller): Promise<{ summary: Summary; check: SnapshotCheck }> {
  let last: Snapshot | undefined;
  const sample = await measure(
    async () => {
      last = await controller.refresh();
    },
    SNAPSHOT_WARMUP,
    SNAPSHOT_ITERATIONS,
  );
  if (!last) throw new Error('no snapshot was taken');
  return { summary: summarize(sample), check: checkSnapshot(last, controller.lastStats) };
}

/** A new controller for every refresh: the extension's first snapshot, with nothing cached. */
export async function measureColdSnapshot(): Promise<Summary> {
  const sample = await measure(
    async () => {
      const controller = createController({ env: {} });
      try {
        await controller.refresh();
      } finally {
        controller.dispose();
        controller.gateway.dispose();
      }
    },
    SNAPSHOT_WARMUP,
    SNAPSHOT_ITERATIONS,
  );
  return summarize(sample);
}

export async function measureRaw(maxSockets: number): Promise<{ summary: Summary; round: RawRound }> {
  const agent = rawAgent(maxSockets);
  try {
    let round: RawRound | undefined;
    const sample = await measure(
      async () => {
        round = await rawRound(agent);
      },
      SNAPSHOT_WARMUP,
      SNAPSHOT_ITERATIONS,
    );
    if (!round) throw new Error('no raw round ran');
    return { summary: summarize(sample), round };
  } finally {
    agent.destroy();
  }
}

/** `docker network inspect $(docker network ls -q)` then `docker inspect $(docker ps -aq)`, no shell. */
export async function cliRound(): Promise<number> {
  const nets = lines(await docker('network', 'ls', '-q'));
  const netJson = await docker('network', 'inspect', ...nets);
  const ctrs = lines(await docker('ps', '-aq'));
  const ctrJson = ctrs.length ? await docker('inspect', ...ctrs) : '[]';
  return netJson.length + ctrJson.length;
}

export async function measureCli(): Promise<Summary> {
  return summarize(await measure(cliRound, CLI_WARMUP, CLI_ITERATIONS));
}

/** The next change whose snapshot satisfies `pred`, with the moment it fired. */
function nextChange(c: Controller, pred: (s: Snapshot) => boolean, timeoutMs = 15_000): Promise<{ at: number; change: SnapshotChange }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no matching snapshot change within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = c.onDidChange((change) => {
      if (!pred(change.snapshot)) return;
      const at = now();
      clearTimeout(timer);
      sub.dispose();
      resolve({ at, change });
    });
  });
}

const hasEndpoint = (s: Snapshot, container: string, network: string): boolean =>
  !!s.containers.find((c) => c.name === container)?.endpoints.some((e) => e.network === network);

export interface IncrementalResult {
  /** From `docker network connect` returning to onDidChange with the endpoint (ms). */
  afterReturnMs: number[];
  /** From starting `docker network connect` to onDidChange (ms), CLI start-up included. */
  fromStartMs: number[];
  /** RefreshStats.ms of the refresh that published the endpoint. */
  refreshMs: number[];
  stats: RefreshStats[];
  hostVethFound: number;
  container: string;
  network: string;
}

/** Connects dne-bench-1 to a second bench network and waits for the live snapshot to show it. */
export async function measureIncremental(controller: Controller, live: LiveUpdates): Promise<IncrementalResult> {
  const container = containerName(1);
  const network = networkOf(1) === netName(2) ? netName(3) : netName(2);
  const out: IncrementalResult = { afterReturnMs: [], fromStartMs: [], refreshMs: [], stats: [], hostVethFound: 0, container, network };
  if (live.status.state !== 'connected') throw new Error(`live updates are ${live.status.state}`);
  for (let i = 0; i < INCREMENTAL_TRIES; i++) {
    const seen = nextChange(controller, (s) => hasEndpoint(s, container, network));
    const t0 = now();
    await docker('network', 'connect', network, container);
    const returned = now();
    const { at, change } = await seen;
    out.afterReturnMs.push(at - returned);
    out.fromStartMs.push(at - t0);
    out.refreshMs.push(change.stats.ms);
    out.stats.push(change.stats);
    const ep = change.snapshot.containers.find((c) => c.name === container)?.endpoints.find((e) => e.network === network);
    if (ep?.hostVeth) out.hostVethFound++;
    const gone = nextChange(controller, (s) => !hasEndpoint(s, container, network));
    await docker('network', 'disconnect', network, container);
    await gone;
    await sleep(100);
  }
  return out;
}

/** controller.applyEvents with one synthetic container event for an existing id. */
export async function measureApplyEvents(
  controller: Controller,
  id: string,
): Promise<{ summary: Summary; stats: RefreshStats | undefined }> {
  const event = { Type: 'container', Action: 'update', Actor: { ID: id, Attributes: {} } };
  const sample = await measure(() => controller.applyEvents([event]), SNAPSHOT_WARMUP, APPLY_ITERATIONS);
  return { summary: summarize(sample), stats: controller.lastStats };
}

export function describeStats(all: readonly RefreshStats[]): string {
  const distinct = new Map<string, number>();
  for (const s of all) {
    const key = `${s.kind}: containersInspected=${s.containersInspected}, networksInspected=${s.networksInspected}, listCalls=${s.listCalls}, pidsRead=${s.pidsRead}`;
    distinct.set(key, (distinct.get(key) ?? 0) + 1);
  }
  return [...distinct].map(([k, n]) => `${k} (×${n})`).join('; ');
}
