// Host facts the engine does not give. As root on the engine's own host they are read from /proc
// and /sys; otherwise the fields stay null and `unavailable` says why.
import type { HostInterface } from '../shared/model';
import type { NetnsInterface } from './linkMapping';
import { readContainerInterfaces, readHostInterfaces, readIpForward } from './links';

export interface HostReport {
  hostIfaces: HostInterface[] | null;
  ifacesByPid: Map<number, NetnsInterface[]>;
  ipForward: boolean | null;
  unavailable: string[];
}

export interface HostInspector {
  /** Reads the host's interfaces and those of the given container pids. */
  read(pids: readonly number[]): Promise<HostReport>;
}

/** For an engine on this machine (unix socket). */
export class LocalHostInspector implements HostInspector {
  constructor(private readonly procRoot = '/proc', private readonly sysClassNet = '/sys/class/net') {}

  async read(pids: readonly number[]): Promise<HostReport> {
    const unavailable: string[] = [];
    const [hostIfaces, ipForward, perPid] = await Promise.all([
      readHostInterfaces(this.sysClassNet).catch(() => null),
      readIpForward(this.procRoot),
      Promise.all(pids.map(async (pid) => [pid, await readContainerInterfaces(pid, this.procRoot)] as const)),
    ]);
    if (hostIfaces === null) unavailable.push(`${this.sysClassNet} is not readable: host veths and bridges are unknown.`);
    if (ipForward === null) unavailable.push('net.ipv4.ip_forward is not readable.');
    const ifacesByPid = new Map<number, NetnsInterface[]>();
    const denied: number[] = [];
    const missing: number[] = [];
    for (const [pid, res] of perPid) {
      if (res.ok) ifacesByPid.set(pid, res.ifaces);
      else if (res.error === 'ENOENT' || res.error === 'ESRCH') missing.push(pid);
      else denied.push(pid);
    }
    if (denied.length) {
      unavailable.push(
        `Not root: container interfaces (/proc/<pid>/root/sys/class/net) are not readable for ${denied.length} container(s), so ifname and host veth are unknown. Run as root, or set dockerNetworks.hostHelper.`,
      );
    }
    if (missing.length) {
      unavailable.push(
        `${missing.length} container process(es) are not visible in this machine's /proc: the engine runs in another PID namespace or VM, so ifname and host veth are unknown.`,
      );
    }
    return { hostIfaces, ifacesByPid, ipForward, unavailable };
  }
}

/** For a remote engine: nothing on this machine describes its host. */
export class RemoteHostInspector implements HostInspector {
  constructor(private readonly endpoint: string) {}

  read(): Promise<HostReport> {
    return Promise.resolve({
      hostIfaces: null,
      ifacesByPid: new Map(),
      ipForward: null,
      unavailable: [`Remote engine (${this.endpoint}): host veths, bridges and ip_forward are read only for a local engine.`],
    });
  }
}
