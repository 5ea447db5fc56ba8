// What changed between two firewall dumps, by meaning: the same rules written by another Docker
// version or backend (iptables-save, `iptables -S`, nft) give no difference. Entries keep the rule
// text of the dump they came from. A published port whose target moved is removed + added.
import type { BridgeFlag, FirewallModel, UserRule } from '../../shared/firewall';
import type * as v from 'valibot';
import type { BridgeFlagEntrySchema, FirewallChangesSchema, FirewallDiffSchema } from '../../shared/schema/firewallDiff';
import { prefix } from './addresses';

export type BridgeFlagEntry = v.InferOutput<typeof BridgeFlagEntrySchema>;
export type FirewallChanges = v.InferOutput<typeof FirewallChangesSchema>;

export type ChangeCategory = keyof FirewallChanges;

/** Every category, in the order they are shown. */
export const CHANGE_CATEGORIES: readonly ChangeCategory[] = [
  'published',
  'masquerade',
  'hairpin',
  'iccDisabled',
  'internal',
  'routed',
  'natUnprotected',
  'isolated',
  'directRoutingDrops',
  'userRules',
  'unrecognised',
];

export interface Change<T> {
  from: T;
  to: T;
}

export type FirewallDiff = v.InferOutput<typeof FirewallDiffSchema>;

/** Unmatched entries of each side, counting duplicates (a multiset difference by key). */
function diffBy<T>(before: readonly T[], after: readonly T[], key: (x: T) => string): { added: T[]; removed: T[] } {
  const left = new Map<string, number>();
  for (const x of before) left.set(key(x), (left.get(key(x)) ?? 0) + 1);
  const added: T[] = [];
  for (const x of after) {
    const n = left.get(key(x)) ?? 0;
    if (n > 0) left.set(key(x), n - 1);
    else added.push(x);
  }
  const removed: T[] = [];
  for (const x of before) {
    const n = left.get(key(x)) ?? 0;
    if (n > 0) {
      removed.push(x);
      left.set(key(x), n - 1);
    }
  }
  return { added, removed };
}

/** 0.0.0.0 and :: are "every address", as null is. */
const anyAddress = (ip: string | null): string => (ip === null || ip === '0.0.0.0' || ip === '::' ? '*' : ip);

/** `!1.2.3.4/32`, `! 1.2.3.4` and nft's `1.2.3.4` all mean the same address. */
function address(value: string | null): string {
  if (value === null) return '';
  const negated = value.startsWith('!');
  const raw = value.replace(/^!\s*/, '');
  return `${negated ? '!' : ''}${prefix(raw) ?? raw}`;
}

/** iptables writes an interface wildcard `eth+`, nft `eth*`. */
const iface = (value: string | null): string => (value ?? '').replace(/\*$/, '+');

const KEYS: { [K in Exclude<ChangeCategory, BridgeFlag>]: (x: FirewallChanges[K][number]) => string } = {
  published: (p) => [p.family, anyAddress(p.hostIp), p.hostPort, p.protocol, p.containerIp, p.containerPort].join('|'),
  masquerade: (m) => [address(m.source), m.exceptOutInterface ?? ''].join('|'),
  hairpin: (h) => [h.containerIp, h.containerPort ?? '', h.protocol ?? ''].join('|'),
  directRoutingDrops: (d) => [d.containerIp ?? '', d.bridge ?? '', d.port ?? '', d.protocol ?? ''].join('|'),
  // The chain is left out: DOCKER-USER in iptables, another name in nft. An unknown target is only
  // known by its text (less the `-A CHAIN`).
  userRules: (u) =>
    [
      u.verdict,
      address(u.source),
      address(u.destination),
      iface(u.inInterface),
      iface(u.outInterface),
      (u.protocol ?? '').toLowerCase(),
      u.port ?? '',
      u.verdict === 'OTHER' ? u.rule.replace(/^-A\s+\S+\s+/, '') : '',
    ].join('|'),
  unrecognised: (text) => text,
};

function flagEntries(m: FirewallModel, flag: BridgeFlag, bridges: readonly string[]): BridgeFlagEntry[] {
  return bridges.map((bridge) => ({
    bridge,
    rules: m.bridgeFlagRules.filter((r) => r.flag === flag && r.bridge === bridge).map((r) => r.rule),
  }));
}

export function diffFirewall(before: FirewallModel, after: FirewallModel): FirewallDiff {
  const published = diffBy(before.published, after.published, KEYS.published);
  const masquerade = diffBy(before.masquerade, after.masquerade, KEYS.masquerade);
  const hairpin = diffBy(before.hairpin, after.hairpin, KEYS.hairpin);
  const drops = diffBy(before.directRoutingDrops, after.directRoutingDrops, KEYS.directRoutingDrops);
  const user = diffBy(before.userRules, after.userRules, KEYS.userRules);
  const unrecognised = diffBy(before.unrecognised, after.unrecognised, KEYS.unrecognised);
  const flag = (f: BridgeFlag, side: 'added' | 'removed'): BridgeFlagEntry[] => {
    const [from, to] = side === 'added' ? [before, after] : [after, before];
    return flagEntries(
      to,
      f,
      to[f].filter((b) => !from[f].includes(b)),
    );
  };
  const side = (s: 'added' | 'removed'): FirewallChanges => ({
    published: published[s],
    masquerade: masquerade[s],
    hairpin: hairpin[s],
    iccDisabled: flag('iccDisabled', s),
    internal: flag('internal', s),
    routed: flag('routed', s),
    natUnprotected: flag('natUnprotected', s),
    isolated: flag('isolated', s),
    directRoutingDrops: drops[s],
    userRules: user[s],
    unrecognised: unrecognised[s],
  });
  const added = side('added');
  const removed = side('removed');
  const changed: NonNullable<FirewallDiff['changed']> = {};
  if (before.forwardPolicy !== after.forwardPolicy) changed.forwardPolicy = { from: before.forwardPolicy, to: after.forwardPolicy };
  if (before.dockerLayout !== after.dockerLayout) changed.layout = { from: before.dockerLayout, to: after.dockerLayout };
  if (before.backend !== after.backend) changed.backend = { from: before.backend, to: after.backend };
  if (before.inputPolicy && after.inputPolicy && before.inputPolicy !== after.inputPolicy)
    changed.inputPolicy = { from: before.inputPolicy, to: after.inputPolicy };
  if (before.dockerUserFirst !== null && after.dockerUserFirst !== null && before.dockerUserFirst !== after.dockerUserFirst) {
    changed.dockerUserFirst = { from: before.dockerUserFirst, to: after.dockerUserFirst };
  }
  if ([...before.hostFirewalls].sort().join() !== [...after.hostFirewalls].sort().join())
    changed.hostFirewalls = { from: before.hostFirewalls, to: after.hostFirewalls };
  const order = (rules: readonly UserRule[]): string => rules.map(KEYS.userRules).join('\n');
  if (!user.added.length && !user.removed.length && order(before.userRules) !== order(after.userRules)) {
    changed.userRulesOrder = { from: before.userRules.map((r) => r.rule), to: after.userRules.map((r) => r.rule) };
  }
  // The layout and backend say how the rules are written, not what they do.
  const settingChanged = !!(
    changed.forwardPolicy ||
    changed.inputPolicy ||
    changed.dockerUserFirst ||
    changed.hostFirewalls ||
    changed.userRulesOrder
  );
  return {
    before: { backend: before.backend, dockerLayout: before.dockerLayout },
    after: { backend: after.backend, dockerLayout: after.dockerLayout },
    sameMeaning: changeCount(added) + changeCount(removed) === 0 && !settingChanged,
    added,
    removed,
    ...(Object.keys(changed).length ? { changed } : {}),
  };
}

/** How many entries one side holds. */
export function changeCount(c: FirewallChanges): number {
  return CHANGE_CATEGORIES.reduce((n, k) => n + c[k].length, 0);
}
