// Hover cards open with a drawing and stay in the canvas area (never over the toolbar, never off
// the window); every container keeps its label next to its own dot, port pills keep their text
// and link addresses show at the default zoom, on a crowded snapshot in a small window.
import assert from 'node:assert/strict';
import { buildGraph } from '../../src/shared/graph';
import type { Snapshot } from '../../src/shared/model';
import { fixtureSnapshot } from './fixture';
import type { GraphPage } from './harness';
import { byName, drawnLabels, intersects, zoomOf, ready, shot, type Box, type Test } from './pages';

/** The fixture plus two more --network none containers, an exited one and a port bound to a long address. */
export function crowded(): Snapshot {
  const s = fixtureSnapshot();
  const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  const none = byName(s, 'gt-none');
  for (const i of [2, 3]) s.containers.push({ ...clone(none), id: `${i}`.repeat(64), name: `gt-none${i}`, netnsMembers: [] });
  const stopped = byName(s, 'gt-stopped');
  const exited = { ...clone(stopped), id: 'e'.repeat(64), name: 'gt-exited', state: 'exited' as const, status: 'Exited (0) 2 hours ago' };
  s.containers.push(exited);
  for (const ep of exited.endpoints) s.networks.find((n) => n.id === ep.networkId)?.containerIds.push(exited.id);
  byName(s, 'gt-web').ports.push({ containerPort: 443, protocol: 'tcp', hostIp: '192.168.100.200', hostPort: 44443 });
  return s;
}

async function boxOf(g: GraphPage, sel: string): Promise<Box> {
  const b = await g.page.locator(sel).boundingBox();
  assert.ok(b, sel);
  return b;
}

async function cardInArea(g: GraphPage, what: string): Promise<void> {
  const card = await boxOf(g, '#card');
  const area = await boxOf(g, '#canvas-wrap');
  const bar = await boxOf(g, '#toolbar');
  const view = g.page.viewportSize() ?? { width: 0, height: 0 };
  const msg = `${what}: card ${JSON.stringify(card)} area ${JSON.stringify(area)}`;
  assert.ok(!intersects(card, bar), `${msg} covers the toolbar`);
  assert.ok(card.x >= area.x && card.y >= area.y && card.x + card.width <= area.x + area.width + 0.5, msg);
  assert.ok(card.y + card.height <= Math.min(area.y + area.height, view.height) + 0.5, msg);
}

export const cardsAndLabelsTests: Test[] = [
  [
    'hover cards open with an SVG drawing before the facts, and stay inside the canvas area at every corner',
    async (h) => {
      for (const size of [
        { width: 1280, height: 800 },
        { width: 760, height: 460 },
      ]) {
        const g = await ready(h, 'dark', fixtureSnapshot(), true, size);
        const card = g.page.locator('#card');
        const web = await g.screenOf(`ctr:${byName(fixtureSnapshot(), 'gt-web').id}`);
        await g.page.mouse.move(web.x, web.y);
        await card.waitFor({ state: 'visible', timeout: 3000 });
        const order = await g.page.evaluate(() => {
          const c = document.getElementById('card');
          const svg = c?.querySelector('figure.card-chain svg');
          const dl = c?.querySelector('dl');
          const rules = c?.querySelector('details.card-rules');
          return {
            svg: !!svg,
            texts: Array.from(c?.querySelectorAll('figure.card-chain svg text') ?? []).map((t) => t.textContent),
            beforeFacts: !!svg && !!dl && (svg.compareDocumentPosition(dl) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
            rulesClosed: rules instanceof HTMLDetailsElement && !rules.open,
          };
        });
        assert.ok(order.svg && order.beforeFacts, JSON.stringify(order));
        assert.ok(
          order.texts.includes('eth0') && order.texts.includes('host :8080') && order.texts.includes('DNAT'),
          order.texts.join(' | '),
        );
        assert.ok(order.rulesClosed, 'the rules wait behind "Show rules"');
        await cardInArea(g, `gt-web ${size.width}`);
        if (size.width === 1280) await shot(g, 'hover-card');
        // The node nearest each corner of the canvas: the card is placed inside the area each time.
        const area = await boxOf(g, '#canvas-wrap');
        const ids = (await g.visibleIds()).filter((id) => !id.startsWith('port:'));
        const pts = await Promise.all(ids.map(async (id) => ({ id, ...(await g.screenOf(id)) })));
        const corners: [number, number][] = [
          [area.x, area.y],
          [area.x + area.width, area.y],
          [area.x, area.y + area.height],
          [area.x + area.width, area.y + area.height],
        ];
        for (const [cx, cy] of corners) {
          const p = pts.reduce((a, b) => (Math.hypot(b.x - cx, b.y - cy) < Math.hypot(a.x - cx, a.y - cy) ? b : a));
          await g.page.mouse.move(area.x + area.width / 2, area.y + 2);
          await g.page.mouse.move(p.x, p.y);
          await g.page.waitForFunction(() => !document.getElementById('card')?.hidden, undefined, { timeout: 3000 });
          await g.page.waitForTimeout(50);
          await cardInArea(g, `${p.id} near ${cx},${cy} at ${size.width}x${size.height}`);
        }
        if (size.width !== 1280) await shot(g, 'hover-card-small');
        await g.page.close();
      }
    },
  ],
  [
    'every container has its label by its own dot, port pills keep their text, link addresses show at the default zoom',
    async (h) => {
      const s = crowded();
      const model = buildGraph(s);
      for (const theme of ['dark', 'light', 'hc'] as const) {
        const g = await ready(h, theme, s, true, { width: 1000, height: 620 });
        await g.page.waitForTimeout(300);
        const k = await zoomOf(g);
        assert.ok(k < 0.7, `the default zoom (${k}) is below the old threshold for link labels`);
        const labels = await drawnLabels(g);
        const dots = await Promise.all(
          model.nodes.filter((n) => n.kind === 'container').map(async (n) => ({ id: n.id, ...(await g.screenOf(n.id)) })),
        );
        for (const d of dots) {
          const l = labels.find((x) => x.kind === 'container' && x.id === d.id);
          assert.ok(l, `${d.id} has a label`);
          const [lx, ly] = [l.x + l.w / 2, l.y + l.h / 2];
          const nearest = dots.reduce((a, b) => (Math.hypot(b.x - lx, b.y - ly) < Math.hypot(a.x - lx, a.y - ly) ? b : a));
          assert.equal(nearest.id, d.id, `the label "${l.text}" sits nearest its own dot`);
        }
        for (const p of model.nodes.filter((n) => n.kind === 'port')) {
          const l = labels.find((x) => x.kind === 'port' && x.id === p.id);
          assert.ok(l?.text.includes(`:${p.hostPort}`), `pill ${p.label}: ${l?.text ?? 'no text'}`);
        }
        const ips = labels.filter((x) => x.kind === 'ip');
        assert.ok(ips.length >= 3, `link addresses at the default zoom: ${ips.map((x) => x.text).join(', ')}`);
        await shot(g, `crowded-${theme}`);
        await g.page.close();
      }
    },
  ],
];
