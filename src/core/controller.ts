// The controller owns the snapshot: a full read, then incremental refreshes driven by engine
// events. Every view renders what it publishes; nothing edits a view by hand.
import type { DockerGateway } from '../docker/gateway';
import { EngineError, MIN_API_VERSION, compareApiVersions } from '../docker/errors';
import type { RawContainerInspect, RawEvent, RawNetwork } from '../docker/rawTypes';
import type { HostInspector, HostReport } from '../host/inspector';
import type { NetnsInterface } from '../host/linkMapping';
import { Emitter } from '../shared/emitter';
import type { EngineInfo, Snapshot } from '../shared/model';
import { buildSnapshot } from './buildSnapshot';
import { emptyPlan, isEmptyPlan, planEvent, type RefreshPlan } from './eventPlan';

export interface RefreshStats {
  kind: 'full' | 'incremental';
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
  private engine: EngineInfo | undefined;
  private current: Snapshot | undefined;
  private lastHost: HostReport | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changed = new Emitter<SnapshotChange>();
  readonly onDidChange = this.changed.event;
  lastStats: RefreshStats | undefined;

  constructor(
    readonly gateway: DockerGateway,
    private readonly host: HostInspector,
    private readonly endpointSource: string,
  ) {}

  get snapshot(): Snapshot | undefined {
    return this.current;
  }

  /** Full read. Calls are serialised with incremental refreshes so results never interleave. */
  refresh(): Promise<Snapshot> {
    return this.enqueue(() => this.fullRead());
  }

  /** Applies engine events: re-reads only what they touched. */
  applyEvents(events: readonly RawEvent[]): Promise<Snapshot | undefined> {
    const plan = emptyPlan();
    for (const e of events) planEvent(plan, e);
    if (isEmptyPlan(plan)) return Promise.resolve(this.current);
    return this.enqueue(() => (this.current ? this.incremental(plan) : this.fullRead()));
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

  private async fullRead(): Promise<Snapshot> {
    const t0 = performance.now();
    const [engine, networks, summaries] = await Promise.all([
      this.readEngine(),
      this.gateway.listNetworks(),
      this.gateway.listContainers(),
    ]);
    // Aliases and static IPs live only in per-container inspect.
    const inspected = await Promise.all(summaries.map((s) => this.gateway.inspectContainer(s.Id ?? '')));
    this.engine = engine;
    this.networks.clear();
    for (const n of networks) if (n.Id) this.networks.set(n.Id, n);
    this.containers.clear();
    for (const c of inspected) if (c?.Id) this.containers.set(c.Id, c);
    this.ifacesByPid.clear();
    const pids = this.runningPids([...this.containers.values()]);
    const host = await this.host.read(pids);
    this.rememberHost(host);
    return this.publish({
      kind: 'full',
      containersInspected: inspected.length,
      networksInspected: 0,
      listCalls: 4,
      pidsRead: pids.length,
      ms: performance.now() - t0,
    });
  }

  private async incremental(plan: RefreshPlan): Promise<Snapshot> {
    const t0 = performance.now();
    for (const id of plan.removedContainers) this.dropContainer(id);
    for (const id of plan.removedNetworks) this.networks.delete(id);
    const [containers, networks] = await Promise.all([
      Promise.all([...plan.containers].map(async (id) => [id, await this.gateway.inspectContainer(id)] as const)),
      Promise.all([...plan.networks].map(async (id) => [id, await this.gateway.inspectNetwork(id)] as const)),
    ]);
    for (const [id, raw] of containers) {
      this.dropContainer(id);
      if (raw?.Id) this.containers.set(raw.Id, raw);
    }
    for (const [id, raw] of networks) {
      if (raw?.Id) this.networks.set(raw.Id, { ...raw, Containers: {} });
      else this.networks.delete(id);
    }
    const pids = this.runningPids(containers.flatMap(([, raw]) => (raw ? [raw] : [])));
    const host = await this.host.read(pids);
    // A partial read says nothing about the containers it skipped: keep earlier reasons too.
    host.unavailable = [...new Set([...(this.lastHost?.unavailable ?? []), ...host.unavailable])];
    this.rememberHost(host);
    return this.publish({
      kind: 'incremental',
      containersInspected: containers.length,
      networksInspected: networks.length,
      listCalls: 0,
      pidsRead: pids.length,
      ms: performance.now() - t0,
    });
  }

  private dropContainer(id: string): void {
    const old = this.containers.get(id);
    const pid = old?.State?.Pid;
    if (pid) this.ifacesByPid.delete(pid);
    this.containers.delete(id);
  }

  private runningPids(containers: readonly RawContainerInspect[]): number[] {
    return containers.flatMap((c) => (c.State?.Running && c.State.Pid ? [c.State.Pid] : []));
  }

  private rememberHost(report: HostReport): void {
    for (const [pid, ifaces] of report.ifacesByPid) this.ifacesByPid.set(pid, ifaces);
    this.lastHost = report;
  }

  private publish(stats: RefreshStats): Snapshot {
    const host: HostReport | null = this.lastHost && { ...this.lastHost, ifacesByPid: this.ifacesByPid };
    const snapshot = buildSnapshot({
      engine: this.engine as EngineInfo,
      networks: this.networks.values(),
      containers: this.containers.values(),
      host,
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
