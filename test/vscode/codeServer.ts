// Starts a private code-server (VS Code 1.100 in the browser, Node extension host) for tests and
// for `npm start`. It gets its own state folder (user data, extensions, XDG dirs), a free port on
// 127.0.0.1, no auth, no marketplace, no telemetry, and fixed settings so screenshots compare.
// It runs in its own process group; stop() kills the whole group (watchers included).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const CODE_SERVER_VERSION = '4.100.3';
export const DEFAULT_CODE_SERVER_BIN = `/opt/dne/code-server-${CODE_SERVER_VERSION}/bin/code-server`;

/** The settings every instance starts with (user settings, in $STATE/data/User/settings.json). */
export const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'git.openRepositoryInParentFolders': 'never',
  // Port auto-forwarding off (`npm start` and every test instance): a container publishing a port
  // would otherwise raise the "application running on port … is available" toast over the graph
  // and the screenshots. code-server 4.100 (VS Code 1.100) reads these three:
  // - autoForwardPorts: false stops forwarding and its notification;
  // - autoForwardPortsSource 'output': VS Code keeps scanning processes (`ls -l /proc/*/fd` every
  //   few seconds in the extension host) while any tunnel provider exists, unless the source is
  //   the terminal output;
  // - otherPortsAttributes onAutoForward 'ignore': no notice even if a port is forwarded anyway.
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
  'remote.otherPortsAttributes': { onAutoForward: 'ignore' },
};

export interface CodeServerOptions {
  /** Folder opened by default (also the `folder` of url() unless another is given). */
  workspace: string;
  /** Everything code-server writes goes below this folder. Created when missing. */
  stateDir: string;
  /** code-server launcher; default $DNE_CODE_SERVER_BIN or the provisioned one. */
  bin?: string;
  /** Fixed port; default: a free one (listen on 0). */
  port?: number;
  /** Merged over BASE_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server (and so for its extension host). */
  env?: NodeJS.ProcessEnv;
  /** Where code-server's own stdout/stderr go; default $stateDir/code-server.log. */
  logFile?: string;
  /**
   * TMPDIR for code-server and its extension host (vscode-ipc-*.sock, vscode-git-*.sock and the
   * TypeScript server land there). Keep it short: unix socket paths are limited to 107 bytes.
   * Default: inherited.
   */
  tmpDir?: string;
  /** How long to wait for /healthz; default 30 s. */
  readyTimeoutMs?: number;
}

/** One [name, value] pair of the workbench `payload` URL parameter. */
export type PayloadEntry = [string, string];

export interface CodeServer {
  readonly port: number;
  readonly pid: number;
  readonly baseUrl: string;
  readonly logFile: string;
  /** URL opening `folder` (default: the workspace), with an optional workbench payload. */
  url(folder?: string, payload?: PayloadEntry[]): string;
  /** vscode-remote URI of an absolute path on this machine, as payload values need. */
  remoteUri(absPath: string): string;
  /** Kill the process group (SIGTERM, then SIGKILL after 5 s) and wait until it is gone. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port from listen(0)'))));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * True while a process of the group is alive. Zombies do not count: orphans are reaped by
 * PID 1, which on some machines (firecracker init) takes seconds. Reads /proc on Linux.
 */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return true;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
  }
  return false;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The environment code-server runs with: its own XDG folders below stateDir, no marketplace. */
function serverEnv(stateDir: string, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_DATA_HOME: join(stateDir, 'xdg-data'),
    XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
    XDG_CACHE_HOME: join(stateDir, 'xdg-cache'),
    ...(extra ?? {}),
  };
}

/** The folders startCodeServer uses below stateDir, as command-line flags. */
const dirFlags = (stateDir: string): string[] => ['--user-data-dir', join(stateDir, 'data'), '--extensions-dir', join(stateDir, 'ext')];

/**
 * Installs a .vsix into the user data and extensions folders that startCodeServer({stateDir})
 * will use, as a user does (`code-server --install-extension`). Returns code-server's output.
 */
export async function installExtension(stateDir: string, vsix: string, bin?: string): Promise<string> {
  const exe = bin ?? process.env['DNE_CODE_SERVER_BIN'] ?? DEFAULT_CODE_SERVER_BIN;
  if (!existsSync(exe)) throw new Error(`code-server not found at ${exe}: run scripts/provision.sh first`);
  for (const d of ['data', 'ext', 'xdg-data', 'xdg-config', 'xdg-cache']) mkdirSync(join(stateDir, d), { recursive: true });
  const args = ['--config', '/dev/null', ...dirFlags(stateDir), '--install-extension', vsix];
  const { stdout, stderr } = await promisify(execFile)(exe, args, { env: serverEnv(stateDir), timeout: 120_000 });
  return `${stdout}${stderr}`.trim();
}

function writeSettings(stateDir: string, extra: Record<string, unknown> | undefined): void {
  const userDir = join(stateDir, 'data', 'User');
  mkdirSync(userDir, { recursive: true });
  const settings = { ...BASE_SETTINGS, ...(extra ?? {}) };
  writeFileSync(join(userDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

async function startOnce(opts: CodeServerOptions, port: number): Promise<CodeServer> {
  const bin = opts.bin ?? process.env['DNE_CODE_SERVER_BIN'] ?? DEFAULT_CODE_SERVER_BIN;
  if (!existsSync(bin)) throw new Error(`code-server not found at ${bin}: run scripts/provision.sh first`);
  const { stateDir, workspace } = opts;
  const logFile = opts.logFile ?? join(stateDir, 'code-server.log');
  for (const d of ['data', 'ext', 'xdg-data', 'xdg-config', 'xdg-cache']) mkdirSync(join(stateDir, d), { recursive: true });
  writeSettings(stateDir, opts.settings);

  const args = [
    '--config',
    '/dev/null',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...dirFlags(stateDir),
    workspace,
  ];
  const env = serverEnv(stateDir, { ...(opts.tmpDir ? { TMPDIR: opts.tmpDir } : {}), ...(opts.env ?? {}) });
  if (opts.tmpDir) mkdirSync(opts.tmpDir, { recursive: true });
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(bin, args, { detached: true, stdio: ['ignore', fd, fd], env });
  } finally {
    closeSync(fd);
  }
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${bin}: ${String(await spawnError)}`);

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    killGroup(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (groupAlive(pid) && Date.now() < deadline) await sleep(50);
    if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
    const killDeadline = Date.now() + 3000;
    while (groupAlive(pid) && Date.now() < killDeadline) await sleep(20);
  };

  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c === null ? -1 : c));
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  while (!(await healthy(baseUrl))) {
    if (exitCode !== undefined) {
      throw new Error(`code-server exited with ${exitCode} before /healthz answered (log: ${logFile})`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${baseUrl}/healthz in time (log: ${logFile})`);
    }
    await sleep(100);
  }

  const remoteUri = (absPath: string): string => `vscode-remote://127.0.0.1:${port}${absPath}`;
  const url = (folder: string = workspace, payload?: PayloadEntry[]): string => {
    let u = `${baseUrl}/?folder=${encodeURIComponent(folder)}`;
    if (payload && payload.length > 0) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return u;
  };
  return { port, pid, baseUrl, logFile, url, remoteUri, stop };
}

/**
 * Start code-server and resolve once /healthz answers (about 0.5 s). With no fixed port it
 * retries on a new free port when the chosen one was taken in between (up to 3 attempts).
 */
export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const attempts = opts.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    const port = opts.port ?? (await freePort());
    try {
      return await startOnce(opts, port);
    } catch (err: unknown) {
      lastError = err;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
