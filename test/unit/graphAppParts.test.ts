// The graph app's pure parts: the selection (at most two, the Explain pair) and which filters
// revealInGraph undoes to show a hidden node.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph, type GraphNode } from '../../src/shared/graph';
import { filtersShowing } from '../../webview/filters';
import { visibleGraph } from '../../webview/graph/visible';
import { Selection } from '../../webview/selection';
import { fixtureSnapshot } from '../webview/fixture';

const g = buildGraph(fixtureSnapshot());
const byId = new Map(g.nodes.map((n) => [n.id, n]));
const named = (name: string): GraphNode => {
  const n = g.nodes.find((x) => (x.kind === 'container' || x.kind === 'network') && x.name === name);
  assert.ok(n, name);
  return n;
};

describe('selection', () => {
  it('a click selects one; an additive click toggles and keeps the last two; the marks follow', () => {
    const marks = { selected: new Set<string>() };
    const sel = new Selection(marks);
    sel.only('a');
    sel.toggle('b');
    sel.toggle('c');
    assert.deepEqual(sel.ids, ['b', 'c']);
    sel.toggle('b');
    assert.deepEqual(sel.ids, ['c']);
    assert.deepEqual([...marks.selected], ['c']);
    sel.keep((id) => id !== 'c');
    assert.deepEqual(sel.ids, []);
    assert.equal(marks.selected.size, 0);
  });
  it('names the Explain pair only for two containers, first to second', () => {
    const sel = new Selection({ selected: new Set() });
    const a1 = named('gt-a1');
    const multi = named('gt-multi');
    assert.ok(a1.kind === 'container' && multi.kind === 'container');
    sel.only(a1.id);
    assert.equal(sel.explainLabel(byId), null);
    sel.toggle(multi.id);
    assert.deepEqual(sel.explainPair(byId), { from: a1.name, to: multi.name });
    assert.equal(sel.explainLabel(byId), `Explain ${a1.name} → ${multi.name}`);
    sel.toggle(named('gt-net-a').id);
    assert.equal(sel.explainPair(byId), null, 'a network is not half of a pair');
  });
});

describe('filters a reveal undoes', () => {
  const netA = named('gt-net-a').id;
  const netInt = named('gt-net-int').id;
  it('a stopped container on a collapsed network: no query, stopped shown, its network expanded', () => {
    const stopped = named('gt-stopped');
    const f = { query: 'nothing-matches', hideStopped: true, collapsed: [netA, netInt] };
    const change = filtersShowing(stopped, f, byId);
    assert.deepEqual(change, { query: '', hideStopped: false, collapsed: [netInt] });
    const v = visibleGraph(g, { ...f, ...change, collapsed: new Set(change.collapsed) });
    assert.ok(v.nodes.some((n) => n.id === stopped.id));
  });
  it('a running container keeps hide-stopped; a network only clears the query', () => {
    assert.deepEqual(filtersShowing(named('gt-a1'), { query: 'x', hideStopped: true, collapsed: [netInt] }, byId), {
      query: '',
      collapsed: [netInt],
    });
    assert.deepEqual(filtersShowing(named('gt-net-a'), { query: 'x', hideStopped: true, collapsed: [netA] }, byId), { query: '' });
  });
});
