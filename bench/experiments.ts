// An experiment that shows what a change to src/ would give, without changing or copying src/:
// the snapshot with docker-modem's eager util.inspect stubbed.
import type { Controller } from '../src/core/controller';
import { measure, summarize, type Summary } from './util';

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
}

export async function runExperiments(controller: Controller): Promise<Experiments> {
  return { snapshotStubbed: summarize(await withUtilInspectStubbed(() => measure(() => controller.refresh(), 2, 10))) };
}
