// Link to Container… (veth pair) and Remove Link…: tutorial 003's point-to-point link between two
// containers' netns, through the core API (ctx.mutations().createLink / removeLink).
import { linkAddresses } from '../core/linkValidate';
import { findContainer } from '../core/validate';
import type { ContainerInfo, Snapshot } from '../shared/model';
import { announceLines } from './announce';
import type { CommandContext } from './context';
import { confirm, withNotification } from './guard';
import type { FlowPreset } from './invocation';
import { input, messageOf, pick } from './ui/multiStep';
import { containerItems } from './ui/pickers';

/** Containers with a netns of their own that runs: the ones a veth end can go into. */
export const linkable = (s: Snapshot): ContainerInfo[] =>
  s.containers.filter((c) => c.state === 'running' && c.networkModeKind !== 'host' && c.networkModeKind !== 'container');

async function pickContainer(
  title: string,
  step: number,
  total: number,
  list: ContainerInfo[],
  placeholder: string,
): Promise<ContainerInfo | undefined> {
  const v = await pick({ title, step, totalSteps: total, placeholder, items: containerItems(list) });
  return v && typeof v !== 'symbol' ? v : undefined;
}

export async function linkFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const title = 'Link to Container (veth pair)';
  const snap = await ctx.controller().refresh();
  const a = preset.container ? findContainer(preset.container, snap) : await pickContainer(title, 1, 3, linkable(snap), 'First container');
  if (!a) return false;
  const b = await pickContainer(
    title,
    2,
    3,
    linkable(snap).filter((c) => c.id !== a.id),
    `Container to link ${a.name} to`,
  );
  if (!b) return false;
  let free = '';
  try {
    const p = linkAddresses(snap);
    free = `${p.a} ${p.b}`;
  } catch {
    free = '';
  }
  const text = await input({
    title,
    step: 3,
    totalSteps: 3,
    prompt: `Addresses of ${a.name} and ${b.name} (point to point, /32 and a route to the peer)`,
    value: free,
    placeholder: '10.1.1.1/32 10.1.1.2/32',
    validate: (v) => {
      const [x, y] = v.trim().split(/\s+/);
      return messageOf(() => linkAddresses(snap, x, y));
    },
  });
  if (text === undefined || typeof text === 'symbol') return false;
  const [addressA, addressB] = text.trim().split(/\s+/);
  const r = await withNotification(`Linking ${a.name} and ${b.name}…`, () =>
    ctx.mutations().createLink({ a: a.id, b: b.id, addressA, addressB }),
  );
  announceLines(ctx, `Linked ${r.interfaces.map((i) => `${i.container}:${i.ifname} ${i.address ?? ''}`).join(' ↔ ')}.`, r.commands);
  return true;
}

export async function unlinkFlow(ctx: CommandContext, preset: FlowPreset): Promise<boolean> {
  const title = 'Remove Link';
  const snap = await ctx.controller().refresh();
  const linked = snap.containers.filter((c) => (c.manualInterfaces ?? []).some((m) => m.peer?.container));
  const a = preset.container
    ? findContainer(preset.container, snap)
    : await pickContainer(title, 1, 2, linked, 'Container with a hand-made link');
  if (!a) return false;
  const ends = (a.manualInterfaces ?? []).filter((m) => m.peer?.container);
  const end =
    ends.length === 1
      ? ends[0]
      : await pick({
          title,
          step: 2,
          totalSteps: 2,
          placeholder: `Link of ${a.name} to remove`,
          items: ends.map((m) => ({ label: `${m.name} → ${m.peer?.container ?? '?'}`, description: m.addresses.join(', '), value: m })),
        });
  if (!end || typeof end === 'symbol') return false;
  const b = end.peer?.container ?? '';
  if (
    !(await confirm(
      `Remove the link between "${a.name}" and "${b}"?`,
      `ip link del ${end.name} in ${a.name}'s netns removes both ends.`,
      'Remove Link',
    ))
  )
    return false;
  const r = await withNotification(`Removing the link ${a.name} ↔ ${b}…`, () => ctx.mutations().removeLink({ a: a.id, b }));
  announceLines(ctx, `Removed the link between ${a.name} and ${b}.`, r.commands);
  return true;
}
