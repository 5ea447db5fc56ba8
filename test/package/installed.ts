// The packaged extension as users get it, shared by the package layer (run.ts) and the activation
// benchmark (bench/activation.ts): build the .vsix with `npm run package`, list what is in it,
// install it into a fresh code-server (no extensionDevelopmentPath), open the Docker Networks
// view, and read the extension's `activation:` log line.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { revealRow, widenSidebar } from '../e2e/dom';
import { REPO_ROOT, activityBarItem, openWorkbench, waitUntil, type Workbench } from '../e2e/workbench';

const run = promisify(execFile);

/** <repo>/<name>-<version>.vsix, where `npm run package` (vsce's default name) puts it. */
export function vsixPath(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
  if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') throw new Error('package.json has no name or version');
  return join(REPO_ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

/**
 * `npm run package` at the repository root (vscode:prepublish makes the minified bundles), then
 * the dev bundles with their source maps are rebuilt, so later test layers run what they always
 * ran. Returns vsce's output.
 */
export async function buildPackage(): Promise<string> {
  const opts = { cwd: REPO_ROOT, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 };
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'package'], opts);
    return `${stdout}${stderr}`;
  } finally {
    await run(process.execPath, ['esbuild.mjs', '--shipped'], opts);
  }
}

export interface VsixEntry {
  path: string;
  bytes: number;
}

/** The files in the .vsix, from `unzip -l` (a missing unzip is an error, not a skip). */
export async function vsixEntries(vsix: string): Promise<VsixEntry[]> {
  const { stdout } = await run('unzip', ['-l', vsix], { maxBuffer: 16 * 1024 * 1024 });
  const out: VsixEntry[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^\s*(\d+)\s+\d{2,4}-\d{2}-\d{2,4}\s+\d{2}:\d{2}\s+(.+)$/.exec(line);
    if (m?.[1] && m[2]) out.push({ bytes: Number(m[1]), path: m[2].trim() });
  }
  if (out.length === 0) throw new Error(`unzip -l ${vsix} listed no files:\n${stdout}`);
  return out;
}

export const fileSize = (path: string): number => statSync(path).size;

/** The built-in networks: the tree must list them under Networks. */
export const BUILTIN_NETWORKS = ['bridge', 'host', 'none'] as const;

/**
 * Installs the .vsix into a fresh code-server, opens the workbench in Chromium, clicks the Docker
 * Networks icon and waits for the Networks group. The caller closes the workbench.
 */
export async function openInstalled(tag: string, vsix: string): Promise<Workbench> {
  const wb = await openWorkbench({ tag, vsix });
  try {
    await activityBarItem(wb.page).click();
    await revealRow(wb.page, { label: 'Networks' }, 30_000);
    await widenSidebar(wb.page, 520);
    return wb;
  } catch (err) {
    await wb.close();
    throw err;
  }
}

/** Every file below dir (the log folder is small). */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export interface ActivationLine {
  line: string;
  file: string;
  bundleEvalMs: number;
  activateMs: number;
  snapshotMs: number;
  firstRowsMs: number;
  engineReadMs: number;
  mode: string;
}

/** src/activationTiming.ts writes it. */
const ACTIVATION =
  /activation: bundle eval (\d+) ms, activate (\d+) ms, first snapshot (\d+) ms, first tree rows (\d+) ms \(first engine read (\d+) ms; (\w+) mode\)/;

export function parseActivation(text: string): Omit<ActivationLine, 'file'> | undefined {
  const m = ACTIVATION.exec(text);
  if (!m?.[1] || !m[2] || !m[3] || !m[4] || !m[5] || !m[6]) return undefined;
  return {
    line: m[0],
    bundleEvalMs: Number(m[1]),
    activateMs: Number(m[2]),
    snapshotMs: Number(m[3]),
    firstRowsMs: Number(m[4]),
    engineReadMs: Number(m[5]),
    mode: m[6],
  };
}

/** Waits for the extension's `activation:` line in the output channel's log file below stateDir. */
export function activationLine(stateDir: string, timeoutMs = 30_000): Promise<ActivationLine> {
  return waitUntil(
    'the "activation:" line in the Docker Networks log',
    () => {
      for (const file of walk(join(stateDir, 'data', 'logs'))) {
        if (!file.endsWith('.log')) continue;
        const hit = parseActivation(readFileSync(file, 'utf8'));
        if (hit) return { ...hit, file };
      }
      return undefined;
    },
    timeoutMs,
    200,
  );
}
