// docker run --network container:<target>, interactive: a new container in another's netns. A
// container item or the graph presets the target.
import * as vscode from 'vscode';
import type { JoinResult } from '../core/mutations';
import { findContainer } from '../core/validate';
import type { ContainerInfo } from '../shared/model';
import type { CommandContext } from './context';
import { withNotification } from './guard';
import type { FlowPreset } from './invocation';
import { pick, runSteps } from './ui/multiStep';
import { containerItems, inputContainerName, localImageTags, pickImage } from './ui/pickers';

const TITLE = "Join a Container's Network Namespace";

/** Resolves to the new container's id, or undefined when cancelled. */
export async function joinFlow(ctx: CommandContext, preset: FlowPreset): Promise<string | undefined> {
  const snap = await ctx.controller().refresh();
  const images = await localImageTags(ctx.controller().gateway);
  const state: { target?: ContainerInfo; image: string; name: string } = { image: '', name: '' };
  if (preset.container) state.target = findContainer(preset.container, snap, 'target');
  const fixedTarget = state.target !== undefined;
  const done = await runSteps(state, [
    async (s) => {
      if (fixedTarget && s.target) return s.target;
      const running = snap.containers.filter((c) => c.state === 'running' && c.networkModeKind !== 'host');
      const v = await pick({
        title: TITLE,
        step: 1,
        totalSteps: 3,
        placeholder: 'Container whose netns to join',
        items: containerItems(running),
      });
      if (v && typeof v !== 'symbol') s.target = v;
      return v;
    },
    async (s) => {
      const v = await pickImage(TITLE, 2, 3, images);
      if (typeof v === 'string') s.image = v;
      return v;
    },
    async (s) => {
      const v = await inputContainerName(TITLE, 3, 3, s.name, snap);
      if (typeof v === 'string') s.name = v.trim();
      return v;
    },
  ]);
  if (!done?.target) return undefined;
  const target = done.target;
  const res = await withNotification(`Starting a container in ${target.name}'s netns…`, () =>
    ctx.mutations().join({ target: target.id, image: done.image, name: done.name || undefined, command: ['sleep', '86400'] }),
  );
  return reportJoin(ctx, res);
}

/** Logs the join, and says so when the owner was joined instead of the target. */
export function reportJoin(ctx: CommandContext, res: JoinResult): string {
  ctx.log.info(`joined ${res.joined}'s netns: ${res.id.slice(0, 12)}${res.note ? ` (${res.note})` : ''}`);
  if (res.note) void vscode.window.showInformationMessage(res.note);
  return res.id;
}
