// The only place in src/ that starts processes: execFile with an argument array (never a shell),
// a timeout and an output cap.
import { execFile } from 'node:child_process';

export interface ExecResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Exit code, or the error code (ENOENT, ETIMEDOUT, EACCES ...) when it never ran or was killed. */
  code: number | string;
}

export interface ExecOptions {
  timeoutMs?: number;
  maxBytes?: number;
  env?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * iptables-save, nft and friends live in /usr/sbin, which a normal user's PATH (Debian's) lacks;
 * a rootless engine's user runs them (through nsenter, which inherits this PATH) without root.
 */
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];
export function withSbin(path: string | undefined): string {
  const dirs = (path ?? '').split(':').filter(Boolean);
  return [...dirs, ...SBIN.filter((d) => !dirs.includes(d))].join(':');
}
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export function run(file: string, args: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      {
        timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBuffer: opts.maxBytes ?? DEFAULT_MAX_BYTES,
        env: { ...process.env, ...opts.env, PATH: withSbin(opts.env?.PATH ?? process.env.PATH) },
        shell: false,
        windowsHide: true,
      },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, stdout, stderr, code: 0 });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
        const code = e.killed ? 'ETIMEDOUT' : (e.code ?? 'ERROR');
        resolve({ ok: false, stdout, stderr: stderr || e.message, code });
      },
    );
  });
}
