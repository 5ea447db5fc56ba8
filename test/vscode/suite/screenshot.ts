// Ask the test runner for a PNG of the whole workbench: test-results/screenshots/<name>.png.
// The runner (runInCodeServer) watches the extension host log for `##screenshot <name>` and sets
// DNE_SCREENSHOT_DIR; we wait until the file is there so the picture shows the state at this
// point of the test. Without that variable (desktop runner) we only wait 300 ms.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function screenshot(name: string, timeoutMs = 15_000, settleMs = 700): Promise<void> {
  // The workbench renders what the extension host sent a moment later: let it catch up.
  await sleep(settleMs);
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad screenshot name: ${name}`);
  const dir = process.env['DNE_SCREENSHOT_DIR'];
  const file = dir ? join(dir, `${name}.png`) : undefined;
  if (file) rmSync(file, { force: true });
  console.log(`##screenshot ${name}`);
  if (!file) {
    await sleep(300);
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`runner wrote no screenshot ${file} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Hover the tree row whose text contains `rowText` and screenshot its tooltip. */
export async function hoverScreenshot(name: string, rowText: string, timeoutMs = 15_000): Promise<void> {
  await sleep(700);
  const dir = process.env['DNE_SCREENSHOT_DIR'];
  const file = dir ? join(dir, `${name}.png`) : undefined;
  if (file) rmSync(file, { force: true });
  console.log(`##hover ${name} ${rowText}`);
  if (!file) return;
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`runner wrote no hover screenshot ${file} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The light and high-contrast themes a learner's editor may use (dark is the default). */
export const OTHER_THEMES = [
  ['light', 'Default Light Modern'],
  ['hc', 'Default High Contrast'],
] as const;

/** Runs `shoot(suffix)` in each of the other themes, then restores the default. */
export async function inOtherThemes(shoot: (suffix: string) => Promise<void>): Promise<void> {
  const wb = vscode.workspace.getConfiguration('workbench');
  try {
    for (const [suffix, theme] of OTHER_THEMES) {
      await wb.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await sleep(500);
      await shoot(suffix);
    }
  } finally {
    await wb.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  }
}
