// Explain on the graph: the route drawn hop by hop (exactly its nodes and links), the stop badge
// on the hop that drops it, the route chain opening the verdict panel, and the verdict cleared
// once its containers are gone.
import assert from 'node:assert/strict';
import { explain } from '../../src/analysis/reachability';
import { buildGraph } from '../../src/shared/graph';
import type { Snapshot } from '../../src/shared/model';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { explainDrawing } from '../../webview/graph/explainMarks';
import { fixtureSnapshot } from './fixture';
import { snapshotMessage, type GraphPage } from './harness';
import { byName, drawnLabels, explainShown, ready, shot, type Test } from './pages';

const snap = fixtureSnapshot();
const netId = (name: string): string => snap.networks.find((n) => n.name === name)?.id ?? '';

async function showExplain(g: GraphPage, from: string, to: string): Promise<void> {
  await g.send({ v: PROTOCOL_VERSION, type: 'explanation', explanation: explain(snap, from, to) });
  await g.page.locator('#verdict').waitFor({ state: 'visible' });
  await g.page.waitForFunction((t) => document.querySelector('#verdict .verdict-title')?.textContent?.startsWith(t), `${from} → ${to}`);
  await g.page.waitForTimeout(500);
}

export const explainRouteTests: Test[] = [
  [
    'explain draws the route hop by hop: exactly its nodes, a stop badge, the chain first in the panel',
    async (h) => {
      for (const theme of ['dark', 'light', 'hc'] as const) {
        const g = await ready(h, theme);
        await showExplain(g, 'gt-a1', 'gt-noicc1');
        const a1 = byName(snap, 'gt-a1').id;
        const drawn = await explainShown(g);
        assert.deepEqual(
          drawn.path.map(([id]) => id).sort(),
          [`ctr:${a1}`, `net:${netId('gt-net-a')}`, `net:${netId('gt-net-a')}/ctr:${a1}`].sort(),
          'the route: gt-a1, its endpoint and gt-net-a, nothing else',
        );
        assert.ok(drawn.path.every(([, m]) => m === 'blocked'));
        const x = explain(snap, 'gt-a1', 'gt-noicc1');
        assert.deepEqual(drawn.path.map(([id]) => id).sort(), [...explainDrawing(x, buildGraph(snap)).marks.keys()].sort());
        const stops = (await drawnLabels(g)).filter((l) => l.kind === 'stop');
        assert.deepEqual(
          stops.map((l) => [l.id, l.text]),
          [[`net:${netId('gt-net-a')}`, '✗ isolation']],
        );
        // The panel opens with the route drawn: an <svg> with every hop's label, before the ways and reasons.
        const panel = await g.page.evaluate(() => {
          const v = document.getElementById('verdict');
          const svg = v?.querySelector('svg');
          const reasons = v?.querySelector('.verdict-reasons');
          return {
            texts: Array.from(svg?.querySelectorAll('text') ?? []).map((t) => t.textContent),
            first: !!svg && !!reasons && (svg.compareDocumentPosition(reasons) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
            badge: v?.querySelector('.verdict-badge')?.textContent,
          };
        });
        for (const hop of x.route?.hops ?? [])
          assert.ok(
            panel.texts.some((t) => t?.endsWith(hop.label)),
            `${hop.label} in ${panel.texts.join(' | ')}`,
          );
        assert.ok(panel.texts.includes('✗ isolation'));
        assert.ok(panel.first, 'the drawing comes before the reasons');
        assert.equal(panel.badge, 'NOT REACHABLE');
        assert.deepEqual(await g.cspViolations(), [], 'the imported SVG keeps the CSP');
        await shot(g, `explain-route-${theme}`);
        if (theme === 'dark') {
          await showExplain(g, 'gt-noicc1', 'gt-noicc2');
          const s2 = (await drawnLabels(g)).filter((l) => l.kind === 'stop').map((l) => l.text);
          assert.deepEqual(s2, ['✗ icc=false']);
          await shot(g, 'explain-icc');
          await showExplain(g, 'gt-a1', 'gt-multi');
          const open = await explainShown(g);
          assert.equal(open.stop, null);
          assert.ok(open.path.length === 5 && open.path.every(([, m]) => m === 'open'), JSON.stringify(open.path));
          await shot(g, 'explain-open');
        }
        await g.page.close();
      }
    },
  ],
  [
    'the verdict and the highlight go away when both containers and their network are gone',
    async (h) => {
      const g = await ready(h);
      await showExplain(g, 'gt-a1', 'gt-multi');
      const gone: Snapshot = fixtureSnapshot();
      const drop = new Set(['gt-a1', 'gt-multi'].map((n) => byName(gone, n).id));
      gone.containers = gone.containers.filter((c) => !drop.has(c.id));
      gone.networks = gone.networks.filter((n) => n.name !== 'gt-net-a');
      for (const n of gone.networks) n.containerIds = n.containerIds.filter((id) => !drop.has(id));
      await g.send(snapshotMessage(gone, 2));
      await g.waitForRevision(2);
      await g.page.locator('#verdict').waitFor({ state: 'hidden', timeout: 3000 });
      const drawn = await explainShown(g);
      assert.deepEqual(drawn, { path: [], stop: null });
      assert.deepEqual(await g.pageErrors(), []);
      await g.page.close();
    },
  ],
];
