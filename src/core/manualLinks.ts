// Hand-made links, as commands: a point-to-point veth between two containers, or a veth from a
// container into a bridge of the engine's netns. Each is validated on a fresh snapshot, planned as
// `ip` argv (linkPlan.ts, pure), then run in the engine's and the containers' netns. Docker knows
// none of it: the snapshot reads these interfaces back from the netns.
import type * as v from 'valibot';
import type { ManualLinkResultSchema } from '../shared/schema/manualLink';
import { hasDefaultRoute, plumbingAccess, runSteps } from '../host/netnsPlumbing';
import type { EngineNetns, Snapshot } from '../shared/model';
import { ipArgv, p2pIfname, planAttach, planLink, planRemove, attachIfname, type EnterMode, type IpStep, type NetnsRef } from './linkPlan';
import { attachAddress, attachmentsOf, bridgeNetwork, linkAddresses, linkTo, netnsContainer, requireRead } from './linkValidate';
import type { AttachRequest, DetachRequest, LinkRequest, UnlinkRequest } from './requests';
import { ValidationError } from './validate';
import { shellLine } from './equivalentCommand';

/** Where `ip` runs and who may run it: the host by default, a fake in unit tests. */
export interface Plumbing {
  /** How to enter the engine's netns; throws ("link/attach need root: …") before any change. */
  access(netns: EngineNetns): EnterMode;
  /** Runs the steps; returns the command lines run. On a failure it undoes what was made and throws. */
  run(steps: readonly IpStep[], mode: EnterMode): Promise<string[]>;
  /** Whether a pid's netns has a default route; null when unknown. */
  hasDefaultRoute(pid: number): boolean | null;
}

export const hostPlumbing: Plumbing = { access: (n) => plumbingAccess(n), run: runSteps, hasDefaultRoute: (p) => hasDefaultRoute(p) };

/** What a change made or removed, with the `ip` command lines that did it (schema/manualLink.ts). */
export type ManualLinkResult = v.InferOutput<typeof ManualLinkResultSchema>;

/** What these functions need: a fresh snapshot (the controller's refresh, or a lab's). */
export interface FreshSnapshot {
  refresh(): Promise<Snapshot>;
}

const engineRef = (s: Snapshot): NetnsRef => ({ kind: 'engine', pid: s.host.engineNetns.same ? null : s.host.engineNetns.pid });

const why = (s: Snapshot): string => s.host.unavailable.join(' ') || 'not readable';

/** `link create <a> <b>`: a veth pair between two containers' netns, /32 addresses and a route to the peer. */
export async function createLink(engine: FreshSnapshot, req: LinkRequest, plumbing: Plumbing = hostPlumbing): Promise<ManualLinkResult> {
  const snap = await engine.refresh();
  const a = netnsContainer(req.a, snap, 'a');
  const b = netnsContainer(req.b, snap, 'b');
  if (a.id === b.id) throw new ValidationError('b', `"${req.a}" and "${req.b}" share one netns: a link needs two.`);
  const aIfs = requireRead(a, 'a', why(snap));
  const bIfs = requireRead(b, 'b', why(snap));
  const existing = linkTo(a, b);
  if (existing) throw new ValidationError('b', `"${a.name}" is already linked to "${b.name}" (${existing.name}).`);
  const addrs = linkAddresses(snap, req.addressA, req.addressB);
  const taken = (c: typeof a, ifs: typeof aIfs): Set<string> =>
    new Set([...ifs.map((m) => m.name), ...c.endpoints.flatMap((e) => (e.ifname ? [e.ifname] : []))]);
  const mode = plumbing.access(snap.host.engineNetns);
  const endA = { container: a.name, pid: a.pid, ifname: p2pIfname(b.name, b.id, taken(a, aIfs)), address: addrs.a };
  const endB = { container: b.name, pid: b.pid, ifname: p2pIfname(a.name, a.id, taken(b, bIfs)), address: addrs.b };
  const commands = await plumbing.run(planLink(engineRef(snap), endA, endB, `${a.id}:${b.id}`), mode);
  return {
    action: 'link create',
    interfaces: [endA, endB].map(({ container, ifname, address }) => ({ container, ifname, address })),
    bridge: null,
    network: null,
    gateway: null,
    commands,
  };
}

/** `link rm <a> <b>`: deletes a's end; the kernel deletes the pair. */
export async function removeLink(engine: FreshSnapshot, req: UnlinkRequest, plumbing: Plumbing = hostPlumbing): Promise<ManualLinkResult> {
  const snap = await engine.refresh();
  const a = netnsContainer(req.a, snap, 'a');
  const b = netnsContainer(req.b, snap, 'b');
  requireRead(a, 'a', why(snap));
  const end = linkTo(a, b);
  if (!end) throw new ValidationError('b', `"${a.name}" has no hand-made link to "${b.name}".`);
  const mode = plumbing.access(snap.host.engineNetns);
  const commands = await plumbing.run(planRemove(a.name, a.pid, end.name), mode);
  return {
    action: 'link rm',
    interfaces: [
      { container: a.name, ifname: end.name, address: null },
      { container: b.name, ifname: end.peer?.ifname ?? '?', address: null },
    ],
    bridge: null,
    network: null,
    gateway: null,
    commands,
  };
}

/** `attach <container> --bridge X --address CIDR [--gateway IP]`: a veth into a bridge of the engine's netns. */
export async function attach(engine: FreshSnapshot, req: AttachRequest, plumbing: Plumbing = hostPlumbing): Promise<ManualLinkResult> {
  const snap = await engine.refresh();
  const c = netnsContainer(req.container, snap, 'container');
  const net = bridgeNetwork(req.bridge, snap);
  const ifs = requireRead(c, 'container', why(snap));
  if (attachmentsOf(c, net.bridge).length || ifs.some((m) => m.name === attachIfname(net.bridge)))
    throw new ValidationError('bridge', `"${c.name}" is already attached to ${net.bridge}.`);
  if (c.endpoints.some((e) => e.networkId === net.id))
    throw new ValidationError('bridge', `"${c.name}" is already on "${net.name}" through Docker: use that endpoint.`);
  const { address, gateway } = attachAddress(snap, net, req.address, req.gateway);
  const mode = plumbing.access(snap.host.engineNetns);
  const defaultRoute = plumbing.hasDefaultRoute(c.pid) === false;
  const steps = planAttach(engineRef(snap), {
    container: c.name,
    pid: c.pid,
    bridge: net.bridge,
    address,
    gateway,
    defaultRoute,
    key: `${c.id}:${net.bridge}`,
  });
  const commands = await plumbing.run(steps, mode);
  return {
    action: 'attach',
    interfaces: [{ container: c.name, ifname: attachIfname(net.bridge), address }],
    bridge: net.bridge,
    network: net.name,
    gateway,
    commands,
    ...(defaultRoute
      ? {}
      : { note: `"${c.name}" already has a default route: only ${net.name}'s subnet is reached through ${net.bridge}.` }),
  };
}

/** `detach <container> [--bridge X]`: deletes the container's end of an attachment. */
export async function detach(engine: FreshSnapshot, req: DetachRequest, plumbing: Plumbing = hostPlumbing): Promise<ManualLinkResult> {
  const snap = await engine.refresh();
  const c = netnsContainer(req.container, snap, 'container');
  requireRead(c, 'container', why(snap));
  const bridge = req.bridge?.trim() ? bridgeNetwork(req.bridge, snap).bridge : undefined;
  const found = attachmentsOf(c, bridge);
  const end = found[0];
  if (!end) throw new ValidationError('container', `"${c.name}" is not attached to ${bridge ?? 'any bridge'} by hand.`);
  if (found.length > 1)
    throw new ValidationError('bridge', `"${c.name}" is attached to ${found.map((m) => m.bridge ?? '?').join(', ')}: say which bridge.`);
  const mode = plumbing.access(snap.host.engineNetns);
  const commands = await plumbing.run(planRemove(c.name, c.pid, end.name), mode);
  const net = snap.networks.find((n) => n.bridge === end.bridge);
  return {
    action: 'detach',
    interfaces: [{ container: c.name, ifname: end.name, address: null }],
    bridge: end.bridge,
    network: net?.name ?? null,
    gateway: null,
    commands,
  };
}

/** The command lines a plan would run, without running it (for a preview). */
export const planLines = (steps: readonly IpStep[], mode: EnterMode): string[] =>
  steps.map((s) => shellLine(ipArgv(s.where, s.args, mode)));
