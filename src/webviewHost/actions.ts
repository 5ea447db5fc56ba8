// Runs a graph action through the real command. Direct actions pass an argument object (the
// command's scripted form); interactive ones pass a tree-node-like argument so the command's own
// pickers and inputs run with that node preselected. Disconnect is confirmed here first, since the
// scripted form does not ask.
import * as vscode from 'vscode';
import type { Explanation } from '../analysis/reachability';
import type { Snapshot } from '../shared/model';
import { isExplanation, type GraphAction } from '../shared/protocol';

export const GraphCommands = {
  connect: 'dockerNetworks.connectContainer',
  disconnect: 'dockerNetworks.disconnectContainer',
  join: 'dockerNetworks.joinContainer',
  explain: 'dockerNetworks.explainReachability',
  inspect: 'dockerNetworks.inspect',
} as const;

export interface ActionDeps {
  snapshot(): Snapshot | undefined;
  runCommand(id: string, arg: unknown): Thenable<unknown>;
  log: vscode.LogOutputChannel;
}

export interface ActionOutcome {
  ok: boolean;
  /** Short text for the webview notice; empty when nothing needs saying (cancelled). */
  message: string;
  explanation?: Explanation;
}

const MUTATING: ReadonlySet<GraphAction['kind']> = new Set(['connect', 'connectInteractive', 'disconnect', 'join']);

export function isMutating(a: GraphAction): boolean {
  return MUTATING.has(a.kind);
}

function names(snap: Snapshot | undefined, container?: string, network?: string): { c: string; n: string } {
  const c = snap?.containers.find((x) => x.id === container || x.name === container);
  const n = snap?.networks.find((x) => x.id === network || x.name === network);
  return { c: c?.name ?? container ?? '', n: n?.name ?? network ?? '' };
}

/** A tree node as the commands' interactive path expects it (see src/tree/treeModel.ts). */
function treeNodeArg(snap: Snapshot | undefined, container?: string, network?: string): unknown {
  const c = container ? snap?.containers.find((x) => x.id === container || x.name === container) : undefined;
  if (c) return { kind: 'container', id: `ctr:${c.id}`, container: c };
  const n = network ? snap?.networks.find((x) => x.id === network || x.name === network) : undefined;
  if (n) return { kind: 'network', id: `net:${n.id}`, network: n };
  return undefined;
}

export async function runAction(a: GraphAction, deps: ActionDeps): Promise<ActionOutcome> {
  const snap = deps.snapshot();
  switch (a.kind) {
    case 'connect': {
      const { c, n } = names(snap, a.container, a.network);
      const arg: Record<string, unknown> = { container: a.container, network: a.network };
      if (a.ipv4) arg['ipv4'] = a.ipv4;
      if (a.aliases?.length) arg['aliases'] = a.aliases;
      await deps.runCommand(GraphCommands.connect, arg);
      return { ok: true, message: `Connected ${c} to ${n}.` };
    }
    case 'connectInteractive':
      await deps.runCommand(GraphCommands.connect, treeNodeArg(snap, a.container, a.network));
      return { ok: true, message: '' };
    case 'disconnect': {
      const { c, n } = names(snap, a.container, a.network);
      const ep = snap?.containers.find((x) => x.id === a.container || x.name === a.container)?.endpoints.find((e) => e.networkId === a.network || e.network === a.network);
      const detail = `docker network disconnect ${n} ${c}${ep?.ipv4 ? `\n${c} loses ${ep.ipv4} on that network.` : ''}`;
      const answer = await vscode.window.showWarningMessage(`Disconnect "${c}" from "${n}"?`, { modal: true, detail }, 'Disconnect');
      if (answer !== 'Disconnect') return { ok: true, message: '' };
      await deps.runCommand(GraphCommands.disconnect, { container: a.container, network: a.network });
      return { ok: true, message: `Disconnected ${c} from ${n}.` };
    }
    case 'join':
      await deps.runCommand(GraphCommands.join, treeNodeArg(snap, a.container));
      return { ok: true, message: '' };
    case 'explain': {
      const x = await deps.runCommand(GraphCommands.explain, { from: a.from, to: a.to });
      if (!isExplanation(x)) return { ok: false, message: 'Explain returned no result.' };
      return { ok: true, message: '', explanation: x };
    }
    case 'inspect':
      await deps.runCommand(GraphCommands.inspect, a.target === 'container' ? { container: a.id } : { network: a.id });
      return { ok: true, message: '' };
  }
}
