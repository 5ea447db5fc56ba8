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
  // pid 1's mount namespace has the host's own binaries. The netns stays the container's: with
  // --net host that is the engine's own, which is not pid 1's when the engine runs in another one.
  const argv = ['nsenter', '-t', '1', '-m', '--', file, ...args];
  try {
    const r = await helper.run(argv);
    if (r.exitCode === 0) return { ok: true, stdout: r.stdout, stderr: r.stderr, code: 0, via: 'container' };
    return {
      ok: false,
      stdout: r.stdout,
      stderr: r.stderr,
      code: r.exitCode,
      via: 'none',
      why: `The helper container (${helper.image}) ran ${file} but it failed: ${r.stderr.trim().split('\n')[0] ?? r.exitCode}`,
    };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      stdout: '',
      stderr: msg,
      code: 'HELPER',
      via: 'none',
      why: `The helper container (${helper.image}) could not run: ${msg}`,
    };
  }
}

export async function runPrivileged(
  mode: HostHelperMode,
  file: string,
  args: readonly string[],
  helper?: HelperContainer,
  local = true,
): Promise<PrivilegedResult> {
  if (mode === 'off') return { ok: false, stdout: '', stderr: '', code: 'OFF', via: 'none', why: 'dockerNetworks.hostHelper is off.' };
  if (!local) {
    // A remote engine's host is reached only through a helper container on that engine.
    if (helper) return inHelper(helper, file, args);
    return {
      ok: false,
      stdout: '',
      stderr: '',
      code: 'REMOTE',
      via: 'none',
      why: 'Remote engine: set dockerNetworks.hostHelperImage (a local image with nsenter) to read its host.',
    };
  }
  if (isRoot() && mode !== 'container') return { ...(await run(file, args)), via: 'root' };
  let sudoWhy = '';
  if (mode === 'auto' || mode === 'sudo') {
    const r = await run('sudo', ['-n', file, ...args]);
    if (r.ok) return { ...r, via: 'sudo' };
    sudoWhy = `Not root, and \`sudo -n ${file}\` was refused (${r.stderr.trim().split('\n')[0] ?? r.code}).`;
    if (mode === 'sudo' || !helper) {
      return {
        ...r,
        via: 'none',
        why: `${sudoWhy} Allow it without a password, run as root, or set dockerNetworks.hostHelperImage for a helper container.`,
      };
    }
  }
  if (!helper)
    return {
      ok: false,
      stdout: '',
      stderr: '',
      code: 'NO_IMAGE',
      via: 'none',
      why: 'dockerNetworks.hostHelper is "container" but dockerNetworks.hostHelperImage is empty: name a local image with nsenter (we never pull).',
    };
  const r = await inHelper(helper, file, args);
  return r.ok || !sudoWhy ? r : { ...r, why: `${sudoWhy} ${r.why ?? ''}` };
}

/** Runs a command that needs privilege in the engine's network namespace. */
export type NetnsRunner = (file: string, args: readonly string[]) => Promise<PrivilegedResult>;

/** Where the engine's netns is, as far as running a command there goes. */
export type NetnsTarget = { kind: 'same' } | { kind: 'pid'; pid: number; userns: boolean } | { kind: 'none'; why: string };

/**
 * A runner for the engine's netns: as today when it is ours; else `nsenter -t <pid> -n`. A rootless
 * engine's namespaces belong to our own user: `nsenter -U --preserve-credentials` needs no root,
 * and sudo would be wrong advice there.
 */
export function netnsRunner(target: NetnsTarget, mode: HostHelperMode, helper?: HelperContainer): NetnsRunner {
  if (target.kind === 'same') return (file, args) => runPrivileged(mode, file, args, helper);
  if (target.kind === 'none')
    return () => Promise.resolve({ ok: false, stdout: '', stderr: '', code: 'NO_NETNS', via: 'none', why: target.why });
  const pid = String(target.pid);
  if (target.userns && !isRoot()) {
    return async (file, args) => {
      if (mode === 'off') return { ok: false, stdout: '', stderr: '', code: 'OFF', via: 'none', why: 'dockerNetworks.hostHelper is off.' };
      const r = await run('nsenter', ['-U', '--preserve-credentials', '-n', '-t', pid, '--', file, ...args]);
      if (r.ok) return { ...r, via: 'root' };
      return {
        ...r,
        via: 'none',
        why: `\`nsenter -U --preserve-credentials -n -t ${pid} ${file}\` into the rootless engine's namespaces failed (${r.stderr.trim().split('\n')[0] ?? r.code}); it needs no root, only the same user as the engine.`,
      };
    };
  }
  return (file, args) => runPrivileged(mode, 'nsenter', ['-t', pid, '-n', '--', file, ...args], helper);
}

/** For a remote engine: only a helper container on that engine reaches its host. */
export function remoteRunner(mode: HostHelperMode, helper?: HelperContainer): NetnsRunner {
  return (file, args) => runPrivileged(mode, file, args, helper, false);
}
