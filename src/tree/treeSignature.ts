// Pure: when the tree must fire. VS Code holds back a tree change that follows another within
// 200 ms, so a publish that shows nothing new (a firewall re-read, the refresh before a command)
// must not fire. The signature is the rows the tree would render, every node expanded, plus each
// container a hover is drawn from: a field the tree starts showing counts at once, and one it does
// not show (a container's status line, takenAt, the engine version, the firewall) never does.
import type { Snapshot } from '../shared/model';
import { childrenOf, type TreeNode, type TreeOptions } from './treeModel';
import { rowOf } from './treeRows';

export function treeSignature(s: Snapshot, opts: TreeOptions): string {
  const rows: unknown[] = [];
  const walk = (parent: TreeNode | undefined): void => {
    for (const node of childrenOf(s, parent, opts)) {
      // The whole row: a field added to TreeRow is in the signature unasked. The hover of a node
      // with a container is drawn on demand, and VS Code keeps a resolved hover until its item
      // fires: so the container itself counts, all but the status line that Docker rewords every
      // minute ("Up 5 minutes").
      rows.push(node.id, rowOf(node), 'container' in node ? { ...node.container, status: undefined } : null);
      walk(node);
    }
  };
  walk(undefined);
  return JSON.stringify(rows);
}
