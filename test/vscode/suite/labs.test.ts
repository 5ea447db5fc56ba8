// The tutorials' labs from the editor: Start Lab opens its page with every step's commands, Check
// Lab proves it with real traffic (expected vs observed), Remove Lab leaves nothing; and the
// walkthrough that links them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../../src/api';
import type { LabCheckResult, LabDownResult, LabUpResult } from '../../../src/shared/schema/labs';
import { cleanTestResources, docker, requireEngine } from '../../helpers/docker';
import { screenshot } from './screenshot';

const PREFIX = 'dne-test-vslab-';
const arg = { lab: 'joined', prefix: PREFIX, labels: { 'dne.test': '1' } };
let api: ExplorerApi;

const labPage = async (): Promise<string> => {
  const find = (): vscode.TextDocument | undefined =>
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'docker-network-analysis' && d.uri.path.includes('lab joined'));
  for (let i = 0; i < 50 && !find(); i++) await new Promise((r) => setTimeout(r, 100));
  const doc = find();
  assert.ok(doc, 'the lab page is open');
  return doc.getText().replace(/\\/g, '');
};

suite('labs', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await requireEngine();
    await cleanTestResources(PREFIX);
    const ext = vscode.extensions.getExtension<ExplorerApi>('docker-network-explorer.docker-network-explorer');
    assert.ok(ext);
    api = await ext.activate();
  });
  suiteTeardown(() => cleanTestResources(PREFIX));

  test('a bad lab id is refused before anything is made', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('dockerNetworks.labUp', { lab: 'nope' })),
      /A lab id is one of modes, /,
    );
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('dockerNetworks.labUp', { ...arg, prefix: 'Bad Prefix!' })));
    assert.equal(await docker('ps', '-a', '--filter', 'label=dockerNetworks.lab', '--filter', `name=${PREFIX}`, '-q'), '');
  });

  test('start, check and remove the joined lab: its page, real traffic, nothing left', async function () {
    this.timeout(180_000);
    const up = await vscode.commands.executeCommand<LabUpResult>('dockerNetworks.labUp', arg);
    assert.ok(up.containers.length >= 2, JSON.stringify(up));
    assert.ok(up.containers.every((c) => c.name.startsWith(PREFIX)));
    const joiner = up.containers.find((c) => c.networkMode.startsWith('container:'));
    assert.ok(joiner, 'the lab has a container in another one’s netns');
    // The snapshot follows: the lab's containers appear, labelled.
    await api.waitFor((s) =>
      up.containers.every((c) => s.containers.some((x) => x.name === c.name && x.labels['dockerNetworks.lab'] === 'joined')),
    );
    let page = await labPage();
    assert.match(page, /^# Lab joined: /m);
    assert.match(page, /--network container:/, 'the page shows the equivalent docker command');
    const check = await vscode.commands.executeCommand<LabCheckResult>('dockerNetworks.labCheck', arg);
    assert.equal(check.passed, true, JSON.stringify(check.steps));
    assert.ok(check.steps.length >= 1 && check.steps.every((s) => s.observed.length > 0));
    for (let i = 0; i < 50 && !(page = await labPage()).includes('## Check'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(page, /^## Check: ✓ passed/m);
    assert.match(page, /\| step \| expected \| observed \|/);
    await screenshot('lab-page');
    const down = await vscode.commands.executeCommand<LabDownResult>('dockerNetworks.labDown', arg);
    assert.deepEqual([...down.removed.containers].sort(), up.containers.map((c) => c.name).sort());
    assert.equal(await docker('ps', '-a', '--filter', 'label=dockerNetworks.lab=joined', '--filter', `name=${PREFIX}`, '-q'), '');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the walkthrough lists every lab with Start, Check and Remove', async () => {
    const ext = vscode.extensions.getExtension('docker-network-explorer.docker-network-explorer');
    const walkthroughs = (
      ext?.packageJSON as { contributes: { walkthroughs: { id: string; steps: { id: string; description: string }[] }[] } }
    ).contributes.walkthroughs;
    const labs = walkthroughs.find((w) => w.id === 'dockerNetworks.labs');
    assert.ok(labs);
    assert.ok(labs.steps.length >= 9);
    for (const s of labs.steps)
      assert.match(
        s.description,
        /\(command:dockerNetworks\.labUp\?.*\(command:dockerNetworks\.labCheck\?.*\(command:dockerNetworks\.labDown\?/s,
      );
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      'docker-network-explorer.docker-network-explorer#dockerNetworks.labs',
      false,
    );
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('lab-walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
