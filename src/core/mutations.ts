// Every change to the engine goes through here, with a typed request: validate it against a fresh
// snapshot, then call Docker. A refused request makes no call. The event stream, not this code,
// updates the views. Requests from scripts were parsed at the edge (parseRequests.ts).
import type { DockerGateway } from '../docker/gateway';
import { EngineError } from '../docker/errors';
import type { ContainerInfo, NetworkInfo, Snapshot } from '../shared/model';
import { attach, createLink, detach, hostPlumbing, removeLink, type ManualLinkResult, type Plumbing } from './manualLinks';
import type {
  AttachRequest,
  DetachRequest,
  LinkRequest,
  UnlinkRequest,
  ConnectRequest,
  ContainerRequest,
  CreateNetworkRequest,
  DisconnectRequest,
  JoinRequest,
  PruneRequest,
  RemoveNetworkRequest,
  RunRequest,
} from './requests';
import {
  ValidationError,
  containersOn,
  findContainer,
  findNetwork,
  validateAliases,
  validateContainerName,
  validateCreateNetwork,
  validateRemoveNetwork,
  validateStaticIp,
} from './validate';

export interface JoinResult {
  id: string;
  /** The container whose netns was joined (the owner, when the target was itself joined). */
  joined: string;
  note?: string;
}

/** What Mutations needs of the controller: the gateway and a fresh read. */
export interface EngineAccess {
  readonly gateway: DockerGateway;
  refresh(): Promise<Snapshot>;
}

/** Docker's own refusal, rethrown with what was being done and what it means. */
export function wrapDockerError(err: unknown, context: string): never {
  if (err instanceof EngineError || err instanceof Error) {
    throw new Error(`${context}: Docker says "${err.message}".${hintFor(err.message)}`);
  }
  throw err;
}

export class Mutations {
  constructor(
    private readonly engine: EngineAccess,
    private readonly plumbing: Plumbing = hostPlumbing,
  ) {}

  /** Hand-made links (manualLinks.ts): not Docker's, so `ip` in the netns instead of the gateway. */
  createLink(req: LinkRequest): Promise<ManualLinkResult> {
    return createLink(this.engine, req, this.plumbing);
  }

  removeLink(req: UnlinkRequest): Promise<ManualLinkResult> {
    return removeLink(this.engine, req, this.plumbing);
  }

  attach(req: AttachRequest): Promise<ManualLinkResult> {
    return attach(this.engine, req, this.plumbing);
  }

  detach(req: DetachRequest): Promise<ManualLinkResult> {
    return detach(this.engine, req, this.plumbing);
  }

  private get gateway(): DockerGateway {
    return this.engine.gateway;
  }

  /** Validation needs the engine as it is now, not as the last event left it. */
  private fresh(): Promise<Snapshot> {
    return this.engine.refresh();
  }

  async createNetwork(req: CreateNetworkRequest): Promise<string> {
    const args = validateCreateNetwork(req, await this.fresh());
    try {
      return await this.gateway.createNetwork({
        name: args.name,
        driver: args.driver ?? 'bridge',
        internal: args.internal,
        attachable: args.attachable,
        ipv6: args.ipv6,
        ipam: args.subnet
          ? [{ subnet: args.subnet.trim(), gateway: args.gateway?.trim() || undefined, ipRange: args.ipRange?.trim() || undefined }]
          : undefined,
        labels: args.labels,
        options: args.options,
      });
    } catch (err) {
      return wrapDockerError(err, `Creating network "${args.name}" failed`);
    }
  }

  /** With disconnectContainers, first disconnects every container (the "disconnect, then remove" offer). */
  async removeNetwork(req: RemoveNetworkRequest): Promise<void> {
    const snap = await this.fresh();
    let net: NetworkInfo;
    if (req.disconnectContainers) {
      net = findNetwork(req.network, snap);
      if (net.builtin) validateRemoveNetwork(req.network, snap);
      for (const c of containersOn(net, snap)) await this.gateway.disconnect(net.id, c.id, true);
    } else {
      net = validateRemoveNetwork(req.network, snap);
    }
    try {
      await this.gateway.removeNetwork(net.id);
    } catch (err) {
      wrapDockerError(err, `Removing network "${net.name}" failed`);
    }
  }

  /** What prune would remove: user networks with no container on them. */
  async pruneCandidates(labels?: string[]): Promise<NetworkInfo[]> {
    const snap = await this.fresh();
    return snap.networks.filter((n) => !n.builtin && n.containerIds.length === 0 && matchesLabels(n, labels));
  }

  async pruneNetworks(req: PruneRequest): Promise<string[]> {
    try {
      return (await this.gateway.pruneNetworks(req.labels)).sort();
    } catch (err) {
      return wrapDockerError(err, 'Pruning networks failed');
    }
  }

  async connect(req: ConnectRequest): Promise<void> {
    const snap = await this.fresh();
    const container = findContainer(req.container, snap);
    const network = findNetwork(req.network, snap);
    checkConnectable(container, network, snap);
    const aliases = validateAliases(req.aliases, network);
    const ipv4 = req.ipv4?.trim() || undefined;
    if (ipv4) validateStaticIp(ipv4, network, snap, container);
    try {
      await this.gateway.connect(network.id, container.id, { ipv4, aliases });
    } catch (err) {
      wrapDockerError(err, `Connecting "${container.name}" to "${network.name}" failed`);
    }
  }

  async disconnect(req: DisconnectRequest): Promise<void> {
    const snap = await this.fresh();
    const container = findContainer(req.container, snap);
    const network = findNetwork(req.network, snap);
    if (!container.endpoints.some((e) => e.networkId === network.id || e.network === network.name)) {
      throw new ValidationError('network', `"${container.name}" is not connected to "${network.name}".`);
    }
    try {
      await this.gateway.disconnect(network.id, container.id, req.force ?? false);
    } catch (err) {
      wrapDockerError(err, `Disconnecting "${container.name}" from "${network.name}" failed`);
    }
  }

  async join(req: JoinRequest): Promise<JoinResult> {
    const snap = await this.fresh();
    let target = findContainer(req.target, snap, 'target');
    let note: string | undefined;
    if (target.netnsOwnerId) {
      const owner = findContainer(target.netnsOwnerId, snap, 'target');
      note = `"${target.name}" itself shares the netns of "${owner.name}", so the new container joins "${owner.name}".`;
      target = owner;
    }
    if (target.networkModeKind === 'host')
      throw new ValidationError('target', `"${target.name}" uses the host network: run the new container with network "host" instead.`);
    if (target.state !== 'running')
      throw new ValidationError(
        'target',
        `"${target.name}" is ${target.state}: a netns can only be joined while its container runs. Start it first.`,
      );
    const image = await this.requireImage(req.image);
    const name = validateContainerName(req.name, snap);
    try {
      const id = await this.gateway.runContainer({
        image,
        name,
        networkMode: `container:${target.id}`,
        command: req.command,
        labels: req.labels,
      });
      return { id, joined: target.name, ...(note ? { note } : {}) };
    } catch (err) {
      return wrapDockerError(err, `Joining "${target.name}" failed`);
    }
  }

  /** docker rm: a running container only with force, which stops it first. */
  async removeContainer(req: ContainerRequest): Promise<ContainerInfo> {
    const c = findContainer(req.container, await this.fresh());
    if (c.state === 'running' && !req.force) {
      throw new ValidationError('force', `"${c.name}" is running: stop it first, or remove it with force (docker rm --force stops it).`);
    }
    try {
      await this.gateway.removeContainer(c.id, req.force ?? false);
    } catch (err) {
      wrapDockerError(err, `Removing "${c.name}" failed`);
    }
    return c;
  }

  async startContainer(req: ContainerRequest): Promise<ContainerInfo> {
    const c = findContainer(req.container, await this.fresh());
    if (c.state === 'running') throw new ValidationError('container', `"${c.name}" is already running.`);
    try {
      await this.gateway.startContainer(c.id);
    } catch (err) {
      wrapDockerError(err, `Starting "${c.name}" failed`);
    }
    return c;
  }

  async stopContainer(req: ContainerRequest): Promise<ContainerInfo> {
    const c = findContainer(req.container, await this.fresh());
    if (c.state !== 'running' && c.state !== 'paused' && c.state !== 'restarting') {
      throw new ValidationError('container', `"${c.name}" is not running (it is ${c.state}).`);
    }
    try {
      await this.gateway.stopContainer(c.id);
    } catch (err) {
      wrapDockerError(err, `Stopping "${c.name}" failed`);
    }
    return c;
  }

  async run(req: RunRequest): Promise<string> {
    const snap = await this.fresh();
    const mode = req.network;
    const image = await this.requireImage(req.image);
    const name = validateContainerName(req.name, snap);
    const publish = req.publish;
    const ipv4 = req.ipv4?.trim() || undefined;
    let aliases = req.aliases;
    const links = validateLinks(req.links, mode, snap);
    if (mode === 'host' || mode === 'none') {
      if (ipv4 || aliases?.length)
        throw new ValidationError(
          ipv4 ? 'ipv4' : 'aliases',
          `Network mode "${mode}" has no endpoint: an IP or aliases make no sense there.`,
        );
      if (publish?.length)
        throw new ValidationError(
          'publish',
          `Network mode "${mode}" does not publish ports: ${mode === 'host' ? 'the container already uses the host ports' : 'it has no network'}.`,
        );
    } else if (mode.startsWith('container:')) {
      throw new ValidationError('network', "Use joinContainer to run a container in another container's netns.");
    } else {
      const network = findNetwork(mode, snap);
      if (network.driver === 'host' || network.driver === 'null')
        throw new ValidationError('network', `Use network "${network.name}" by its mode name.`);
      aliases = validateAliases(aliases, network);
      if (ipv4) validateStaticIp(ipv4, network, snap);
    }
    try {
      return await this.gateway.runContainer({
        image,
        name,
        networkMode: mode,
        ipv4,
        aliases,
        command: req.command,
        publish,
        labels: req.labels,
        ...(links.length ? { links } : {}),
      });
    } catch (err) {
      return wrapDockerError(err, `Running a container from "${image}" failed`);
    }
  }

  /** Never pull: the image must be on the engine already. */
  private async requireImage(ref: string): Promise<string> {
    const images = await this.gateway.listImages();
    const tagged = ref.includes(':') && !ref.startsWith('sha256:') ? ref : `${ref}:latest`;
    const hit = images.find(
      (i) =>
        i.tags.includes(ref) ||
        i.tags.includes(tagged) ||
        i.id === ref ||
        (ref.length >= 12 && i.id.replace('sha256:', '').startsWith(ref.replace('sha256:', ''))),
    );
    if (!hit)
      throw new ValidationError(
        'image',
        `Image "${ref}" is not on this engine, and we never pull. Build or load it first (docker build / docker load).`,
      );
    return ref;
  }
}

function matchesLabels(n: NetworkInfo, labels: string[] | undefined): boolean {
  return (labels ?? []).every((l) => {
    const [k = '', v] = l.split('=');
    return v === undefined ? k in n.labels : n.labels[k] === v;
  });
}

function checkConnectable(container: ContainerInfo, network: NetworkInfo, snap: Snapshot): void {
  if (network.driver === 'host' || network.driver === 'null') {
    throw new ValidationError(
      'network',
      `Cannot connect to "${network.name}": ${network.driver === 'host' ? "host mode shares the host's network stack" : 'none means no network at all'}, and a running container cannot switch to it. Run a new container with --network ${network.name} instead.`,
    );
  }
  if (container.netnsOwnerId) {
    const owner = snap.containers.find((c) => c.id === container.netnsOwnerId);
    throw new ValidationError(
      'container',
      `"${container.name}" shares the netns of "${owner?.name ?? container.netnsOwner ?? '?'}" (--network container:…): it has no interfaces of its own. Connect "${owner?.name ?? 'its owner'}" instead.`,
    );
  }
  if (container.networkModeKind === 'host' || container.networkModeKind === 'none') {
    throw new ValidationError(
      'container',
      `"${container.name}" runs with --network ${container.networkModeKind}: Docker cannot add networks to it.`,
    );
  }
  if (container.endpoints.some((e) => e.networkId === network.id || e.network === network.name)) {
    throw new ValidationError('network', `"${container.name}" is already connected to "${network.name}".`);
  }
}

/** `--link name[:alias]`: the linked container must exist, and links need an endpoint (not host/none/joined). */
function validateLinks(links: string[] | undefined, mode: string, snap: Snapshot): string[] {
  if (!links?.length) return [];
  if (mode === 'host' || mode === 'none' || mode.startsWith('container:'))
    throw new ValidationError('links', `--link needs a network endpoint: network mode "${mode}" has none.`);
  return links.map((l) => {
    const [name = '', alias, extra] = l.split(':');
    if (extra !== undefined || (alias !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(alias)))
      throw new ValidationError('links', `Link "${l}" must be <container>[:<alias>], the alias a valid host name.`);
    const target = findContainer(name, snap, 'links');
    return alias ? `${target.name}:${alias}` : target.name;
  });
}

function hintFor(message: string): string {
  if (/user specified IP address is supported only/.test(message))
    return ' The network was created without --subnet, so Docker does not allow a static IP on it.';
  if (/Pool overlaps/.test(message)) return ' Another network (possibly outside Docker) uses that range: pick another subnet.';
  if (/has active endpoints/.test(message)) return ' Disconnect its containers first.';
  if (/No such image/.test(message)) return ' The image is not on this engine (we never pull).';
  return '';
}
