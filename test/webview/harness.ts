// Hosts dist/webview.js in headless Chromium the way VS Code does: the same page (graphHtml, with
// its CSP and nonce) served over HTTP, and a stand-in for acquireVsCodeApi that records what the
// webview posts and keeps its state in sessionStorage (so a reload finds it, like a panel restore).
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { graphHtml, makeNonce } from '../../src/webviewHost/html';
import type { Snapshot } from '../../src/shared/model';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import type { DneGraph } from '../../webview/testHook';
import { THEMES, type ThemeName } from './themes';
import { CHROMIUM_ARGS } from '../helpers/chromium';

/** The repository root: the first folder above this bundle (dist-test/...) with a package.json. */
export const REPO_ROOT = ((): string => {
  let dir = __dirname;
  for (let i = 0; i < 6 && !existsSync(join(dir, 'package.json')); i++) dir = resolve(dir, '..');
  return dir;
})();

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface Harness {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = `http://${req.headers.host ?? ''}`;
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(
        graphHtml({ cspSource: origin, nonce: makeNonce(), scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/graph.css` }),
      );
      return;
    }
    const m = /^\/(dist\/webview\.js(?:\.map)?|media\/graph\.css)$/.exec(url.pathname);
    if (!m?.[1]) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(REPO_ROOT, m[1]));
      res.writeHead(200, {
        'content-type': TYPES[m[1].slice(m[1].lastIndexOf('.'))] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  return {
    origin: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

interface PageGlobals {
  __dne: { posted: unknown[]; csp: string[]; errors: string[]; marks: { revision: number; rendered: number; frame: number }[] };
  /** The page's test hook (webview/testHook.ts). */
  dneGraph: DneGraph;
}

/**
 * Runs in the page before any of its scripts: the VS Code API stand-in and the theme. With
 * `reply`, the stand-in answers "ready" with that message at once (as the host does), and notes
 * when each "rendered" is posted and when the next frame after it starts (for the benchmark).
 */
function initPage(arg: { theme: { cls: string; vars: Record<string, string> }; reply: unknown }): void {
  const { theme, reply } = arg;
  const w = window as unknown as PageGlobals & { acquireVsCodeApi: () => unknown };
  const stored = sessionStorage.getItem('dne-state');
  let state: unknown = stored ? JSON.parse(stored) : undefined;
  w.__dne = { posted: [], csp: [], errors: [], marks: [] };
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      postMessage: (m: unknown) => {
        const copy = JSON.parse(JSON.stringify(m)) as { type?: string; revision?: number };
        w.__dne.posted.push(copy);
        if (copy.type === 'ready' && reply) setTimeout(() => window.postMessage(reply, window.origin), 0);
        if (copy.type === 'rendered') {
          const mark = { revision: copy.revision ?? -1, rendered: performance.now(), frame: 0 };
          w.__dne.marks.push(mark);
          requestAnimationFrame(() => requestAnimationFrame((t) => (mark.frame = t)));
        }
      },
      getState: () => state,
      setState: (s: unknown) => {
        state = s;
        sessionStorage.setItem('dne-state', JSON.stringify(s));
      },
    };
  };
  document.addEventListener('securitypolicyviolation', (e) => w.__dne.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.addEventListener('error', (e) => w.__dne.errors.push(String(e.message)));
  const apply = (): boolean => {
    const html = document.documentElement;
    if (!html) return false;
    for (const [k, v] of Object.entries(theme.vars)) html.style.setProperty(`--vscode-${k}`, v);
    return true;
  };
  const body = (): boolean => {
    if (!document.body) return false;
    document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast', 'vscode-high-contrast-light');
    document.body.classList.add(...theme.cls.split(' '));
    return true;
  };
  const pending = { html: !apply(), body: !body() };
  if (pending.html || pending.body) {
    new MutationObserver((_, o) => {
      if (pending.html) pending.html = !apply();
      if (pending.body) pending.body = !body();
      if (!pending.html && !pending.body) o.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }
}

export interface GraphPage {
  page: Page;
  /** Posts a message to the webview the way VS Code does (same origin). */
  send(m: HostToWebview): Promise<void>;
  posted(): Promise<WebviewToHost[]>;
  waitForPosted(pred: (m: WebviewToHost) => boolean, timeoutMs?: number): Promise<WebviewToHost>;
  waitForRevision(rev: number): Promise<void>;
  waitSettled(timeoutMs?: number): Promise<void>;
  screenOf(id: string): Promise<{ x: number; y: number; pinned: boolean; wx: number; wy: number }>;
  visibleIds(): Promise<string[]>;
  /** Screen point halfway along a drawn link. */
  linkMid(id: string): Promise<{ x: number; y: number }>;
  cspViolations(): Promise<string[]>;
  pageErrors(): Promise<string[]>;
  setTheme(name: ThemeName): Promise<void>;
  marks(): Promise<{ revision: number; rendered: number; frame: number }[]>;
}

export async function openGraph(
  h: Harness,
  opts: { theme?: ThemeName; width?: number; height?: number; reply?: HostToWebview } = {},
): Promise<GraphPage> {
  const page = await h.browser.newPage({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 }, deviceScaleFactor: 1 });
  await page.addInitScript(initPage, { theme: THEMES[opts.theme ?? 'dark'], reply: opts.reply ?? null });
  await page.goto(`${h.origin}/`);
  const g: GraphPage = {
    page,
    send: (m) => page.evaluate((msg) => window.postMessage(msg, window.origin), m as unknown),
    posted: () => page.evaluate(() => (window as unknown as PageGlobals).__dne.posted as WebviewToHost[]),
    waitForPosted: async (pred, timeoutMs = 5000) => {
      const t0 = Date.now();
      for (;;) {
        const hit = (await g.posted()).find(pred);
        if (hit) return hit;
        if (Date.now() - t0 > timeoutMs) throw new Error('the webview did not post the expected message');
        await page.waitForTimeout(25);
      }
    },
    waitForRevision: async (rev) => {
      await page.waitForFunction((r) => Number(document.body.dataset['revision'] ?? -1) >= r, rev, { timeout: 10_000 });
    },
    waitSettled: async (timeoutMs = 15_000) => {
      await page.waitForFunction(() => (window as unknown as PageGlobals).dneGraph.settled(), undefined, {
        timeout: timeoutMs,
        polling: 50,
      });
    },
    screenOf: async (id) => {
      const p = await page.evaluate((x) => (window as unknown as PageGlobals).dneGraph.screenOf(x), id);
      if (!p) throw new Error(`node ${id} is not visible`);
      return p;
    },
    visibleIds: () => page.evaluate(() => (window as unknown as PageGlobals).dneGraph.visibleIds()),
    linkMid: async (id) => {
      const p = await page.evaluate((x) => (window as unknown as PageGlobals).dneGraph.linkMid(x), id);
      if (!p) throw new Error(`link ${id} is not drawn`);
      return p;
    },
    cspViolations: () => page.evaluate(() => (window as unknown as PageGlobals).__dne.csp),
    pageErrors: () => page.evaluate(() => (window as unknown as PageGlobals).__dne.errors),
    marks: () => page.evaluate(() => (window as unknown as PageGlobals).__dne.marks),
    setTheme: async (name) => {
      await page.evaluate(initThemeOnly, THEMES[name]);
    },
  };
  return g;
}

/** Switches the theme of a loaded page the way VS Code does: html style variables and body class. */
function initThemeOnly(theme: { cls: string; vars: Record<string, string> }): void {
  for (const [k, v] of Object.entries(theme.vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
  document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast', 'vscode-high-contrast-light');
  document.body.classList.add(...theme.cls.split(' '));
}

export const snapshotMessage = (snapshot: Snapshot, revision: number, mutable = true): HostToWebview => ({
  v: PROTOCOL_VERSION,
  type: 'snapshot',
  revision,
  snapshot,
  options: { mutable },
});
