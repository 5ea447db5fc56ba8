// The graph's entry for the composition root: registerGraph() adds the commands that open and
// focus the graph, the panel serializer that brings it back after a reload, and two internal
// commands for tests and scripts (not contributed, so not in the palette).
import * as vscode from 'vscode';
import { changesAllowed } from '../commands/guard';
import { Commands, InternalCommands } from '../constants';
import { containerNodeId, networkNodeId, parseNodeId } from '../shared/ids';
import { byRef } from '../shared/lookup';
import type { Snapshot } from '../shared/model';
import { GRAPH_VIEW_TYPE } from '../shared/protocol';
import type { TreeNode } from '../tree/treeModel';
import type { GraphActionHandlers } from './actions';
import { GraphPanel, type PanelDeps } from './panel';

export interface GraphDeps {
  extensionUri: vscode.Uri;
  snapshot(): Snapshot | undefined;
  onDidChangeSnapshot: vscode.Event<Snapshot>;
  actions: GraphActionHandlers;
  /** The tree's identity check: an argument that is one of its items came from a menu. */
  isTreeNode(arg: unknown): arg is TreeNode;
  /** Reveal a tree item by id (src/shared/ids.ts). */
  revealInTree(nodeId: string): void;
  log: vscode.LogOutputChannel;
}

/** The graph node for a tree item: members keep their endpoint id; what sits under a container shows it. */
export function graphIdOfTreeNode(node: TreeNode): string | undefined {
  switch (node.kind) {
    case 'network':
    case 'member':
      return node.id;
    case 'container':
    case 'endpoint':
    case 'joined':
      return containerNodeId(node.container.id);
    case 'bridge':
      return node.network && networkNodeId(node.network.id);
    default:
      return undefined;
  }
}

/** The graph node for a script's argument: a node id, a name or id, or { container } / { network }. */
export function graphIdOfRef(arg: unknown, snap: Snapshot | undefined): string | undefined {
  if (typeof arg === 'string') {
    if (parseNodeId(arg)) return arg;
    const c = snap && byRef(snap.containers, arg);
    if (c) return containerNodeId(c.id);
    const n = snap && byRef(snap.networks, arg);
    return n ? networkNodeId(n.id) : undefined;
  }
  if (typeof arg !== 'object' || arg === null) return undefined;
  if ('container' in arg && typeof arg.container === 'string') return graphIdOfRef(arg.container, snap);
  if ('network' in arg && typeof arg.network === 'string') return graphIdOfRef(arg.network, snap);
  return undefined;
}

export function registerGraph(deps: GraphDeps): vscode.Disposable[] {
  const panelDeps: PanelDeps = { ...deps, mutable: changesAllowed };
  return [
    vscode.commands.registerCommand(Commands.showGraph, () => {
      GraphPanel.show(panelDeps);
    }),
    vscode.commands.registerCommand(Commands.revealInGraph, (arg: unknown) => {
      const id = deps.isTreeNode(arg) ? graphIdOfTreeNode(arg) : graphIdOfRef(arg, deps.snapshot());
      if (!id) deps.log.warn(`revealInGraph: nothing to show for ${JSON.stringify(arg)?.slice(0, 200) ?? String(arg)}`);
      GraphPanel.show(panelDeps, id);
    }),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel): Thenable<void> => {
        GraphPanel.revive(panel, panelDeps);
        return Promise.resolve();
      },
    }),
    vscode.commands.registerCommand(InternalCommands.graphState, () => GraphPanel.current?.state()),
    vscode.commands.registerCommand(InternalCommands.graphReceive, (m: unknown) => GraphPanel.current?.receive(m)),
    { dispose: () => GraphPanel.current?.dispose() },
  ];
}
