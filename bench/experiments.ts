// Experiments that show what a change to src/ would give, without changing src/: the snapshot with
// docker-modem's eager util.inspect stubbed, and the host reads done synchronously.
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Controller } from '../src/core/controller';
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

const text = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

interface Iface {
  name: string;
  ifindex: number;
  iflink: number;
  mac: string | null;
}

function ifaceSync(dir: string, name: string): Iface | undefined {
  const base = join(dir, name);
  const ifindex = text(join(base, 'ifindex'));
  if (ifindex === undefined) return undefined;
  return { name, ifindex: Number(ifindex), iflink: Number(text(join(base, 'iflink')) ?? ifindex), mac: text(join(base, 'address')) ?? null };
}

/** The same reads as src/host/links.ts readHostInterfaces, done with the sync fs calls. */
export function readHostInterfacesSync(sysClassNet = '/sys/class/net'): number {
  let n = 0;
  for (const name of readdirSync(sysClassNet)) {
    const iface = ifaceSync(sysClassNet, name);
    if (!iface) continue;
    let master: string | null = null;
    try {
      master = basename(readlinkSync(join(sysClassNet, name, 'master')));
    } catch {
      master = null;
    }
    const isBridge = existsSync(join(sysClassNet, name, 'bridge'));
    if (master !== null || isBridge || iface.iflink !== iface.ifindex) n++;
  }
  return n;
}

/** The same reads as readContainerInterfaces, sync. */
export function readContainerInterfacesSync(pid: number): number {
  const dir = join('/proc', String(pid), 'root', 'sys', 'class', 'net');
  try {
    const ifaces = readdirSync(dir).filter((n) => n !== 'lo').map((n) => ifaceSync(dir, n));
    readlinkSync(join('/proc', String(pid), 'ns', 'net'));
    return ifaces.length;
  } catch {
    return 0;
  }
}

export interface Experiments {
  /** controller.refresh() with util.inspect stubbed: the snapshot once docker-modem's line is gone. */
  snapshotStubbed: Summary;
  /** Host /sys/class/net plus every container's interfaces, read with sync fs calls. */
  hostSyncMs: number;
}

export async function runExperiments(controller: Controller, pids: readonly number[]): Promise<Experiments> {
  const snapshotStubbed = summarize(await withUtilInspectStubbed(() => measure(() => controller.refresh(), 2, 10)));
  const sync = await measure(() => {
    readHostInterfacesSync();
    for (const pid of pids) readContainerInterfacesSync(pid);
    return Promise.resolve();
  }, 2, 10);
  return { snapshotStubbed, hostSyncMs: median(sync.ms) };
}
