// Human-readable firewall diff: a summary, the changed settings, then one `+`/`-` line per entry
// with its rule text.
import type { FirewallDiff } from '../analysis/firewall/diff';
import { diffGroups, diffSummary, settingChanges } from '../analysis/firewall/diffLines';

export function formatFirewallDiff(d: FirewallDiff, names: { before: string; after: string }): string {
  const out = [
    `before: ${names.before}   ${d.before.dockerLayout} (${d.before.backend})`,
    `after:  ${names.after}   ${d.after.dockerLayout} (${d.after.backend})`,
    diffSummary(d),
    ...settingChanges(d).map((s) => `~ ${s}`),
  ];
  for (const g of diffGroups(d)) {
    for (const l of g.lines) out.push(`${l.sign} ${g.title} ${l.what}${l.rules.length ? `   (${l.rules.join('; ')})` : ''}`);
  }
  return out.join('\n');
}
