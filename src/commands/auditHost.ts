// "Audit Host": what is exposed and what is risky, in a markdown preview grouped by severity.
import * as vscode from 'vscode';
import { audit, type AuditResult } from '../analysis/audit';
import { ANALYSIS_SCHEME } from '../constants';
import { auditMarkdown } from '../hover/auditMarkdown';
import type { CommandContext } from './context';
import { analysisDocuments } from './explainReachability';

export async function auditHost(ctx: CommandContext): Promise<AuditResult> {
  const snap = await ctx.controller().refreshFirewall();
  const r = audit({ firewall: snap.host.firewall, snapshot: snap });
  const uri = vscode.Uri.from({ scheme: ANALYSIS_SCHEME, path: '/audit host.md' });
  analysisDocuments.set(uri.toString(), auditMarkdown(r, `The engine at ${snap.engine.endpoint}`));
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  ctx.log.info(`audit: ${r.findings.map((f) => `${f.code} ${f.subject.name}`).join(', ') || 'no findings'}; not checked: ${r.notChecked.map((n) => n.code).join(', ') || 'none'}`);
  return r;
}
