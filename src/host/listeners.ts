// Which TCP ports a container listens on, from /proc/<pid>/net/tcp and tcp6 (its netns's view).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Pure: little-endian hex words of /proc/net/* addresses → dotted IPv4 or compressed IPv6. */
function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    const n = Number.parseInt(hex, 16);
    return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
  }
  const groups: string[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    const bytes = [6, 4, 2, 0].map((i) => word.slice(i, i + 2));
    groups.push(`${bytes[0] ?? ''}${bytes[1] ?? ''}`, `${bytes[2] ?? ''}${bytes[3] ?? ''}`);
  }
  const full = groups.map((g) => g.replace(/^0+(?=.)/, '').toLowerCase()).join(':');
  if (full === '0:0:0:0:0:0:0:0') return '::';
  return full.replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Pure: listening sockets (TCP state 0A; for UDP every bound socket, state 07) with their inode. */
export function parseListeningSockets(text: string, udp = false): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    if (!local || cols[3] !== (udp ? '07' : '0A')) continue;
    const i = local.lastIndexOf(':');
    out.push({ ip: decodeAddress(local.slice(0, i)), port: Number.parseInt(local.slice(i + 1), 16), inode: Number(cols[9]) });
  }
  return out;
}
