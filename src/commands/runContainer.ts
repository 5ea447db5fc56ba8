// docker run --network <bridge|host|none|name> [-p], interactive: image, network, name, ports. A
// network item presets the network.
import { EquivalentCommand } from '../core/equivalentCommand';
import { commandLine, parsePublish } from '../core/fieldGuards';
import type { RunRequest } from '../core/requests';
import { announce } from './announce';
import { findNetwork } from '../core/validate';
import type { CommandContext } from './context';
import { withNotification } from './guard';
import type { FlowPreset } from './invocation';
import { input, pick, runSteps } from './ui/multiStep';
import { inputCommand, inputContainerName, localImageTags, pickImage } from './ui/pickers';

const TITLE = 'Run a Container';

/** Resolves to the new container's id, or undefined when cancelled. */
export async function runFlow(ctx: CommandContext, preset: FlowPreset): Promise<string | undefined> {
  const snap = await ctx.controller().refresh();
  const images = await localImageTags(ctx.controller().gateway);
  const presetNet = preset.network ? findNetwork(preset.network, snap) : undefined;
  const presetMode = presetNet && (presetNet.driver === 'null' ? 'none' : presetNet.name);
  const modes = [...snap.networks.map((n) => (n.driver === 'null' ? 'none' : n.name))];
  const state = { image: '', network: presetMode ?? '', name: '', publish: '', command: 'sleep 86400' };
  const done = await runSteps(state, [
    async (s) => {
      const v = await pickImage(TITLE, 1, 5, images);
      if (typeof v === 'string') s.image = v;
      return v;
    },
    async (s) => {
      if (presetMode) return presetMode;
      const v = await pick({
        title: TITLE,
        step: 2,
        totalSteps: 4,
        placeholder: 'Network (--network)',
        items: modes.map((m) => ({ label: m, value: m })),
      });
      if (typeof v === 'string') s.network = v;
      return v;
    },
    async (s) => {
      const v = await inputContainerName(TITLE, 3, 5, s.name, snap);
      if (typeof v === 'string') s.name = v.trim();
      return v;
    },
    async (s) => {
      if (s.network === 'host' || s.network === 'none') return '';
      const v = await input({
        title: TITLE,
        step: 4,
        totalSteps: 5,
        prompt: 'Publish ports, comma-separated, as in -p (optional)',
        placeholder: '8080:80, 127.0.0.1::53/udp',
        value: s.publish,
      });
      if (typeof v === 'string') s.publish = v;
      return v;
    },
    async (s) => {
      const v = await inputCommand(TITLE, 5, 5, s.command);
      if (typeof v === 'string') s.command = v;
      return v;
    },
  ]);
  if (!done) return undefined;
  const publish = done.publish
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map(parsePublish);
  const req: RunRequest = {
    image: done.image,
    network: done.network,
    name: done.name || undefined,
    publish,
    command: commandLine(done.command),
  };
  const id = await withNotification(`Running ${done.image} on ${done.network}…`, () => ctx.mutations().run(req));
  announce(ctx, `Started ${done.name || id.slice(0, 12)} from ${done.image} on ${done.network}.`, EquivalentCommand.run(req));
  return id;
}
