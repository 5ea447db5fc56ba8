// End to end in the real workbench, as a new user would: code-server with the extension loaded as
// a development extension, driven by headless Chromium through playwright-core.
//
//   1. open the Docker Networks view (activity-bar icon);
//   2. create a network through the interactive quick input (palette → "Docker Networks: Create
//      Network…"), typing a gateway outside the subnet first and seeing the validation message;
//   3. connect a running container from its tree context menu, with a static IP;
//   4. see it appear under the network without a manual refresh;
//   5. disconnect it from the tree (context menu → modal confirm) and see it vanish.
//
// A screenshot per step goes to test-results/screenshots/e2e-<n>-<step>.png.
// Usage: npm run build && node dist-test/test/e2e/run.js   (exit 1 on any failure)
// Env:   DNE_E2E_VERBOSE=1 prints the browser console; DNE_KEEP_STATE=1 keeps code-server's state.
import type { Page } from 'playwright-core';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { docker, dockerJson, runTestContainer } from '../helpers/docker';
import {
  clickDialogButton,
  contextMenu,
  findIn,
  pickItem,
  quickInput,
  readRows,
  revealRow,
  rowAt,
  typeInQuickInput,
  waitDialog,
  waitMessage,
  waitQuickInput,
  widenSidebar,
  type Located,
  type RowSpec,
} from './dom';
import { arm, clockOffset, installWatcher, nodeNow, settle, type ClockOffset } from './latencyPage';
import { SCREENSHOTS, activityBarItem, errorText, withWorkbench, preflight, say, sleep, waitUntil, type Workbench } from './workbench';

const NET = 'dne-test-e2e-net';
const CTR = 'dne-test-e2e-c1';
const SUBNET = '10.254.60.0/24';
const BAD_GATEWAY = '10.254.61.1';
const GATEWAY = '10.254.60.1';
const IP = '10.254.60.20';
const TAG = 'e2e';

const CONTAINER_ROW: RowSpec = { label: CTR, description: '172.*', parents: ['on networks', 'Containers'] };
const NETWORK_ROW: RowSpec = { label: NET, parents: ['Networks'] };
const MEMBER_ROW: RowSpec = { label: CTR, description: IP, parents: [NET, 'Networks'] };

interface NetworkInspect {
  Name: string;
  Driver: string;
  Labels: Record<string, string> | null;
  IPAM: { Config: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null };
}
interface ContainerInspect {
  NetworkSettings: { Networks: Record<string, { IPAddress: string; IPAMConfig: { IPv4Address?: string } | null }> };
}

async function networkInspect(name: string): Promise<NetworkInspect | undefined> {
  try {
    return (await dockerJson<NetworkInspect[]>('network', 'inspect', name))[0];
  } catch {
    return undefined;
  }
}

async function endpointOn(container: string, network: string): Promise<{ IPAddress: string } | undefined> {
  const [c] = await dockerJson<ContainerInspect[]>('inspect', container);
  return c?.NetworkSettings.Networks[network];
}

/** Our two engine objects, by exact name (the interactive create cannot label the network). */
async function removeOurs(): Promise<void> {
  await docker('rm', '-f', CTR).catch(() => undefined);
  if (await networkInspect(NET)) await docker('network', 'rm', NET);
}

function check(cond: boolean, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Node clock (nodeNow) when the connect flow's last Enter was pressed / docker inspect first showed the endpoint. */
let acceptedAt = 0;
let engineAt = 0;
/** Page clock − node clock, measured once the workbench is open. */
let clock: ClockOffset = { offset: 0, uncertainty: 0 };

/** Page-timed: the last Enter of the connect flow → the tree shows the change (the network row gets a twistie). */
async function interactiveTreeMs(page: Page): Promise<string> {
  const change = await settle(page, 10_000).catch(() => undefined);
  if (!change) return `the row ${NET} did not change within 10 s of the last Enter`;
  return `the tree changed (${NET} got a twistie) ${(change.dom - clock.offset - acceptedAt).toFixed(0)} ms after the last Enter of the connect flow`;
}

interface Step {
  name: string;
  title: string;
  /** Steps (1-based) whose success this one builds on; it is not run when one of them failed. */
  needs?: number[];
  /** Returns one line saying what was seen. */
  run: (wb: Workbench) => Promise<string>;
}

const steps: Step[] = [
  {
    name: 'open-view',
    title: 'open the Docker Networks view',
    run: async (wb) => {
      const { page } = wb;
      await activityBarItem(page).click();
      const title = (await page.locator('.part.sidebar .composite.title').innerText()).trim();
      check(/docker networks/i.test(title), `side bar title is "${title}", expected the Docker Networks view`);
      for (const g of ['Networks', 'Containers', 'Host']) await revealRow(page, { label: g }, 30_000);
      await widenSidebar(page, 620);
      await revealRow(page, CONTAINER_ROW, 20_000);
      await revealRow(page, { label: 'Networks' });
      await installWatcher(page, '.part.sidebar');
      clock = await clockOffset(page);
      await wb.screenshot('e2e-1-open-view');
      return `view "${title}" shows Networks, Containers, Host and ${CTR} under Containers → on networks`;
    },
  },
  {
    name: 'create-network',
    needs: [1],
    title: `create ${NET} through the quick input (bad gateway first)`,
    run: async (wb) => {
      const { page } = wb;
      await page.keyboard.press('F1');
      await quickInput(page).input.waitFor({ state: 'visible' });
      await pickItem(page, '>Docker Networks: Create Network', 'Docker Networks: Create Network…');
      await waitQuickInput(page, 'Create Docker Network (1/6)');
      await typeInQuickInput(page, NET);
      await waitMessage(page, 'for a valid name (the prompt)', (t) => t.startsWith('Network name'));
      await page.keyboard.press('Enter');
      await waitQuickInput(page, 'Create Docker Network (2/6)');
      await pickItem(page, 'bridge', 'bridge');
      await waitQuickInput(page, 'Create Docker Network (3/6)');
      await typeInQuickInput(page, SUBNET);
      await waitMessage(page, 'for a valid subnet (the prompt)', (t) => t.startsWith('Subnet (CIDR)'));
      await page.keyboard.press('Enter');
      await waitQuickInput(page, 'Create Docker Network (4/6)');
      await typeInQuickInput(page, BAD_GATEWAY);
      const bad = await waitMessage(page, 'saying the gateway is not inside the subnet', (t) => t.includes('not inside the subnet'));
      check(bad.includes(BAD_GATEWAY) && bad.includes(SUBNET), `the validation message names neither the gateway nor the subnet: "${bad}"`);
      // Enter is refused: still on step 4, the message stays, nothing was created.
      await page.keyboard.press('Enter');
      await sleep(500);
      check(
        await page.locator('.quick-input-widget:visible .quick-input-title', { hasText: '(4/6)' }).isVisible(),
        'Enter with a bad gateway left step 4',
      );
      check(
        ((await quickInput(page).message.textContent()) ?? '').includes('not inside the subnet'),
        'the validation message went away after Enter',
      );
      check((await networkInspect(NET)) === undefined, `${NET} exists although the gateway was refused`);
      await wb.screenshot('e2e-2-bad-gateway');
      await typeInQuickInput(page, GATEWAY);
      await waitMessage(page, 'back to the prompt after fixing the gateway', (t) => t.startsWith('Gateway inside'));
      await page.keyboard.press('Enter');
      await waitQuickInput(page, 'Create Docker Network (5/6)');
      await typeInQuickInput(page, '');
      await page.keyboard.press('Enter');
      await waitQuickInput(page, 'Create Docker Network (6/6)');
      const checked = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]').count();
      check(checked === 0, `${checked} option(s) are pre-selected in the flags step`);
      await page.keyboard.press('Enter');
      const net = await waitUntil(`docker network inspect ${NET}`, () => networkInspect(NET));
      const cfg = net.IPAM.Config?.[0];
      check(net.Driver === 'bridge', `driver is ${net.Driver}`);
      check(
        cfg?.Subnet === SUBNET && cfg.Gateway === GATEWAY,
        `IPAM is ${JSON.stringify(net.IPAM.Config)}, expected ${SUBNET} gw ${GATEWAY}`,
      );
      check(!cfg.IPRange, `ip-range is ${cfg.IPRange ?? ''}, expected none`);
      await revealRow(page, { ...NETWORK_ROW, description: SUBNET });
      await wb.screenshot('e2e-2-network-created');
      return `message "${bad.trim()}"; then created: bridge ${cfg.Subnet} gw ${cfg.Gateway}, no ip-range; row "${NET} ${SUBNET}" in the tree`;
    },
  },
  {
    name: 'connect',
    needs: [2],
    title: `connect ${CTR} from its context menu`,
    run: async (wb) => {
      const { page } = wb;
      await contextMenu(page, CONTAINER_ROW, 'Connect Container to Network…', () =>
        wb.screenshot('e2e-3-context-menu', { keepMouse: true }),
      );
      await waitQuickInput(page, 'Connect Container to Network (2/4)');
      await pickItem(page, NET, NET);
      await waitQuickInput(page, 'Connect Container to Network (3/4)');
      await typeInQuickInput(page, IP);
      await waitMessage(page, 'for a valid IP (the prompt)', (t) => t.startsWith(`Static IPv4 on ${NET}`));
      await wb.screenshot('e2e-3-connect-ip');
      await page.keyboard.press('Enter');
      await waitQuickInput(page, 'Connect Container to Network (4/4)');
      await arm(page, { label: NET, level: 2, want: 'expandable' });
      await page.keyboard.press('Enter');
      acceptedAt = nodeNow();
      const ep = await waitUntil(`${CTR} on ${NET} in docker inspect`, () => endpointOn(CTR, NET), 15_000, 20);
      check(ep.IPAddress === IP, `${CTR} has ${ep.IPAddress} on ${NET}, expected ${IP}`);
      engineAt = nodeNow();
      return `docker inspect: ${CTR} on ${NET} with ${ep.IPAddress} (${(engineAt - acceptedAt).toFixed(0)} ms after the last Enter, polled)`;
    },
  },
  {
    name: 'appears',
    title: 'the endpoint appears in the tree without a refresh',
    needs: [3],
    run: async (wb) => {
      const { page } = wb;
      const timing = await interactiveTreeMs(page);
      let row: Located;
      try {
        row = await revealRow(page, MEMBER_ROW, 10_000);
      } catch (err) {
        throw new Error(`${await diagnoseMissingMember(wb, err)}\n${timing}`);
      }
      await wb.screenshot('e2e-4-member-in-tree');
      return `row "${row.ariaLabel}" under ${row.ancestors.join(' ← ')}; ${timing}`;
    },
  },
  {
    name: 'disconnect',
    title: `disconnect ${CTR} from the tree (modal confirm)`,
    needs: [3],
    run: async (wb) => {
      const { page } = wb;
      // When step 4 failed because the network stayed collapsed, a user would expand it.
      await expandIfCollapsed(page, NETWORK_ROW);
      await contextMenu(page, MEMBER_ROW, 'Disconnect Container from Network…');
      const text = await waitDialog(page);
      check(text.includes(`Disconnect "${CTR}" from "${NET}"?`), `the confirmation says "${text}"`);
      await wb.screenshot('e2e-5-confirm');
      await clickDialogButton(page, 'Disconnect');
      const t0 = Date.now();
      await waitUntil(`${CTR} gone from ${NET} in docker inspect`, async () => ((await endpointOn(CTR, NET)) ? undefined : true));
      await waitUntil(
        `${CTR} gone from under ${NET} in the tree`,
        async () => {
          const net = findIn(await readRows(page), NETWORK_ROW) ?? (await revealRow(page, NETWORK_ROW));
          const rows = await readRows(page);
          const next = rows.find((r) => r.index === net.index + 1);
          // Networks are always expanded (an empty one too), so only the member row's absence counts.
          return !(next?.level === 3 && next.label === CTR) ? true : undefined;
        },
        10_000,
      );
      const goneMs = Date.now() - t0;
      await wb.screenshot('e2e-5-disconnected');
      return `dialog "${text}"; after "Disconnect" the row left the tree in ${goneMs} ms and docker inspect shows no endpoint`;
    },
  },
];

/** Clicks the twistie of a collapsed row (what a user does to see its children). Returns true if it did. */
async function expandIfCollapsed(page: Page, spec: RowSpec): Promise<boolean> {
  const row = await revealRow(page, spec);
  if (row.expanded !== 'false') return false;
  await rowAt(page, row.index).locator('.monaco-tl-twistie').click();
  await waitUntil(`${spec.label} expanded`, async () => ((await revealRow(page, spec)).expanded === 'true' ? true : undefined));
  return true;
}

/**
 * Why the member row did not show up: a collapsed network row hides it (the data is right, the
 * expansion state is not), or the tree never got the endpoint at all.
 */
async function diagnoseMissingMember(wb: Workbench, err: unknown): Promise<string> {
  const { page } = wb;
  const net = await revealRow(page, NETWORK_ROW).catch(() => undefined);
  if (net?.expanded === 'false') {
    const shot = await wb.screenshot('e2e-4-collapsed-network');
    const expanded = await expandIfCollapsed(page, NETWORK_ROW);
    const member = expanded ? await revealRow(page, MEMBER_ROW, 3000).catch(() => undefined) : undefined;
    return (
      `PRODUCT BUG: after the connect, the row "${NET}" turned from a leaf into a COLLAPSED node (aria-expanded="false"), ` +
      'so the new member is hidden until the user expands it by hand (src/tree/provider.ts asks for TreeItemCollapsibleState.Expanded; ' +
      'VS Code keeps the state of a known TreeItem id). ' +
      (member
        ? `After clicking the twistie the row "${member.ariaLabel}" is there.`
        : 'Even after expanding it, the member row is missing.') +
      `\nscreenshot of the collapsed network: ${shot}`
    );
  }
  return errorText(err);
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const results: { step: Step; ok: boolean; ms: number; detail: string }[] = [];
  const report = (): number => {
    process.stdout.write('\n');
    for (const [i, r] of results.entries()) {
      process.stdout.write(
        `${r.ok ? 'PASS' : 'FAIL'} ${i + 1}. ${r.step.title} (${(r.ms / 1000).toFixed(1)} s)\n     ${r.detail.replace(/\n/g, '\n     ')}\n`,
      );
    }
    const passed = results.filter((r) => r.ok).length;
    process.stdout.write(`\ne2e: ${passed} passed, ${steps.length - passed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    return passed === steps.length ? 0 : 1;
  };
  try {
    await preflight();
  } catch (err) {
    for (const step of steps) results.push({ step, ok: false, ms: 0, detail: 'not run: the machine is not ready' });
    process.stderr.write(`[${TAG}] ${errorText(err)}\n`);
    return report();
  }
  // Pictures of an earlier run would pass for this one's.
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const f of readdirSync(SCREENSHOTS)) if (/^e2e-.*\.png$/.test(f)) rmSync(join(SCREENSHOTS, f));
  await removeOurs();
  await runTestContainer(CTR);
  try {
    await withWorkbench({ tag: TAG }, removeOurs, async (wb) => {
      say(TAG, `workbench open after ${wb.openMs} ms`);
      for (const [i, step] of steps.entries()) {
        const missing = (step.needs ?? []).filter((n) => !results[n - 1]?.ok);
        if (missing.length) {
          results.push({ step, ok: false, ms: 0, detail: `not run: it needs step ${missing.join(', ')}` });
          continue;
        }
        const s0 = Date.now();
        say(TAG, `step ${i + 1}: ${step.title}`);
        try {
          const detail = await step.run(wb);
          results.push({ step, ok: true, ms: Date.now() - s0, detail });
        } catch (err) {
          const shot = await wb.screenshot(`e2e-${i + 1}-${step.name}-FAILED`).catch(() => 'none');
          results.push({ step, ok: false, ms: Date.now() - s0, detail: `${errorText(err)}\nscreenshot: ${shot}` });
        }
      }
    });
  } catch (err) {
    for (const step of steps.slice(results.length)) results.push({ step, ok: false, ms: 0, detail: `not run: ${errorText(err)}` });
  }
  return report();
}

void main()
  .catch((err: unknown) => {
    process.stderr.write(`[${TAG}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.stdout.write(`e2e: 0 passed, ${steps.length} failed\n`);
    return 1;
  })
  .then((code) => process.stdout.write('', () => process.exit(code)));
