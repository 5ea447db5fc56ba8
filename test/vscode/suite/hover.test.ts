// The path diagram in the tree hover, inside the real workbench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../../src/api';
import type { TreeNode } from '../../../src/tree/treeModel';
import { cleanTestResources, createTestNetwork, docker, requireEngine, runTestContainer } from '../../helpers/docker';
import type { Explanation } from '../../../src/analysis/reachability';
import { hoverScreenshot, inOtherThemes, screenshot } from './screenshot';

let api: ExplorerApi;

suite('hover diagrams', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    await requireEngine();
    await cleanTestResources('dne-test-hover-');
    await createTestNetwork('dne-test-hover-net', '--subnet', '10.254.40.0/24');
    await runTestContainer('dne-test-hover-web', '--network', 'dne-test-hover-net', '-p', '127.0.0.1::80');
    await runTestContainer('dne-test-hover-other');
    const ext = vscode.extensions.getExtension<ExplorerApi>('docker-network-explorer.docker-network-explorer');
    assert.ok(ext);
    api = await ext.activate();
    // The firewall is read right after each refresh: wait until it has this network's rules.
    await api.waitFor(
      (s) =>
        !!s.host.firewall?.masquerade.some((m) => m.source === '10.254.40.0/24') &&
        !!s.host.firewall.published.some((p) => p.containerIp === '10.254.40.2') &&
        s.containers.some((c) => c.name === 'dne-test-hover-web' && c.endpoints[0]?.hostVeth),
    );
  });
  suiteTeardown(() => cleanTestResources('dne-test-hover-'));

  test('a container tooltip resolves to its veth/bridge/NAT path and published port rule', async () => {
    const snap = api.snapshot();
    assert.ok(snap);
    const c = snap.containers.find((x) => x.name === 'dne-test-hover-web');
    assert.ok(c);
    const node: TreeNode = { kind: 'container', id: `ctr:${c.id}`, container: c };
    const item = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
    const md = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : '';
    const ep = c.endpoints[0];
    assert.ok(ep?.hostVeth && ep.ifname);
    const bridge = ep.bridge ?? '?';
    // Diagrams first: SVG images of the path, before the facts table.
    const firstImage = md.indexOf('](data:image/svg+xml');
    assert.ok(firstImage > 0 && firstImage < md.indexOf('| | |'), `the diagram comes before the facts: ${md.slice(0, 300)}`);
    const svgs = [...md.matchAll(/\]\((data:image\/svg\+xml;charset=utf-8,[^)]+)\)/g)].map((m) => decodeURIComponent(m[1] ?? ''));
    assert.equal(svgs.length, 2, 'one egress diagram and one for the published port');
    const [egress = '', ingress = ''] = svgs;
    for (const part of [`>${ep.ifname}<`, '10.254.40.2/24', ep.hostVeth, '>dne-test-hover-net<', `${bridge} 10.254.40.1`, 'MASQUERADE'])
      assert.ok(egress.includes(part), `egress diagram has ${part}`);
    assert.match(ingress, /host 127\.0\.0\.1:\d+/);
    assert.match(ingress, /DNAT/);
    assert.match(ingress, /10\.254\.40\.2:80/);
    // A why and a command per hop; the rule texts one click away.
    assert.ok(md.includes(`\`ip link show ${ep.hostVeth}\``), md);
    assert.ok(md.includes(`\`brctl show ${bridge}\``), md);
    assert.ok(!md.includes('-A POSTROUTING'), 'no rule text in the hover itself');
    assert.match(md, /\[Show rules and commands\]\(command:dockerNetworks\.showPath\?/);
    await vscode.commands.executeCommand('dockerNetworks.showPath', { container: 'dne-test-hover-web' });
    const findReport = (): vscode.TextDocument | undefined =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'docker-network-analysis' && d.uri.path.includes('paths of'));
    for (let i = 0; i < 50 && !findReport(); i++) await new Promise((r) => setTimeout(r, 100));
    const report = findReport();
    assert.ok(report, 'Show rules opens the paths report');
    const rtext = report.getText().replace(/\\/g, '');
    assert.ok(rtext.includes(`-A POSTROUTING -s 10.254.40.0/24 ! -o ${bridge} -j MASQUERADE`), rtext);
    assert.match(rtext, /iptables -t nat -S POSTROUTING/);
    assert.match(rtext, /DNAT rule: `-A DOCKER .*--to-destination 10\.254\.40\.2:80`/);
    // The preview renders its images a moment after the document opens.
    await screenshot('paths-report', 15_000, 2_500);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.dockerNetworks');
    await hoverScreenshot('hover-container', 'dne-test-hover-web');
    await inOtherThemes((t) => hoverScreenshot(`hover-container-${t}`, 'dne-test-hover-web'));
  });

  test('explainReachability shows the verdict and reasons in a readable document', async () => {
    const x = await vscode.commands.executeCommand<Explanation>('dockerNetworks.explainReachability', {
      from: 'dne-test-hover-other',
      to: 'dne-test-hover-web',
      port: 80,
    });
    assert.equal(x.reachable, false);
    assert.deepEqual(x.reasons.map((r) => r.code).slice(0, 2), ['NO_SHARED_NETWORK', 'ISOLATED_BRIDGES']);
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('dockerNetworks.explainReachability', { from: 'dne-test-hover-other', to: 'dne-test-nope' }),
      ),
      /No container "dne-test-nope"/,
    );
    await screenshot('explain-preview', 15_000, 2_500);
    // One report view, reused: a second explain replaces the first in the same tab.
    await vscode.commands.executeCommand('dockerNetworks.explainReachability', { from: 'dne-test-hover-web', to: 'dne-test-hover-other' });
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'docker-network-analysis' && d.uri.path.includes('explain'));
    assert.ok(doc, 'the explain report is an open document');
    // Markdown escapes the dashes of names: compare without the backslashes.
    const text = (): string => doc.getText().replace(/\\/g, '');
    for (let i = 0; i < 40 && !text().includes('# dne-test-hover-web'); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(text(), /^# dne-test-hover-web → dne-test-hover-other/m, 'the report shows the latest explain');
    const reports = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.includes('explain'));
    assert.equal(reports.length, 1, `one report tab: ${reports.map((t) => t.label).join(', ')}`);
    // The route, drawn hop by hop, stops at Docker's isolation, with the command that shows each hop.
    assert.match(text(), /## The route, hop by hop/);
    assert.match(
      text(),
      /!\[dne-test-hover-web eth0 10\.254\.40\.2\/24 → veth\S+ → dne-test-hover-net \(br-[0-9a-f]{12}\) 10\.254\.40\.1 → ✗ isolation\]\(data:image\/svg\+xml/,
    );
    assert.match(text(), /brctl show br-[0-9a-f]{12}/);
    await screenshot('explain-route-blocked');
    await inOtherThemes((t) => screenshot(`explain-route-blocked-${t}`));
    // The report follows the snapshot: connect B to A's network and it turns reachable, in place.
    await docker('network', 'connect', 'dne-test-hover-net', 'dne-test-hover-other');
    const until = async (re: RegExp, what: string): Promise<void> => {
      for (let i = 0; i < 200 && !re.test(text()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(text(), re, what);
    };
    await until(/^# dne-test-hover-web → dne-test-hover-other: ✓ reachable/m, 'the open report updates when B joins the network');
    assert.match(text(), /dne-test-hover-net \(br-[0-9a-f]{12}\)/);
    await screenshot('explain-route-open');
    // B removed: the report says so, above the last verdict.
    await docker('rm', '-f', 'dne-test-hover-other');
    await until(/^# dne-test-hover-other is gone/m, 'the report says when B is gone');
    // rm -f kills it first: the last verdict seen may be "not running" before it went.
    assert.match(text(), /^## dne-test-hover-web → dne-test-hover-other: /m, 'the last verdict stays below');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
