// Pure: the route of an explanation drawn hop by hop (A eth0 → A's veth → bridge → B's veth →
// B eth0), each hop with a one-line why and the command that shows it, ending where a rule stops
// the traffic. The graph highlights it and the report draws it.
import { byRef } from '../shared/lookup';
import type { ContainerInfo, Endpoint, NetworkInfo, Snapshot } from '../shared/model';
import type { ExplainRoute, Explanation, ReasonCode, RouteHop, Way } from './explainTypes';
import { nsOwner, rankEndpoints } from './gateway';
import { routeFor } from './explainRules';
import { inContainer, inEngine, ruleCommand } from './hopCommands';

/** A learner's name for each reason that stops traffic: what the graph prints on the blocking hop. */
export const STOP_SHORT: Partial<Record<ReasonCode, string>> = {
  ISOLATED_BRIDGES: 'isolation',
  ICC_DISABLED: 'icc=false',
  INTERNAL_NETWORK: 'internal',
  FIREWALL_DROP: 'DOCKER-USER drop',
  NOT_RUNNING: 'not running',
  NETWORK_NONE: 'no network',
  IP_FORWARD_OFF: 'ip_forward=0',
  NO_SHARED_NETWORK: 'no shared network',
  LOOPBACK_ONLY_BINDING: 'loopback only',
  HAIRPIN: 'no hairpin',
  FORWARD_POLICY_DROP: 'FORWARD drop',
  DIRECT_ROUTING_BLOCKED: 'raw drop',
  PORT_NOT_LISTENING: 'not listening',
  PUBLISHED_PORT: 'not published',
  GATEWAY_MODE_ROUTED: 'routed: no DNAT',
};
const STOP_ORDER = Object.keys(STOP_SHORT) as ReasonCode[];

interface Ctx {
  snap: Snapshot;
  x: Explanation;
  nets: Map<string, NetworkInfo>;
}

const netOf = (ctx: Ctx, ep: Endpoint): NetworkInfo | undefined => ctx.nets.get(ep.networkId);
const bridgeOf = (ctx: Ctx, ep: Endpoint): string | null => ep.bridge ?? netOf(ctx, ep)?.bridge ?? null;

function ifaceHop(c: ContainerInfo, ep: Endpoint, shown: ContainerInfo, end: 'from' | 'to'): RouteHop {
  const ifname = ep.ifname ?? 'eth0';
  return {
    kind: 'interface',
    label: `${shown.name} ${ifname}`,
    ...(ep.ipv4 ? { address: `${ep.ipv4}${ep.prefixLen !== null ? `/${ep.prefixLen}` : ''}` } : {}),
    at: { kind: 'container', id: shown.id },
    why:
      end === 'from'
        ? `${shown.name} sends from its ${ifname}, its end of a veth pair, in its own network namespace.`
        : `${shown.name} receives on its ${ifname}${shown.id !== c.id ? ` (the netns of ${c.name}, which it shares)` : ''}.`,
    command: inContainer(c, `ip addr show ${ifname}`),
  };
}

function vethHop(ctx: Ctx, c: ContainerInfo, ep: Endpoint): RouteHop {
  const veth = ep.hostVeth;
  return {
    kind: 'veth',
    label: veth ?? 'veth (not read)',
    at: null,
    why: `The host end of ${c.name}'s veth pair: what goes in at ${ep.ifname ?? 'eth0'} comes out here.`,
    command: veth ? inEngine(ctx.snap, `ip link show ${veth}`) : null,
  };
}

function bridgeHop(ctx: Ctx, ep: Endpoint, why: string): RouteHop {
  const net = netOf(ctx, ep);
  const br = bridgeOf(ctx, ep);
  const gw = ep.gateway ?? net?.subnets[0]?.effectiveGateway ?? null;
  return {
    kind: 'bridge',
    label: `${net?.name ?? ep.network}${br ? ` (${br})` : ''}`,
    ...(gw ? { address: gw } : {}),
    at: { kind: 'network', id: ep.networkId },
    why,
    command: br ? inEngine(ctx.snap, `brctl show ${br}`) : null,
  };
}

/** A container's way onto (or off) a network: its interface, its veth, the bridge. */
function containerSide(ctx: Ctx, c0: ContainerInfo, ep: Endpoint, end: 'from' | 'to', bridgeWhy: string): RouteHop[] {
  const c = nsOwner(c0, ctx.snap);
  const hops = [ifaceHop(c, ep, c0, end), vethHop(ctx, c, ep), bridgeHop(ctx, ep, bridgeWhy)];
  return end === 'from' ? hops : hops.reverse();
}

/** The host (the engine's netns); routeTo: the address whose route the command shows. */
function hostHop(ctx: Ctx, why: string, routeTo?: string): RouteHop {
  return {
    kind: 'host',
    label: ctx.snap.host.engineNetns.same ? 'host' : "host (the engine's netns)",
    at: { kind: 'host' },
    why,
    command: inEngine(ctx.snap, routeTo ? `ip route get ${routeTo}` : 'ip route'),
  };
}

const FLAG_OF: Partial<Record<ReasonCode, 'isolated' | 'iccDisabled' | 'internal'>> = {
  ISOLATED_BRIDGES: 'isolated',
  ICC_DISABLED: 'iccDisabled',
  INTERNAL_NETWORK: 'internal',
};

/** The reason that stopped a way (or the whole explanation), with the rule behind it: the bridge's own rule when the firewall has one. */
function stopOf(ctx: Ctx, codes: readonly ReasonCode[], bridge: string | null = null): RouteHop['stop'] | undefined {
  const code = STOP_ORDER.find((c) => codes.includes(c));
  if (!code) return undefined;
  const flag = FLAG_OF[code];
  const flagRule = flag
    ? ctx.snap.host.firewall?.bridgeFlagRules.find((r) => r.flag === flag && (!bridge || r.bridge === bridge))
    : undefined;
  const r = ctx.x.reasons.find((x) => x.code === code);
  return { code, short: STOP_SHORT[code] ?? code, rule: flagRule?.rule ?? r?.evidence ?? '' };
}

/** The command that shows a stop: its rule's chain, or what shows a stopped or unplugged container. */
function stopCommand(ctx: Ctx, stop: NonNullable<RouteHop['stop']>, who: ContainerInfo | undefined): string | null {
  if (stop.code === 'NOT_RUNNING' && who) return `docker ps -a --filter name=^${who.name}$`;
  if (stop.code === 'NETWORK_NONE' && who) return inContainer(who, 'ip addr');
  if (stop.code === 'IP_FORWARD_OFF') return inEngine(ctx.snap, 'sysctl net.ipv4.ip_forward');
  if (stop.code === 'PORT_NOT_LISTENING' && who) return inContainer(who, 'ss -ltn');
  return /^-A |^(table|chain) |\bnft\b/.test(stop.rule) ? ruleCommand(ctx.snap, stop.rule) : null;
}

function stopHop(ctx: Ctx, stop: NonNullable<RouteHop['stop']>, who?: ContainerInfo): RouteHop {
  const message = ctx.x.reasons.find((r) => r.code === stop.code)?.message ?? stop.short;
  return { kind: 'firewall', label: stop.short, at: null, why: message, command: stopCommand(ctx, stop, who), stop };
}

const endpointOn = (c: ContainerInfo, network: string, nets: Map<string, NetworkInfo>): Endpoint | undefined =>
  c.endpoints.find((e) => e.ipv4 && (nets.get(e.networkId)?.name ?? e.network) === network);

/** The start of the route: where A's packet enters the host (A's side, the host itself, or a client outside). */
function startHops(ctx: Ctx, a0: ContainerInfo | undefined, way: Way | undefined): RouteHop[] {
  const { snap, x } = ctx;
  if (x.fromKind === 'outside') {
    const route = snap.host.routes ? routeFor(snap.host.routes, x.from) : undefined;
    return [
      {
        kind: 'outside',
        label: `client ${x.from}`,
        address: x.from,
        at: { kind: 'outside' },
        why: 'A client on another machine.',
        command: null,
      },
      hostHop(ctx, `It comes in on ${route?.interface ?? "the host's interface towards it"}.`),
    ];
  }
  const to = way?.kind === 'network' ? way.address : undefined;
  if (x.fromKind === 'host' || !a0)
    return [hostHop(ctx, "A process in the engine's network namespace: it owns every bridge's gateway address.", to)];
  const a = nsOwner(a0, snap);
  if (a.networkModeKind === 'host') return [hostHop(ctx, `${a0.name} uses the host network: it sends from the host's own stack.`, to)];
  const sameNet = way?.kind === 'network' ? endpointOn(a, way.network, ctx.nets) : undefined;
  const ep = sameNet ?? rankEndpoints(a, snap)?.endpoint;
  if (!ep) return [];
  const why = sameNet
    ? `The bridge switches the frame from ${a0.name}'s veth to the destination's: no routing, no NAT.`
    : `${a0.name}'s default route goes to this bridge's gateway${ep.gateway ? ` ${ep.gateway}` : ''}: the host routes it on.`;
  return containerSide(ctx, a0, ep, 'from', why);
}

/** Published and direct ways: the host's part (DNAT or docker-proxy), then B's bridge, veth and interface. */
function publishedHops(ctx: Ctx, way: Way, b0: ContainerInfo): RouteHop[] {
  const { snap } = ctx;
  const b = nsOwner(b0, snap);
  const hops: RouteHop[] = [];
  if (way.kind === 'published') {
    const proxy = snap.host.proxies?.find((p) => p.hostPort === way.hostPort);
    const rule = snap.host.firewall?.published.find((p) => p.hostPort === way.hostPort && p.containerPort === way.containerPort);
    const nat: RouteHop = {
      kind: proxy && !rule ? 'proxy' : 'nat',
      label: `${proxy && !rule ? proxy.name : 'DNAT'} :${way.hostPort ?? '?'} → :${way.containerPort ?? '?'}`,
      address: `${way.address}:${way.hostPort ?? '?'}`,
      at: { kind: 'host' },
      why:
        proxy && !rule
          ? `${proxy.name} (pid ${proxy.pid}) accepts on ${way.address}:${way.hostPort ?? '?'} and connects to ${b0.name} itself.`
          : `The host rewrites the destination to ${b0.name}'s port ${way.containerPort ?? '?'} (DNAT)${proxy ? `; from loopback, ${proxy.name} answers instead` : ''}.`,
      command: rule ? ruleCommand(snap, rule.rule) : proxy ? 'ps -o pid,args -C docker-proxy' : null,
    };
    hops.push(nat);
  }
  const ep = endpointOn(b, way.network, ctx.nets) ?? b.endpoints.find((e) => e.ipv4);
  if (ep)
    hops.push(
      ...containerSide(ctx, b0, ep, 'to', `The host forwards it onto ${way.network}'s bridge, which delivers it to ${b0.name}'s veth.`),
    );
  return hops;
}

/** A hand-made veth (tutorial 003): straight between the two netns, or through a bridge by hand. */
function linkHops(ctx: Ctx, a0: ContainerInfo, b0: ContainerInfo, way: Way): RouteHop[] {
  const a = nsOwner(a0, ctx.snap);
  const b = nsOwner(b0, ctx.snap);
  const manual = (c: ContainerInfo, peer: ContainerInfo | null): RouteHop | null => {
    const m = (c.manualInterfaces ?? []).find((x) => (peer ? x.peer?.container === peer.name : x.bridge !== null));
    if (!m) return null;
    return {
      kind: 'interface',
      label: `${c.name} ${m.name}`,
      ...(m.addresses[0] ? { address: m.addresses[0] } : {}),
      at: { kind: 'container', id: c.id },
      why: `A veth made by hand (not by Docker)${m.bridge ? `, its peer in bridge ${m.bridge}` : peer ? `, its peer in ${peer.name}` : ''}.`,
      command: inContainer(c, `ip -d addr show ${m.name}`),
    };
  };
  const direct = [manual(a, b), manual(b, a)].filter((h): h is RouteHop => h !== null);
  if (direct.length === 2) return direct;
  const net = ctx.snap.networks.find((n) => way.network.startsWith(`${n.name} (`));
  const side = (c: ContainerInfo, end: 'from' | 'to'): RouteHop[] => {
    const ep = net ? c.endpoints.find((e) => e.networkId === net.id) : undefined;
    if (ep) return containerSide(ctx, c, ep, end, `${net?.name ?? ''}'s bridge switches it between the two veths.`);
    const m = manual(c, null);
    return m ? [m] : [];
  };
  const bridge: RouteHop | null = net
    ? {
        kind: 'bridge',
        label: `${net.name} (${net.bridge ?? '?'})`,
        at: { kind: 'network', id: net.id },
        why: 'The bridge both veths are ports of.',
        command: net.bridge ? inEngine(ctx.snap, `brctl show ${net.bridge}`) : null,
      }
    : null;
  const from = side(a, 'from');
  const to = side(b, 'to');
  const hasBridge = (hs: RouteHop[]): boolean => hs.some((h) => h.kind === 'bridge');
  return [
    ...from,
    ...(bridge && !hasBridge(from) && !hasBridge(to) ? [bridge] : []),
    ...(hasBridge(from) && hasBridge(to) ? to.slice(1) : to),
  ];
}

/** The hops of one way, from A to B. */
function wayHops(ctx: Ctx, way: Way, a0: ContainerInfo | undefined, b0: ContainerInfo): RouteHop[] {
  const { snap } = ctx;
  const b = nsOwner(b0, snap);
  if (way.kind === 'localhost') {
    const owner = nsOwner(b0, snap);
    return [
      {
        kind: 'loopback',
        label: `lo 127.0.0.1${way.network === 'host' ? ' (host)' : ` (netns of ${owner.name})`}`,
        address: '127.0.0.1',
        at: way.network === 'host' ? { kind: 'host' } : { kind: 'container', id: owner.id },
        why: `One network namespace: ${ctx.x.from} and ${b0.name} talk over loopback, no veth, no bridge.`,
        command: way.network === 'host' ? inEngine(snap, 'ss -ltn') : inContainer(owner, 'ss -ltn'),
      },
    ];
  }
  if (way.kind === 'link' && a0) return linkHops(ctx, a0, b0, way);
  const start = startHops(ctx, a0, way);
  if (way.kind === 'published' || way.kind === 'direct') return [...start, ...publishedHops(ctx, way, b0)];
  if (b.networkModeKind === 'host')
    return [...start, hostHop(ctx, `${b0.name} uses the host network: the host's own stack answers on ${way.address}.`)];
  const ep = endpointOn(b, way.network, ctx.nets);
  if (!ep) return start;
  const sameBridge = start.some((h) => h.kind === 'bridge' && h.at?.kind === 'network' && h.at.id === ep.networkId);
  const bSide = containerSide(ctx, b0, ep, 'to', `${way.network}'s bridge delivers it to ${b0.name}'s veth.`);
  return sameBridge ? [...start, ...bSide.slice(1)] : [...start, ...bSide];
}

/** Cuts the hops at the one where the traffic stops, marking it (or adding a stop hop after the last). */
function cutAt(ctx: Ctx, hops: RouteHop[], stop: NonNullable<RouteHop['stop']>): RouteHop[] {
  const atBridge = stop.code === 'ICC_DISABLED' || stop.code === 'INTERNAL_NETWORK' || stop.code === 'FIREWALL_DROP';
  const atNat = ['LOOPBACK_ONLY_BINDING', 'HAIRPIN', 'PUBLISHED_PORT', 'GATEWAY_MODE_ROUTED'].includes(stop.code);
  const i = atBridge
    ? hops.findIndex((h) => h.kind === 'bridge')
    : atNat
      ? hops.findIndex((h) => h.kind === 'nat' || h.kind === 'proxy')
      : -1;
  const last = stop.code === 'PORT_NOT_LISTENING' ? hops.length - 1 : i;
  if (last >= 0) {
    const hop = hops[last];
    if (hop)
      return [
        ...hops.slice(0, last),
        { ...hop, stop, why: `${hop.why} Stopped: ${ctx.x.reasons.find((r) => r.code === stop.code)?.message ?? stop.short}` },
      ];
  }
  return [...hops, stopHop(ctx, stop)];
}

/** The Linux bridge of the route's first bridge hop (the network A sends into). */
function bridgeAt(ctx: Ctx, hops: readonly RouteHop[]): string | null {
  const at = hops.find((h) => h.kind === 'bridge')?.at;
  return at?.kind === 'network' ? (ctx.nets.get(at.id)?.bridge ?? null) : null;
}

export function drawRoute(snap: Snapshot, x: Explanation): ExplainRoute {
  const ctx: Ctx = { snap, x, nets: new Map(snap.networks.map((n) => [n.id, n])) };
  const b0 = byRef(snap.containers, x.to);
  const a0 = x.fromKind === 'container' ? byRef(snap.containers, x.from) : undefined;
  if (!b0) return { way: null, hops: [], arrives: false };
  const open = x.ways.findIndex((w) => w.open);
  const index = open >= 0 ? open : x.ways.length ? 0 : null;
  const way = index === null ? undefined : x.ways[index];
  const all = x.reasons.map((r) => r.code);
  if (!way) {
    // No way at all: A's side up to where it stops (not running, no network, isolation …).
    const start = startHops(ctx, a0, undefined);
    const stop = stopOf(ctx, all, bridgeAt(ctx, start)) ?? {
      code: 'NO_SHARED_NETWORK',
      short: STOP_SHORT.NO_SHARED_NETWORK ?? '',
      rule: '',
    };
    const early = stop.code === 'NOT_RUNNING' || stop.code === 'NETWORK_NONE';
    if (!early) return { way: null, hops: cutAt(ctx, start, stop), arrives: false };
    const who = [a0, b0].find(
      (c) => c && (stop.code === 'NOT_RUNNING' ? c.state !== 'running' : nsOwner(c, snap).networkModeKind === 'none'),
    );
    const hop = stopHop(ctx, stop, who);
    return {
      way: null,
      hops: [who ? { ...hop, label: `${who.name}: ${stop.short}`, at: { kind: 'container', id: who.id } } : hop],
      arrives: false,
    };
  }
  const hops = wayHops(ctx, way, a0, b0);
  const stop = stopOf(ctx, way.open ? (x.reachable === false ? all : []) : (way.codes ?? all), bridgeAt(ctx, hops));
  if (!way.open || (stop && x.reachable === false)) return { way: index, hops: stop ? cutAt(ctx, hops, stop) : hops, arrives: false };
  return { way: index, hops, arrives: true };
}
