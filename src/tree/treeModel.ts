// Pure: the tree's nodes, derived from the snapshot. provider.ts turns them into TreeItems.
import { bracketed } from '../analysis/cidr';
import { engineNetnsExplanation, engineNetnsSummary } from '../shared/engineNetnsText';
import {
  bridgeNodeId,
  bridgePortId,
  containerEndpointId,
  containerNodeId,
  endpointLinkId,
  groupNodeId,
  hostFactId,
  joinedNodeId,
  modeNodeId,
  networkNodeId,
  unavailableFactId,
} from '../shared/ids';
import type { ContainerInfo, Endpoint, ManualInterface, NetworkInfo, Snapshot } from '../shared/model';
import { composeProjects, type ComposeProject } from './composeGroups';
import { LAB_LABEL, listLabs } from '../labs/listing';
import type { LabSummary } from '../shared/schema/labs';

export type ModeGroup = 'bridge' | 'host' | 'none';

export type TreeNode =
  | { kind: 'group'; id: string; group: 'networks' | 'containers' | 'compose' | 'labs' | 'host'; label: string; count: number }
  /** A lab of the tutorials, and how many of its containers run on this engine. */
  | { kind: 'lab'; id: string; lab: LabSummary; containers: ContainerInfo[] }
  /** A Docker Compose project: its services and networks (composeGroups.ts). */
  | { kind: 'project'; id: string; project: ComposeProject }
  /** A container of a Compose project, by its service name. */
  | { kind: 'service'; id: string; container: ContainerInfo; project: string }
  /** A network of a Compose project, or one its services use from outside it (external). */
  | { kind: 'projectNetwork'; id: string; network: NetworkInfo; project: string; external: boolean }
  | { kind: 'network'; id: string; network: NetworkInfo }
  /** A container as seen from one of its networks. */
  | { kind: 'member'; id: string; network: NetworkInfo; container: ContainerInfo; endpoint: Endpoint }
  | { kind: 'mode'; id: string; mode: ModeGroup; count: number }
  | { kind: 'container'; id: string; container: ContainerInfo }
  /** One network attachment of a container, as seen from the container. */
  | { kind: 'endpoint'; id: string; container: ContainerInfo; endpoint: Endpoint; network: NetworkInfo | undefined }
  /** A container running in another's netns (--network container:X), under its owner. */
  | { kind: 'joined'; id: string; container: ContainerInfo; owner: ContainerInfo }
  /** An interface made by hand (link/attach, tutorial 003): Docker does not know it; read from the netns. */
  | { kind: 'manual'; id: string; container: ContainerInfo; iface: ManualInterface }
  | { kind: 'fact'; id: string; label: string; description: string; tooltip: string }
  | { kind: 'bridge'; id: string; name: string; ports: string[]; network: NetworkInfo | undefined };

export interface TreeOptions {
  showBuiltinNetworks: boolean;
}

export function modeGroupOf(c: ContainerInfo): ModeGroup | 'joined' {
  if (c.networkModeKind === 'container') return 'joined';
  if (c.networkModeKind === 'host' || c.networkModeKind === 'none') return c.networkModeKind;
  return 'bridge';
}

/**
 * A container's line in the Containers group: each address with its own network, the network of its
 * mode first (`10.5.0.3 (orbit-edge) · 172.17.0.3 (bridge)`), never one network's mode beside
 * another's address. The address leads: the sidebar is narrow and cuts the end.
 */
export function containerAddresses(c: ContainerInfo): string {
  const withIp = c.endpoints.filter((e) => e.ipv4);
  if (!withIp.length) return c.networkMode;
  const modeNet = c.networkMode === 'default' ? 'bridge' : c.networkMode;
  const ordered = [...withIp.filter((e) => e.network === modeNet), ...withIp.filter((e) => e.network !== modeNet)];
  const shown = ordered.slice(0, 2).map((e) => `${e.ipv4 ?? ''} (${e.network})`);
  if (ordered.length > 2) shown.push(`+${ordered.length - 2} more`);
  return shown.join(' · ');
}

function visibleNetworks(s: Snapshot, opts: TreeOptions): NetworkInfo[] {
  return s.networks.filter((n) => opts.showBuiltinNetworks || !n.builtin);
}

export function hostGroupLabel(s: Snapshot): string {
  const k = s.host.engineNetns.kind;
  return k === 'host'
    ? 'Host'
    : k === 'rootless'
      ? 'Host (rootless engine netns)'
      : k === 'other'
        ? "Host (the engine's own netns)"
        : 'Host (engine netns unknown)';
}

export function rootNodes(s: Snapshot, opts: TreeOptions): TreeNode[] {
  return [
    { kind: 'group', id: groupNodeId('networks'), group: 'networks', label: 'Networks', count: visibleNetworks(s, opts).length },
    { kind: 'group', id: groupNodeId('containers'), group: 'containers', label: 'Containers', count: s.containers.length },
    ...composeRoot(s),
    { kind: 'group', id: groupNodeId('labs'), group: 'labs', label: 'Labs', count: listLabs().length },
    { kind: 'group', id: groupNodeId('host'), group: 'host', label: hostGroupLabel(s), count: Object.keys(s.host.bridges ?? {}).length },
  ];
}

/** Lookups a level of the tree needs, built once per snapshot (a published snapshot is never edited). */
interface SnapshotIndex {
  containers: Map<string, ContainerInfo>;
  networks: Map<string, NetworkInfo>;
  /** Joined containers by the id of the container whose netns they share. */
  joined: Map<string, ContainerInfo[]>;
  /** A host veth → the container end: name, interface and address (the first container wins). */
  vethOwners: Map<string, string>;
}

const indexes = new WeakMap<Snapshot, SnapshotIndex>();

// treeSignature walks every node on each publish: without the index that walk is quadratic.
function indexOf(s: Snapshot): SnapshotIndex {
  let index = indexes.get(s);
  if (!index) {
    const joined = new Map<string, ContainerInfo[]>();
    for (const c of s.containers) if (c.netnsOwnerId !== null) joined.set(c.netnsOwnerId, [...(joined.get(c.netnsOwnerId) ?? []), c]);
    const vethOwners = new Map<string, string>();
    for (const c of s.containers) {
      for (const ep of c.endpoints)
        if (ep.hostVeth && !vethOwners.has(ep.hostVeth))
          vethOwners.set(ep.hostVeth, `${c.name} ${ep.ifname ?? ''} ${ep.ipv4 ?? ''}`.trim());
    }
    index = {
      containers: new Map(s.containers.map((c) => [c.id, c])),
      networks: new Map(s.networks.map((n) => [n.id, n])),
      joined,
      vethOwners,
    };
    indexes.set(s, index);
  }
  return index;
}

export function childrenOf(s: Snapshot, node: TreeNode | undefined, opts: TreeOptions): TreeNode[] {
  if (!node) return rootNodes(s, opts);
  switch (node.kind) {
    case 'group':
      if (node.group === 'networks') return visibleNetworks(s, opts).map((n) => ({ kind: 'network', id: networkNodeId(n.id), network: n }));
      if (node.group === 'containers') return modeNodes(s);
      if (node.group === 'labs')
        return listLabs().map((lab) => ({
          kind: 'lab',
          id: `${groupNodeId('labs')}/${lab.id}`,
          lab,
          containers: s.containers.filter((c) => c.labels[LAB_LABEL] === lab.id),
        }));
      if (node.group === 'compose')
        return composeProjects(s).map((p) => ({ kind: 'project', id: `${groupNodeId('compose')}/${p.name}`, project: p }));
      return hostNodes(s);
    case 'network': {
      const byId = indexOf(s).containers;
      return node.network.containerIds.flatMap((cid) => {
        const c = byId.get(cid);
        const ep = c?.endpoints.find((e) => e.networkId === node.network.id || e.network === node.network.name);
        return c && ep
          ? [{ kind: 'member', id: endpointLinkId(node.network.id, c.id), network: node.network, container: c, endpoint: ep } as const]
          : [];
      });
    }
    case 'member':
      return joinedNodes(s, node.container, node.id);
    case 'mode':
      return s.containers
        .filter((c) => modeGroupOf(c) === node.mode)
        .map((c) => ({ kind: 'container', id: containerNodeId(c.id), container: c }));
    case 'container': {
      const nets = indexOf(s).networks;
      const eps: TreeNode[] = node.container.endpoints.map((ep) => ({
        kind: 'endpoint',
        id: containerEndpointId(node.container.id, ep.networkId || ep.network),
        container: node.container,
        endpoint: ep,
        network: nets.get(ep.networkId),
      }));
      const manual: TreeNode[] = (node.container.manualInterfaces ?? []).map((iface) => ({
        kind: 'manual',
        id: `${node.id}/manual:${iface.name}`,
        container: node.container,
        iface,
      }));
      return [...eps, ...manual, ...joinedNodes(s, node.container, node.id)];
    }
    case 'project': {
      const p = node.project;
      const net = (n: NetworkInfo, external: boolean): TreeNode => ({
        kind: 'projectNetwork',
        id: `${node.id}/net:${n.id}`,
        network: n,
        project: p.name,
        external,
      });
      return [
        ...p.services.map((c): TreeNode => ({ kind: 'service', id: `${node.id}/ctr:${c.id}`, container: c, project: p.name })),
        ...p.networks.map((n) => net(n, false)),
        ...p.external.map((n) => net(n, true)),
      ];
    }
    case 'bridge':
      return node.ports.map((p) => ({ kind: 'fact', id: bridgePortId(node.id, p), label: p, description: vethOwner(s, p), tooltip: '' }));
    default:
      return [];
  }
}

/** The Compose group, only when some container or network was made by Compose. */
function composeRoot(s: Snapshot): TreeNode[] {
  const n = composeProjects(s).length;
  return n ? [{ kind: 'group', id: groupNodeId('compose'), group: 'compose', label: 'Compose', count: n }] : [];
}

function modeNodes(s: Snapshot): TreeNode[] {
  const count = (m: ModeGroup): number => s.containers.filter((c) => modeGroupOf(c) === m).length;
  return (['bridge', 'host', 'none'] as const).map((mode) => ({ kind: 'mode', id: modeNodeId(mode), mode, count: count(mode) }));
}

function joinedNodes(s: Snapshot, owner: ContainerInfo, parentId: string): TreeNode[] {
  return (indexOf(s).joined.get(owner.id) ?? []).map((c) => ({ kind: 'joined', id: joinedNodeId(parentId, c.id), container: c, owner }));
}

function vethOwner(s: Snapshot, veth: string): string {
  return indexOf(s).vethOwners.get(veth) ?? '';
}

function hostNodes(s: Snapshot): TreeNode[] {
  const fwd = s.host.ipForward;
  const ns = s.host.engineNetns;
  const rl = s.host.rootless;
  const facts: TreeNode[] = [
    {
      kind: 'fact',
      id: hostFactId('engine_netns'),
      label: 'engine netns',
      description: engineNetnsSummary(ns),
      tooltip: engineNetnsExplanation(ns, rl),
    },
    ...(rl
      ? [
          {
            kind: 'fact',
            id: hostFactId('rootlesskit'),
            label: 'rootlesskit',
            description: `pid ${rl.rootlesskitPid} · ${rl.portDriver ?? '?'} ports · ${rl.listeners.length} on the host`,
            tooltip: `Takes each published port on the host (${rl.listeners.map((l) => `${bracketed(l.hostIp)}:${l.hostPort}`).join(', ') || 'none'}) and hands it to the engine's netns. ss -ltnp | grep rootlesskit`,
          } as const,
          {
            kind: 'fact',
            id: hostFactId('slirp4netns'),
            label: 'slirp4netns',
            description: `${rl.slirp4netnsPid !== null ? `pid ${rl.slirp4netnsPid}` : 'not found'} · ${rl.tap ?? '?'}`,
            tooltip: `User-mode networking: traffic leaving the engine's netns through ${rl.tap ?? 'tap0'} becomes the host's own connections, made by the user.`,
          } as const,
        ]
      : []),
    {
      kind: 'fact',
      id: hostFactId('ip_forward'),
      label: 'net.ipv4.ip_forward',
      description: fwd === null ? 'unknown' : fwd ? '1 (on)' : '0 (off)',
      tooltip: 'Containers reach other networks only when the host forwards IPv4 packets (sysctl net.ipv4.ip_forward=1).',
    },
  ];
  const byBridge = new Map(s.networks.filter((n) => n.bridge).map((n) => [n.bridge as string, n]));
  const bridges: TreeNode[] = Object.entries(s.host.bridges ?? {}).map(([name, ports]) => ({
    kind: 'bridge',
    id: bridgeNodeId(name),
    name,
    ports,
    network: byBridge.get(name),
  }));
  const notes: TreeNode[] = s.host.unavailable.map((u, i) => ({
    kind: 'fact',
    id: unavailableFactId(i),
    label: 'unavailable',
    description: u,
    tooltip: u,
  }));
  return [...facts, ...bridges, ...notes];
}
