// Test-side helpers that drive the real engine through the docker CLI, as the tutorials do.
// Everything created here is named dne-test-* and labelled dne.test=1. The CLI talks to the
// engine under test (test/helpers/engines.ts: DNE_TEST_ENGINE), whatever DOCKER_HOST says.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { currentEngine } from './engines';

const run = promisify(execFile);

export const TEST_LABEL = 'dne.test=1';
export const TEST_PREFIX = 'dne-test-';
export const TEST_IMAGE = 'dne-busybox:local';

export async function sh(cmd: string, args: string[]): Promise<string> {
  const { stdout } = await run(cmd, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DOCKER_HOST: currentEngine().dockerHost },
  });
  return stdout.trim();
}

export async function dockerJson<T>(...args: string[]): Promise<T> {
  return JSON.parse(await docker(...args)) as T;
}

/** Fails loudly when the engine or the offline image is missing: an engine test never skips. */
export async function requireEngine(): Promise<void> {
  const e = currentEngine();
  try {
    await docker('version', '--format', '{{.Server.Version}}');
  } catch (err) {
    throw new Error(
      `Engine ${e.name}: no Docker engine answers on ${e.dockerHost}: run scripts/provision.sh (as root) first. ${String(err)}`,
    );
  }
  try {
    await docker('image', 'inspect', TEST_IMAGE);
  } catch {
    throw new Error(
      `Engine ${e.name}: the offline test image ${TEST_IMAGE} is missing on ${e.dockerHost}: run scripts/provision.sh (it builds it from busybox-static and loads it into every engine).`,
    );
  }
}

/**
 * Removes the containers and networks a suite made: labelled dne.test=1 AND named with the
 * suite's own prefix, so suites (and other runs) never remove each other's resources.
 */
export async function cleanTestResources(prefix: string): Promise<void> {
  if (!prefix.startsWith(TEST_PREFIX)) throw new Error(`test resources must be named ${TEST_PREFIX}*`);
  const list = async (args: string[], nameField: string): Promise<string[]> =>
    (await docker(...args, '--filter', `label=${TEST_LABEL}`, '--format', `{{.ID}} {{${nameField}}}`))
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' '))
      .filter(([, name]) => name?.startsWith(prefix))
      .map(([id]) => id ?? '');
  const ids = await list(['ps', '-a'], '.Names');
  // Joined containers first: removing a netns owner before them can leave a stale endpoint.
  const modes = ids.length ? (await docker('inspect', '--format', '{{.Id}} {{.HostConfig.NetworkMode}}', ...ids)).split('\n') : [];
  const joined = modes.filter((l) => l.includes(' container:')).map((l) => l.split(' ')[0] ?? '');
  const rest = modes.filter((l) => !l.includes(' container:')).map((l) => l.split(' ')[0] ?? '');
  if (joined.length) await docker('rm', '-f', ...joined);
  if (rest.length) await docker('rm', '-f', ...rest);
  for (const n of await list(['network', 'ls'], '.Name')) await removeNetworkForce(n);
}

/** dockerd 20.10 can keep a stale endpoint of a removed container (moby#42119): clear it, retry. */
async function removeNetworkForce(id: string): Promise<void> {
  try {
    await docker('network', 'rm', id);
  } catch {
    const stale = JSON.parse(await docker('network', 'inspect', '--format', '{{json .Containers}}', id)) as Record<
      string,
      { Name: string }
    > | null;
    for (const ep of Object.values(stale ?? {})) await docker('network', 'disconnect', '-f', id, ep.Name).catch(() => undefined);
    await docker('network', 'rm', id);
  }
}

export async function runTestContainer(name: string, ...runArgs: string[]): Promise<string> {
  return runTestCommand(name, runArgs, ['sleep', '3600']);
}

/** Like runTestContainer, with the container's command given (a server, say) instead of `sleep 3600`. */
export async function runTestCommand(name: string, runArgs: string[], command: string[]): Promise<string> {
  return docker('run', '-d', '--name', name, '--label', TEST_LABEL, ...runArgs, TEST_IMAGE, ...command);
}

export async function createTestNetwork(name: string, ...args: string[]): Promise<string> {
  return docker('network', 'create', '--label', TEST_LABEL, ...args, name);
}
