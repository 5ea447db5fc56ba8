// Benchmark (not a test): event → tree latency in the real workbench (issue 3). A test container
// is connected to and disconnected from a test network with the docker CLI, again and again,
// while a MutationObserver in the page notes when its row (name + static IP) appears in the
// Docker Networks tree and when it goes. Latency = page time of that DOM change − the moment
// `docker network connect` returned here (clocks aligned by round trips).
//
// Usage: npm run build && node dist-test/test/e2e/treeLatency.js
// Env:   DNE_LATENCY_TRIES (default 20), DNE_E2E_VERBOSE=1, DNE_KEEP_STATE=1
// Writes the <!-- bench:tree-latency --> section of BENCHMARKS.md (only that section).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cleanTestResources, createTestNetwork, docker, runTestContainer } from '../helpers/docker';
import { revealRow, widenSidebar } from './dom';
import { arm, clockOffset, installWatcher, nodeNow, settle, type ClockOffset } from './latencyPage';
import { describeRun, writeSection, type Series, type Try } from './latencyReport';
import { activityBarItem, errorText, withWorkbench, preflight, say, sleep, type Workbench } from './workbench';

const TAG = 'tree-latency';
const PREFIX = 'dne-test-lat-';
const NET = `${PREFIX}net`;
const SUBNET = '10.254.62.0/24';
/** Keeps the network non-empty, so its row stays expanded (see the e2e test, step 4). */
const ANCHOR = `${PREFIX}anchor`;
const ANCHOR_IP = '10.254.62.2';
const CTR = `${PREFIX}c1`;
const IP = '10.254.62.20';
const TRIES = Number(process.env['DNE_LATENCY_TRIES'] ?? '20') || 20;
const WARMUP = 2;
/** Longer than the extension host's 200 ms debounce of onDidChangeTreeData. */
const IDLE_MS = 400;
const TIMEOUT_MS = 10_000;

const run = promisify(execFile);

/** Runs the docker CLI; returns when it started and when it returned (node clock). */
async function timedDocker(...args: string[]): Promise<{ start: number; end: number }> {
  const start = nodeNow();
  await run('docker', args);
  return { start, end: nodeNow() };
}

async function one(wb: Workbench, clock: ClockOffset, idle: Idle): Promise<Try> {
  const { page } = wb;
  await sleep(idle.beforeConnect);
  await arm(page, { label: CTR, description: IP, level: 3, want: 'present' });
  const c = await timedDocker('network', 'connect', '--ip', IP, NET, CTR);
  const shown = await settle(page, TIMEOUT_MS);
  if (shown.already) throw new Error(`${CTR} ${IP} was in the tree before the connect`);
  await sleep(idle.beforeDisconnect);
  await arm(page, { label: CTR, description: IP, level: 3, want: 'absent' });
  const d = await timedDocker('network', 'disconnect', NET, CTR);
  const gone = await settle(page, TIMEOUT_MS);
  const toNode = (pageT: number): number => pageT - clock.offset;
  return {
    cliMs: c.end - c.start,
    returnToDom: toNode(shown.dom) - c.end,
    returnToFrame: toNode(shown.frame) - c.end,
    startToDom: toNode(shown.dom) - c.start,
    mutations: shown.mutations,
    disconnectReturnToGone: gone.already ? Number.NaN : toNode(gone.dom) - d.end,
  };
}

interface Idle {
  beforeConnect: number;
  beforeDisconnect: number;
}

async function series(wb: Workbench, clock: ClockOffset, name: string, idle: Idle): Promise<Series> {
  const tries: Try[] = [];
  for (let i = 0; i < WARMUP + TRIES; i++) {
    const t = await one(wb, clock, idle);
    if (i >= WARMUP) tries.push(t);
    say(
      TAG,
      `${name} ${i < WARMUP ? 'warm-up' : `#${i - WARMUP + 1}`}: connect returned → row in DOM ${t.returnToDom.toFixed(1)} ms (frame ${t.returnToFrame.toFixed(1)}), CLI ${t.cliMs.toFixed(0)} ms; disconnect → gone ${t.disconnectReturnToGone.toFixed(1)} ms`,
    );
  }
  return { name, ...idle, tries };
}

async function removeOurs(): Promise<void> {
  await cleanTestResources(PREFIX);
}

async function main(): Promise<number> {
  await preflight();
  const bench = await run('pgrep', ['-f', 'bench/snapshot.js']).then(
    (r) => r.stdout.trim(),
    () => '',
  );
  if (bench) say(TAG, 'WARNING: bench/snapshot.js is running: the numbers will be noisy');
  await removeOurs();
  await createTestNetwork(NET, '--subnet', SUBNET);
  await runTestContainer(ANCHOR, '--network', NET, '--ip', ANCHOR_IP);
  await runTestContainer(CTR);
  return withWorkbench({ tag: TAG, viewport: { width: 1440, height: 1000 } }, removeOurs, async (wb) => {
    const { page } = wb;
    await activityBarItem(page).click();
    await widenSidebar(page, 620);
    const net = await revealRow(page, { label: NET, parents: ['Networks'] }, 30_000);
    if (net.expanded !== 'true') throw new Error(`${NET} is not expanded in the tree (aria-expanded=${net.expanded ?? 'none'})`);
    await revealRow(page, { label: ANCHOR, description: ANCHOR_IP, parents: [NET, 'Networks'] });
    await installWatcher(page, '.part.sidebar');
    const engineContainers = (await docker('ps', '-q')).split('\n').filter(Boolean).length;
    const before = await clockOffset(page);
    say(TAG, `clock offset page − node ${before.offset.toFixed(2)} ms (±${before.uncertainty.toFixed(2)})`);
    // A: the disconnect follows the connect's tree change at once (within VS Code's 200 ms);
    // B: every CLI call follows 400 ms of quiet.
    const a = await series(wb, before, 'A', { beforeConnect: IDLE_MS, beforeDisconnect: 0 });
    const b = await series(wb, before, 'B', { beforeConnect: IDLE_MS, beforeDisconnect: IDLE_MS });
    const after = await clockOffset(page);
    say(TAG, `clock offset after ${after.offset.toFixed(2)} ms (±${after.uncertainty.toFixed(2)})`);
    await wb.screenshot('tree-latency-end');
    const browserVersion = wb.browser.version();
    const { text, summary } = await describeRun({
      series: [a, b],
      clock: [before, after],
      engineContainers,
      benchRunning: bench !== '',
      browserVersion,
      warmup: WARMUP,
    });
    process.stdout.write(`\n${text}\n`);
    writeSection(text);
    say(TAG, 'wrote the bench:tree-latency section of BENCHMARKS.md');
    process.stdout.write(`${summary}\n`);
    return 0;
  });
}

void main()
  .catch((err: unknown) => {
    process.stderr.write(`[${TAG}] ${errorText(err)}\n`);
    return 1;
  })
  .then((code) => process.stdout.write('', () => process.exit(code)));
