// Small /proc readers shared by the engine locator and the rootless reader: each returns
// undefined/null/empty when the file is gone or not ours to read, never throws.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';

export const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

export const readLink = (path: string): string | undefined => {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
};

const of = (procRoot: string, pid: number, ...rest: string[]): string => join(procRoot, String(pid), ...rest);

export const comm = (procRoot: string, pid: number): string => (readText(of(procRoot, pid, 'comm')) ?? '').trim();

export const argv = (procRoot: string, pid: number): string[] => (readText(of(procRoot, pid, 'cmdline')) ?? '').split('\0').filter(Boolean);

/** Pure: the parent pid from /proc/<pid>/stat (after the parenthesised comm, which may hold spaces). */
export function parsePpid(stat: string): number | null {
  const n = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(n) ? n : null;
}

export const ppidOf = (procRoot: string, pid: number): number | null => parsePpid(readText(of(procRoot, pid, 'stat')) ?? '');

export function pids(procRoot: string): number[] {
  try {
    return readdirSync(procRoot)
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
}

/** Socket inodes a process holds; undefined when its fds are not ours to read. */
export function socketInodes(procRoot: string, pid: number): Set<number> | undefined {
  let fds: string[];
  try {
    fds = readdirSync(of(procRoot, pid, 'fd'));
  } catch {
    return undefined;
  }
  const out = new Set<number>();
  for (const fd of fds) {
    const m = /^socket:\[(\d+)\]$/.exec(readLink(of(procRoot, pid, 'fd', fd)) ?? '');
    if (m) out.add(Number(m[1]));
  }
  return out;
}

/**
 * Pure: an address of /proc/net/{route,tcp,udp,tcp6,udp6}. The kernel prints it as 32-bit words in
 * host byte order (little-endian here): 8 hex digits for IPv4, 32 for IPv6. Null when malformed.
 */
export function procHexAddress(hex: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!/^(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{32})$/.test(hex)) return null;
  return ipaddr.fromByteArray([...Buffer.from(hex, 'hex').swap32()]);
}
