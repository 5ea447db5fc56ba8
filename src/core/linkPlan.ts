// Pure: the `ip` commands that make or remove a hand-made link (tutorial 003's `--net=none` + veth,
// and its point-to-point link), in order, each with its undo. The same argv lists are run (by
// host/netnsPlumbing.ts) and shown to the user as "the equivalent ip commands".

/** Where a command runs: the engine's netns (pid null: it is ours), or a container's, by its pid. */
export type NetnsRef = { kind: 'engine'; pid: number | null } | { kind: 'container'; name: string; pid: number };

/** How a netns is entered: as root (`nsenter -t pid -n`), or as a rootless engine's own user (`-U`). */
export type EnterMode = 'root' | 'userns';

export interface IpStep {
  where: NetnsRef;
  /** The arguments after `ip`. */
  args: string[];
  /** Run, best effort, when a later step fails: deleting either end of a veth deletes the pair. */
  undo?: { where: NetnsRef; args: string[] };
}

export interface LinkEnd {
  container: string;
  pid: number;
  /** The interface's final name inside the container. */
  ifname: string;
  /** CIDR, e.g. 10.1.1.1/32. */
  address: string;
}

const IFNAMSIZ = 15;

/** 32-bit FNV-1a as 8 hex digits: short deterministic names (no node crypto needed). */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** What the kernel accepts in a name: no '/', ':', spaces; ≤ 15 bytes. */
const clean = (s: string): string => s.replace(/[^A-Za-z0-9_.-]/g, '');

/**
 * A link end's name in a container: `p2p-<peer name>`, its last 11 characters when longer (names
 * of a set tend to differ at the end: web-1, web-2), or `p2p-<hash>` when that is taken.
 */
export function p2pIfname(peerName: string, peerId: string, taken: ReadonlySet<string>): string {
  const byName = `p2p-${clean(peerName).slice(-(IFNAMSIZ - 4))}`;
  return byName.length > 4 && !taken.has(byName) ? byName : `p2p-${shortHash(peerId)}`;
}

/** An attached container's end: `dne-<bridge…>` (dne-docker0, dne-br-1a2b3c4d). */
export const attachIfname = (bridge: string): string => `dne-${clean(bridge)}`.slice(0, IFNAMSIZ);

/** Temporary names in the engine's netns, unique per pair, so two containers' names never clash there. */
export function tempNames(key: string): { a: string; b: string; host: string } {
  const h = shortHash(key);
  return { a: `dne${h}a`, b: `dne${h}b`, host: `dne${h}h` };
}

const bare = (cidr: string): string => cidr.split('/')[0] ?? cidr;

/** veth pair made in the engine's netns, one end moved into each container, /32 route to the other. */
export function planLink(engine: NetnsRef, a: LinkEnd, b: LinkEnd, key: string): IpStep[] {
  const tmp = tempNames(key);
  const at = (e: LinkEnd): NetnsRef => ({ kind: 'container', name: e.container, pid: e.pid });
  const end = (e: LinkEnd, t: string, peer: LinkEnd): IpStep[] => [
    { where: at(e), args: ['link', 'set', 'dev', t, 'name', e.ifname], undo: { where: at(e), args: ['link', 'del', 'dev', e.ifname] } },
    { where: at(e), args: ['addr', 'add', e.address, 'dev', e.ifname] },
    { where: at(e), args: ['link', 'set', 'dev', e.ifname, 'up'] },
    { where: at(e), args: ['route', 'add', `${bare(peer.address)}/32`, 'dev', e.ifname] },
  ];
  return [
    {
      where: engine,
      args: ['link', 'add', tmp.a, 'type', 'veth', 'peer', 'name', tmp.b],
      undo: { where: engine, args: ['link', 'del', 'dev', tmp.a] },
    },
    {
      where: engine,
      args: ['link', 'set', 'dev', tmp.a, 'netns', String(a.pid)],
      undo: { where: at(a), args: ['link', 'del', 'dev', tmp.a] },
    },
    { where: engine, args: ['link', 'set', 'dev', tmp.b, 'netns', String(b.pid)] },
    ...end(a, tmp.a, b),
    ...end(b, tmp.b, a),
  ];
}

export interface AttachPlanInput {
  container: string;
  pid: number;
  bridge: string;
  /** CIDR with the subnet's prefix, e.g. 172.17.0.200/16. */
  address: string;
  gateway: string;
  /** Add `default via gateway` only when the container has no default route yet. */
  defaultRoute: boolean;
  key: string;
}

/** veth made in the engine's netns, its host end enslaved to the bridge, the other end in the container. */
export function planAttach(engine: NetnsRef, p: AttachPlanInput): IpStep[] {
  const tmp = tempNames(p.key);
  const ifname = attachIfname(p.bridge);
  const c: NetnsRef = { kind: 'container', name: p.container, pid: p.pid };
  return [
    {
      where: engine,
      args: ['link', 'add', tmp.host, 'type', 'veth', 'peer', 'name', tmp.a],
      // The host end stays in the engine's netns: deleting it removes the pair, wherever the other end is.
      undo: { where: engine, args: ['link', 'del', 'dev', tmp.host] },
    },
    { where: engine, args: ['link', 'set', 'dev', tmp.host, 'master', p.bridge] },
    { where: engine, args: ['link', 'set', 'dev', tmp.host, 'up'] },
    { where: engine, args: ['link', 'set', 'dev', tmp.a, 'netns', String(p.pid)] },
    { where: c, args: ['link', 'set', 'dev', tmp.a, 'name', ifname] },
    { where: c, args: ['addr', 'add', p.address, 'dev', ifname] },
    { where: c, args: ['link', 'set', 'dev', ifname, 'up'] },
    ...(p.defaultRoute ? [{ where: c, args: ['route', 'add', 'default', 'via', p.gateway, 'dev', ifname] }] : []),
  ];
}

/** Deleting one end of a veth deletes the pair (and its addresses and routes). */
export function planRemove(container: string, pid: number, ifname: string): IpStep[] {
  return [{ where: { kind: 'container', name: container, pid }, args: ['link', 'del', 'dev', ifname] }];
}

/** The argv that runs `ip <args>` in a netns: plainly in ours, else through nsenter. */
export function ipArgv(where: NetnsRef, args: readonly string[], mode: EnterMode): string[] {
  const pid = where.pid;
  if (pid === null) return ['ip', ...args];
  const enter =
    mode === 'userns' ? ['nsenter', '-U', '--preserve-credentials', '-n', '-t', String(pid)] : ['nsenter', '-t', String(pid), '-n'];
  return [...enter, '--', 'ip', ...args];
}
