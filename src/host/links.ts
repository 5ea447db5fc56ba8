// Reads interfaces from sysfs without spawning anything: the host's /sys/class/net, and each
// container's through /proc/<pid>/root/sys/class/net (its own sysfs, mounted in its netns).
// Sync on purpose: these are in-memory pseudo-files, and the async API cost four thread-pool
// trips per file (2x slower at 100 containers, bench/profile.ts). Only needed files are read.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { HostInterface, Route } from '../shared/model';
import type { NetnsInterface } from './linkMapping';
import { procHexAddress, readLink, readText as readRaw } from './procfs';

const readText = (path: string): string | undefined => readRaw(path)?.trim();

function readHostInterface(sysClassNet: string, name: string): HostInterface | undefined {
  const base = join(sysClassNet, name);
  const ifindex = readText(join(base, 'ifindex'));
  if (ifindex === undefined) return undefined;
  const iflink = readText(join(base, 'iflink'));
  const master = readMaster(sysClassNet, name);
  const index = Number(ifindex);
  const link = Number(iflink ?? ifindex);
  const kind = existsSync(join(base, 'bridge')) ? 'bridge' : link !== index ? 'veth' : 'other';
  const mtu = Number(readText(join(base, 'mtu')) ?? Number.NaN);
  return { name, ifindex: index, iflink: link, mac: null, master, kind, mtu: Number.isInteger(mtu) ? mtu : null };
}

/**
 * The host's interfaces with their bridge (master) and kind. With `known`, interfaces seen before
 * are reused and only new names are read (veth names are random, so a name is one interface).
 */
export function readHostInterfaces(sysClassNet = '/sys/class/net', known?: ReadonlyMap<string, HostInterface>): HostInterface[] {
  const out: HostInterface[] = [];
  for (const name of readdirSync(sysClassNet)) {
    const hit = known?.get(name);
    const iface = hit && hit.kind !== 'bridge' ? { ...hit, master: readMaster(sysClassNet, name) } : readHostInterface(sysClassNet, name);
    if (iface) out.push(iface);
  }
  return out;
}

/** A port can move between bridges (brctl addif), so master is always read again. */
function readMaster(sysClassNet: string, name: string): string | null {
  const link = readLink(join(sysClassNet, name, 'master'));
  return link === undefined ? null : basename(link);
}

export type ContainerLinksResult = { ok: true; ifaces: NetnsInterface[] } | { ok: false; error: string };

/** A container's interfaces (lo excluded), read as root through its pid's root. */
export function readContainerInterfaces(pid: number, procRoot = '/proc'): ContainerLinksResult {
  const dir = join(procRoot, String(pid), 'root', 'sys', 'class', 'net');
  try {
    const ifaces: NetnsInterface[] = [];
    for (const name of readdirSync(dir)) {
      if (name === 'lo') continue;
      const iflink = readText(join(dir, name, 'iflink'));
      if (iflink !== undefined) ifaces.push({ name, iflink: Number(iflink), mac: readText(join(dir, name, 'address')) ?? null });
    }
    return { ok: true, ifaces };
  } catch (err) {
    return { ok: false, error: (err as { code?: string }).code ?? 'error' };
  }
}

export function readIpForward(procRoot = '/proc'): boolean | null {
  const v = readText(join(procRoot, 'sys', 'net', 'ipv4', 'ip_forward'));
  return v === undefined ? null : v === '1';
}

/**
 * Pure: ip_forward from /proc/<pid>/net/snmp ("Ip: Forwarding" is 1 when forwarding, 2 when not).
 * /proc/sys shows only the reader's netns; snmp shows any pid's, with no spawn.
 */
export function parseSnmpForwarding(text: string): boolean | null {
  const lines = text.split('\n').filter((l) => l.startsWith('Ip:'));
  const names = lines[0]?.trim().split(/\s+/) ?? [];
  const values = lines[1]?.trim().split(/\s+/) ?? [];
  const v = values[names.indexOf('Forwarding')];
  return v === '1' ? true : v === '2' ? false : null;
}

/** Pure: the IPv4 routes of a /proc/net/route table (hex little-endian addresses). */
export function parseRoutes(text: string): Route[] {
  const out: Route[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [iface, dest, gw, flags, , , metric, mask] = line.trim().split(/\s+/);
    if (!iface || !dest || !gw || !mask || !flags) continue;
    // RTF_UP (1): only routes in use.
    if ((Number.parseInt(flags, 16) & 1) === 0) continue;
    const destination = procHexAddress(dest);
    const via = procHexAddress(gw);
    const bits = procHexAddress(mask)?.prefixLengthFromSubnetMask() ?? null;
    if (!destination || !via || bits === null) continue;
    out.push({
      destination: `${destination.toString()}/${bits}`,
      gateway: via.range() === 'unspecified' ? null : via.toString(),
      interface: iface,
      metric: Number(metric ?? 0),
    });
  }
  return out;
}

/** Pure: the default route of /proc/net/route. */
export function parseDefaultRoute(text: string): { interface: string; gateway: string | null } | null {
  const r = parseRoutes(text).find((x) => x.destination === '0.0.0.0/0');
  return r ? { interface: r.interface, gateway: r.gateway } : null;
}

/** Routes of a netns: /proc/net (ours) or /proc/<pid>/net (any process's, no spawn). */
export function readRoutes(netDir: string): Route[] | null {
  const text = readText(join(netDir, 'route'));
  return text === undefined ? null : parseRoutes(text);
}

export function readSnmpForwarding(netDir: string): boolean | null {
  const text = readText(join(netDir, 'snmp'));
  return text === undefined ? null : parseSnmpForwarding(text);
}

/** Pure: the interface names of a /proc/net/dev table, sorted and joined (a cheap change check). */
export function parseNetDevNames(text: string): string {
  return text
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]?.trim() ?? '')
    .filter(Boolean)
    .sort()
    .join(' ');
}

export function readNetDevNames(netDir: string): string | null {
  const text = readText(join(netDir, 'dev'));
  return text === undefined ? null : parseNetDevNames(text);
}
