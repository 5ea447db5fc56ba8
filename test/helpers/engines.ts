// The engines the engine layer runs on (scripts/test.sh runs it once per engine). Mirrors the
// defaults in scripts/lib.sh; the same environment variables override both.
//   system   - the system's docker.io in the host's network namespace
//   docker28 - Debian unstable's newest docker.io in its own netns (dne-e28), its own containerd,
//              reached from the host over a veth pair (host 198.18.28.1, netns 198.18.28.2)
//   rootless - the system's dockerd under rootlesskit + slirp4netns, run by the user dne-rootless
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type EngineName = 'system' | 'docker28' | 'rootless';

export interface EngineUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface Engine {
  name: EngineName;
  /** unix:///… for DOCKER_HOST and the CLI. */
  dockerHost: string;
  socketPath: string;
  /** Where the engine's network namespace is: the host's, a netns of its own (root), rootlesskit's. */
  netns: 'host' | 'own' | 'rootless';
  /** The dockerd pid file (null: the system engine writes none we rely on; its pid is the socket's listener). */
  pidFile: string | null;
  /** docker28: the named netns and the veth pair's two ends. */
  netnsName?: string;
  hostIf?: string;
  netnsIf?: string;
  hostAddress?: string;
  netnsAddress?: string;
  /** The user whose engine this is (root, or the rootless user). */
  user: string;
}

const env = (k: string, d: string): string => process.env[k] || d;

const E28_RUN = env('DNE_E28_RUN', '/run/dne-e28');
export const ROOTLESS_USER = env('DNE_ROOTLESS_USER', 'dne-rootless');

function passwd(name: string): EngineUser | null {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 7) return { name, uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '/' };
  }
  return null;
}

/** The rootless user's uid; -1 when the user does not exist (provision.sh creates it). */
function rootlessUid(): number {
  return passwd(ROOTLESS_USER)?.uid ?? -1;
}

const systemSock = env('DNE_DOCKER_SOCK', '/var/run/docker.sock');
const e28Sock = env('DNE_E28_SOCK', `${E28_RUN}/docker.sock`);
const rootlessRuntime = (): string => `/run/user/${rootlessUid()}`;

export const ENGINES: readonly Engine[] = [
  { name: 'system', dockerHost: `unix://${systemSock}`, socketPath: systemSock, netns: 'host', pidFile: null, user: 'root' },
  {
    name: 'docker28',
    dockerHost: `unix://${e28Sock}`,
    socketPath: e28Sock,
    netns: 'own',
    pidFile: env('DNE_E28_PIDFILE', `${E28_RUN}/docker.pid`),
    netnsName: env('DNE_E28_NETNS', 'dne-e28'),
    hostIf: env('DNE_E28_HOST_IF', 'dne-e28-h'),
    netnsIf: env('DNE_E28_NS_IF', 'dne-e28-n'),
    hostAddress: env('DNE_E28_HOST_ADDR', '198.18.28.1'),
    netnsAddress: env('DNE_E28_NS_ADDR', '198.18.28.2'),
    user: 'root',
  },
  {
    name: 'rootless',
    dockerHost: `unix://${rootlessRuntime()}/docker.sock`,
    socketPath: `${rootlessRuntime()}/docker.sock`,
    netns: 'rootless',
    pidFile: `${rootlessRuntime()}/docker.pid`,
    user: ROOTLESS_USER,
  },
];

/**
 * The engine this run tests: DNE_TEST_ENGINE; without it the engine whose socket DOCKER_HOST
 * names; else 'system'. An unknown name, or a DOCKER_HOST that is none of them, fails loudly
 * (the docker CLI and the product would otherwise test two different engines).
 */
export function currentEngine(): Engine {
  const names = ENGINES.map((x) => x.name).join(', ');
  const name = process.env.DNE_TEST_ENGINE;
  if (name) {
    const e = ENGINES.find((x) => x.name === name);
    if (!e) throw new Error(`DNE_TEST_ENGINE=${name} is not an engine: one of ${names}`);
    return e;
  }
  const host = process.env.DOCKER_HOST;
  if (host) {
    const e = ENGINES.find((x) => x.dockerHost === host);
    if (!e) throw new Error(`DOCKER_HOST=${host} is none of the test engines (${names}): set DNE_TEST_ENGINE, or unset DOCKER_HOST`);
    return e;
  }
  const system = ENGINES[0];
  if (!system) throw new Error('no engines');
  return system;
}

/** `[docker28] title`: every engine test names the engine it ran on. */
export const onEngine = (title: string): string => `[${currentEngine().name}] ${title}`;

/** The environment that points the product (createController, the CLI) at the current engine. */
export function engineEnv(): Record<string, string> {
  return { DOCKER_HOST: currentEngine().dockerHost };
}

/** The pid of the process that listens on a unix socket path: /proc/net/unix (listening flag) → /proc/<pid>/fd. */
function socketListenerPid(path: string, netUnix = '/proc/net/unix'): number | null {
  const inodes = new Set<string>();
  // /var/run is a link to /run: the socket may be bound by either name.
  const names = new Set([path, path.startsWith('/var/run/') ? path.slice(4) : `/var${path}`]);
  for (const line of readFileSync(netUnix, 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // Num RefCount Protocol Flags Type St Inode Path; flags 00010000 = listening (__SO_ACCEPTCON).
    if (f[7] && names.has(f[7]) && f[3] === '00010000' && f[6]) inodes.add(f[6]);
  }
  if (!inodes.size) return null;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m?.[1] && inodes.has(m[1])) return Number(pid);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return null;
}

function pidFromFile(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`${file} holds no pid`);
  try {
    process.kill(pid, 0);
  } catch (err) {
    throw new Error(`the dockerd of ${file} (pid ${pid}) is not running: run scripts/provision.sh. ${String(err)}`);
  }
  return pid;
}

/**
 * The dockerd pid of the engine (its netns is the engine's): for system the process listening on
 * the socket, for docker28 /run/dne-e28/docker.pid, for rootless $XDG_RUNTIME_DIR/docker.pid.
 */
export function engineNetnsPid(e: Engine = currentEngine()): number {
  if (e.pidFile) return pidFromFile(e.pidFile);
  const pid = socketListenerPid(e.socketPath);
  if (pid === null) throw new Error(`no process listens on ${e.socketPath}: is the ${e.name} engine running? (scripts/provision.sh)`);
  return pid;
}

/** The user whose engine this is, with the ids and home to run the CLI with that user's own privileges. */
export function engineUser(e: Engine = currentEngine()): EngineUser {
  if (e.user === 'root') return { name: 'root', uid: 0, gid: 0, home: '/root' };
  const u = passwd(e.user);
  if (!u) throw new Error(`user ${e.user} does not exist: run scripts/provision.sh (it creates it)`);
  return u;
}

/** setpriv argv prefix that runs a command as the engine's user (nothing for root). */
export function asEngineUser(e: Engine = currentEngine()): string[] {
  const u = engineUser(e);
  return u.uid === 0 ? [] : ['setpriv', `--reuid=${u.uid}`, `--regid=${u.gid}`, '--init-groups'];
}

/**
 * The nsenter argv prefix into the engine's network namespace. Root enters any netns with `-n`
 * (it holds CAP_NET_ADMIN over the user namespaces below it). The rootless user enters its own
 * engine's netns through the engine's user namespace: `-U --preserve-credentials -n`. (Root
 * cannot use that form: host uid 0 is not mapped in rootlesskit's userns, so execve drops the
 * capabilities and iptables-save is refused.)
 */
export function engineNsenter(opts: { asEngineUser?: boolean } = {}, e: Engine = currentEngine()): string[] {
  const pid = String(engineNetnsPid(e));
  if (opts.asEngineUser && e.netns === 'rootless')
    return [...asEngineUser(e), 'nsenter', '-U', '--preserve-credentials', '-n', '-t', pid, '--'];
  return ['nsenter', '-t', pid, '-n', '--'];
}

/** Runs argv in the engine's network namespace; stdout, trimmed. Rejects when it fails. */
export async function inEngineNetns(argv: string[], opts: { asEngineUser?: boolean } = {}): Promise<string> {
  const [cmd, ...args] = [...engineNsenter(opts), ...argv];
  const { stdout } = await run(cmd ?? 'nsenter', args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** Runs argv in the host's (this process's) network namespace. */
export async function inHostNetns(argv: string[]): Promise<string> {
  const [cmd, ...args] = argv;
  const { stdout } = await run(cmd ?? 'true', args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/**
 * How a client outside the engine's netns (in the host netns, where the tests run) reaches a
 * published port; null when it cannot:
 * - system: the host's own loopback (the port is the host's);
 * - docker28: the netns end of the veth (198.18.28.2), through the engine's DNAT; a port published
 *   on 127.0.0.1 is the engine netns's loopback and does not answer from outside (null);
 * - rootless: 127.0.0.1 in the host netns, where rootlesskit's port driver listens for it (on
 *   the same host IP, loopback ones too).
 */
export function outsideClientAddress(
  publishedPort: number,
  hostIp = '0.0.0.0',
  e: Engine = currentEngine(),
): { host: string; port: number } | null {
  const loopback = hostIp === '127.0.0.1' || hostIp === '::1';
  switch (e.name) {
    case 'system':
    case 'rootless':
      return { host: '127.0.0.1', port: publishedPort };
    case 'docker28':
      return loopback ? null : { host: e.netnsAddress ?? '198.18.28.2', port: publishedPort };
  }
}

/** The firewall layout a Docker version writes (src/shared/firewall.ts DockerLayout). */
export function expectedDockerLayout(version: string): string {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.+~-]/).map(Number);
  if (major < 28) return 'docker-20.10-27';
  if (major === 28) return minor === 0 && patch === 0 ? 'docker-28.0.0' : 'docker-28.0.1+';
  return 'docker-29';
}
