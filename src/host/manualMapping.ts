// Pure: turns what each container's netns holds beyond Docker's endpoints into `manualInterfaces`,
// and pairs veth ends. Two ends pair only when each one's iflink is the other's ifindex (ifindexes
// repeat across netns, so one direction alone could match a stranger).
import type { ContainerInfo, HostInterface, ManualInterface } from '../shared/model';
import type { ExtraIfacesResult, NetnsIface } from './manualIfaces';

interface Found {
  c: ContainerInfo;
  raw: NetnsIface;
  m: ManualInterface;
}

const dockerOwn = (c: ContainerInfo, i: NetnsIface): boolean =>
  c.endpoints.some((e) => (e.mac !== null && e.mac.toLowerCase() === i.mac?.toLowerCase()) || (e.ifname !== null && e.ifname === i.name));

/** Fills manualInterfaces of every running container from its netns reading; returns why some are null. */
export function applyManual(
  containers: readonly ContainerInfo[],
  extraByPid: ReadonlyMap<number, ExtraIfacesResult>,
  hostIfaces: readonly HostInterface[] | null,
): string[] {
  const found: Found[] = [];
  const errors: string[] = [];
  for (const c of containers) {
    if (c.state !== 'running' || c.pid === null) continue;
    // A joined container's interfaces are its owner's; a host-mode one's are the host's.
    if (c.networkModeKind === 'container' || c.networkModeKind === 'host') {
      c.manualInterfaces = [];
      continue;
    }
    const extra = extraByPid.get(c.pid);
    if (!extra) continue;
    if (!extra.ok) {
      errors.push(`${c.name}: ${extra.error}`);
      c.manualInterfaces = null;
      continue;
    }
    c.manualInterfaces = [];
    for (const raw of extra.ifaces) {
      if (dockerOwn(c, raw)) continue;
      const m: ManualInterface = {
        name: raw.name,
        kind: 'manual',
        linkKind: raw.kind,
        mac: raw.mac,
        up: raw.up,
        addresses: raw.addresses,
        peer: null,
        bridge: null,
        routes: extra.routes.filter((r) => r.interface === raw.name),
      };
      c.manualInterfaces.push(m);
      found.push({ c, raw, m });
    }
  }
  pairPeers(found, hostIfaces ?? []);
  return errors.length
    ? [`Hand-made interfaces of ${errors.length} container(s) were not read, so they show as unknown: ${errors.join('; ')}`]
    : [];
}

function pairPeers(found: readonly Found[], hostIfaces: readonly HostInterface[]): void {
  for (const f of found) {
    if (f.raw.kind !== 'veth' || f.raw.iflink === null) continue;
    const other = found.find((g) => g.c.id !== f.c.id && g.raw.ifindex === f.raw.iflink && g.raw.iflink === f.raw.ifindex);
    if (other) {
      f.m.peer = { container: other.c.name, ifname: other.raw.name, hostIfname: null };
      continue;
    }
    const host = hostIfaces.find((h) => h.kind === 'veth' && h.ifindex === f.raw.iflink && h.iflink === f.raw.ifindex);
    if (host) {
      f.m.peer = { container: null, ifname: null, hostIfname: host.name };
      f.m.bridge = host.master;
    }
  }
}
