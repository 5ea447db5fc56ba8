// Opens the raw Engine API JSON of a network or container, read-only.
import * as vscode from 'vscode';
import type { InspectRequest } from '../core/requests';
import { inspectUri } from '../inspect/inspectDocuments';
import { byRef } from '../shared/lookup';
import type { CommandContext } from './context';
import type { FlowPreset } from './invocation';

type Target = { kind: 'network' | 'container'; id: string; name: string };

/** Interactive: the preset's container (else its network), or a pick of every object. */
export async function inspectFlow(ctx: CommandContext, preset: FlowPreset): Promise<vscode.TextEditor | undefined> {
  if (preset.container) return inspectTarget(ctx, { kind: 'container', ref: preset.container });
  if (preset.network) return inspectTarget(ctx, { kind: 'network', ref: preset.network });
  const snap = ctx.controller().snapshot;
  if (!snap) return undefined;
  const items: { label: string; description: string; target: Target }[] = [
    ...snap.networks.map((n) => ({
      label: `$(type-hierarchy-sub) ${n.name}`,
      description: n.subnets[0]?.subnet ?? n.driver,
      target: { kind: 'network' as const, id: n.id, name: n.name },
    })),
    ...snap.containers.map((c) => ({
      label: `$(vm) ${c.name}`,
      description: c.networkMode,
      target: { kind: 'container' as const, id: c.id, name: c.name },
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Inspect a network or container', matchOnDescription: true });
  return picked ? open(picked.target) : undefined;
}

/** A named network or container, by name or id. */
export function inspectTarget(ctx: CommandContext, req: InspectRequest): Thenable<vscode.TextEditor> {
  const snap = ctx.controller().snapshot;
  const found = req.kind === 'network' ? snap && byRef(snap.networks, req.ref) : snap && byRef(snap.containers, req.ref);
  if (!found) throw new Error(`No ${req.kind} "${req.ref}".`);
  return open({ kind: req.kind, id: found.id, name: found.name });
}

async function open(target: Target): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(inspectUri(target.kind, target.id, target.name));
  await vscode.languages.setTextDocumentLanguage(doc, 'json');
  return vscode.window.showTextDocument(doc, { preview: true });
}
