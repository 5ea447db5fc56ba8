// Finds the engine's own network namespace: the process that listens on its unix socket, then its
// /proc/<pid>/ns/net. Every host fact is read there. Reads /proc only; nothing is spawned.
import { dirname, join } from 'node:path';
import type { EngineNetns } from '../shared/model';
import { comm, pids, ppidOf, readLink, readText, socketInodes } from './procfs';

/** Where the engine lives and how to read its netns. */
export interface EngineLocation extends EngineNetns {
  /** The engine process is in another user namespace that we may enter (rootless Docker). */
  userns: boolean;
  /**
   * The engine runs in a PID namespace nested in ours (DinD with its own pid ns, rootlesskit
   * --pidns): the container pids it reports are not this machine's, so none is read.
   */
  pidnsNested: boolean;
  /** /proc/<pid>/stat start time, to notice a restarted engine. */
  startTime: string | null;
}

/** Flag __SO_ACCEPTCON in /proc/net/unix: the socket listens. */
const ACCEPTCON = 0x10000;

/** Pure: inodes of listening unix sockets bound to `path` in a /proc/net/unix table. */
export function listeningInodes(table: string, path: string): number[] {
  const want = new Set(pathVariants(path));
  const out: number[] = [];
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const [, , , flags, , , inode, bound] = cols;
    if (!bound || !flags || !inode) continue;
    if ((Number.parseInt(flags, 16) & ACCEPTCON) === 0) continue;
    if (want.has(bound)) out.push(Number(inode));
  }
  return out;
}

/** /var/run is a link to /run on every current distribution: a socket may be bound by either name. */
export function pathVariants(path: string): string[] {
  if (path.startsWith('/var/run/')) return [path, path.slice('/var'.length)];
  if (path.startsWith('/run/')) return [path, `/var${path}`];
  return [path];
}

/** Pure: the inode of a namespace link such as `net:[4026531840]`. */
export function nsInode(link: string): number | null {
  const m = /^\w+:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : null;
}

/** Does this pid hold one of the socket inodes? undefined when its fds are not ours to read. */
function holdsSocket(procRoot: string, pid: number, inodes: ReadonlySet<number>): boolean | undefined {
  const held = socketInodes(procRoot, pid);
  return held === undefined ? undefined : [...inodes].some((i) => held.has(i));
}

/** Pid files that may name the engine: next to the socket, the rootless one, the system one. */
function pidFileCandidates(socketPath: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const files = [join(dirname(socketPath), 'docker.pid')];
  if (env.XDG_RUNTIME_DIR) files.push(join(env.XDG_RUNTIME_DIR, 'docker.pid'));
  files.push('/var/run/docker.pid', '/run/docker.pid');
  return [...new Set(files)];
}

function startTime(procRoot: string, pid: number): string | null {
  const stat = readText(join(procRoot, String(pid), 'stat'));
  if (!stat) return null;
  // Field 22 (starttime) comes after the parenthesised comm, which may contain spaces.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

/** Pure: how many PID namespaces deep a process is, from the NSpid line of /proc/<pid>/status. */
export function nsPidDepth(status: string): number {
  const line = status.split('\n').find((l) => l.startsWith('NSpid:'));
  return line ? line.slice('NSpid:'.length).trim().split(/\s+/).length : 1;
}

/** Pure: the unix sockets a dockerd command line serves (-H/--host); the default when none is given. */
export function dockerdSockets(argv: readonly string[]): string[] {
  const hosts: string[] = [];
  argv.forEach((a, i) => {
    if (a === '-H' || a === '--host') hosts.push(argv[i + 1] ?? '');
    else if (a.startsWith('-H=') || a.startsWith('--host=')) hosts.push(a.slice(a.indexOf('=') + 1));
    else if (a.startsWith('-H') && a.length > 2) hosts.push(a.slice(2));
  });
  // No -H, or systemd's fd:// (docker.socket): the default socket.
  if (!hosts.length || hosts.some((h) => h.startsWith('fd://'))) hosts.push('unix:///var/run/docker.sock');
  return hosts.filter((h) => h.startsWith('unix://')).flatMap((h) => pathVariants(h.slice('unix://'.length)));
}

/** rootlesskit among the first few ancestors: a rootless Docker, not some other user namespace. */
function underRootlesskit(procRoot: string, pid: number): boolean {
  let p: number | null = pid;
  for (let n = 0; n < 6 && p !== null && p > 1; n++) {
    p = ppidOf(procRoot, p);
    if (p !== null && comm(procRoot, p) === 'rootlesskit') return true;
  }
  return false;
}

export interface LocateOptions {
  procRoot?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Locates the engine behind a unix socket. Order: a listener in our own netns (then the owner pid
 * by its fds); else the candidates (pid files, dockerd processes) whose own netns lists the socket
 * as listening, confirmed by their fds where readable. A pid file alone is never trusted.
 */
export function locateEngine(socketPath: string, opts: LocateOptions = {}): EngineLocation {
  const procRoot = opts.procRoot ?? '/proc';
  const env = opts.env ?? process.env;
  const ownNs = nsInode(readLink(join(procRoot, 'self', 'ns', 'net')) ?? '');
  const ownUserNs = nsInode(readLink(join(procRoot, 'self', 'ns', 'user')) ?? '');
  const here = new Set(listeningInodes(readText(join(procRoot, 'self', 'net', 'unix')) ?? '', socketPath));
  const fromFiles = pidFileCandidates(socketPath, env).flatMap((f) => {
    const n = Number((readText(f) ?? '').trim());
    return Number.isInteger(n) && n > 0 ? [n] : [];
  });
  const all = pids(procRoot);
  const dockerds = all.filter((p) => comm(procRoot, p) === 'dockerd');
  const candidates = [...new Set([...fromFiles, ...dockerds])];

  const unknown = (how: string): EngineLocation => ({
    pid: null,
    inode: null,
    same: false,
    kind: 'unknown',
    how,
    userns: false,
    pidnsNested: false,
    startTime: null,
  });

  const finish = (pid: number, same: boolean | null, how: string): EngineLocation => {
    const inode = nsInode(readLink(join(procRoot, String(pid), 'ns', 'net')) ?? '');
    const userNs = nsInode(readLink(join(procRoot, String(pid), 'ns', 'user')) ?? '');
    const isSame = same ?? (inode !== null && inode === ownNs);
    const userns = userNs !== null && ownUserNs !== null && userNs !== ownUserNs;
    const kind = isSame ? 'host' : userns && underRootlesskit(procRoot, pid) ? 'rootless' : inode === null ? 'unknown' : 'other';
    const pidnsNested = nsPidDepth(readText(join(procRoot, String(pid), 'status')) ?? '') > 1;
    return {
      pid,
      inode: inode ?? (isSame ? ownNs : null),
      same: isSame,
      kind,
      how,
      userns,
      pidnsNested,
      startTime: startTime(procRoot, pid),
    };
  };

  if (here.size) {
    // The listener lives in our netns. Its owner is the process holding the socket: dockerd (with
    // systemd too for socket activation). Anything else (ssh -L, socat, Docker Desktop's backend)
    // relays to an engine elsewhere, and our netns is not that engine's.
    let unreadable = false;
    const holdersAmong = (ps: readonly number[]): number[] =>
      ps.filter((p) => {
        const h = holdsSocket(procRoot, p, here);
        if (h === undefined) unreadable = true;
        return h === true;
      });
    let holders = holdersAmong(candidates);
    if (!holders.some((p) => comm(procRoot, p) === 'dockerd'))
      holders = [...holders, ...holdersAmong(all.filter((p) => !candidates.includes(p)))];
    const owner = holders.find((p) => comm(procRoot, p) === 'dockerd');
    if (owner !== undefined) return finish(owner, true, `pid ${owner} (dockerd) listens on ${socketPath} in this network namespace`);
    const relay = holders.find((p) => p !== 1) ?? holders[0];
    if (relay !== undefined) {
      return unknown(
        `${socketPath} is held by pid ${relay} (${comm(procRoot, relay)}), not by a dockerd: it relays to an engine elsewhere (ssh, socat, a VM such as Docker Desktop), whose host facts are not this machine's.`,
      );
    }
    // Not ours to read (root's dockerd, we are in the docker group): a dockerd named by a pid file,
    // in this netns (its /proc/<pid>/net/unix has the same listening inode) and serving this path.
    const hint = unreadable
      ? fromFiles.find(
          (p) =>
            comm(procRoot, p) === 'dockerd' &&
            listeningInodes(readText(join(procRoot, String(p), 'net', 'unix')) ?? '', socketPath).some((i) => here.has(i)) &&
            dockerdSockets(readText(join(procRoot, String(p), 'cmdline'))?.split('\0') ?? []).includes(socketPath),
        )
      : undefined;
    if (hint !== undefined) {
      return {
        pid: hint,
        inode: ownNs,
        same: true,
        kind: 'host',
        how: `${socketPath} listens in this network namespace (/proc/net/unix), and dockerd ${hint} (pid file, its command line) serves it`,
        userns: false,
        pidnsNested: nsPidDepth(readText(join(procRoot, String(hint), 'status')) ?? '') > 1,
        startTime: startTime(procRoot, hint),
      };
    }
    return unknown(
      `${socketPath} listens in this network namespace, but its owner could not be seen (${unreadable ? "other users' fds are not readable, and no dockerd pid file names it" : 'no process holds it'}): host facts are not shown rather than guessed.`,
    );
  }

  for (const pid of candidates) {
    const theirs = new Set(listeningInodes(readText(join(procRoot, String(pid), 'net', 'unix')) ?? '', socketPath));
    if (!theirs.size) continue;
    const holds = holdsSocket(procRoot, pid, theirs);
    if (holds === false) continue;
    // Where the fds are not readable, the socket listening in that pid's own netns is the evidence.
    const how = holds
      ? `pid ${pid} (${comm(procRoot, pid)}) listens on ${socketPath} in its own network namespace`
      : `${socketPath} listens in the network namespace of pid ${pid} (${comm(procRoot, pid)}; its fds are not readable)`;
    return finish(pid, null, how);
  }
  return unknown(
    `No process on this machine was found listening on ${socketPath} (checked /proc/net/unix, ${candidates.length} dockerd/pid-file candidate(s)): the engine may run in a VM or another PID namespace.`,
  );
}

/** Is the engine located earlier still the same process? */
export function stillRunning(loc: EngineLocation, procRoot = '/proc'): boolean {
  return loc.pid !== null && loc.startTime !== null && startTime(procRoot, loc.pid) === loc.startTime;
}
