// Pure: how a packet leaves a container (egress) and how a published port reaches it (ingress),
// hop by hop, with the real interface names, addresses and the rule that applies.
import type * as v from 'valibot';
import type { FirewallModel, MasqueradeRule, PublishedRule } from '../shared/firewall';
import type { ContainerPathSchema, EgressPathSchema, HopKindSchema, HopSchema, IngressPathSchema } from '../shared/schema/path';
import type { ContainerInfo, Endpoint, ManualInterface, NetworkInfo, ProxyProcess, Snapshot } from '../shared/model';
import { ipInCidr, isIpv6 } from './cidr';
import { rankEndpoints } from './gateway';
import { inContainer, inEngine, ruleCommand } from './hopCommands';

export type HopKind = v.InferOutput<typeof HopKindSchema>;
export type Hop = v.InferOutput<typeof HopSchema>;
export type EgressPath = v.InferOutput<typeof EgressPathSchema>;
export type IngressPath = v.InferOutput<typeof IngressPathSchema>;
export type ContainerPath = v.InferOutput<typeof ContainerPathSchema>;

/** The endpoint with the default route: highest gw_priority (28+), else Docker's order (gateway.ts). */
export function defaultEndpoint(c: ContainerInfo, snap: Snapshot): Endpoint | undefined {
  return rankEndpoints(c, snap)?.endpoint;
}

function masqueradeFor(ip: string, fw: FirewallModel | null): MasqueradeRule | undefined {
  return fw?.masquerade.find((m) => m.family === 'ipv4' && ipInCidr(ip, m.source));
}

function egressVia(c: ContainerInfo, ep: Endpoint, net: NetworkInfo | undefined, snap: Snapshot): EgressPath {
  const fw = snap.host.firewall;
  const bridge = ep.bridge ?? net?.bridge ?? null;
  const hops: Hop[] = [
    { kind: 'interface', name: `${c.name}:${ep.ifname ?? 'eth?'}`, address: ep.ipv4 ? `${ep.ipv4}/${ep.prefixLen ?? '?'}` : undefined },
    { kind: 'veth', name: ep.hostVeth ?? 'veth (unknown: see Host → unavailable)' },
  ];
  if (net?.driver !== 'bridge') {
    hops.push({ kind: 'out', name: `${net?.driver ?? 'unknown'} driver`, note: 'only bridge networks are traced hop by hop' });
    return { network: ep.network, masqueraded: false, leavesHost: true, hops };
  }
  // The network by name (what a learner typed); the Linux bridge behind it as the detail.
  hops.push({ kind: 'bridge', name: `${net.name} (${bridge ?? '?'})`, address: ep.gateway ?? undefined });
  if (net.internal || (bridge && fw?.internal.includes(bridge))) {
    const rule = fw ? `${bridge ?? ''} is internal: traffic to other destinations is dropped` : undefined;
    hops.push({ kind: 'drop', name: 'internal network: no route out', rule });
    return { network: ep.network, masqueraded: false, leavesHost: false, hops };
  }
  const fwd = snap.host.ipForward;
  const hostHop: Hop = {
    kind: 'host',
    name: 'host routing',
    note:
      fwd === false
        ? 'net.ipv4.ip_forward=0: the host does not forward, nothing leaves'
        : fwd
          ? 'net.ipv4.ip_forward=1'
          : 'net.ipv4.ip_forward unknown',
  };
  const routed = !!bridge && !!fw?.routed.includes(bridge);
  const masq = ep.ipv4 ? masqueradeFor(ep.ipv4, fw) : undefined;
  if (routed) {
    hops.push(hostHop, {
      kind: 'routed',
      name: 'routed (gateway_mode_ipv4=routed): no NAT',
      note: 'The container address is seen outside as is.',
    });
  } else if (masq) {
    hops.push(hostHop, { kind: 'nat', name: 'MASQUERADE', rule: masq.rule, note: 'the source becomes the outgoing interface address' });
  } else if (net.masquerade === false) {
    hops.push(hostHop, { kind: 'routed', name: 'no masquerade (enable_ip_masquerade=false)' });
  } else {
    hops.push(hostHop, {
      kind: 'nat',
      name: 'MASQUERADE (rule not read)',
      note: fw ? 'No MASQUERADE rule covers this address.' : 'Firewall rules were not read (Host → unavailable says why).',
    });
  }
  hops.push(...uplinkHops(snap, bridge));
  return { network: ep.network, masqueraded: !!masq && !routed, leavesHost: fwd !== false, hops };
}

/** Where traffic leaves the engine's netns: its default route, and for rootless slirp4netns. */
function uplinkHops(snap: Snapshot, bridge: string | null): Hop[] {
  const rl = snap.host.rootless;
  const dev = snap.host.defaultRoute?.interface;
  if (rl?.tap) {
    return [
      { kind: 'out', name: rl.tap, note: "the rootless engine's uplink (ip link show " + rl.tap + ')' },
      {
        kind: 'host',
        name: `slirp4netns${rl.slirp4netnsPid ? ` (pid ${rl.slirp4netnsPid})` : ''}`,
        note: "user-mode TCP/IP: connections leave from the host's own sockets, as the user",
      },
      { kind: 'out', name: 'host network', note: 'the host routes them like any process of the user' },
    ];
  }
  return [
    {
      kind: 'out',
      name: dev ? `out ${dev}` : 'out',
      note: dev
        ? `default route${snap.host.defaultRoute?.gateway ? ` via ${snap.host.defaultRoute.gateway}` : ''} (ip route)`
        : bridge
          ? `any interface but ${bridge}`
          : undefined,
    },
  ];
}

/** Egress over an interface made by hand: straight to the peer container, or into a bridge and on like Docker's. */
function manualEgress(c: ContainerInfo, m: ManualInterface, snap: Snapshot): EgressPath {
  const own: Hop = {
    kind: 'interface',
    name: `${c.name}:${m.name}`,
    address: m.addresses.join(', ') || undefined,
    note: 'made by hand (not Docker)',
  };
  if (m.peer?.container) {
    const route = m.routes.map((r) => `${r.destination} dev ${r.interface}`).join(', ');
    return {
      network: null,
      masqueraded: false,
      leavesHost: false,
      hops: [
        own,
        {
          kind: 'veth',
          name: `${m.peer.container}:${m.peer.ifname ?? '?'}`,
          note: `point-to-point veth${route ? `; route ${route}` : ''}`,
        },
      ],
    };
  }
  const net = snap.networks.find((n) => n.bridge !== null && n.bridge === m.bridge);
  const gw = m.routes.find((r) => r.destination === '0.0.0.0/0')?.gateway ?? undefined;
  const hops: Hop[] = [own, { kind: 'veth', name: m.peer?.hostIfname ?? 'veth (peer not found)' }];
  if (!m.bridge) return { network: null, masqueraded: false, leavesHost: false, hops };
  hops.push({ kind: 'bridge', name: m.bridge, address: gw, note: net ? `the bridge of ${net.name}` : undefined });
  if (!gw || net?.internal) {
    hops.push({
      kind: 'drop',
      name: net?.internal ? 'internal network: no route out' : 'no default route through it: only the bridge subnet',
    });
    return { network: net?.name ?? null, masqueraded: false, leavesHost: false, hops };
  }
  const ip = m.addresses[0]?.split('/')[0];
  const masq = ip ? masqueradeFor(ip, snap.host.firewall) : undefined;
  hops.push(
    { kind: 'host', name: 'host routing', note: snap.host.ipForward === false ? 'net.ipv4.ip_forward=0: nothing leaves' : undefined },
    masq
      ? { kind: 'nat', name: 'MASQUERADE', rule: masq.rule, note: 'the source becomes the outgoing interface address' }
      : { kind: 'routed', name: 'no MASQUERADE rule covers this address' },
    ...uplinkHops(snap, m.bridge),
  );
  return { network: net?.name ?? null, masqueraded: !!masq, leavesHost: snap.host.ipForward !== false, hops };
}

function ingressFor(c: ContainerInfo, snap: Snapshot): IngressPath[] {
  // Docker maps a published port to one of the container's addresses: whichever the rule names.
  const ips = c.endpoints.flatMap((e) => (e.ipv4 ? [e.ipv4] : []));
  const fw = snap.host.firewall;
  const proxies: readonly ProxyProcess[] = snap.host.proxies ?? [];
  return c.ports
    .filter((p) => p.hostPort !== null)
    .map((p) => {
      const hostIp = p.hostIp ?? '0.0.0.0';
      const v6 = isIpv6(hostIp);
      const rule: PublishedRule | undefined = fw?.published.find(
        (r) =>
          r.hostPort === p.hostPort &&
          r.protocol === p.protocol &&
          r.containerPort === p.containerPort &&
          ips.includes(r.containerIp) &&
          r.family === (v6 ? 'ipv6' : 'ipv4'),
      );
      const ip = rule?.containerIp ?? ips[0] ?? null;
      const proxy = proxies.find((x) => x.hostPort === p.hostPort && x.protocol === p.protocol && x.hostIp === hostIp);
      const rl = snap.host.rootless;
      const listener = rl?.listeners.find((l) => l.hostPort === p.hostPort && l.protocol === p.protocol && l.hostIp === hostIp);
      // Rootless: the port driver dials the port on loopback inside the engine's netns, so the
      // userland proxy takes every connection and the DNAT rule is never used (its counter stays 0).
      const viaDriver = !!rl && !!listener;
      const via = viaDriver ? (proxy ? 'proxy' : 'none') : rule && proxy ? 'both' : rule ? 'dnat' : proxy ? 'proxy' : 'none';
      const drop = fw?.directRoutingDrops.find((d) => d.containerIp === ip && (d.port === null || d.port === p.containerPort));
      const path: IngressPath = {
        hostIp,
        hostPort: p.hostPort ?? 0,
        protocol: p.protocol,
        containerIp: ip,
        containerPort: p.containerPort,
        via,
      };
      if (rule) path.rule = rule.rule;
      if (proxy) {
        path.proxy = `${proxy.name} (pid ${proxy.pid}) ${proxy.hostIp}:${proxy.hostPort} → ${proxy.containerIp}:${proxy.containerPort}`;
        path.proxyName = proxy.name;
      }
      if (drop) path.protection = drop.rule;
      if (rl) {
        path.portDriver = listener
          ? `rootlesskit (pid ${listener.pid}, ${rl.portDriver ?? '?'} port driver) listens on ${v6 ? `[${hostIp}]` : hostIp}:${p.hostPort} in the host's netns → the engine's netns`
          : `rootlesskit (pid ${rl.rootlesskitPid}, ${rl.portDriver ?? '?'} port driver): no listener found on the host for this port`;
      }
      const gw = c.endpoints.find((e) => e.ipv4 === ip)?.gateway;
      if (viaDriver)
        path.note = `rootlesskit hands each connection to ${v6 ? '[::1]' : '127.0.0.1'}:${p.hostPort} in the engine's netns, where ${proxy?.name ?? 'the userland proxy'} takes it (the DNAT rule is not used): the container sees ${gw ?? 'the bridge'}, not the client's address.`;
      else if (hostIp.startsWith('127.')) path.note = 'Bound to loopback: only the host itself connects, through docker-proxy.';
      else if (v6 && !rule) path.note = 'IPv6 binding: ip6tables is not read; with the userland proxy on, docker-proxy serves it.';
      else if (proxy)
        path.note = 'Other hosts come in through DNAT; connections from this host to its own addresses go through docker-proxy.';
      return path;
    });
}

/** The command that shows a hop, where it lives (the container's netns or the engine's). */
function hopCommand(h: Hop, c: ContainerInfo, snap: Snapshot): string | null {
  switch (h.kind) {
    case 'interface': {
      const ifname = h.name.split(':').at(-1) ?? '';
      return inContainer(c, /^[\w.@-]+$/.test(ifname) ? `ip addr show ${ifname}` : 'ip addr');
    }
    case 'veth':
      return h.name.startsWith('veth') && !h.name.includes(' ') ? inEngine(snap, `ip link show ${h.name}`) : null;
    case 'bridge': {
      const br = /\((\S+)\)$/.exec(h.name)?.[1];
      return br && br !== '?' ? inEngine(snap, `brctl show ${br}`) : null;
    }
    case 'nat':
    case 'drop':
      return h.rule ? ruleCommand(snap, h.rule) : null;
    case 'host':
      return h.name === 'host routing' ? inEngine(snap, 'sysctl net.ipv4.ip_forward') : null;
    case 'out':
      return h.name.startsWith('out') ? inEngine(snap, 'ip route show default') : null;
    case 'loopback':
      return inContainer(c, 'ip addr');
    default:
      return null;
  }
}

function withCommands(p: ContainerPath, c: ContainerInfo, snap: Snapshot): ContainerPath {
  const hops = (e: EgressPath): EgressPath => ({
    ...e,
    hops: e.hops.map((h) => {
      const command = h.command ?? hopCommand(h, c, snap);
      return command ? { ...h, command } : h;
    }),
  });
  const byNet = p.egressByNetwork.map(hops);
  return {
    ...p,
    egress: byNet[0] ?? hops(p.egress),
    egressByNetwork: byNet,
    ingress: p.ingress.map((i) => {
      const command = i.rule
        ? ruleCommand(snap, i.rule)
        : i.proxy
          ? inEngine(snap, `ps -o pid,args -C ${i.proxyName ?? 'docker-proxy'}`)
          : null;
      return command ? { ...i, command } : i;
    }),
  };
}

export function containerPath(c: ContainerInfo, snap: Snapshot): ContainerPath {
  const owner = c.netnsOwnerId ? snap.containers.find((x) => x.id === c.netnsOwnerId) : undefined;
  return { ...withCommands(pathOf(c, snap), owner ?? c, snap), compose: c.compose };
}

function pathOf(c: ContainerInfo, snap: Snapshot): ContainerPath {
  const owner = c.netnsOwnerId ? snap.containers.find((x) => x.id === c.netnsOwnerId) : undefined;
  if (owner) {
    const p = containerPath(owner, snap);
    const via: Hop = {
      kind: 'netns',
      name: `shares the netns of ${owner.name}`,
      note: '--network container:X: same interfaces, addresses and ports',
    };
    const lift = (e: EgressPath): EgressPath => ({ ...e, hops: [via, ...e.hops] });
    return { ...p, container: c.name, networkMode: c.networkMode, egress: lift(p.egress), egressByNetwork: p.egressByNetwork.map(lift) };
  }
  if (c.networkModeKind === 'host') {
    const egress: EgressPath = {
      network: 'host',
      masqueraded: false,
      leavesHost: true,
      hops: [
        { kind: 'host', name: 'host network stack', note: 'No veth, no bridge, no NAT: the container uses the host interfaces directly.' },
      ],
    };
    return { container: c.name, networkMode: c.networkMode, egress, egressByNetwork: [egress], ingress: [] };
  }
  const manual = (c.manualInterfaces ?? []).filter((m) => m.addresses.length).map((m) => manualEgress(c, m, snap));
  if ((c.networkModeKind === 'none' || c.endpoints.every((e) => !e.ipv4)) && manual.length) {
    // The default route's interface first: it is the way out.
    const out = [...manual].sort((x, y) => Number(y.leavesHost) - Number(x.leavesHost));
    return { container: c.name, networkMode: c.networkMode, egress: out[0] as EgressPath, egressByNetwork: out, ingress: [] };
  }
  if (c.networkModeKind === 'none' || c.endpoints.every((e) => !e.ipv4)) {
    const egress: EgressPath = {
      network: null,
      masqueraded: false,
      leavesHost: false,
      hops: [
        {
          kind: 'loopback',
          name: 'lo only',
          note: c.state === 'running' ? 'No network interface but loopback.' : `Not running (${c.state}): no interfaces yet.`,
        },
      ],
    };
    return { container: c.name, networkMode: c.networkMode, egress, egressByNetwork: [egress], ingress: ingressFor(c, snap) };
  }
  const nets = new Map(snap.networks.map((n) => [n.id, n]));
  const first = defaultEndpoint(c, snap);
  const ordered = [first, ...c.endpoints.filter((e) => e !== first && e.ipv4)].filter((e): e is Endpoint => !!e);
  const byNet = ordered.map((ep) => egressVia(c, ep, nets.get(ep.networkId), snap));
  return {
    container: c.name,
    networkMode: c.networkMode,
    egress: byNet[0] as EgressPath,
    egressByNetwork: [...byNet, ...manual],
    ingress: ingressFor(c, snap),
  };
}
