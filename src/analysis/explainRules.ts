// Pure: the firewall and routing facts explain rests on: DOCKER-USER, routes, gateway modes.
import ipaddr from 'ipaddr.js';
import type { BridgeFlagRule, FirewallModel, UserRule } from '../shared/firewall';
import type { NetworkInfo, Route } from '../shared/model';
import { ipInCidr, prefixLength } from './cidr';

export const GATEWAY_MODE_OPTION = 'com.docker.network.bridge.gateway_mode_ipv4';

export function isIpv4(s: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(s);
}

/** An iptables interface spec (`eth0`, `br+`, `!docker0`) against a known interface name. */
function ifaceMatches(spec: string, name: string): boolean {
  const neg = spec.startsWith('!');
  const s = neg ? spec.slice(1) : spec;
  const hit = s.endsWith('+') ? name.startsWith(s.slice(0, -1)) : s === name;
  return neg ? !hit : hit;
}

export interface UserMatch {
  src: string;
  dst: string;
  port: number | null;
  /** The interfaces the packet comes in and goes out on, when known; unknown ones do not exclude a rule. */
  inIf?: string | null;
  outIf?: string | null;
}

/** The DOCKER-USER rule that drops this traffic: read top to bottom, the first matching rule decides. */
/** Matches UserRule does not carry: such a rule's verdict for a given packet is not known. */
const UNMODELLED =
  /(^|\s)(-m\s+(set|multiport|iprange|mac|string|limit|recent|connlimit|hashlimit|owner|u32|bpf|time|physdev)\b|--sports?\b|--dports\b|--match-set\b|--src-range\b|--dst-range\b)/;
/** `-m conntrack --ctstate RELATED,ESTABLISHED` (no NEW): it never sees the first packet of a connection. */
const REPLIES_ONLY = /--(ct)?state\s+(\S+)/;

function repliesOnly(text: string): boolean {
  const states = REPLIES_ONLY.exec(text)?.[2]?.split(',');
  return (
    !!states && !states.includes('NEW') && !states.includes('UNTRACKED') && states.every((x) => x === 'RELATED' || x === 'ESTABLISHED')
  );
}

export interface UserDecision {
  /** The first rule that drops or rejects this new TCP connection. */
  drop: UserRule | undefined;
  /** Rules met before the decision whose matches are not modelled: they might decide instead. */
  unsure: UserRule[];
}

/** DOCKER-USER (or the nft chain in its place) read top to bottom for a new TCP connection. */
export function userDecision(rules: readonly UserRule[], m: UserMatch): UserDecision {
  const hit = (spec: string | null, ip: string): boolean => {
    if (!spec) return true;
    const neg = spec.startsWith('!');
    const inside = ipInCidr(ip, neg ? spec.slice(1) : spec);
    return neg ? !inside : inside;
  };
  const unsure: UserRule[] = [];
  for (const r of rules) {
    if (!hit(r.source, m.src) || !hit(r.destination, m.dst)) continue;
    if (r.protocol && r.protocol !== 'tcp' && r.protocol !== 'all' && !r.protocol.startsWith('!')) continue;
    if (r.port !== null && r.port !== m.port) continue;
    if (r.inInterface && m.inIf && !ifaceMatches(r.inInterface, m.inIf)) continue;
    if (r.outInterface && m.outIf && !ifaceMatches(r.outInterface, m.outIf)) continue;
    if (repliesOnly(r.rule)) continue;
    if (UNMODELLED.test(r.rule)) {
      if (r.verdict !== 'OTHER') unsure.push(r);
      continue;
    }
    if (r.verdict === 'RETURN' || r.verdict === 'ACCEPT') return { drop: undefined, unsure };
    if (r.verdict === 'DROP' || r.verdict === 'REJECT') return { drop: r, unsure };
  }
  return { drop: undefined, unsure };
}

export function unmodelledText(unsure: readonly UserRule[]): string {
  return `${unsure.length} rule(s) in ${unsure[0]?.chain ?? 'DOCKER-USER'} met first use matches this analysis does not model (ipsets, multiport, source ports …): they may accept or drop this connection, so the verdict is not certain.`;
}

/** The route the engine's netns uses to reach ip: longest prefix, then lowest metric. */
export function routeFor(routes: readonly Route[], ip: string): Route | undefined {
  let best: Route | undefined;
  let bestLen = -1;
  for (const r of routes) {
    const len = prefixLength(r.destination);
    if (len === null || !ipInCidr(ip, r.destination)) continue;
    if (len > bestLen || (len === bestLen && best && r.metric < best.metric)) {
      best = r;
      bestLen = len;
    }
  }
  return best;
}

export const routeText = (r: Route): string =>
  `${r.destination === '0.0.0.0/0' ? 'default' : r.destination}${r.gateway ? ` via ${r.gateway}` : ''} dev ${r.interface}${r.metric ? ` metric ${r.metric}` : ''}`;

export type GatewayMode = 'nat' | 'routed' | 'nat-unprotected';

/** The network's gateway_mode_ipv4: the rules say it (flag rules), else the network option. */
export function gatewayMode(net: NetworkInfo, bridge: string | null, fw: FirewallModel | null): { mode: GatewayMode; evidence: string } {
  const flag = (f: 'routed' | 'natUnprotected'): BridgeFlagRule | undefined =>
    bridge ? fw?.bridgeFlagRules.find((r) => r.flag === f && r.bridge === bridge) : undefined;
  const opt = net.options[GATEWAY_MODE_OPTION];
  const routed = flag('routed');
  if (routed || (bridge && fw?.routed.includes(bridge))) return { mode: 'routed', evidence: routed?.rule ?? `${bridge ?? ''} is routed` };
  const unprot = flag('natUnprotected');
  if (unprot || (bridge && fw?.natUnprotected.includes(bridge)))
    return { mode: 'nat-unprotected', evidence: unprot?.rule ?? `${bridge ?? ''} is nat-unprotected` };
  if (opt === 'routed' || opt === 'nat-unprotected') return { mode: opt, evidence: `${net.name}: ${GATEWAY_MODE_OPTION}=${opt}` };
  return { mode: 'nat', evidence: opt ? `${GATEWAY_MODE_OPTION}=${opt}` : 'default gateway mode (nat)' };
}

/** 28+: the filter rule that drops what comes from outside a bridge to ports it does not publish. */
export function unpublishedDrop(fw: FirewallModel, bridge: string): BridgeFlagRule | undefined {
  return fw.bridgeFlagRules.find(
    (r) =>
      r.flag === 'isolated' &&
      r.bridge === bridge &&
      (new RegExp(`! -i ${bridge.replace(/[.+]/g, '\\$&')} -o ${bridge.replace(/[.+]/g, '\\$&')} -j DROP`).test(r.rule) ||
        r.rule.includes('UNPUBLISHED PORT DROP')),
  );
}

/** The FORWARD policy as the dump says it. */
export function forwardPolicyText(fw: FirewallModel): string {
  return fw.backend === 'nftables'
    ? `filter FORWARD hook policy ${fw.forwardPolicy ?? 'unknown'}`
    : `-P FORWARD ${fw.forwardPolicy ?? '?'} (filter FORWARD policy)`;
}

/** What makes INPUT matter here: its DROP policy or a host firewall, with their lines. */
export function inputFacts(fw: FirewallModel | null): { strict: boolean; evidence: string } {
  if (!fw) return { strict: false, evidence: 'firewall not read' };
  const lines = [...fw.hostPolicyEvidence.input, ...fw.hostPolicyEvidence.hostFirewalls];
  const strict = fw.inputPolicy === 'DROP' || fw.hostFirewalls.length > 0;
  const what = `INPUT policy ${fw.inputPolicy ?? 'unknown'}${fw.hostFirewalls.length ? `; host firewall: ${fw.hostFirewalls.join(', ')}` : ''}`;
  return { strict, evidence: lines.length ? `${what}: ${lines.join(' | ')}` : what };
}
