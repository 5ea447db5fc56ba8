// docker network create, interactive: name, driver, subnet, gateway, ip-range, flags, each checked
// as it is typed by the same validation the request gets.
import type { CreateNetworkRequest } from '../core/requests';
import { ValidationError, suggestSubnet, validateCreateNetwork } from '../core/validate';
import type { Snapshot } from '../shared/model';
import type { CommandContext } from './context';
import { withNotification } from './guard';
import { input, pick, pickMany, runSteps } from './ui/multiStep';
import { announce } from './announce';
import { EquivalentCommand } from '../core/equivalentCommand';

type Flag = 'internal' | 'attachable' | 'ipv6' | 'iccOff';
type State = CreateNetworkRequest & { flags: Flag[] };

const TITLE = 'Create Docker Network';
const STEPS = 6;

/** The message for `field` if the state so far (with `value` in `field`) is refused there. */
function messageFor(snap: Snapshot, state: State, field: keyof CreateNetworkRequest, value: string): string | undefined {
  try {
    validateCreateNetwork({ ...state, [field]: value }, snap);
  } catch (err) {
    if (err instanceof ValidationError && err.field === field) return err.message;
  }
  return undefined;
}

/** Resolves to the new network's id, or undefined when cancelled. */
export async function createNetworkFlow(ctx: CommandContext): Promise<string | undefined> {
  const snap = ctx.controller().snapshot ?? (await ctx.controller().refresh());
  const suggestion = suggestSubnet(snap);
  const state: State = { name: '', driver: 'bridge', subnet: '', gateway: '', ipRange: '', flags: [] };
  const drivers = ['bridge', 'macvlan', 'ipvlan', ...(snap.engine.swarmActive ? ['overlay'] : [])];
  const done = await runSteps(state, [
    async (s) => {
      const v = await input({
        title: TITLE,
        step: 1,
        totalSteps: STEPS,
        prompt: 'Network name',
        value: s.name,
        placeholder: 'my-net',
        validate: (x) => messageFor(snap, s, 'name', x),
      });
      if (typeof v === 'string') s.name = v;
      return v;
    },
    async (s) => {
      const v = await pick({
        title: TITLE,
        step: 2,
        totalSteps: STEPS,
        placeholder: 'Driver',
        items: drivers.map((d) => ({ label: d, value: d, picked: d === s.driver })),
      });
      if (typeof v === 'string') s.driver = v;
      return v;
    },
    async (s) => {
      const v = await input({
        title: TITLE,
        step: 3,
        totalSteps: STEPS,
        prompt: `Subnet (CIDR). Empty: Docker picks one (then no static IPs).${suggestion ? ` Free: ${suggestion.subnet}` : ''}`,
        value: s.subnet || suggestion?.subnet || '',
        placeholder: '172.20.0.0/16',
        validate: (x) => messageFor(snap, { ...s, gateway: '', ipRange: '' }, 'subnet', x),
      });
      if (typeof v === 'string') s.subnet = v.trim();
      return v;
    },
    async (s) => {
      if (!s.subnet) return '';
      const v = await input({
        title: TITLE,
        step: 4,
        totalSteps: STEPS,
        prompt: `Gateway inside ${s.subnet}. Empty: Docker uses the first address.`,
        value: s.gateway || (suggestion && s.subnet === suggestion.subnet ? suggestion.gateway : ''),
        validate: (x) => messageFor(snap, { ...s, ipRange: '' }, 'gateway', x),
      });
      if (typeof v === 'string') s.gateway = v.trim();
      return v;
    },
    async (s) => {
      if (!s.subnet) return '';
      const v = await input({
        title: TITLE,
        step: 5,
        totalSteps: STEPS,
        prompt: `IP range for dynamic addresses, inside ${s.subnet}. Empty: the whole subnet.`,
        value: s.ipRange,
        validate: (x) => messageFor(snap, s, 'ipRange', x),
      });
      if (typeof v === 'string') s.ipRange = v.trim();
      return v;
    },
    async (s) => {
      const flags: { label: string; detail: string; value: Flag }[] = [
        { label: 'internal', detail: 'No route out and no NAT: containers reach only each other.', value: 'internal' },
        // --attachable means something only to swarm-scoped overlay networks.
        ...(s.driver === 'overlay'
          ? [{ label: 'attachable', detail: 'Standalone containers may join this overlay.', value: 'attachable' as const }]
          : []),
        { label: 'ipv6', detail: 'Enable IPv6.', value: 'ipv6' },
        {
          label: 'icc off',
          detail: 'com.docker.network.bridge.enable_icc=false: containers on this bridge cannot talk to each other.',
          value: 'iccOff',
        },
      ];
      const v = await pickMany(
        { title: TITLE, step: 6, totalSteps: STEPS, placeholder: 'Options (space to toggle, Enter to create)', items: flags },
        (i) => s.flags.includes(i.value),
      );
      if (Array.isArray(v)) s.flags = v;
      return v;
    },
  ]);
  if (!done) return undefined;
  const req: CreateNetworkRequest = {
    name: done.name,
    driver: done.driver,
    subnet: done.subnet || undefined,
    gateway: done.gateway || undefined,
    ipRange: done.ipRange || undefined,
    internal: done.flags.includes('internal'),
    attachable: done.flags.includes('attachable'),
    ipv6: done.flags.includes('ipv6'),
    options: done.flags.includes('iccOff') ? { 'com.docker.network.bridge.enable_icc': 'false' } : undefined,
  };
  const id = await withNotification(`Creating network ${done.name}…`, () => ctx.mutations().createNetwork(req));
  announce(ctx, `Created network ${done.name} (${id.slice(0, 12)}).`, EquivalentCommand.createNetwork(req));
  return id;
}
