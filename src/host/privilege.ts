// Runs a command that needs root: directly as root, else through `sudo -n` when allowed.
// The short-lived privileged helper container is not implemented yet (see README).
import { run, type ExecResult } from './exec';

export type HostHelperMode = 'auto' | 'sudo' | 'container' | 'off';

export interface PrivilegedResult extends ExecResult {
  /** How it ran: 'root', 'sudo', or why it did not. */
  via: 'root' | 'sudo' | 'none';
  why?: string;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

export async function runPrivileged(mode: HostHelperMode, file: string, args: readonly string[]): Promise<PrivilegedResult> {
  if (mode === 'off') return { ok: false, stdout: '', stderr: '', code: 'OFF', via: 'none', why: 'dockerNetworks.hostHelper is off.' };
  if (isRoot()) return { ...(await run(file, args)), via: 'root' };
  if (mode === 'auto' || mode === 'sudo') {
    const r = await run('sudo', ['-n', file, ...args]);
    if (r.ok) return { ...r, via: 'sudo' };
    return { ...r, via: 'none', why: `Not root, and \`sudo -n ${file}\` was refused (${r.stderr.trim().split('\n')[0] ?? r.code}). Allow it without a password, or run as root.` };
  }
  return { ok: false, stdout: '', stderr: '', code: 'UNSUPPORTED', via: 'none', why: 'The helper-container mode is not available yet: run as root or allow `sudo -n`.' };
}
