// Live updates and state: an update keeps pinned (and all other) positions, a reload restores
// them, and messages that are not the host's are ignored.
import assert from 'node:assert/strict';
import type { Snapshot } from '../../src/shared/model';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { fixtureSnapshot } from './fixture';
import { snapshotMessage, type GraphPage } from './harness';
import { byName, ready, shot, type Test } from './pages';

type Positions = Record<string, { x: number; y: number; pinned: boolean }>;

async function positions(g: GraphPage): Promise<Positions> {
  const out: Positions = {};
  for (const id of await g.visibleIds()) {
    const p = await g.screenOf(id);
    out[id] = { x: p.wx, y: p.wy, pinned: p.pinned };
  }
  return out;
}

/** The fixture after some engine changes: one container added, one removed, one started. */
export function changed(): Snapshot {
  const s = fixtureSnapshot();
  const a1 = byName(s, 'gt-a1');
  const fresh = JSON.parse(JSON.stringify(a1)) as typeof a1;
  fresh.id = 'f'.repeat(64);
  fresh.name = 'gt-new';
  fresh.netnsMembers = [];
  const ep = fresh.endpoints[0];
  if (ep) {
    ep.ipv4 = '10.231.0.77';
    ep.staticIpv4 = null;
    ep.hostVeth = 'vethfff0';
  }
  s.containers.push(fresh);
  s.networks.find((n) => n.name === 'gt-net-a')?.containerIds.push(fresh.id);
  const def2 = byName(s, 'gt-def2');
  s.containers = s.containers.filter((c) => c !== def2);
  for (const n of s.networks) n.containerIds = n.containerIds.filter((id) => id !== def2.id);
  const stopped = byName(s, 'gt-stopped');
  stopped.state = 'running';
  stopped.status = 'Up 1 second';
  const sep = stopped.endpoints[0];
  if (sep) sep.ipv4 = '10.231.0.200';
  return s;
}

let page: GraphPage | undefined;
let before: Positions = {};
const pinnedName = 'gt-noicc1';

export const updateTests: Test[] = [
  [
    'an update keeps pinned positions and moves no other node',
    async (h) => {
      const g = await ready(h);
      page = g;
      const base = fixtureSnapshot();
      const id = `ctr:${byName(base, pinnedName).id}`;
      const p = await g.screenOf(id);
      await g.page.mouse.move(p.x, p.y);
      await g.page.mouse.down();
      for (let i = 1; i <= 8; i++) await g.page.mouse.move(p.x + i * 10, p.y - i * 5);
      await g.page.mouse.up();
      await g.waitSettled();
      const was = await positions(g);
      assert.equal(was[id]?.pinned, true, 'dragging pinned the node');
      await g.send(snapshotMessage(changed(), 2));
      await g.waitForRevision(2);
      await g.waitSettled();
      const now = await positions(g);
      assert.deepEqual(now[id], was[id], 'the pinned node did not move');
      const s2 = changed();
      assert.ok(now[`ctr:${byName(s2, 'gt-new').id}`], 'the new container is drawn');
      assert.ok(!now[`ctr:${byName(base, 'gt-def2').id}`], 'the removed container is gone');
      for (const [nid, q] of Object.entries(was)) {
        const r = now[nid];
        if (!r) continue;
        assert.ok(Math.hypot(r.x - q.x, r.y - q.y) < 0.5, `${nid} moved from ${q.x},${q.y} to ${r.x},${r.y}`);
      }
      await shot(g, 'update');
      before = now;
    },
  ],
  [
    'positions, pins and zoom survive a reload (webview state)',
    async () => {
      const g = page;
      assert.ok(g, 'runs after the update test');
      await g.page.waitForTimeout(500);
      const zoom = await g.page.evaluate(() => (window as unknown as { dneGraph: { transform(): unknown } }).dneGraph.transform());
      await g.page.reload();
      await g.waitForPosted((m) => m.type === 'ready');
      await g.send(snapshotMessage(changed(), 1));
      await g.waitForRevision(1);
      await g.waitSettled();
      const now = await positions(g);
      assert.deepEqual(Object.keys(now).sort(), Object.keys(before).sort());
      for (const [id, q] of Object.entries(before)) {
        const r = now[id];
        assert.ok(
          r && Math.abs(r.x - q.x) <= 1 && Math.abs(r.y - q.y) <= 1 && r.pinned === q.pinned,
          `${id}: ${JSON.stringify(q)} → ${JSON.stringify(r)}`,
        );
      }
      const zoom2 = await g.page.evaluate(() => (window as unknown as { dneGraph: { transform(): unknown } }).dneGraph.transform());
      assert.deepEqual(zoom2, zoom);
    },
  ],
  [
    'a forged or malformed message is ignored',
    async () => {
      const g = page;
      assert.ok(g, 'runs after the reload test');
      const ids = (await g.visibleIds()).sort();
      const empty: Snapshot = { ...changed(), containers: [], networks: [] };
      await g.send({ ...snapshotMessage(empty, 50), v: 2 } as unknown as Parameters<GraphPage['send']>[0]);
      await g.page.evaluate((m) => window.postMessage(m, window.origin), {
        v: PROTOCOL_VERSION,
        type: 'snapshot',
        revision: 51,
        snapshot: { ...empty, containers: 'x' },
        options: { mutable: true },
      });
      await g.page.evaluate((m) => window.postMessage(m, window.origin), { v: PROTOCOL_VERSION, type: 'focus' });
      await g.page.evaluate(
        (m) => window.dispatchEvent(new MessageEvent('message', { data: m, origin: 'https://evil.example' })),
        snapshotMessage(empty, 52),
      );
      await g.page.waitForFunction(() => document.body.dataset['ignoredMessages'] === '4', undefined, { timeout: 3000 });
      assert.equal(await g.page.evaluate(() => document.body.dataset['revision']), '1');
      assert.deepEqual((await g.visibleIds()).sort(), ids);
      assert.ok((await g.posted()).some((m) => m.type === 'log' && m.level === 'warn' && /ignored/.test(m.message)));
      // A well-formed but older revision is not applied either.
      await g.send(snapshotMessage(empty, 1));
      await g.page.waitForTimeout(100);
      assert.deepEqual((await g.visibleIds()).sort(), ids);
      await g.page.close();
      page = undefined;
    },
  ],
];
