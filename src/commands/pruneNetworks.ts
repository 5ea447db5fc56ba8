// docker network prune: the confirmation lists what would go.
import { invocation } from './args';
import type { CommandContext } from './context';
import { confirm, ensureMutable, withNotification } from './guard';
import * as vscode from 'vscode';

export async function pruneNetworks(ctx: CommandContext, arg?: unknown): Promise<string[]> {
  ensureMutable('Pruning networks');
  const how = invocation(arg);
  if (how.scripted) return ctx.mutations().pruneNetworks(how.arg);
  const candidates = await ctx.mutations().pruneCandidates();
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('No unused networks to prune.');
    return [];
  }
  const names = candidates.map((n) => n.name);
  if (!(await confirm(`Prune ${names.length} unused network(s)?`, `docker network prune would remove: ${names.join(', ')}`, 'Prune'))) return [];
  const removed = await withNotification('Pruning networks…', () => ctx.mutations().pruneNetworks({}));
  ctx.log.info(`pruned: ${removed.join(', ') || 'nothing'}`);
  void vscode.window.showInformationMessage(removed.length ? `Removed ${removed.join(', ')}.` : 'Docker removed nothing.');
  return removed;
}
