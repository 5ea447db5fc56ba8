// Pure: the snapshot as a graph of nodes and links, the one model the graph webview draws.
// Node ids follow the tree's (src/tree/treeModel.ts): net:<networkId>, ctr:<containerId>, and an
// endpoint link is net:<networkId>/ctr:<containerId>, so a click reveals the same tree item.
// No vscode, no node modules: it is bundled into the webview.
import { containerNodeId, endpointLinkId, hostModeLinkId, netnsLinkId, networkNodeId, uplinkId } from './ids';
import { engineNetnsDetail } from './engineNetnsText';
import type { ContainerInfo, ContainerState, NetworkInfo, NetworkModeKind, Snapshot } from './model';

/** What happens to a network's traffic on its way out of the host. */
export type NatMark =
  /** A MASQUERADE rule covers the subnet: the source becomes the host's outgoing address. */
  | 'masquerade'
  /** Bridge with masquerading expected (the default) but the rule was not read or not found. */
  | 'assumed'
  /** gateway_mode_ipv4=routed: routed as is, no NAT. */
  | 'routed'
  /** enable_ip_masquerade=false. */
  | 'no-masquerade'
  /** Internal network: no way out at all. */
  | 'internal'
  /** Not a bridge (overlay, macvlan …): the host's NAT does not apply as drawn. */
  | 'other';

export interface HostNode {
  kind: 'host';
  id: 'host';
  label: string;
  /** Engine version and endpoint, one line. */
  engine: string;
  ipForward: boolean | null;
  forwardPolicy: 'ACCEPT' | 'DROP' | null;
  /** Firewall backend and Docker layout, or why it is unknown. */
  firewall: string;
  /** Where masqueraded traffic leaves: the MASQUERADE rules say "any interface but the bridge". */
  external: string;
  /** The default route's interface (and gateway): the host's way out, when known. */
  route: string | null;
  /** Where the host facts come from: the engine's own netns (kind · inode · dockerd pid). */
  netns: string;
  netnsKind: 'host' | 'rootless' | 'other' | 'unknown';
  /** Rootless: rootlesskit and slirp4netns, one line; else null. */
  rootless: string | null;
  unavailable: string[];
}

export interface NetworkNode {
  kind: 'network';
  id: string;
  networkId: string;
  name: string;
  driver: string;
  scope: string;
  subnets: string[];
  gateways: string[];
  bridge: string | null;
  internal: boolean;
  icc: boolean | null;
  builtin: boolean;
  /** The default bridge ("bridge"): no embedded DNS, only --link names. */
  isDefault: boolean;
  ipv6: boolean;
  nat: NatMark;
  natRule: string | null;
  labels: Record<string, string>;
  containerCount: number;
}

export interface ContainerNode {
  kind: 'container';
  id: string;
  containerId: string;
  name: string;
  image: string;
  state: ContainerState;
  status: string;
  running: boolean;
  mode: NetworkModeKind;
  networkMode: string;
  /** Node id of the netns owner for --network container:X, else null. */
  netnsOwner: string | null;
  /** Names of the networks it has an endpoint on (none for host, none and joined modes). */
  networks: string[];
  labels: Record<string, string>;
  /** --network none: only a loopback interface. */
  loopbackOnly: boolean;
  /** --network host: it sits on the host's own stack. */
  onHost: boolean;
}

export interface PortNode {
  kind: 'port';
  id: string;
  /** Node id of the container the port forwards to. */
  container: string;
  hostIps: string[];
  hostPort: number;
  protocol: string;
  containerPort: number;
  /** e.g. ":8080/tcp" for every address, "127.0.0.1:32769/tcp" for one. */
  label: string;
}

export type GraphNode = HostNode | NetworkNode | ContainerNode | PortNode;
export type NodeKind = GraphNode['kind'];

interface LinkBase {
  id: string;
  source: string;
  target: string;
}

export interface EndpointLink extends LinkBase {
  kind: 'endpoint';
  networkName: string;
  ipv4: string | null;
  /** e.g. "10.0.0.2/24", or "no address (exited)". */
  label: string;
  /** "eth0 ⇄ veth1a2b3c" when known, else null. */
  sublabel: string | null;
  staticIp: boolean;
}

export interface NetnsLink extends LinkBase {
  kind: 'netns';
  label: 'shares netns';
}

export interface UplinkLink extends LinkBase {
  kind: 'uplink';
  nat: NatMark;
  /** "MASQUERADE", "routed", "internal", … */
  label: string;
  rule: string | null;
}

export interface HostModeLink extends LinkBase {
  kind: 'hostmode';
  label: 'host network';
}

export interface PublishLink extends LinkBase {
  kind: 'publish';
  /** "→ 80/tcp" */
  label: string;
}

/** A veth made by hand (link/attach, tutorial 003): container to container, or into a network's bridge. */
export interface ManualLink extends LinkBase {
  kind: 'manual';
  /** "p2p-a 10.1.1.1/32 ⇄ p2p-b 10.1.1.2/32 (by hand)" */
  label: string;
}

export type GraphLink = EndpointLink | NetnsLink | UplinkLink | HostModeLink | PublishLink | ManualLink;
export type LinkKind = GraphLink['kind'];

export interface GraphModel {
  nodes: GraphNode[];
  links: GraphLink[];
}

const RUNNING: ReadonlySet<ContainerState> = new Set(['running', 'paused', 'restarting']);
const WILDCARD = new Set(['0.0.0.0', '::', '']);

export const HOST_ID = 'host';

/** Hand-made veths: one link per pair (drawn from the end whose name sorts first), or into the bridge's network. */
function manualLinks(c: ContainerInfo, snap: Snapshot, drawn: ReadonlyMap<string, unknown>): ManualLink[] {
  const out: ManualLink[] = [];
  const addr = (a: readonly string[]): string => (a.length ? ` ${a.join(', ')}` : '');
  for (const m of c.manualInterfaces ?? []) {
    const peer = m.peer?.container ? snap.containers.find((x) => x.name === m.peer?.container) : undefined;
    if (peer && c.name < peer.name) {
      const far = (peer.manualInterfaces ?? []).find((x) => x.name === m.peer?.ifname);
      out.push({
        kind: 'manual',
        id: `manual:${c.id}/${m.name}`,
        source: containerNodeId(c.id),
        target: containerNodeId(peer.id),
        label: `${m.name}${addr(m.addresses)} ⇄ ${far?.name ?? m.peer?.ifname ?? '?'}${addr(far?.addresses ?? [])} (by hand)`,
      });
    }
    const net = m.bridge ? snap.networks.find((n) => n.bridge === m.bridge && drawn.has(n.id)) : undefined;
    if (net)
      out.push({
        kind: 'manual',
        id: `manual:${c.id}/${m.name}`,
        source: containerNodeId(c.id),
        target: networkNodeId(net.id),
        label: `${m.name}${addr(m.addresses)} (by hand)`,
      });
  }
  return out;
}

/** Networks drawn as nodes: not the pseudo-networks of --network host and --network none. */
export function isDrawnNetwork(n: NetworkInfo): boolean {
  return n.driver !== 'host' && n.driver !== 'null';
}

export function natOf(n: NetworkInfo, snap: Snapshot): { nat: NatMark; rule: string | null } {
  if (n.driver !== 'bridge') return { nat: 'other', rule: null };
  const fw = snap.host.firewall;
  if (n.internal || (n.bridge !== null && fw?.internal.includes(n.bridge))) return { nat: 'internal', rule: null };
  if (n.bridge !== null && fw?.routed.includes(n.bridge)) return { nat: 'routed', rule: null };
  const subnets = new Set(n.subnets.map((s) => s.subnet));
  const masq = fw?.masquerade.find((m) => subnets.has(m.source) || (n.bridge !== null && m.exceptOutInterface === n.bridge));
  if (masq) return { nat: 'masquerade', rule: masq.rule };
  if (n.masquerade === false) return { nat: 'no-masquerade', rule: null };
  return { nat: 'assumed', rule: null };
}

const NAT_LABEL: Record<NatMark, string> = {
  masquerade: 'MASQUERADE',
  assumed: 'MASQUERADE?',
  routed: 'routed, no NAT',
  'no-masquerade': 'no NAT',
  internal: 'internal: no way out',
  other: '',
};

function hostNode(snap: Snapshot): HostNode {
  const fw = snap.host.firewall;
  const rl = snap.host.rootless;
  const bridges = snap.networks.filter((n) => n.driver === 'bridge' && n.bridge).map((n) => n.bridge as string);
  return {
    kind: 'host',
    id: HOST_ID,
    label: 'host',
    engine: `Docker ${snap.engine.version} · ${snap.engine.endpoint}`,
    ipForward: snap.host.ipForward,
    forwardPolicy: fw?.forwardPolicy ?? null,
    firewall: fw ? `${fw.backend}, ${fw.dockerLayout}` : 'not read',
    external: bridges.length ? `any interface but the Docker bridges (${bridges.join(', ')})` : 'the host interfaces',
    route: snap.host.defaultRoute
      ? `${snap.host.defaultRoute.interface}${snap.host.defaultRoute.gateway ? ` via ${snap.host.defaultRoute.gateway}` : ''}`
      : null,
    netns: engineNetnsDetail(snap.host.engineNetns),
    netnsKind: snap.host.engineNetns.kind,
    rootless: rl
      ? `rootlesskit pid ${rl.rootlesskitPid} (${rl.portDriver ?? '?'} port driver) · slirp4netns ${rl.slirp4netnsPid ?? '?'} on ${rl.tap ?? '?'}`
      : null,
    unavailable: [...snap.host.unavailable],
  };
}

function networkNode(n: NetworkInfo, snap: Snapshot): NetworkNode {
  const { nat, rule } = natOf(n, snap);
  return {
    kind: 'network',
    id: networkNodeId(n.id),
    networkId: n.id,
    name: n.name,
    driver: n.driver,
    scope: n.scope,
    subnets: n.subnets.map((s) => s.subnet),
    gateways: n.subnets.flatMap((s) => (s.effectiveGateway ? [s.effectiveGateway] : [])),
    bridge: n.bridge,
    internal: n.internal,
    icc: n.icc,
    builtin: n.builtin,
    isDefault: n.builtin && n.name === 'bridge',
    ipv6: n.ipv6,
    nat,
    natRule: rule,
    labels: n.labels,
    containerCount: n.containerIds.length,
  };
}

function containerNode(c: ContainerInfo, drawn: ReadonlyMap<string, NetworkInfo>): ContainerNode {
  return {
    kind: 'container',
    id: containerNodeId(c.id),
    containerId: c.id,
    name: c.name,
    image: c.image,
    state: c.state,
    status: c.status,
    running: RUNNING.has(c.state),
    mode: c.networkModeKind,
    networkMode: c.networkMode,
    netnsOwner: c.netnsOwnerId ? containerNodeId(c.netnsOwnerId) : null,
    networks: c.endpoints.filter((e) => drawn.has(e.networkId)).map((e) => e.network),
    labels: c.labels,
    loopbackOnly: c.networkModeKind === 'none',
    onHost: c.networkModeKind === 'host',
  };
}

/** One port node per host port and protocol: Docker lists 0.0.0.0 and :: separately. */
function portNodes(c: ContainerInfo): { nodes: PortNode[]; links: PublishLink[] } {
  const groups = new Map<string, PortNode>();
  for (const p of c.ports) {
    if (p.hostPort === null) continue;
    const ip = p.hostIp ?? '0.0.0.0';
    const wild = WILDCARD.has(ip);
    const key = `${wild ? '*' : ip}:${p.hostPort}/${p.protocol}`;
    const have = groups.get(key);
    if (have) {
      if (!have.hostIps.includes(ip)) have.hostIps.push(ip);
      continue;
    }
    groups.set(key, {
      kind: 'port',
      id: `port:${c.id}/${key}`,
      container: containerNodeId(c.id),
      hostIps: [ip],
      hostPort: p.hostPort,
      protocol: p.protocol,
      containerPort: p.containerPort,
      label: `${wild ? '' : ip}:${p.hostPort}/${p.protocol}`,
    });
  }
  const nodes = [...groups.values()];
  const links: PublishLink[] = nodes.map((n) => ({
    kind: 'publish',
    id: `pub:${n.id}`,
    source: n.id,
    target: n.container,
    label: `→ ${n.containerPort}/${n.protocol}`,
  }));
  return { nodes, links };
}

export function buildGraph(snap: Snapshot): GraphModel {
  const nodes: GraphNode[] = [hostNode(snap)];
  const links: GraphLink[] = [];
  const drawn = new Map<string, NetworkInfo>();
  for (const n of snap.networks) {
    if (!isDrawnNetwork(n)) continue;
    drawn.set(n.id, n);
    const node = networkNode(n, snap);
    nodes.push(node);
    links.push({
      kind: 'uplink',
      id: uplinkId(n.id),
      source: HOST_ID,
      target: node.id,
      nat: node.nat,
      label: node.nat === 'other' ? n.driver : NAT_LABEL[node.nat],
      rule: node.natRule,
    });
  }
  const known = new Set(snap.containers.map((c) => c.id));
  for (const c of snap.containers) {
    const node = containerNode(c, drawn);
    nodes.push(node);
    if (node.onHost) links.push({ kind: 'hostmode', id: hostModeLinkId(c.id), source: node.id, target: HOST_ID, label: 'host network' });
    if (c.netnsOwnerId && known.has(c.netnsOwnerId)) {
      links.push({ kind: 'netns', id: netnsLinkId(c.id), source: node.id, target: containerNodeId(c.netnsOwnerId), label: 'shares netns' });
    }
    for (const ep of c.endpoints) {
      if (!drawn.has(ep.networkId)) continue;
      const addr = ep.ipv4 ? `${ep.ipv4}/${ep.prefixLen ?? '?'}` : node.running ? 'no IPv4' : `no address (${c.state})`;
      links.push({
        kind: 'endpoint',
        id: endpointLinkId(ep.networkId, c.id),
        source: node.id,
        target: networkNodeId(ep.networkId),
        networkName: ep.network,
        ipv4: ep.ipv4,
        label: addr,
        sublabel: ep.ifname || ep.hostVeth ? `${ep.ifname ?? 'eth?'} ⇄ ${ep.hostVeth ?? 'veth?'}` : null,
        staticIp: ep.staticIpv4 !== null,
      });
    }
    const ports = portNodes(c);
    nodes.push(...ports.nodes);
    links.push(...ports.links);
    links.push(...manualLinks(c, snap, drawn));
  }
  return { nodes, links };
}

/** The text a search matches: names, networks, image and labels (key, value and key=value). */
export function searchText(n: GraphNode): string {
  switch (n.kind) {
    case 'container':
      return [n.name, n.image, n.networkMode, ...n.networks, ...Object.entries(n.labels).map(([k, v]) => `${k}=${v}`)]
        .join('\n')
        .toLowerCase();
    case 'network':
      return [n.name, n.driver, n.bridge ?? '', ...n.subnets, ...Object.entries(n.labels).map(([k, v]) => `${k}=${v}`)]
        .join('\n')
        .toLowerCase();
    case 'port':
      return n.label.toLowerCase();
    case 'host':
      return 'host';
  }
}
