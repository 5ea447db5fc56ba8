// Pure: the ways into a container from its own host: from a process in the engine's netns, and
// from another container through a published port (hairpin).
import type { ContainerInfo } from '../shared/model';
import { isLoopback } from './cidr';
import { inputFacts } from './explainRules';
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

/** A process in the engine's netns (the host): bridges directly, published ports through OUTPUT DNAT or docker-proxy. */
export function hostWays(t: Target): void {
  const { snap } = t;
  const ns = snap.host.engineNetns;
  // "host" is a process in the engine's netns. When that is not this machine's own netns, a shell
  // here is somewhere else: say where the answer holds, and how to stand there.
  if (!ns.same && ns.pid !== null) {
    t.reason(
      'HOST_NETWORK',
      ns.kind === 'rootless'
        ? `"host" here means a process in the rootless engine's netns (rootlesskit's), e.g. \`nsenter -U --preserve-credentials -n -t ${ns.pid} …\` as the engine's user. From this machine's own netns the container addresses are not routed at all (they sit behind slirp4netns); only the published ports answer there, through rootlesskit.`
        : `"host" here means a process in the engine's own netns, e.g. \`sudo nsenter -t ${ns.pid} -n …\`. This machine's own netns reaches the engine only as another host does: through its routes to that netns.`,
      ns.how,
    );
  }
  for (const ep of t.b.endpoints) {
    const net = snap.networks.find((n) => n.id === ep.networkId);
    if (!ep.ipv4 || !net) continue;
    const bridge = ep.bridge ?? net.bridge;
    const open = net.driver === 'bridge';
    const say = addWay(t, { kind: 'network', network: net.name, address: ep.ipv4, byName: false, names: [], open });
    const gw = ep.gateway ?? net.subnets[0]?.effectiveGateway ?? '?';
    say(
      'HOST_NETWORK',
      open
        ? `The host owns ${net.name}'s gateway ${gw} on ${bridge ?? '?'}: it reaches ${ep.ipv4} directly (no NAT, not forwarded, so DOCKER-USER and the raw-table drops do not apply).`
        : `${net.name} uses the ${net.driver} driver: the host does not reach its containers through a bridge of its own.`,
      `${t.name} ${ep.ipv4} on ${net.name} (${bridge ?? net.driver}), gateway ${gw}`,
    );
  }
  for (const p of bindings(t.b, t.port)) {
    const rule = publishedRule(snap, t.b, p);
    const proxy = proxyFor(snap, p);
    const { net } = landing(t, rule);
    const hostIp = hostIpOf(p);
    const way = publishedWay(net, isLoopback(hostIp) || hostIp === '0.0.0.0' ? '127.0.0.1' : hostIp, p);
    // From the host, loopback goes to docker-proxy (OUTPUT DNAT skips 127.0.0.0/8); other addresses are DNATed in OUTPUT.
    way.open = snap.host.proxies === null || !!proxy || (!isLoopback(hostIp) && !!rule) || !snap.host.firewall;
    const say = addWay(t, way);
    const ev = [
      proxy ? proxyText(proxy) : snap.host.proxies === null ? 'docker-proxy processes not read' : 'no docker-proxy for it',
      rule?.rule,
    ]
      .filter(Boolean)
      .join('; ');
    if (isLoopback(hostIp))
      say(
        'LOOPBACK_ONLY_BINDING',
        `${hostIp}:${p.hostPort ?? '?'} is loopback only: the host itself reaches it${way.open ? ', through docker-proxy' : ', but no docker-proxy serves it'}; nothing outside does.`,
        ev,
      );
    else
      say(
        'PUBLISHED_PORT',
        `${t.name}'s port ${p.containerPort} is published on ${hostIp}:${p.hostPort ?? '?'}: from the host, ${proxy ? '127.0.0.1 goes through docker-proxy and ' : ''}the host's own addresses are DNATed in OUTPUT.`,
        ev || bindingText(p),
      );
  }
}

/** A container reaching a port its own host publishes (HAIRPIN). */
export function hairpinWays(t: Target, a: ContainerInfo, aBridge: string | null, aGateway: string | null): void {
  const { snap } = t;
  const fw = snap.host.firewall;
  for (const p of bindings(t.b, t.port)) {
    const rule = publishedRule(snap, t.b, p);
    const { net, bridge } = landing(t, rule);
    const hostIp = hostIpOf(p);
    const way = publishedWay(net, hostIp === '0.0.0.0' ? (aGateway ?? '0.0.0.0') : hostIp, p);
    const say = addWay(t, way);
    if (isLoopback(hostIp)) {
      say(
        'LOOPBACK_ONLY_BINDING',
        `${hostIp}:${p.hostPort ?? '?'} is the host's loopback; 127.0.0.1 inside ${a.name} is ${a.name}'s own: not reachable from a container.`,
        loopbackEvidence(t, p, rule),
      );
      continue;
    }
    const proxy = proxyFor(snap, p);
    const input = inputFacts(fw);
    if (proxy?.name === 'rootlesskit-docker-proxy') {
      // Rootless 20.10-27: the port is exposed on the real host; inside, docker-proxy listens on loopback only.
      say(
        'HAIRPIN',
        `Rootless: rootlesskit-docker-proxy exposes ${hostIp}:${p.hostPort ?? '?'} on the real host, and inside the engine's netns its docker-proxy listens on 127.0.0.1 only; Docker does not DNAT what comes from a bridge, so nothing answers ${a.name} at ${way.address}:${p.hostPort ?? '?'}.`,
        proxyText(proxy),
      );
      continue;
    }
    if (proxy || snap.host.proxies === null) {
      way.open = true;
      say(
        'HAIRPIN',
        `${a.name} reaches ${t.name}'s published port at ${way.address}:${p.hostPort ?? '?'}: Docker does not DNAT what comes from a bridge, so docker-proxy takes it and connects to ${t.name} from the host; bridge isolation does not apply.${input.strict ? ' It is input to the host, so INPUT rules apply.' : ''}`,
        [proxy ? proxyText(proxy) : 'docker-proxy not read (the userland proxy is on by default)', input.strict ? input.evidence : '']
          .filter(Boolean)
          .join('; '),
      );
      continue;
    }
    if (!rule) {
      say('HAIRPIN', `${bindingText(p)} has neither a DNAT rule nor a docker-proxy.`, `docker inspect ${t.name}: ${bindingText(p)}`);
      continue;
    }
    // No docker-proxy (userland-proxy=false): the DNAT applies to containers too, then the bridge rules decide.
    if (aBridge && bridge && aBridge !== bridge && fw?.isolated.includes(aBridge) && fw.isolated.includes(bridge)) {
      say(
        'HAIRPIN',
        `The DNAT applies to ${a.name}'s traffic too (no docker-proxy), and then Docker's isolation drops ${aBridge} → ${bridge}.`,
        `${rule.rule}; isolated bridges: ${aBridge}, ${bridge}`,
      );
      continue;
    }
    way.open = true;
    const masq = fw?.hairpin.find((h) => h.containerIp === rule.containerIp);
    say(
      'HAIRPIN',
      `The DNAT applies to ${a.name}'s traffic too: ${way.address}:${p.hostPort ?? '?'} → ${rule.containerIp}:${rule.containerPort}.`,
      [rule.rule, masq?.rule].filter(Boolean).join('; '),
    );
  }
}
