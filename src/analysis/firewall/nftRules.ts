// Reads nft rule statements into the iptables intermediate form (same option names, same targets),
// so the same patterns serve both: iptables-nft's tables seen through `nft list ruleset`, and
// Docker 29's own `docker-bridges` table.
import { ctStates } from './addresses';
import { tokenize, type IptRule, type IptRuleset, type IptTable, type RuleOption } from './iptablesRules';
import type { NftRuleset } from './nftRuleset';

const VERDICTS: Readonly<Record<string, string>> = {
  accept: 'ACCEPT',
  drop: 'DROP',
  return: 'RETURN',
  masquerade: 'MASQUERADE',
};

/** One nft rule line → IptRule; `error` says which statement could not be read. */
export function nftRule(table: string, chain: string, text: string): IptRule {
  const rule: IptRule = { table, chain, modules: [], options: [], target: null, text, error: null };
  const fail = (why: string): IptRule => ({ ...rule, error: why });
  const toks = tokenize(text)?.map((t) => t.text);
  if (!toks) return fail('unbalanced quote');
  const add = (name: string, value: string, negated = false): void => {
    const opt: RuleOption = { name, values: [value], negated };
    rule.options.push(opt);
  };
  const setTarget = (target: string): boolean => {
    if (rule.target !== null) return false;
    rule.target = target;
    return true;
  };
  let i = 0;
  /** Reads `[!=] value` at i. */
  const operand = (): { value: string; negated: boolean } | null => {
    let negated = false;
    if (toks[i] === '!=') {
      negated = true;
      i++;
    } else if (toks[i] === '==') i++;
    const value = toks[i++];
    if (value === undefined || value === '{' || value.startsWith('@')) return null;
    return { value, negated };
  };
  while (i < toks.length) {
    const t = toks[i++] as string;
    const next = toks[i];
    if ((t === 'iifname' || t === 'oifname') && next === 'vmap') {
      const m = toks[i + 1];
      if (!m?.startsWith('@')) return fail('vmap');
      add(t === 'iifname' ? 'in-vmap' : 'out-vmap', m.slice(1));
      i += 2;
    } else if (t === 'iifname' || t === 'oifname' || t === 'iif' || t === 'oif') {
      const o = operand();
      if (!o) return fail(t);
      add(t.startsWith('i') ? 'in' : 'out', o.value, o.negated);
    } else if ((t === 'ip' || t === 'ip6') && (next === 'saddr' || next === 'daddr')) {
      i++;
      const o = operand();
      if (!o) return fail(`${t} ${next}`);
      add(next === 'saddr' ? 'source' : 'destination', o.value, o.negated);
    } else if ((t === 'ip' && next === 'protocol') || (t === 'ip6' && next === 'nexthdr') || (t === 'meta' && next === 'l4proto')) {
      i++;
      const o = operand();
      if (!o) return fail(`${t} ${next}`);
      add('protocol', o.value, o.negated);
    } else if ((t === 'tcp' || t === 'udp' || t === 'sctp') && (next === 'dport' || next === 'sport')) {
      i++;
      const o = operand();
      if (!o) return fail(`${t} ${next}`);
      if (!rule.options.some((x) => x.name === 'protocol')) add('protocol', t);
      add(next, o.value, o.negated);
    } else if (t === 'ct' && next === 'state') {
      i++;
      const o = operand();
      if (!o) return fail('ct state');
      add('ctstate', ctStates(o.value), o.negated);
    } else if (t === 'fib' && (next === 'daddr' || next === 'saddr') && toks[i + 1] === 'type') {
      i += 2;
      const o = operand();
      if (!o) return fail('fib');
      add(next === 'daddr' ? 'dst-type' : 'src-type', o.value.toUpperCase(), o.negated);
    } else if (t === 'counter') {
      if (toks[i] === 'packets' && toks[i + 2] === 'bytes') i += 4;
    } else if (t === 'comment') {
      const c = toks[i++];
      if (c === undefined) return fail('comment');
      add('comment', c);
    } else if (t === 'jump' || t === 'goto') {
      const c = toks[i++];
      if (c === undefined || !setTarget(c)) return fail(t);
    } else if (VERDICTS[t] !== undefined) {
      if (!setTarget(VERDICTS[t])) return fail(t);
    } else if ((t === 'dnat' || t === 'snat') && (next === 'to' || ((next === 'ip' || next === 'ip6') && toks[i + 1] === 'to'))) {
      i += next === 'to' ? 1 : 2;
      const to = toks[i++];
      if (to === undefined || !setTarget(t === 'dnat' ? 'DNAT' : 'SNAT')) return fail(t);
      add(t === 'dnat' ? 'to-destination' : 'to-source', to);
    } else {
      return fail(`statement "${t}"`);
    }
  }
  return rule;
}

const IPTABLES_TABLES = new Set(['filter', 'nat', 'raw', 'mangle', 'security']);

/** The tables iptables-nft writes (`ip filter`, `ip nat`, `ip6 raw`, ...) as an IptRuleset. */
export function iptablesNftTables(nft: NftRuleset): IptRuleset {
  const rs: IptRuleset = { tables: [], backend: 'iptables-nft', stray: [...nft.stray] };
  for (const t of nft.tables) {
    if ((t.family !== 'ip' && t.family !== 'ip6') || !IPTABLES_TABLES.has(t.name)) continue;
    const table: IptTable = { name: t.name, family: t.family === 'ip' ? 'ipv4' : 'ipv6', chains: new Map() };
    for (const c of t.chains) {
      table.chains.set(c.name, {
        name: c.name,
        policy: c.hook ? (c.policy ?? 'accept').toUpperCase() : null,
        rules: c.rules.map((r) => nftRule(t.name, c.name, r)),
      });
    }
    rs.tables.push(table);
  }
  return rs;
}

/** Whether a table is one iptables-nft manages and Docker has chains in. */
export function isIptablesNftDockerTable(family: string, name: string, chains: readonly { name: string }[]): boolean {
  return (family === 'ip' || family === 'ip6') && IPTABLES_TABLES.has(name) && chains.some((c) => /^DOCKER([-_]|$)/.test(c.name));
}
