// Reads interfaces from sysfs without spawning anything: the host's /sys/class/net, and each
// container's through /proc/<pid>/root/sys/class/net (its own sysfs, mounted in its netns).
import { readFile, readdir, readlink, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { HostInterface } from '../shared/model';
import type { NetnsInterface } from './linkMapping';

async function readText(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readIface(dir: string, name: string): Promise<NetnsInterface | undefined> {
  const base = join(dir, name);
  const [ifindex, iflink, address] = await Promise.all([
    readText(join(base, 'ifindex')),
    readText(join(base, 'iflink')),
    readText(join(base, 'address')),
  ]);
  if (ifindex === undefined) return undefined;
  return { name, ifindex: Number(ifindex), iflink: Number(iflink ?? ifindex), mac: address ?? null };
}

/** The host's interfaces with their bridge (master) and kind. */
export async function readHostInterfaces(sysClassNet = '/sys/class/net'): Promise<HostInterface[]> {
  const names = await readdir(sysClassNet);
  const ifaces = await Promise.all(
    names.map(async (name): Promise<HostInterface | undefined> => {
      const base = join(sysClassNet, name);
      const [iface, masterLink, isBridge] = await Promise.all([
        readIface(sysClassNet, name),
        readlink(join(base, 'master')).catch(() => undefined),
        exists(join(base, 'bridge')),
      ]);
      if (!iface) return undefined;
      const kind = isBridge ? 'bridge' : iface.iflink !== iface.ifindex ? 'veth' : 'other';
      return { ...iface, master: masterLink ? basename(masterLink) : null, kind };
    }),
  );
  return ifaces.filter((i): i is HostInterface => i !== undefined);
}

export type ContainerLinksResult = { ok: true; ifaces: NetnsInterface[]; netns: string | null } | { ok: false; error: string };

/** A container's interfaces (lo excluded), read as root through its pid's root. */
export async function readContainerInterfaces(pid: number, procRoot = '/proc'): Promise<ContainerLinksResult> {
  const dir = join(procRoot, String(pid), 'root', 'sys', 'class', 'net');
  try {
    const names = (await readdir(dir)).filter((n) => n !== 'lo');
    const [ifaces, netns] = await Promise.all([
      Promise.all(names.map((n) => readIface(dir, n))),
      readlink(join(procRoot, String(pid), 'ns', 'net')).catch(() => null),
    ]);
    return { ok: true, ifaces: ifaces.filter((i): i is NetnsInterface => i !== undefined), netns };
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'error';
    return { ok: false, error: code };
  }
}

export async function readIpForward(procRoot = '/proc'): Promise<boolean | null> {
  const v = await readText(join(procRoot, 'sys', 'net', 'ipv4', 'ip_forward'));
  return v === undefined ? null : v === '1';
}
