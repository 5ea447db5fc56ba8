// "Show Paths and Rules": a container's paths as a report (diagrams, every hop's rule and the
// command that shows it). The tree hover links here as "Show rules".
import { containerPath, type ContainerPath } from '../analysis/paths';
import type { ContainerRequest } from '../core/requests';
import { findContainer } from '../core/validate';
import { pathReportMarkdown } from '../report/pathReport';
import type { CommandContext } from './context';
import type { FlowPreset } from './invocation';
import { pick } from './ui/multiStep';
import { containerItems } from './ui/pickers';

export async function showPathRequest(ctx: CommandContext, req: ContainerRequest): Promise<ContainerPath> {
  const snap = await ctx.controller().refreshFirewall();
  const c = findContainer(req.container, snap);
  const p = containerPath(c, snap);
  await ctx.documents.showLive(`/paths of ${c.name}.md`, snap, (s) => {
    const now = s.containers.find((x) => x.id === c.id);
    return now ? pathReportMarkdown(containerPath(now, s)) : `# ${c.name} is gone\n\nIt no longer exists on this engine.\n`;
  });
  return p;
}

export async function showPathFlow(ctx: CommandContext, preset: FlowPreset): Promise<ContainerPath | undefined> {
  const snap = ctx.controller().snapshot;
  if (!snap) throw new Error('No snapshot yet: the engine has not been read.');
  let name = preset.container;
  if (!name) {
    const c = await pick({
      title: 'Show Paths and Rules',
      step: 1,
      totalSteps: 1,
      placeholder: 'Which container?',
      items: containerItems(snap.containers),
    });
    if (!c || typeof c === 'symbol') return undefined;
    name = c.name;
  }
  return showPathRequest(ctx, { container: name, force: false });
}
