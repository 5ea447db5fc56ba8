// A firewall diff as lines a person reads (one per entry, grouped by category), and its one-line
// summary: shared by the CLI text and the VS Code markdown document.
import type {
  DirectRoutingDrop,
  FirewallBackend,
  DockerLayout,
  HairpinRule,
  MasqueradeRule,
  PublishedRule,
  UserRule,
} from '../../shared/firewall';
import { bracketed } from '../cidr';
import { CHANGE_CATEGORIES, changeCount, type BridgeFlagEntry, type ChangeCategory, type FirewallChanges, type FirewallDiff } from './diff';

export interface DiffLine {
  sign: '+' | '-';
  /** The entry's meaning, e.g. `0.0.0.0:8080/tcp → 172.18.0.2:80`. */
  what: string;
  /** The rule texts behind it, from the dump it came from. */
  rules: string[];
}

export interface DiffGroup {
  category: ChangeCategory;
  title: string;
  lines: DiffLine[];
}

/** What each category is called in the text. */
export const CATEGORY_TITLES: Readonly<Record<ChangeCategory, string>> = {
  published: 'published',
  masquerade: 'masquerade',
  hairpin: 'hairpin',
  iccDisabled: 'icc off',
  internal: 'internal',
  routed: 'routed',
  natUnprotected: 'nat-unprotected',
  isolated: 'isolated',
  directRoutingDrops: 'direct-routing drop',
  userRules: 'DOCKER-USER',
  unrecognised: 'unrecognised',
};

function published(p: PublishedRule): string {
  const host = p.hostIp ?? (p.family === 'ipv6' ? '::' : '0.0.0.0');
  return `${bracketed(host)}:${p.hostPort}/${p.protocol} → ${bracketed(p.containerIp)}:${p.containerPort}`;
}

const masquerade = (m: MasqueradeRule): string => `${m.source}${m.exceptOutInterface ? ` except out ${m.exceptOutInterface}` : ''}`;

const port = (n: number | null, protocol: string | null): string => (n === null ? '' : `:${n}${protocol ? `/${protocol}` : ''}`);

const hairpin = (h: HairpinRule): string => `${bracketed(h.containerIp)}${port(h.containerPort, h.protocol)}`;

const drop = (d: DirectRoutingDrop): string =>
  `${d.containerIp ? bracketed(d.containerIp) : 'loopback'}${port(d.port, d.protocol)}${d.bridge ? ` unless in on ${d.bridge}` : ''}`;

function userRule(u: UserRule): string {
  const parts: string[] = [u.verdict];
  if (u.protocol) parts.push(u.protocol);
  if (u.source) parts.push(`from ${u.source}`);
  if (u.destination) parts.push(`to ${u.destination}`);
  if (u.inInterface) parts.push(`in ${u.inInterface}`);
  if (u.outInterface) parts.push(`out ${u.outInterface}`);
  if (u.port !== null) parts.push(`dport ${u.port}`);
  return parts.join(' ');
}

const flag = (f: BridgeFlagEntry): [string, string[]] => [f.bridge, f.rules];

/** Meaning and rule texts of one entry of a category. */
function describe(side: FirewallChanges, category: ChangeCategory): [string, string[]][] {
  switch (category) {
    case 'published':
      return side.published.map((p) => [published(p), [p.rule]]);
    case 'masquerade':
      return side.masquerade.map((m) => [masquerade(m), [m.rule]]);
    case 'hairpin':
      return side.hairpin.map((h) => [hairpin(h), [h.rule]]);
    case 'iccDisabled':
    case 'internal':
    case 'routed':
    case 'natUnprotected':
    case 'isolated':
      return side[category].map(flag);
    case 'directRoutingDrops':
      return side.directRoutingDrops.map((d) => [drop(d), [d.rule]]);
    case 'userRules':
      return side.userRules.map((u) => [userRule(u), [u.rule]]);
    case 'unrecognised':
      return side.unrecognised.map((text) => [text, []]);
  }
}

/** Non-empty categories; in each, lines sorted by meaning, removed before added (a moved port reads − then +). */
export function diffGroups(d: FirewallDiff): DiffGroup[] {
  const groups: DiffGroup[] = [];
  for (const category of CHANGE_CATEGORIES) {
    const lines: DiffLine[] = [
      ...describe(d.removed, category).map(([what, rules]): DiffLine => ({ sign: '-', what, rules })),
      ...describe(d.added, category).map(([what, rules]): DiffLine => ({ sign: '+', what, rules })),
    ].sort((a, b) => a.what.localeCompare(b.what, 'en', { numeric: true }) || (a.sign === b.sign ? 0 : a.sign === '-' ? -1 : 1));
    if (lines.length) groups.push({ category, title: CATEGORY_TITLES[category], lines });
  }
  return groups;
}

const side = (s: { backend: FirewallBackend; dockerLayout: DockerLayout }): string => `${s.dockerLayout} (${s.backend})`;

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
const list = (xs: string[]): string => (xs.length ? xs.join(', ') : 'none');

/** Settings that changed, as `name: from → to`; with `meaningOnly`, not the layout or backend. */
export function settingChanges(d: FirewallDiff, meaningOnly = false): string[] {
  const out: string[] = [];
  const c = d.changed;
  if (c?.forwardPolicy) out.push(`FORWARD policy: ${c.forwardPolicy.from ?? 'unknown'} → ${c.forwardPolicy.to ?? 'unknown'}`);
  if (c?.inputPolicy) out.push(`INPUT policy: ${c.inputPolicy.from} → ${c.inputPolicy.to}`);
  if (c?.hostFirewalls) out.push(`host firewalls: ${list(c.hostFirewalls.from)} → ${list(c.hostFirewalls.to)}`);
  if (c?.dockerUserFirst) out.push(`DOCKER-USER first in FORWARD: ${yesNo(c.dockerUserFirst.from)} → ${yesNo(c.dockerUserFirst.to)}`);
  if (c?.userRulesOrder)
    out.push(`DOCKER-USER order (the first match decides): ${c.userRulesOrder.from.join(' ; ')} → ${c.userRulesOrder.to.join(' ; ')}`);
  if (meaningOnly) return out;
  if (c?.layout) out.push(`layout: ${c.layout.from} → ${c.layout.to}`);
  if (c?.backend) out.push(`backend: ${c.backend.from} → ${c.backend.to}`);
  return out;
}

/** One line: the counts, or that the meaning is the same (and how it is written, when that differs). */
export function diffSummary(d: FirewallDiff): string {
  if (d.sameMeaning) {
    const written = d.changed?.layout || d.changed?.backend ? `, written differently: ${side(d.before)} → ${side(d.after)}` : '';
    return `Same meaning${written}. Nothing added or removed.`;
  }
  const settings = settingChanges(d, true).map((s) => `; ${s.replace(': ', ' ')}`);
  return `${changeCount(d.added)} added, ${changeCount(d.removed)} removed${settings.join('')}.`;
}
