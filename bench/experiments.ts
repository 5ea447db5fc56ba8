// Experiments that show what a change to src/ would give, without changing src/: the snapshot with
// docker-modem's eager util.inspect stubbed, and the host reads done synchronously.
import type { Controller } from '../src/core/controller';
import type { Snapshot } from '../src/shared/model';
import { pipelinedSnapshot } from './prototype';
import { readContainerInterfacesSync, readHostInterfacesSync } from './syncLinks';
import { measure, median, summarize, type Summary } from './util';

/**
 * docker-modem formats every request with
 * `debug('Sending: %s', util.inspect(options, { showHidden: true, depth: null }))`, and the
 * inspect runs even when debug is off. The options hold the keep-alive agent (its sockets and
 * queued requests), so the cost grows with the queue. Stubbing util.inspect for the duration of
 * one measurement shows what that line costs. Restored right after; nothing logs meanwhile.
 */
export async function withUtilInspectStubbed<T>(fn: () => Promise<T>): Promise<T> {
  const util = process.getBuiltinModule('node:util');
  const original = util.inspect;
  Object.defineProperty(util, 'inspect', { value: () => '', configurable: true, writable: true, enumerable: true });
  try {
    return await fn();
  } finally {
    Object.defineProperty(util, 'inspect', { value: original, configurable: true, writable: true, enumerable: true });
  }
}

export interface Experiments {
  /** controller.refresh() with util.inspect stubbed: the snapshot once docker-modem's line is gone. */
  snapshotStubbed: Summary;
  /** Host /sys/class/net plus every container's interfaces, read with sync fs calls. */
  hostSyncMs: number;
  /** bench/prototype.ts: the suggested fullRead (stub on, host reads overlapped and sync). */
  pipelined: Summary;
  /** Running endpoints with a host veth in the prototype's snapshot / in the controller's. */
  pipelinedVeths: string;
}

export async function runExperiments(controller: Controller, pids: readonly number[]): Promise<Experiments> {
  const snapshotStubbed = summarize(await withUtilInspectStubbed(() => measure(() => controller.refresh(), 2, 10)));
  const sync = await measure(() => {
    readHostInterfacesSync();
    for (const pid of pids) readContainerInterfacesSync(pid);
    return Promise.resolve();
  }, 2, 10);
  let proto = await withUtilInspectStubbed(() => pipelinedSnapshot(controller.gateway));
  const pipelined = summarize(await withUtilInspectStubbed(() => measure(async () => {
    proto = await pipelinedSnapshot(controller.gateway);
  }, 2, 10)));
  const veths = (s: Snapshot | undefined): number =>
    s?.containers.flatMap((c) => (c.state === 'running' ? c.endpoints : [])).filter((e) => e.hostVeth).length ?? 0;
  const reference = await controller.refresh();
  return { snapshotStubbed, hostSyncMs: median(sync.ms), pipelined, pipelinedVeths: `${veths(proto)} / ${veths(reference)}` };
}
