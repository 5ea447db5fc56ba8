// Audit Host and Compare Firewall Dumps in the real workbench: the findings and the diff open as
// readable previews, and what they say matches the engine and the dumps.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AuditResult } from '../../../src/analysis/audit';
import type { FirewallDiff } from '../../../src/analysis/firewall/diff';
import type { ExplorerApi } from '../../../src/api';
import { cleanTestResources, createTestNetwork, requireEngine, runTestContainer } from '../../helpers/docker';
import { fixturesDir } from '../../helpers/fixtures';
import { screenshot } from './screenshot';

const PREFIX = 'dne-test-audit-';

suite('audit and firewall diff', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    await requireEngine();
    await cleanTestResources(PREFIX);
    await createTestNetwork(`${PREFIX}net`, '--subnet', '10.254.61.0/24');
    await runTestContainer(`${PREFIX}open`, '--network', `${PREFIX}net`, '-p', '18461:80');
    await runTestContainer(`${PREFIX}local`, '--network', `${PREFIX}net`, '-p', '127.0.0.1:18462:80');
    const ext = vscode.extensions.getExtension<ExplorerApi>('docker-network-explorer.docker-network-explorer');
    assert.ok(ext);
    const api = await ext.activate();
    await api.waitFor((s) => !!s.host.firewall?.published.some((p) => p.hostPort === 18462));
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cleanTestResources(PREFIX);
  });

  test('Audit Host: a port on every address is a finding, one on 127.0.0.1 is not', async () => {
    const r = await vscode.commands.executeCommand<AuditResult>('dockerNetworks.auditHost');
    const all = r.findings.filter((f) => f.code === 'PUBLISHED_ALL_INTERFACES');
    assert.ok(
      all.some((f) => f.subject.name === '0.0.0.0:18461/tcp' && f.message.includes(`${PREFIX}open`)),
      JSON.stringify(all),
    );
    assert.ok(
      !all.some((f) => f.subject.name.includes('18462') || f.message.includes(`${PREFIX}local`)),
      'a loopback binding is not exposed',
    );
    const sev = ['high', 'medium', 'low', 'info'];
    const order = r.findings.map((f) => sev.indexOf(f.severity));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      'grouped by severity, high first',
    );
    await screenshot('audit-preview', 15_000, 4000);
  });

  test('Compare Firewall Dumps: Docker 20.10 → 28.5.2 shows what changed, by meaning', async () => {
    const dir = join(fixturesDir(), 'firewall', 'moby-generated');
    const d = await vscode.commands.executeCommand<FirewallDiff>('dockerNetworks.compareFirewallDumps', {
      before: join(dir, '28.0.0-moby-iptablesdoc-usernet-portmap.txt'),
      after: join(dir, '28.5.2-moby-iptablesdoc-usernet-portmap.txt'),
    });
    assert.equal(d.before.dockerLayout, 'docker-28.0.0');
    assert.equal(d.after.dockerLayout, 'docker-28.0.1+');
    assert.deepEqual(d.added.published, [], 'the published port itself did not change');
    assert.ok(
      d.added.directRoutingDrops.length + d.removed.directRoutingDrops.length > 0,
      'the per-port raw drop became one per container',
    );
    await screenshot('firewall-diff-preview', 15_000, 4000);
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('dockerNetworks.compareFirewallDumps', {
          before: join(fixturesDir(), 'README.md'),
          after: join(dir, '28.5.2-moby-iptablesdoc-usernet-portmap.txt'),
        }),
      ),
      /is not a firewall dump/,
    );
  });
});
