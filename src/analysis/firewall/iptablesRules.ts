// The intermediate form of iptables rules (tables → chains → rules with parsed matches and target),
// the quote-aware tokeniser that reads one rule, and `shape`, which matches a rule against a pattern.
import type { FirewallBackend } from '../../shared/firewall';

export interface RuleOption {
  /**
   * Canonical name: `source`, `destination`, `in`, `out`, `protocol`, or the long option without
   * dashes (`dport`, `ctstate`, `match-set`, `dst-type`, `comment`, `to-destination`, ...).
   */
  name: string;
  values: string[];
  negated: boolean;
}

export interface IptRule {
  table: string;
  chain: string;
  /** `-m` modules, in order. */
  modules: string[];
  /** Matches and target options, in order. */
  options: RuleOption[];
  /** The `-j`/`-g` target (or nft verdict), null when the rule has none. */
  target: string | null;
  /** The rule as the dump shows it. */
  text: string;
  /** Why the rule could not be read; such a rule is never explained. */
  error: string | null;
}

export interface IptChain {
  name: string;
  /** Policy of a built-in chain; null for user chains. */
  policy: string | null;
  rules: IptRule[];
}

export interface IptTable {
  name: string;
  family: 'ipv4' | 'ipv6' | null;
  chains: Map<string, IptChain>;
}

export interface IptRuleset {
  tables: IptTable[];
  /** The backend the dump itself names (header, warning), if any. */
  backend: FirewallBackend | null;
  /** Lines that are neither comments nor rules: kept so that nothing is silently dropped. */
  stray: string[];
}

export interface Token {
  text: string;
  quoted: boolean;
}

/** Splits on blanks; double- or single-quoted strings (with `\"` escapes) stay one token. Null if a quote is open. */
export function tokenize(line: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line.charAt(i);
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    let text = '';
    let quoted = false;
    while (i < line.length && line.charAt(i) !== ' ' && line.charAt(i) !== '\t') {
      const q = line.charAt(i);
      if (q !== '"' && q !== "'") {
        text += q;
        i++;
        continue;
      }
      quoted = true;
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line.charAt(i);
        if (d === '\\' && q === '"' && i + 1 < line.length) {
          text += line.charAt(i + 1);
          i += 2;
        } else if (d === q) {
          closed = true;
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      if (!closed) return null;
    }
    out.push({ text, quoted });
  }
  return out;
}

const CANONICAL: Readonly<Record<string, string>> = {
  s: 'source',
  src: 'source',
  source: 'source',
  d: 'destination',
  dst: 'destination',
  destination: 'destination',
  i: 'in',
  'in-interface': 'in',
  o: 'out',
  'out-interface': 'out',
  p: 'protocol',
  protocol: 'protocol',
  'destination-port': 'dport',
  'source-port': 'sport',
  'destination-ports': 'dports',
  'source-ports': 'sports',
};

const isOption = (t: Token): boolean => !t.quoted && /^--?[A-Za-z]/.test(t.text);

/** Reads the options after `-A CHAIN`: `!` negates the next option; values run to the next option. */
export function parseRuleTokens(table: string, chain: string, tokens: Token[], text: string): IptRule {
  const rule: IptRule = { table, chain, modules: [], options: [], target: null, text, error: null };
  let negate = false;
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i] as Token;
    if (!tok.quoted && tok.text === '!') {
      if (negate) return { ...rule, error: 'double negation' };
      negate = true;
      i++;
      continue;
    }
    if (!isOption(tok)) return { ...rule, error: `unexpected "${tok.text}"` };
    const raw = tok.text.replace(/^--?/, '');
    const values: string[] = [];
    i++;
    while (i < tokens.length && !isOption(tokens[i] as Token) && !((tokens[i] as Token).text === '!' && !(tokens[i] as Token).quoted)) {
      values.push((tokens[i] as Token).text);
      i++;
    }
    if (raw === 'm' || raw === 'match') {
      if (negate || values.length !== 1) return { ...rule, error: 'bad -m' };
      rule.modules.push(values[0] as string);
    } else if (raw === 'j' || raw === 'jump' || raw === 'g' || raw === 'goto') {
      if (negate || values.length !== 1 || rule.target !== null) return { ...rule, error: 'bad target' };
      rule.target = values[0] as string;
    } else if (raw === 'c' || raw === 'set-counters') {
      // counters: not part of the rule's meaning
    } else {
      rule.options.push({ name: CANONICAL[raw] ?? raw, values, negated: negate });
    }
    negate = false;
  }
  return negate ? { ...rule, error: 'dangling !' } : rule;
}

/** Options that never change what a rule matches. */
const IGNORED = new Set(['comment']);

/**
 * Matches a rule against a pattern such as `'d? !i o p dport'` and a target. Each pattern word is an
 * option name (short names s d i o p are accepted), `!` prefix = must be negated, `?` suffix =
 * optional. Every option of the rule (except comments) must be in the pattern. Returns the values
 * (joined by a space) by the pattern's names, or null.
 */
export function shape(rule: IptRule, pattern: string, target: string | null): Record<string, string> | null {
  if (rule.error !== null || rule.target !== target) return null;
  const wanted = new Map<string, { name: string; negated: boolean; optional: boolean }>();
  for (const word of pattern.split(' ').filter(Boolean)) {
    const negated = word.startsWith('!');
    const optional = word.endsWith('?');
    const key = word.slice(negated ? 1 : 0, optional ? -1 : undefined);
    wanted.set(CANONICAL[key] ?? key, { name: key, negated, optional });
  }
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const opt of rule.options) {
    if (IGNORED.has(opt.name)) continue;
    const w = wanted.get(opt.name);
    if (!w || w.negated !== opt.negated || seen.has(opt.name)) return null;
    seen.add(opt.name);
    out[w.name] = opt.values.join(' ');
  }
  for (const [name, w] of wanted) if (!w.optional && !seen.has(name)) return null;
  return out;
}

/** The value of one option, whether negated or not. */
export function optionValue(rule: IptRule, name: string): { value: string; negated: boolean } | null {
  const opt = rule.options.find((o) => o.name === name);
  return opt ? { value: opt.values.join(' '), negated: opt.negated } : null;
}

export function chainOf(table: IptTable, name: string): IptChain {
  let chain = table.chains.get(name);
  if (!chain) {
    chain = { name, policy: null, rules: [] };
    table.chains.set(name, chain);
  }
  return chain;
}

/** How an unexplained rule is reported: iptables text names its chain; an nft line gets its chain prefixed. */
export function ruleLabel(rule: IptRule): string {
  return /^(\[\d+:\d+\]\s*)?-/.test(rule.text) ? rule.text : `${rule.table} ${rule.chain}: ${rule.text}`;
}
