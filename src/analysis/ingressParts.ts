// Pure: the pieces every way into a container is built from: B's port bindings, the DNAT rule and
// docker-proxy behind each, where a published port lands, and adding a way with its own reasons.
import type { PublishedRule } from '../shared/firewall';
import type { ContainerInfo, Endpoint, NetworkInfo, PortBinding, ProxyProcess, Snapshot } from '../shared/model';
import { isIpv6 } from './cidr';
import type { AddReason, Way } from './explainTypes';

export interface Target {
  snap: Snapshot;
  /** The container whose netns B uses (B itself unless joined), and B's name as asked. */
  b: ContainerInfo;
  name: string;
  /** B's port (the container port); null: every port B publishes. */
  port: number | null;
  reason: AddReason;
  ways: Way[];
}

/** B's IPv4 host-port bindings, for one container port or all. */
export function bindings(b: ContainerInfo, port: number | null): PortBinding[] {
  return b.ports.filter((p) => p.hostPort !== null && !isIpv6(p.hostIp ?? '') && (port === null || p.containerPort === port));
}

export const hostIpOf = (p: PortBinding): string => p.hostIp ?? '0.0.0.0';
export const bindingText = (p: PortBinding): string => `${hostIpOf(p)}:${p.hostPort ?? '?'}->${p.containerPort}/${p.protocol}`;

export function publishedRule(snap: Snapshot, b: ContainerInfo, p: PortBinding): PublishedRule | undefined {
  const ips = b.endpoints.flatMap((e) => (e.ipv4 ? [e.ipv4] : []));
  const hostIp = hostIpOf(p);
  return snap.host.firewall?.published.find(
    (r) =>
      r.family === 'ipv4' &&
      r.hostPort === p.hostPort &&
      r.protocol === p.protocol &&
      r.containerPort === p.containerPort &&
      ips.includes(r.containerIp) &&
      (r.hostIp ?? '0.0.0.0') === hostIp,
  );
}

export function proxyFor(snap: Snapshot, p: PortBinding): ProxyProcess | undefined {
  return snap.host.proxies?.find((x) => x.hostPort === p.hostPort && x.protocol === p.protocol && x.hostIp === hostIpOf(p));
}

export const proxyText = (x: ProxyProcess): string =>
  `${x.name || 'docker-proxy'} (pid ${x.pid}) ${x.hostIp}:${x.hostPort} → ${x.containerIp}:${x.containerPort}`;

/** The endpoint a published port lands on: the one its DNAT rule names, else the first. */
export function landing(
  t: Target,
  rule: PublishedRule | undefined,
): { ep: Endpoint | undefined; net: NetworkInfo | undefined; bridge: string | null } {
  const ep = t.b.endpoints.find((e) => e.ipv4 && e.ipv4 === rule?.containerIp) ?? t.b.endpoints.find((e) => e.ipv4);
  const net = ep ? t.snap.networks.find((n) => n.id === ep.networkId) : undefined;
  return { ep, net, bridge: ep?.bridge ?? net?.bridge ?? null };
}

export function publishedWay(net: NetworkInfo | undefined, address: string, p: PortBinding): Way {
  return {
    kind: 'published',
    network: net?.name ?? 'host',
    address,
    byName: false,
    names: [],
    open: false,
    hostIp: hostIpOf(p),
    hostPort: p.hostPort ?? 0,
    containerPort: p.containerPort,
  };
}

/** Adds a way; the reasons said through the returned function are its own (Way.codes). */
export function addWay(t: Target, way: Way): AddReason {
  t.ways.push(way);
  return (code, message, evidence) => {
    (way.codes ??= []).push(code);
    t.reason(code, message, evidence);
  };
}

/** LOOPBACK_ONLY_BINDING's evidence: 28+'s raw drop for the port, else the DNAT rule, else the binding. */
export function loopbackEvidence(t: Target, p: PortBinding, rule: PublishedRule | undefined): string {
  const lo = t.snap.host.firewall?.directRoutingDrops.find((d) => d.bridge === 'lo' && (d.port === null || d.port === p.hostPort));
  return lo?.rule ?? rule?.rule ?? `docker inspect ${t.name}: ${bindingText(p)}`;
}
