// dockerd stopped and started under the running extension: the view says the engine is down, and
// catches up by itself when it is back. docker28 is the engine stopped: this project runs that
// dockerd; the system engine's containers are not ours.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../../src/api';
import type { ConnectionStatus } from '../../../src/core/liveUpdates';
import { TEST_IMAGE, TEST_LABEL } from '../../helpers/docker';
import { startEngine, stopEngine } from '../../helpers/engineRestart';
import { ENGINES } from '../../helpers/engines';
import { screenshot } from './screenshot';

const run = promisify(execFile);
const E28 = ENGINES.find((e) => e.name === 'docker28');
const PREFIX = 'dne-test-vsrestart-';
const e28 = async (...args: string[]): Promise<string> => (await run('docker', ['-H', E28?.dockerHost ?? '', ...args])).stdout.trim();

async function clean(): Promise<void> {
  const ids = (await e28('ps', '-aq', '--filter', `label=${TEST_LABEL}`, '--filter', `name=${PREFIX}`)).split('\n').filter(Boolean);
  if (ids.length) await e28('rm', '-f', ...ids);
}

function statusUntil(api: ExplorerApi, pred: (s: ConnectionStatus) => boolean, ms: number, what: string): Promise<ConnectionStatus> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const t0 = Date.now();
    const tick = (): void => {
      const s = api.status();
      seen.push(s.state);
      if (pred(s)) return resolve(s);
      if (Date.now() - t0 > ms) return reject(new Error(`no status ${what} within ${ms} ms (last: ${seen.slice(-3).join(', ')})`));
      setTimeout(tick, 100);
    };
    tick();
  });
}

suite('dockerd stopped and started under the running extension', () => {
  let api: ExplorerApi;
  const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('dockerNetworks');

  suiteSetup(async function () {
    this.timeout(120_000);
    assert.ok(E28, 'test/helpers/engines.ts names docker28');
    const ext = vscode.extensions.getExtension<ExplorerApi>('docker-network-explorer.docker-network-explorer');
    assert.ok(ext);
    api = await ext.activate();
    await clean();
    await e28(
      'run',
      '-d',
      '--name',
      `${PREFIX}always`,
      '--label',
      TEST_LABEL,
      '--restart',
      'always',
      '--stop-timeout',
      '1',
      TEST_IMAGE,
      'sleep',
      '3600',
    );
    await e28('run', '-d', '--name', `${PREFIX}once`, '--label', TEST_LABEL, '--stop-timeout', '1', TEST_IMAGE, 'sleep', '3600');
  });
  suiteTeardown(async function () {
    this.timeout(120_000);
    await startEngine();
    await clean();
    await cfg().update('host', undefined, vscode.ConfigurationTarget.Global);
    await api.waitFor((s) => s.engine.endpoint === 'unix:///var/run/docker.sock', 30_000);
  });

  test('the view says ENGINE_DOWN while dockerd is stopped, and catches up when it is back', async function () {
    this.timeout(180_000);
    await cfg().update('host', E28?.dockerHost, vscode.ConfigurationTarget.Global);
    await api.waitFor(
      (s) => s.engine.endpoint === E28?.dockerHost && s.containers.some((c) => c.name === `${PREFIX}once` && c.state === 'running'),
      30_000,
    );
    assert.ok(api.tree.getChildren().length > 0);
    await vscode.commands.executeCommand('workbench.view.extension.dockerNetworks');
    await vscode.commands.executeCommand('dockerNetworks.topology.focus');

    await stopEngine(E28 ?? assert.fail());
    const down = await statusUntil(
      api,
      (s) => s.state === 'disconnected' && s.error.code === 'ENGINE_DOWN',
      30_000,
      'disconnected ENGINE_DOWN',
    );
    assert.ok(down.state === 'disconnected');
    assert.deepEqual(api.tree.getChildren(), [], 'no stale rows while the engine is down');
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('engine-restart-down');

    await startEngine();
    await statusUntil(api, (s) => s.state === 'connected', 90_000, 'connected');
    const s = await api.waitFor(
      (x) => x.engine.endpoint === E28?.dockerHost && x.containers.some((c) => c.name === `${PREFIX}always` && c.state === 'running'),
      30_000,
    );
    const once = s.containers.find((c) => c.name === `${PREFIX}once`);
    assert.equal(once?.state, 'exited', 'the container without a restart policy stayed stopped');
    assert.ok(api.tree.getChildren().length > 0, 'the tree is back');
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('engine-restart-back');
  });
});
