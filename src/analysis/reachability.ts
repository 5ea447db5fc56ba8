// Pure: can A (a container, the engine's host, or an outside IPv4 client) reach container B, every
// way it could, and why, with evidence.
import { ipForwardEvidence } from '../shared/engineNetnsText';
import { byRef } from '../shared/lookup';
import type { ContainerInfo, Endpoint, NetworkInfo, Snapshot } from '../shared/model';
import type { Explanation, ExplainFacts, ReasonCode, SourceKind, Way } from './explainTypes';
import { isIpv4, unmodelledText, userDecision } from './explainRules';
import { gatewayReason, nsOwner, rankEndpoints } from './gateway';
import { bindings } from './ingressParts';
import { hairpinWays } from './localWays';
import { manualWays } from './manualWays';
import { explainFromHost, explainFromOutside } from './outside';
import { drawRoute } from './explainRoute';

export type { AddReason, Explanation, ExplainFacts, Reason, ReasonCode, SourceKind, Way, WayKind } from './explainTypes';

function namesFor(b: ContainerInfo, ep: Endpoint, net: NetworkInfo, a: ContainerInfo): { byName: boolean; names: string[] } {
  if (
    net.name === 'bridge' ||
    (net.driver !== 'bridge' && net.driver !== 'overlay' && net.driver !== 'macvlan' && net.driver !== 'ipvlan')
  ) {
    // The default bridge has no embedded DNS: only --link names resolve (through /etc/hosts).
    const aEp = a.endpoints.find((e) => e.networkId === net.id);
    const link = aEp?.links.find((l) => l.split(':')[0] === b.name);
    return link ? { byName: true, names: [b.name, link.split(':')[1] ?? ''].filter(Boolean) } : { byName: false, names: [] };
  }
  return { byName: true, names: [...new Set([b.name, ...ep.aliases])] };
}

/** `host` is a process in the engine's netns; an IPv4 address that names no container is an outside client. */
export function sourceKind(snap: Snapshot, from: string): SourceKind {
  if (from === 'host') return 'host';
  if (byRef(snap.containers, from)) return 'container';
  if (isIpv4(from)) return 'outside';
  throw new Error(`No container "${from}" (a source may also be "host" or an outside client's IPv4 address).`);
}

export function explain(
  snap: Snapshot,
  fromName: string,
  toName: string,
  port: number | null = null,
  facts: ExplainFacts = {},
): Explanation {
  const x = verdictOf(snap, fromName, toName, port, facts);
  const compose = (n: string): { project: string; service: string } | null => byRef(snap.containers, n)?.compose ?? null;
  return {
    ...x,
    ...(x.fromKind === 'container' ? { fromCompose: compose(x.from) } : {}),
    toCompose: compose(x.to),
    route: drawRoute(snap, x),
  };
}

function verdictOf(snap: Snapshot, fromName: string, toName: string, port: number | null, facts: ExplainFacts): Explanation {
  const kind = sourceKind(snap, fromName);
  const x =
    kind === 'host'
      ? explainFromHost(snap, toName, port)
      : kind === 'outside'
        ? explainFromOutside(snap, fromName, toName, port)
        : explainRoute(snap, fromName, toName, port);
  // A rule that was not read or not modelled may decide instead: not a certain yes.
  if (x.reachable === true && x.reasons.some((r) => r.code === 'FIREWALL_RULE_UNMODELLED' || r.code === 'HOST_INPUT_UNKNOWN'))
    x.reachable = 'unknown';
  const listening = facts.listening;
  if (port === null || !listening || x.reachable === false) return x;
  if (listening.includes(port)) {
    x.reasons.push({
      code: 'PORT_LISTENING',
      message: `${x.to} listens on TCP port ${port}.`,
      evidence: `/proc/<pid>/net/tcp{,6} of ${x.to}: listening on ${listening.join(', ')}`,
    });
  } else {
    x.reasons.push({
      code: 'PORT_NOT_LISTENING',
      message: `Nothing in ${x.to} listens on TCP port ${port}: the connection would be refused.`,
      evidence: `/proc/<pid>/net/tcp{,6} of ${x.to}: listening on ${listening.join(', ') || 'nothing'}`,
    });
    x.reachable = false;
  }
  return x;
}

function explainRoute(snap: Snapshot, fromName: string, toName: string, port: number | null): Explanation {
  const find = (n: string): ContainerInfo => {
    const c = byRef(snap.containers, n);
    if (!c) throw new Error(`No container "${n}".`);
    return c;
  };
  const a0 = find(fromName);
  const b0 = find(toName);
  const out: Explanation = { from: a0.name, fromKind: 'container', to: b0.name, port, reachable: false, ways: [], reasons: [] };
  const reason = (code: ReasonCode, message: string, evidence: string): void => {
    out.reasons.push({ code, message, evidence });
  };
  for (const c of [a0, b0]) {
    if (c.state !== 'running')
      reason(
        'NOT_RUNNING',
        `${c.name} is ${c.state}: it has no network until it runs.`,
        `docker inspect ${c.name}: State.Status=${c.state}`,
      );
  }
  if (out.reasons.length) return out;
  const a = nsOwner(a0, snap);
  const b = nsOwner(b0, snap);
  if (a.id === b.id) {
    reason(
      'SAME_NETNS',
      `${a0.name} and ${b0.name} share one network namespace: use localhost${port ? `:${port}` : ''}.`,
      `${a0.name}: ${a0.networkMode}; ${b0.name}: ${b0.networkMode}`,
    );
    out.ways.push({ kind: 'localhost', network: `netns of ${a.name}`, address: '127.0.0.1', byName: false, names: [], open: true });
    out.reachable = true;
    return out;
  }
  // Hand-made links first: a --network none container may have one (Docker does not know it).
  const manual = a.networkModeKind === 'host' || b.networkModeKind === 'host' ? [] : manualWays(snap, a, b, reason);
  for (const [c, orig] of [
    [a, a0],
    [b, b0],
  ] as const) {
    if (c.networkModeKind === 'none' && !(c.manualInterfaces ?? []).length)
      reason('NETWORK_NONE', `${orig.name} runs with --network none: it has only loopback.`, `${orig.name}: NetworkMode=none`);
  }
  out.ways.push(...manual);
  if (out.reasons.some((r) => r.code === 'NETWORK_NONE') || a.networkModeKind === 'none' || b.networkModeKind === 'none') {
    if (!out.reasons.length)
      reason(
        'NO_SHARED_NETWORK',
        `${a.name} and ${b.name} share no network and no hand-made link.`,
        `${a.name}: ${a.networkMode}; ${b.name}: ${b.networkMode}; hand-made interfaces: ${[a, b].map((c) => (c.manualInterfaces ?? []).map((m) => m.name).join(' ') || 'none').join('; ')}`,
      );
    out.reachable = out.ways.some((w) => w.open);
    return out;
  }
  const fw = snap.host.firewall;
  if (a.networkModeKind === 'host' || b.networkModeKind === 'host') {
    return explainHost(snap, a, b, a0, b0, out, reason);
  }
  const nets = new Map(snap.networks.map((n) => [n.id, n]));
  for (const ea of a.endpoints) {
    const eb = b.endpoints.find((e) => e.networkId === ea.networkId && e.ipv4);
    const net = nets.get(ea.networkId);
    if (!eb?.ipv4 || !ea.ipv4 || !net) continue;
    const names = namesFor(b, eb, net, a);
    const way: Way = { kind: 'network', network: net.name, address: eb.ipv4, byName: names.byName, names: names.names, open: true };
    reason(
      'SHARED_NETWORK',
      `Both are on ${net.name}: ${a.name} ${ea.ipv4} → ${b.name} ${eb.ipv4} through bridge ${net.bridge ?? '?'}.`,
      `${a.name} ${ea.ipv4} and ${b.name} ${eb.ipv4} on ${net.name} (${net.subnets.map((s) => s.subnet).join(', ')})`,
    );
    if (net.name === 'bridge' && !names.byName) {
      reason(
        'DEFAULT_BRIDGE_NO_DNS',
        `The default bridge has no DNS: "${b.name}" does not resolve from ${a.name}; use ${eb.ipv4}, a --link, or a user-defined network.`,
        'docker0 networks have no embedded DNS (127.0.0.11)',
      );
    } else if (net.name === 'bridge') {
      reason('LEGACY_LINK', `--link makes ${names.names.join(', ')} resolve to ${eb.ipv4} in ${a.name}'s /etc/hosts.`, ea.links.join(', '));
    } else {
      reason(
        'NAME_RESOLVES',
        `On ${net.name}, Docker's DNS (127.0.0.11) resolves ${names.names.join(', ')} to ${eb.ipv4}.`,
        `aliases on ${net.name}: ${eb.aliases.join(', ') || b.name}`,
      );
    }
    if (net.icc === false || (net.bridge && fw?.iccDisabled.includes(net.bridge))) {
      way.open = false;
      reason(
        'ICC_DISABLED',
        `Inter-container communication is off on ${net.name}: the bridge drops traffic between its containers.`,
        fw?.iccDisabled.includes(net.bridge ?? '')
          ? `-A FORWARD -i ${net.bridge ?? ''} -o ${net.bridge ?? ''} -j DROP`
          : 'com.docker.network.bridge.enable_icc=false',
      );
    }
    if (net.internal) {
      reason(
        'INTERNAL_NETWORK',
        `${net.name} is internal: containers on it reach each other, nothing outside.`,
        `${net.name}: Internal=true`,
      );
    }
    const bridge = ea.bridge ?? net.bridge;
    const { drop, unsure } = fw
      ? userDecision(fw.userRules, { src: ea.ipv4, dst: eb.ipv4, port, inIf: bridge, outIf: bridge })
      : { drop: undefined, unsure: [] };
    if (unsure.length) reason('FIREWALL_RULE_UNMODELLED', unmodelledText(unsure), unsure.map((r) => r.rule).join('\n'));
    if (drop) {
      way.open = false;
      reason('FIREWALL_DROP', `A rule in ${drop.chain} drops this traffic.`, drop.rule);
    }
    out.ways.push(way);
  }
  if (out.ways.length === 0) {
    const aNets = a.endpoints.map((e) => e.network).join(', ') || 'none';
    const bNets = b.endpoints.map((e) => e.network).join(', ') || 'none';
    reason(
      'NO_SHARED_NETWORK',
      `${a.name} and ${b.name} share no network: connect one of them to the other's network.`,
      `${a.name}: ${aNets}; ${b.name}: ${bNets}`,
    );
    const aBr = a.endpoints.map((e) => e.bridge ?? nets.get(e.networkId)?.bridge).filter(Boolean);
    const bBr = b.endpoints.map((e) => e.bridge ?? nets.get(e.networkId)?.bridge).filter(Boolean);
    const internal = a.endpoints.map((e) => nets.get(e.networkId)).filter((n) => n?.internal);
    if (internal.length && internal.length === a.endpoints.length) {
      reason(
        'INTERNAL_NETWORK',
        `${a.name} is only on internal network(s) ${internal.map((n) => n?.name).join(', ')}: nothing outside them is reachable.`,
        internal.map((n) => `${n?.name ?? ''}: Internal=true`).join('; '),
      );
    } else if (
      fw &&
      aBr.some((x) => fw.isolated.includes(x ?? '')) &&
      bBr.some((x) => fw.isolated.includes(x ?? '') || fw.internal.includes(x ?? ''))
    ) {
      // Networks by name (what a learner typed), with the Linux bridge behind each as the detail.
      const named = (c: ContainerInfo): string =>
        c.endpoints.map((e) => `${e.network} (${e.bridge ?? nets.get(e.networkId)?.bridge ?? '?'})`).join(', ');
      reason(
        'ISOLATED_BRIDGES',
        `Docker isolates bridge networks from each other: ${a.name} on ${a.endpoints.map((e) => e.network).join(', ')} cannot reach ${b.name} on ${b.endpoints.map((e) => e.network).join(', ')}, even by IP through the host.`,
        `isolated bridges: ${named(a)}; ${named(b)}`,
      );
    }
    if (snap.host.ipForward === false)
      reason(
        'IP_FORWARD_OFF',
        'net.ipv4.ip_forward=0: the host does not route between bridges at all.',
        ipForwardEvidence(snap.host.engineNetns, false),
      );
    if (!fw)
      reason(
        'FIREWALL_UNKNOWN',
        'Firewall rules were not read (see the evidence for why), so a route through the host cannot be ruled out.',
        snap.host.unavailable.join(' '),
      );
    hairpin(snap, a, b, b0, port, out, reason);
    out.reachable = out.ways.some((w) => w.open) ? true : !fw && snap.host.ipForward !== false ? 'unknown' : false;
    return out;
  }
  hairpin(snap, a, b, b0, port, out, reason);
  out.reachable = out.ways.some((w) => w.open) ? true : false;
  if (out.reachable === true && !fw) {
    reason(
      'FIREWALL_UNKNOWN',
      'Firewall rules were not read (see the evidence for why): a DOCKER-USER rule could still drop this.',
      snap.host.unavailable.join(' '),
    );
  }
  return out;
}

function explainHost(
  snap: Snapshot,
  a: ContainerInfo,
  b: ContainerInfo,
  a0: ContainerInfo,
  b0: ContainerInfo,
  out: Explanation,
  reason: (c: ReasonCode, m: string, e: string) => void,
): Explanation {
  const nets = new Map(snap.networks.map((n) => [n.id, n]));
  if (a.networkModeKind === 'host' && b.networkModeKind === 'host') {
    reason(
      'HOST_NETWORK',
      `Both use the host network stack: ${b0.name} is on localhost${out.port ? `:${out.port}` : ''}.`,
      'NetworkMode=host for both',
    );
    out.ways.push({ kind: 'localhost', network: 'host', address: '127.0.0.1', byName: false, names: [], open: true });
    out.reachable = true;
    return out;
  }
  if (a.networkModeKind === 'host') {
    // The host owns every bridge's gateway address, so it reaches containers on them directly.
    for (const eb of b.endpoints.filter((e) => e.ipv4)) {
      const net = nets.get(eb.networkId);
      out.ways.push({ kind: 'network', network: net?.name ?? eb.network, address: eb.ipv4 ?? '', byName: false, names: [], open: true });
    }
    reason(
      'HOST_NETWORK',
      `${a0.name} uses the host network: the host reaches ${b0.name} directly over its bridge (no NAT), but Docker's DNS does not serve host-mode containers.`,
      `${b0.name}: ${b.endpoints.map((e) => `${e.network} ${e.ipv4 ?? ''}`).join(', ')}`,
    );
  } else {
    for (const ea of a.endpoints.filter((e) => e.ipv4)) {
      const net = nets.get(ea.networkId);
      if (net?.internal) {
        reason('INTERNAL_NETWORK', `${net.name} is internal: ${a0.name} cannot leave it to reach the host.`, `${net.name}: Internal=true`);
        continue;
      }
      const gw = ea.gateway ?? net?.subnets[0]?.effectiveGateway ?? '';
      out.ways.push({ kind: 'network', network: net?.name ?? ea.network, address: gw, byName: false, names: [], open: !!gw });
    }
    reason(
      'HOST_NETWORK',
      `${b0.name} uses the host network: ${a0.name} reaches it on the host's addresses, e.g. its bridge gateway.`,
      `${b0.name}: NetworkMode=host`,
    );
  }
  out.reachable = out.ways.some((w) => w.open);
  return out;
}

/** With a port: B's published ports, reached through the host (HAIRPIN); says which network A leaves by. */
function hairpin(
  snap: Snapshot,
  a: ContainerInfo,
  b: ContainerInfo,
  b0: ContainerInfo,
  port: number | null,
  out: Explanation,
  reason: (c: ReasonCode, m: string, e: string) => void,
): void {
  if (port === null || bindings(b, port).length === 0) return;
  const gw = rankEndpoints(a, snap);
  const net = gw ? snap.networks.find((n) => n.id === gw.endpoint.networkId) : undefined;
  if (net?.internal) return; // no way to the host's addresses (INTERNAL_NETWORK says so)
  const aBridge = gw ? (gw.endpoint.bridge ?? net?.bridge ?? null) : null;
  const aGateway = gw ? (gw.endpoint.gateway ?? net?.subnets[0]?.effectiveGateway ?? null) : null;
  hairpinWays({ snap, b, name: b0.name, port, reason, ways: out.ways }, a, aBridge, aGateway);
  if (gw && gw.ranked.length > 1) gatewayReason(snap, a, reason);
}
