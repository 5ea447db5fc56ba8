// Every change through the controller on the real engine: success, and each bad input refused
// with a clear message and no change to the engine. Argument objects go through the script edge
// (parseRequests.ts) first, as the command table sends them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createController } from '../../src/core/createController';
import type { Controller } from '../../src/core/controller';
import { Mutations, type JoinResult } from '../../src/core/mutations';
import {
  parseConnectRequest,
  parseContainerRequest,
  parseCreateNetworkRequest,
  parseDisconnectRequest,
  parseJoinRequest,
  parsePruneRequest,
  parseRemoveNetworkRequest,
  parseRunRequest,
} from '../../src/core/parseRequests';
import { ValidationError } from '../../src/core/validate';
import { TEST_IMAGE, cleanTestResources, createTestNetwork, docker, dockerJson, requireEngine, runTestContainer } from '../helpers/docker';
import { engineEnv, onEngine } from '../helpers/engines';

const LABELS = { 'dne.test': '1' };
let controller: Controller;
let m: Mutations;

/** A script's argument object, parsed at the edge, then the typed call (async: a parse error rejects). */
const scripted = {
  createNetwork: async (a: unknown): Promise<string> => m.createNetwork(parseCreateNetworkRequest(a)),
  removeNetwork: async (a: unknown): Promise<void> => m.removeNetwork(parseRemoveNetworkRequest(a)),
  pruneNetworks: async (a: unknown): Promise<string[]> => m.pruneNetworks(parsePruneRequest(a)),
  connect: async (a: unknown): Promise<void> => m.connect(parseConnectRequest(a)),
  disconnect: async (a: unknown): Promise<void> => m.disconnect(parseDisconnectRequest(a)),
  join: async (a: unknown): Promise<JoinResult> => m.join(parseJoinRequest(a)),
  run: async (a: unknown): Promise<string> => m.run(parseRunRequest(a)),
  removeContainer: async (a: unknown): Promise<unknown> => m.removeContainer(parseContainerRequest(a, 'removeContainer')),
  startContainer: async (a: unknown): Promise<unknown> => m.startContainer(parseContainerRequest(a, 'startContainer')),
  stopContainer: async (a: unknown): Promise<unknown> => m.stopContainer(parseContainerRequest(a, 'stopContainer')),
};

/** The test's networks (a bad create could add any name, so all dne-test-* and built-ins) and containers' endpoints. */
async function engineState(): Promise<string> {
  const nets = (await docker('network', 'ls', '--format', '{{.ID}} {{.Name}}'))
    .split('\n')
    .filter((l) => / (dne-test-m-.*|bridge|host|none)$/.test(l))
    .sort();
  const ids = (await docker('ps', '-aq', '--filter', 'label=dne.test=1', '--filter', 'name=^dne-test-m-')).split('\n').filter(Boolean);
  const ctrs = ids.length
    ? await dockerJson<{ Name: string; State: { Status: string }; NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }[]>(
        'inspect',
        ...ids,
      )
    : [];
  const eps = ctrs
    .map(
      (c) =>
        `${c.Name} ${c.State.Status} ${Object.entries(c.NetworkSettings.Networks)
          .map(([n, e]) => `${n}=${e.IPAddress}`)
          .sort()
          .join(',')}`,
    )
    .sort();
  return JSON.stringify({ nets, eps });
}

/** The call is refused with the message, and the engine is exactly as before. */
async function refused(call: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = await engineState();
  await assert.rejects(call, (err: unknown) => {
    assert.ok(err instanceof Error);
    assert.match(err.message, message);
    assert.doesNotMatch(err.message, /\n\s+at /, 'no stack trace in the message');
    return true;
  });
  const now = await engineState();
  assert.ok(now === before, `engine state changed:\nbefore ${before.slice(0, 2000)}\nafter  ${now.slice(0, 2000)}`);
}

describe(onEngine('mutations on the real engine'), () => {
  before(async () => {
    await requireEngine();
    await cleanTestResources('dne-test-m-');
    await createTestNetwork('dne-test-m-auto');
    await createTestNetwork('dne-test-m-used', '--subnet', '10.254.20.0/24');
    await runTestContainer('dne-test-m-c1', '--network', 'dne-test-m-used', '--ip', '10.254.20.10');
    await runTestContainer('dne-test-m-c2');
    await runTestContainer('dne-test-m-host', '--network', 'host');
    await runTestContainer('dne-test-m-joined', '--network', 'container:dne-test-m-c1');
    await docker('create', '--name', 'dne-test-m-created', '--label', 'dne.test=1', TEST_IMAGE, 'sleep', '60');
    controller = createController({ env: engineEnv() });
    m = new Mutations(controller);
  });
  after(async () => {
    controller?.gateway.dispose();
    await cleanTestResources('dne-test-m-');
  });

  it('creates a network with subnet, gateway, ip-range, internal and labels', async () => {
    const id = await scripted.createNetwork({
      name: 'dne-test-m-new',
      subnet: '10.254.21.0/24',
      gateway: '10.254.21.254',
      ipRange: '10.254.21.128/25',
      internal: true,
      labels: LABELS,
    });
    const [raw] = await dockerJson<
      { Id: string; Internal: boolean; IPAM: { Config: { Subnet: string; Gateway: string; IPRange: string }[] } }[]
    >('network', 'inspect', 'dne-test-m-new');
    assert.equal(raw?.Id, id);
    assert.equal(raw?.Internal, true);
    assert.deepEqual(raw?.IPAM.Config, [{ Subnet: '10.254.21.0/24', Gateway: '10.254.21.254', IPRange: '10.254.21.128/25' }]);
  });

  it('refuses bad network specs without calling Docker', async () => {
    await refused(
      () => scripted.createNetwork({ name: 'dne-test-m-x', subnet: '172.2.16.0/24', gateway: '172.22.16.1', labels: LABELS }),
      /gateway 172\.22\.16\.1 is not inside the subnet 172\.2\.16\.0\/24/i,
    );
    await refused(
      () => scripted.createNetwork({ name: 'dne-test-m-x', subnet: '10.254.300.0/24', labels: LABELS }),
      /subnet.*not an IP address/,
    );
    await refused(
      () => scripted.createNetwork({ name: 'dne-test-m-x', subnet: '10.254.22.0/24', ipRange: '10.254.23.0/25', labels: LABELS }),
      /ip-range .* not inside/,
    );
    await refused(
      () => scripted.createNetwork({ name: 'dne-test-m-x', subnet: '10.254.22.0/24', gateway: '10.254.22.255', labels: LABELS }),
      /broadcast/,
    );
    await refused(
      () => scripted.createNetwork({ name: 'dne-test-m-x', subnet: '10.254.20.0/25', labels: LABELS }),
      /overlaps 10\.254\.20\.0\/24 of network "dne-test-m-used"/,
    );
    await refused(() => scripted.createNetwork({ name: 'dne test', labels: LABELS }), /must start with a letter or digit/);
    await refused(() => scripted.createNetwork({ name: '', labels: LABELS }), /name is required|empty/);
    await refused(() => scripted.createNetwork({ name: 'dne-test-m-used', labels: LABELS }), /already exists/);
    await refused(() => scripted.createNetwork({ name: 'dne-test-m-x', driver: 'host', labels: LABELS }), /cannot be used/);
    await refused(() => scripted.createNetwork('dne-test-m-x'), /one argument object/);
    await refused(() => scripted.createNetwork({ name: 'dne-test-m-x', internal: 'yes' }), /internal must be true or false/);
  });

  it('connects with a static IP and aliases, and disconnects', async () => {
    await scripted.connect({ container: 'dne-test-m-c2', network: 'dne-test-m-used', ipv4: '10.254.20.77', aliases: ['m-c2-alias'] });
    const [raw] = await dockerJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string; Aliases: string[] }> } }[]>(
      'inspect',
      'dne-test-m-c2',
    );
    assert.equal(raw?.NetworkSettings.Networks['dne-test-m-used']?.IPAddress, '10.254.20.77');
    assert.ok(raw?.NetworkSettings.Networks['dne-test-m-used']?.Aliases.includes('m-c2-alias'));
    await scripted.disconnect({ container: 'dne-test-m-c2', network: 'dne-test-m-used' });
    const [after] = await dockerJson<{ NetworkSettings: { Networks: Record<string, unknown> } }[]>('inspect', 'dne-test-m-c2');
    assert.deepEqual(Object.keys(after?.NetworkSettings.Networks ?? {}), ['bridge']);
  });

  it('refuses bad connects', async () => {
    await refused(
      () => scripted.connect({ container: 'dne-test-m-c2', network: 'dne-test-m-used', ipv4: '10.254.99.5' }),
      /outside the subnet/,
    );
    await refused(
      () => scripted.connect({ container: 'dne-test-m-c2', network: 'dne-test-m-used', ipv4: '10.254.20.10' }),
      /already used by container "dne-test-m-c1"/,
    );
    await refused(() => scripted.connect({ container: 'dne-test-m-c2', network: 'dne-test-m-used', ipv4: '10.254.20.1' }), /gateway/);
    await refused(
      () => scripted.connect({ container: 'dne-test-m-c2', network: 'dne-test-m-auto', ipv4: '172.30.0.9' }),
      /no user-configured subnet/,
    );
    await refused(() => scripted.connect({ container: 'dne-test-m-c2', network: 'host' }), /host mode/);
    await refused(() => scripted.connect({ container: 'dne-test-m-c2', network: 'none' }), /none means no network/);
    await refused(
      () => scripted.connect({ container: 'dne-test-m-joined', network: 'dne-test-m-auto' }),
      /shares the netns of "dne-test-m-c1".*Connect "dne-test-m-c1" instead/,
    );
    await refused(() => scripted.connect({ container: 'dne-test-m-host', network: 'dne-test-m-auto' }), /--network host/);
    await refused(() => scripted.connect({ container: 'dne-test-m-c1', network: 'dne-test-m-used' }), /already connected/);
    await refused(
      () => scripted.connect({ container: 'dne-test-m-c2', network: 'bridge', aliases: ['x'] }),
      /already connected|default bridge/,
    );
    await refused(() => scripted.connect({ container: 'dne-test-nope', network: 'bridge' }), /No container "dne-test-nope"/);
    await refused(() => scripted.disconnect({ container: 'dne-test-m-c2', network: 'dne-test-m-used' }), /is not connected/);
  });

  it('refuses removing built-in or used networks, names the users, and removes after disconnecting', async () => {
    for (const n of ['bridge', 'host', 'none']) await refused(() => scripted.removeNetwork({ network: n }), /built-in/);
    await refused(() => scripted.removeNetwork({ network: 'dne-test-m-used' }), /used by dne-test-m-c1 \(running\)/);
    await createTestNetwork('dne-test-m-busy', '--subnet', '10.254.24.0/24');
    await docker('network', 'connect', 'dne-test-m-busy', 'dne-test-m-c2');
    await scripted.removeNetwork({ network: 'dne-test-m-busy', disconnectContainers: true });
    assert.equal(await docker('network', 'ls', '-q', '--filter', 'name=^dne-test-m-busy$'), '');
  });

  it('prunes only unused networks (label-filtered in tests) and returns their names', async () => {
    // A suite label too, so the prune cannot touch other suites' networks.
    await createTestNetwork('dne-test-m-unused', '--label', 'dne.test.suite=m');
    await createTestNetwork('dne-test-m-unused-other');
    const candidates = (await m.pruneCandidates(['dne.test=1'])).map((n) => n.name);
    assert.ok(candidates.includes('dne-test-m-unused'));
    assert.ok(!candidates.includes('dne-test-m-used'));
    const removed = await scripted.pruneNetworks({ labels: ['dne.test=1', 'dne.test.suite=m'] });
    assert.deepEqual(removed, ['dne-test-m-unused']);
  });

  it('joins a running container, redirects to the owner, and refuses bad joins', async () => {
    const res = await scripted.join({
      target: 'dne-test-m-joined',
      image: TEST_IMAGE,
      name: 'dne-test-m-j2',
      command: 'sleep 60',
      labels: LABELS,
    });
    assert.equal(res.joined, 'dne-test-m-c1');
    assert.match(res.note ?? '', /shares the netns of "dne-test-m-c1"/);
    const [raw] = await dockerJson<{ HostConfig: { NetworkMode: string } }[]>('inspect', 'dne-test-m-j2');
    const [owner] = await dockerJson<{ Id: string }[]>('inspect', 'dne-test-m-c1');
    assert.equal(raw?.HostConfig.NetworkMode, `container:${owner?.Id}`);
    await refused(() => scripted.join({ target: 'dne-test-m-created', image: TEST_IMAGE, labels: LABELS }), /is created: .*Start it first/);
    await refused(
      () => scripted.join({ target: 'dne-test-m-c1', image: 'dne-test-no-such-image:1', labels: LABELS }),
      /not on this engine, and we never pull/,
    );
    await refused(
      () => scripted.join({ target: 'dne-test-m-c1', image: TEST_IMAGE, name: 'dne-test-m-c2', labels: LABELS }),
      /already exists/,
    );
  });

  it('runs containers in each mode and refuses nonsense', async () => {
    const id = await scripted.run({
      image: TEST_IMAGE,
      name: 'dne-test-m-run',
      network: 'dne-test-m-used',
      ipv4: '10.254.20.33',
      aliases: ['runner'],
      publish: ['127.0.0.1::80'],
      command: ['sleep', '60'],
      labels: LABELS,
    });
    const [raw] = await dockerJson<
      { Id: string; NetworkSettings: { Networks: Record<string, { IPAddress: string }>; Ports: Record<string, { HostIp: string }[]> } }[]
    >('inspect', 'dne-test-m-run');
    assert.equal(raw?.Id, id);
    assert.equal(raw?.NetworkSettings.Networks['dne-test-m-used']?.IPAddress, '10.254.20.33');
    assert.equal(raw?.NetworkSettings.Ports['80/tcp']?.[0]?.HostIp, '127.0.0.1');
    await scripted.run({ image: TEST_IMAGE, name: 'dne-test-m-none', network: 'none', command: 'sleep 60', labels: LABELS });
    await refused(() => scripted.run({ image: TEST_IMAGE, network: 'host', publish: ['80'], labels: LABELS }), /does not publish ports/);
    await refused(
      () => scripted.run({ image: TEST_IMAGE, network: 'bridge', ipv4: '172.17.0.99', labels: LABELS }),
      /no user-configured subnet/,
    );
    await refused(() => scripted.run({ image: TEST_IMAGE, network: 'dne-test-m-used', publish: ['99999'], labels: LABELS }), /not a port/);
    await refused(() => scripted.run({ image: 'dne-test-absent:latest', network: 'bridge', labels: LABELS }), /never pull/);
  });

  it('reports validation failures as ValidationError naming the field', async () => {
    await assert.rejects(
      () => scripted.connect({ container: 'dne-test-m-c2', network: 'dne-test-m-used', ipv4: 'x' }),
      (e: unknown) => e instanceof ValidationError && e.field === 'ipv4',
    );
  });

  it('stops, starts and removes a container; refuses what does not apply, changing nothing', async () => {
    const name = 'dne-test-m-life';
    await runTestContainer(name, '--stop-timeout', '1');
    const state = async (): Promise<string> => (await docker('inspect', '--format', '{{.State.Status}}', name)).trim();
    await assert.rejects(() => scripted.startContainer({ container: name }), /is already running/);
    await assert.rejects(
      () => scripted.removeContainer({ container: name }),
      (e: unknown) => e instanceof ValidationError && e.field === 'force',
    );
    assert.equal(await state(), 'running', 'a refused remove left it running');
    await scripted.stopContainer({ container: name });
    assert.equal(await state(), 'exited');
    await assert.rejects(() => scripted.stopContainer({ container: name }), /is not running \(it is exited\)/);
    await scripted.startContainer({ container: name });
    assert.equal(await state(), 'running');
    await assert.rejects(() => scripted.removeContainer({ container: 'dne-test-m-no-such' }), /No container/);
    await assert.rejects(() => scripted.removeContainer({ container: name, force: 'yes' }), /force must be true or false/);
    await scripted.removeContainer({ container: name, force: true });
    assert.equal((await docker('ps', '-aq', '--filter', `name=^${name}$`)).trim(), '', 'removed');
  });
});
