// Interprets Docker 29's own nftables table (`table ip docker-bridges`, firewall-backend: nftables)
// into the FirewallModel. Every rule, map element and block is explained or kept in `unrecognised`.
import type { FirewallModel } from '../../shared/firewall';
import { RELATED_ESTABLISHED, ctStates, hostAddress, isIcmp, parsePort, prefix, protocolOf } from './addresses';
import { postrouting, publishedDnat, rawDrop, type PatternContext } from './iptablesPatterns';
import { ruleLabel, shape, type IptRule } from './iptablesRules';
import { ModelBuilder } from './modelBuilder';
import { nftHostPolicy } from './nftHostPolicy';
import { nftRule } from './nftRules';
import type { NftRuleset, NftTable } from './nftRuleset';

export const DOCKER_NFT_TABLE = 'docker-bridges';

/** Per-bridge chains, reached through the `<prefix>-jumps` verdict maps. */
const PER_BRIDGE = ['filter-forward-in', 'filter-forward-out', 'nat-postrouting-in', 'nat-postrouting-out'];
const ENTRY = 'nat-prerouting-and-output';

const isLocal = (m: Record<string, string> | null): boolean => m?.['dst-type'] === 'LOCAL';

/** The bridges the verdict maps dispatch to; malformed elements are reported. */
function readMaps(table: NftTable, model: ModelBuilder): Set<string> {
  const bridges = new Set<string>();
  for (const map of table.maps) {
    const kind = PER_BRIDGE.find((p) => map.name === `${p}-jumps`);
    if (!kind || map.kind !== 'map') {
      model.unrecognised.push(`${map.kind} ${map.name}`);
      continue;
    }
    for (const { key, value } of map.elements) {
      if (value === `jump ${kind}__${key}`) bridges.add(key);
      else model.unrecognised.push(`map ${map.name}: "${key}" : ${value}`);
    }
  }
  return bridges;
}

/** The base chains: hooks into the maps and the DNAT chain. */
function baseChain(chain: string, rule: IptRule): boolean {
  switch (chain) {
    case 'filter-FORWARD':
      return (
        shape(rule, 'out-vmap', null)?.['out-vmap'] === 'filter-forward-in-jumps' ||
        shape(rule, 'in-vmap', null)?.['in-vmap'] === 'filter-forward-out-jumps'
      );
    case 'nat-POSTROUTING':
      return (
        shape(rule, 'in-vmap', null)?.['in-vmap'] === 'nat-postrouting-out-jumps' ||
        shape(rule, 'out-vmap', null)?.['out-vmap'] === 'nat-postrouting-in-jumps'
      );
    case 'nat-PREROUTING':
      return isLocal(shape(rule, 'dst-type', ENTRY));
    case 'nat-OUTPUT': {
      const m = shape(rule, '!d dst-type', ENTRY);
      return isLocal(m) && prefix(m?.d) === '127.0.0.0/8';
    }
    default:
      return false;
  }
}

/** Traffic into a bridge. After the internal-ingress drop only the bridge's own traffic is left. */
function forwardIn(bridge: string, rules: IptRule[], ctx: PatternContext): IptRule[] {
  const { model } = ctx;
  const unexplained: IptRule[] = [];
  let ownTrafficOnly = false;
  for (const rule of rules) {
    let m = shape(rule, 'ctstate', 'ACCEPT');
    if (m && ctStates(m.ctstate) === RELATED_ESTABLISHED) continue;
    if (shape(rule, '!i', 'DROP')?.i === bridge) {
      model.mark('internal', bridge, rule.text); // INTERNAL NETWORK INGRESS
      ownTrafficOnly = true;
      continue;
    }
    if (shape(rule, 'i', 'ACCEPT')?.i === bridge) continue; // ICC
    if (shape(rule, 'i', 'DROP')?.i === bridge) {
      model.mark('iccDisabled', bridge, rule.text);
      continue;
    }
    if (shape(rule, '', 'ACCEPT')) {
      if (!ownTrafficOnly) model.mark('natUnprotected', bridge, rule.text); // UNPROTECTED; else ICC of an internal network
      continue;
    }
    if (shape(rule, '', 'DROP')) {
      model.mark(ownTrafficOnly ? 'iccDisabled' : 'isolated', bridge, rule.text); // ICC / UNPUBLISHED PORT DROP
      continue;
    }
    m = shape(rule, 'd p dport', 'ACCEPT'); // a published port's container side
    if (m && hostAddress(m.d) && protocolOf(m.p) && parsePort(m.dport) !== null) continue;
    m = shape(rule, 'p', 'ACCEPT');
    if (m && isIcmp(m.p)) {
      model.mark('routed', bridge, rule.text);
      continue;
    }
    unexplained.push(rule);
  }
  return unexplained;
}

/** Traffic out of a bridge. */
function forwardOut(bridge: string, rules: IptRule[], ctx: PatternContext): IptRule[] {
  return rules.filter((rule) => {
    const m = shape(rule, 'ctstate', 'ACCEPT');
    if (m && ctStates(m.ctstate) === RELATED_ESTABLISHED) return false;
    if (shape(rule, '', 'ACCEPT')) return false; // OUTGOING
    if (shape(rule, '!o', 'DROP')?.o === bridge) {
      ctx.model.mark('internal', bridge, rule.text); // INTERNAL NETWORK EGRESS
      return false;
    }
    return true;
  });
}

/** The rules of one chain that no pattern explains. */
function explainChain(chain: string, rules: IptRule[], ctx: PatternContext): IptRule[] {
  const perBridge = /^(filter-forward-in|filter-forward-out|nat-postrouting-in|nat-postrouting-out)__(.+)$/.exec(chain);
  const bridge = perBridge?.[2];
  if (perBridge && bridge && ctx.knownBridges.has(bridge)) {
    ctx.model.bridge(bridge);
    if (perBridge[1] === 'filter-forward-in') return forwardIn(bridge, rules, ctx);
    if (perBridge[1] === 'filter-forward-out') return forwardOut(bridge, rules, ctx);
    if (perBridge[1] === 'nat-postrouting-out') {
      return rules.filter((r) => !(shape(r, 's !o', 'MASQUERADE')?.o === bridge && postrouting(r, ctx)));
    }
    return rules.filter((r) => !(shape(r, 's d p? dport?', 'MASQUERADE') && postrouting(r, ctx)));
  }
  if (chain === ENTRY) return rules.filter((r) => !publishedDnat(r, ctx));
  if (chain === 'raw-PREROUTING') return rules.filter((r) => !rawDrop(r, ctx));
  return rules.filter((r) => !baseChain(chain, r));
}

export function fromNftables(nft: NftRuleset): FirewallModel {
  const docker = nft.tables.some((t) => t.name === DOCKER_NFT_TABLE);
  const model = new ModelBuilder('nftables', docker ? 'docker-29-nftables' : 'none');
  for (const table of nft.tables) {
    if (table.name !== DOCKER_NFT_TABLE) continue;
    const ctx: PatternContext = { model, knownBridges: readMaps(table, model) };
    for (const name of ctx.knownBridges) model.bridge(name);
    model.unrecognised.push(...table.other);
    for (const chain of table.chains) {
      if (chain.name === 'filter-FORWARD') model.policy(chain.policy);
      const rules = chain.rules.map((text) => nftRule(table.name, chain.name, text));
      for (const rule of explainChain(chain.name, rules, ctx)) model.unrecognised.push(ruleLabel(rule));
    }
  }
  model.unrecognised.push(...nft.stray);
  return { ...model.build(), ...nftHostPolicy(nft, null) };
}
