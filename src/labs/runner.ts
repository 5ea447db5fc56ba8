// Runs a lab on an engine: `up` makes what its setup steps say through Mutations (validated
// first, like every change), `check` proves each claim with real traffic, `down` removes exactly
// what the lab made (its label and name prefix). `up` on a lab that is already up fails and says
// so: reusing half of an old run would make `check` prove nothing.
import { Mutations, type EngineAccess } from '../core/mutations';
import { ValidationError, validateContainerName, validateCreateNetwork } from '../core/validate';
import type { ContainerInfo, NetworkInfo, Snapshot } from '../shared/model';
import type { LabCheckResult, LabDownResult, LabUpResult } from '../shared/schema/labs';
import { LAB_LABEL, findLab, planSteps, resolveLabOptions, type LabOptions } from './listing';
import { actionCommand, actionKey } from './commands';
import { runProbe } from './probes';
import { pickSubnets } from './subnets';
import type { LabAction, LabContext, LabDefinition } from './types';

/** What the runner needs of the controller: the gateway, a fresh read, and one with the firewall. */
export interface LabEngine extends EngineAccess {
  refreshFirewall(): Promise<Snapshot>;
}

/** scripts/provision.sh's recipe, for an engine without the image (we never pull). */
export const IMAGE_RECIPE =
  'build it offline from a static busybox (apt install busybox-static): mkdir -p rootfs/bin rootfs/tmp && cp /bin/busybox rootfs/bin/ && ' +
  'for a in sh ip ping wget httpd nc sleep cat nslookup; do ln -s busybox rootfs/bin/$a; done && ' +
  "tar -C rootfs -c . | docker import --change 'CMD [\"sh\"]' --change 'ENV PATH=/bin' - dne-busybox:local (scripts/provision.sh does this)";

/** The lab's own containers and networks on the engine: its label, and a name with its prefix. */
export function labResources(snap: Snapshot, id: string, prefix: string): { containers: ContainerInfo[]; networks: NetworkInfo[] } {
  const mine = (x: { name: string; labels: Record<string, string> }): boolean => x.labels[LAB_LABEL] === id && x.name.startsWith(prefix);
  return { containers: snap.containers.filter(mine), networks: snap.networks.filter(mine) };
}

export class LabRunner {
  private readonly mutations: Mutations;

  constructor(private readonly engine: LabEngine) {
    this.mutations = new Mutations(engine);
  }

  async up(id: string, options: LabOptions = {}): Promise<LabUpResult> {
    const def = findLab(id);
    const opts = resolveLabOptions(id, options);
    const snap = await this.engine.refresh();
    await this.requireImage(opts.image);
    const existing = labResources(snap, id, opts.prefix);
    const names = [...existing.containers, ...existing.networks].map((x) => x.name);
    if (names.length)
      throw new ValidationError(
        'lab',
        `Lab ${id} is already up (${names.join(', ')}): run lab down ${id} first, or pick another --prefix.`,
      );
    const used = snap.networks.flatMap((n) => n.subnets.map((s) => s.subnet));
    const ctx: LabContext = {
      id,
      prefix: opts.prefix,
      image: opts.image,
      labels: opts.labels,
      subnets: pickSubnets(used, def.networks.length, opts.subnet),
    };
    const plan = def.plan(ctx);
    const actions = plan.flatMap((s) => s.actions ?? []);
    preflight(actions, snap);
    const ran = new Map<string, readonly string[]>();
    for (const batch of batches(plan.map((s) => s.actions ?? []))) {
      const results = await Promise.allSettled(batch.map((a) => this.apply(a)));
      results.forEach((r, i) => {
        const a = batch[i];
        if (r.status === 'fulfilled' && r.value && a) ran.set(actionKey(a), r.value);
      });
      const failed = results.findIndex((r) => r.status === 'rejected');
      const rejected = results[failed];
      if (rejected?.status === 'rejected') {
        // Leave nothing half made: what was made so far carries the label and prefix.
        await this.down(id, options).catch(() => undefined);
        const err: unknown = rejected.reason;
        const cmd = batch[failed] ? actionCommand(batch[failed]) : '?';
        throw new Error(
          `lab up ${id} stopped at "${cmd}" and removed what it had made: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    const after = labResources(await this.engine.refresh(), id, opts.prefix);
    return {
      lab: id,
      prefix: opts.prefix,
      image: opts.image,
      labels: { ...opts.labels },
      networks: after.networks.map((n) => {
        const s = n.subnets.find((x) => !x.subnet.includes(':'));
        return { name: n.name, id: n.id, subnet: s?.subnet ?? null, gateway: s?.effectiveGateway ?? s?.gateway ?? null };
      }),
      containers: after.containers.map((c) => ({
        name: c.name,
        id: c.id,
        networkMode: c.networkMode,
        addresses: c.endpoints.map((e) => ({ network: e.network, ipv4: e.ipv4 })),
      })),
      steps: planSteps(def, ctx, ran),
    };
  }

  async check(id: string, options: LabOptions = {}): Promise<LabCheckResult> {
    const def = findLab(id);
    const opts = resolveLabOptions(id, options);
    let snap = await this.engine.refresh();
    const mine = labResources(snap, id, opts.prefix);
    if (!mine.containers.length)
      throw new ValidationError('lab', `Lab ${id} is not up (no container named ${opts.prefix}*): run lab up ${id} first.`);
    const ctx: LabContext = { id, prefix: opts.prefix, image: opts.image, labels: opts.labels, subnets: subnetsOf(def, opts.prefix, snap) };
    const plan = def.plan(ctx);
    if (plan.some((s) => s.probe?.kind === 'masquerade' || s.probe?.kind === 'published')) snap = await this.engine.refreshFirewall();
    const steps: LabCheckResult['steps'] = [];
    for (const s of plan) {
      if (!s.probe) continue;
      const expected = s.expected ?? '';
      try {
        const r = await runProbe({ ctx, snapshot: snap, gateway: this.engine.gateway }, s.probe);
        steps.push({ name: s.name, expected, observed: oneLine(r.observed), passed: r.passed });
      } catch (err) {
        steps.push({
          name: s.name,
          expected,
          observed: oneLine(`could not check: ${err instanceof Error ? err.message : String(err)}`),
          passed: false,
        });
      }
    }
    return { lab: id, passed: steps.every((s) => s.passed), steps };
  }

  /** Idempotent: a lab that is not up removes nothing and says so by an empty list. */
  async down(id: string, options: LabOptions = {}): Promise<LabDownResult> {
    findLab(id);
    const opts = resolveLabOptions(id, options);
    const mine = labResources(await this.engine.refresh(), id, opts.prefix);
    // Hand-made veths (link/attach) need no step of their own: removing a container removes its
    // netns, and the kernel deletes a veth pair with either end (the engine test checks none is left).
    // Joined containers before their netns owner: the other order can leave a stale endpoint.
    const joined = mine.containers.filter((c) => c.netnsOwnerId);
    const owners = mine.containers.filter((c) => !c.netnsOwnerId);
    for (const group of [joined, owners])
      await Promise.all(group.map((c) => this.mutations.removeContainer({ container: c.id, force: true })));
    await Promise.all(mine.networks.map((n) => this.mutations.removeNetwork({ network: n.id, disconnectContainers: true })));
    const containers = [...joined, ...owners].map((c) => c.name);
    const networks = mine.networks.map((n) => n.name);
    return { lab: id, prefix: opts.prefix, removed: { containers, networks } };
  }

  /** Makes one action; link/attach return the `ip` lines they ran. */
  private async apply(a: LabAction): Promise<string[] | undefined> {
    switch (a.kind) {
      case 'network':
        await this.mutations.createNetwork(a.request);
        return;
      case 'run':
        await this.mutations.run(a.request);
        return;
      case 'join':
        await this.mutations.join(a.request);
        return;
      case 'connect':
        await this.mutations.connect(a.request);
        return;
      case 'link':
        return (await this.mutations.createLink(a.request)).commands;
      case 'attach':
        return (await this.mutations.attach(a.request)).commands;
    }
  }

  private async requireImage(image: string): Promise<void> {
    const images = await this.engine.gateway.listImages();
    const tagged = image.includes(':') ? image : `${image}:latest`;
    if (!images.some((i) => i.tags.includes(tagged) || i.id === image))
      throw new ValidationError('image', `Image ${image} is not on this engine, and labs never pull: ${IMAGE_RECIPE}.`);
  }
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * The order `up` applies a lab's actions in: step by step; within a step, networks first, then
 * the containers that run on them together (those with --link after the rest), then joins and
 * connects, one at a time, since they need a running container.
 */
export function batches(steps: readonly (readonly LabAction[])[]): LabAction[][] {
  const out: LabAction[][] = [];
  for (const actions of steps) {
    for (const n of actions.filter((a) => a.kind === 'network')) out.push([n]);
    const runs = actions.filter((a) => a.kind === 'run');
    // A --link names another container of the lab: it runs after the others.
    const linked = runs.filter((a) => a.kind === 'run' && a.request.links?.length);
    const free = runs.filter((a) => !linked.includes(a));
    for (const group of [free, linked]) if (group.length) out.push(group);
    for (const x of actions.filter((a) => a.kind === 'join' || a.kind === 'connect')) out.push([x]);
    // Hand-made veths need the containers running; one at a time, each on a fresh read.
    for (const x of actions.filter((a) => a.kind === 'link' || a.kind === 'attach')) out.push([x]);
  }
  return out;
}

/** Every name and subnet checked before the first call, so a refused lab makes nothing. */
function preflight(actions: readonly LabAction[], snap: Snapshot): void {
  const seen = new Set<string>();
  for (const a of actions) {
    if (a.kind === 'network') validateCreateNetwork(a.request, snap);
    if (a.kind === 'run' || a.kind === 'join') validateContainerName(a.request.name, snap);
    const name = a.kind === 'network' || a.kind === 'run' || a.kind === 'join' ? a.request.name : undefined;
    if (name && seen.has(name)) throw new ValidationError('name', `The lab names two things ${name}.`);
    if (name) seen.add(name);
  }
}

/** The subnets the lab's networks actually have, in the order its plan wants them. */
function subnetsOf(def: LabDefinition, prefix: string, snap: Snapshot): string[] {
  return def.networks.map((key) => {
    const n = snap.networks.find((x) => x.name === `${prefix}${key}`);
    const s = n?.subnets.find((x) => !x.subnet.includes(':'))?.subnet;
    if (!s)
      throw new ValidationError(
        'lab',
        `Lab ${def.id} is not fully up: network ${prefix}${key} is missing. Run lab down ${def.id}, then lab up ${def.id}.`,
      );
    return s;
  });
}
