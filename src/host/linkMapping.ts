// Pure: joins container-side interfaces to host veths and bridges. A container interface's
// iflink is its peer's ifindex on the host; the peer's master is the bridge.
import type { ContainerInfo, HostInterface } from '../shared/model';

export interface NetnsInterface {
  name: string;
  /** The peer's ifindex; for a veth, the host side's. */
  iflink: number;
  mac: string | null;
}

export interface EndpointLink {
  ifname: string;
  hostVeth: string | null;
  bridge: string | null;
}

/** Maps an endpoint (by MAC) to its interface in the container and its peer on the host. */
export function linkEndpoint(
  mac: string | null,
  containerIfaces: readonly NetnsInterface[],
  hostByIndex: ReadonlyMap<number, HostInterface>,
): EndpointLink | undefined {
  if (!mac) return undefined;
  const want = mac.toLowerCase();
  const iface = containerIfaces.find((i) => i.mac?.toLowerCase() === want);
  if (!iface) return undefined;
  // Only a veth peer counts: a macvlan's iflink names its parent (eth0), which is no veth.
  const peer = hostByIndex.get(iface.iflink);
  const veth = peer?.kind === 'veth' ? peer : undefined;
  return { ifname: iface.name, hostVeth: veth?.name ?? null, bridge: veth?.master ?? null };
}

/** Fills ifname/hostVeth/bridge of every endpoint of the given containers, in place. */
export function applyLinks(
  containers: readonly ContainerInfo[],
  ifacesByPid: ReadonlyMap<number, readonly NetnsInterface[]>,
  hostIfaces: readonly HostInterface[],
): void {
  const hostByIndex = new Map(hostIfaces.map((h) => [h.ifindex, h]));
  for (const c of containers) {
    if (c.pid === null) continue;
    const ifaces = ifacesByPid.get(c.pid);
    if (!ifaces) continue;
    for (const ep of c.endpoints) {
      const link = linkEndpoint(ep.mac, ifaces, hostByIndex);
      if (!link) continue;
      ep.ifname = link.ifname;
      ep.hostVeth = link.hostVeth;
      if (link.bridge) ep.bridge = link.bridge;
    }
  }
}

/** Bridges and their ports, as `brctl show` prints them. */
export function bridgePorts(hostIfaces: readonly HostInterface[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const h of hostIfaces) if (h.kind === 'bridge') out[h.name] = [];
  for (const h of hostIfaces) if (h.master && out[h.master]) out[h.master]?.push(h.name);
  for (const ports of Object.values(out)) ports.sort();
  return out;
}
