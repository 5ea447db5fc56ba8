// Which TCP ports a container listens on, from /proc/<pid>/net/tcp and tcp6 (its netns's view).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { procHexAddress } from './procfs';

/** Pure: the local ports of sockets in LISTEN state (st 0A) of a /proc/net/tcp{,6} table. */
export function parseListeningPorts(text: string): number[] {
  const ports = new Set<number>();
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    if (!local || cols[3] !== '0A') continue;
    ports.add(Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16));
  }
  return [...ports].sort((a, b) => a - b);
}

/** null when the tables cannot be read (not root for another user's process, or gone). */
export function readListeningPorts(pid: number, procRoot = '/proc'): number[] | null {
  const out = new Set<number>();
  let read = false;
  for (const table of ['tcp', 'tcp6']) {
    try {
      for (const p of parseListeningPorts(readFileSync(join(procRoot, String(pid), 'net', table), 'utf8'))) out.add(p);
      read = true;
    } catch {
      // tcp6 is absent without IPv6; both absent means we could not look.
    }
  }
  return read ? [...out].sort((a, b) => a - b) : null;
}

/** A listening socket of a /proc/net/{tcp,udp}{,6} table. */
export interface ListeningSocket {
  ip: string;
  port: number;
  inode: number;
}

/** Pure: listening sockets (TCP state 0A; for UDP every bound socket, state 07) with their inode. */
export function parseListeningSockets(text: string, udp = false): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    if (!local || cols[3] !== (udp ? '07' : '0A')) continue;
    const i = local.lastIndexOf(':');
    const ip = procHexAddress(local.slice(0, i));
    if (ip) out.push({ ip: ip.toString(), port: Number.parseInt(local.slice(i + 1), 16), inode: Number(cols[9]) });
  }
  return out;
}
