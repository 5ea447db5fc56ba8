// The Compose group of the tree: projects from Compose's labels, services by their service name,
// the project's networks under their Compose names, and the external ones marked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Snapshot } from '../../src/shared/model';
import { containerPath } from '../../src/analysis/paths';
import { explain } from '../../src/analysis/reachability';
import { explanationText } from '../../src/report/diagrams';
import { composeProjects } from '../../src/tree/composeGroups';
import { childrenOf, type TreeNode } from '../../src/tree/treeModel';
import { rowOf } from '../../src/tree/treeRows';
import { treeSignature } from '../../src/tree/treeSignature';
import { capturedSnapshot } from '../helpers/fixtures';

/** The captured scenario made into a Compose project `shop`: gt-a1 (web) and gt-multi (db) on gt-net-a (its `backend`). */
function composed(): Snapshot {
  const s = capturedSnapshot();
  for (const c of s.containers) {
    if (c.name === 'gt-a1') c.compose = { project: 'shop', service: 'web' };
    if (c.name === 'gt-multi') c.compose = { project: 'shop', service: 'db' };
  }
  for (const n of s.networks) if (n.name === 'gt-net-a') n.compose = { project: 'shop', network: 'backend' };
  return s;
}
const opts = { showBuiltinNetworks: true };

describe('Compose in the tree', () => {
  it('has no Compose group when nothing was made by Compose', () => {
    const s = capturedSnapshot();
    assert.deepEqual(composeProjects(s), []);
    assert.ok(!childrenOf(s, undefined, opts).some((n) => n.kind === 'group' && n.group === 'compose'));
  });

  it('groups a project: services by name, its network under the Compose name, and what it uses from outside as external', () => {
    const s = composed();
    const root = childrenOf(s, undefined, opts);
    const group = root.find((n): n is Extract<TreeNode, { kind: 'group' }> => n.kind === 'group' && n.group === 'compose');
    assert.ok(group);
    assert.equal(group.count, 1);
    assert.deepEqual(
      root.map((n) => rowOf(n).label),
      ['Networks', 'Containers', 'Compose', 'Labs', rowOf(root[4] as TreeNode).label],
    );
    const [project] = childrenOf(s, group, opts);
    assert.ok(project?.kind === 'project');
    assert.equal(rowOf(project).label, 'shop');
    const kids = childrenOf(s, project, opts);
    const rows = kids.map((k) => [k.kind, rowOf(k).label, rowOf(k).description] as const);
    assert.deepEqual(
      rows.filter(([k]) => k === 'service').map(([, l]) => l),
      ['db', 'web'],
    );
    const backend = rows.find(([k, l]) => k === 'projectNetwork' && l === 'backend');
    assert.ok(backend, JSON.stringify(rows));
    assert.match(backend[2], /^gt-net-a · /, 'the real name beside the Compose one');
    assert.doesNotMatch(backend[2], /external/);
    // gt-multi is on other networks too: those are external to the project.
    const external = rows.filter(([k, , d]) => k === 'projectNetwork' && d.includes('external'));
    const multi = s.containers.find((c) => c.name === 'gt-multi');
    const others = (multi?.endpoints ?? []).map((e) => e.network).filter((n) => n !== 'gt-net-a');
    assert.deepEqual(external.map(([, l]) => l).sort(), [...new Set(others)].sort());
    assert.ok(others.length > 0, 'the scenario has an external network');
    // Every id is unique in the whole tree (VS Code refuses duplicates).
    const ids: string[] = [];
    const walk = (n: TreeNode | undefined): void => {
      for (const c of childrenOf(s, n, opts)) {
        ids.push(c.id);
        walk(c);
      }
    };
    walk(undefined);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('explain and path name the Compose service', () => {
    const s = composed();
    const x = explain(s, 'gt-a1', 'gt-multi');
    assert.deepEqual(x.fromCompose, { project: 'shop', service: 'web' });
    assert.deepEqual(x.toCompose, { project: 'shop', service: 'db' });
    assert.match(explanationText(x), /^gt-a1 \(compose shop\/web\) → gt-multi \(compose shop\/db\): REACHABLE/);
    const web = s.containers.find((c) => c.name === 'gt-a1');
    assert.ok(web);
    assert.deepEqual(containerPath(web, s).compose, { project: 'shop', service: 'web' });
    assert.equal(explain(capturedSnapshot(), 'gt-a1', 'gt-multi').toCompose, null);
  });

  it('a service change changes the tree signature', () => {
    const a = composed();
    const b = composed();
    const web = b.containers.find((c) => c.name === 'gt-a1');
    assert.ok(web);
    web.compose = { project: 'shop', service: 'frontend' };
    assert.notEqual(treeSignature(a, opts), treeSignature(b, opts));
  });
});

describe('Compose projects on the graph', () => {
  it('boxes each project around its own containers only', async () => {
    const { composeBoxes } = await import('../../webview/graph/composeHulls');
    const { buildGraph } = await import('../../src/shared/graph');
    const s = capturedSnapshot();
    for (const c of s.containers) if (c.name === 'gt-a1' || c.name === 'gt-multi') c.labels['com.docker.compose.project'] = 'shop';
    const nodes = buildGraph(s).nodes.map((node, i) => ({
      id: node.id,
      node,
      x: i * 100,
      y: 0,
      hw: 8,
      hh: 8,
      r: 10,
      pinned: false,
      held: false,
      home: null,
      labelW: 0,
    }));
    const boxes = composeBoxes(nodes);
    assert.equal(boxes.length, 1);
    const xs = nodes.filter((n) => n.node.kind === 'container' && ['gt-a1', 'gt-multi'].includes(n.node.name)).map((n) => n.x);
    assert.equal(boxes[0]?.project, 'shop');
    assert.equal(boxes[0]?.x, Math.min(...xs) - 10 - 26);
    assert.equal(boxes[0]?.w, Math.max(...xs) - Math.min(...xs) + 20 + 52);
  });
});
