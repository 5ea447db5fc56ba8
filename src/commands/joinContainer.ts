// docker run --network container:<target>, interactive: a new container in another's netns. A
// container item or the graph presets the target.
import * as vscode from 'vscode';
import type { JoinResult } from '../core/mutations';
import { EquivalentCommand } from '../core/equivalentCommand';
import { commandLine } from '../core/fieldGuards';
import type { JoinRequest } from '../core/requests';
import { findContainer } from '../core/validate';
import { announce } from './announce';
import type { ContainerInfo } from '../shared/model';
import type { CommandContext } from './context';
import { withNotification } from './guard';
import type { FlowPreset } from './invocation';
import { pick, runSteps } from './ui/multiStep';
import { containerItems, inputCommand, inputContainerName, localImageTags, pickImage } from './ui/pickers';

const TITLE = "Join a Container's Network Namespace";

/** Resolves to the new container's id, or undefined when cancelled. */
export async function joinFlow(ctx: CommandContext, preset: FlowPreset): Promise<string | undefined> {
  const snap = await ctx.controller().refresh();
  const images = await localImageTags(ctx.controller().gateway);
  const state: { target?: ContainerInfo; image: string; name: string; command: string } = { image: '', name: '', command: 'sleep 86400' };
  if (preset.container) state.target = findContainer(preset.container, snap, 'target');
  const fixedTarget = state.target !== undefined;
  const done = await runSteps(state, [
    async (s) => {
      if (fixedTarget && s.target) return s.target;
      const running = snap.containers.filter((c) => c.state === 'running' && c.networkModeKind !== 'host');
      const v = await pick({
        title: TITLE,
        step: 1,
        totalSteps: 4,
        placeholder: 'Container whose netns to join',
        items: containerItems(running),
      });
      if (v && typeof v !== 'symbol') s.target = v;
      return v;
    },
    async (s) => {
      const v = await pickImage(TITLE, 2, 4, images);
      if (typeof v === 'string') s.image = v;
      return v;
    },
    async (s) => {
      const v = await inputContainerName(TITLE, 3, 4, s.name, snap);
      if (typeof v === 'string') s.name = v.trim();
      return v;
    },
    async (s) => {
      const v = await inputCommand(TITLE, 4, 4, s.command);
      if (typeof v === 'string') s.command = v;
      return v;
    },
  ]);
  if (!done?.target) return undefined;
  const target = done.target;
  const req: JoinRequest = { target: target.id, image: done.image, name: done.name || undefined, command: commandLine(done.command) };
  const res = await withNotification(`Starting a container in ${target.name}'s netns…`, () => ctx.mutations().join(req));
  return reportJoin(ctx, res, req, true);
}

/** Says the join is done with its docker command, and when the owner was joined instead of the target. */
export function reportJoin(ctx: CommandContext, res: JoinResult, req: JoinRequest, interactive: boolean): string {
  const argv = EquivalentCommand.join({ ...req, target: res.joined });
  announce(ctx, `Started ${req.name ?? res.id.slice(0, 12)} in ${res.joined}'s netns.${res.note ? ` ${res.note}` : ''}`, argv, interactive);
  if (res.note && !interactive) void vscode.window.showInformationMessage(res.note);
  return res.id;
}
