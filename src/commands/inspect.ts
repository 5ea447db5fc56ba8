import * as vscode from 'vscode';
import { inspectUri } from '../inspect/inspectDocuments';
import type { TreeNode } from '../tree/treeModel';
import type { CommandContext } from './context';
import { byRef } from '../shared/lookup';

/** Opens the raw Engine API JSON of the node's network or container, read-only. */
export async function inspect(ctx: CommandContext, arg?: TreeNode | { network?: string; container?: string }): Promise<vscode.TextEditor | undefined> {
  const target = await pickTarget(ctx, arg);
  if (!target) return undefined;
  const doc = await vscode.workspace.openTextDocument(inspectUri(target.kind, target.id, target.name));
  await vscode.languages.setTextDocumentLanguage(doc, 'json');
  return vscode.window.showTextDocument(doc, { preview: true });
}

type Target = { kind: 'network' | 'container'; id: string; name: string };

async function pickTarget(ctx: CommandContext, arg: unknown): Promise<Target | undefined> {
  const snap = ctx.controller().snapshot;
  if (arg && typeof arg === 'object') {
    const node = arg as Partial<TreeNode> & { network?: unknown; container?: unknown };
    if (node.kind === 'network' && 'network' in node && node.network) return { kind: 'network', id: node.network.id, name: node.network.name };
    if ((node.kind === 'container' || node.kind === 'member' || node.kind === 'joined' || node.kind === 'endpoint') && node.container && typeof node.container === 'object') {
      return { kind: 'container', id: node.container.id, name: node.container.name };
    }
    if (typeof node.network === 'string') {
      const n = snap && byRef(snap.networks, node.network);
      if (!n) throw new Error(`No network "${node.network}".`);
      return { kind: 'network', id: n.id, name: n.name };
    }
    if (typeof node.container === 'string') {
      const c = snap && byRef(snap.containers, node.container);
      if (!c) throw new Error(`No container "${node.container}".`);
      return { kind: 'container', id: c.id, name: c.name };
    }
  }
  if (!snap) return undefined;
  const items: { label: string; description: string; target: Target }[] = [
    ...snap.networks.map((n) => ({ label: `$(type-hierarchy-sub) ${n.name}`, description: n.subnets[0]?.subnet ?? n.driver, target: { kind: 'network' as const, id: n.id, name: n.name } })),
    ...snap.containers.map((c) => ({ label: `$(vm) ${c.name}`, description: c.networkMode, target: { kind: 'container' as const, id: c.id, name: c.name } })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Inspect a network or container', matchOnDescription: true });
  return picked?.target;
}
