// Stops and starts an engine this project provisioned itself (docker28: its own dockerd in its own
// netns), for the "dockerd stopped and started under the running extension" fault tests. The
// system engine is never stopped: its containers are not ours.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Engine } from './engines';

const run = promisify(execFile);

/** The repository root, from dist-test/test/helpers (bundled) or test/helpers (source). */
function repoRoot(): string {
  const here = __dirname;
  const at = here.lastIndexOf(`${join('dist-test', 'test')}`);
  if (at >= 0) return here.slice(0, at);
  return join(here, '..', '..');
}

function livePid(pidFile: string): number | null {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** SIGTERM to the engine's dockerd (from its pid file), then waits until it is gone. */
export async function stopEngine(e: Engine, ms = 30_000): Promise<void> {
  if (e.name !== 'docker28' || !e.pidFile) throw new Error(`only docker28, an engine this project runs, is ever stopped (not ${e.name})`);
  const pid = livePid(e.pidFile);
  if (pid === null) throw new Error(`${e.name}: no live dockerd in ${e.pidFile}`);
  process.kill(pid, 'SIGTERM');
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${e.name}: dockerd ${pid} still runs ${ms} ms after SIGTERM`);
}

/** Starts it again the way the test command does: scripts/provision.sh (idempotent, ~5 s). */
export async function startEngine(): Promise<string> {
  // provision.sh's docker CLI calls mean the system engine: not the DOCKER_HOST of the test run.
  const env = { ...process.env };
  delete env.DOCKER_HOST;
  delete env.DNE_TEST_ENGINE;
  try {
    const { stdout } = await run('bash', [join(repoRoot(), 'scripts', 'provision.sh')], { maxBuffer: 16 * 1024 * 1024, env });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message?: string };
    throw new Error(
      `scripts/provision.sh failed: ${e.message ?? String(err)}\n${(e.stdout ?? '').slice(-1500)}\n${(e.stderr ?? '').slice(-1500)}`,
    );
  }
}
