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
import { docker, dockerJson, runTestContainer } from '../helpers/docker';
import {
  clickDialogButton,
  contextMenu,
  findIn,
  pickItem,
  quickInput,
  readRows,
  revealRow,
  typeInQuickInput,
  waitDialog,
  waitMessage,
  waitQuickInput,
  widenSidebar,
  type RowSpec,
} from './dom';
import { activityBarItem, errorText, onSignals, openWorkbench, preflight, say, sleep, waitUntil, type Workbench } from './workbench';

const NET = 'dne-test-e2e-net';
const CTR = 'dne-test-e2e-c1';
const SUBNET = '10.254.60.0/24';
const BAD_GATEWAY = '10.254.61.1';
const GATEWAY = '10.254.60.1';
const IP = '10.254.60.20';
const TAG = 'e2e';

const CONTAINER_ROW: RowSpec = { label: CTR, description: 'bridge · *', parents: ['bridge', 'Containers'] };
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

/** When the connect flow's last Enter was pressed, and when docker inspect first showed the endpoint. */
let acceptedAt = 0;
let engineAt = 0;

interface Step {
  name: string;
  title: string;
  /** Returns one line saying what was seen. */
  run: (wb: Workbench) => Promise<string>;
}

const steps: Step[] = [
  {
    name: 'open-view',
    title: 'open the Docker Networks view',
    run: async ({ page, screenshot }) => {
      await activityBarItem(page).click();
      const title = (await page.locator('.part.sidebar .composite.title').innerText()).trim();
      check(/docker networks/i.test(title), `side bar title is "${title}", expected the Docker Networks view`);
      for (const g of ['Networks', 'Containers', 'Host']) await revealRow(page, { label: g }, 30_000);
      await widenSidebar(page, 620);
      await revealRow(page, CONTAINER_ROW, 20_000);
      await revealRow(page, { label: 'Networks' });
      await screenshot('e2e-1-open-view');
      return `view "${title}" shows Networks, Containers, Host and ${CTR} under Containers → bridge`;
    },
  },
  {
    name: 'create-network',
    title: `create ${NET} through the quick input (bad gateway first)`,
    run: async ({ page, screenshot }) => {
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
      check(await page.locator('.quick-input-widget:visible .quick-input-title', { hasText: '(4/6)' }).isVisible(), 'Enter with a bad gateway left step 4');
      check(((await quickInput(page).message.textContent()) ?? '').includes('not inside the subnet'), 'the validation message went away after Enter');
      check((await networkInspect(NET)) === undefined, `${NET} exists although the gateway was refused`);
      await screenshot('e2e-2-bad-gateway');
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
      check(cfg?.Subnet === SUBNET && cfg.Gateway === GATEWAY, `IPAM is ${JSON.stringify(net.IPAM.Config)}, expected ${SUBNET} gw ${GATEWAY}`);
      check(!cfg.IPRange, `ip-range is ${cfg.IPRange ?? ''}, expected none`);
      await revealRow(page, { ...NETWORK_ROW, description: SUBNET });
      await screenshot('e2e-2-network-created');
      return `message "${bad.trim()}"; then created: bridge ${cfg.Subnet} gw ${cfg.Gateway}, no ip-range; row "${NET} ${SUBNET}" in the tree`;
    },
  },
  {
    name: 'connect',
    title: `connect ${CTR} from its context menu`,
    run: async ({ page, screenshot }) => {
      await contextMenu(page, CONTAINER_ROW, 'Connect Container to Network…', () => screenshot('e2e-3-context-menu'));
      await waitQuickInput(page, 'Connect Container to Network (2/4)');
      await pickItem(page, NET, NET);
      await waitQuickInput(page, 'Connect Container to Network (3/4)');
      await typeInQuickInput(page, IP);
      await waitMessage(page, 'for a valid IP (the prompt)', (t) => t.startsWith(`Static IPv4 on ${NET}`));
      await screenshot('e2e-3-connect-ip');
      await page.keyboard.press('Enter');
      await waitQuickInput(page, 'Connect Container to Network (4/4)');
      await page.keyboard.press('Enter');
      acceptedAt = Date.now();
      const ep = await waitUntil(`${CTR} on ${NET} in docker inspect`, () => endpointOn(CTR, NET), 15_000, 20);
      check(ep.IPAddress === IP, `${CTR} has ${ep.IPAddress} on ${NET}, expected ${IP}`);
      engineAt = Date.now();
      return `docker inspect: ${CTR} on ${NET} with ${ep.IPAddress} (${engineAt - acceptedAt} ms after the last Enter)`;
    },
  },
  {
    name: 'appears',
    title: 'the endpoint appears in the tree without a refresh',
    run: async ({ page, screenshot }) => {
      const row = await revealRow(page, MEMBER_ROW, 10_000);
      const shownAt = Date.now();
      await screenshot('e2e-4-member-in-tree');
      return `row "${row.ariaLabel}" under ${row.ancestors.join(' ← ')}: ${shownAt - acceptedAt} ms after the last Enter, ${Math.max(0, shownAt - engineAt)} ms after docker inspect showed it (polled)`;
    },
  },
  {
    name: 'disconnect',
    title: `disconnect ${CTR} from the tree (modal confirm)`,
    run: async ({ page, screenshot }) => {
      await contextMenu(page, MEMBER_ROW, 'Disconnect Container from Network…');
      const text = await waitDialog(page);
      check(text.includes(`Disconnect "${CTR}" from "${NET}"?`), `the confirmation says "${text}"`);
      await screenshot('e2e-5-confirm');
      await clickDialogButton(page, 'Disconnect');
      const t0 = Date.now();
      await waitUntil(`${CTR} gone from ${NET} in docker inspect`, async () => ((await endpointOn(CTR, NET)) ? undefined : true));
      await waitUntil(`${CTR} gone from under ${NET} in the tree`, async () => {
        const net = findIn(await readRows(page), NETWORK_ROW) ?? (await revealRow(page, NETWORK_ROW));
        const rows = await readRows(page);
        const next = rows.find((r) => r.index === net.index + 1);
        return net.expanded === null && !(next?.level === 3 && next.label === CTR) ? true : undefined;
      }, 10_000);
      const goneMs = Date.now() - t0;
      await screenshot('e2e-5-disconnected');
      return `dialog "${text}"; after "Disconnect" the row left the tree in ${goneMs} ms and docker inspect shows no endpoint`;
    },
  },
];

async function main(): Promise<number> {
  const t0 = Date.now();
  const results: { step: Step; ok: boolean; ms: number; detail: string }[] = [];
  const report = (): number => {
    process.stdout.write('\n');
    for (const [i, r] of results.entries()) {
      process.stdout.write(`${r.ok ? 'PASS' : 'FAIL'} ${i + 1}. ${r.step.title} (${(r.ms / 1000).toFixed(1)} s)\n     ${r.detail.replace(/\n/g, '\n     ')}\n`);
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
  await removeOurs();
  await runTestContainer(CTR);
  let wb: Workbench | undefined;
  const cleanup = async (): Promise<void> => {
    await wb?.close();
    await removeOurs();
  };
  const removeSignals = onSignals(TAG, cleanup);
  try {
    wb = await openWorkbench({ tag: TAG });
    say(TAG, `workbench open after ${wb.openMs} ms`);
    let failed = false;
    for (const [i, step] of steps.entries()) {
      if (failed) {
        results.push({ step, ok: false, ms: 0, detail: 'not run: an earlier step failed' });
        continue;
      }
      const s0 = Date.now();
      say(TAG, `step ${i + 1}: ${step.title}`);
      try {
        const detail = await step.run(wb);
        results.push({ step, ok: true, ms: Date.now() - s0, detail });
      } catch (err) {
        failed = true;
        const shot = await wb.screenshot(`e2e-${i + 1}-${step.name}-FAILED`).catch(() => 'none');
        results.push({ step, ok: false, ms: Date.now() - s0, detail: `${errorText(err)}\nscreenshot: ${shot}` });
      }
    }
  } catch (err) {
    for (const step of steps.slice(results.length)) results.push({ step, ok: false, ms: 0, detail: `not run: ${errorText(err)}` });
  } finally {
    await cleanup();
    removeSignals();
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
