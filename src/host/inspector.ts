// Host facts the engine does not give. As root on the engine's own host they are read from /proc
// and /sys; otherwise the fields stay null and `unavailable` says why.
import type { HostInterface, ProxyProcess } from '../shared/model';
import type { FirewallModel } from '../shared/firewall';
import { parseEmbeddedDns, type EmbeddedDns } from '../analysis/embeddedDns';
import { readDockerProxies } from './dockerProxy';
import { readListeningPorts } from './listeners';
import { readFirewall } from './firewallReader';
import type { NetnsInterface } from './linkMapping';
import { runPrivileged, type HelperContainer, type HostHelperMode } from './privilege';
import { readContainerInterfaces, readDefaultRoute, readHostInterfaces, readIpForward, type ContainerLinksResult } from './links';

export interface HostBase {
  hostIfaces: HostInterface[] | null;
  ipForward: boolean | null;
  defaultRoute: { interface: string; gateway: string | null } | null;
  unavailable: string[];
}

export interface HostReport extends HostBase {
  ifacesByPid: Map<number, NetnsInterface[]>;
}

export interface HostFirewall {
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
  /** Docker's firewall rules and docker-proxy processes (spawns iptables-save or nft). */
  readFirewall(): Promise<HostFirewall>;
  /** The host's own interfaces and sysctls. */
  readHost(): Promise<HostBase>;
  /** One container's interfaces, by the pid of its process. */
  readPid(pid: number): Promise<ContainerLinksResult>;
}

/** For an engine on this machine (unix socket). */
export class LocalHostInspector implements HostInspector {
  constructor(
    private readonly helper: () => HostHelperMode = () => 'auto',
    private readonly container: () => HelperContainer | undefined = () => undefined,
    private readonly procRoot = '/proc',
    private readonly sysClassNet = '/sys/class/net',
  ) {}

  readListeners(pid: number): Promise<number[] | null> {
    return Promise.resolve(readListeningPorts(pid, this.procRoot));
  }

  async readEmbeddedDns(pid: number): Promise<{ dns: EmbeddedDns | null; unavailable?: string }> {
    const r = await runPrivileged(this.helper(), 'nsenter', ['-t', String(pid), '-n', 'iptables-save', '-t', 'nat'], this.container());
    if (!r.ok) return { dns: null, unavailable: r.why ?? `nsenter/iptables-save failed: ${r.stderr.trim().split('\n')[0] ?? r.code}` };
    return { dns: parseEmbeddedDns(r.stdout) };
  }

  async readFirewall(): Promise<HostFirewall> {
    const [fw, proxies] = await Promise.all([readFirewall(this.helper(), this.container()), readDockerProxies(this.procRoot).catch(() => null)]);
    const unavailable = [...fw.unavailable, ...(proxies === null ? ['/proc is not readable: docker-proxy processes are unknown.'] : [])];
    return { model: fw.model, dump: fw.dump, proxies, unavailable };
  }

  private known = new Map<string, HostInterface>();

  readHost(): Promise<HostBase> {
    let hostIfaces: HostInterface[] | null;
    try {
      hostIfaces = readHostInterfaces(this.sysClassNet, this.known);
      this.known = new Map(hostIfaces.map((i) => [i.name, i]));
    } catch {
      hostIfaces = null;
    }
    const ipForward = readIpForward(this.procRoot);
    const unavailable: string[] = [];
    if (hostIfaces === null) unavailable.push(`${this.sysClassNet} is not readable: host veths and bridges are unknown.`);
    if (ipForward === null) unavailable.push('net.ipv4.ip_forward is not readable.');
    return Promise.resolve({ hostIfaces, ipForward, defaultRoute: readDefaultRoute(this.procRoot), unavailable });
  }

  readPid(pid: number): Promise<ContainerLinksResult> {
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
    return Promise.resolve({ dns: null, unavailable: `Remote engine (${this.endpoint}): container netns rules are read only for a local engine.` });
  }

  /** Only through a helper container on the remote engine, when the user named an image. */
  async readFirewall(): Promise<HostFirewall> {
    const fw = await readFirewall(this.helper(), this.container(), false);
    return { model: fw.model, dump: fw.dump, proxies: null, unavailable: fw.model ? [] : fw.unavailable.map((u) => `Remote engine (${this.endpoint}): ${u}`) };
  }

  readHost(): Promise<HostBase> {
    return Promise.resolve({
      hostIfaces: null,
      ipForward: null,
      defaultRoute: null,
      unavailable: [`Remote engine (${this.endpoint}): host veths, bridges and ip_forward are read only for a local engine.`],
    });
  }

  readPid(): Promise<ContainerLinksResult> {
    return Promise.resolve({ ok: false, error: 'REMOTE' });
  }
}

/** Why some containers' interfaces are unknown, from the failed pid reads. */
export function pidReadReasons(results: readonly ContainerLinksResult[], partial = false): string[] {
  let ok = 0;
  let denied = 0;
  let missing = 0;
  for (const r of results) {
    if (r.ok) ok++;
    else if (r.error === 'REMOTE') continue;
    else if (r.error === 'ENOENT' || r.error === 'ESRCH') missing++;
    else denied++;
  }
  const out: string[] = [];
  if (denied) {
    out.push(`Not root: container interfaces (/proc/<pid>/root/sys/class/net) are not readable for ${denied} container(s), so ifname and host veth are unknown. Run as root.`);
  }
  // A process that exits between inspect and the read is a race the next event corrects (an
  // incremental read after `die` often sees only such pids); only when a full read sees no pid at
  // all does the engine live in another PID namespace or VM.
  if (missing && ok === 0 && denied === 0 && !partial) {
    out.push(`${missing} container process(es) are not visible in this machine's /proc: the engine runs in another PID namespace or VM, so ifname and host veth are unknown.`);
  }
  return out;
}
