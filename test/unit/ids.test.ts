// Node ids are made and parsed only in src/shared/ids.ts; the tree and the graph agree on them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../../src/shared/graph';
import {
  containerEndpointId,
  containerNodeId,
  endpointLinkId,
  graphNodeToShow,
  joinedNodeId,
  networkNodeId,
  parseNodeId,
} from '../../src/shared/ids';
import { childrenOf, type TreeNode } from '../../src/tree/treeModel';
import { capturedSnapshot } from '../helpers/fixtures';

const snap = capturedSnapshot({ engine: { endpoint: 'unix:///fake.sock' } });

describe('ids', () => {
  it('parses what it makes', () => {
    assert.deepEqual(parseNodeId(networkNodeId('n1')), { kind: 'network', networkId: 'n1' });
    assert.deepEqual(parseNodeId(containerNodeId('c1')), { kind: 'container', containerId: 'c1' });
    assert.deepEqual(parseNodeId(endpointLinkId('n1', 'c1')), { kind: 'endpoint', networkId: 'n1', containerId: 'c1' });
  });

  it('ids the graph does not share are not parsed', () => {
    for (const id of [
      containerEndpointId('c1', 'n1'),
      joinedNodeId(containerNodeId('c1'), 'c2'),
      'group:networks',
      'host',
      'net:',
      'ctr:a/b',
      'x:y',
    ]) {
      assert.equal(parseNodeId(id), undefined, id);
    }
  });

  it('the graph shows an endpoint link as its container, anything else as itself', () => {
    assert.equal(graphNodeToShow(endpointLinkId('n1', 'c1')), containerNodeId('c1'));
    assert.equal(graphNodeToShow(networkNodeId('n1')), networkNodeId('n1'));
    assert.equal(graphNodeToShow('junk'), 'junk');
  });

  it('every network, container and member of the tree is a node or link of the graph', () => {
    const graph = buildGraph(snap);
    const graphIds = new Set([...graph.nodes.map((n) => n.id), ...graph.links.map((l) => l.id)]);
    const treeIds: string[] = [];
    const walk = (n: TreeNode | undefined): void => {
      for (const c of childrenOf(snap, n, { showBuiltinNetworks: true })) {
        // host and none are modes, not drawn networks (isDrawnNetwork), so they have no endpoint links.
        const drawn = (c.kind === 'network' || c.kind === 'member') && c.network.driver !== 'host' && c.network.driver !== 'null';
        if (c.kind === 'container' || drawn) treeIds.push(c.id);
        walk(c);
      }
    };
    walk(undefined);
    assert.ok(treeIds.length > 10);
    for (const id of treeIds) assert.ok(graphIds.has(id), `${id} is not in the graph`);
  });
});
