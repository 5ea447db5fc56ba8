// "Why can't A reach B?": pickers when interactive, the verdict and reasons in a markdown preview.
// A is a container, the engine's host, or an outside IPv4 client.
import * as vscode from 'vscode';
import { asObject, str } from '../core/commandArgs';
import { containerPath } from '../analysis/paths';
import { isIpv4 } from '../analysis/explainRules';
import { explain, type Explanation } from '../analysis/reachability';
import { ValidationError, findContainer } from '../core/validate';
import { explanationMarkdown } from '../hover/explainMarkdown';
import { ANALYSIS_SCHEME } from '../constants';
import { byRef } from '../shared/lookup';
import type { ContainerInfo, Snapshot } from '../shared/model';
import { invocation } from './args';
import type { CommandContext } from './context';
import { input, pick, type PickItem } from './ui/multiStep';
import { containerItems } from './ui/pickers';

/** Markdown documents the explain and path commands render, by URI. */
export const analysisDocuments = new Map<string, string>();

type Source = { kind: 'container'; c: ContainerInfo } | { kind: 'host' } | { kind: 'outside' };

/** A scripted `from`: a container, `host`, or an IPv4 address that names no container. */
function scriptedSource(ref: string, snap: Snapshot): string {
  if (ref === 'host' || (isIpv4(ref) && !byRef(snap.containers, ref))) return ref;
  return findContainer(ref, snap, 'from').name;
}

async function interactive(snap: Snapshot, first: ContainerInfo | undefined): Promise<{ from: string; to: string } | undefined> {
  const title = 'Explain Reachability';
  let source: Source | undefined = first ? { kind: 'container', c: first } : undefined;
  if (!source) {
    const items: PickItem<Source>[] = [
      { label: '$(server) host', description: "a process on the engine's host (its network namespace)", value: { kind: 'host' } },
      { label: '$(globe) an outside client (IPv4)…', description: 'a machine outside the engine host, by its address', value: { kind: 'outside' } },
      ...containerItems(snap.containers).map((i) => ({ ...i, value: { kind: 'container' as const, c: i.value } })),
    ];
    const s = await pick({ title, step: 1, totalSteps: 2, placeholder: 'From …', items });
    if (!s || typeof s === 'symbol') return undefined;
    source = s;
  }
  let from: string;
  if (source.kind === 'outside') {
    const ip = await input({ title, step: 1, totalSteps: 2, prompt: "The outside client's IPv4 address", placeholder: '203.0.113.7', validate: (v) => (isIpv4(v.trim()) ? undefined : 'An IPv4 address, e.g. 203.0.113.7') });
    if (!ip || typeof ip === 'symbol') return undefined;
    from = ip.trim();
  } else from = source.kind === 'host' ? 'host' : source.c.name;
  const self = source.kind === 'container' ? source.c.id : '';
  const b = await pick({ title, step: 2, totalSteps: 2, placeholder: `Can ${from} reach …`, items: containerItems(snap.containers.filter((c) => c.id !== self)) });
  if (!b || typeof b === 'symbol') return undefined;
  return { from, to: b.name };
}

export async function explainReachability(ctx: CommandContext, arg?: unknown): Promise<Explanation | undefined> {
  const how = invocation(arg);
  const snap = await ctx.controller().refreshFirewall();
  let from: string;
  let to: string;
  let port: number | null = null;
  if (how.scripted) {
    const o = asObject(how.arg, 'explainReachability');
    from = scriptedSource(str(o, 'from', true), snap);
    to = findContainer(str(o, 'to', true), snap, 'to').name;
    if (o.port !== undefined && o.port !== null) {
      if (typeof o.port !== 'number' || !Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new ValidationError('port', 'port must be 1-65535.');
      port = o.port;
    }
  } else {
    const first = how.node && 'container' in how.node ? how.node.container : undefined;
    const chosen = await interactive(snap, first);
    if (!chosen) return undefined;
    ({ from, to } = chosen);
  }
  const listening = port !== null ? await ctx.controller().listeners(findContainer(to, snap).id) : null;
  const x = explain(snap, from, to, port, { listening });
  const fromC = x.fromKind === 'container' ? findContainer(from, snap) : undefined;
  const doc = explanationMarkdown(x, fromC ? containerPath(fromC, snap) : undefined, containerPath(findContainer(to, snap), snap));
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
