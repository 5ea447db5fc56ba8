// Parses `nft list ruleset` / `nft list table` text into tables, chains (hook, policy, rules) and
// maps/sets (elements). Rules stay as text; nftRules.ts reads them.

export interface NftChain {
  name: string;
  type: string | null;
  hook: string | null;
  policy: string | null;
  /** Rule lines, trimmed, in order. */
  rules: string[];
}

export interface NftMap {
  kind: 'map' | 'set';
  name: string;
  /** `key : value` elements of a map (value '' for a set). */
  elements: { key: string; value: string }[];
}

export interface NftTable {
  family: string;
  name: string;
  chains: NftChain[];
  maps: NftMap[];
  /** Lines of the table that are neither chains nor maps (flowtables, unknown blocks). */
  other: string[];
}

export interface NftRuleset {
  tables: NftTable[];
  /** Lines outside any table that are not comments. */
  stray: string[];
}

const TABLE = /^table\s+(\S+)\s+(\S+)\s*\{$/;
const BLOCK = /^(chain|map|set)\s+(\S+)\s*\{$/;

function braceBalance(line: string): number {
  let depth = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '{') depth++;
    else if (!quoted && c === '}') depth--;
  }
  return depth;
}

/** Joins the lines of a statement whose braces span lines (`elements = { ...,\n ... }`). */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  let depth = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#\s*handle\s+\d+\s*$/, '').trim();
    if (!line || (line.startsWith('#') && !pending)) continue;
    const opensBlock = !pending && (TABLE.test(line) || BLOCK.test(line));
    if (opensBlock || (!pending && line === '}')) {
      out.push(line);
      continue;
    }
    pending = pending ? `${pending} ${line}` : line;
    depth += braceBalance(line);
    if (depth <= 0) {
      out.push(pending);
      pending = '';
      depth = 0;
    }
  }
  if (pending) out.push(pending);
  return out;
}

/** `{ "a" : jump x, "b" : jump y }` → pairs; for a set, keys only. */
function parseElements(body: string): { key: string; value: string }[] {
  const inner = body.replace(/^\{/, '').replace(/\}$/, '');
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of inner) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^("[^"]*"|\S+)\s*:\s*(.+)$/.exec(p);
      const unquote = (s: string): string => s.replace(/^"(.*)"$/, '$1');
      return m?.[1] && m[2] ? { key: unquote(m[1]), value: m[2].trim() } : { key: unquote(p), value: '' };
    });
}

function parseChainHeader(chain: NftChain, line: string): boolean {
  const m = /^type\s+(\S+)\s+hook\s+(\S+)\s+priority\s+[^;]+;\s*(?:policy\s+(\w+);)?$/.exec(line);
  if (!m) return /^(policy\s+\w+;|comment\s+".*")$/.test(line) ? headerPolicy(chain, line) : false;
  chain.type = m[1] ?? null;
  chain.hook = m[2] ?? null;
  chain.policy = m[3] ?? null;
  return true;
}

function headerPolicy(chain: NftChain, line: string): boolean {
  const m = /^policy\s+(\w+);$/.exec(line);
  if (m?.[1]) chain.policy = m[1];
  return true;
}

export function parseNftRuleset(text: string): NftRuleset {
  const rs: NftRuleset = { tables: [], stray: [] };
  let table: NftTable | null = null;
  let chain: NftChain | null = null;
  let map: NftMap | null = null;
  let skipDepth = 0; // inside a block of a kind we do not read (flowtable, counter, ...)
  for (const line of logicalLines(text)) {
    if (skipDepth > 0) {
      skipDepth += braceBalance(line);
      if (table && skipDepth > 0) table.other.push(line);
      continue;
    }
    const t = TABLE.exec(line);
    if (!table) {
      if (t?.[1] && t[2]) {
        table = { family: t[1], name: t[2], chains: [], maps: [], other: [] };
        rs.tables.push(table);
      } else if (!/^(Warning|Note):/i.test(line)) rs.stray.push(line);
      continue;
    }
    if (line === '}') {
      if (chain) chain = null;
      else if (map) map = null;
      else table = null;
      continue;
    }
    if (chain) {
      if (!parseChainHeader(chain, line)) chain.rules.push(line);
      continue;
    }
    if (map) {
      const el = /^elements\s*=\s*(\{.*\})$/.exec(line);
      if (el?.[1]) map.elements.push(...parseElements(el[1]));
      continue; // type, flags, ...
    }
    const b = BLOCK.exec(line);
    if (b?.[1] && b[2]) {
      if (b[1] === 'chain') {
        chain = { name: b[2], type: null, hook: null, policy: null, rules: [] };
        table.chains.push(chain);
      } else {
        map = { kind: b[1] === 'map' ? 'map' : 'set', name: b[2], elements: [] };
        table.maps.push(map);
      }
      continue;
    }
    table.other.push(line);
    if (line.endsWith('{')) skipDepth = braceBalance(line);
  }
  return rs;
}
