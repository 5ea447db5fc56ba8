import * as vscode from 'vscode';
import { TOPOLOGY_VIEW_ID } from '../constants';
import type { Snapshot } from '../shared/model';
import type { CommandContext } from './context';

/** Full re-read, with the view's own progress bar. Resolves to the new snapshot. */
export function refresh(ctx: CommandContext): Thenable<Snapshot> {
  return vscode.window.withProgress({ location: { viewId: TOPOLOGY_VIEW_ID } }, async () => {
    if (ctx.live().status.state !== 'connected') await ctx.live().retry();
    return ctx.controller().refresh();
  });
}
