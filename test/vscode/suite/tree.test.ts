// Inside a real VS Code extension host: the extension activates, its view exists, and the tree
// shows what the real engine has.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../../src/api';
import type { TreeNode } from '../../../src/tree/treeModel';
import { cleanTestResources, docker, dockerJson, requireEngine } from '../../helpers/docker';
import { S, buildScenario } from '../../helpers/scenario';
import { screenshot } from './screenshot';

const EXTENSION_ID = 'docker-network-explorer.docker-network-explorer';

let api: ExplorerApi;

function children(node?: TreeNode): TreeNode[] {
  return api.tree.getChildren(node);
}
function label(node: TreeNode): string {
  const l = api.tree.getTreeItem(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}
function find(nodes: TreeNode[], text: string): TreeNode {
  const n = nodes.find((x) => label(x) === text);
  assert.ok(n, `tree node "${text}" among ${nodes.map(label).join(', ')}`);
  return n;
}

suite('tree view on the real engine', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    await requireEngine();
    await buildScenario();
    const ext = vscode.extensions.getExtension<ExplorerApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    api = await ext.activate();
    await api.waitFor((s) => s.containers.some((c) => c.name === S.stopped));
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('dockerNetworks').update('host', undefined, vscode.ConfigurationTarget.Global);
    await cleanTestResources('dne-test-s-');
  });

  test('the view container and the view open', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dockerNetworks');
    await vscode.commands.executeCommand('dockerNetworks.topology.focus');
    assert.equal(api.status().state, 'connected');
    // As root on the engine's host every host fact is readable: nothing to tell the user.
    assert.deepEqual(api.snapshot()?.host.unavailable, []);
  });

  test('networks in the tree are the engine networks', async () => {
    // Only ours and the built-ins: other runs may add or remove networks meanwhile.
    const mine = (n: string): boolean => n.startsWith('dne-test-s-') || ['bridge', 'host', 'none'].includes(n);
    const names = (await docker('network', 'ls', '--format', '{{.Name}}')).split('\n').filter(mine).sort();
    const nets = children(find(children(), 'Networks'));
    assert.deepEqual(nets.map(label).filter(mine).sort(), names);
    const a = find(nets, S.netA);
    assert.match(String(api.tree.getTreeItem(a).description), /10\.251\.0\.0\/24/);
    assert.equal(api.tree.getTreeItem(a).contextValue, 'network.user.bridge');
    assert.equal(api.tree.getTreeItem(find(nets, 'bridge')).contextValue, 'network.builtin.bridge');
  });

  test("a network's children are the containers docker says are on it, stopped ones included", async () => {
    const raws = await dockerJson<{ Name: string; NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }[]>(
      'inspect',
      ...(await docker('ps', '-aq', '--filter', 'label=dne.test=1', '--filter', 'name=^dne-test-s-')).split('\n'),
    );
    const onA = raws
      .filter((r) => r.NetworkSettings.Networks[S.netA])
      .map((r) => r.Name.slice(1))
      .sort();
    const members = children(find(children(find(children(), 'Networks')), S.netA));
    assert.deepEqual(members.map(label).sort(), onA);
    const a1 = find(members, S.a1);
    assert.equal(api.tree.getTreeItem(a1).description, S.a1Ip);
    assert.deepEqual(children(a1).map(label), [S.joined], 'the joined container sits under its owner');
    const tip = api.tree.resolveTreeItem(api.tree.getTreeItem(a1), a1).tooltip;
    assert.ok(tip instanceof vscode.MarkdownString && tip.value.includes('svc\\-a'), 'aliases in the tooltip');
  });

  test('containers are grouped by mode, joined ones under their owner', () => {
    const modes = children(find(children(), 'Containers'));
    // Not "bridge": that name is the default network's, and this group holds containers on any network.
    assert.deepEqual(modes.map(label), ['on networks', 'host network', 'no network']);
    assert.ok(children(find(modes, 'host network')).some((n) => label(n) === S.host));
    assert.ok(children(find(modes, 'no network')).some((n) => label(n) === S.none));
    const bridged = children(find(modes, 'on networks'));
    assert.ok(!bridged.some((n) => label(n) === S.joined), 'joined containers are not listed on their own');
    const multi = children(find(bridged, S.multi));
    assert.deepEqual(multi.map(label), [S.netA, S.netInt]);
    assert.match(String(api.tree.getTreeItem(multi[0] as TreeNode).description), /eth\d ⇄ veth/);
  });

  test('the tree follows the engine without a refresh', async () => {
    await docker('network', 'connect', S.netInt, S.def);
    await api.waitFor((s) => !!s.containers.find((c) => c.name === S.def)?.endpoints.some((e) => e.network === S.netInt));
    const members = children(find(children(find(children(), 'Networks')), S.netInt));
    assert.ok(members.some((m) => label(m) === S.def));
    await screenshot('tree');
  });

  test('inspect opens the raw JSON read-only', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('dockerNetworks.inspect', { network: S.netA });
    const raw = JSON.parse(editor.document.getText()) as { Name: string; Options: Record<string, string> };
    assert.equal(raw.Name, S.netA);
    assert.equal(raw.Options['com.docker.network.bridge.name'], S.bridgeA);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('dockerNetworks.inspect', { network: 'dne-test-no-such' })),
      /No network/,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an unreachable engine shows why, and the tree comes back when it is reachable', async () => {
    const cfg = vscode.workspace.getConfiguration('dockerNetworks');
    await cfg.update('host', 'unix:///tmp/dne-test-no-engine.sock', vscode.ConfigurationTarget.Global);
    for (let i = 0; i < 100 && api.status().state !== 'disconnected'; i++) await new Promise((r) => setTimeout(r, 50));
    const st = api.status();
    assert.equal(st.state, 'disconnected');
    assert.equal(st.state === 'disconnected' && st.error.code, 'ENGINE_DOWN');
    assert.deepEqual(children(), []);
    await screenshot('tree-engine-down');
    await cfg.update('host', undefined, vscode.ConfigurationTarget.Global);
    await api.waitFor((s) => s.engine.endpoint === 'unix:///var/run/docker.sock' && s.containers.some((c) => c.name === S.a1));
    // Compose appears only when the engine has Compose-made resources (not ours to make here).
    assert.deepEqual(
      children()
        .map((n) => (n.kind === 'group' ? n.group : n.kind))
        .filter((g) => g !== 'compose'),
      ['networks', 'containers', 'labs', 'host'],
    );
  });
});
