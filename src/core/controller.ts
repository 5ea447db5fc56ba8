// The controller owns the snapshot: a full read, then incremental refreshes driven by engine
// events. Every view renders what it publishes; nothing edits a view by hand.
import type { EmbeddedDns } from '../analysis/embeddedDns';
import type { DockerGateway } from '../docker/gateway';
import { EngineError, MIN_API_VERSION, compareApiVersions } from '../docker/errors';
import type { RawContainerInspect, RawEvent, RawNetwork } from '../docker/rawTypes';
import {
  pidReadReasons,
  type NetnsReading,
  type FirewallReading,
  type HostInspector,
  type NetnsReadingWithContainers,
} from '../host/inspector';
import type { NetnsInterface } from '../host/linkMapping';
import type { ContainerLinksResult } from '../host/links';
import type { ExtraIfacesResult } from '../host/manualIfaces';
import { Emitter } from '../shared/emitter';
import { mapLimit } from '../shared/mapLimit';
import type { EngineInfo, Snapshot } from '../shared/model';
import { buildSnapshot } from './buildSnapshot';
import { emptyPlan, isEmptyPlan, planEvent, type RefreshPlan } from './eventPlan';

/** Parallel inspects: enough to hide round trips, few enough not to flood dockerd. */
export const INSPECT_CONCURRENCY = 8;

interface PidRead {
  pid: number;
  result: ContainerLinksResult;
  /** Hand-made interfaces; absent for host-mode and joined containers (not their own netns). */
  extra?: ExtraIfacesResult;
}

/** Interfaces Docker made in a container's netns: one per endpoint on a real network. */
function dockerInterfaces(raw: RawContainerInspect): number {
  return Object.entries(raw.NetworkSettings?.Networks ?? {}).filter(([name, ep]) => name !== 'none' && name !== 'host' && !!ep?.EndpointID)
    .length;
}

export interface RefreshStats {
  kind: 'full' | 'incremental' | 'firewall';
  containersInspected: number;
  networksInspected: number;
  listCalls: number;
  pidsRead: number;
  ms: number;
}

export interface SnapshotChange {
  snapshot: Snapshot;
  stats: RefreshStats;
}

export class Controller {
  private readonly networks = new Map<string, RawNetwork>();
  private readonly containers = new Map<string, RawContainerInspect>();
  private readonly ifacesByPid = new Map<number, NetnsInterface[]>();
  private readonly extraByPid = new Map<number, ExtraIfacesResult>();
  private engine: EngineInfo | undefined;
  private current: Snapshot | undefined;
  private lastHost: NetnsReadingWithContainers | null = null;
  private firewall: FirewallReading | undefined;
  private firewallQueued = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changed = new Emitter<SnapshotChange>();
  readonly onDidChange = this.changed.event;
  lastStats: RefreshStats | undefined;

  constructor(
    readonly gateway: DockerGateway,
    private readonly host: HostInspector,
    private readonly endpointSource: string,
    /** Re-read the firewall after every refresh (the extension); the CLI asks for it itself. */
    private readonly autoFirewall = false,
  ) {}

  /** Reads iptables/nft and docker-proxy, then publishes the snapshot with them. */
  refreshFirewall(): Promise<Snapshot> {
    this.firewallQueued = true;
    return this.enqueue(async () => {
      this.firewallQueued = false;
      const t0 = performance.now();
      // Only a snapshot that a successful read made is published again, with the new rules.
      if (!this.engine || !this.current) throw new Error('No snapshot yet: the engine has not been read.');
      this.firewall = await this.host.readFirewall();
      return this.publish({
        kind: 'firewall',
        containersInspected: 0,
        networksInspected: 0,
        listCalls: 0,
        pidsRead: 0,
        ms: performance.now() - t0,
      });
    });
  }

  /** After a successful read: rules follow containers and networks, so read them again (once per burst). */
  private followWithFirewall<T>(done: Promise<T>): Promise<T> {
    // No follow-up after a failed read: it would publish the old networks with no engine.
    void done.then(
      () => {
        if (this.autoFirewall && !this.firewallQueued) void this.refreshFirewall().catch(() => undefined);
      },
      () => undefined,
    );
    return done;
  }

  get snapshot(): Snapshot | undefined {
    return this.current;
  }

  /** Full read. Calls are serialised with incremental refreshes so results never interleave. */
  refresh(): Promise<Snapshot> {
    return this.followWithFirewall(this.enqueue(() => this.fullRead()));
  }

  /** Applies engine events: re-reads only what they touched. */
  applyEvents(events: readonly RawEvent[]): Promise<Snapshot | undefined> {
    const plan = emptyPlan();
    for (const e of events) planEvent(plan, e);
    if (isEmptyPlan(plan)) return Promise.resolve(this.current);
    return this.followWithFirewall(this.enqueue(() => (this.current && this.engine ? this.incremental(plan) : this.fullRead())));
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readEngine(): Promise<EngineInfo> {
    const [version, info] = await Promise.all([this.gateway.version(), this.gateway.info()]);
    const api = version.ApiVersion ?? '0';
    if (compareApiVersions(api, MIN_API_VERSION) < 0) {
      throw new EngineError(
        'API_TOO_OLD',
        `Docker Engine API ${api} (Docker ${version.Version ?? '?'}) is too old: ${MIN_API_VERSION} (Docker 20.10) or newer is needed.`,
        'Upgrade the Docker engine.',
      );
    }
    return {
      version: version.Version ?? '',
      apiVersion: api,
      endpoint: this.gateway.endpointUrl,
      endpointSource: this.endpointSource,
      os: version.Os ?? '',
      kernelVersion: version.KernelVersion ?? '',
      swarmActive: info.Swarm?.LocalNodeState === 'active',
    };
  }

  /** The pid whose netns a container uses: its own, or its netns owner's. */
  private netnsPid(containerId: string): number | undefined {
    const raw = this.containers.get(containerId);
    const mode = raw?.HostConfig?.NetworkMode ?? '';
    const owner = mode.startsWith('container:') ? this.containers.get(mode.slice('container:'.length)) : raw;
    return owner?.State?.Running ? owner.State.Pid : undefined;
  }

  /** The embedded-DNS rules of a running container (or of the owner of its netns). */
  async embeddedDns(containerId: string): Promise<{ dns: EmbeddedDns | null; unavailable?: string }> {
    const pid = this.netnsPid(containerId);
    if (!pid) return { dns: null, unavailable: 'The container is not running.' };
    return this.host.readEmbeddedDns(pid);
  }

  /** TCP ports the container's netns listens on; null when unknown. */
  async listeners(containerId: string): Promise<number[] | null> {
    const pid = this.netnsPid(containerId);
    return pid ? this.host.readListeners(pid) : null;
  }

  /** Forget the engine's version, e.g. after a reconnect (it may have been upgraded). */
  invalidateEngine(): void {
    this.engine = undefined;
    // The engine may come back as another process, elsewhere: nothing read from the old one stays.
    this.firewall = undefined;
    this.host.invalidate();
  }

  /** Inspects a container and, when it runs, reads its interfaces as soon as its pid is known. */
  private async inspectWithLinks(id: string): Promise<{ raw: RawContainerInspect | undefined; pid: PidRead | undefined }> {
    const raw = await this.gateway.inspectContainer(id);
    const pid = raw?.State?.Running && raw.State.Pid ? raw.State.Pid : undefined;
    if (!raw || !pid) return { raw, pid: undefined };
    const mode = raw.HostConfig?.NetworkMode ?? '';
    const own = mode !== 'host' && !mode.startsWith('container:');
    const [result, extra] = await Promise.all([
      this.host.readPid(pid),
      own ? this.host.readExtraIfaces(pid, dockerInterfaces(raw)) : Promise.resolve(undefined),
    ]);
    return { raw, pid: { pid, result, ...(extra ? { extra } : {}) } };
  }

  private async fullRead(): Promise<Snapshot> {
    const t0 = performance.now();
    const lists = Promise.all([this.engine ?? this.readEngine(), this.gateway.listNetworks(), this.gateway.listContainers()]);
    // The host's interfaces are read while the list calls are in flight.
    const hostBase = this.host.readHost();
    const [engine, networks, summaries] = await lists;
    const calls = this.engine ? 2 : 4;
    // Aliases, static IPs and pids live only in per-container inspect.
    const inspected = await mapLimit(summaries, INSPECT_CONCURRENCY, (s) => this.inspectWithLinks(s.Id ?? ''));
    this.engine = engine;
    this.networks.clear();
    for (const n of networks) if (n.Id) this.networks.set(n.Id, n);
    this.containers.clear();
    this.ifacesByPid.clear();
    this.extraByPid.clear();
    for (const { raw } of inspected) if (raw?.Id) this.containers.set(raw.Id, raw);
    const pidReads = inspected.flatMap((i) => (i.pid ? [i.pid] : []));
    this.rememberHost(await hostBase, pidReads, false);
    return this.publish({
      kind: 'full',
      containersInspected: inspected.length,
      networksInspected: 0,
      listCalls: calls,
      pidsRead: pidReads.length,
      ms: performance.now() - t0,
    });
  }

  private async incremental(plan: RefreshPlan): Promise<Snapshot> {
    const t0 = performance.now();
    for (const id of plan.removedContainers) this.dropContainer(id);
    for (const id of plan.removedNetworks) this.networks.delete(id);
    const hostBase = this.host.readHost();
    // Bounded like the full read: an event storm must not open hundreds of requests at once.
    const [containers, networks] = await Promise.all([
      mapLimit([...plan.containers], INSPECT_CONCURRENCY, async (id) => ({ id, ...(await this.inspectWithLinks(id)) })),
      mapLimit([...plan.networks], INSPECT_CONCURRENCY, async (id) => [id, await this.gateway.inspectNetwork(id)] as const),
    ]);
    for (const { id, raw } of containers) {
      this.dropContainer(id);
      if (raw?.Id) this.containers.set(raw.Id, raw);
    }
    for (const [id, raw] of networks) {
      if (raw?.Id) this.networks.set(raw.Id, { ...raw, Containers: {} });
      else this.networks.delete(id);
    }
    const pidReads = containers.flatMap((c) => (c.pid ? [c.pid] : []));
    this.rememberHost(await hostBase, pidReads, true);
    return this.publish({
      kind: 'incremental',
      containersInspected: containers.length,
      networksInspected: networks.length,
      listCalls: 0,
      pidsRead: pidReads.length,
      ms: performance.now() - t0,
    });
  }

  private dropContainer(id: string): void {
    const old = this.containers.get(id);
    const pid = old?.State?.Pid;
    if (pid) this.ifacesByPid.delete(pid);
    if (pid) this.extraByPid.delete(pid);
    this.containers.delete(id);
  }

  private rememberHost(base: NetnsReading, reads: readonly PidRead[], partial: boolean): void {
    for (const { pid, result, extra } of reads) {
      if (result.ok) this.ifacesByPid.set(pid, result.ifaces);
      if (extra) this.extraByPid.set(pid, extra);
    }
    const reasons = [
      ...base.unavailable,
      ...pidReadReasons(
        reads.map((r) => r.result),
        partial,
        base.engineNetns,
      ),
    ];
    // A partial read says nothing about the containers it skipped: keep earlier reasons too.
    const unavailable = partial ? [...new Set([...(this.lastHost?.unavailable ?? []), ...reasons])] : reasons;
    this.lastHost = { ...base, unavailable, ifacesByPid: this.ifacesByPid, extraByPid: this.extraByPid };
  }

  private publish(stats: RefreshStats): Snapshot {
    const host: NetnsReadingWithContainers | null = this.lastHost;
    const engine = this.engine;
    // Never a snapshot without an engine: only a successful read gets here.
    if (!engine) throw new Error('No snapshot yet: the engine has not been read.');
    const snapshot = buildSnapshot({
      engine,
      networks: this.networks.values(),
      containers: this.containers.values(),
      host,
      firewall: this.firewall,
      takenAt: Date.now(),
    });
    this.current = snapshot;
    this.lastStats = stats;
    this.changed.fire({ snapshot, stats });
    return snapshot;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
