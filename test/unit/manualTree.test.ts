// Hand-made interfaces (link/attach) in the tree: under their container, marked "by hand", with
// the peer; a --network none container with one becomes expandable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerNodeId } from '../../src/shared/ids';
import type { ManualInterface } from '../../src/shared/model';
import { childrenOf, type TreeNode } from '../../src/tree/treeModel';
import { rowOf } from '../../src/tree/treeRows';
import { capturedSnapshot } from '../helpers/fixtures';

const p2p = (name: string, address: string, peer: string, ifname: string): ManualInterface => ({
  name,
  kind: 'manual',
  linkKind: 'veth',
  mac: '02:00:00:00:00:01',
  up: true,
  addresses: [address],
  peer: { container: peer, ifname, hostIfname: null },
  bridge: null,
  routes: [{ destination: '10.1.1.2/32', gateway: null, interface: name, metric: 0 }],
});

describe('hand-made interfaces in the tree', () => {
  it('shows a p2p end under its container, with its address and peer', () => {
    const s = capturedSnapshot();
    const none = s.containers.find((c) => c.name === 'gt-none');
    assert.ok(none);
    const node: TreeNode = { kind: 'container', id: containerNodeId(none.id), container: none };
    none.endpoints = [];
    assert.equal(rowOf(node).collapsible, 'none', 'nothing under it yet');
    none.manualInterfaces = [p2p('p2p-a', '10.1.1.1/32', 'gt-a1', 'p2p-b')];
    assert.equal(rowOf(node).collapsible, 'collapsed');
    const kids = childrenOf(s, node, { showBuiltinNetworks: true });
    const m = kids.find((k) => k.kind === 'manual');
    assert.ok(m);
    const row = rowOf(m);
    assert.equal(row.label, 'p2p-a');
    assert.equal(row.description, 'by hand · 10.1.1.1/32 · ⇄ gt-a1:p2p-b');
    assert.equal(row.contextValue, 'manualInterface');
  });
});

describe('hand-made veths in the graph', () => {
  it('draws one link per p2p pair between the two containers, labelled by hand', async () => {
    const { buildGraph } = await import('../../src/shared/graph');
    const s = capturedSnapshot();
    const a = s.containers.find((c) => c.name === 'gt-none');
    const b = s.containers.find((c) => c.name === 'gt-a1');
    assert.ok(a && b);
    a.manualInterfaces = [p2p('p2p-a', '10.1.1.1/32', 'gt-a1', 'p2p-b')];
    b.manualInterfaces = [p2p('p2p-b', '10.1.1.2/32', 'gt-none', 'p2p-a')];
    const manual = buildGraph(s).links.filter((l) => l.kind === 'manual');
    assert.equal(manual.length, 1);
    assert.equal(manual[0]?.label, 'p2p-b 10.1.1.2/32 ⇄ p2p-a 10.1.1.1/32 (by hand)');
  });
});
