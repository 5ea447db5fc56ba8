// Pure: what the hover card says about a node or a link. It opens with the path drawn as boxes
// (egress per network, each published port; a network's bridge), then the key facts, a why per
// hop, and the same path text as the tree hover (containerPath + pathText) with its rules.
import { containerPath, type ContainerPath, type EgressPath } from '../../src/analysis/paths';
import type { GraphLink, GraphNode, NetworkNode } from '../../src/shared/graph';
import { containerNodeId, networkNodeId } from '../../src/shared/ids';
import type { ContainerInfo, Snapshot } from '../../src/shared/model';
import { pathText } from '../../src/report/diagrams';
import { egressChain, egressWhy, ingressChain, networkChain, type Chain } from '../../src/report/pathBoxes';

export interface Card {
  title: string;
  subtitle: string;
  /** Drawn first: the paths as chains of boxes. */
  chains: Chain[];
  rows: [string, string][];
  /** One line per hop: why the packet is there. */
  why: string[];
  /** The full path text with its rules (monospace), behind "Show rules". */
  diagram: string | null;
  hint: string;
}

const row = (k: string, v: string | null | undefined): [string, string][] => (v ? [[k, v]] : []);

function findContainer(snap: Snapshot, id: string): ContainerInfo | undefined {
  return snap.containers.find((c) => containerNodeId(c.id) === id);
}

function published(c: ContainerInfo): string {
  return c.ports
    .filter((p) => p.hostPort !== null)
    .map((p) => `${p.hostIp ?? ''}:${p.hostPort ?? ''} → ${p.containerPort}/${p.protocol}`)
    .join(', ');
}

/** An egress chain with its network named (the bridge as a detail). */
function chainOf(e: EgressPath, snap: Snapshot): Chain {
  const net = snap.networks.find((n) => n.name === e.network);
  return egressChain(e, net ? { name: net.name, bridge: net.bridge } : undefined);
}

/** Docker lists a port on 0.0.0.0 and on ::; the card draws it once, by its IPv4 binding. */
function ingressShown(p: ContainerPath): ContainerPath['ingress'] {
  const v4 = new Set(p.ingress.filter((i) => i.hostIp === '0.0.0.0').map((i) => `${i.hostPort}/${i.protocol}`));
  return p.ingress.filter((i) => i.hostIp !== '::' || !v4.has(`${i.hostPort}/${i.protocol}`));
}

function ingressWhy(p: ContainerPath): string[] {
  return p.ingress.map(
    (i) => `host port ${i.hostPort}/${i.protocol} → ${i.containerPort}: ${i.note ?? 'DNAT rewrites the destination to the container'}`,
  );
}

function containerCard(c: ContainerInfo, snap: Snapshot): Card {
  const p = containerPath(c, snap);
  const owner = c.netnsOwnerId ? snap.containers.find((x) => x.id === c.netnsOwnerId) : undefined;
  const eps = (owner ?? c).endpoints;
  const list = (f: (e: ContainerInfo['endpoints'][number]) => string | null): string =>
    eps.flatMap((e) => (f(e) ? [`${f(e) ?? ''}${eps.length > 1 ? ` (${e.network})` : ''}`] : [])).join(', ');
  return {
    title: c.name,
    subtitle: `${c.state} · ${c.networkMode} · ${c.image}`,
    chains: [...p.egressByNetwork.map((e) => chainOf(e, snap)), ...ingressShown(p).map(ingressChain)],
    rows: [
      ...row(
        'IP',
        list((e) => (e.ipv4 ? `${e.ipv4}/${e.prefixLen ?? '?'}` : null)),
      ),
      ...row(
        'MAC',
        list((e) => e.mac),
      ),
      ...row('Network', eps.map((e) => e.network).join(', ') || (c.networkModeKind === 'none' ? 'none: loopback only' : c.networkMode)),
      ...row('Ports', published(c)),
      ...row('Status', c.status),
      ...row('Shares netns of', c.netnsOwner),
      ...row('Joined by', c.netnsMembers.join(', ')),
      ...row('ID', c.id.slice(0, 12)),
    ],
    why: [...egressWhy(p.egressByNetwork[0] ?? p.egress), ...ingressWhy(p)],
    diagram: pathText(p) || 'no network path',
    hint: 'Click: select and reveal in the tree · right-click or Shift+F10: actions',
  };
}

const NAT_SHORT: Record<NetworkNode['nat'], string> = {
  masquerade: 'MASQUERADE',
  assumed: 'MASQUERADE?',
  routed: 'routed',
  'no-masquerade': 'no NAT',
  internal: '',
  other: '',
};

const bridgeChain = (n: NetworkNode): Chain => networkChain({ ...n, natLabel: NAT_SHORT[n.nat] });

function networkCard(n: NetworkNode, snap: Snapshot): Card {
  const info = snap.networks.find((x) => x.id === n.networkId);
  const subnets = (info?.subnets ?? []).map(
    (s) => `${s.subnet}${s.effectiveGateway ? ` via ${s.effectiveGateway}` : ''}${s.ipRange ? ` (range ${s.ipRange})` : ''}`,
  );
  const nat: Record<NetworkNode['nat'], string> = {
    masquerade: 'MASQUERADE: outbound traffic leaves with the host address',
    assumed: 'MASQUERADE expected, but the rule was not read (see the host card)',
    routed: 'routed (gateway_mode_ipv4=routed): no NAT',
    'no-masquerade': 'off (enable_ip_masquerade=false)',
    internal: 'none: internal network, no way out',
    other: `not drawn for the ${n.driver} driver`,
  };
  return {
    title: n.name,
    chains: [bridgeChain(n)],
    why: [
      `host ⇄ ${n.bridge ?? n.name}: ${nat[n.nat]}`,
      ...(n.bridge ? [`${n.bridge}: the Linux bridge of ${n.name}; its address is the containers' gateway`] : []),
    ],
    subtitle: `${n.driver} network${n.builtin ? ' (built-in)' : ''}${n.isDefault ? ' · the default bridge: no DNS, only --link names' : ''}`,
    rows: [
      ...row('ID', n.networkId.slice(0, 12)),
      ...row('Subnet', subnets.join(', ') || 'none'),
      ...row('Bridge', n.bridge),
      ...row('Scope', n.scope),
      ...row('Internal', n.internal ? 'yes: no route out, no NAT' : 'no'),
      ...row('ICC', n.icc === null ? null : n.icc ? 'on' : 'off: containers on this bridge cannot talk to each other'),
      ...row('NAT', nat[n.nat]),
      ...row('Containers', String(n.containerCount)),
      ...row(
        'Labels',
        Object.entries(n.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
      ),
    ],
    diagram: n.natRule,
    hint: 'Right-click: collapse, connect a container, inspect',
  };
}

/** The path text restricted to one network's egress, or to one published port. */
function partialPath(p: ContainerPath, keep: { network?: string; port?: { hostPort: number; protocol: string } }): string {
  const part: ContainerPath = {
    ...p,
    egressByNetwork: keep.network ? p.egressByNetwork.filter((e) => e.network === keep.network) : [],
    ingress: keep.port ? p.ingress.filter((i) => i.hostPort === keep.port?.hostPort && i.protocol === keep.port.protocol) : [],
  };
  return pathText(part);
}

export function nodeCard(n: GraphNode, snap: Snapshot): Card | null {
  switch (n.kind) {
    case 'host':
      return {
        title: 'host',
        subtitle: n.engine,
        chains: [],
        why: [],
        rows: [
          ...row('Engine netns', n.netns),
          ...(n.rootless ? row('Rootless', n.rootless) : []),
          ...row(
            'IP forwarding',
            n.ipForward === null ? 'unknown' : n.ipForward ? 'on (net.ipv4.ip_forward=1)' : 'off: nothing is routed out',
          ),
          ...row('FORWARD policy', n.forwardPolicy ?? 'unknown'),
          ...row('Firewall', n.firewall),
          ...row('Egress', `masqueraded traffic leaves through ${n.external}`),
          ...row('Default route', n.route ?? 'unknown'),
        ],
        diagram: n.unavailable.length ? n.unavailable.join('\n') : null,
        hint: '',
      };
    case 'network':
      return networkCard(n, snap);
    case 'container': {
      const c = findContainer(snap, n.id);
      return c ? containerCard(c, snap) : null;
    }
    case 'port': {
      const c = findContainer(snap, n.container);
      if (!c) return null;
      const ins = containerPath(c, snap).ingress.filter((i) => i.hostPort === n.hostPort && i.protocol === n.protocol);
      return {
        title: `host ${n.hostIps.join(', ')} port ${n.hostPort}/${n.protocol}`,
        subtitle: `published to ${c.name}:${n.containerPort}`,
        chains: ins.map(ingressChain),
        rows: [],
        why: ins.map((i) => i.note ?? 'DNAT rewrites the destination to the container'),
        diagram: partialPath(containerPath(c, snap), { port: { hostPort: n.hostPort, protocol: n.protocol } }) || null,
        hint: '',
      };
    }
  }
}

export function linkCard(l: GraphLink, snap: Snapshot, byId: ReadonlyMap<string, GraphNode>): Card | null {
  switch (l.kind) {
    case 'endpoint': {
      const c = findContainer(snap, l.source);
      const ep = c?.endpoints.find((e) => networkNodeId(e.networkId) === l.target);
      if (!c || !ep) return null;
      const eg = containerPath(c, snap).egressByNetwork.find((e) => e.network === ep.network);
      return {
        title: `${c.name} on ${ep.network}`,
        subtitle: `${l.sublabel ?? 'endpoint'}${ep.bridge ? ` · bridge ${ep.bridge}` : ''}`,
        chains: eg ? [chainOf(eg, snap)] : [],
        why: eg ? egressWhy(eg) : [],
        rows: [
          ...row('IPv4', ep.ipv4 ? `${ep.ipv4}/${ep.prefixLen ?? '?'}${ep.staticIpv4 ? ' (static)' : ''}` : 'none'),
          ...row('IPv6', ep.ipv6),
          ...row('MAC', ep.mac),
          ...row('Gateway', ep.gateway),
          ...row('Aliases', ep.aliases.join(', ')),
          ...row('Links', ep.links.join(', ')),
          ...row('Interface', ep.ifname),
          ...row('Host veth', ep.hostVeth),
          ...row('Bridge', ep.bridge),
        ],
        diagram: partialPath(containerPath(c, snap), { network: ep.network }) || null,
        hint: 'Right-click: disconnect',
      };
    }
    case 'uplink': {
      const net = byId.get(l.target);
      if (net?.kind !== 'network') return null;
      return {
        title: `host ⇄ ${net.name}`,
        subtitle: l.label || `${net.driver} network`,
        chains: [bridgeChain(net)],
        why: [],
        rows: [...row('Bridge', net.bridge), ...row('Subnet', net.subnets.join(', '))],
        diagram: l.rule,
        hint: '',
      };
    }
    case 'manual':
      return {
        title: 'a veth made by hand',
        subtitle: l.label,
        chains: [],
        why: ['Docker does not know it: read from the netns (ip -d addr).'],
        rows: [],
        diagram: null,
        hint: '',
      };
    case 'netns':
    case 'hostmode': {
      const c = findContainer(snap, l.source);
      return c ? containerCard(c, snap) : null;
    }
    case 'publish': {
      const port = byId.get(l.source);
      return port ? nodeCard(port, snap) : null;
    }
  }
}
