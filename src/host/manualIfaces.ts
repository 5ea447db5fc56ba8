// Interfaces Docker did not make, read from a container's netns. Cheap first: /proc/<pid>/net/dev
// (a file, no spawn) lists the names; only a netns with more than lo + Docker's endpoints is asked
// with one `ip -j -d addr show` (through nsenter) for addresses, kinds and veth peers.
import { join } from 'node:path';
import type { Route } from '../shared/model';
import { readRoutes } from './links';
import { readText } from './procfs';

/** One interface of a container's netns as `ip -j -d addr` prints it (lo left out). */
export interface NetnsIface {
  name: string;
  ifindex: number;
  /** The veth peer's ifindex (in the peer's netns); null when it has none. */
  iflink: number | null;
  kind: string | null;
  mac: string | null;
  up: boolean;
  /** CIDRs: IPv4 and global IPv6. */
  addresses: string[];
}

export type ExtraIfacesResult = { ok: true; ifaces: NetnsIface[]; routes: Route[]; spawned: boolean } | { ok: false; error: string };

/** Pure: the interface names of a /proc/net/dev table, in order. */
export function parseNetDev(text: string): string[] {
  return text
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]?.trim() ?? '')
    .filter(Boolean);
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const optStr = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const optInt = (x: unknown): number | null => (typeof x === 'number' && Number.isInteger(x) ? x : null);

/** Pure: `ip -j -d addr show` → interfaces (lo excluded). Throws with a reason on output that is not that. */
export function parseIpAddrJson(text: string): NetnsIface[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('`ip -j addr` printed no JSON (iproute2 too old?)');
  }
  if (!Array.isArray(raw)) throw new Error('`ip -j addr` did not print a list');
  const list: unknown[] = raw;
  const out: NetnsIface[] = [];
  for (const l of list) {
    if (!isObj(l)) continue;
    const name = optStr(l.ifname);
    const ifindex = optInt(l.ifindex);
    if (name === null || ifindex === null || name === 'lo') continue;
    const flags: unknown[] = Array.isArray(l.flags) ? l.flags : [];
    const addrs: unknown[] = Array.isArray(l.addr_info) ? l.addr_info : [];
    const addresses = addrs.flatMap((a) => {
      if (!isObj(a)) return [];
      const local = optStr(a.local);
      const bits = optInt(a.prefixlen);
      const keep = a.family === 'inet' || (a.family === 'inet6' && a.scope === 'global');
      return keep && local !== null && bits !== null ? [`${local}/${bits}`] : [];
    });
    out.push({
      name,
      ifindex,
      iflink: optInt(l.link_index),
      kind: isObj(l.linkinfo) ? optStr(l.linkinfo.info_kind) : null,
      mac: optStr(l.address),
      up: flags.includes('UP'),
      addresses,
    });
  }
  return out;
}

/** A netns's interface names from /proc/<pid>/net/dev; null when unreadable. */
export function readNetDev(pid: number, procRoot = '/proc'): string[] | null {
  const text = readText(join(procRoot, String(pid), 'net', 'dev'));
  return text === undefined ? null : parseNetDev(text);
}

/** Whether a netns holds more than lo and Docker's endpoints: only then is it worth a spawn. */
export const hasExtra = (names: readonly string[], dockerEndpoints: number): boolean =>
  names.filter((n) => n !== 'lo').length > dockerEndpoints;

/** Its IPv4 routes (/proc/<pid>/net/route, no spawn); [] when unreadable. */
export const readPidRoutes = (pid: number, procRoot = '/proc'): Route[] => readRoutes(join(procRoot, String(pid), 'net')) ?? [];
