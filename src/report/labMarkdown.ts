// Pure: a lab as a page a learner follows: what it shows, each step with its commands, and after
// `check` what real traffic showed against what was expected.
import type { LabCheckResult, LabSummary, LabUpResult } from '../shared/schema/labs';

const esc = (s: string): string => s.replace(/[|`*_]/g, '\\$&');
const cell = (s: string): string => esc(s).replace(/\n/g, ' ');

export function labMarkdown(lab: LabSummary, up: LabUpResult | null, check: LabCheckResult | null): string {
  const steps = up?.steps ?? lab.steps;
  const lines = [
    `# Lab ${esc(lab.id)}: ${esc(lab.title)}`,
    '',
    esc(lab.summary),
    '',
    `Tutorials: ${lab.tutorials.map(esc).join(', ')}`,
    '',
  ];
  if (up) {
    lines.push('## What it made', '');
    for (const n of up.networks) lines.push(`- network **${esc(n.name)}** ${n.subnet ?? ''}${n.gateway ? ` (gateway ${n.gateway})` : ''}`);
    for (const c of up.containers)
      lines.push(
        `- container **${esc(c.name)}** \`${c.networkMode}\` ${c.addresses.map((a) => `${a.ipv4 ?? '-'} on ${esc(a.network)}`).join(', ')}`,
      );
    lines.push('', `Everything is labelled \`dockerNetworks.lab=${lab.id}\`; **Remove Lab** removes exactly that.`, '');
  }
  if (check) {
    lines.push(`## Check: ${check.passed ? '✓ passed' : '✗ failed'}`, '', '| step | expected | observed | |', '|---|---|---|---|');
    for (const s of check.steps)
      lines.push(`| ${cell(s.name)} | ${cell(s.expected)} | ${cell(s.observed)} | ${s.passed ? '✓' : '**✗**'} |`);
    lines.push('');
  }
  lines.push('## Steps', '');
  steps.forEach((s, i) => {
    lines.push(`### ${i + 1}. ${esc(s.name)}${s.kind === 'check' ? ' (check)' : ''}`, '', esc(s.explanation), '');
    if (s.commands.length) lines.push('```sh', ...s.commands, '```', '');
    if (s.expected) lines.push(`Expected: ${esc(s.expected)}`, '');
  });
  return `${lines.join('\n')}\n`;
}
