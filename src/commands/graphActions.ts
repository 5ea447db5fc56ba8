// The graph's actions, wired to the same flows and requests the command table runs.
import type { GraphActionHandlers } from '../webviewHost/actions';
import { connectFlow } from './connectContainer';
import type { CommandContext } from './context';
import { disconnectFlow } from './disconnectContainer';
import { explainRequest } from './explainReachability';
import { changesRefused } from './guard';
import { inspectTarget } from './inspect';
import { joinFlow } from './joinContainer';

export function graphActionHandlers(ctx: CommandContext): GraphActionHandlers {
  return {
    changesRefused,
    connect: (req) => ctx.mutations().connect(req),
    connectFlow: (preset) => connectFlow(ctx, preset),
    disconnectFlow: (preset) => disconnectFlow(ctx, preset),
    joinFlow: (preset) => joinFlow(ctx, preset),
    explain: (req) => explainRequest(ctx, req),
    inspect: async (req) => inspectTarget(ctx, req),
  };
}
