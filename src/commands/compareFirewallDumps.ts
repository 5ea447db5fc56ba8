// "What changed in the firewall?": two saved dumps (iptables-save, iptables -S, nft list ruleset; any
// Docker version) compared by meaning, shown as a read-only markdown preview.
import * as vscode from 'vscode';
import { diffFirewall, parseDumpFile } from '../analysis/firewall';
import type { FirewallDiff } from '../analysis/firewall/diff';
import type { CompareDumpsRequest } from '../core/requests';
import { firewallDiffMarkdown } from '../report/firewallDiffMarkdown';
import type { FirewallModel } from '../shared/firewall';
import type { CommandContext } from './context';

const TITLE = 'Compare Firewall Dumps';

const baseName = (uri: vscode.Uri): string => uri.path.split('/').pop() || uri.path;

async function pickDump(step: 'before' | 'after', near: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: `${TITLE}: the ${step === 'before' ? 'BEFORE (older)' : 'AFTER (newer)'} dump`,
    openLabel: step === 'before' ? 'Before' : 'After',
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    ...(near ? { defaultUri: near } : {}),
  });
  return picked?.[0];
}

async function readDump(uri: vscode.Uri): Promise<FirewallModel> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    throw new Error(`Cannot read ${uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseDumpFile(new TextDecoder().decode(bytes), baseName(uri));
}

/** Interactive: two open dialogs. Undefined when cancelled. */
export async function compareDumpsFlow(ctx: CommandContext): Promise<FirewallDiff | undefined> {
  const before = await pickDump('before', undefined);
  if (!before) return undefined;
  const after = await pickDump('after', vscode.Uri.joinPath(before, '..'));
  if (!after) return undefined;
  return compare(ctx, before, after);
}

/** Scripted: two file paths; resolves to the diff. */
export function compareDumps(ctx: CommandContext, req: CompareDumpsRequest): Promise<FirewallDiff> {
  return compare(ctx, vscode.Uri.file(req.before), vscode.Uri.file(req.after));
}

async function compare(ctx: CommandContext, before: vscode.Uri, after: vscode.Uri): Promise<FirewallDiff> {
  const d = diffFirewall(await readDump(before), await readDump(after));
  const names = { before: baseName(before), after: baseName(after) };
  await ctx.documents.show(`/firewall ${names.before} → ${names.after}.md`, firewallDiffMarkdown(d, names));
  ctx.log.info(`firewall diff ${before.fsPath} → ${after.fsPath}: ${d.sameMeaning ? 'same meaning' : 'changed'}`);
  return d;
}
