// The command table's one decision: our own tree item or nothing -> the interactive flow with a
// preset; anything else (a script's object, a look-alike of a tree item) -> scripted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invocationOf, presetOfNode } from '../../src/commands/invocation';
import { childrenOf, type TreeNode } from '../../src/tree/treeModel';
import { capturedSnapshot } from '../helpers/fixtures';

const snap = capturedSnapshot({ engine: { endpoint: 'unix:///fake.sock' } });
const opts = { showBuiltinNetworks: true };

/** Every node of the tree, as the provider hands them out. */
function allNodes(): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (n: TreeNode | undefined): void => {
    for (const c of childrenOf(snap, n, opts)) {
      out.push(c);
      walk(c);
    }
  };
  walk(undefined);
  return out;
}

describe('invocationOf', () => {
  const nodes = allNodes();
  const owned = new Set<unknown>(nodes);
  const owns = (a: unknown): a is TreeNode => owned.has(a);

  it('no argument: interactive with nothing preset', () => {
    assert.deepEqual(invocationOf(undefined, owns), { kind: 'interactive', preset: {} });
  });

  it('our own tree item: interactive with what it names', () => {
    const member = nodes.find((n) => n.kind === 'member');
    assert.ok(member?.kind === 'member');
    assert.deepEqual(invocationOf(member, owns), {
      kind: 'interactive',
      preset: { container: member.container.id, network: member.network.id },
    });
  });

  it('a look-alike object or any other value: scripted, untouched', () => {
    const member = nodes.find((n) => n.kind === 'member');
    const copy: unknown = { ...member };
    assert.deepEqual(invocationOf(copy, owns), { kind: 'scripted', arg: copy });
    assert.deepEqual(invocationOf({ container: 'x', network: 'y' }, owns), { kind: 'scripted', arg: { container: 'x', network: 'y' } });
    assert.deepEqual(invocationOf('x', owns), { kind: 'scripted', arg: 'x' });
  });
});

describe('presetOfNode', () => {
  const nodes = allNodes();
  it('a network names its network; a container and a joined container their container', () => {
    for (const n of nodes) {
      if (n.kind === 'network') assert.deepEqual(presetOfNode(n), { network: n.network.id });
      if (n.kind === 'container' || n.kind === 'joined') assert.deepEqual(presetOfNode(n), { container: n.container.id });
    }
  });
  it('an endpoint names its container and its network; groups and facts name nothing', () => {
    const ep = nodes.find((n) => n.kind === 'endpoint');
    assert.ok(ep?.kind === 'endpoint');
    assert.deepEqual(presetOfNode(ep), { container: ep.container.id, network: ep.endpoint.networkId });
    for (const n of nodes.filter((x) => x.kind === 'group' || x.kind === 'mode' || x.kind === 'fact'))
      assert.deepEqual(presetOfNode(n), {});
  });
});
