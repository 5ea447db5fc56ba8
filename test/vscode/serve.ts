// `npm start` (scripts/start.sh): serve the repo in code-server with this extension loaded as
// an Extension Development Host, print the URL, and stay up until Ctrl-C / SIGTERM, then kill
// code-server's process group. State persists in $DNE_STATE_DIR (default
// ~/.cache/docker-network-explorer/code-server); its user settings.json is rewritten on every start
// from BASE_SETTINGS (codeServer.ts), which turns port auto-forwarding and its notices off.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCodeServer } from './codeServer';

/** Compiled file: <repo>/dist-test/test/vscode/serve.js */
const REPO_ROOT = resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const cache = process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache');
  const stateDir = resolve(process.env['DNE_STATE_DIR'] ?? join(cache, 'docker-network-explorer', 'code-server'));
  mkdirSync(stateDir, { recursive: true });
  const workspace = resolve(process.env['DNE_WORKSPACE'] ?? REPO_ROOT);
  const extDir = resolve(process.env['DNE_EXT_DEV_PATH'] ?? REPO_ROOT);
  const portEnv = process.env['PORT'];
  const server = await startCodeServer({
    workspace,
    stateDir,
    ...(portEnv ? { port: Number(portEnv) } : {}),
  });
  const url = server.url(workspace, [['extensionDevelopmentPath', server.remoteUri(extDir)]]);
  process.stdout.write(
    `\ncode-server ${server.baseUrl} (pid ${server.pid}, log ${server.logFile})\n` +
      `Open this URL (Extension Development Host with ${extDir}):\n\n  ${url}\n\n` +
      'Press Ctrl-C to stop.\n',
  );
  let stopping = false;
  const stop = (sig: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${sig}: stopping code-server\n`);
    void server.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  // Stay alive; exit if code-server dies on its own.
  const watch = setInterval(() => {
    if (stopping) return;
    try {
      process.kill(server.pid, 0);
    } catch {
      clearInterval(watch);
      process.stderr.write(`code-server exited; see ${server.logFile}\n`);
      process.exit(1);
    }
  }, 1000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
