// Integration test runner: runs the mocha suite (dist-test/test/vscode/suite/index.js) inside the
// Node extension host of a real VS Code (code-server 4.100.3 = VS Code 1.100.3), driven by
// headless Chromium. Replaces @vscode/test-electron's runTests, which needs a download.
//
// Needs: scripts/provision.sh done, `npm run build` done (dist/ and dist-test/).
// Usage: node dist-test/test/vscode/runInCodeServer.js
// Env:   DNE_VSCODE_TIMEOUT_S   overall timeout in seconds (default 300)
//        DNE_EXT_DEV_PATH       extension folder to load (default: the repo root)
//        DNE_TEST_GREP          passed to the extension host; the suite index greps with it
//        DNE_VSCODE_VERBOSE=1   also print the browser console
//        DNE_KEEP_STATE=1       keep the temp state and workspace folders
//
// Screenshots: a test logs `##screenshot <name>` (console.log in the extension host). The
// runner saves test-results/screenshots/<name>.png. Use screenshot() from ./suite/screenshot,
// which deletes the old file, logs the marker and waits until the runner has written the new one
// (the runner passes the folder in DNE_SCREENSHOT_DIR). Without that variable (desktop runner)
// it only waits 300 ms.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startCodeServer, type CodeServer } from './codeServer';
import { CHROMIUM_ARGS } from '../helpers/chromium';

/** Compiled file: <repo>/dist-test/test/vscode/runInCodeServer.js */
const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const RESULTS = join(REPO_ROOT, 'test-results');
const SCREENSHOTS = join(RESULTS, 'screenshots');
const VSCODE_RESULTS = join(RESULTS, 'vscode');

interface AutomationLog {
  relativePath: string;
  contents: string;
}

const say = (msg: string): void => void process.stdout.write(`[runner] ${msg}\n`);

function elapsed(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asText).join(' ');
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function checkBuilt(extDir: string, testsIndex: string): void {
  const pkg = JSON.parse(readFileSync(join(extDir, 'package.json'), 'utf8')) as { main?: string };
  const main = pkg.main ? join(extDir, pkg.main) : undefined;
  if (main && !existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  if (!existsSync(testsIndex)) throw new Error(`${testsIndex} is missing: run \`npm run build\` first`);
}

function saveAutomationLogs(logs: unknown): void {
  if (!Array.isArray(logs)) return;
  const root = join(VSCODE_RESULTS, 'logs');
  for (const entry of logs as AutomationLog[]) {
    if (typeof entry?.relativePath !== 'string' || typeof entry.contents !== 'string') continue;
    const file = resolve(root, entry.relativePath);
    if (!file.startsWith(root)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, entry.contents);
  }
}

let interrupted: NodeJS.Signals | undefined;

export async function runInCodeServer(): Promise<number> {
  const t0 = Date.now();
  const timeoutS = Number(process.env['DNE_VSCODE_TIMEOUT_S'] ?? '300') || 300;
  const extDir = resolve(process.env['DNE_EXT_DEV_PATH'] ?? REPO_ROOT);
  const testsIndex = join(REPO_ROOT, 'dist-test', 'test', 'vscode', 'suite', 'index.js');
  checkBuilt(extDir, testsIndex);
  mkdirSync(SCREENSHOTS, { recursive: true });
  rmSync(VSCODE_RESULTS, { recursive: true, force: true });
  mkdirSync(VSCODE_RESULTS, { recursive: true });

  // Fixed folder name ("workspace") so window titles in screenshots do not change per run.
  const tmp = mkdtempSync(join(tmpdir(), 'dne-vscode-'));
  const stateDir = join(tmp, 'state');
  const workspace = join(tmp, 'workspace');
  mkdirSync(workspace, { recursive: true });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;

  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> => (cleaning ??= doCleanup());
  const doCleanup = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    const t1 = Date.now();
    await browser?.close().catch(() => undefined);
    browser = undefined;
    const t2 = Date.now();
    await server?.stop();
    server = undefined;
    say(`stopped chromium (${((t2 - t1) / 1000).toFixed(1)} s) and code-server (${elapsed(t2)})`);
    if (process.env['DNE_KEEP_STATE'] !== '1') {
      rmSync(tmp, { recursive: true, force: true });
    } else {
      say(`kept state ${stateDir} and workspace ${workspace}`);
    }
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    interrupted = sig;
    say(`${sig}: stopping chromium and code-server`);
    void cleanup().finally(() => process.exit(130));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.once(sig, onSignal);

  try {
    server = await startCodeServer({
      workspace,
      stateDir,
      logFile: join(VSCODE_RESULTS, 'code-server.log'),
      tmpDir: join(tmp, 'tmp'),
      env: { DNE_SCREENSHOT_DIR: SCREENSHOTS },
    });
    say(`code-server on ${server.baseUrl} (pid ${server.pid}) after ${elapsed(t0)}`);

    // Our own signal handlers stop chromium, code-server and remove the temp folders; playwright's
    // would exit the process before that.
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS],
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });

    let screenshots: Promise<void> = Promise.resolve();
    const takeScreenshot = (name: string): Promise<void> => {
      screenshots = screenshots.then(async () => {
        const file = join(SCREENSHOTS, `${name}.png`);
        const tmp = `${file}.tmp.png`;
        try {
          await page.screenshot({ path: tmp });
          renameSync(tmp, file);
          say(`screenshot ${file}`);
        } catch (err: unknown) {
          say(`screenshot ${name} failed: ${String(err)}`);
        }
      });
      return screenshots;
    };

    // A test logs `##hover <name> <row label>`: hover that tree row until its tooltip shows.
    const hoverRow = async (p: Page, label: string): Promise<void> => {
      const row = p.locator('.monaco-list-row', { hasText: label }).first();
      await row.scrollIntoViewIfNeeded();
      await p.mouse.move(0, 0);
      await row.hover();
      await p.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'visible', timeout: 5000 });
      await p.waitForTimeout(300);
    };

    let finish: (code: number) => void = () => undefined;
    const done = new Promise<number>((res) => (finish = res));

    await page.exposeFunction('codeAutomationLog', async (level: unknown, message: unknown) => {
      const text = asText(message);
      const out = level === 'error' ? process.stderr : process.stdout;
      out.write(text.endsWith('\n') ? text : `${text}\n`);
      const marker = /##screenshot\s+([A-Za-z0-9._-]+)/.exec(text);
      if (marker?.[1]) await takeScreenshot(marker[1]);
      const hover = /##hover\s+([A-Za-z0-9._-]+)\s+(.+)$/m.exec(text);
      if (hover?.[1] && hover[2])
        await hoverRow(page, hover[2].trim()).then(
          () => takeScreenshot(hover[1] ?? 'hover'),
          (err: unknown) => say(`hover failed: ${String(err)}`),
        );
    });
    await page.exposeFunction('codeAutomationExit', async (code: unknown, logs: unknown) => {
      saveAutomationLogs(logs);
      await screenshots;
      finish(typeof code === 'number' ? code : 1);
    });
    page.on('crash', () => {
      say('the page crashed');
      finish(1);
    });
    browser.on('disconnected', () => finish(1));
    if (process.env['DNE_VSCODE_VERBOSE'] === '1') {
      page.on('console', (m) => say(`browser ${m.type()}: ${m.text()}`));
    }
    page.on('pageerror', (e) => say(`page error: ${e.message}`));

    const url = server.url(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(extDir)],
      ['extensionTestsPath', server.remoteUri(testsIndex)],
    ]);
    say(`opening ${url}`);
    timer = setTimeout(() => {
      say(`timeout: no exit code from the extension host after ${timeoutS} s`);
      void takeScreenshot('timeout').finally(() => finish(124));
    }, timeoutS * 1000);
    await page.goto(url);

    const code = await done;
    say(`extension host tests exited with ${code} after ${elapsed(t0)}`);
    return code;
  } finally {
    await cleanup();
    for (const sig of signals) process.removeListener(sig, onSignal);
  }
}

if (require.main === module) {
  void runInCodeServer()
    .catch((err: unknown) => {
      if (interrupted) return 130;
      process.stderr.write(`[runner] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      return 1;
    })
    .then((code) => process.stdout.write('', () => process.exit(code)));
}
