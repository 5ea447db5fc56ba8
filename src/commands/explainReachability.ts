// "Why can't A reach B?": pickers when interactive, the verdict and reasons in a markdown preview.
import * as vscode from 'vscode';
import { asObject, str } from '../core/commandArgs';
import { containerPath } from '../analysis/paths';
import { explain, type Explanation } from '../analysis/reachability';
import { ValidationError, findContainer } from '../core/validate';
import { explanationMarkdown } from '../hover/explainMarkdown';
import { ANALYSIS_SCHEME } from '../constants';
import { invocation } from './args';
import type { CommandContext } from './context';
import { pick } from './ui/multiStep';
import { containerItems } from './ui/pickers';

/** Markdown documents the explain and path commands render, by URI. */
export const analysisDocuments = new Map<string, string>();

export async function explainReachability(ctx: CommandContext, arg?: unknown): Promise<Explanation | undefined> {
  const how = invocation(arg);
  const snap = await ctx.controller().refreshFirewall();
  let from: string;
  let to: string;
  let port: number | null = null;
  if (how.scripted) {
    const o = asObject(how.arg, 'explainReachability');
    from = findContainer(str(o, 'from', true), snap, 'from').name;
    to = findContainer(str(o, 'to', true), snap, 'to').name;
    if (o.port !== undefined && o.port !== null) {
      if (typeof o.port !== 'number' || !Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new ValidationError('port', 'port must be 1-65535.');
      port = o.port;
    }
  } else {
    const first = how.node && 'container' in how.node ? how.node.container : undefined;
    const a = first ?? (await pick({ title: 'Explain Reachability', step: 1, totalSteps: 2, placeholder: 'From container', items: containerItems(snap.containers) }));
    if (!a || typeof a === 'symbol') return undefined;
    const b = await pick({ title: 'Explain Reachability', step: 2, totalSteps: 2, placeholder: `Can ${a.name} reach …`, items: containerItems(snap.containers.filter((c) => c.id !== a.id)) });
    if (!b || typeof b === 'symbol') return undefined;
    from = a.name;
    to = b.name;
  }
  const listening = port !== null ? await ctx.controller().listeners(findContainer(to, snap).id) : null;
  const x = explain(snap, from, to, port, { listening });
  const doc = explanationMarkdown(x, containerPath(findContainer(from, snap), snap), containerPath(findContainer(to, snap), snap));
  const uri = vscode.Uri.from({ scheme: ANALYSIS_SCHEME, path: `/explain ${from} → ${to}.md` });
  analysisDocuments.set(uri.toString(), doc);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  ctx.log.info(`explain ${from} → ${to}: ${String(x.reachable)} (${x.reasons.map((r) => r.code).join(', ')})`);
  return x;
}

export class AnalysisDocuments implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    return analysisDocuments.get(uri.toString()) ?? '# Gone\n\nRun the command again.\n';
  }
}
