// Each command id called with an argument object inside the real extension host, asserted on
// Docker's state. A rejected command leaves the engine unchanged.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../../src/api';
import {
  TEST_IMAGE,
  cleanTestResources,
  createTestNetwork,
  docker,
  dockerJson,
  requireEngine,
  runTestContainer,
} from '../../helpers/docker';

const LABELS = { 'dne.test': '1' };
let api: ExplorerApi;

const run = <T>(id: string, arg: unknown): Thenable<T> => vscode.commands.executeCommand<T>(`dockerNetworks.${id}`, arg);

async function state(): Promise<string> {
  const nets = (await docker('network', 'ls', '--format', '{{.Name}}'))
    .split('\n')
    .filter((n) => n.startsWith('dne-test-cmd-'))
    .sort();
  const ids = (await docker('ps', '-aq', '--filter', 'label=dne.test=1', '--filter', 'name=^dne-test-cmd-')).split('\n').filter(Boolean);
  const eps = ids.length
    ? await docker('inspect', '--format', '{{.Name}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}', ...ids)
    : '';
  return JSON.stringify({ nets, eps: eps.split('\n').sort() });
}

async function rejects(id: string, arg: unknown, message: RegExp): Promise<void> {
  const before = await state();
  await assert.rejects(Promise.resolve(run(id, arg)), (err: unknown) => err instanceof Error && message.test(err.message));
  assert.equal(await state(), before, `${id}: engine unchanged after refusal`);
}

suite('commands with argument objects', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    await requireEngine();
    await cleanTestResources('dne-test-cmd-');
    await runTestContainer('dne-test-cmd-c1');
    const ext = vscode.extensions.getExtension<ExplorerApi>('docker-network-explorer.docker-network-explorer');
    assert.ok(ext);
    api = await ext.activate();
    await api.waitFor((s) => s.containers.some((c) => c.name === 'dne-test-cmd-c1'));
  });
  suiteTeardown(() => cleanTestResources('dne-test-cmd-'));

  test('createNetwork resolves to the new id; bad specs are refused', async () => {
    const id = await run<string>('createNetwork', {
      name: 'dne-test-cmd-net',
      subnet: '10.254.30.0/24',
      gateway: '10.254.30.1',
      labels: LABELS,
    });
    const [raw] = await dockerJson<{ Id: string }[]>('network', 'inspect', 'dne-test-cmd-net');
    assert.equal(id, raw?.Id);
    await rejects(
      'createNetwork',
      { name: 'dne-test-cmd-bad', subnet: '172.2.16.0/24', gateway: '172.22.16.1', labels: LABELS },
      /not inside the subnet/,
    );
    await rejects(
      'createNetwork',
      { name: 'dne-test-cmd-bad', subnet: '10.254.30.0/25', labels: LABELS },
      /overlaps .* "dne-test-cmd-net"/,
    );
  });

  test('connectContainer and disconnectContainer change the endpoints, and the tree follows', async () => {
    await run('connectContainer', {
      container: 'dne-test-cmd-c1',
      network: 'dne-test-cmd-net',
      ipv4: '10.254.30.40',
      aliases: ['cmd-c1-alias'],
    });
    assert.match(
      await docker('inspect', '--format', '{{(index .NetworkSettings.Networks "dne-test-cmd-net").IPAddress}}', 'dne-test-cmd-c1'),
      /^10\.254\.30\.40$/,
    );
    await api.waitFor((s) => !!s.containers.find((c) => c.name === 'dne-test-cmd-c1')?.endpoints.some((e) => e.ipv4 === '10.254.30.40'));
    await rejects('connectContainer', { container: 'dne-test-cmd-c1', network: 'host' }, /host mode/);
    await rejects('connectContainer', { container: 'dne-test-cmd-c1', network: 'dne-test-cmd-net' }, /already connected/);
    await run('disconnectContainer', { container: 'dne-test-cmd-c1', network: 'dne-test-cmd-net' });
    assert.equal(await docker('inspect', '--format', '{{len .NetworkSettings.Networks}}', 'dne-test-cmd-c1'), '1');
    await rejects('disconnectContainer', { container: 'dne-test-cmd-c1', network: 'dne-test-cmd-net' }, /not connected/);
  });

  test('runContainer and joinContainer resolve to ids; a missing image is refused without pulling', async () => {
    const runId = await run<string>('runContainer', {
      image: TEST_IMAGE,
      name: 'dne-test-cmd-run',
      network: 'dne-test-cmd-net',
      ipv4: '10.254.30.50',
      command: 'sleep 60',
      labels: LABELS,
    });
    assert.equal(await docker('inspect', '--format', '{{.Id}}', 'dne-test-cmd-run'), runId);
    const joinId = await run<string>('joinContainer', {
      target: 'dne-test-cmd-run',
      image: TEST_IMAGE,
      name: 'dne-test-cmd-join',
      command: 'sleep 60',
      labels: LABELS,
    });
    assert.equal(await docker('inspect', '--format', '{{.HostConfig.NetworkMode}}', 'dne-test-cmd-join'), `container:${runId}`);
    assert.equal(await docker('inspect', '--format', '{{.Id}}', 'dne-test-cmd-join'), joinId);
    await rejects('joinContainer', { target: 'dne-test-cmd-run', image: 'dne-test-cmd-nothing:latest', labels: LABELS }, /never pull/);
    await rejects('runContainer', { image: TEST_IMAGE, network: 'bridge', aliases: ['a'], labels: LABELS }, /default bridge has no DNS/);
  });

  test('removeNetwork refuses a network in use and built-ins; pruneNetworks returns removed names', async () => {
    await rejects('removeNetwork', { network: 'dne-test-cmd-net' }, /used by dne-test-cmd-run/);
    await rejects('removeNetwork', { network: 'bridge' }, /built-in/);
    await docker('network', 'create', '--label', 'dne.test=1', '--label', 'dne.test.suite=cmd', 'dne-test-cmd-unused');
    await createTestNetwork('dne-test-cmd-gone');
    await run('removeNetwork', { network: 'dne-test-cmd-gone' });
    assert.equal(await docker('network', 'ls', '-q', '--filter', 'name=^dne-test-cmd-gone$'), '');
    const removed = await run<string[]>('pruneNetworks', { labels: ['dne.test=1', 'dne.test.suite=cmd'] });
    assert.deepEqual(removed, ['dne-test-cmd-unused']);
  });

  test('stopContainer, startContainer and removeContainer change the container, and the snapshot follows', async () => {
    const name = 'dne-test-cmd-life';
    await runTestContainer(name, '--stop-timeout', '1');
    const id = (await docker('inspect', '--format', '{{.Id}}', name)).trim();
    await api.waitFor((s) => s.containers.some((c) => c.name === name && c.state === 'running'));
    assert.equal(await run<string>('stopContainer', { container: name }), id);
    await api.waitFor((s) => s.containers.some((c) => c.name === name && c.state === 'exited'));
    await rejects('stopContainer', { container: name }, /is not running/);
    assert.equal(await run<string>('startContainer', { container: name }), id);
    await api.waitFor((s) => s.containers.some((c) => c.name === name && c.state === 'running'));
    await rejects('removeContainer', { container: name }, /is running: stop it first, or remove it with force/);
    assert.equal(await run<string>('removeContainer', { container: name, force: true }), id);
    await api.waitFor((s) => !s.containers.some((c) => c.name === name));
  });

  test('the read-only setting refuses every change', async () => {
    const cfg = vscode.workspace.getConfiguration('dockerNetworks');
    await cfg.update('readOnly', true, vscode.ConfigurationTarget.Global);
    try {
      await rejects('createNetwork', { name: 'dne-test-cmd-ro', labels: LABELS }, /dockerNetworks\.readOnly is on/);
      await rejects('removeNetwork', { network: 'dne-test-cmd-net' }, /readOnly/);
      await rejects('stopContainer', { container: 'dne-test-cmd-c1' }, /Stopping a container is disabled: dockerNetworks\.readOnly is on/);
      await rejects('removeContainer', { container: 'dne-test-cmd-c1', force: true }, /readOnly/);
    } finally {
      await cfg.update('readOnly', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
