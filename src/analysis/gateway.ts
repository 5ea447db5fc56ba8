// Pure: which of a container's endpoints carries its default route, as libnetwork orders them
// (Endpoint.Less): gw_priority (Docker 28+) highest first, docker_gwbridge last, internal networks
// last, endpoints with a gateway first, then by network name.
import type { ContainerInfo, Endpoint, NetworkInfo, Snapshot } from '../shared/model';
import type { AddReason } from './explainTypes';

export interface GatewayChoice {
  endpoint: Endpoint;
  /** Every IPv4 endpoint, best candidate first. */
  ranked: Endpoint[];
  /** Why this one: the priorities or the order rule that decided, for evidence. */
  why: string;
}

const prio = (e: Endpoint): number => e.gwPriority ?? 0;

export function rankEndpoints(c: ContainerInfo, snap: Snapshot): GatewayChoice | undefined {
  const nets = new Map<string, NetworkInfo>(snap.networks.map((n) => [n.id, n]));
  const internal = (e: Endpoint): boolean => !!nets.get(e.networkId)?.internal;
  const key = (e: Endpoint): [number, number, number, number] => [
    -prio(e),
    e.network === 'docker_gwbridge' ? 1 : 0,
    internal(e) ? 1 : 0,
    e.gateway ? 0 : 1,
  ];
  const ranked = c.endpoints
    .filter((e) => e.ipv4)
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] ?? 0) - (kb[i] ?? 0);
      return a.network < b.network ? -1 : a.network > b.network ? 1 : 0;
    });
  const endpoint = ranked[0];
  if (!endpoint) return undefined;
  const second = ranked[1];
  let why: string;
  if (!second) why = `only IPv4 endpoint: ${endpoint.network}`;
  else if (prio(endpoint) !== prio(second))
    why = `gw_priority ${ranked.map((e) => `${e.network}=${e.gwPriority ?? 0}`).join(', ')}: the highest wins`;
  else if (internal(second) && !internal(endpoint)) why = `${second.network} is internal (no gateway); Docker picks a non-internal network`;
  else if (!second.gateway && endpoint.gateway) why = `${second.network} has no gateway`;
  else why = `equal gw_priority (${prio(endpoint)}): Docker takes the first network by name (${ranked.map((e) => e.network).join(' < ')})`;
  return { endpoint, ranked, why };
}

/** The container whose netns this one uses (itself unless joined). */
export function nsOwner(c: ContainerInfo, snap: Snapshot): ContainerInfo {
  return (c.netnsOwnerId && snap.containers.find((x) => x.id === c.netnsOwnerId)) || c;
}

/** GATEWAY_ENDPOINT: which network carries a multi-network container's default route. */
export function gatewayReason(snap: Snapshot, c: ContainerInfo, reason: AddReason): void {
  const gw = rankEndpoints(c, snap);
  if (!gw || gw.ranked.length < 2) return;
  const e = gw.endpoint;
  reason(
    'GATEWAY_ENDPOINT',
    `${c.name}'s default route goes through ${e.network} (gateway ${e.gateway ?? '?'}): its egress, and its replies to addresses on none of its networks, leave that way.`,
    gw.why,
  );
}
