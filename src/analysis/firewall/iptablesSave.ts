// Parses `iptables-save` output (`*table`, `:CHAIN POLICY [p:b]`, `-A`, `COMMIT`) and the
// `iptables -S`-per-table form (`# table: <name>` markers, `-P`, `-N`, `-A`) into an IptRuleset.
import type { FirewallBackend } from '../../shared/firewall';
import { ipFamily } from '../cidr';
import { chainOf, parseRuleTokens, tokenize, type IptRuleset, type IptTable } from './iptablesRules';

/** What a comment line says about the backend, if anything. */
export function backendFromComment(line: string): FirewallBackend | null {
  // iptables-nft prints this when legacy tables also exist: the dump itself is nft's.
  if (/iptables-legacy tables present/i.test(line)) return 'iptables-nft';
  if (/\(nf_tables\)|iptables-nft|ip6tables-nft/i.test(line)) return 'iptables-nft';
  if (/\(legacy\)|iptables-legacy|ip6tables-legacy/i.test(line)) return 'iptables-legacy';
  return null;
}

/** Lines that tools print around a dump and that carry no rule. */
function isNoise(line: string): boolean {
  return /^(Warning|Note|iptables[\w-]*|ip6tables[\w-]*):\s/i.test(line);
}

export function parseIptablesDump(text: string): IptRuleset {
  const rs: IptRuleset = { tables: [], backend: null, stray: [] };
  let table: IptTable | null = null;
  const open = (name: string): IptTable => {
    const found = rs.tables.find((t) => t.name === name);
    if (found) return found;
    const created: IptTable = { name, family: null, chains: new Map() };
    rs.tables.push(created);
    return created;
  };
  const current = (): IptTable => (table ??= open('filter')); // `iptables -S` without a marker lists filter

  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      const marker = /^#\s*table:\s*(\S+)/.exec(line);
      if (marker?.[1]) table = open(marker[1]);
      else rs.backend ??= backendFromComment(line);
      continue;
    }
    if (isNoise(line)) {
      rs.backend ??= backendFromComment(line);
      continue;
    }
    if (line.startsWith('*')) {
      table = open(line.slice(1).trim());
      continue;
    }
    if (line === 'COMMIT') continue;
    const decl = /^:(\S+)\s+(\S+)/.exec(line);
    if (decl?.[1] && decl[2]) {
      chainOf(current(), decl[1]).policy = decl[2] === '-' ? null : decl[2];
      continue;
    }
    const tokens = tokenize(line.replace(/^\[\d+:\d+\]\s*/, ''));
    const verb = tokens?.[0]?.text;
    const chainName = tokens?.[1]?.text;
    const unreadable = /^-A\s+(\S+)/.exec(line);
    if (!tokens && unreadable?.[1]) {
      const t = current();
      const rule = parseRuleTokens(t.name, unreadable[1], [], line);
      chainOf(t, unreadable[1]).rules.push({ ...rule, error: 'unbalanced quote' });
      continue;
    }
    if (!tokens || !chainName) {
      rs.stray.push(line);
      continue;
    }
    if (verb === '-P' || verb === '--policy') {
      chainOf(current(), chainName).policy = tokens[2]?.text ?? null;
    } else if (verb === '-N' || verb === '--new-chain') {
      chainOf(current(), chainName);
    } else if (verb === '-A' || verb === '--append') {
      const t = current();
      chainOf(t, chainName).rules.push(parseRuleTokens(t.name, chainName, tokens.slice(2), line));
    } else {
      rs.stray.push(line);
    }
  }
  for (const t of rs.tables) t.family = familyOfTable(t);
  return rs;
}

/** ip6tables dumps mention IPv6 addresses; iptables dumps IPv4 ones. Null when nothing says. */
function familyOfTable(t: IptTable): 'ipv4' | 'ipv6' | null {
  for (const chain of t.chains.values()) {
    for (const rule of chain.rules) {
      for (const opt of rule.options) {
        if (opt.name !== 'source' && opt.name !== 'destination') continue;
        const v = opt.values[0] ?? '';
        const family = ipFamily(v);
        if (family) return family;
      }
    }
  }
  return null;
}
