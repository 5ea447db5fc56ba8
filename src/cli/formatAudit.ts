// Human-readable audit: errors, warnings, info, then the checks that could not be made.
import { AUDIT_GROUPS, auditSummary, type AuditResult } from '../analysis/audit';

export function formatAudit(r: AuditResult, source: string): string {
  const out = [`audit of ${source}: ${auditSummary(r)}`];
  for (const g of AUDIT_GROUPS) {
    const fs = r.findings.filter((f) => g.severities.includes(f.severity));
    if (!fs.length) continue;
    out.push('', `${g.title.toUpperCase()}`);
    for (const f of fs) {
      out.push(
        `  [${f.severity}] ${f.code}  ${f.subject.kind} ${f.subject.name}`,
        `    ${f.message}`,
        ...f.evidence.map((e) => `      | ${e}`),
      );
    }
  }
  if (r.notChecked.length) out.push('', 'NOT CHECKED', ...r.notChecked.map((n) => `  ${n.code}: ${n.why}`));
  return out.join('\n');
}
