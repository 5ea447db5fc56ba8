// docker rm / start / stop, interactive: a container item presets the container; otherwise a pick
// among the ones the action applies to. Remove confirms, and says when it stops a running one.
import * as vscode from 'vscode';
import { EquivalentCommand } from '../core/equivalentCommand';
import type { ContainerRequest } from '../core/requests';
import { findContainer } from '../core/validate';
import type { ContainerInfo, Snapshot } from '../shared/model';
import { announce } from './announce';
import type { CommandContext } from './context';
import { withNotification } from './guard';
import type { FlowPreset } from './invocation';
import { pick } from './ui/multiStep';
import { containerItems } from './ui/pickers';

type Action = 'remove' | 'start' | 'stop';

const TITLES: Record<Action, string> = { remove: 'Remove Container', start: 'Start Container', stop: 'Stop Container' };

const applies = (action: Action, c: ContainerInfo): boolean =>
  action === 'remove' ? true : action === 'start' ? c.state !== 'running' : ['running', 'paused', 'restarting'].includes(c.state);

async function chosen(ctx: CommandContext, action: Action, preset: FlowPreset): Promise<{ snap: Snapshot; c: ContainerInfo } | undefined> {
  const snap = await ctx.controller().refresh();
  if (preset.container) return { snap, c: findContainer(preset.container, snap) };
  const candidates = snap.containers.filter((c) => applies(action, c));
  if (candidates.length === 0) throw new Error(`No container to ${action}.`);
  const v = await pick({ title: TITLES[action], step: 1, totalSteps: 1, placeholder: 'Container', items: containerItems(candidates) });
  return v && typeof v !== 'symbol' ? { snap, c: v } : undefined;
}

/** Resolves to true when removed, false when cancelled. */
export async function removeContainerFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const got = await chosen(ctx, 'remove', preset);
  if (!got) return false;
  const { snap, c } = got;
  const force = c.state === 'running';
  const argv = EquivalentCommand.removeContainer(c.name, force);
  const sharers = snap.containers.filter((x) => x.netnsOwnerId === c.id).map((x) => x.name);
  const detail = [
    argv.join(' '),
    force ? 'It is running: Docker stops it first.' : '',
    sharers.length ? `${sharers.join(', ')} share its network namespace and lose their network.` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const answer = await vscode.window.showWarningMessage(`Remove container "${c.name}"?`, { modal: true, detail }, 'Remove');
  if (answer !== 'Remove') return false;
  await withNotification(`Removing ${c.name}…`, () => ctx.mutations().removeContainer({ container: c.id, force }));
  announce(ctx, `Removed container ${c.name}.`, argv);
  return true;
}

export async function startContainerFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const got = await chosen(ctx, 'start', preset);
  if (!got) return false;
  await withNotification(`Starting ${got.c.name}…`, () => ctx.mutations().startContainer({ container: got.c.id }));
  announce(ctx, `Started ${got.c.name}.`, EquivalentCommand.startContainer(got.c.name));
  return true;
}

export async function stopContainerFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const got = await chosen(ctx, 'stop', preset);
  if (!got) return false;
  await withNotification(`Stopping ${got.c.name}…`, () => ctx.mutations().stopContainer({ container: got.c.id }));
  announce(ctx, `Stopped ${got.c.name}.`, EquivalentCommand.stopContainer(got.c.name));
  return true;
}

/** A script's call: the request as parsed, logged with its docker command (no notification). */
export async function containerRequest(ctx: CommandContext, action: Action, req: ContainerRequest): Promise<string> {
  const m = ctx.mutations();
  const c =
    action === 'remove' ? await m.removeContainer(req) : action === 'start' ? await m.startContainer(req) : await m.stopContainer(req);
  const argv =
    action === 'remove'
      ? EquivalentCommand.removeContainer(c.name, req.force ?? false)
      : action === 'start'
        ? EquivalentCommand.startContainer(c.name)
        : EquivalentCommand.stopContainer(c.name);
  announce(ctx, `${action === 'remove' ? 'Removed' : action === 'start' ? 'Started' : 'Stopped'} container ${c.name}.`, argv, false);
  return c.id;
}
