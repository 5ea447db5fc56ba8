// TreeDataProvider over the controller's snapshot. It never edits nodes by hand: every change
// comes from a new snapshot.
import * as vscode from 'vscode';
import { containerPath } from '../analysis/paths';
import { hopWhyLines, ingressWhyLines, pathImages } from '../report/pathReport';
import { Commands } from '../constants';
import type { ContainerPath } from '../analysis/paths';
import type { Snapshot } from '../shared/model';
import { childrenOf, type TreeNode, type TreeOptions } from './treeModel';
import { hoverOf, rowOf } from './treeRows';
import { treeSignature } from './treeSignature';

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

function markdown(text: string): vscode.MarkdownString {
  const m = new vscode.MarkdownString(text);
  m.supportHtml = false;
  return m;
}

/**
 * Diagrams first (SVG images of each path), then the facts, then a why and a command per hop;
 * the rule texts are one click away ("Show rules").
 */
function containerHover(p: ContainerPath, facts: string): vscode.MarkdownString {
  const [title = '', ...rest] = facts.split('\n\n');
  const arg = encodeURIComponent(JSON.stringify({ container: p.container }));
  const m = markdown(
    [
      title,
      pathImages(p).join('\n\n'),
      rest.join('\n\n'),
      `**Hop by hop**${p.egress.network ? ` (out via ${p.egress.network})` : ''}`,
      [...hopWhyLines(p.egress), ...ingressWhyLines(p)].join('\n'),
      `[Show rules and commands](command:${Commands.showPath}?${arg})`,
    ].join('\n\n'),
  );
  m.isTrusted = { enabledCommands: [Commands.showPath] };
  return m;
}

export function toTreeItem(node: TreeNode): vscode.TreeItem {
  const row = rowOf(node);
  const item = new vscode.TreeItem(row.label, COLLAPSIBLE[row.collapsible]);
  item.description = row.description;
  item.iconPath = new vscode.ThemeIcon(row.icon, row.iconColor ? new vscode.ThemeColor(row.iconColor) : undefined);
  item.contextValue = row.contextValue;
  if (row.tooltip) item.tooltip = 'markdown' in row.tooltip ? markdown(row.tooltip.markdown) : row.tooltip.text;
  return item;
}

export class TopologyTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private snapshot: Snapshot | undefined;
  private signature: string | undefined;
  private firstRows: (() => void) | undefined;

  constructor(private options: TreeOptions) {}

  update(snapshot: Snapshot | undefined): void {
    this.snapshot = snapshot;
    // VS Code holds back a tree change that follows another within 200 ms, so changes that show
    // nothing (a firewall re-read, a refresh before a command) must not fire at all.
    const signature = snapshot ? treeSignature(snapshot, this.options) : '';
    if (signature === this.signature) return;
    this.signature = signature;
    this.changed.fire(undefined);
  }

  setOptions(options: TreeOptions): void {
    this.options = options;
    this.signature = undefined;
    this.changed.fire(undefined);
  }

  /** Calls `cb` once, the first time the root is asked for and has rows (activation timing). */
  onFirstRows(cb: () => void): void {
    this.firstRows = cb;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const children = this.snapshot ? childrenOf(this.snapshot, node, this.options) : [];
    for (const c of children) {
      this.parents.set(c.id, node);
      this.handedOut.add(c);
    }
    if (node === undefined && children.length > 0 && this.firstRows) {
      const cb = this.firstRows;
      this.firstRows = undefined;
      cb();
    }
    return children;
  }

  /** Nodes VS Code got from us: a menu click passes one of them back as the command's argument. */
  private readonly handedOut = new WeakSet<object>();

  /** True for an item of this tree (by identity): the command table's "called from a menu". */
  owns(arg: unknown): arg is TreeNode {
    return typeof arg === 'object' && arg !== null && this.handedOut.has(arg);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = toTreeItem(node);
    item.id = node.id;
    return item;
  }

  /**
   * A node with a container has no tooltip in its row, so VS Code asks here on hover. The hover is
   * drawn from the latest snapshot (its container and endpoint by id), with the path diagram first:
   * it is what the hover is for; the facts follow.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const snap = this.snapshot;
    if (!snap || !('container' in node)) return item;
    const container = snap.containers.find((c) => c.id === node.container.id) ?? node.container;
    const latest =
      'endpoint' in node
        ? { ...node, container, endpoint: container.endpoints.find((e) => e.networkId === node.endpoint.networkId) ?? node.endpoint }
        : { ...node, container };
    item.tooltip = containerHover(containerPath(container, snap), hoverOf(latest));
    return item;
  }

  private parents = new Map<string, TreeNode | undefined>();

  /** Needed by TreeView.reveal: parents are recorded as children are handed out. */
  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  /** Finds a node by id (net:<id>, ctr:<id>, net:<nid>/ctr:<cid>), recording parents on the way. */
  findNode(id: string): TreeNode | undefined {
    const walk = (parent: TreeNode | undefined): TreeNode | undefined => {
      for (const child of this.getChildren(parent)) {
        if (child.id === id) return child;
        const hit = walk(child);
        if (hit) return hit;
      }
      return undefined;
    };
    return walk(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
