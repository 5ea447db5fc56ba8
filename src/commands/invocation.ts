// How a command was called, decided once by the command table: from a menu (our own tree item) or
// the palette (no argument), it runs the interactive flow with what the item names preset; with
// anything else (a script's argument object) it parses that as a request and runs it.
import type { TreeNode } from '../tree/treeModel';

/** What an interactive flow starts with, by id or name: what a menu item or the graph already chose. */
export interface FlowPreset {
  container?: string;
  network?: string;
  lab?: string;
}

export type Invocation = { kind: 'interactive'; preset: FlowPreset } | { kind: 'scripted'; arg: unknown };

/** The objects a tree item names. A member or endpoint names both its container and its network. */
export function presetOfNode(node: TreeNode): FlowPreset {
  switch (node.kind) {
    case 'network':
      return { network: node.network.id };
    case 'member':
      return { container: node.container.id, network: node.network.id };
    case 'endpoint':
      return { container: node.container.id, network: node.endpoint.networkId || node.endpoint.network };
    case 'container':
    case 'joined':
    case 'service':
    case 'manual':
      return { container: node.container.id };
    case 'projectNetwork':
      return { network: node.network.id };
    case 'lab':
      return { lab: node.lab.id };
    case 'bridge':
      return node.network ? { network: node.network.id } : {};
    default:
      return {};
  }
}

/** `isOwnNode` is the tree's identity check: a look-alike object from a script is scripted. */
export function invocationOf(arg: unknown, isOwnNode: (a: unknown) => a is TreeNode): Invocation {
  if (arg === undefined) return { kind: 'interactive', preset: {} };
  if (isOwnNode(arg)) return { kind: 'interactive', preset: presetOfNode(arg) };
  return { kind: 'scripted', arg };
}
