// The rules Docker writes with iptables, chain by chain, for every generation (20.10-27, 28.0.0,
// 28.0.1+, 29). `explainRule` recognises one rule, records its meaning, and says whether it fit.
import type { UserRule } from '../../shared/firewall';
import { isLoopback } from '../cidr';
import { RELATED_ESTABLISHED, ctStates, familyOf, hostAddress, isIcmp, parseEndpoint, parsePort, prefix, protocolOf } from './addresses';
import { optionValue, shape, type IptRule } from './iptablesRules';
import type { ModelBuilder } from './modelBuilder';

export interface PatternContext {
  model: ModelBuilder;
  /** Interfaces Docker's own chains mention. */
  knownBridges: ReadonlySet<string>;
}

const DOCKER_NAME = /^(docker0|br-[0-9a-f]{12})$/;
const EMBEDDED_DNS = '127.0.0.11';

export function isBridge(ctx: PatternContext, name: string | undefined): name is string {
  return !!name && name !== 'lo' && (ctx.knownBridges.has(name) || DOCKER_NAME.test(name));
}

const sameBridge = (ctx: PatternContext, m: Record<string, string>): boolean => m.i === m.o && isBridge(ctx, m.i);
const isDockerSet = (value: string | undefined): boolean => /^docker-ext-bridges-v[46] dst$/.test(value ?? '');

/** Docker's unconditional jumps from FORWARD and DOCKER-FORWARD. */
const FORWARD_JUMPS = new Set([
  'DOCKER-USER',
  'DOCKER-FORWARD',
  'DOCKER-ISOLATION-STAGE-1',
  'DOCKER-CT',
  'DOCKER-BRIDGE',
  'DOCKER-INTERNAL',
]);

/** filter FORWARD (20.10-28.0.0) and DOCKER-FORWARD (28.0.1+). */
function forward(rule: IptRule, ctx: PatternContext): boolean {
  if (rule.target && FORWARD_JUMPS.has(rule.target) && shape(rule, '', rule.target)) return true;
  let m = shape(rule, 'o', 'DOCKER');
  if (m && isBridge(ctx, m.o)) return true;
  m = shape(rule, 'o ctstate', 'ACCEPT');
  if (m && isBridge(ctx, m.o) && ctStates(m.ctstate) === RELATED_ESTABLISHED) return true;
  m = shape(rule, 'match-set ctstate', 'ACCEPT'); // 28.0.0
  if (m && isDockerSet(m['match-set']) && ctStates(m.ctstate) === RELATED_ESTABLISHED) return true;
  m = shape(rule, 'match-set', 'DOCKER'); // 28.0.0
  if (m && isDockerSet(m['match-set'])) return true;
  m = shape(rule, 'i !o', 'ACCEPT'); // outgoing
  if (m && sameBridge(ctx, m)) return true;
  m = shape(rule, 'i', 'ACCEPT'); // outgoing and icc (28+)
  if (m && isBridge(ctx, m.i)) return true;
  m = shape(rule, 'i o', 'ACCEPT'); // icc on
  if (m && sameBridge(ctx, m)) return true;
  m = shape(rule, 'i o', 'DROP'); // icc off
  if (m?.i && sameBridge(ctx, m)) {
    ctx.model.mark('iccDisabled', m.i, rule.text);
    return true;
  }
  return false;
}

/** filter DOCKER: per-port accepts, the unpublished-port drop, nat-unprotected and routed ICMP. */
function filterDocker(rule: IptRule, ctx: PatternContext): boolean {
  let m = shape(rule, 'd !i o p dport', 'ACCEPT');
  if (m && m.i === m.o && hostAddress(m.d) && protocolOf(m.p) && parsePort(m.dport) !== null) return true;
  m = shape(rule, '!i o', 'DROP');
  if (m?.o && m.i === m.o) {
    ctx.model.mark('isolated', m.o, rule.text);
    return true;
  }
  m = shape(rule, '!i o', 'ACCEPT');
  if (m?.o && m.i === m.o) {
    ctx.model.mark('natUnprotected', m.o, rule.text);
    return true;
  }
  m = shape(rule, 'o p', 'ACCEPT');
  if (m?.o && isIcmp(m.p)) {
    ctx.model.mark('routed', m.o, rule.text);
    return true;
  }
  return false;
}

/** `! -s subnet -o br -j DROP` / `! -d subnet -i br -j DROP`: an internal network. */
function internalDrop(rule: IptRule, ctx: PatternContext): boolean {
  const m = shape(rule, '!s o', 'DROP') ?? shape(rule, '!d i', 'DROP');
  const subnet = m ? prefix(m.s ?? m.d) : null;
  const bridge = m?.o ?? m?.i;
  if (!subnet || !bridge) return false;
  ctx.model.mark('internal', bridge, rule.text);
  return true;
}

function isolationStage1(rule: IptRule, ctx: PatternContext): boolean {
  let m = shape(rule, 'i !o', 'DOCKER-ISOLATION-STAGE-2');
  if (m?.i && m.i === m.o) return true;
  if (internalDrop(rule, ctx) || shape(rule, '', 'RETURN')) return true;
  m = shape(rule, 'i ctstate', 'ACCEPT'); // routed mode (28.x): replies leave without isolation
  if (m && ctStates(m.ctstate) === RELATED_ESTABLISHED) return true;
  return !!shape(rule, 'o', 'RETURN'); // routed mode (28.x): traffic into the bridge skips isolation
}

function isolationStage2(rule: IptRule, ctx: PatternContext): boolean {
  const m = shape(rule, 'o', 'DROP');
  if (m?.o) {
    ctx.model.mark('isolated', m.o, rule.text);
    return true;
  }
  return !!shape(rule, '', 'RETURN');
}

function natEntry(rule: IptRule): boolean {
  const local = (m: Record<string, string> | null): boolean => m?.['dst-type'] === 'LOCAL';
  if (local(shape(rule, 'dst-type', 'DOCKER'))) return true;
  const m = shape(rule, '!d dst-type', 'DOCKER');
  if (local(m) && prefix(m?.d) === '127.0.0.0/8') return true;
  return hostAddress(shape(rule, 'd', 'DOCKER_OUTPUT')?.d) === EMBEDDED_DNS;
}

/** nat POSTROUTING: a subnet's MASQUERADE, or hairpin MASQUERADE of a container to itself. */
export function postrouting(rule: IptRule, ctx: PatternContext): boolean {
  let m = shape(rule, 's !o', 'MASQUERADE');
  const source = prefix(m?.s);
  if (m?.o && source && isBridge(ctx, m.o)) {
    ctx.model.bridge(m.o);
    ctx.model.masquerade.push({ source, exceptOutInterface: m.o, family: familyOf(source), rule: rule.text });
    return true;
  }
  m = shape(rule, 's d p? dport?', 'MASQUERADE'); // hairpin: a container reaching itself via a published port
  const ip = hostAddress(m?.s);
  if (m && ip && hostAddress(m.d) === ip && (m.p === undefined) === (m.dport === undefined)) {
    const port = m.dport === undefined ? null : parsePort(m.dport);
    const protocol = m.p === undefined ? null : protocolOf(m.p);
    if ((m.dport !== undefined && port === null) || (m.p !== undefined && !protocol)) return false;
    ctx.model.hairpin.push({ containerIp: ip, containerPort: port, protocol, rule: rule.text });
    return true;
  }
  return hostAddress(shape(rule, 'd', 'DOCKER_POSTROUTING')?.d) === EMBEDDED_DNS;
}

function natDocker(rule: IptRule, ctx: PatternContext): boolean {
  const m = shape(rule, 'i', 'RETURN');
  return (!!m && isBridge(ctx, m.i)) || publishedDnat(rule, ctx);
}

/** A published port: `[-d hostIp] [! -i bridge] -p proto --dport N -j DNAT --to-destination ip:port`. */
export function publishedDnat(rule: IptRule, ctx: PatternContext): boolean {
  const m = shape(rule, 'd? !i? p dport to-destination', 'DNAT');
  if (!m) return false;
  const to = parseEndpoint(m['to-destination']);
  const hostPort = parsePort(m.dport);
  const protocol = protocolOf(m.p);
  const hostIp = m.d === undefined ? null : hostAddress(m.d);
  if (!to || hostPort === null || !protocol || (m.d !== undefined && !hostIp)) return false;
  ctx.model.bridge(m.i);
  ctx.model.published.push({
    hostIp,
    hostPort,
    protocol,
    containerIp: to.ip,
    containerPort: to.port,
    bridge: m.i ?? null,
    family: familyOf(to.ip),
    rule: rule.text,
  });
  return true;
}

/** Embedded DNS (127.0.0.11) inside a container's netns: Docker's, but not part of the host's model. */
function embeddedDns(rule: IptRule): boolean {
  const out = shape(rule, 'd p dport to-destination', 'DNAT');
  if (out) return hostAddress(out.d) === EMBEDDED_DNS && parseEndpoint(out['to-destination'])?.ip === EMBEDDED_DNS;
  const post = shape(rule, 's p sport to-source', 'SNAT');
  return !!post && hostAddress(post.s) === EMBEDDED_DNS;
}

/** raw PREROUTING (28+): drops that stop direct routing to a container, or remote access to 127.0.0.1. */
export function rawDrop(rule: IptRule, ctx: PatternContext): boolean {
  const m = shape(rule, 'd !i p? dport?', 'DROP');
  const ip = hostAddress(m?.d);
  if (!m || !ip || (m.p === undefined) !== (m.dport === undefined)) return false;
  const port = m.dport === undefined ? null : parsePort(m.dport);
  const protocol = m.p === undefined ? null : protocolOf(m.p);
  if ((m.dport !== undefined && port === null) || (m.p !== undefined && !protocol)) return false;
  const loopback = m.i === 'lo' && isLoopback(ip);
  if (!loopback && !isBridge(ctx, m.i)) return false;
  ctx.model.bridge(m.i);
  ctx.model.directRoutingDrops.push({
    containerIp: loopback ? null : ip,
    bridge: m.i ?? null,
    port,
    protocol,
    rule: rule.text,
  });
  return true;
}

const VERDICTS = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN']);

/** A DOCKER-USER rule as a UserRule (negated values keep a leading `!`). */
export function userRule(rule: IptRule): UserRule {
  const value = (name: string): string | null => {
    const v = optionValue(rule, name);
    return v ? `${v.negated ? '!' : ''}${v.value}` : null;
  };
  const dport = optionValue(rule, 'dport');
  return {
    chain: rule.chain,
    verdict: rule.target && VERDICTS.has(rule.target) ? (rule.target as UserRule['verdict']) : 'OTHER',
    source: value('source'),
    destination: value('destination'),
    inInterface: value('in'),
    outInterface: value('out'),
    protocol: value('protocol'),
    port: dport && !dport.negated ? parsePort(dport.value) : null,
    rule: rule.text,
  };
}

/** Recognises one rule of Docker's (in Docker's chains or Docker's jumps in built-in chains). */
export function explainRule(rule: IptRule, ctx: PatternContext): boolean {
  if (rule.error !== null) return false;
  switch (`${rule.table}/${rule.chain}`) {
    case 'filter/FORWARD':
    case 'filter/DOCKER-FORWARD':
      return forward(rule, ctx);
    case 'filter/DOCKER':
      return filterDocker(rule, ctx);
    case 'filter/DOCKER-ISOLATION-STAGE-1':
      return isolationStage1(rule, ctx);
    case 'filter/DOCKER-ISOLATION-STAGE-2':
      return isolationStage2(rule, ctx);
    case 'filter/DOCKER-INTERNAL':
      return internalDrop(rule, ctx);
    case 'filter/DOCKER-BRIDGE': {
      const m = shape(rule, 'o', 'DOCKER');
      return !!m && isBridge(ctx, m.o);
    }
    case 'filter/DOCKER-CT': {
      const m = shape(rule, 'o ctstate', 'ACCEPT');
      return !!m && isBridge(ctx, m.o) && ctStates(m.ctstate) === RELATED_ESTABLISHED;
    }
    case 'nat/PREROUTING':
    case 'nat/OUTPUT':
      return natEntry(rule);
    case 'nat/POSTROUTING':
      return postrouting(rule, ctx);
    case 'nat/DOCKER':
      return natDocker(rule, ctx);
    case 'nat/DOCKER_OUTPUT':
    case 'nat/DOCKER_POSTROUTING':
      return embeddedDns(rule);
    case 'raw/PREROUTING':
      return rawDrop(rule, ctx);
    default:
      return false;
  }
}
