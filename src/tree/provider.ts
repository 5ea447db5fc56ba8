// TreeDataProvider over the controller's snapshot. It never edits nodes by hand: every change
// comes from a new snapshot.
import * as vscode from 'vscode';
import { containerPath } from '../analysis/paths';
import { pathMarkdown } from '../hover/diagrams';
import type { Snapshot } from '../shared/model';
import { childrenOf, containerAddresses, treeSignature, type TreeNode, type TreeOptions } from './treeModel';
import { containerTooltip, endpointTooltip, md, networkTooltip } from './tooltips';

const STATE_ICON: Record<string, [string, string]> = {
  running: ['vm-running', 'charts.green'],
  paused: ['debug-pause', 'charts.yellow'],
  restarting: ['sync', 'charts.yellow'],
  created: ['vm-outline', 'disabledForeground'],
  exited: ['vm-outline', 'disabledForeground'],
  dead: ['error', 'errorForeground'],
};

function icon(id: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

function markdown(text: string): vscode.MarkdownString {
  const m = new vscode.MarkdownString(text);
  m.supportHtml = false;
  return m;
}

export function toTreeItem(node: TreeNode): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  switch (node.kind) {
    case 'group': {
      const item = new vscode.TreeItem(node.label, C.Expanded);
      item.description = String(node.count);
      item.iconPath = icon(node.group === 'networks' ? 'type-hierarchy' : node.group === 'containers' ? 'package' : 'server');
      item.contextValue = `group.${node.group}`;
      return item;
    }
    case 'network': {
      const n = node.network;
      // Always Expanded: VS Code keeps the state of a known id, so a network shown as a leaf would
      // stay collapsed when its first container arrives (found by the e2e test).
      const item = new vscode.TreeItem(n.name, C.Expanded);
      const flags = [n.builtin && 'built-in', n.internal && 'internal', n.icc === false && 'icc off'].filter(Boolean);
      item.description = [n.subnets[0]?.subnet ?? n.driver, ...flags].join(' · ');
      item.tooltip = markdown(networkTooltip(n));
      item.iconPath = icon(n.internal ? 'lock' : n.driver === 'host' ? 'server' : n.driver === 'null' ? 'circle-slash' : 'type-hierarchy-sub');
      item.contextValue = `network.${n.builtin ? 'builtin' : 'user'}.${n.driver}${n.internal ? '.internal' : ''}`;
      return item;
    }
    case 'member': {
      const { container: c, endpoint: ep } = node;
      const item = new vscode.TreeItem(c.name, c.netnsMembers.length ? C.Collapsed : C.None);
      item.description = ep.ipv4 ?? (c.state === 'running' ? '' : c.state);
      item.tooltip = markdown(endpointTooltip(c, ep));
      const [i, col] = STATE_ICON[c.state] ?? ['vm', undefined];
      item.iconPath = icon(i, col);
      item.contextValue = `endpoint.${c.state}`;
      return item;
    }
    case 'mode': {
      const item = new vscode.TreeItem(node.mode, C.Expanded);
      item.description = String(node.count);
      item.iconPath = icon(node.mode === 'host' ? 'server' : node.mode === 'none' ? 'circle-slash' : 'type-hierarchy-sub');
      item.contextValue = `mode.${node.mode}`;
      return item;
    }
    case 'container': {
      const c = node.container;
      const hasChildren = c.endpoints.length > 0 || c.netnsMembers.length > 0;
      const item = new vscode.TreeItem(c.name, hasChildren ? C.Collapsed : C.None);
      item.description = [containerAddresses(c), c.state !== 'running' ? c.state : null].filter(Boolean).join(' · ');
      item.tooltip = markdown(containerTooltip(c));
      const [i, col] = STATE_ICON[c.state] ?? ['vm', undefined];
      item.iconPath = icon(i, col);
      item.contextValue = `container.${c.state}.${c.networkModeKind}`;
      return item;
    }
    case 'endpoint': {
      const ep = node.endpoint;
      const item = new vscode.TreeItem(ep.network, C.None);
      const link = ep.ifname ? `${ep.ifname} ⇄ ${ep.hostVeth ?? '?'}` : '';
      item.description = [ep.ipv4, link].filter(Boolean).join(' · ');
      item.tooltip = markdown(endpointTooltip(node.container, ep));
      item.iconPath = icon('plug');
      item.contextValue = 'containerEndpoint';
      return item;
    }
    case 'joined': {
      const item = new vscode.TreeItem(node.container.name, C.None);
      item.description = `shares netns of ${node.owner.name}`;
      item.tooltip = markdown(`${containerTooltip(node.container)}\n\nRuns with \`--network container:${md(node.owner.name)}\`: same interfaces, IPs and ports as its owner; reach it on localhost from the owner.`);
      item.iconPath = icon('link', STATE_ICON[node.container.state]?.[1]);
      item.contextValue = `container.${node.container.state}.container`;
      return item;
    }
    case 'bridge': {
      const item = new vscode.TreeItem(node.name, node.ports.length ? C.Collapsed : C.None);
      item.description = `${node.ports.length} port(s)${node.network ? ` · ${node.network.name}` : ''}`;
      item.tooltip = markdown(`Linux bridge **${md(node.name)}** (\`brctl show ${md(node.name)}\`)`);
      item.iconPath = icon('circuit-board');
      item.contextValue = 'bridge';
      return item;
    }
    case 'fact': {
      const item = new vscode.TreeItem(node.label, C.None);
      item.description = node.description;
      if (node.tooltip) item.tooltip = node.tooltip;
      item.iconPath = icon(node.id.startsWith('host:unavailable') ? 'warning' : 'info');
      item.contextValue = 'fact';
      return item;
    }
  }
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
    const signature = snapshot ? treeSignature(snapshot) : '';
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
    for (const c of children) this.parents.set(c.id, node);
    if (node === undefined && children.length > 0 && this.firstRows) {
      const cb = this.firstRows;
      this.firstRows = undefined;
      cb();
    }
    return children;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = toTreeItem(node);
    item.id = node.id;
    // VS Code calls resolveTreeItem only for items without a tooltip: the path diagram is lazy.
    if ('container' in node) item.tooltip = undefined;
    return item;
  }

  /** The path diagram is computed only when a tooltip is about to show. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const snap = this.snapshot;
    if (!snap || !('container' in node)) return item;
    const full = toTreeItem(node).tooltip;
    const base = full instanceof vscode.MarkdownString ? full.value : '';
    const diagram = pathMarkdown(containerPath(node.container, snap));
    // The path first: it is what the hover is for; the endpoint facts follow.
    item.tooltip = markdown(`${diagram}\n\n---\n\n${base}`);
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
