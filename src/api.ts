// The public API: what activate() returns to other extensions, scripts and the extension-host
// tests. A versioned contract: members are only added within a version; a change that breaks a
// caller raises API_VERSION. README.md ("The extension's API") documents it for users.
import type * as vscode from 'vscode';
import type { ConnectionStatus } from './core/liveUpdates';
import { firstMatch } from './shared/emitter';
import type { Snapshot } from './shared/model';
import type { TreeNode } from './tree/treeModel';

/** The version of {@link ExplorerApi}. Check it before using the API: `api.version === 1`. */
export const API_VERSION = 1;

/** The tree of the Docker Networks view, as a `TreeDataProvider` whose calls answer synchronously. */
export interface ExplorerTree extends vscode.TreeDataProvider<TreeNode> {
  /** Root groups (Networks, Containers, Host) without a node; an empty list before the first snapshot. */
  getChildren(node?: TreeNode): TreeNode[];
  getTreeItem(node: TreeNode): vscode.TreeItem;
  /** Adds the lazy path diagram to a container's tooltip. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem;
  getParent(node: TreeNode): TreeNode | undefined;
  /**
   * The item with this id (`net:<id>`, `ctr:<id>`, `net:<nid>/ctr:<cid>`; see src/shared/ids.ts),
   * the very object VS Code holds: passing it to a command runs the command as a menu click would.
   */
  findNode(id: string): TreeNode | undefined;
}

/**
 * What `activate()` of `docker-network-explorer.docker-network-explorer` returns.
 *
 * ```ts
 * const ext = vscode.extensions.getExtension<ExplorerApi>('docker-network-explorer.docker-network-explorer');
 * const api = await ext?.activate();
 * if (api?.version === 1) {
 *   const snap = await api.waitFor((s) => s.networks.length > 0, 10_000);
 * }
 * ```
 */
export interface ExplorerApi {
  /** {@link API_VERSION}: 1. */
  readonly version: typeof API_VERSION;
  /** The latest snapshot of the engine (networks, containers, host facts), or undefined before the first read or while disconnected from any engine. */
  snapshot(): Snapshot | undefined;
  /** The connection to the engine: `connecting`, `connected`, or `disconnected` with the error and the retry delay. */
  status(): ConnectionStatus;
  /** Fires with every new snapshot (a full or incremental refresh, or a firewall re-read). */
  readonly onDidChangeSnapshot: vscode.Event<Snapshot>;
  /**
   * Resolves with the current snapshot when it satisfies `pred`, else with the first later one that
   * does. Rejects after `timeoutMs` (default 10 000 ms).
   */
  waitFor(pred: (s: Snapshot) => boolean, timeoutMs?: number): Promise<Snapshot>;
  /** The view's tree, for reading what the user sees. */
  readonly tree: ExplorerTree;
}

/** Where the API gets its answers from (the composition root). */
export interface ApiSources {
  snapshot(): Snapshot | undefined;
  status(): ConnectionStatus;
  onDidChangeSnapshot: vscode.Event<Snapshot>;
  tree: ExplorerTree;
}

/** Builds the version-1 API over the composition root's parts. */
export function createApi(src: ApiSources): ExplorerApi {
  const waitFor = (pred: (s: Snapshot) => boolean, timeoutMs = 10_000): Promise<Snapshot> => {
    const now = src.snapshot();
    return now && pred(now) ? Promise.resolve(now) : firstMatch(src.onDidChangeSnapshot, pred, timeoutMs, 'matching snapshot');
  };
  return {
    version: API_VERSION,
    snapshot: () => src.snapshot(),
    status: () => src.status(),
    onDidChangeSnapshot: src.onDidChangeSnapshot,
    waitFor,
    tree: src.tree,
  };
}
