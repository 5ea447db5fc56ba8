// The command table: id -> entry, registered once from services.ts. The table alone decides how a
// command was called (invocation.ts): from a menu or the palette it runs the interactive flow with
// the item's preset and shows any error; with an argument object it parses the request at this
// edge, runs it, and rejects with the message. Mutating entries pass the one guard first.
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, type CommandId } from '../constants';
import { toggleShowBuiltinNetworks } from '../config';
import {
  parseCompareDumpsRequest,
  parseConnectRequest,
  parseContainerRequest,
  parseCreateNetworkRequest,
  parseDisconnectRequest,
  parseExplainRequest,
  parseInspectRequest,
  parseJoinRequest,
  parsePruneRequest,
  parseRemoveNetworkRequest,
  parseRunRequest,
  parseAttachRequest,
  parseDetachRequest,
  parseLinkRequest,
  parseUnlinkRequest,
} from '../core/parseRequests';
import { attachFlow, detachFlow } from './attachBridge';
import { linkFlow, unlinkFlow } from './linkContainers';
import { auditHost } from './auditHost';
import { compareDumps, compareDumpsFlow } from './compareFirewallDumps';
import { connectFlow } from './connectContainer';
import { containerRequest, removeContainerFlow, startContainerFlow, stopContainerFlow } from './containerLifecycle';
import type { CommandContext } from './context';
import { createNetworkFlow } from './createNetwork';
import { disconnectFlow } from './disconnectContainer';
import { explainFlow, explainRequest } from './explainReachability';
import { ensureMutable } from './guard';
import { inspectFlow, inspectTarget } from './inspect';
import { invocationOf, type FlowPreset, type Invocation } from './invocation';
import { joinFlow, reportJoin } from './joinContainer';
import { pruneFlow } from './pruneNetworks';
import { refresh } from './refresh';
import { removeNetworkFlow } from './removeNetwork';
import { labFlow, parseLabArg, runLab } from './labs';
import { runFlow } from './runContainer';
import { showPathFlow, showPathRequest } from './showPath';

export interface CommandEntry {
  /** Set for commands that change the engine: the action named in the guard's refusal. */
  readonly mutates?: string;
  /** Menu item, palette, or the graph: pickers and inputs, with the preset filled in. */
  interactive(ctx: CommandContext, preset: FlowPreset): unknown;
  /** An argument object from a script: parsed into a request here, then run. Absent: ignored. */
  scripted?(ctx: CommandContext, arg: unknown): unknown;
}

/** The graph's commands are registered by src/webviewHost, with its panel. */
type TableId = Exclude<CommandId, typeof Commands.showGraph | typeof Commands.revealInGraph>;

export const commandTable: Record<TableId, CommandEntry> = {
  [Commands.refresh]: { interactive: (ctx) => refresh(ctx) },
  [Commands.retry]: { interactive: (ctx) => ctx.live().retry() },
  [Commands.inspect]: {
    interactive: inspectFlow,
    scripted: (ctx, arg) => inspectTarget(ctx, parseInspectRequest(arg)),
  },
  [Commands.createNetwork]: {
    mutates: 'Creating a network',
    interactive: (ctx) => createNetworkFlow(ctx),
    scripted: (ctx, arg) => ctx.mutations().createNetwork(parseCreateNetworkRequest(arg)),
  },
  [Commands.removeNetwork]: {
    mutates: 'Removing a network',
    interactive: removeNetworkFlow,
    scripted: async (ctx, arg) => {
      await ctx.mutations().removeNetwork(parseRemoveNetworkRequest(arg));
      return true;
    },
  },
  [Commands.pruneNetworks]: {
    mutates: 'Pruning networks',
    interactive: (ctx) => pruneFlow(ctx),
    scripted: (ctx, arg) => ctx.mutations().pruneNetworks(parsePruneRequest(arg)),
  },
  [Commands.connectContainer]: {
    mutates: 'Connecting a container',
    interactive: connectFlow,
    scripted: (ctx, arg) => ctx.mutations().connect(parseConnectRequest(arg)),
  },
  [Commands.disconnectContainer]: {
    mutates: 'Disconnecting a container',
    interactive: disconnectFlow,
    scripted: async (ctx, arg) => {
      await ctx.mutations().disconnect(parseDisconnectRequest(arg));
      return true;
    },
  },
  [Commands.joinContainer]: {
    mutates: 'Joining a container',
    interactive: joinFlow,
    scripted: async (ctx, arg) => {
      const req = parseJoinRequest(arg);
      return reportJoin(ctx, await ctx.mutations().join(req), req, false);
    },
  },
  [Commands.runContainer]: {
    mutates: 'Running a container',
    interactive: runFlow,
    scripted: (ctx, arg) => ctx.mutations().run(parseRunRequest(arg)),
  },
  [Commands.removeContainer]: {
    mutates: 'Removing a container',
    interactive: removeContainerFlow,
    scripted: (ctx, arg) => containerRequest(ctx, 'remove', parseContainerRequest(arg, 'removeContainer')),
  },
  [Commands.startContainer]: {
    mutates: 'Starting a container',
    interactive: startContainerFlow,
    scripted: (ctx, arg) => containerRequest(ctx, 'start', parseContainerRequest(arg, 'startContainer')),
  },
  [Commands.stopContainer]: {
    mutates: 'Stopping a container',
    interactive: stopContainerFlow,
    scripted: (ctx, arg) => containerRequest(ctx, 'stop', parseContainerRequest(arg, 'stopContainer')),
  },
  [Commands.linkContainers]: {
    mutates: 'Linking containers',
    interactive: linkFlow,
    scripted: (ctx, arg) => ctx.mutations().createLink(parseLinkRequest(arg)),
  },
  [Commands.removeLink]: {
    mutates: 'Removing a link',
    interactive: unlinkFlow,
    scripted: (ctx, arg) => ctx.mutations().removeLink(parseUnlinkRequest(arg)),
  },
  [Commands.attachToBridge]: {
    mutates: 'Attaching a container to a bridge',
    interactive: attachFlow,
    scripted: (ctx, arg) => ctx.mutations().attach(parseAttachRequest(arg)),
  },
  [Commands.detachFromBridge]: {
    mutates: 'Detaching a container from a bridge',
    interactive: detachFlow,
    scripted: (ctx, arg) => ctx.mutations().detach(parseDetachRequest(arg)),
  },
  [Commands.explainReachability]: {
    interactive: explainFlow,
    scripted: (ctx, arg) => explainRequest(ctx, parseExplainRequest(arg)),
  },
  [Commands.showPath]: {
    interactive: showPathFlow,
    scripted: (ctx, arg) => showPathRequest(ctx, parseContainerRequest(arg, 'showPath')),
  },
  [Commands.labUp]: {
    mutates: 'Starting a lab',
    interactive: (ctx, preset) => labFlow(ctx, 'up', preset),
    scripted: (ctx, arg) => runLab(ctx, 'up', parseLabArg(arg), false),
  },
  [Commands.labCheck]: {
    interactive: (ctx, preset) => labFlow(ctx, 'check', preset),
    scripted: (ctx, arg) => runLab(ctx, 'check', parseLabArg(arg), false),
  },
  [Commands.labDown]: {
    mutates: 'Removing a lab',
    interactive: (ctx, preset) => labFlow(ctx, 'down', preset),
    scripted: (ctx, arg) => runLab(ctx, 'down', parseLabArg(arg), false),
  },
  [Commands.auditHost]: { interactive: (ctx) => auditHost(ctx) },
  [Commands.compareFirewallDumps]: {
    interactive: (ctx) => compareDumpsFlow(ctx),
    scripted: (ctx, arg) => compareDumps(ctx, parseCompareDumpsRequest(arg)),
  },
  [Commands.openSettings]: { interactive: () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${EXTENSION_ID}`) },
  [Commands.showLog]: { interactive: (ctx) => ctx.log.show() },
  [Commands.toggleBuiltin]: { interactive: () => toggleShowBuiltinNetworks() },
};

/** Runs one call of an entry: the guard, then the flow or the parsed request. */
export function runEntry(ctx: CommandContext, entry: CommandEntry, how: Invocation): unknown {
  if (entry.mutates) ensureMutable(entry.mutates);
  if (how.kind === 'interactive') return entry.interactive(ctx, how.preset);
  return entry.scripted ? entry.scripted(ctx, how.arg) : entry.interactive(ctx, {});
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(commandTable).map(([id, entry]) =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      const how = invocationOf(arg, (a) => ctx.tree.owns(a));
      try {
        return await runEntry(ctx, entry, how);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        ctx.log.error(`${id}: ${message}`);
        // Scripted (scripts, tests): reject with the message. Interactive: show it ourselves; a
        // rethrow would add VS Code's own "command failed" notification on top.
        if (how.kind === 'scripted') throw err instanceof Error ? err : new Error(message);
        void vscode.window.showErrorMessage(message, 'Show Log').then((a) => a && ctx.log.show());
        return undefined;
      }
    }),
  );
}
