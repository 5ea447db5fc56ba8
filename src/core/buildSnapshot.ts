// Pure: assembles the snapshot from cached raw API data and host facts.
import { ipFamily } from '../analysis/cidr';
import { normalizeContainer, normalizeNetwork, stripSlash, type NormalizeContext } from '../docker/normalize';
import type { RawContainerInspect, RawNetwork } from '../docker/rawTypes';
import type { FirewallReading, NetnsReadingWithContainers } from '../host/inspector';
import { applyLinks, bridgePorts } from '../host/linkMapping';
import { applyManual } from '../host/manualMapping';
import type { ContainerInfo, EngineInfo, HostInterface, NetworkInfo, Snapshot } from '../shared/model';

export interface SnapshotInputs {
  engine: EngineInfo;
  networks: Iterable<RawNetwork>;
  containers: Iterable<RawContainerInspect>;
  host: NetnsReadingWithContainers | null;
  /** undefined: not read yet (it follows the snapshot). */
  firewall?: FirewallReading;
  takenAt: number;
}

const NOT_READ = { pid: null, inode: null, same: false, kind: 'unknown', how: 'Host facts were not read.' } as const;

/** Bridges', the uplink's and other non-veth interfaces' MTU (container veths follow their bridge). */
function mtuOf(ifaces: readonly HostInterface[], uplink: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of ifaces) if ((i.kind !== 'veth' || i.name === uplink) && i.mtu !== null) out[i.name] = i.mtu;
  return out;
}

const byName = <T extends { name: string }>(a: T, b: T): number => a.name.localeCompare(b.name);

export function buildSnapshot(inputs: SnapshotInputs): Snapshot {
  const networks = [...inputs.networks].map(normalizeNetwork).sort(byName);
  const rawContainers = [...inputs.containers];
  const ctx: NormalizeContext = {
    networksByName: new Map(networks.map((n) => [n.name, n])),
    networksById: new Map(networks.map((n) => [n.id, n])),
    containerNames: new Map(rawContainers.map((c) => [c.Id ?? '', stripSlash(c.Name)])),
  };
  const containers = rawContainers.map((c) => normalizeContainer(c, ctx)).sort(byName);
  linkNetworks(networks, containers, ctx.networksById);
  groupNetns(containers);
  const host = inputs.host;
  if (host?.hostIfaces) applyLinks(containers, host.ifacesByPid, host.hostIfaces);
  // After applyLinks: Docker's own interfaces are known by name then, and are left out.
  const manualUnread = host ? applyManual(containers, host.extraByPid, host.hostIfaces) : [];
  return {
    engine: inputs.engine,
    networks,
    containers,
    host: {
      engineNetns: host?.engineNetns ?? NOT_READ,
      routes: host?.routes ?? null,
      rootless: host?.rootless ?? null,
      mtu: host?.hostIfaces ? mtuOf(host.hostIfaces, host.defaultRoute?.interface) : null,
      ipForward: host?.ipForward ?? null,
      defaultRoute: host?.defaultRoute ?? null,
      firewall: inputs.firewall?.model ?? null,
      proxies: inputs.firewall?.proxies ?? null,
      bridges: host?.hostIfaces ? bridgePorts(host.hostIfaces) : null,
      unavailable: [...(host ? host.unavailable : ['Host facts were not read.']), ...manualUnread, ...(inputs.firewall?.unavailable ?? [])],
    },
    takenAt: inputs.takenAt,
  };
}

function linkNetworks(networks: NetworkInfo[], containers: ContainerInfo[], byId: ReadonlyMap<string, NetworkInfo>): void {
  const byName = new Map(networks.map((n) => [n.name, n]));
  for (const c of containers) {
    for (const ep of c.endpoints) {
      const net = byId.get(ep.networkId) ?? byName.get(ep.network);
      if (!net) continue;
      if (!net.containerIds.includes(c.id)) net.containerIds.push(c.id);
      // Docker leaves an auto-assigned gateway out of IPAM; endpoints still report it.
      const v4 = net.subnets.find((s) => ipFamily(s.subnet) === 'ipv4');
      if (v4 && !v4.effectiveGateway && ep.gateway && ipFamily(ep.gateway) === 'ipv4') v4.effectiveGateway = ep.gateway;
    }
  }
}

/** Joined containers (--network container:X) are listed on their owner. */
function groupNetns(containers: ContainerInfo[]): void {
  const byId = new Map(containers.map((c) => [c.id, c]));
  for (const c of containers) {
    if (c.netnsOwnerId) byId.get(c.netnsOwnerId)?.netnsMembers.push(c.name);
  }
  for (const c of containers) c.netnsMembers.sort();
}
