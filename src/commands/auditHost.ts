// "Audit Host": what is exposed and what is risky, in a markdown preview grouped by severity.
import { audit, type AuditResult } from '../analysis/audit';
import { auditMarkdown } from '../report/auditMarkdown';
import type { CommandContext } from './context';

export async function auditHost(ctx: CommandContext): Promise<AuditResult> {
  const snap = await ctx.controller().refreshFirewall();
  const r = audit({ firewall: snap.host.firewall, snapshot: snap });
  await ctx.documents.show('/audit host.md', auditMarkdown(r, `The engine at ${snap.engine.endpoint}`));
  ctx.log.info(
    `audit: ${r.findings.map((f) => `${f.code} ${f.subject.name}`).join(', ') || 'no findings'}; not checked: ${r.notChecked.map((n) => n.code).join(', ') || 'none'}`,
  );
  return r;
}
