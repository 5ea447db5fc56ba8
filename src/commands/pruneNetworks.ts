// docker network prune, interactive: the confirmation lists what would go.
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { confirm, withNotification } from './guard';
import { announce } from './announce';
import { EquivalentCommand } from '../core/equivalentCommand';

/** Resolves to the names removed; none when cancelled. */
export async function pruneFlow(ctx: CommandContext): Promise<string[]> {
  const candidates = await ctx.mutations().pruneCandidates();
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('No unused networks to prune.');
    return [];
  }
  const names = candidates.map((n) => n.name);
  if (!(await confirm(`Prune ${names.length} unused network(s)?`, `docker network prune would remove: ${names.join(', ')}`, 'Prune')))
    return [];
  const removed = await withNotification('Pruning networks…', () => ctx.mutations().pruneNetworks({}));
  announce(ctx, removed.length ? `Pruned ${removed.join(', ')}.` : 'Docker pruned nothing.', EquivalentCommand.pruneNetworks({}));
  return removed;
}
