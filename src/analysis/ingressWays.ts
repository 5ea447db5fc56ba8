// Pure: the ways into a container from outside the engine's host: its published ports (DNAT or
// docker-proxy), its own address routed to the host ('direct'), and rootlesskit's port driver,
// each decided by a rule.
import { ipForwardEvidence } from '../shared/engineNetnsText';
import type { Route } from '../shared/model';
import type { Way } from './explainTypes';
import { isLoopback } from './cidr';
import { forwardPolicyText, gatewayMode, inputFacts, routeText, unmodelledText, unpublishedDrop, userDecision } from './explainRules';
import {
  addWay,
  bindings,
  bindingText,
  hostIpOf,
  landing,
  loopbackEvidence,
  proxyFor,
  proxyText,
  publishedRule,
  publishedWay,
  type Target,
} from './ingressParts';

/** An IPv4 client outside the engine's host, coming in on `route`'s interface. */
export function outsideWays(t: Target, client: string, route: Route | undefined): void {
  const { snap } = t;
  const fw = snap.host.firewall;
  const inIf = route?.interface ?? null;
  const via = route ? `route to ${client}: ${routeText(route)}` : `route to ${client}: unknown (routes not read)`;
  if (snap.host.engineNetns.kind === 'rootless') return rootlessWays(t, client);
  let bypassSaid = false;
  for (const p of bindings(t.b, t.port)) {
    const rule = publishedRule(snap, t.b, p);
    const { net, bridge } = landing(t, rule);
    const hostIp = hostIpOf(p);
    const way = publishedWay(net, hostIp, p);
    const say = addWay(t, way);
    if (isLoopback(hostIp)) {
      say(
        'LOOPBACK_ONLY_BINDING',
        `${t.name}'s port ${p.containerPort} is published on ${hostIp}:${p.hostPort ?? '?'} only: a client outside the host cannot reach it (only the host itself, through docker-proxy).`,
        loopbackEvidence(t, p, rule),
      );
      continue;
    }
    const gm = net ? gatewayMode(net, bridge, fw) : { mode: 'nat' as const, evidence: '' };
    if (gm.mode === 'routed') {
      say(
        'GATEWAY_MODE_ROUTED',
        `${net?.name ?? '?'} is routed (gateway_mode_ipv4=routed): no NAT, so host port ${p.hostPort ?? '?'} is not mapped; reach ${t.name} on its own address, port ${p.containerPort}.`,
        gm.evidence,
      );
      continue;
    }
    if (!fw) {
      way.open = true;
      say(
        'PUBLISHED_PORT',
        `${t.name}'s port ${p.containerPort} is published on ${hostIp}:${p.hostPort ?? '?'}.`,
        `docker inspect ${t.name}: ${bindingText(p)} (rules not read)`,
      );
      continue;
    }
    const proxy = proxyFor(snap, p);
    if (!rule) {
      way.open = !!proxy;
      say(
        'PUBLISHED_PORT',
        proxy
          ? `${hostIp}:${p.hostPort ?? '?'} is served by docker-proxy only (no DNAT rule): the host's INPUT rules apply to it.`
          : `${bindingText(p)} has no DNAT rule and no docker-proxy: nothing answers on that host port.`,
        proxy ? proxyText(proxy) : `docker inspect ${t.name}: ${bindingText(p)}; no matching DNAT rule in the dump`,
      );
      continue;
    }
    if (snap.host.ipForward === false) {
      say(
        'IP_FORWARD_OFF',
        `net.ipv4.ip_forward=0: the DNATed packet for ${rule.containerIp}:${rule.containerPort} is never forwarded to the bridge.`,
        ipForwardEvidence(snap.host.engineNetns, false),
      );
      continue;
    }
    // DOCKER-USER sees the packet after DNAT: the container's address and port.
    const { drop, unsure } = userDecision(fw.userRules, {
      src: client,
      dst: rule.containerIp,
      port: rule.containerPort,
      inIf,
      outIf: bridge,
    });
    if (unsure.length) say('FIREWALL_RULE_UNMODELLED', unmodelledText(unsure), unsure.map((r) => r.rule).join('\n'));
    if (drop) {
      say(
        'FIREWALL_DROP',
        `A rule in ${drop.chain} drops ${client} → ${rule.containerIp}:${rule.containerPort} (after DNAT), before Docker's own rules.`,
        drop.rule,
      );
      continue;
    }
    way.open = true;
    say(
      'PUBLISHED_PORT',
      `${client} connects to ${hostIp === '0.0.0.0' ? "any of the host's addresses" : hostIp}:${p.hostPort ?? '?'}; DNAT sends it to ${t.name} ${rule.containerIp}:${rule.containerPort} on ${net?.name ?? '?'}.`,
      `${rule.rule}; ${via}`,
    );
    if (!bypassSaid) {
      bypassSaid = true;
      const input = inputFacts(fw);
      say(
        'PUBLISHED_BYPASSES_INPUT',
        input.strict
          ? `The host's INPUT rules (policy ${fw.inputPolicy ?? '?'}${fw.hostFirewalls.length ? `, ${fw.hostFirewalls.join(', ')}` : ''}) do not apply: a published port is DNATed in PREROUTING and forwarded, never input. Use DOCKER-USER to filter it.`
          : 'A published port is DNATed in PREROUTING and forwarded, so INPUT rules (ufw, firewalld, a DROP policy) never see it; only DOCKER-USER filters it.',
        `${rule.rule}; ${input.evidence}`,
      );
    }
  }
  directWays(t, client, inIf, via);
}

/** B's own addresses, routed to the host by the client's network (an assumption we say). */
function directWays(t: Target, client: string, inIf: string | null, via: string): void {
  const { snap, port } = t;
  const fw = snap.host.firewall;
  for (const ep of t.b.endpoints) {
    const net = snap.networks.find((n) => n.id === ep.networkId);
    if (!ep.ipv4 || net?.driver !== 'bridge') continue;
    const ip = ep.ipv4;
    const bridge = ep.bridge ?? net.bridge ?? '';
    if (inIf && inIf === bridge) continue; // the client is on that bridge: not from outside
    const way: Way = { kind: 'direct', network: net.name, address: ip, byName: false, names: [], open: false };
    const say = addWay(t, way);
    const subnet = net.subnets.find((s) => s.subnet.includes('.'))?.subnet ?? `${ip}/32`;
    say(
      'DIRECT_ROUTING',
      `Assuming the client's network routes ${subnet} to this host (an assumption: the client's routes are not visible here), ${client} → ${ip}${port ? `:${port}` : ''} comes in on ${inIf ?? 'an unknown interface'} and is forwarded to ${bridge}.`,
      `${via}; ${t.name} ${ip} on ${net.name} (${bridge})`,
    );
    if (!fw) {
      way.open = true;
      continue;
    }
    // Published container ports of this address: DNAT rules name them; routed networks have none, the API does.
    const gm = gatewayMode(net, bridge, fw);
    const published = [
      ...new Set([
        ...fw.published.filter((r) => r.containerIp === ip).map((r) => r.containerPort),
        ...(gm.mode === 'routed' ? t.b.ports.filter((p) => p.hostPort !== null).map((p) => p.containerPort) : []),
      ]),
    ];
    const raw = (pt: number | null) =>
      fw.directRoutingDrops.find(
        (d) => d.containerIp === ip && (d.bridge === null || d.bridge === bridge) && (d.port === null || d.port === pt),
      );
    const rawAll = raw(port);
    if (rawAll || (port === null && published.length > 0 && published.every((x) => raw(x)))) {
      say(
        'DIRECT_ROUTING_BLOCKED',
        `Docker drops packets for ${ip} that do not come in on ${bridge} (raw PREROUTING, before routing): the container's own address is not reachable from outside.`,
        (rawAll ?? raw(published[0] ?? null))?.rule ?? '',
      );
      continue;
    }
    if (snap.host.ipForward === false) {
      say(
        'IP_FORWARD_OFF',
        'net.ipv4.ip_forward=0: the host does not forward to the bridge.',
        ipForwardEvidence(snap.host.engineNetns, false),
      );
      continue;
    }
    if (net.internal || fw.internal.includes(bridge)) {
      say(
        'INTERNAL_NETWORK',
        `${net.name} is internal: Docker drops traffic into it from anywhere else.`,
        fw.bridgeFlagRules.find((r) => r.flag === 'internal' && r.bridge === bridge)?.rule ?? `${net.name}: Internal=true`,
      );
      continue;
    }
    const { drop, unsure } = userDecision(fw.userRules, { src: client, dst: ip, port, inIf, outIf: bridge });
    if (unsure.length) say('FIREWALL_RULE_UNMODELLED', unmodelledText(unsure), unsure.map((r) => r.rule).join('\n'));
    if (drop) {
      say('FIREWALL_DROP', `A rule in ${drop.chain} drops ${client} → ${ip}.`, drop.rule);
      continue;
    }
    if (gm.mode === 'nat-unprotected') {
      way.open = true;
      say(
        'GATEWAY_MODE_NAT_UNPROTECTED',
        `${net.name} is nat-unprotected: Docker accepts every port of its containers from outside, published or not.`,
        gm.evidence,
      );
      continue;
    }
    const open = port === null ? published.filter((x) => !raw(x)) : published.includes(port) ? [port] : [];
    if (open.length) {
      way.open = true;
      if (gm.mode === 'routed')
        say(
          'GATEWAY_MODE_ROUTED',
          `${net.name} is routed (no NAT): Docker accepts the published port(s) ${open.join(', ')} on the container's own address.`,
          gm.evidence,
        );
      else
        say(
          'PUBLISHED_PORT',
          `Docker accepts forwarded traffic to ${ip}:${open.join(', ')} (published) from any interface but ${bridge}: routed straight to the container, it needs no host port.`,
          fw.published.find((r) => r.containerIp === ip)?.rule ?? `published: ${open.join(', ')}`,
        );
      continue;
    }
    const filterDrop = unpublishedDrop(fw, bridge);
    if (filterDrop) {
      say(
        'DIRECT_ROUTING_BLOCKED',
        `Docker's filter drops traffic from outside ${bridge} to ports ${t.name} does not publish${port ? ` (${port})` : ''}.`,
        filterDrop.rule,
      );
    } else if (fw.forwardPolicy === 'DROP') {
      say(
        'FORWARD_POLICY_DROP',
        `No rule accepts ${client} → ${ip}${port ? `:${port}` : ''} (${port ? 'not a published port' : 'no published port'}): the FORWARD policy DROP decides.`,
        forwardPolicyText(fw),
      );
    } else {
      way.open = true;
    }
  }
}

/**
 * Rootless: the engine's netns sits behind slirp4netns, and rootlesskit's port driver listens on
 * the real host and relays each connection inside, so the real host's INPUT applies and the
 * engine's DOCKER-USER never sees the client's address.
 */
function rootlessWays(t: Target, client: string): void {
  const how = t.snap.host.engineNetns.how;
  const rl = t.snap.host.rootless;
  for (const p of bindings(t.b, t.port)) {
    const hostIp = hostIpOf(p);
    const { net } = landing(t, publishedRule(t.snap, t.b, p));
    const way = publishedWay(net, hostIp, p);
    const say = addWay(t, way);
    if (isLoopback(hostIp)) {
      say(
        'LOOPBACK_ONLY_BINDING',
        `${hostIp}:${p.hostPort ?? '?'} is loopback only: rootlesskit listens on the real host's ${hostIp}, which no other machine reaches.`,
        `docker inspect ${t.name}: ${bindingText(p)}`,
      );
      continue;
    }
    const listener = rl?.listeners.find((l) => l.hostPort === p.hostPort && l.protocol === p.protocol && l.hostIp === hostIp);
    if (rl && !listener) {
      say(
        'PUBLISHED_PORT',
        `Rootless: rootlesskit (pid ${rl.rootlesskitPid}) does not listen on ${hostIp}:${p.hostPort ?? '?'} on the host: nothing takes the connection into the engine's netns.`,
        `${bindingText(p)}; rootlesskit listens on ${rl.listeners.map((l) => `${l.hostIp}:${l.hostPort}`).join(', ') || 'nothing'}`,
      );
      continue;
    }
    way.open = true;
    const driver =
      listener && rl
        ? `rootlesskit (pid ${listener.pid}, ${rl.portDriver ?? '?'} port driver) listens on ${hostIp}:${listener.hostPort} in the host's netns`
        : how;
    say(
      'PUBLISHED_PORT',
      `Rootless: ${client} connects to the real host's ${hostIp === '0.0.0.0' ? 'addresses' : hostIp} port ${p.hostPort ?? '?'}, where rootlesskit's port driver listens and relays it into the engine's netns. The engine's DOCKER-USER sees rootlesskit, not ${client}.`,
      `${bindingText(p)}; ${driver}`,
    );
    // The port is taken by a user process on the real host: the real host's INPUT (ufw, firewalld)
    // decides, and that firewall is not the engine's, so it was not read.
    say(
      'HOST_INPUT_UNKNOWN',
      `Whether ${client} gets through depends on the real host's INPUT rules (ufw, firewalld), which apply to rootlesskit's socket like to any process's; they are not the engine's rules and were not read.`,
      `${driver}; check with: sudo iptables -S INPUT (or ufw status)`,
    );
  }
  t.reason(
    'DIRECT_ROUTING_BLOCKED',
    `Rootless: the engine's netns is behind slirp4netns (NAT); no route from outside reaches ${t.name}'s own address.`,
    how,
  );
}
