// Reads interfaces from sysfs without spawning anything: the host's /sys/class/net, and each
// container's through /proc/<pid>/root/sys/class/net (its own sysfs, mounted in its netns).
// Only the files the mapping needs are read: this runs for every container on a full refresh.
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

/** The host's interfaces with their bridge (master) and kind; MACs are not needed here. */
export async function readHostInterfaces(sysClassNet = '/sys/class/net'): Promise<HostInterface[]> {
  const names = await readdir(sysClassNet);
  const ifaces = await Promise.all(
    names.map(async (name): Promise<HostInterface | undefined> => {
      const base = join(sysClassNet, name);
      const [ifindex, iflink, masterLink, isBridge] = await Promise.all([
        readText(join(base, 'ifindex')),
        readText(join(base, 'iflink')),
        readlink(join(base, 'master')).catch(() => undefined),
        exists(join(base, 'bridge')),
      ]);
      if (ifindex === undefined) return undefined;
      const index = Number(ifindex);
      const link = Number(iflink ?? ifindex);
      const kind = isBridge ? 'bridge' : link !== index ? 'veth' : 'other';
      return { name, ifindex: index, iflink: link, mac: null, master: masterLink ? basename(masterLink) : null, kind };
    }),
  );
  return ifaces.filter((i): i is HostInterface => i !== undefined);
}

export type ContainerLinksResult = { ok: true; ifaces: NetnsInterface[] } | { ok: false; error: string };

/** A container's interfaces (lo excluded), read as root through its pid's root. */
export async function readContainerInterfaces(pid: number, procRoot = '/proc'): Promise<ContainerLinksResult> {
  const dir = join(procRoot, String(pid), 'root', 'sys', 'class', 'net');
  try {
    const names = (await readdir(dir)).filter((n) => n !== 'lo');
    const ifaces = await Promise.all(
      names.map(async (name): Promise<NetnsInterface | undefined> => {
        const [iflink, address] = await Promise.all([readText(join(dir, name, 'iflink')), readText(join(dir, name, 'address'))]);
        return iflink === undefined ? undefined : { name, iflink: Number(iflink), mac: address ?? null };
      }),
    );
    return { ok: true, ifaces: ifaces.filter((i): i is NetnsInterface => i !== undefined) };
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'error';
    return { ok: false, error: code };
  }
}

export async function readIpForward(procRoot = '/proc'): Promise<boolean | null> {
  const v = await readText(join(procRoot, 'sys', 'net', 'ipv4', 'ip_forward'));
  return v === undefined ? null : v === '1';
}
