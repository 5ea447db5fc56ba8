// 1000 random and malformed messages sent to the graph webview: none crashes it, every one is
// rejected and counted (the first few also logged to the host), and the graph still takes a real
// snapshot afterwards. A seeded generator, so a failure can be replayed.
import assert from 'node:assert/strict';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { rng } from '../helpers/rng';
import { fixtureSnapshot } from './fixture';
import { snapshotMessage } from './harness';
import { ready, type Test } from './pages';

const TYPES = ['snapshot', 'focus', 'explain', 'select', 'options', 'theme', 'action', 'ready', '', 'SNAPSHOT', '__proto__'];

/** One message that is not a valid host → webview message: wrong version, type, shape or value. */
function junk(r: () => number, i: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const snap = fixtureSnapshot();
  const valid = snapshotMessage(snap, 1000 + i);
  switch (i % 10) {
    case 0:
      return pick([null, undefined, 0, -1, NaN, true, 'snapshot', [], [1, 2], '{"v":1}']);
    case 1:
      return { ...valid, v: pick([0, 2, '1', null, 1.5]) };
    case 2:
      return { v: PROTOCOL_VERSION, type: pick(TYPES), revision: pick([-1, 1.5, 'x', null, 2 ** 60]) };
    case 3:
      return { ...valid, snapshot: { ...snap, containers: pick(['x', null, [{}], [{ id: 7 }]]) } };
    case 4:
      return { ...valid, snapshot: { ...snap, networks: [{ ...snap.networks[0], subnets: 'all' }] } };
    case 5:
      return { ...valid, snapshot: { ...snap, host: { ...snap.host, engineNetns: { kind: pick(['vm', 7, null]) } } } };
    case 6:
      return { v: PROTOCOL_VERSION, type: 'snapshot', revision: 5000 + i, snapshot: 'x'.repeat(Math.floor(r() * 100_000)) };
    case 7:
      return { ...valid, options: pick([null, 'mutable', { mutable: 'yes' }]) };
    case 8:
      return JSON.parse(`{"v":${PROTOCOL_VERSION},"type":"snapshot","__proto__":{"polluted":true},"revision":${i}}`) as unknown;
    default:
      return { v: PROTOCOL_VERSION, type: pick(TYPES), [pick(['a', 'id', 'ids', 'x'])]: pick([{}, [], 'y', 1]) };
  }
}

export const fuzzTests: Test[] = [
  [
    '1000 random and malformed messages: no crash, all rejected, the graph still responds',
    async (h) => {
      const g = await ready(h);
      const before = (await g.visibleIds()).sort();
      const r = rng(20261202);
      const messages = Array.from({ length: 1000 }, (_, i) => junk(r, i));
      // In batches, through the real window.postMessage of the page.
      for (let i = 0; i < messages.length; i += 100) {
        await g.page.evaluate(
          (batch) => {
            for (const m of batch) window.postMessage(m, window.origin);
          },
          messages.slice(i, i + 100),
        );
      }
      await g.page.waitForFunction(() => document.body.dataset['ignoredMessages'] === '1000', undefined, { timeout: 10_000 });
      assert.deepEqual(await g.pageErrors(), []);
      assert.equal(await g.page.evaluate(() => document.body.dataset['revision']), '1', 'no junk was applied');
      assert.deepEqual((await g.visibleIds()).sort(), before);
      assert.equal(
        await g.page.evaluate(() => (Object.prototype as Record<string, unknown>)['polluted']),
        undefined,
        'no prototype pollution',
      );
      const warns = (await g.posted()).filter((m) => m.type === 'log' && m.level === 'warn' && /ignored/.test(m.message));
      assert.ok(warns.length >= 1 && warns.length <= 5, `the first rejections are logged to the host, then counted (${warns.length})`);
      // Still alive: a valid, newer snapshot with one container fewer is drawn.
      const snap = fixtureSnapshot();
      const gone = snap.containers.find((c) => c.name === 'gt-none');
      assert.ok(gone);
      await g.send(snapshotMessage({ ...snap, containers: snap.containers.filter((c) => c !== gone) }, 2));
      await g.page.waitForFunction(() => document.body.dataset['revision'] === '2', undefined, { timeout: 5000 });
      const after = await g.visibleIds();
      assert.ok(!after.includes(`ctr:${gone.id}`) && before.includes(`ctr:${gone.id}`), 'the new snapshot is drawn');
      await g.page.close();
    },
  ],
];
