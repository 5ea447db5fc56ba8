// Desktop path (needs internet): downloads VS Code with @vscode/test-electron and runs the same
// suite in its extension host. It cannot work on the offline CI machines (no
// update.code.visualstudio.com); use runInCodeServer there. Usage after `npm run build`:
//   node dist-test/test/vscode/runDesktop.js
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Compiled file: <repo>/dist-test/test/vscode/runDesktop.js */
const REPO_ROOT = resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const workspace = mkdtempSync(join(tmpdir(), 'dne-vscode-ws-'));
  try {
    await runTests({
      version: process.env['DNE_VSCODE_VERSION'] ?? 'stable',
      extensionDevelopmentPath: resolve(process.env['DNE_EXT_DEV_PATH'] ?? REPO_ROOT),
      extensionTestsPath: join(REPO_ROOT, 'dist-test', 'test', 'vscode', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
    return 0;
  } catch (err: unknown) {
    process.stderr.write(`[desktop] ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
