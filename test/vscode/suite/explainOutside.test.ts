// "Why can an outside client reach my container?" in the real workbench: explain from an outside
// IPv4 address and from the host, through the command, with the report it opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Explanation } from '../../../src/analysis/reachability';
import type { ExplorerApi } from '../../../src/api';
import { cleanTestResources, createTestNetwork, requireEngine, runTestCommand } from '../../helpers/docker';
import { screenshot } from './screenshot';

const PREFIX = 'dne-test-xo-';

suite('explain from outside the host', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    await requireEngine();
    await cleanTestResources(PREFIX);
    await createTestNetwork(`${PREFIX}net`, '--subnet', '10.254.62.0/24');
    // Real listeners: explain also checks that something in the container listens on the port.
    for (const [name, publish] of [
      ['web', '18463:80'],
      ['local', '127.0.0.1:18464:80'],
    ] as const) {
      await runTestCommand(`${PREFIX}${name}`, ['--network', `${PREFIX}net`, '-p', publish], ['httpd', '-f', '-p', '80']);
    }
    const ext = vscode.extensions.getExtension<ExplorerApi>('docker-network-explorer.docker-network-explorer');
    assert.ok(ext);
    const api = await ext.activate();
    await api.waitFor((s) => !!s.host.firewall?.published.some((p) => p.hostPort === 18464));
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cleanTestResources(PREFIX);
  });

  test('an outside client reaches a port published on every address, and INPUT does not stop it', async () => {
    const x = await vscode.commands.executeCommand<Explanation>('dockerNetworks.explainReachability', {
      from: '203.0.113.7',
      to: `${PREFIX}web`,
      port: 80,
    });
    assert.equal(x.reachable, true);
    const pub = x.ways.find((w) => w.kind === 'published' && w.open);
    assert.equal(pub?.hostPort, 18463);
    const codes = x.reasons.map((r) => r.code);
    assert.ok(codes.includes('PUBLISHED_PORT') && codes.includes('PUBLISHED_BYPASSES_INPUT'), codes.join(', '));
    await screenshot('explain-outside', 15_000, 3000);
  });

  test('a port on 127.0.0.1 is closed to outside clients, open to the host', async () => {
    const out = await vscode.commands.executeCommand<Explanation>('dockerNetworks.explainReachability', {
      from: '203.0.113.7',
      to: `${PREFIX}local`,
      port: 80,
    });
    assert.ok(!out.ways.some((w) => w.kind === 'published' && w.open), JSON.stringify(out.ways));
    assert.ok(out.reasons.some((r) => r.code === 'LOOPBACK_ONLY_BINDING'));
    const host = await vscode.commands.executeCommand<Explanation>('dockerNetworks.explainReachability', {
      from: 'host',
      to: `${PREFIX}local`,
      port: 80,
    });
    assert.ok(
      host.ways.some((w) => w.kind === 'published' && w.open && w.hostIp === '127.0.0.1'),
      JSON.stringify(host.ways),
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('dockerNetworks.explainReachability', { from: '203.0.113.999', to: `${PREFIX}web` })),
      /No container "203\.0\.113\.999"|IPv4/,
    );
  });
});
