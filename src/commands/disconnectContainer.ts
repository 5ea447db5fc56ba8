// docker network disconnect, interactive and confirmed: container, then which of its networks.
// A member or endpoint item, or the graph, presets both.
import { ValidationError, findContainer } from '../core/validate';
import type { ContainerInfo, Endpoint } from '../shared/model';
import type { CommandContext } from './context';
import { confirm, withNotification } from './guard';
import type { FlowPreset } from './invocation';
import { pick } from './ui/multiStep';
import { containerItems } from './ui/pickers';
import { announce } from './announce';
import { EquivalentCommand } from '../core/equivalentCommand';

/** Resolves to true when disconnected, false when cancelled. */
export async function disconnectFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const snap = await ctx.controller().refresh();
  let container: ContainerInfo | undefined = preset.container ? findContainer(preset.container, snap) : undefined;
  const net = preset.network;
  let endpoint: Endpoint | undefined = net ? container?.endpoints.find((e) => e.networkId === net || e.network === net) : undefined;
  if (container && net && !endpoint) throw new ValidationError('network', `"${container.name}" is not connected to "${net}".`);
  if (!endpoint) {
    if (!container) {
      const withNets = snap.containers.filter((c) => c.endpoints.some((e) => e.network !== 'host' && e.network !== 'none'));
      const v = await pick({
        title: 'Disconnect Container',
        step: 1,
        totalSteps: 2,
        placeholder: 'Container',
        items: containerItems(withNets),
      });
      if (!v || typeof v === 'symbol') return false;
      container = v;
    }
    const eps = container.endpoints;
    const v =
      eps.length === 1
        ? eps[0]
        : await pick({
            title: 'Disconnect Container',
            step: 2,
            totalSteps: 2,
            placeholder: `Network to disconnect ${container.name} from`,
            items: eps.map((e) => ({ label: e.network, description: e.ipv4 ?? '', value: e })),
          });
    if (!v || typeof v === 'symbol') return false;
    endpoint = v;
  }
  const c = container;
  const ep = endpoint;
  if (!c) return false;
  const ok = await confirm(
    `Disconnect "${c.name}" from "${ep.network}"?`,
    `docker network disconnect ${ep.network} ${c.name}${ep.ipv4 ? `\nIt loses ${ep.ipv4} on that network.` : ''}`,
    'Disconnect',
  );
  if (!ok) return false;
  await withNotification(`Disconnecting ${c.name} from ${ep.network}…`, () =>
    ctx.mutations().disconnect({ container: c.id, network: ep.networkId || ep.network }),
  );
  announce(ctx, `Disconnected ${c.name} from ${ep.network}.`, EquivalentCommand.disconnect({ container: c.name, network: ep.network }));
  return true;
}
