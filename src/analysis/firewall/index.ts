// Entry point: sniffs a firewall dump's format (iptables-save, `iptables -S` per table, nft) and
// turns it into the version-independent FirewallModel.
import type { FirewallBackend, FirewallModel } from '../../shared/firewall';
import { fromIptables } from './fromIptables';
import { DOCKER_NFT_TABLE, fromNftables } from './fromNftables';
import { parseIptablesDump } from './iptablesSave';
import { nftHostPolicy } from './nftHostPolicy';
import { iptablesNftTables, isIptablesNftDockerTable } from './nftRules';
import { parseNftRuleset } from './nftRuleset';

export type DumpFormat = 'iptables-save' | 'iptables-S' | 'nft';

export interface ParseHint {
  /** What the caller knows (e.g. from `iptables --version`); the dump's own word wins. */
  backend?: FirewallBackend;
}

/** Which tool printed the dump. */
export function sniffFormat(text: string): DumpFormat {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines.some((l) => /^table\s+(ip|ip6|inet|arp|bridge|netdev)\s+\S+\s*\{$/.test(l))) return 'nft';
  if (lines.some((l) => /^\*\S+$/.test(l) || /^:\S+\s+\S+\s+\[\d+:\d+\]$/.test(l))) return 'iptables-save';
  return 'iptables-S';
}

export function parseFirewallDump(text: string, hint: ParseHint = {}): FirewallModel {
  if (sniffFormat(text) === 'nft') {
    const nft = parseNftRuleset(text);
    if (nft.tables.some((t) => t.name === DOCKER_NFT_TABLE)) return fromNftables(nft);
    if (nft.tables.some((t) => isIptablesNftDockerTable(t.family, t.name, t.chains))) {
      // iptables-nft's rules as nft prints them: the iptables meaning, backend iptables-nft.
      const m = fromIptables(iptablesNftTables(nft), 'iptables-nft');
      return { ...m, ...nftHostPolicy(nft, m.dockerLayout) }; // INPUT and firewalld live in any table
    }
    return fromNftables(nft); // no Docker table: layout says so, stray text is kept
  }
  const rs = parseIptablesDump(text);
  return fromIptables(rs, rs.backend ?? hint.backend ?? 'iptables-nft');
}

const IPTABLES_NFT_TABLES = new Set(['filter', 'nat', 'raw', 'mangle', 'security']);

/**
 * iptables-save shows only iptables' tables: firewalld (nftables backend) or nftables.conf live in
 * tables of their own. With the whole `nft list ruleset` of the same netns, take the host side
 * (INPUT, host firewalls) from there; Docker's own rules still come from iptables-save.
 */
export function withNftHostPolicy(model: FirewallModel, nftText: string): FirewallModel {
  const nft = parseNftRuleset(nftText);
  const foreign = nft.tables.some((t) => !((t.family === 'ip' || t.family === 'ip6') && IPTABLES_NFT_TABLES.has(t.name)));
  return foreign ? { ...model, ...nftHostPolicy(nft, model.dockerLayout) } : model;
}

/** Whether the text holds a table or chain of any supported tool (not, say, a log or a README). */
export function isFirewallDump(text: string): boolean {
  if (sniffFormat(text) === 'nft') return parseNftRuleset(text).tables.length > 0;
  return parseIptablesDump(text).tables.some((t) => t.chains.size > 0);
}

/** parseFirewallDump for a file a person chose: text that is no firewall dump is an error naming it. */
export function parseDumpFile(text: string, name: string, hint: ParseHint = {}): FirewallModel {
  if (!isFirewallDump(text)) throw new Error(`${name} is not a firewall dump (iptables-save, iptables -S or nft list ruleset output).`);
  return parseFirewallDump(text, hint);
}

export { diffFirewall, type FirewallDiff, type FirewallChanges, type ChangeCategory } from './diff';
export { fromIptables, detectLayout } from './fromIptables';
export { fromNftables } from './fromNftables';
export { parseIptablesDump } from './iptablesSave';
export { parseNftRuleset } from './nftRuleset';
export type { IptChain, IptRule, IptRuleset, IptTable, RuleOption } from './iptablesRules';
