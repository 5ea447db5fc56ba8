// docker network disconnect, confirmed when interactive.
import type { ContainerInfo, Endpoint } from '../shared/model';
import { invocation } from './args';
import type { CommandContext } from './context';
import { confirm, ensureMutable, withNotification } from './guard';
import { pick } from './ui/multiStep';
import { containerItems } from './ui/pickers';

export async function disconnectContainer(ctx: CommandContext, arg?: unknown): Promise<boolean> {
  ensureMutable('Disconnecting a container');
  const how = invocation(arg);
  if (how.scripted) {
    await ctx.mutations().disconnect(how.arg);
    return true;
  }
  const snap = await ctx.controller().refresh();
  const node = how.node;
  let container: ContainerInfo | undefined;
  let endpoint: Endpoint | undefined;
  if (node?.kind === 'member' || node?.kind === 'endpoint') {
    container = node.container;
    endpoint = node.endpoint;
  } else {
    if (node?.kind === 'container') container = node.container;
    if (!container) {
      const withNets = snap.containers.filter((c) => c.endpoints.some((e) => e.network !== 'host' && e.network !== 'none'));
      const v = await pick({ title: 'Disconnect Container', step: 1, totalSteps: 2, placeholder: 'Container', items: containerItems(withNets) });
      if (!v || typeof v === 'symbol') return false;
      container = v;
    }
    const eps = container.endpoints;
    const v = eps.length === 1 ? eps[0] : await pick({ title: 'Disconnect Container', step: 2, totalSteps: 2, placeholder: `Network to disconnect ${container.name} from`, items: eps.map((e) => ({ label: e.network, description: e.ipv4 ?? '', value: e })) });
    if (!v || typeof v === 'symbol') return false;
    endpoint = v;
  }
  const c = container;
  const ep = endpoint;
  const ok = await confirm(`Disconnect "${c.name}" from "${ep.network}"?`, `docker network disconnect ${ep.network} ${c.name}${ep.ipv4 ? `\nIt loses ${ep.ipv4} on that network.` : ''}`, 'Disconnect');
  if (!ok) return false;
  await withNotification(`Disconnecting ${c.name} from ${ep.network}…`, () => ctx.mutations().disconnect({ container: c.id, network: ep.networkId || ep.network }));
  ctx.log.info(`disconnected ${c.name} from ${ep.network}`);
  return true;
}
