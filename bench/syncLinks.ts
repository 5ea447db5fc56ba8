// The reads of src/host/links.ts done with sync fs calls, for the experiments: sysfs and procfs
// files are tiny and in memory, so a sync read costs a few µs and no thread-pool round trip.
// Same files as src reads: ifindex, iflink, master, bridge/ on the host; iflink, address inside.
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { NetnsInterface } from '../src/host/linkMapping';
import type { HostInterface } from '../src/shared/model';

const text = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

export function readHostInterfacesSync(sysClassNet = '/sys/class/net'): HostInterface[] {
  const out: HostInterface[] = [];
  for (const name of readdirSync(sysClassNet)) {
    const base = join(sysClassNet, name);
    const ifindex = text(join(base, 'ifindex'));
    if (ifindex === undefined) continue;
    const index = Number(ifindex);
    const link = Number(text(join(base, 'iflink')) ?? ifindex);
    let master: string | null = null;
    try {
      master = basename(readlinkSync(join(base, 'master')));
    } catch {
      master = null;
    }
    const kind = existsSync(join(base, 'bridge')) ? 'bridge' : link !== index ? 'veth' : 'other';
    out.push({ name, ifindex: index, iflink: link, mac: null, master, kind, mtu: null });
  }
  return out;
}

export function readContainerInterfacesSync(pid: number): NetnsInterface[] | undefined {
  const dir = join('/proc', String(pid), 'root', 'sys', 'class', 'net');
  try {
    return readdirSync(dir)
      .filter((n) => n !== 'lo')
      .flatMap((name) => {
        const iflink = text(join(dir, name, 'iflink'));
        return iflink === undefined ? [] : [{ name, iflink: Number(iflink), mac: text(join(dir, name, 'address')) ?? null }];
      });
  } catch {
    return undefined;
  }
}
