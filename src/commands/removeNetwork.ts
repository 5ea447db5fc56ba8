// docker network rm, interactive, with a modal confirmation, and "disconnect, then remove" when in
// use. A network item presets the network.
import { containersOn, findNetwork } from '../core/validate';
import type { NetworkInfo } from '../shared/model';
import type { CommandContext } from './context';
import { withNotification } from './guard';
import type { FlowPreset } from './invocation';
import { pick } from './ui/multiStep';
import { networkItems } from './ui/pickers';
import * as vscode from 'vscode';
import { announce } from './announce';
import { EquivalentCommand } from '../core/equivalentCommand';

/** Resolves to true when removed, false when cancelled. */
export async function removeNetworkFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const snap = await ctx.controller().refresh();
  let net: NetworkInfo | undefined = preset.network ? findNetwork(preset.network, snap) : undefined;
  if (!net) {
    const v = await pick({
      title: 'Remove Docker Network',
      step: 1,
      totalSteps: 1,
      placeholder: 'Network to remove',
      items: networkItems(snap.networks.filter((n) => !n.builtin)),
    });
    if (!v || typeof v === 'symbol') return false;
    net = v;
  }
  const users = containersOn(net, snap);
  const remove = 'Remove';
  const both = 'Disconnect All and Remove';
  const detail = users.length
    ? `It is used by ${users.map((c) => c.name).join(', ')}. Docker refuses to remove a network in use.`
    : `docker network rm ${net.name}`;
  const answer = await vscode.window.showWarningMessage(
    `Remove network "${net.name}"?`,
    { modal: true, detail },
    ...(users.length ? [both] : [remove]),
  );
  if (!answer) return false;
  const target = net;
  await withNotification(`Removing network ${target.name}…`, () =>
    ctx.mutations().removeNetwork({ network: target.id, disconnectContainers: answer === both }),
  );
  const disconnected = answer === both ? ` after disconnecting ${users.map((c) => c.name).join(', ')}` : '';
  announce(ctx, `Removed network ${target.name}${disconnected}.`, EquivalentCommand.removeNetwork(target.name));
  return true;
}
