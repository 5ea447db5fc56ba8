// Runs a planned `ip` sequence (core/linkPlan.ts) in the engine's and the containers' netns, via
// exec.ts with argument arrays. Who may: root, or a rootless engine's own user (through its user
// namespace). A failure midway undoes what was made, best effort, newest first.
import { statSync } from 'node:fs';
import { shellLine } from '../core/equivalentCommand';
import { ipArgv, type EnterMode, type IpStep } from '../core/linkPlan';
import type { EngineNetns } from '../shared/model';
import { run } from './exec';
import { readRoutes } from './links';

const uid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null);

/** How this process enters the engine's netns to change it; throws before anything is changed when it may not. */
export function plumbingAccess(netns: EngineNetns, procRoot = '/proc'): EnterMode {
  if (netns.kind === 'unknown' || (!netns.same && netns.pid === null))
    throw new Error(`link/attach need the engine's network namespace, which was not found: ${netns.how}`);
  const me = uid();
  if (me === 0) return 'root';
  if (netns.kind === 'rootless' && netns.pid !== null) {
    let owner: number | null = null;
    try {
      owner = statSync(`${procRoot}/${netns.pid}`).uid;
    } catch {
      owner = null;
    }
    // The rootless engine's user holds every capability inside its own user namespace.
    if (owner !== null && owner === me) return 'userns';
    throw new Error(
      `link/attach need root: the rootless engine (pid ${netns.pid}) belongs to uid ${owner ?? '?'}, and this process runs as uid ${me ?? '?'}. Run as root, or as the engine's own user.`,
    );
  }
  throw new Error(
    `link/attach need root: creating veths and moving them between network namespaces takes CAP_NET_ADMIN in the engine's netns (this process runs as uid ${me ?? '?'}). Run as root (sudo).`,
  );
}

/** Whether the netns of a pid has a default route (/proc/<pid>/net/route, no spawn); null when unreadable. */
export function hasDefaultRoute(pid: number, procRoot = '/proc'): boolean | null {
  const routes = readRoutes(`${procRoot}/${pid}/net`);
  return routes === null ? null : routes.some((r) => r.destination === '0.0.0.0/0');
}

export class PlumbingError extends Error {
  constructor(
    message: string,
    /** The command lines that ran (the failed one last), then the undo lines. */
    readonly commands: string[],
  ) {
    super(message);
    this.name = 'PlumbingError';
  }
}

/** Runs the steps in order; returns the command lines run. On a failure, undoes and throws. */
export async function runSteps(steps: readonly IpStep[], mode: EnterMode): Promise<string[]> {
  const done: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as IpStep;
    const [file = 'ip', ...args] = ipArgv(step.where, step.args, mode);
    done.push(shellLine([file, ...args]));
    const r = await run(file, args, { timeoutMs: 10_000 });
    if (r.ok) continue;
    const why = r.stderr.trim().split('\n')[0] || String(r.code);
    const undone: string[] = [];
    for (const s of steps.slice(0, i + 1).reverse()) {
      if (!s.undo) continue;
      const [uf = 'ip', ...ua] = ipArgv(s.undo.where, s.undo.args, mode);
      const u = await run(uf, ua, { timeoutMs: 10_000 });
      undone.push(`${shellLine([uf, ...ua])}${u.ok ? '' : '  (nothing to undo)'}`);
    }
    throw new PlumbingError(
      `\`${done[done.length - 1] ?? ''}\` failed: ${why}.${undone.length ? ' What was made was removed again.' : ''}`,
      [...done, ...undone.map((u) => `# undo: ${u}`)],
    );
  }
  return done;
}
