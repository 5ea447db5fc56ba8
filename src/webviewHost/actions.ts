// Runs the graph's typed GraphAction straight through the same functions the commands use: a
// direct connect is a ConnectRequest to Mutations; the interactive ones are the commands' flows
// with the graph's preset; disconnect is the flow that confirms. Mutating actions pass the one
// guard first. No vscode import: unit-tested with fakes of GraphActionHandlers.
import type { Explanation } from '../analysis/reachability';
import type { ConnectRequest, ExplainRequest, InspectRequest } from '../core/requests';
import type { Snapshot } from '../shared/model';
import type { GraphAction } from '../shared/protocol';

/** What the graph needs of the commands (src/commands/graphActions.ts builds the real one). */
export interface GraphActionHandlers {
  /** The guard's refusal for `action`, or undefined when changes are allowed. */
  changesRefused(action: string): string | undefined;
  connect(req: ConnectRequest): Promise<void>;
  /** Each flow resolves to a falsy value when the user cancelled. */
  connectFlow(preset: { container?: string; network?: string }): Promise<boolean>;
  disconnectFlow(preset: { container: string; network: string }): Promise<boolean>;
  joinFlow(preset: { container?: string }): Promise<string | undefined>;
  explain(req: ExplainRequest): Promise<Explanation>;
  inspect(req: InspectRequest): Promise<unknown>;
}

export interface ActionOutcome {
  ok: boolean;
  /** Short text for the webview notice; empty when nothing needs saying (cancelled). */
  message: string;
  explanation?: Explanation;
}

const MUTATING: Readonly<Partial<Record<GraphAction['kind'], string>>> = {
  connect: 'Connecting a container',
  connectInteractive: 'Connecting a container',
  disconnect: 'Disconnecting a container',
  join: 'Joining a container',
};

export function isMutating(a: GraphAction): boolean {
  return MUTATING[a.kind] !== undefined;
}

function names(snap: Snapshot | undefined, container?: string, network?: string): { c: string; n: string } {
  const c = snap?.containers.find((x) => x.id === container || x.name === container);
  const n = snap?.networks.find((x) => x.id === network || x.name === network);
  return { c: c?.name ?? container ?? '', n: n?.name ?? network ?? '' };
}

export async function runAction(a: GraphAction, h: GraphActionHandlers, snap: Snapshot | undefined): Promise<ActionOutcome> {
  const action = MUTATING[a.kind];
  const refused = action !== undefined ? h.changesRefused(action) : undefined;
  if (refused) return { ok: false, message: refused };
  switch (a.kind) {
    case 'connect': {
      const { c, n } = names(snap, a.container, a.network);
      await h.connect({ container: a.container, network: a.network, ipv4: a.ipv4, aliases: a.aliases });
      return { ok: true, message: `Connected ${c} to ${n}.` };
    }
    case 'connectInteractive':
      await h.connectFlow({ container: a.container, network: a.network });
      return { ok: true, message: '' };
    case 'disconnect': {
      const { c, n } = names(snap, a.container, a.network);
      const done = await h.disconnectFlow({ container: a.container, network: a.network });
      return { ok: true, message: done ? `Disconnected ${c} from ${n}.` : '' };
    }
    case 'join':
      await h.joinFlow({ container: a.container });
      return { ok: true, message: '' };
    case 'explain':
      return { ok: true, message: '', explanation: await h.explain({ from: a.from, to: a.to }) };
    case 'inspect':
      await h.inspect({ kind: a.target, ref: a.id });
      return { ok: true, message: '' };
  }
}
