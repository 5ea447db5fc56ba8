// Host facts the engine does not give, read in the engine's own network namespace: ours when the
// engine shares it (read /proc and /sys), else through /proc/<pid>/net and one nsenter per read.
// When that netns cannot be found or entered the fields stay null and `unavailable` says why: a
// fact from another netns is never shown as this engine's.
import type { EngineNetns, HostInterface, ProxyProcess, RootlessFacts, Route } from '../shared/model';
import type { FirewallModel } from '../shared/firewall';
import { parseEmbeddedDns, type EmbeddedDns } from '../analysis/embeddedDns';
import { readDockerProxies } from './dockerProxy';
import { locateEngine, stillRunning, type EngineLocation } from './engineNetns';
import { run } from './exec';
import { parseIpLinkJson } from './ipLink';
import { readListeningPorts } from './listeners';
import { readRootless } from './rootless';
import { readFirewall } from './firewallReader';
import type { NetnsInterface } from './linkMapping';
import { hasExtra, parseIpAddrJson, readNetDev, readPidRoutes, type ExtraIfacesResult } from './manualIfaces';
import { netnsRunner, remoteRunner, type HelperContainer, type HostHelperMode, type NetnsRunner, type NetnsTarget } from './privilege';
import {
  readContainerInterfaces,
  readHostInterfaces,
  readIpForward,
  readNetDevNames,
  readRoutes,
  readSnmpForwarding,
  type ContainerLinksResult,
} from './links';

/** What readHost() read in the engine's netns (which may not be ours): interfaces, routes, ip_forward. */
export interface NetnsReading {
  engineNetns: EngineNetns;
  hostIfaces: HostInterface[] | null;
  ipForward: boolean | null;
  routes: Route[] | null;
  rootless: RootlessFacts | null;
  defaultRoute: { interface: string; gateway: string | null } | null;
  unavailable: string[];
}

/** The same plus each running container's interfaces by pid: the controller's input to buildSnapshot. */
export interface NetnsReadingWithContainers extends NetnsReading {
  ifacesByPid: Map<number, NetnsInterface[]>;
  /** Each running container's interfaces beyond Docker's endpoints (hand-made), by pid. */
  extraByPid: Map<number, ExtraIfacesResult>;
}

/** What readFirewall() read in the engine's netns: the rules as one model, the raw dump, docker-proxy processes. */
export interface FirewallReading {
  model: FirewallModel | null;
  dump: string | null;
  proxies: ProxyProcess[] | null;
  unavailable: string[];
}

export interface HostInspector {
  /** TCP ports a container's netns listens on; null when not readable (remote, gone). */
  readListeners(pid: number): Promise<number[] | null>;
  /** Docker's embedded-DNS rules inside a container's netns (spawns nsenter + iptables-save). */
  readEmbeddedDns(pid: number): Promise<{ dns: EmbeddedDns | null; unavailable?: string }>;
  /** Docker's firewall rules and docker-proxy processes of the engine's netns. */
  readFirewall(): Promise<FirewallReading>;
  /** The engine netns's interfaces, routes and ip_forward. */
  readHost(): Promise<NetnsReading>;
  /** One container's interfaces, by the pid of its process. */
  readPid(pid: number): Promise<ContainerLinksResult>;
  /** Interfaces beyond lo + `dockerEndpoints` in a pid's netns (spawns only when /proc/<pid>/net/dev lists more). */
  readExtraIfaces(pid: number, dockerEndpoints: number): Promise<ExtraIfacesResult>;
  /** Find the engine's process again (after a reconnect: it may have restarted elsewhere). */
  invalidate(): void;
}

export const defaultRouteOf = (routes: readonly Route[] | null): NetnsReading['defaultRoute'] => {
  const r = routes?.find((x) => x.destination === '0.0.0.0/0');
  return r ? { interface: r.interface, gateway: r.gateway } : null;
};

const LINKS_MAX_AGE_MS = 10_000;
const RELOCATE_MS = 2_000;
const NESTED_PIDNS =
  "The engine runs in a PID namespace of its own (NSpid in /proc/<pid>/status): the container pids it reports are not this machine's, so container interfaces, listeners and DNS rules are not read.";

const publicNetns = (loc: EngineLocation): EngineNetns => ({
  pid: loc.pid,
  inode: loc.inode,
  same: loc.same,
  kind: loc.kind,
  how: loc.how,
});

/** For an engine on this machine (unix socket). */
export class LocalHostInspector implements HostInspector {
  private loc: EngineLocation | undefined;
  private locatedAt = 0;
  private known = new Map<string, HostInterface>();
  private lastLinks: { pid: number; names: string; at: number; ifaces: HostInterface[] } | undefined;
  private lastRootless: RootlessFacts | null = null;

  constructor(
    private readonly socketPath: string,
    private readonly helper: () => HostHelperMode = () => 'auto',
    private readonly container: () => HelperContainer | undefined = () => undefined,
    private readonly procRoot = '/proc',
    private readonly sysClassNet = '/sys/class/net',
  ) {}

  invalidate(): void {
    this.loc = undefined;
    this.lastLinks = undefined;
  }

  /** The engine's location, found again when it was not found or its process is gone. */
  location(): EngineLocation {
    const l = this.loc;
    // Not found: look again, but at most every RELOCATE_MS (pid reads ask once per container).
    const retry = l?.kind === 'unknown' && Date.now() - this.locatedAt > RELOCATE_MS;
    const stale = !l || retry || (l.pid !== null && l.startTime !== null && !stillRunning(l, this.procRoot));
    if (stale || !l) {
      this.locatedAt = Date.now();
      this.loc = locateEngine(this.socketPath, { procRoot: this.procRoot });
      return this.loc;
    }
    return l;
  }

  /** Container pids are this machine's only when the engine is found and shares our PID namespace. */
  private pidsAreOurs(): boolean {
    const loc = this.location();
    return loc.kind !== 'unknown' && !loc.pidnsNested;
  }

  private target(loc: EngineLocation): NetnsTarget {
    if (loc.same) return { kind: 'same' };
    if (loc.pid !== null) return { kind: 'pid', pid: loc.pid, userns: loc.userns };
    return { kind: 'none', why: loc.how };
  }

  private runner(): NetnsRunner {
    return netnsRunner(this.target(this.location()), this.helper(), this.container());
  }

  readListeners(pid: number): Promise<number[] | null> {
    return Promise.resolve(this.pidsAreOurs() ? readListeningPorts(pid, this.procRoot) : null);
  }

  async readEmbeddedDns(pid: number): Promise<{ dns: EmbeddedDns | null; unavailable?: string }> {
    const loc = this.location();
    if (!this.pidsAreOurs()) return { dns: null, unavailable: loc.pidnsNested ? NESTED_PIDNS : loc.how };
    // A container's netns belongs to the engine's user namespace: rootless needs no root here either.
    const r = await netnsRunner({ kind: 'pid', pid, userns: loc.userns }, this.helper(), this.container())('iptables-save', ['-t', 'nat']);
    if (!r.ok) return { dns: null, unavailable: r.why ?? `nsenter/iptables-save failed: ${r.stderr.trim().split('\n')[0] ?? r.code}` };
    return { dns: parseEmbeddedDns(r.stdout) };
  }

  async readFirewall(): Promise<FirewallReading> {
    const loc = this.location();
    const [fw, proxies] = await Promise.all([readFirewall(this.runner()), readDockerProxies(this.procRoot).catch(() => null)]);
    const unavailable = [...fw.unavailable];
    let mine: ProxyProcess[] | null = null;
    if (proxies === null) unavailable.push('/proc is not readable: docker-proxy processes are unknown.');
    else if (loc.pid === null)
      unavailable.push(`docker-proxy processes are not shown: the engine's process is unknown, so whose they are is too (${loc.how}).`);
    // The engine's own proxies only: its children. Another engine's proxies are not this one's.
    else mine = proxies.filter((p) => p.ppid === loc.pid).map(({ ppid: _ppid, ...p }) => p);
    return { model: fw.model, dump: fw.dump, proxies: mine, unavailable };
  }

  async readHost(): Promise<NetnsReading> {
    const base = await this.readHostFacts();
    return this.location().pidnsNested ? { ...base, unavailable: [...base.unavailable, NESTED_PIDNS] } : base;
  }

  private async readHostFacts(): Promise<NetnsReading> {
    const loc = this.location();
    const engineNetns = publicNetns(loc);
    if (loc.same) return this.readOwnNetns(engineNetns);
    if (loc.pid === null) {
      const why = `The engine's network namespace was not found, so its interfaces, routes and ip_forward are not shown (this machine's would be another engine's): ${loc.how}`;
      return { engineNetns, hostIfaces: null, ipForward: null, routes: null, rootless: null, defaultRoute: null, unavailable: [why] };
    }
    const netDir = `${this.procRoot}/${loc.pid}/net`;
    const routes = readRoutes(netDir);
    const ipForward = readSnmpForwarding(netDir);
    const unavailable: string[] = [];
    if (routes === null) unavailable.push(`${netDir}/route is not readable: the engine's routes are unknown.`);
    if (ipForward === null) unavailable.push(`${netDir}/snmp is not readable: the engine's ip_forward is unknown.`);
    const hostIfaces = await this.otherNetnsLinks(loc.pid, netDir, unavailable);
    const rootless = loc.kind === 'rootless' ? readRootless(loc.pid, this.procRoot, this.lastRootless?.slirp4netnsPid ?? null) : null;
    this.lastRootless = rootless;
    return { engineNetns, hostIfaces, ipForward, routes, rootless, defaultRoute: defaultRouteOf(routes), unavailable };
  }

  /**
   * Interfaces of another netns: one `ip -j -d link` through nsenter. Spawning costs more than the
   * rest of the read, so the last answer is kept while /proc/<pid>/net/dev (no spawn) lists the same
   * names, for at most LINKS_MAX_AGE_MS (an MTU or a master can change without a new name).
   */
  private async otherNetnsLinks(pid: number, netDir: string, unavailable: string[]): Promise<HostInterface[] | null> {
    const names = readNetDevNames(netDir);
    const last = this.lastLinks;
    if (last && last.pid === pid && names !== null && names === last.names && Date.now() - last.at < LINKS_MAX_AGE_MS) return last.ifaces;
    const r = await this.runner()('ip', ['-j', '-d', 'link', 'show']);
    if (!r.ok) {
      unavailable.push(
        `Interfaces of the engine's netns (pid ${pid}) were not read, so host veths and bridges are unknown: ${r.why ?? r.stderr.trim().split('\n')[0] ?? String(r.code)}`,
      );
      return null;
    }
    try {
      const ifaces = parseIpLinkJson(r.stdout);
      this.lastLinks = names === null ? undefined : { pid, names, at: Date.now(), ifaces };
      return ifaces;
    } catch (err) {
      unavailable.push(`Interfaces of the engine's netns: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  private async readOwnNetns(engineNetns: EngineNetns): Promise<NetnsReading> {
    let hostIfaces: HostInterface[] | null;
    try {
      hostIfaces = readHostInterfaces(this.sysClassNet, this.known);
      this.known = new Map(hostIfaces.map((i) => [i.name, i]));
    } catch {
      hostIfaces = null;
    }
    // sysfs shows the netns of whoever mounted it, not ours (a process started under
    // `nsenter --net`): when its names are not our /proc/self/net/dev's, ask netlink instead.
    const ours = readNetDevNames(`${this.procRoot}/self/net`);
    if (
      hostIfaces &&
      ours !== null &&
      ours !==
        hostIfaces
          .map((i) => i.name)
          .sort()
          .join(' ')
    ) {
      const r = await run('ip', ['-j', '-d', 'link', 'show']);
      try {
        hostIfaces = r.ok ? parseIpLinkJson(r.stdout) : null;
      } catch {
        hostIfaces = null;
      }
    }
    const ipForward = readIpForward(this.procRoot);
    const routes = readRoutes(`${this.procRoot}/net`);
    const unavailable: string[] = [];
    if (hostIfaces === null) unavailable.push(`${this.sysClassNet} is not readable: host veths and bridges are unknown.`);
    if (ipForward === null) unavailable.push('net.ipv4.ip_forward is not readable.');
    return { engineNetns, hostIfaces, ipForward, routes, rootless: null, defaultRoute: defaultRouteOf(routes), unavailable };
  }

  async readExtraIfaces(pid: number, dockerEndpoints: number): Promise<ExtraIfacesResult> {
    if (!this.pidsAreOurs()) return { ok: false, error: 'the engine is not found in our PID namespace' };
    const names = readNetDev(pid, this.procRoot);
    if (names === null) return { ok: false, error: `/proc/${pid}/net/dev is not readable` };
    if (!hasExtra(names, dockerEndpoints)) return { ok: true, ifaces: [], routes: [], spawned: false };
    const run = netnsRunner({ kind: 'pid', pid, userns: this.location().userns }, this.helper(), this.container());
    const r = await run('ip', ['-j', '-d', 'addr', 'show']);
    if (!r.ok) return { ok: false, error: r.why ?? `nsenter/ip failed: ${r.stderr.trim().split('\n')[0] ?? String(r.code)}` };
    try {
      return { ok: true, ifaces: parseIpAddrJson(r.stdout), routes: readPidRoutes(pid, this.procRoot), spawned: true };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  readPid(pid: number): Promise<ContainerLinksResult> {
    // Without the engine's process its pids may be another PID namespace's: never read them here.
    if (!this.pidsAreOurs()) return Promise.resolve({ ok: false, error: 'NO_ENGINE' });
    return Promise.resolve(readContainerInterfaces(pid, this.procRoot));
  }
}

/** For a remote engine: nothing on this machine describes its host. */
export class RemoteHostInspector implements HostInspector {
  constructor(
    private readonly endpoint: string,
    private readonly helper: () => HostHelperMode = () => 'auto',
    private readonly container: () => HelperContainer | undefined = () => undefined,
  ) {}

  readListeners(): Promise<number[] | null> {
    return Promise.resolve(null);
  }

  readEmbeddedDns(): Promise<{ dns: EmbeddedDns | null; unavailable?: string }> {
    return Promise.resolve({
      dns: null,
      unavailable: `Remote engine (${this.endpoint}): container netns rules are read only for a local engine.`,
    });
  }

  invalidate(): void {
    // Nothing cached.
  }

  /** Only through a helper container on the remote engine, when the user named an image. */
  async readFirewall(): Promise<FirewallReading> {
    const fw = await readFirewall(remoteRunner(this.helper(), this.container()));
    return {
      model: fw.model,
      dump: fw.dump,
      proxies: null,
      unavailable: fw.model ? [] : fw.unavailable.map((u) => `Remote engine (${this.endpoint}): ${u}`),
    };
  }

  readHost(): Promise<NetnsReading> {
    return Promise.resolve({
      engineNetns: {
        pid: null,
        inode: null,
        same: false,
        kind: 'unknown',
        how: `Remote engine (${this.endpoint}): its network namespace is on another machine.`,
      },
      hostIfaces: null,
      ipForward: null,
      routes: null,
      rootless: null,
      defaultRoute: null,
      unavailable: [`Remote engine (${this.endpoint}): host veths, bridges and ip_forward are read only for a local engine.`],
    });
  }

  readPid(): Promise<ContainerLinksResult> {
    return Promise.resolve({ ok: false, error: 'REMOTE' });
  }

  readExtraIfaces(): Promise<ExtraIfacesResult> {
    return Promise.resolve({ ok: false, error: `remote engine (${this.endpoint})` });
  }
}

/** Why some containers' interfaces are unknown, from the failed pid reads. */
export function pidReadReasons(results: readonly ContainerLinksResult[], partial = false, netns?: EngineNetns): string[] {
  let ok = 0;
  let denied = 0;
  let missing = 0;
  for (const r of results) {
    if (r.ok) ok++;
    else if (r.error === 'REMOTE' || r.error === 'NO_ENGINE') continue;
    else if (r.error === 'ENOENT' || r.error === 'ESRCH') missing++;
    else denied++;
  }
  const out: string[] = [];
  if (denied && netns?.kind === 'rootless') {
    out.push(
      `Container interfaces (/proc/<pid>/root/sys/class/net) are not readable for ${denied} container(s), so ifname and host veth are unknown. A rootless engine's containers are readable by the user who runs the engine, without root or sudo: run as that user.`,
    );
  } else if (denied) {
    out.push(
      `Not root: container interfaces (/proc/<pid>/root/sys/class/net) are not readable for ${denied} container(s), so ifname and host veth are unknown. Run as root.`,
    );
  }
  // A process that exits between inspect and the read is a race the next event corrects (an
  // incremental read after \`die\` often sees only such pids); only when a full read sees no pid at
  // all does the engine live in another PID namespace or VM.
  if (missing && ok === 0 && denied === 0 && !partial) {
    out.push(
      `${missing} container process(es) are not visible in this machine's /proc: the engine runs in another PID namespace or VM, so ifname and host veth are unknown.`,
    );
  }
  return out;
}
