// Pure: a container's paths and a network's bridge as boxes for the SVG chain (the graph's hover
// cards draw them), with a one-line why per hop and the rules kept apart, for a "Show rules" toggle.
import { bracketed } from '../analysis/cidr';
import type { EgressPath, Hop, IngressPath } from '../analysis/paths';
import type { ChainBox } from './chainSvg';

export interface Chain {
  /** What the chain shows: "egress via mynet", "port 8080/tcp". */
  caption: string;
  boxes: ChainBox[];
  arrow: 'one' | 'both';
}

/** The network a chain crosses, by name, with its Linux bridge as a detail. */
export interface NetName {
  name: string;
  bridge: string | null;
}

function hopBox(h: Hop, net: NetName | undefined, last: boolean): ChainBox | null {
  switch (h.kind) {
    case 'interface':
      // "web:eth0": the card is the container's, so the interface alone.
      return { label: h.name.slice(h.name.lastIndexOf(':') + 1), ...(h.address ? { detail: h.address } : {}), tone: 'plain' };
    case 'veth':
      return { label: h.name.startsWith('veth (unknown') ? 'veth ?' : h.name, tone: 'plain' };
    case 'bridge': {
      const detail = [net?.bridge ?? h.name, h.address].filter(Boolean).join(' · ');
      return { label: net?.name ?? h.name, ...(detail ? { detail } : {}), tone: 'plain' };
    }
    case 'host':
      // Routing inside the host is a step, not a box, unless it is all there is (--network host).
      return last ? { label: h.name, tone: 'end' } : null;
    case 'nat':
      return { label: 'NAT', detail: h.name, tone: 'nat' };
    case 'routed':
      return { label: 'routed', detail: 'no NAT', tone: 'plain' };
    case 'drop':
      return { label: h.name, tone: 'stop' };
    case 'out':
      return { label: h.name, tone: last ? 'end' : 'plain' };
    case 'loopback':
      return { label: h.name, tone: 'muted' };
    case 'netns':
      return { label: h.name.replace(/^shares the /, ''), tone: 'muted' };
  }
}

export function egressChain(e: EgressPath, net?: NetName): Chain {
  const boxes = e.hops.flatMap((h, i) => hopBox(h, net, i === e.hops.length - 1) ?? []);
  return { caption: e.network ? `egress via ${e.network}` : 'no network', boxes, arrow: 'both' };
}

const via = (i: IngressPath): string =>
  i.via === 'both'
    ? `DNAT + ${i.proxyName ?? 'docker-proxy'}`
    : i.via === 'dnat'
      ? 'DNAT'
      : i.via === 'proxy'
        ? (i.proxyName ?? 'docker-proxy')
        : 'no rule';

/** host :8080 → DNAT → :80 (the host address only when the port is bound to one). */
export function ingressChain(i: IngressPath): Chain {
  const wild = i.hostIp === '0.0.0.0';
  return {
    caption: `port ${i.hostPort}/${i.protocol}`,
    boxes: [
      {
        label: `host ${wild ? '' : bracketed(i.hostIp)}:${i.hostPort}`,
        detail: wild ? `every address · ${i.protocol}` : i.protocol,
        tone: 'plain',
      },
      { label: via(i), tone: i.via === 'none' ? 'muted' : 'nat' },
      { label: `:${i.containerPort}`, ...(i.containerIp ? { detail: i.containerIp } : {}), tone: 'end' },
    ],
    arrow: 'one',
  };
}

/** host ⇄ NAT ⇄ bridge (gateway) ⇄ subnet: what a network is on the host. */
export function networkChain(n: {
  name: string;
  bridge: string | null;
  gateways: readonly string[];
  subnets: readonly string[];
  internal: boolean;
  natLabel: string;
  containerCount: number;
}): Chain {
  const boxes: ChainBox[] = [{ label: 'host', tone: 'plain' }];
  if (n.internal) boxes.push({ label: 'no way out', detail: 'internal', tone: 'stop' });
  else if (n.natLabel) boxes.push({ label: 'NAT', detail: n.natLabel, tone: 'nat' });
  boxes.push({ label: n.bridge ?? n.name, ...(n.gateways[0] ? { detail: `gateway ${n.gateways[0]}` } : {}), tone: 'plain' });
  boxes.push({
    label: n.subnets[0] ?? 'no subnet',
    detail: `${n.containerCount} container${n.containerCount === 1 ? '' : 's'}`,
    tone: 'end',
  });
  return { caption: `${n.name} on the host`, boxes, arrow: 'both' };
}

/** What each kind of hop is, in a learner's words (cards and hovers). */
export const HOP_WHY: Readonly<Record<Hop['kind'], string>> = {
  interface: "the container's end of a veth pair, in its own network namespace",
  veth: "the host's end of the pair, plugged into the bridge",
  bridge: "the network's Linux bridge; its address is the containers' gateway",
  host: 'the host routes the packet on',
  nat: 'the source address becomes the host address',
  routed: 'routed as is: the container address is seen outside',
  drop: 'the traffic stops here',
  out: 'leaves the host',
  loopback: 'only 127.0.0.1 inside the container',
  netns: 'same interfaces, addresses and ports as its owner',
};

/** One line per hop: its name, why the packet is there, and the command that shows it. */
export function egressWhy(e: EgressPath): string[] {
  return e.hops.map((h) => `${h.name}: ${h.note ?? HOP_WHY[h.kind]}${h.command ? ` · $ ${h.command}` : ''}`);
}

/** The rule texts behind a path (MASQUERADE, DNAT, proxy, protections). */
export function pathRules(egress: readonly EgressPath[], ingress: readonly IngressPath[]): string[] {
  const rules = [
    ...egress.flatMap((e) => e.hops.flatMap((h) => (h.rule ? [h.rule] : []))),
    ...ingress.flatMap((i) => [i.rule, i.proxy, i.protection]),
  ];
  return [...new Set(rules.filter((r): r is string => !!r))];
}
