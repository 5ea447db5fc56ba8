// docker network connect [--ip] [--alias], interactive: container, then network, then optional IP
// and aliases. A menu item or the graph presets the container, the network or both.
import type { ConnectRequest } from '../core/requests';
import { findContainer, findNetwork, validateAliases, validateStaticIp } from '../core/validate';
import type { ContainerInfo, NetworkInfo } from '../shared/model';
import type { CommandContext } from './context';
import { withNotification } from './guard';
import type { FlowPreset } from './invocation';
import { input, messageOf, pick, runSteps } from './ui/multiStep';
import { containerItems, networkItems } from './ui/pickers';
import { announce } from './announce';
import { EquivalentCommand } from '../core/equivalentCommand';

const TITLE = 'Connect Container to Network';

interface State {
  container?: ContainerInfo;
  network?: NetworkInfo;
  ipv4: string;
  aliases: string;
}

/** Resolves to true when connected, false when cancelled. */
export async function connectFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const snap = await ctx.controller().refresh();
  const state: State = { ipv4: '', aliases: '' };
  if (preset.container) state.container = findContainer(preset.container, snap);
  const presetNet = preset.network ? findNetwork(preset.network, snap) : undefined;
  // A network the container is already on (a member item) is not a connect target.
  if (presetNet && !state.container?.endpoints.some((e) => e.networkId === presetNet.id)) state.network = presetNet;
  const fixedContainer = state.container !== undefined;
  const fixedNetwork = state.network !== undefined;
  const connectable = snap.containers.filter((c) => c.networkModeKind === 'bridge' || c.networkModeKind === 'network');
  const done = await runSteps(state, [
    async (s) => {
      if (fixedContainer && s.container) return s.container;
      const v = await pick({ title: TITLE, step: 1, totalSteps: 4, placeholder: 'Container', items: containerItems(connectable) });
      if (v && typeof v !== 'symbol') s.container = v;
      return v;
    },
    async (s) => {
      if (fixedNetwork && s.network) return s.network;
      const attached = new Set(s.container?.endpoints.map((e) => e.networkId));
      const nets = snap.networks.filter((n) => n.driver !== 'host' && n.driver !== 'null' && !attached.has(n.id));
      const v = await pick({
        title: TITLE,
        step: 2,
        totalSteps: 4,
        placeholder: `Network for ${s.container?.name ?? ''}`,
        items: networkItems(nets),
      });
      if (v && typeof v !== 'symbol') s.network = v;
      return v;
    },
    async (s) => {
      const net = s.network;
      if (!net) return undefined;
      const v = await input({
        title: TITLE,
        step: 3,
        totalSteps: 4,
        prompt: `Static IPv4 on ${net.name} (optional)`,
        value: s.ipv4,
        placeholder: net.subnets.map((x) => x.subnet).join(', '),
        validate: (x) => (x.trim() ? messageOf(() => validateStaticIp(x.trim(), net, snap, s.container)) : undefined),
      });
      if (typeof v === 'string') s.ipv4 = v.trim();
      return v;
    },
    async (s) => {
      const net = s.network;
      if (!net) return undefined;
      const v = await input({
        title: TITLE,
        step: 4,
        totalSteps: 4,
        prompt: 'Aliases, comma-separated (optional)',
        value: s.aliases,
        validate: (x) =>
          messageOf(() =>
            validateAliases(
              x
                .split(',')
                .map((a) => a.trim())
                .filter(Boolean),
              net,
            ),
          ),
      });
      if (typeof v === 'string') s.aliases = v;
      return v;
    },
  ]);
  if (!done?.container || !done.network) return false;
  const req: ConnectRequest = {
    container: done.container.id,
    network: done.network.id,
    ipv4: done.ipv4 || undefined,
    aliases: done.aliases
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
  };
  const label = `${done.container.name} → ${done.network.name}`;
  await withNotification(`Connecting ${label}…`, () => ctx.mutations().connect(req));
  announce(ctx, `Connected ${label}.`, EquivalentCommand.connect({ ...req, container: done.container.name, network: done.network.name }));
  return true;
}
