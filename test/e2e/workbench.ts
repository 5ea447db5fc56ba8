// Shared by the browser end-to-end test (run.ts) and the tree latency benchmark (treeLatency.ts):
// checks that everything needed is there (never skips), starts a private code-server with this
// extension loaded as a development extension (payload with only extensionDevelopmentPath, i.e.
// an Extension Development Host window, as `npm start` opens it), opens the workbench in headless
// Chromium and stops everything again.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { requireEngine } from '../helpers/docker';
import { CODE_SERVER_VERSION, DEFAULT_CODE_SERVER_BIN, installExtension, startCodeServer, type CodeServer } from '../vscode/codeServer';
import { CHROMIUM_ARGS } from '../helpers/chromium';

/** The nearest folder above `dir` that holds esbuild.mjs and package.json. */
function findRepoRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'esbuild.mjs')) && existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) throw new Error(`no repository (esbuild.mjs) above ${dir}`);
  }
}

/** Compiled into dist-test/test/e2e/<name>.js, or bundled into another entry (dist-test/bench/…). */
export const REPO_ROOT = findRepoRoot(__dirname);
export const RESULTS = join(REPO_ROOT, 'test-results');
export const SCREENSHOTS = join(RESULTS, 'screenshots');
export const CHROMIUM = process.env['DNE_CHROMIUM'] ?? '/usr/bin/chromium';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function say(tag: string, msg: string): void {
  process.stdout.write(`[${tag}] ${msg}\n`);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Polls `probe` until it returns a value other than undefined; throws `what` on timeout. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : ` (last error: ${errorText(last)})`}`,
      );
    }
    await sleep(everyMs);
  }
}

/**
 * Everything the browser tests need, checked up front with a message saying how to get it. A
 * missing piece is a failure, never a skip.
 */
export async function preflight(): Promise<void> {
  const problems: string[] = [];
  const bin = process.env['DNE_CODE_SERVER_BIN'] ?? DEFAULT_CODE_SERVER_BIN;
  if (!existsSync(bin)) problems.push(`code-server ${CODE_SERVER_VERSION} is missing at ${bin}: run scripts/provision.sh (as root).`);
  if (!existsSync(CHROMIUM)) problems.push(`Chromium is missing at ${CHROMIUM}: run scripts/provision.sh (apt install chromium).`);
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { main?: string };
  const main = join(REPO_ROOT, pkg.main ?? 'dist/extension.js');
  if (!existsSync(main)) problems.push(`${main} is missing: run \`npm run build\` (node esbuild.mjs) first.`);
  try {
    await requireEngine();
  } catch (err) {
    problems.push(errorText(err));
  }
  if (problems.length) throw new Error(`cannot run the browser tests:\n  - ${problems.join('\n  - ')}`);
}

export interface Workbench {
  readonly page: Page;
  readonly browser: Browser;
  readonly server: CodeServer;
  /** code-server's state folder (user data in data/, extensions in ext/, logs in data/logs/). */
  readonly stateDir: string;
  readonly url: string;
  /** Browser open (page.goto) to the workbench's activity bar being visible, ms. */
  readonly openMs: number;
  /**
   * PNG of the whole page at test-results/screenshots/<name>.png; returns the path. The mouse
   * first moves to an empty spot so no tooltip hides the tree, unless keepMouse (e.g. to show
   * the highlighted menu item).
   */
  screenshot(name: string, opts?: { keepMouse?: boolean }): Promise<string>;
  /** Closes Chromium, stops code-server's process group, removes the temp folders. Idempotent. */
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  tag: string;
  viewport?: { width: number; height: number };
  settings?: Record<string, unknown>;
  /** Print the browser console (also on with DNE_E2E_VERBOSE=1). */
  verbose?: boolean;
  /**
   * Install this .vsix (`code-server --install-extension`) and open the workbench without
   * extensionDevelopmentPath, as a user has it. Default: the repository as a development extension.
   */
  vsix?: string;
}

/** Starts code-server and Chromium and opens the workbench with the extension under development (or installed: opts.vsix). */
export async function openWorkbench(opts: WorkbenchOptions): Promise<Workbench> {
  const tmp = mkdtempSync(join(tmpdir(), 'dne-e2e-'));
  const stateDir = join(tmp, 'state');
  // Fixed folder name so the window title in the screenshots does not change per run.
  const workspace = join(tmp, 'workspace');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const logDir = join(RESULTS, 'e2e');
  mkdirSync(logDir, { recursive: true });

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await browser?.close().catch(() => undefined);
      await server?.stop();
      if (process.env['DNE_KEEP_STATE'] !== '1') rmSync(tmp, { recursive: true, force: true });
      else say(opts.tag, `kept state in ${tmp}`);
    })());

  try {
    if (opts.vsix) say(opts.tag, `installed: ${await installExtension(stateDir, opts.vsix)}`);
    server = await startCodeServer({
      workspace,
      stateDir,
      logFile: join(logDir, `code-server-${opts.tag}.log`),
      tmpDir: join(tmp, 'tmp'),
      settings: {
        'workbench.reduceMotion': 'on',
        'workbench.list.smoothScrolling': false,
        'workbench.editor.empty.hint': 'hidden',
        'workbench.hover.delay': 10_000,
        ...(opts.settings ?? {}),
      },
    });
    say(opts.tag, `code-server ${CODE_SERVER_VERSION} on ${server.baseUrl} (pid ${server.pid}, log ${server.logFile})`);
    // Playwright's own signal handlers would exit before code-server is stopped: the scripts
    // install theirs (see onSignals).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => say(opts.tag, `page error: ${e.message}`));
    if (opts.verbose || process.env['DNE_E2E_VERBOSE'] === '1') {
      page.on('console', (m) => say(opts.tag, `browser ${m.type()}: ${m.text()}`));
    }
    const srv = server;
    const url = opts.vsix ? srv.url(workspace) : srv.url(workspace, [['extensionDevelopmentPath', srv.remoteUri(REPO_ROOT)]]);
    say(opts.tag, `opening ${url}`);
    const t0 = Date.now();
    // A loaded machine (load 15 on 2 CPUs) takes over 20 s to fire "load": the same bound as below.
    await page.goto(url, { timeout: 60_000 });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    const openMs = Date.now() - t0;
    const screenshot = async (name: string, shotOpts?: { keepMouse?: boolean }): Promise<string> => {
      const file = join(SCREENSHOTS, `${name}.png`);
      const part = `${file}.part.png`;
      if (!shotOpts?.keepMouse) {
        const vp = page.viewportSize() ?? { width: 1440, height: 900 };
        await page.mouse.move(vp.width - 60, vp.height - 120);
        await page
          .locator('.workbench-hover, .monaco-hover:not(.hidden)')
          .first()
          .waitFor({ state: 'hidden', timeout: 3000 })
          .catch(() => undefined);
      }
      await page.screenshot({ path: part });
      renameSync(part, file);
      say(opts.tag, `screenshot ${file}`);
      return file;
    };
    return { page, browser, server: srv, stateDir, url, openMs, screenshot, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The "Docker Networks" icon of our view container in the activity bar. */
export function activityBarItem(page: Page): ReturnType<Page['locator']> {
  return page.locator('.part.activitybar .action-item a.action-label[aria-label^="Docker Networks"]').first();
}

/** Runs `cleanup` once on SIGINT/SIGTERM/SIGHUP, then exits 130. Returns a remover. */
export function onSignals(tag: string, cleanup: () => Promise<void>): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handler = (sig: NodeJS.Signals): void => {
    say(tag, `${sig}: stopping Chromium and code-server, removing test resources`);
    void cleanup().finally(() => process.exit(130));
  };
  for (const s of signals) process.once(s, handler);
  return () => {
    for (const s of signals) process.removeListener(s, handler);
  };
}

/**
 * Opens the workbench and hands it to `fn`; whatever happens (an error, a signal), Chromium and
 * code-server are stopped and `removeOurs` removes the run's Docker resources.
 */
export async function withWorkbench<T>(
  opts: WorkbenchOptions,
  removeOurs: () => Promise<void>,
  fn: (wb: Workbench) => Promise<T>,
): Promise<T> {
  let wb: Workbench | undefined;
  const cleanup = async (): Promise<void> => {
    await wb?.close();
    await removeOurs();
  };
  const removeSignals = onSignals(opts.tag, cleanup);
  try {
    wb = await openWorkbench(opts);
    return await fn(wb);
  } finally {
    await cleanup();
    removeSignals();
  }
}
