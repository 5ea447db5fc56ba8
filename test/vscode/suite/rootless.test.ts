// A rootless engine in the real workbench: the Host group says whose netns it reads, and the hover
// draws the rootless path (rootlesskit's port driver, tap0, slirp4netns) with the real names.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../../src/api';
import type { TreeNode } from '../../../src/tree/treeModel';
import { ENGINES } from '../../helpers/engines';
import { TEST_IMAGE, TEST_LABEL } from '../../helpers/docker';
import { hoverScreenshot, screenshot } from './screenshot';

const run = promisify(execFile);
const ROOTLESS = ENGINES.find((e) => e.name === 'rootless');
const PREFIX = 'dne-test-rlvs-';
const WEB = `${PREFIX}web`;

/** The docker CLI against the rootless engine (root may use the user's socket). */
const rl = async (...args: string[]): Promise<string> => (await run('docker', ['-H', ROOTLESS?.dockerHost ?? '', ...args])).stdout.trim();

async function clean(): Promise<void> {
  const ids = (await rl('ps', '-aq', '--filter', `label=${TEST_LABEL}`, '--filter', `name=${PREFIX}`)).split('\n').filter(Boolean);
  if (ids.length) await rl('rm', '-f', ...ids);
  const nets = (await rl('network', 'ls', '-q', '--filter', `label=${TEST_LABEL}`, '--filter', `name=${PREFIX}`))
    .split('\n')
    .filter(Boolean);
  if (nets.length) await rl('network', 'rm', ...nets);
}

let api: ExplorerApi;
const label = (n: TreeNode): string => {
  const l = api.tree.getTreeItem(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};

suite('rootless engine in the workbench', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    assert.ok(ROOTLESS, 'test/helpers/engines.ts names a rootless engine');
    try {
      await rl('version', '--format', '{{.Server.Version}}');
    } catch (err) {
      throw new Error(`The rootless engine does not answer on ${ROOTLESS.dockerHost}: run scripts/provision.sh as root. ${String(err)}`);
    }
    await clean();
    await rl('network', 'create', '--label', TEST_LABEL, '--subnet', '10.254.77.0/24', `${PREFIX}net`);
    await rl('run', '-d', '--name', WEB, '--label', TEST_LABEL, '--network', `${PREFIX}net`, '-p', '18477:80', TEST_IMAGE, 'sleep', '3600');
    const ext = vscode.extensions.getExtension<ExplorerApi>('docker-network-explorer.docker-network-explorer');
    assert.ok(ext);
    api = await ext.activate();
    await vscode.workspace.getConfiguration('dockerNetworks').update('host', ROOTLESS.dockerHost, vscode.ConfigurationTarget.Global);
    await api.waitFor(
      (s) =>
        s.host.engineNetns.kind === 'rootless' &&
        !!s.host.firewall?.published.some((p) => p.hostPort === 18477) &&
        !!s.host.rootless?.listeners.some((l) => l.hostPort === 18477) &&
        s.containers.some((c) => c.name === WEB && c.endpoints[0]?.hostVeth),
      60_000,
    );
  });
  suiteTeardown(async function () {
    this.timeout(60_000);
    await vscode.workspace.getConfiguration('dockerNetworks').update('host', undefined, vscode.ConfigurationTarget.Global);
    await clean();
  });

  test("the Host group reads rootlesskit's netns, without root advice", async () => {
    const snap = api.snapshot();
    assert.ok(snap);
    const roots = api.tree.getChildren(undefined);
    const host = roots.find((n) => label(n).startsWith('Host'));
    assert.ok(host);
    assert.equal(label(host), 'Host (rootless engine netns)');
    const facts = api.tree.getChildren(host).map(label);
    assert.deepEqual(facts.slice(0, 3), ['engine netns', 'rootlesskit', 'slirp4netns']);
    assert.ok(!snap.host.unavailable.some((u) => /sudo|run as root/i.test(u)), snap.host.unavailable.join(' | '));
    // The bridge of our network lives in the engine's netns, with our container's veth on it.
    const ep = snap.containers.find((c) => c.name === WEB)?.endpoints[0];
    assert.ok(ep?.bridge && ep.hostVeth);
    assert.deepEqual(snap.host.bridges?.[ep.bridge], [ep.hostVeth]);
    await vscode.commands.executeCommand('workbench.view.extension.dockerNetworks');
    await screenshot('rootless-tree');
  });

  test('the hover draws the rootless path with real process and interface names', async () => {
    const snap = api.snapshot();
    const c = snap?.containers.find((x) => x.name === WEB);
    assert.ok(snap && c);
    const node: TreeNode = { kind: 'container', id: `ctr:${c.id}`, container: c };
    const item = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
    // Markdown escapes punctuation in names: compare without the backslashes.
    const md = (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : '').replace(/\\/g, '');
    const rlFacts = snap.host.rootless;
    assert.ok(rlFacts);
    assert.ok(md.includes(`rootlesskit (pid ${rlFacts.rootlesskitPid}, builtin port driver) listens on 0.0.0.0:18477`), md);
    assert.ok(md.includes(`**${rlFacts.tap ?? 'tap0'}**`), md);
    assert.ok(md.includes(`**slirp4netns (pid ${rlFacts.slirp4netnsPid ?? '?'})**`), md);
    // The diagram draws rootlesskit on the way in.
    const svgs = [...md.matchAll(/\]\((data:image\/svg\+xml;charset=utf-8,[^)]+)\)/g)].map((m) => decodeURIComponent(m[1] ?? ''));
    assert.ok(
      svgs.some((x) => x.includes('>rootlesskit<') && x.includes('10.254.77.2:80')),
      'the ingress diagram has rootlesskit',
    );
    // Measured: the port driver dials loopback in the engine's netns, so the proxy, not DNAT, takes it.
    assert.match(md, /in\*\* `host 0\.0\.0\.0:18477\/tcp ⇄ rootlesskit ⇄ engine netns ⇄ (rootlesskit-)?docker-proxy ⇄ 10\.254\.77\.2:80/);
    await hoverScreenshot('rootless-hover', WEB);
    // The same in a light theme: a learner's editor may be either.
    const wb = vscode.workspace.getConfiguration('workbench');
    await wb.update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
    try {
      await screenshot('rootless-tree-light');
      await hoverScreenshot('rootless-hover-light', WEB);
    } finally {
      await wb.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
