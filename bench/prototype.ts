// A prototype of the suggested Controller.fullRead, to measure the suggestion rather than guess:
// the host's /sys/class/net is read while the list calls are in flight, each container's
// interfaces are read as soon as its inspect arrives (not after all of them; 8 inspects in flight), and the small
// sysfs/procfs files are read with sync calls (a few µs each, no thread-pool round trip).
// Run it with docker-modem's util.inspect cost removed (see experiments.ts) to model the gateway fix.
import { buildSnapshot } from '../src/core/buildSnapshot';
import type { DockerGateway } from '../src/docker/gateway';
import type { RawContainerInspect } from '../src/docker/rawTypes';
import type { NetnsInterface } from '../src/host/linkMapping';
import type { EngineInfo, HostInterface, Snapshot } from '../src/shared/model';
import { readContainerInterfacesSync, readHostInterfacesSync } from './syncLinks';
import { mapPool } from './util';

const yieldOnce = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function pipelinedSnapshot(gw: DockerGateway): Promise<Snapshot> {
  const lists = Promise.all([gw.version(), gw.info(), gw.listNetworks(), gw.listContainers()]);
  // The requests are on the wire; read the host side while dockerd answers.
  await yieldOnce();
  let hostIfaces: HostInterface[] | null = null;
  try {
    hostIfaces = readHostInterfacesSync();
  } catch {
    hostIfaces = null;
  }
  const [version, , networks, summaries] = await lists;
  const ifacesByPid = new Map<number, NetnsInterface[]>();
  const inspected = await mapPool(8, summaries, async (s) => {
    const c = await gw.inspectContainer(s.Id ?? '');
    const pid = c?.State?.Running ? c.State.Pid : undefined;
    if (pid) {
      const ifaces = readContainerInterfacesSync(pid);
      if (ifaces) ifacesByPid.set(pid, ifaces);
    }
    return c;
  });
  const engine: EngineInfo = {
    version: version.Version ?? '', apiVersion: version.ApiVersion ?? '', endpoint: gw.endpointUrl, endpointSource: 'prototype',
    os: version.Os ?? '', kernelVersion: version.KernelVersion ?? '', swarmActive: false,
  };
  return buildSnapshot({
    engine,
    networks,
    containers: inspected.filter((c): c is RawContainerInspect => c !== undefined),
    host: { engineNetns: { pid: null, inode: null, same: true, kind: 'host', how: 'prototype' }, hostIfaces, ifacesByPid, ipForward: null, routes: null, rootless: null, defaultRoute: null, unavailable: [] },
    takenAt: Date.now(),
  });
}
