// The command table: id -> handler. Registered once from services.ts.
import * as vscode from 'vscode';
import { CONFIG_SECTION, Commands } from '../constants';
import type { CommandContext } from './context';
import { isTreeNode } from './args';
import { auditHost } from './auditHost';
import { compareFirewallDumps } from './compareFirewallDumps';
import { connectContainer } from './connectContainer';
import { createNetwork } from './createNetwork';
import { disconnectContainer } from './disconnectContainer';
import { explainReachability } from './explainReachability';
import { inspect } from './inspect';
import { joinContainer } from './joinContainer';
import { pruneNetworks } from './pruneNetworks';
import { refresh } from './refresh';
import { removeNetwork } from './removeNetwork';
import { runContainer } from './runContainer';

type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;

const table: Record<string, Handler> = {
  [Commands.refresh]: (ctx) => refresh(ctx),
  [Commands.retry]: (ctx) => ctx.live().retry(),
  [Commands.inspect]: (ctx, arg) => inspect(ctx, arg as Parameters<typeof inspect>[1]),
  [Commands.createNetwork]: (ctx, arg) => createNetwork(ctx, arg),
  [Commands.removeNetwork]: (ctx, arg) => removeNetwork(ctx, arg),
  [Commands.pruneNetworks]: (ctx, arg) => pruneNetworks(ctx, arg),
  [Commands.connectContainer]: (ctx, arg) => connectContainer(ctx, arg),
  [Commands.disconnectContainer]: (ctx, arg) => disconnectContainer(ctx, arg),
  [Commands.joinContainer]: (ctx, arg) => joinContainer(ctx, arg),
  [Commands.runContainer]: (ctx, arg) => runContainer(ctx, arg),
  [Commands.explainReachability]: (ctx, arg) => explainReachability(ctx, arg),
  [Commands.auditHost]: (ctx) => auditHost(ctx),
  [Commands.compareFirewallDumps]: (ctx, arg) => compareFirewallDumps(ctx, arg),
  [Commands.openSettings]: () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:docker-network-explorer.docker-network-explorer`),
  [Commands.showLog]: (ctx) => ctx.log.show(),
  [Commands.toggleBuiltin]: async () => {
    const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
    await c.update('showBuiltinNetworks', !c.get<boolean>('showBuiltinNetworks', true), vscode.ConfigurationTarget.Global);
  },
};

/** A tree node comes from a menu click; any other argument object comes from a script. */
function isScripted(args: unknown[]): boolean {
  return typeof args[0] === 'object' && args[0] !== null && !isTreeNode(args[0]);
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(ctx, ...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        ctx.log.error(`${id}: ${message}`);
        // Called with an argument object (scripts, tests): reject with the message. Interactive: show
        // it ourselves; a rethrow would add VS Code's own "command failed" notification on top.
        if (isScripted(args)) throw err instanceof Error ? err : new Error(message);
        void vscode.window.showErrorMessage(message, 'Show Log').then((a) => a && ctx.log.show());
        return undefined;
      }
    }),
  );
}
