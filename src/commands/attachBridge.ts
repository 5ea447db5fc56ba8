// Attach to Bridge… (veth) and Detach from Bridge: tutorial 003's `--net=none` + a veth into
// docker0 (or a network's br-…), through the core API (ctx.mutations().attach / detach).
import { attachAddress, attachmentsOf, bridgeNetwork } from '../core/linkValidate';
import { findContainer } from '../core/validate';
import type { NetworkInfo } from '../shared/model';
import { announceLines } from './announce';
import type { CommandContext } from './context';
import { confirm, withNotification } from './guard';
import type { FlowPreset } from './invocation';
import { linkable } from './linkContainers';
import { input, messageOf, pick } from './ui/multiStep';
import { containerItems } from './ui/pickers';

export async function attachFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const title = 'Attach to Bridge (veth)';
  const snap = await ctx.controller().refresh();
  const picked = preset.container
    ? findContainer(preset.container, snap)
    : await pick({
        title,
        step: 1,
        totalSteps: 4,
        placeholder: 'Container (typically --network none)',
        items: containerItems(linkable(snap)),
      });
  if (!picked || typeof picked === 'symbol') return false;
  const c = picked;
  const bridges = snap.networks.filter((n) => n.driver === 'bridge' && n.bridge && !c.endpoints.some((e) => e.networkId === n.id));
  const net: NetworkInfo | undefined | symbol = preset.network
    ? bridgeNetwork(preset.network, snap)
    : await pick({
        title,
        step: 2,
        totalSteps: 4,
        placeholder: 'Bridge',
        items: bridges.map((n) => ({
          label: n.bridge ?? '?',
          description: `${n.name} · ${n.subnets.map((s) => s.subnet).join(', ')}`,
          value: n,
        })),
      });
  if (!net || typeof net === 'symbol') return false;
  const address = await input({
    title,
    step: 3,
    totalSteps: 4,
    prompt: `Address of ${c.name} on ${net.bridge ?? '?'} (${net.subnets.map((s) => s.subnet).join(', ')}): outside the network's --ip-range, so Docker never hands it out`,
    placeholder: 'e.g. 172.17.0.200',
    validate: (v) => messageOf(() => attachAddress(snap, net, v)),
  });
  if (address === undefined || typeof address === 'symbol') return false;
  const gateway = await input({
    title,
    step: 4,
    totalSteps: 4,
    prompt: "Gateway (the default route; empty: the bridge's own address)",
    value: attachAddress(snap, net, address).gateway,
    validate: (v) => messageOf(() => attachAddress(snap, net, address, v)),
  });
  if (gateway === undefined || typeof gateway === 'symbol') return false;
  const r = await withNotification(`Attaching ${c.name} to ${net.bridge ?? '?'}…`, () =>
    ctx.mutations().attach({ container: c.id, bridge: net.id, address, gateway }),
  );
  announceLines(
    ctx,
    `Attached ${c.name} to ${r.bridge ?? '?'} (${r.network ?? '?'}) as ${r.interfaces[0]?.address ?? '?'}.${r.note ? ` ${r.note}` : ''}`,
    r.commands,
  );
  return true;
}

export async function detachFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const title = 'Detach from Bridge';
  const snap = await ctx.controller().refresh();
  const attached = snap.containers.filter((x) => attachmentsOf(x).length);
  const picked = preset.container
    ? findContainer(preset.container, snap)
    : await pick({ title, step: 1, totalSteps: 2, placeholder: 'Container attached by hand', items: containerItems(attached) });
  if (!picked || typeof picked === 'symbol') return false;
  const c = picked;
  const list = attachmentsOf(c);
  const end =
    list.length <= 1
      ? list[0]
      : await pick({
          title,
          step: 2,
          totalSteps: 2,
          placeholder: 'Bridge',
          items: list.map((m) => ({ label: m.bridge ?? '?', description: m.addresses.join(', '), value: m })),
        });
  if (!end || typeof end === 'symbol') throw new Error(`"${c.name}" is not attached to any bridge by hand.`);
  if (
    !(await confirm(
      `Detach "${c.name}" from ${end.bridge ?? '?'}?`,
      `ip link del ${end.name} in ${c.name}'s netns removes the veth pair and ${end.addresses.join(', ')}.`,
      'Detach',
    ))
  )
    return false;
  const r = await withNotification(`Detaching ${c.name}…`, () =>
    ctx.mutations().detach({ container: c.id, bridge: end.bridge ?? undefined }),
  );
  announceLines(ctx, `Detached ${c.name} from ${r.bridge ?? '?'}.`, r.commands);
  return true;
}
