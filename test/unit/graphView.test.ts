// The webview's pure parts: filters and collapsing, the explain highlight, the hover card text
// (the same diagram as the tree hover), the saved state and keyboard navigation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerPath } from '../../src/analysis/paths';
import { explain } from '../../src/analysis/reachability';
import { pathText } from '../../src/report/diagrams';
import { buildGraph, type GraphNode } from '../../src/shared/graph';
import { linkCard, nodeCard } from '../../webview/graph/cardContent';
import { explainDrawing, explainMarks } from '../../webview/graph/explainMarks';
import type { SimNode } from '../../webview/graph/geometry';
import { nearestInDirection } from '../../webview/graph/interactions';
import { pillTexts } from '../../webview/graph/labels';
import { parseState } from '../../webview/graph/viewState';
import { parseQuery, visibleGraph } from '../../webview/graph/visible';
import { fixtureSnapshot } from '../webview/fixture';

const snap = fixtureSnapshot();
const g = buildGraph(snap);
const byName = new Map(g.nodes.map((n) => [n.kind === 'container' || n.kind === 'network' ? n.name : n.id, n]));
const id = (name: string): string => {
  const n = byName.get(name);
  assert.ok(n, name);
  return n.id;
};
const names = (nodes: readonly GraphNode[]): string[] =>
  nodes
    .filter((n) => n.kind === 'container')
    .map((n) => (n.kind === 'container' ? n.name : ''))
    .sort();
const none = { query: '', hideStopped: false, collapsed: new Set<string>() };

describe('visible graph', () => {
  it('shows everything without filters', () => {
    const v = visibleGraph(g, none);
    assert.equal(v.nodes.length, g.nodes.length);
    assert.equal(v.links.length, g.links.length);
  });
  it('hides stopped containers and their links', () => {
    const v = visibleGraph(g, { ...none, hideStopped: true });
    assert.ok(!names(v.nodes).includes('gt-stopped'));
    assert.ok(!v.links.some((l) => l.source === id('gt-stopped')));
    assert.ok(names(v.nodes).includes('gt-a1'));
  });
  it('collapses a network: its own containers and their joined ones go, multi-network ones stay', () => {
    const v = visibleGraph(g, { ...none, collapsed: new Set([id('gt-net-a')]) });
    const shown = names(v.nodes);
    for (const n of ['gt-a1', 'gt-joined', 'gt-stopped']) assert.ok(!shown.includes(n), n);
    assert.ok(shown.includes('gt-multi'));
    assert.equal(v.hiddenIn.get(id('gt-net-a')), 3, 'a1, stopped and the joined one');
    assert.ok(
      v.nodes.some((n) => n.id === id('gt-net-a')),
      'the collapsed network stays as one node',
    );
  });
  it('filters by network', () => {
    const v = visibleGraph(g, { ...none, query: 'net:gt-net-int' });
    assert.deepEqual(names(v.nodes), ['gt-int1', 'gt-multi']);
    assert.ok(
      v.nodes.some((n) => n.id === id('gt-net-a')),
      "a shown container's other network stays",
    );
    assert.ok(!v.nodes.some((n) => n.id === id('gt-net-noicc')));
  });
  it('filters by name, and a network name shows its containers', () => {
    assert.deepEqual(names(visibleGraph(g, { ...none, query: 'noicc1' }).nodes), ['gt-noicc1']);
    assert.deepEqual(names(visibleGraph(g, { ...none, query: 'gt-net-noicc' }).nodes), ['gt-noicc1', 'gt-noicc2']);
  });
  it('filters by label', () => {
    const c = g.nodes.find((n) => n.kind === 'container' && Object.keys(n.labels).length > 0);
    assert.ok(c?.kind === 'container');
    const [k, val] = Object.entries(c.labels)[0] as [string, string];
    const v = visibleGraph(g, { ...none, query: `label:${k}=${val}` });
    assert.ok(names(v.nodes).includes(c.name));
    assert.ok(v.matches.has(c.id));
  });
  it('parses query tokens', () => {
    assert.deepEqual(parseQuery(' Web  net:Front label:a=b name:x '), [
      { field: 'any', text: 'web' },
      { field: 'network', text: 'front' },
      { field: 'label', text: 'a=b' },
      { field: 'name', text: 'x' },
    ]);
  });
});

describe('explain highlight', () => {
  it('marks both endpoint links on the shared network, open', () => {
    const m = explainMarks(explain(snap, 'gt-a1', 'gt-multi'), g);
    const a = g.nodes.find((n) => n.id === id('gt-net-a'));
    assert.ok(a?.kind === 'network');
    const a1 = byName.get('gt-a1');
    const multi = byName.get('gt-multi');
    assert.ok(a1?.kind === 'container' && multi?.kind === 'container');
    assert.equal(m.get(`net:${a.networkId}/ctr:${a1.containerId}`), 'open');
    assert.equal(m.get(`net:${a.networkId}/ctr:${multi.containerId}`), 'open');
    assert.equal(m.get(a.id), 'open');
  });
  it('marks a blocked way on an icc=false network', () => {
    const m = explainMarks(explain(snap, 'gt-noicc1', 'gt-noicc2'), g);
    assert.equal(m.get(id('gt-net-noicc')), 'blocked');
    assert.equal(m.get(id('gt-noicc1')), 'blocked');
  });
  it('marks the netns link for a joined container', () => {
    const j = byName.get('gt-joined');
    assert.ok(j?.kind === 'container');
    const m = explainMarks(explain(snap, 'gt-joined', 'gt-a1'), g);
    assert.equal(m.get(`netns:${j.containerId}`), 'open');
  });
  it('marks exactly the route when there is no way: the source, its network, and the stop there', () => {
    const d = explainDrawing(explain(snap, 'gt-a1', 'gt-noicc1'), g);
    const a = g.nodes.find((n) => n.id === id('gt-net-a'));
    const a1 = byName.get('gt-a1');
    assert.ok(a?.kind === 'network' && a1?.kind === 'container');
    assert.deepEqual(
      [...d.marks.entries()].sort(),
      [
        [id('gt-a1'), 'blocked'],
        [`net:${a.networkId}/ctr:${a1.containerId}`, 'blocked'],
        [a.id, 'blocked'],
      ].sort(),
    );
    assert.deepEqual(d.stop, { id: a.id, text: '✗ isolation' });
  });
  it('puts the stop badge on the hop that stops it (icc=false on the bridge)', () => {
    const d = explainDrawing(explain(snap, 'gt-noicc1', 'gt-noicc2'), g);
    assert.deepEqual(d.stop, { id: id('gt-net-noicc'), text: '✗ icc=false' });
    assert.ok(!d.marks.has(id('gt-noicc2')), 'the route stops before the target');
  });
  it('falls back to the ways for an explanation without a route', () => {
    const x = explain(snap, 'gt-a1', 'gt-multi');
    delete x.route;
    const d = explainDrawing(x, g);
    assert.equal(d.stop, null);
    assert.equal(d.marks.get(id('gt-multi')), 'open');
  });
});

describe('hover card', () => {
  it('a container card carries the same path diagram as the tree hover', () => {
    const c = snap.containers.find((x) => x.name === 'gt-web');
    assert.ok(c);
    const card = nodeCard(byName.get('gt-web') as GraphNode, snap);
    assert.equal(card?.diagram, pathText(containerPath(c, snap)));
    assert.match(card?.diagram ?? '', /host 0\.0\.0\.0:8080\/tcp ⇄ DNAT ⇄ 172\.17\.0\.3:80/);
  });
  it("an endpoint card shows that network's egress with the interface names", () => {
    const l = g.links.find((x) => x.kind === 'endpoint' && x.source === id('gt-a1'));
    assert.ok(l);
    const card = linkCard(l, snap, new Map(g.nodes.map((n) => [n.id, n])));
    const d = card?.diagram ?? '';
    assert.match(d, /^egress via gt-net-a/);
    for (const part of ['gt-a1:eth0', '10.231.0.10/24', 'gt-br-a']) assert.ok(d.includes(part), part);
    assert.match(d, /veth[0-9a-f]{6}0/);
    assert.ok(d.includes('-A POSTROUTING -s 10.231.0.0/24 ! -o gt-br-a -j MASQUERADE'));
  });
  it('a port card shows its ingress only', () => {
    const p = g.nodes.find((n) => n.kind === 'port' && n.hostPort === 8080);
    assert.ok(p);
    const d = nodeCard(p, snap)?.diagram ?? '';
    assert.match(d, /8080/);
    assert.doesNotMatch(d, /32768|egress/);
  });
  it('the host card says whose netns the host facts come from, and rootless plumbing', () => {
    const rootless = {
      ...snap,
      host: {
        ...snap.host,
        engineNetns: {
          pid: 10356,
          inode: 4026532253,
          same: false,
          kind: 'rootless' as const,
          how: 'pid 10356 (dockerd) listens on /run/user/1001/docker.sock in its own network namespace',
        },
        rootless: {
          rootlesskitPid: 10312,
          netDriver: 'slirp4netns',
          portDriver: 'builtin',
          slirp4netnsPid: 10349,
          tap: 'tap0',
          listeners: [],
        },
      },
    };
    const host = buildGraph(rootless).nodes.find((n) => n.kind === 'host');
    assert.ok(host);
    const rows = new Map(nodeCard(host, rootless)?.rows);
    assert.equal(rows.get('Engine netns'), 'rootless · dockerd 10356 · net:[4026532253]');
    assert.equal(rows.get('Rootless'), 'rootlesskit pid 10312 (builtin port driver) · slirp4netns 10349 on tap0');
  });
  it('a container card opens with its egress and each published port drawn as boxes, then the facts', () => {
    const card = nodeCard(byName.get('gt-web') as GraphNode, snap);
    assert.ok(card);
    const [egress, ...ports] = card.chains;
    assert.deepEqual(
      egress?.boxes.map((b) => b.label),
      ['eth0', egress?.boxes[1]?.label ?? '', 'bridge', 'NAT', egress?.boxes.at(-1)?.label ?? ''],
    );
    assert.match(egress?.boxes[0]?.detail ?? '', /^172\.17\.0\.3\//);
    assert.match(egress?.boxes[1]?.label ?? '', /^veth/);
    assert.equal(egress?.boxes[2]?.detail?.split(' · ')[0], 'docker0', 'the network by name, its bridge as a detail');
    const p8080 = ports.find((c) => c.boxes[0]?.label === 'host :8080');
    assert.deepEqual(
      p8080?.boxes.map((b) => b.label),
      ['host :8080', 'DNAT', ':80'],
    );
    assert.deepEqual(
      card.rows.slice(0, 4).map(([k]) => k),
      ['IP', 'MAC', 'Network', 'Ports'],
    );
    assert.ok(card.why.length >= 3);
  });
  it('a network card draws its bridge with gateway and subnet; an uplink card names the network', () => {
    const card = nodeCard(byName.get('gt-net-a') as GraphNode, snap);
    const labels = card?.chains[0]?.boxes.map((b) => b.label);
    assert.deepEqual(labels, ['host', 'NAT', 'gt-br-a', '10.231.0.0/24']);
    assert.match(card?.chains[0]?.boxes[2]?.detail ?? '', /^gateway 10\.231\.0\.\d+$/);
    const up = g.links.find((l) => l.kind === 'uplink' && l.target === id('gt-net-a'));
    assert.ok(up);
    assert.equal(linkCard(up, snap, new Map(g.nodes.map((n) => [n.id, n])))?.title, 'host ⇄ gt-net-a');
  });
  it('a port pill always keeps the port, however short the room', () => {
    assert.deepEqual(pillTexts({ label: ':8080/tcp', hostPort: 8080, protocol: 'tcp', hostIps: ['0.0.0.0'] }), [':8080/tcp', ':8080']);
    assert.deepEqual(pillTexts({ label: '127.0.0.1:32769/tcp', hostPort: 32769, protocol: 'tcp', hostIps: ['127.0.0.1'] }), [
      '127.0.0.1:32769/tcp',
      '127.0.0.1:32769',
      '…:32769',
    ]);
  });
  it('a network card says what NAT it gets', () => {
    const card = nodeCard(byName.get('gt-net-int') as GraphNode, snap);
    assert.ok(card?.rows.some(([k, v]) => k === 'NAT' && /internal/.test(v)));
  });
});

describe('saved state', () => {
  it('keeps valid parts and drops the rest', () => {
    const s = parseState({
      v: 1,
      positions: { a: [1, 2, 1], b: ['x', 2], c: [3, 4] },
      zoom: { x: 1, y: 2, k: 0 },
      collapsed: ['n', 5],
      hideStopped: 'yes',
      query: 7,
      legend: false,
    });
    assert.deepEqual(s.positions, { a: [1, 2, 1], c: [3, 4, 0] });
    assert.equal(s.zoom, null);
    assert.deepEqual(s.collapsed, ['n']);
    assert.equal(s.hideStopped, false);
    assert.equal(s.query, '');
    assert.equal(s.legend, false);
  });
  it('starts empty from garbage or another version', () => {
    for (const x of [undefined, null, 'x', { v: 2, positions: { a: [1, 2] } }]) assert.deepEqual(parseState(x).positions, {});
  });
});

describe('keyboard navigation', () => {
  const at = (id: string, x: number, y: number): SimNode => ({ id, x, y }) as SimNode;
  const o = at('o', 0, 0);
  const nodes = [o, at('right', 100, 10), at('far-right', 300, 0), at('up', 0, -50), at('diag', 60, 60)];
  it('moves to the nearest node in the direction', () => {
    assert.equal(nearestInDirection(o, nodes, 1, 0)?.id, 'right');
    assert.equal(nearestInDirection(o, nodes, 0, -1)?.id, 'up');
    assert.equal(nearestInDirection(o, nodes, 0, 1)?.id, 'diag');
    assert.equal(nearestInDirection(o, nodes, -1, 0), null);
  });
});
