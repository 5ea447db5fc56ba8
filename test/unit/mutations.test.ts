// Mutations' sequencing with a fake of our own narrow EngineAccess: a fresh read, then validation,
// then the gateway; a refused request (at the script edge or in validation) calls no gateway method.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Mutations, wrapDockerError, type EngineAccess } from '../../src/core/mutations';
import { parseConnectRequest, parseCreateNetworkRequest } from '../../src/core/parseRequests';
import type { DockerGateway, EventSubscription } from '../../src/docker/gateway';
import type { Snapshot } from '../../src/shared/model';
import { capturedSnapshot } from '../helpers/fixtures';

const snap = capturedSnapshot({ engine: { endpoint: 'unix:///fake.sock' } });

/** Records every call in order; reads are never made here (the snapshot comes from refresh). */
class RecordingGateway implements DockerGateway {
  readonly endpointUrl = 'unix:///fake.sock';
  constructor(
    private readonly log: string[],
    private readonly fail?: string,
  ) {}
  private call<T>(name: string, value: T): Promise<T> {
    this.log.push(name);
    return this.fail ? Promise.reject(new Error(this.fail)) : Promise.resolve(value);
  }
  private unused(): Promise<never> {
    return Promise.reject(new Error('not used by Mutations'));
  }
  ping = (): Promise<never> => this.unused();
  version = (): Promise<never> => this.unused();
  info = (): Promise<never> => this.unused();
  listNetworks = (): Promise<never> => this.unused();
  inspectNetwork = (): Promise<never> => this.unused();
  listContainers = (): Promise<never> => this.unused();
  inspectContainer = (): Promise<never> => this.unused();
  listImages = (): Promise<{ id: string; tags: string[] }[]> => {
    this.log.push('listImages');
    return Promise.resolve([{ id: 'sha256:abc', tags: ['busybox:latest'] }]);
  };
  createNetwork = (): Promise<string> => this.call('createNetwork', 'new-id');
  removeNetwork = (): Promise<void> => this.call('removeNetwork', undefined);
  pruneNetworks = (): Promise<string[]> => this.call('pruneNetworks', ['b', 'a']);
  connect = (): Promise<void> => this.call('connect', undefined);
  disconnect = (): Promise<void> => this.call('disconnect', undefined);
  runContainer = (): Promise<string> => this.call('runContainer', 'ctr-id');
  removeContainer = (): Promise<never> => this.unused();
  startContainer = (): Promise<never> => this.unused();
  stopContainer = (): Promise<never> => this.unused();
  runHelper = (): Promise<never> => this.unused();
  exec = (): Promise<never> => this.unused();
  events = (): Promise<EventSubscription> => this.unused();
  dispose(): void {}
}

function fake(fail?: string): { m: Mutations; log: string[] } {
  const log: string[] = [];
  const access: EngineAccess = {
    gateway: new RecordingGateway(log, fail),
    refresh: (): Promise<Snapshot> => {
      log.push('refresh');
      return Promise.resolve(snap);
    },
  };
  return { m: new Mutations(access), log };
}

describe('Mutations with typed requests', () => {
  it('reads fresh, validates, then calls the gateway once', async () => {
    const { m, log } = fake();
    assert.equal(await m.createNetwork({ name: 'fresh', subnet: '10.240.0.0/24' }), 'new-id');
    assert.deepEqual(log, ['refresh', 'createNetwork']);
  });

  it('a request refused by validation calls no gateway method', async () => {
    const { m, log } = fake();
    await assert.rejects(m.createNetwork({ name: 'gt-net-a' }), /already exists/);
    await assert.rejects(m.connect({ container: 'gt-a1', network: 'host' }), /host mode/);
    await assert.rejects(m.connect({ container: 'gt-def2', network: 'gt-net-a', ipv4: '10.99.0.1' }), /outside the subnet/);
    await assert.rejects(m.disconnect({ container: 'gt-def2', network: 'gt-net-a' }), /is not connected/);
    await assert.rejects(m.removeNetwork({ network: 'bridge' }), /built-in/);
    await assert.rejects(
      m.run({ image: 'busybox', network: 'host', publish: [{ containerPort: 80, protocol: 'tcp' }] }),
      /does not publish ports/,
    );
    assert.deepEqual(
      log.filter((c) => c !== 'refresh' && c !== 'listImages'),
      [],
    );
  });

  it('a bad argument object is refused at the script edge, before any read', async () => {
    const { m, log } = fake();
    await assert.rejects(async () => m.createNetwork(parseCreateNetworkRequest('x')), /one argument object/);
    await assert.rejects(async () => m.connect(parseConnectRequest({ container: 'gt-a1' })), /network is required/);
    assert.deepEqual(log, []);
  });

  it("wraps Docker's refusal with what was done and a hint", async () => {
    const { m } = fake('Pool overlaps with other one on this address space');
    await assert.rejects(
      m.createNetwork({ name: 'fresh', subnet: '10.240.0.0/24' }),
      /Creating network "fresh" failed: Docker says "Pool overlaps.*another subnet/,
    );
    assert.throws(
      () => wrapDockerError(new Error('has active endpoints'), 'Removing'),
      /Removing: Docker says "has active endpoints"\. Disconnect its containers first\./,
    );
  });

  it('prune returns sorted names and runs without validation reads', async () => {
    const { m, log } = fake();
    assert.deepEqual(await m.pruneNetworks({ labels: ['dne.test=1'] }), ['a', 'b']);
    assert.deepEqual(log, ['pruneNetworks']);
  });
});
