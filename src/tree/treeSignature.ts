// Pure: when the tree must fire. VS Code holds back a tree change that follows another within
// 200 ms, so a publish that shows nothing new (a firewall re-read, the refresh before a command)
// must not fire. The signature is the rows the tree would render, every node expanded: a field the
// tree starts showing counts at once, and one it does not show (status, created, labels of a
// container, takenAt, the firewall) never does.
import type { Snapshot } from '../shared/model';
import { childrenOf, type TreeNode, type TreeOptions } from './treeModel';
import { rowOf } from './treeRows';

export function treeSignature(s: Snapshot, opts: TreeOptions): string {
  const rows: unknown[] = [];
  const walk = (parent: TreeNode | undefined): void => {
    for (const node of childrenOf(s, parent, opts)) {
      // The whole row: a field added to TreeRow is in the signature unasked. The hover of a node
      // with a container is not in its row: it is drawn on demand from the latest snapshot.
      rows.push(node.id, rowOf(node));
      walk(node);
    }
  };
  walk(undefined);
  return JSON.stringify(rows);
}
