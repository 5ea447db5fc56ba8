// Rootless Docker's plumbing around the engine's netns, read from /proc (no spawn): the rootlesskit
// process above dockerd, its port driver's listeners in the host's netns, and slirp4netns (tap0).
import { join } from 'node:path';
import type { RootlessFacts } from '../shared/model';
import { parseListeningSockets } from './listeners';
import { argv, comm, pids, ppidOf, readText, socketInodes } from './procfs';

/** Pure: `--name=value` or `--name value` from an argv. */
export function flag(args: readonly string[], name: string): string | null {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1] ?? null;
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : null;
}

/** Is `pid` the slirp4netns started for rootlesskit's child `child`? */
function isSlirpFor(procRoot: string, pid: number, child: number | null): boolean {
  if (child === null || comm(procRoot, pid) !== 'slirp4netns') return false;
  const a = argv(procRoot, pid);
  return a[a.length - 2] === String(child);
}

/**
 * Facts of a rootless engine whose dockerd is `enginePid`; null when no rootlesskit is above it.
 * `slirpHint`: the slirp4netns pid found last time, checked before all of /proc is scanned again.
 */
export function readRootless(enginePid: number, procRoot = '/proc', slirpHint: number | null = null): RootlessFacts | null {
  // dockerd ← rootlesskit child (/proc/self/exe) ← rootlesskit parent, in the host's netns.
  const chain: number[] = [];
  let rk: number | null = null;
  for (let p = ppidOf(procRoot, enginePid), n = 0; p !== null && p > 1 && n < 6; p = ppidOf(procRoot, p), n++) {
    chain.push(p);
    if (comm(procRoot, p) === 'rootlesskit') {
      rk = p;
      break;
    }
  }
  if (rk === null) return null;
  const args = argv(procRoot, rk);
  const child = chain[chain.length - 2] ?? null;
  // slirp4netns is started with the child's pid and the tap name as its last two arguments.
  const candidates = slirpHint !== null && isSlirpFor(procRoot, slirpHint, child) ? [slirpHint] : pids(procRoot);
  const slirpPid = candidates.find((p) => isSlirpFor(procRoot, p, child));
  const slirp = slirpPid === undefined ? null : { pid: slirpPid, tap: argv(procRoot, slirpPid).at(-1) ?? 'tap0' };
  const mine = socketInodes(procRoot, rk) ?? new Set<number>();
  const listeners: RootlessFacts['listeners'] = [];
  for (const [table, protocol] of [
    ['tcp', 'tcp'],
    ['tcp6', 'tcp'],
    ['udp', 'udp'],
    ['udp6', 'udp'],
  ] as const) {
    for (const s of parseListeningSockets(readText(join(procRoot, String(rk), 'net', table)) ?? '', protocol === 'udp')) {
      if (mine.has(s.inode)) listeners.push({ hostIp: s.ip, hostPort: s.port, protocol, pid: rk });
    }
  }
  listeners.sort((a, b) => a.hostPort - b.hostPort || a.hostIp.localeCompare(b.hostIp));
  return {
    rootlesskitPid: rk,
    netDriver: flag(args, 'net'),
    portDriver: flag(args, 'port-driver'),
    slirp4netnsPid: slirp?.pid ?? null,
    tap: slirp?.tap ?? null,
    listeners,
  };
}
