// The controller's sequencing with fakes of our own narrow interfaces (DockerGateway,
// HostInspector): a failed read publishes nothing and is followed by no firewall read, reads are
// serialised, and incremental reads are bounded. Engine tests use the real dockerd.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Controller } from '../../src/core/controller';
import { LiveUpdates } from '../../src/core/liveUpdates';
import type { DockerGateway, EventSubscription } from '../../src/docker/gateway';
import { EngineError } from '../../src/docker/errors';
import type { RawContainerInspect, RawEvent } from '../../src/docker/rawTypes';
import type { NetnsReading, FirewallReading, HostInspector } from '../../src/host/inspector';
import type { Snapshot } from '../../src/shared/model';
import { capturedContainerInspects, capturedNetworks } from '../helpers/fixtures';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));
const notUsed = (): Promise<never> => Promise.reject(new Error('not used by the controller here'));

/** A gateway over the captured API responses; each call can be made to fail or to wait. */
class FakeGateway implements DockerGateway {
  readonly endpointUrl = 'unix:///fake.sock';
  apiVersion = '1.41';
  failLists = false;
  inFlight = 0;
  maxInFlight = 0;
  inspectDelayMs = 0;
  calls: string[] = [];
  private readonly containers = new Map(capturedContainerInspects().map((c) => [c.Id ?? '', c]));

  ping(): Promise<void> {
    return Promise.resolve();
  }
  version(): Promise<{ Version: string; ApiVersion: string }> {
    this.calls.push('version');
    return Promise.resolve({ Version: '20.10.24', ApiVersion: this.apiVersion });
  }
  info(): Promise<{ Swarm: { LocalNodeState: string } }> {
    return Promise.resolve({ Swarm: { LocalNodeState: 'inactive' } });
  }
  listNetworks(): ReturnType<DockerGateway['listNetworks']> {
    this.calls.push('listNetworks');
    return this.failLists ? Promise.reject(new EngineError('ENGINE_DOWN', 'gone', '')) : Promise.resolve(capturedNetworks());
  }
  inspectNetwork(): ReturnType<DockerGateway['inspectNetwork']> {
    return Promise.resolve(undefined);
  }
  listContainers(): ReturnType<DockerGateway['listContainers']> {
    this.calls.push('listContainers');
    return this.failLists
      ? Promise.reject(new EngineError('ENGINE_DOWN', 'gone', ''))
      : Promise.resolve([...this.containers.keys()].map((Id) => ({ Id })));
  }
  async inspectContainer(id: string): Promise<RawContainerInspect | undefined> {
    this.calls.push(`inspect ${id.slice(0, 6)}`);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, this.inspectDelayMs));
    this.inFlight--;
    return (
      this.containers.get(id) ?? {
        Id: id,
        Name: `/c-${id.slice(0, 6)}`,
        State: { Status: 'exited', Running: false },
        HostConfig: { NetworkMode: 'none' },
        NetworkSettings: { Networks: {} },
      }
    );
  }
  listImages = notUsed;
  createNetwork = notUsed;
  removeNetwork = notUsed;
  pruneNetworks = notUsed;
  connect = notUsed;
  disconnect = notUsed;
  runContainer = notUsed;
  removeContainer = notUsed;
  startContainer = notUsed;
  stopContainer = notUsed;
  runHelper = notUsed;
  exec = notUsed;
  events(_onEvent: (e: RawEvent) => void): Promise<EventSubscription> {
    return Promise.resolve({ ended: new Promise(() => undefined), dispose: () => undefined });
  }
  dispose(): void {
    // Nothing held.
  }
}

class FakeHost implements HostInspector {
  firewallReads = 0;
  readListeners(): Promise<number[] | null> {
    return Promise.resolve(null);
  }
  readEmbeddedDns(): Promise<{ dns: null; unavailable: string }> {
    return Promise.resolve({ dns: null, unavailable: 'fake' });
  }
  readFirewall(): Promise<FirewallReading> {
    this.firewallReads++;
    return Promise.resolve({ model: null, dump: null, proxies: [], unavailable: [] });
  }
  readHost(): Promise<NetnsReading> {
    return Promise.resolve({
      engineNetns: { pid: 1, inode: 1, same: true, kind: 'host', how: 'fake' },
      hostIfaces: [],
      ipForward: true,
      routes: [],
      rootless: null,
      defaultRoute: null,
      unavailable: [],
    });
  }
  readPid(): ReturnType<HostInspector['readPid']> {
    return Promise.resolve({ ok: true, ifaces: [] });
  }
  readExtraIfaces(): ReturnType<HostInspector['readExtraIfaces']> {
    return Promise.resolve({ ok: true, ifaces: [], routes: [], spawned: false });
  }
  invalidate(): void {
    // Nothing cached.
  }
}

function setup(): { gw: FakeGateway; host: FakeHost; c: Controller; published: Snapshot[] } {
  const gw = new FakeGateway();
  const host = new FakeHost();
  const c = new Controller(gw, host, 'test', true);
  const published: Snapshot[] = [];
  c.onDidChange(({ snapshot }) => published.push(snapshot));
  return { gw, host, c, published };
}

describe('controller sequencing', () => {
  it('an engine whose API is too old: nothing is published, and no firewall read follows', async () => {
    const { gw, host, c, published } = setup();
    gw.apiVersion = '1.30';
    await assert.rejects(c.refresh(), /too old/);
    await tick();
    assert.equal(published.length, 0);
    assert.equal(host.firewallReads, 0);
    assert.equal(c.snapshot, undefined);
  });

  it('a list call failing after a reconnect: the old snapshot is not published again with no engine', async () => {
    const { gw, host, c, published } = setup();
    await c.refresh();
    await tick();
    const before = published.length;
    const reads = host.firewallReads;
    assert.ok(before >= 2, 'the read and its firewall follow-up were published');
    c.invalidateEngine();
    gw.failLists = true;
    await assert.rejects(c.refresh(), /gone/);
    await tick();
    assert.equal(published.length, before, 'nothing published after the failure');
    assert.equal(host.firewallReads, reads, 'no firewall follow-up after a failed read');
    for (const s of published) assert.ok(s.engine, 'every published snapshot has its engine');
  });

  it('a firewall read before any successful read is refused', async () => {
    const { c, published } = setup();
    await assert.rejects(c.refreshFirewall(), /No snapshot yet/);
    assert.equal(published.length, 0);
  });

  it('an event during a full read waits for it, then re-reads only what it names', async () => {
    const { gw, c, published } = setup();
    gw.inspectDelayMs = 5;
    const full = c.refresh();
    const id = capturedContainerInspects()[0]?.Id ?? '';
    const inc = c.applyEvents([{ Type: 'container', Action: 'start', Actor: { ID: id, Attributes: {} }, time: 0 }]);
    await Promise.all([full, inc]);
    const kinds = c.lastStats?.kind;
    assert.equal(kinds === 'incremental' || kinds === 'firewall', true);
    const lastInspects = gw.calls.slice(gw.calls.lastIndexOf('listContainers') + 1).filter((x) => x.startsWith('inspect'));
    assert.equal(lastInspects[lastInspects.length - 1], `inspect ${id.slice(0, 6)}`, 'the incremental read came after the full one');
    assert.ok(published.every((s) => s.engine));
  });

  it('an event storm re-reads at most 8 containers at a time', async () => {
    const { gw, c } = setup();
    await c.refresh();
    gw.inspectDelayMs = 3;
    gw.maxInFlight = 0;
    const events = Array.from({ length: 50 }, (_, i) => ({
      Type: 'container',
      Action: 'start',
      Actor: { ID: `${String(i).padStart(2, '0')}${'f'.repeat(62)}`, Attributes: {} },
      time: 0,
    }));
    const s = await c.applyEvents(events);
    assert.ok(s);
    assert.equal(c.lastStats?.containersInspected, 50);
    assert.ok(gw.maxInFlight <= 8, `at most 8 inspects in flight, saw ${gw.maxInFlight}`);
    assert.ok(gw.maxInFlight > 1, 'still in parallel');
  });
});

describe('live updates batching', () => {
  /** A controller over the fakes whose applyEvents is recorded: batch sizes and start times. */
  function recorded(): { gw: FakeGateway; c: Controller; emit: () => (e: RawEvent) => void; batches: { size: number; at: number }[] } {
    const gw = new FakeGateway();
    let onEvent: ((e: RawEvent) => void) | undefined;
    gw.events = (on) => {
      onEvent = on;
      return Promise.resolve({ ended: new Promise(() => undefined), dispose: () => undefined });
    };
    const c = new Controller(gw, new FakeHost(), 'test', true);
    const batches: { size: number; at: number }[] = [];
    const apply = c.applyEvents.bind(c);
    c.applyEvents = (b) => {
      batches.push({ size: b.length, at: Date.now() });
      return apply(b);
    };
    return { gw, c, batches, emit: () => onEvent ?? assert.fail('not subscribed') };
  }
  const ev = (i: number): RawEvent => ({
    Type: 'container',
    Action: 'start',
    Actor: { ID: `${String(i).padStart(3, '0')}${'e'.repeat(61)}`, Attributes: {} },
    time: 0,
  });

  it('a steady stream of events costs one batch per interval, never one per event, and loses none', async () => {
    const { gw, c, batches, emit } = recorded();
    const live = new LiveUpdates(c, { debounceMs: 10, minIntervalMs: 100 });
    await live.start();
    gw.inspectDelayMs = 20;
    const t0 = Date.now();
    for (let i = 0; i < 60; i++) {
      emit()(ev(i));
      await new Promise((r) => setTimeout(r, 5));
    }
    const span = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 400));
    live.dispose();
    assert.equal(
      batches.reduce((n, b) => n + b.size, 0),
      60,
      'every event was applied',
    );
    assert.ok(batches.length <= Math.ceil(span / 100) + 2, `${batches.length} batches in ${span} ms`);
    for (let i = 1; i < batches.length; i++) {
      const gap = (batches[i]?.at ?? 0) - (batches[i - 1]?.at ?? 0);
      assert.ok(gap >= 95, `batch ${i} started ${gap} ms after the one before`);
    }
  });

  it('one event after a quiet spell is applied after the debounce, not the interval', async () => {
    const { c, batches, emit } = recorded();
    const live = new LiveUpdates(c, { debounceMs: 10, minIntervalMs: 5000 });
    await live.start();
    const t0 = Date.now();
    emit()(ev(1));
    await new Promise((r) => setTimeout(r, 60));
    live.dispose();
    assert.equal(batches.length, 1);
    assert.ok((batches[0]?.at ?? Infinity) - t0 < 50, 'applied within the debounce');
  });
});
