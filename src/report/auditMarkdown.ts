// Pure: the audit as a readable markdown document, errors first, evidence in code blocks.
import { AUDIT_GROUPS, auditSummary, type AuditResult } from '../analysis/audit';

const esc = (s: string): string => s.replace(/[\\|`*_<>[\]#]/g, '\\$&');
/** A fence longer than any backtick run in the evidence. */
const fence = (lines: string[]): string =>
  '`'.repeat(Math.max(3, ...lines.map((l) => (l.match(/`+/g) ?? []).reduce((m, r) => Math.max(m, r.length + 1), 0))));

export function auditMarkdown(r: AuditResult, source: string): string {
  const lines = ['# Docker host audit', '', `${esc(source)}: ${auditSummary(r)}.`];
  for (const g of AUDIT_GROUPS) {
    const fs = r.findings.filter((f) => g.severities.includes(f.severity));
    if (!fs.length) continue;
    lines.push('', `## ${g.title}`);
    for (const f of fs) {
      const f3 = fence(f.evidence);
      lines.push(
        '',
        `### ${f.code}: ${f.subject.kind} ${esc(f.subject.name)} (${f.severity})`,
        '',
        esc(f.message),
        '',
        `${f3}text`,
        ...f.evidence,
        f3,
      );
    }
  }
  if (!r.findings.length) lines.push('', 'Nothing found by the checks that could be made.');
  if (r.notChecked.length) lines.push('', '## Not checked', '', ...r.notChecked.map((n) => `- **${n.code}**: ${esc(n.why)}`));
  return `${lines.join('\n')}\n`;
}
