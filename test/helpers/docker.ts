// Test-side helpers that drive the real engine through the docker CLI, as the tutorials do.
// Everything created here is named dne-test-* and labelled dne.test=1.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const TEST_LABEL = 'dne.test=1';
export const TEST_PREFIX = 'dne-test-';
export const TEST_IMAGE = 'dne-busybox:local';

export async function sh(cmd: string, args: string[]): Promise<string> {
  const { stdout } = await run(cmd, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export const docker = (...args: string[]): Promise<string> => sh('docker', args);

export async function dockerJson<T>(...args: string[]): Promise<T> {
  return JSON.parse(await docker(...args)) as T;
}

/** Fails loudly when the engine or the offline image is missing: an engine test never skips. */
export async function requireEngine(): Promise<void> {
  try {
    await docker('version', '--format', '{{.Server.Version}}');
  } catch (err) {
    throw new Error(`No Docker engine answers on this machine: run scripts/provision.sh (as root) first. ${String(err)}`);
  }
  try {
    await docker('image', 'inspect', TEST_IMAGE);
  } catch {
    throw new Error(`The offline test image ${TEST_IMAGE} is missing: run scripts/provision.sh (it builds it from busybox-static).`);
  }
}

/** Removes every container and network this test suite ever made (by label), nothing else. */
export async function cleanTestResources(): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `label=${TEST_LABEL}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
  const nets = (await docker('network', 'ls', '-q', '--filter', `label=${TEST_LABEL}`)).split('\n').filter(Boolean);
  for (const n of nets) await docker('network', 'rm', n);
}

export async function runTestContainer(name: string, ...runArgs: string[]): Promise<string> {
  return docker('run', '-d', '--name', name, '--label', TEST_LABEL, ...runArgs, TEST_IMAGE, 'sleep', '3600');
}

export async function createTestNetwork(name: string, ...args: string[]): Promise<string> {
  return docker('network', 'create', '--label', TEST_LABEL, ...args, name);
}
