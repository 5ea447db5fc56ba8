// Pure: a firewall diff as a readable markdown document, grouped by category, summary on top.
import type { FirewallDiff } from '../analysis/firewall/diff';
import { diffGroups, diffSummary, settingChanges } from '../analysis/firewall/diffLines';

const esc = (s: string): string => s.replace(/[|`*_[\]<>\\]/g, '\\$&');
/** Inline code that survives backticks in the text. */
const code = (s: string): string => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

export function firewallDiffMarkdown(d: FirewallDiff, names: { before: string; after: string }): string {
  const lines = [
    `# Firewall: ${esc(names.before)} → ${esc(names.after)}`,
    '',
    `**${esc(diffSummary(d))}**`,
    '',
    `- before: ${esc(names.before)}: ${code(`${d.before.dockerLayout} (${d.before.backend})`)}`,
    `- after: ${esc(names.after)}: ${code(`${d.after.dockerLayout} (${d.after.backend})`)}`,
  ];
  const settings = settingChanges(d);
  if (settings.length) lines.push('', '## Settings', '', ...settings.map((s) => `- ${esc(s)}`));
  for (const g of diffGroups(d)) {
    lines.push('', `## ${esc(g.title)}`, '');
    for (const l of g.lines) {
      lines.push(`- **${l.sign === '+' ? '+ added' : '− removed'}** ${code(l.what)}`, ...l.rules.map((r) => `  - ${code(r)}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
