// Runs a command that needs root on the engine's host: directly as root, else through `sudo -n`,
// else (when the user set an image) in a short-lived privileged helper container that enters the
// host's namespaces with nsenter.
import { run, type ExecResult } from './exec';

export type HostHelperMode = 'auto' | 'sudo' | 'container' | 'off';

/** Runs argv in a `--pid host --net host --privileged` container of a local image (never pulled). */
export interface HelperContainer {
  image: string;
  run(argv: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }>;
}

export interface PrivilegedResult extends ExecResult {
  /** How it ran, or 'none' with why it did not. */
  via: 'root' | 'sudo' | 'container' | 'none';
  why?: string;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

async function inHelper(helper: HelperContainer, file: string, args: readonly string[]): Promise<PrivilegedResult> {
  // pid 1 of the host: its mount namespace has the host's own binaries, its net namespace the rules.
  const argv = ['nsenter', '-t', '1', '-m', '-n', '--', file, ...args];
  try {
    const r = await helper.run(argv);
    if (r.exitCode === 0) return { ok: true, stdout: r.stdout, stderr: r.stderr, code: 0, via: 'container' };
    return { ok: false, stdout: r.stdout, stderr: r.stderr, code: r.exitCode, via: 'none', why: `The helper container (${helper.image}) ran ${file} but it failed: ${r.stderr.trim().split('\n')[0] ?? r.exitCode}` };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, stdout: '', stderr: msg, code: 'HELPER', via: 'none', why: `The helper container (${helper.image}) could not run: ${msg}` };
  }
}

export async function runPrivileged(mode: HostHelperMode, file: string, args: readonly string[], helper?: HelperContainer, local = true): Promise<PrivilegedResult> {
  if (mode === 'off') return { ok: false, stdout: '', stderr: '', code: 'OFF', via: 'none', why: 'dockerNetworks.hostHelper is off.' };
  if (!local) {
    // A remote engine's host is reached only through a helper container on that engine.
    if (helper) return inHelper(helper, file, args);
    return { ok: false, stdout: '', stderr: '', code: 'REMOTE', via: 'none', why: 'Remote engine: set dockerNetworks.hostHelperImage (a local image with nsenter) to read its host.' };
  }
  if (isRoot() && mode !== 'container') return { ...(await run(file, args)), via: 'root' };
  let sudoWhy = '';
  if (mode === 'auto' || mode === 'sudo') {
    const r = await run('sudo', ['-n', file, ...args]);
    if (r.ok) return { ...r, via: 'sudo' };
    sudoWhy = `Not root, and \`sudo -n ${file}\` was refused (${r.stderr.trim().split('\n')[0] ?? r.code}).`;
    if (mode === 'sudo' || !helper) {
      return { ...r, via: 'none', why: `${sudoWhy} Allow it without a password, run as root, or set dockerNetworks.hostHelperImage for a helper container.` };
    }
  }
  if (!helper) return { ok: false, stdout: '', stderr: '', code: 'NO_IMAGE', via: 'none', why: 'dockerNetworks.hostHelper is "container" but dockerNetworks.hostHelperImage is empty: name a local image with nsenter (we never pull).' };
  const r = await inHelper(helper, file, args);
  return r.ok || !sudoWhy ? r : { ...r, why: `${sudoWhy} ${r.why ?? ''}` };
}
