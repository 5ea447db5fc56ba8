// The graph's entry for the composition root: registerGraph() adds the commands that open and
// focus the graph, the panel serializer that brings it back after a reload, and two internal
// commands for tests and scripts (not contributed, so not in the palette).
import * as vscode from 'vscode';
import { byRef } from '../shared/lookup';
import type { Snapshot } from '../shared/model';
import { GRAPH_VIEW_TYPE } from '../shared/protocol';
import { GraphPanel, type PanelDeps } from './panel';

export const GraphCommandIds = {
  showGraph: 'dockerNetworks.showGraph',
  revealInGraph: 'dockerNetworks.revealInGraph',
  /** Internal: { ready, revision, rendered, ignored } of the open panel, or undefined. */
  state: 'dockerNetworks.graph.state',
  /** Internal: handle a message as if the webview had posted it (same guard, same dispatch). */
  receive: 'dockerNetworks.graph.receive',
} as const;

export interface GraphDeps {
  extensionUri: vscode.Uri;
  snapshot(): Snapshot | undefined;
  onDidChangeSnapshot: vscode.Event<Snapshot>;
  runCommand(id: string, arg: unknown): Thenable<unknown>;
  /** Reveal a tree item by id: net:<id>, ctr:<id> or net:<nid>/ctr:<cid>. */
  revealInTree(nodeId: string): void;
  log: vscode.LogOutputChannel;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const idOf = (x: unknown): string | undefined => (isObj(x) && typeof x.id === 'string' ? x.id : undefined);

/**
 * The graph node to focus for a command argument: a tree node (network, member, container,
 * endpoint, joined, bridge), a graph id string, or { container } / { network } by name or id.
 */
export function graphIdOf(arg: unknown, snap: Snapshot | undefined): string | undefined {
  if (typeof arg === 'string') {
    if (/^(net|ctr):/.test(arg)) return arg;
    const c = snap && byRef(snap.containers, arg);
    if (c) return `ctr:${c.id}`;
    const n = snap && byRef(snap.networks, arg);
    return n ? `net:${n.id}` : undefined;
  }
  if (!isObj(arg)) return undefined;
  const net = idOf(arg.network);
  const ctr = idOf(arg.container);
  switch (arg.kind) {
    case 'network':
      return net && `net:${net}`;
    case 'member':
      return net && ctr ? `net:${net}/ctr:${ctr}` : undefined;
    case 'container':
    case 'endpoint':
    case 'joined':
      return ctr && `ctr:${ctr}`;
    case 'bridge':
      return net && `net:${net}`;
  }
  if (typeof arg.container === 'string') return graphIdOf(arg.container, snap);
  if (typeof arg.network === 'string') return graphIdOf(arg.network, snap);
  return undefined;
}

function mutable(): boolean {
  return vscode.workspace.isTrusted && !vscode.workspace.getConfiguration('dockerNetworks').get<boolean>('readOnly', false);
}

export function registerGraph(deps: GraphDeps): vscode.Disposable[] {
  const panelDeps: PanelDeps = { ...deps, mutable };
  return [
    vscode.commands.registerCommand(GraphCommandIds.showGraph, () => {
      GraphPanel.show(panelDeps);
    }),
    vscode.commands.registerCommand(GraphCommandIds.revealInGraph, (arg: unknown) => {
      const id = graphIdOf(arg, deps.snapshot());
      if (!id) deps.log.warn(`revealInGraph: nothing to show for ${JSON.stringify(arg)?.slice(0, 200) ?? String(arg)}`);
      GraphPanel.show(panelDeps, id);
    }),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel): Thenable<void> => {
        GraphPanel.revive(panel, panelDeps);
        return Promise.resolve();
      },
    }),
    vscode.commands.registerCommand(GraphCommandIds.state, () => GraphPanel.current?.state()),
    vscode.commands.registerCommand(GraphCommandIds.receive, (m: unknown) => GraphPanel.current?.receive(m)),
    { dispose: () => GraphPanel.current?.dispose() },
  ];
}
