// Pure: what the hover card says about a node or a link. Containers, endpoints and ports show the
// same path diagram as the tree hover (containerPath + pathText / egressLine / ingressLine).
import { containerPath, type ContainerPath } from '../../src/analysis/paths';
import type { GraphLink, GraphNode, NetworkNode } from '../../src/shared/graph';
import { containerNodeId, networkNodeId } from '../../src/shared/ids';
import type { ContainerInfo, Snapshot } from '../../src/shared/model';
import { pathText } from '../../src/report/diagrams';

export interface Card {
  title: string;
  subtitle: string;
  rows: [string, string][];
  /** The path diagram (monospace), if any. */
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

function containerCard(c: ContainerInfo, snap: Snapshot): Card {
  const p = containerPath(c, snap);
  return {
    title: c.name,
    subtitle: `${c.state} · ${c.networkMode} · ${c.image}`,
    rows: [
      ...row('ID', c.id.slice(0, 12)),
      ...row('Status', c.status),
      ...row('Shares netns of', c.netnsOwner),
      ...row('Joined by', c.netnsMembers.join(', ')),
      ...row('Published', published(c)),
    ],
    diagram: pathText(p) || 'no network path',
    hint: 'Click: select and reveal in the tree · right-click or Shift+F10: actions',
  };
}

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
      return {
        title: `host ${n.hostIps.join(', ')} port ${n.hostPort}/${n.protocol}`,
        subtitle: `published to ${c.name}:${n.containerPort}`,
        rows: [],
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
      return {
        title: `${c.name} on ${ep.network}`,
        subtitle: l.sublabel ? `${c.name}:${l.sublabel} ⇄ ${ep.bridge ?? '?'}` : 'endpoint',
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
        title: `host ⇄ ${net.bridge ?? net.name}`,
        subtitle: l.label || `${net.driver} network`,
        rows: [...row('Network', net.name), ...row('Subnet', net.subnets.join(', '))],
        diagram: l.rule,
        hint: '',
      };
    }
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
