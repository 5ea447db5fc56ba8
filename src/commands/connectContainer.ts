// docker network connect [--ip] [--alias]: container, then network, then optional IP and aliases.
import { ValidationError, findNetwork, validateAliases, validateStaticIp } from '../core/validate';
import type { ContainerInfo, NetworkInfo } from '../shared/model';
import { invocation } from './args';
import type { CommandContext } from './context';
import { ensureMutable, withNotification } from './guard';
import { input, pick, runSteps } from './ui/multiStep';
import { containerItems, networkItems } from './ui/pickers';

const TITLE = 'Connect Container to Network';

interface State {
  container?: ContainerInfo;
  network?: NetworkInfo;
  ipv4: string;
  aliases: string;
}

const messageOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof ValidationError ? err.message : String(err);
  }
};

export async function connectContainer(ctx: CommandContext, arg?: unknown): Promise<void> {
  ensureMutable('Connecting a container');
  const how = invocation(arg);
  if (how.scripted) return ctx.mutations().connect(how.arg);
  const snap = await ctx.controller().refresh();
  const node = how.node;
  const state: State = { ipv4: '', aliases: '' };
  if (node?.kind === 'container' || node?.kind === 'member') state.container = node.container;
  if (node?.kind === 'network') state.network = findNetwork(node.network.id, snap);
  const connectable = snap.containers.filter((c) => c.networkModeKind === 'bridge' || c.networkModeKind === 'network');
  const done = await runSteps(state, [
    async (s) => {
      if (node && s.container && (node.kind === 'container' || node.kind === 'member')) return s.container;
      const v = await pick({ title: TITLE, step: 1, totalSteps: 4, placeholder: 'Container', items: containerItems(connectable) });
      if (v && typeof v !== 'symbol') s.container = v;
      return v;
    },
    async (s) => {
      if (node?.kind === 'network' && s.network) return s.network;
      const attached = new Set(s.container?.endpoints.map((e) => e.networkId));
      const nets = snap.networks.filter((n) => n.driver !== 'host' && n.driver !== 'null' && !attached.has(n.id));
      const v = await pick({ title: TITLE, step: 2, totalSteps: 4, placeholder: `Network for ${s.container?.name ?? ''}`, items: networkItems(nets) });
      if (v && typeof v !== 'symbol') s.network = v;
      return v;
    },
    async (s) => {
      const net = s.network;
      if (!net) return undefined;
      const v = await input({
        title: TITLE, step: 3, totalSteps: 4, prompt: `Static IPv4 on ${net.name} (optional)`, value: s.ipv4,
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
        title: TITLE, step: 4, totalSteps: 4, prompt: 'Aliases, comma-separated (optional)', value: s.aliases,
        validate: (x) => messageOf(() => validateAliases(x.split(',').map((a) => a.trim()).filter(Boolean), net)),
      });
      if (typeof v === 'string') s.aliases = v;
      return v;
    },
  ]);
  if (!done?.container || !done.network) return;
  const args = {
    container: done.container.id,
    network: done.network.id,
    ipv4: done.ipv4 || undefined,
    aliases: done.aliases.split(',').map((a) => a.trim()).filter(Boolean),
  };
  const label = `${done.container.name} → ${done.network.name}`;
  await withNotification(`Connecting ${label}…`, () => ctx.mutations().connect(args));
  ctx.log.info(`connected ${label}`);
}
