// The graph webview in headless Chromium: the real bundle on the real page (CSP and all), with
// the harness standing in for VS Code. Run: node dist-test/test/webview/run.js
// Screenshots go to test-results/screenshots/graph-*.png.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { containerPath } from '../../src/analysis/paths';
import { explain } from '../../src/analysis/reachability';
import { pathText } from '../../src/report/diagrams';
import { buildGraph } from '../../src/shared/graph';
import { PROTOCOL_VERSION, type WebviewToHost } from '../../src/shared/protocol';
import { fixtureSnapshot } from './fixture';
import { startHarness, type GraphPage } from './harness';
import { SHOTS, byName, ready, shot, type Test } from './pages';
import { fuzzTests } from './fuzz';
import { updateTests } from './updates';
import { explainRouteTests } from './explainRoute';
import { cardsAndLabelsTests } from './cardsAndLabels';

const snap = fixtureSnapshot();
const cid = (name: string): string => `ctr:${byName(snap, name).id}`;
const netId = (name: string): string => snap.networks.find((n) => n.name === name)?.id ?? '';

const last = async (g: GraphPage, type: WebviewToHost['type']): Promise<WebviewToHost | undefined> =>
  (await g.posted()).filter((m) => m.type === type).at(-1);

const tests: Test[] = [
  [
    'renders the fixture topology: every node, the ready handshake first, no CSP violation',
    async (h) => {
      const g = await ready(h);
      const posted = await g.posted();
      assert.equal(posted[0]?.type, 'ready', 'the webview says ready before anything else');
      const model = buildGraph(snap);
      assert.deepEqual((await g.visibleIds()).sort(), model.nodes.map((n) => n.id).sort());
      const r = await last(g, 'rendered');
      assert.ok(
        r?.type === 'rendered' && r.revision === 1 && r.nodes === model.nodes.length && r.links === model.links.length,
        JSON.stringify(r),
      );
      assert.deepEqual(await g.cspViolations(), []);
      assert.deepEqual(await g.pageErrors(), []);
      await shot(g, 'dark');
      await g.page.close();
    },
  ],
  [
    'light and high-contrast themes draw from the VS Code variables',
    async (h) => {
      for (const theme of ['light', 'hc'] as const) {
        const g = await ready(h, theme);
        const bg = await g.page.evaluate(() => {
          const c = document.getElementById('graph') as HTMLCanvasElement;
          const d = c.getContext('2d')?.getImageData(2, 2, 1, 1).data;
          return d ? [d[0], d[1], d[2]] : [];
        });
        assert.deepEqual(bg, theme === 'light' ? [255, 255, 255] : [0, 0, 0], `${theme} background`);
        await shot(g, theme);
        await g.page.close();
      }
    },
  ],
  [
    'hover shows the card with the path diagram, inside the window',
    async (h) => {
      const g = await ready(h);
      const p = await g.screenOf(cid('gt-web'));
      await g.page.mouse.move(p.x, p.y);
      const card = g.page.locator('#card');
      await card.waitFor({ state: 'visible', timeout: 3000 });
      assert.match((await card.locator('.card-title').textContent()) ?? '', /^gt-web$/);
      const diagram = await card.locator('.card-diagram').textContent();
      assert.equal(diagram, pathText(containerPath(byName(snap, 'gt-web'), snap)), 'the same text as the tree hover');
      const box = await card.boundingBox();
      assert.ok(
        box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 800,
        `card inside the window: ${JSON.stringify(box)}`,
      );
      await shot(g, 'hover');
      // An endpoint link has its own card: that network's egress.
      const mid = await g.linkMid(`net:${netId('gt-net-a')}/ctr:${byName(snap, 'gt-a1').id}`);
      await g.page.mouse.move(0, 0);
      await card.waitFor({ state: 'hidden', timeout: 3000 });
      await g.page.mouse.move(mid.x, mid.y);
      await g.page.waitForFunction(() => document.querySelector('#card .card-title')?.textContent === 'gt-a1 on gt-net-a', undefined, {
        timeout: 3000,
      });
      assert.match((await card.locator('.card-diagram').textContent()) ?? '', /egress via gt-net-a/);
      await shot(g, 'hover-endpoint');
      await g.page.close();
    },
  ],
  [
    'click posts the right messages: select, reveal an endpoint, actions from the menu',
    async (h) => {
      const g = await ready(h);
      const a1 = await g.screenOf(cid('gt-a1'));
      await g.page.mouse.click(a1.x, a1.y);
      assert.deepEqual(await last(g, 'select'), { v: PROTOCOL_VERSION, type: 'select', nodeId: cid('gt-a1') });
      const mid = await g.linkMid(`net:${netId('gt-net-a')}/ctr:${byName(snap, 'gt-a1').id}`);
      await g.page.mouse.click(mid.x, mid.y);
      assert.deepEqual(await last(g, 'select'), {
        v: PROTOCOL_VERSION,
        type: 'select',
        nodeId: `net:${netId('gt-net-a')}/ctr:${byName(snap, 'gt-a1').id}`,
      });
      await g.page.mouse.click(a1.x, a1.y, { button: 'right' });
      const menu = g.page.locator('#menu');
      await menu.waitFor({ state: 'visible' });
      await shot(g, 'menu');
      await menu.getByRole('menuitem', { name: 'Connect to gt-net-noicc' }).click();
      assert.deepEqual(await last(g, 'action'), {
        v: PROTOCOL_VERSION,
        type: 'action',
        action: { kind: 'connect', container: byName(snap, 'gt-a1').id, network: netId('gt-net-noicc') },
      });
      await g.page.mouse.click(a1.x, a1.y, { button: 'right' });
      await menu.getByRole('menuitem', { name: 'Disconnect from gt-net-a…' }).click();
      assert.deepEqual(await last(g, 'action'), {
        v: PROTOCOL_VERSION,
        type: 'action',
        action: { kind: 'disconnect', container: byName(snap, 'gt-a1').id, network: netId('gt-net-a') },
      });
      await g.page.mouse.click(a1.x, a1.y, { button: 'right' });
      await menu.getByRole('menuitem', { name: 'Inspect' }).click();
      assert.deepEqual(await last(g, 'action'), {
        v: PROTOCOL_VERSION,
        type: 'action',
        action: { kind: 'inspect', target: 'container', id: byName(snap, 'gt-a1').id },
      });
      await g.page.close();
    },
  ],
  [
    'read-only: no mutating actions in the menu',
    async (h) => {
      const g = await ready(h, 'dark', snap, false);
      const a1 = await g.screenOf(cid('gt-a1'));
      await g.page.mouse.click(a1.x, a1.y, { button: 'right' });
      const items = await g.page.locator('#menu [role=menuitem]').allTextContents();
      assert.ok(!items.some((t) => /^(Connect|Disconnect|Run a Container)/.test(t)), items.join(' | '));
      assert.ok(items.some((t) => /Changes are off/.test(t)));
      await g.page.close();
    },
  ],
  [
    'pick two containers: the explain message, then the verdict with the path highlighted',
    async (h) => {
      const g = await ready(h);
      const first = await g.screenOf(cid('gt-a1'));
      await g.page.mouse.click(first.x, first.y);
      const second = await g.screenOf(cid('gt-multi'));
      await g.page.keyboard.down('Control');
      await g.page.mouse.click(second.x, second.y);
      await g.page.keyboard.up('Control');
      const btn = g.page.locator('#explain');
      assert.equal(await btn.textContent(), 'Explain gt-a1 → gt-multi');
      await btn.click();
      assert.deepEqual(await last(g, 'action'), {
        v: PROTOCOL_VERSION,
        type: 'action',
        action: { kind: 'explain', from: 'gt-a1', to: 'gt-multi' },
      });
      await g.send({ v: PROTOCOL_VERSION, type: 'explanation', explanation: explain(snap, 'gt-a1', 'gt-multi') });
      const verdict = g.page.locator('#verdict');
      await verdict.waitFor({ state: 'visible' });
      assert.match((await verdict.textContent()) ?? '', /REACHABLE.*gt-a1 → gt-multi.*SHARED_NETWORK/s);
      await g.page.waitForTimeout(500);
      await shot(g, 'explain');
      await g.send({ v: PROTOCOL_VERSION, type: 'explanation', explanation: explain(snap, 'gt-noicc1', 'gt-noicc2') });
      await g.page.waitForFunction(() => document.getElementById('verdict')?.dataset['verdict'] === 'false');
      await g.page.waitForTimeout(500);
      await shot(g, 'explain-blocked');
      await g.page.keyboard.press('Escape');
      await g.page.close();
    },
  ],
  [
    'filter, collapse and hide stopped',
    async (h) => {
      const g = await ready(h);
      const containers = async (): Promise<string[]> =>
        (await g.visibleIds())
          .filter((id) => id.startsWith('ctr:'))
          .map((id) => snap.containers.find((c) => `ctr:${c.id}` === id)?.name ?? id)
          .sort();
      await g.page.fill('#search', 'net:gt-net-int');
      await g.page.waitForFunction(() => document.getElementById('counts')?.textContent?.startsWith('2 of'));
      assert.deepEqual(await containers(), ['gt-int1', 'gt-multi']);
      await shot(g, 'filter');
      await g.page.fill('#search', '');
      await g.page.waitForFunction(() => document.getElementById('counts')?.textContent?.startsWith('11 of'));
      await g.page.click('#hide-stopped');
      assert.ok(!(await containers()).includes('gt-stopped'));
      await g.page.click('#hide-stopped');
      const net = await g.screenOf(`net:${netId('gt-net-a')}`);
      await g.page.mouse.click(net.x, net.y, { button: 'right' });
      await g.page.locator('#menu').getByRole('menuitem', { name: 'Collapse into One Node' }).click();
      const shown = await containers();
      assert.ok(!shown.includes('gt-a1') && !shown.includes('gt-joined') && shown.includes('gt-multi'), shown.join(','));
      await g.waitSettled();
      await shot(g, 'collapsed');
      await g.page.close();
    },
  ],
  [
    'keyboard: focus moves with the arrows and shows the card, Shift+F10 opens the actions',
    async (h) => {
      const g = await ready(h);
      await g.page.focus('#graph');
      await g.page.keyboard.press('Home');
      await g.page.locator('#card').waitFor({ state: 'visible' });
      assert.equal(await g.page.locator('#card .card-title').textContent(), 'host');
      await g.page.keyboard.press('ArrowDown');
      const title = await g.page.locator('#card .card-title').textContent();
      assert.notEqual(title, 'host');
      await g.page.keyboard.press('Shift+F10');
      await g.page.locator('#menu').waitFor({ state: 'visible' });
      assert.ok(await g.page.evaluate(() => document.activeElement?.getAttribute('role') === 'menuitem'), 'focus in the menu');
      await g.page.keyboard.press('Escape');
      await g.page.locator('#menu').waitFor({ state: 'hidden' });
      assert.equal(await g.page.evaluate(() => document.activeElement?.id), 'graph', 'focus back on the graph');
      await g.page.keyboard.press('Enter');
      assert.equal((await last(g, 'select'))?.type, 'select');
      await g.page.close();
    },
  ],
  [
    'export: SVG, PNG and JSON requests',
    async (h) => {
      const g = await ready(h);
      await g.page.click('#export-svg');
      const svg = await g.waitForPosted((m) => m.type === 'export' && m.format === 'svg');
      assert.ok(
        svg.type === 'export' &&
          svg.format === 'svg' &&
          svg.data.startsWith('<svg') &&
          svg.data.includes('gt-web') &&
          svg.data.includes('MASQUERADE'),
      );
      writeFileSync(join(SHOTS, 'graph-export.svg'), svg.data);
      await g.page.click('#export-png');
      const png = await g.waitForPosted((m) => m.type === 'export' && m.format === 'png');
      assert.ok(png.type === 'export' && png.format === 'png');
      const bytes = Buffer.from(png.data.slice(png.data.indexOf(',') + 1), 'base64');
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
      writeFileSync(join(SHOTS, 'graph-export.png'), bytes);
      await g.page.click('#export-json');
      assert.deepEqual(await last(g, 'export'), { v: PROTOCOL_VERSION, type: 'export', format: 'json' });
      await g.page.close();
    },
  ],
  [
    'CSP: an injected inline script does not run',
    async (h) => {
      const g = await ready(h);
      const ran = await g.page.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = 1';
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 50));
        return (window as unknown as { __injected?: number }).__injected === 1;
      });
      assert.equal(ran, false);
      assert.ok((await g.cspViolations()).some((v) => v.startsWith('script-src')));
      await g.page.close();
    },
  ],
  ...explainRouteTests,
  ...cardsAndLabelsTests,
  ...updateTests,
  ...fuzzTests,
];

async function main(): Promise<number> {
  mkdirSync(SHOTS, { recursive: true });
  const grep = process.env['DNE_TEST_GREP'];
  const h = await startHarness();
  let passed = 0;
  let failed = 0;
  try {
    for (const [name, fn] of tests) {
      if (grep && !name.includes(grep)) continue;
      const t0 = Date.now();
      try {
        await fn(h);
        passed++;
        console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
      } catch (err) {
        failed++;
        console.log(
          `  ✘ ${name}\n    ${err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 8).join('\n    ') : String(err)}`,
        );
      }
    }
  } finally {
    await h.close();
  }
  console.log(`webview: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

if (require.main === module) {
  void main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      console.log('webview: 0 passed, 1 failed');
      process.exit(1);
    },
  );
}
