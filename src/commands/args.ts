// Tells a scripted call (an argument object) from an interactive one (no argument, or a tree node).
import type { TreeNode } from '../tree/treeModel';

export type Invocation = { scripted: true; arg: unknown } | { scripted: false; node: TreeNode | undefined };

export function isTreeNode(a: unknown): a is TreeNode {
  return typeof a === 'object' && a !== null && 'kind' in a && 'id' in a;
}

export function invocation(arg: unknown): Invocation {
  if (arg === undefined || isTreeNode(arg)) return { scripted: false, node: arg };
  return { scripted: true, arg };
}
