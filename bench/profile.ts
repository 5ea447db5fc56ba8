// Where a full snapshot's time goes: the phases of Controller.fullRead timed one by one, with the
// same gateway and host inspector the controller uses, plus raw-socket equivalents for comparison.
import { buildSnapshot } from '../src/core/buildSnapshot';
import type { Controller } from '../src/core/controller';
import type { RawContainerInspect } from '../src/docker/rawTypes';
import { LocalHostInspector } from '../src/host/inspector';
import { readContainerInterfaces, readHostInterfaces } from '../src/host/links';
import type { EngineInfo } from '../src/shared/model';
import { runExperiments, withUtilInspectStubbed, type Experiments } from './experiments';
import { rawAgent, rawInspectAndParse } from './rawApi';
import { measure, median } from './util';

const WARMUP = 2;
const ITERATIONS = 10;

export interface PhaseProfile {
  /** version + info + networks list + containers list, in parallel (gateway). */
  listsMs: number;
  /** One inspect per container, Promise.all over the gateway (dockerode, 8 sockets). */
  inspectsMs: number;
  /** Experiment: the gateway inspects with docker-modem's eager util.inspect stubbed out. */
  inspectsNoDebugMs: number;
  inspectsNoDebugNodeCpuMs: number;
  /** Experiment: the lists with the same stub. */
  listsNoDebugMs: number;
  /** The same inspects over plain node:http, 8 sockets, JSON.parse included. */
  inspectsRawMs: number;
  /** LocalHostInspector.read(pids): host /sys/class/net plus every container's interfaces. */
  hostReadMs: number;
  /** Only readHostInterfaces() (the host's /sys/class/net, one veth per endpoint). */
  hostIfacesMs: number;
  /** Only the per-pid container interface reads. */
  containerIfacesMs: number;
  /** buildSnapshot over the cached raw data (pure CPU). */
  buildMs: number;
  /** Node CPU ms (median) for the gateway inspects, and dockerd CPU ms for them. */
  inspectsNodeCpuMs: number;
  inspectsDockerdCpuMs: number;
  hostIfaceCount: number;
  pids: number;
  experiments: Experiments;
}

const med = async (fn: () => Promise<unknown>): Promise<{ ms: number; node: number; dockerd: number }> => {
  const s = await measure(fn, WARMUP, ITERATIONS);
  return { ms: median(s.ms), node: median(s.nodeCpuMs), dockerd: s.dockerdCpuMsPerIter };
};

export async function profilePhases(controller: Controller): Promise<PhaseProfile> {
  const gw = controller.gateway;
  const lists = await med(() => Promise.all([gw.version(), gw.info(), gw.listNetworks(), gw.listContainers()]));

  const [networks, summaries] = await Promise.all([gw.listNetworks(), gw.listContainers()]);
  const ids = summaries.flatMap((s) => (s.Id ? [s.Id] : []));
  const inspects = await med(() => Promise.all(ids.map((id) => gw.inspectContainer(id))));
  const inspectsNoDebug = await withUtilInspectStubbed(() => med(() => Promise.all(ids.map((id) => gw.inspectContainer(id)))));
  const listsNoDebug = await withUtilInspectStubbed(() => med(() => Promise.all([gw.version(), gw.info(), gw.listNetworks(), gw.listContainers()])));

  const agent = rawAgent(8);
  let inspectsRaw: { ms: number };
  try {
    inspectsRaw = await med(() => rawInspectAndParse(agent, ids));
  } finally {
    agent.destroy();
  }

  const containers = (await Promise.all(ids.map((id) => gw.inspectContainer(id)))).filter(
    (c): c is RawContainerInspect => c !== undefined,
  );
  const pids = containers.flatMap((c) => (c.State?.Running && c.State.Pid ? [c.State.Pid] : []));
  const inspector = new LocalHostInspector();
  const hostRead = await med(() => inspector.read(pids));
  let hostIfaceCount = 0;
  const hostIfaces = await med(async () => {
    hostIfaceCount = (await readHostInterfaces()).length;
  });
  const containerIfaces = await med(() => Promise.all(pids.map((pid) => readContainerInterfaces(pid))));

  const host = await inspector.read(pids);
  const engine: EngineInfo = {
    version: '', apiVersion: '', endpoint: gw.endpointUrl, endpointSource: 'bench', os: '', kernelVersion: '', swarmActive: false,
  };
  const build = await med(() => {
    buildSnapshot({ engine, networks, containers, host, takenAt: Date.now() });
    return Promise.resolve();
  });

  return {
    listsMs: lists.ms,
    inspectsMs: inspects.ms,
    inspectsNoDebugMs: inspectsNoDebug.ms,
    inspectsNoDebugNodeCpuMs: inspectsNoDebug.node,
    listsNoDebugMs: listsNoDebug.ms,
    inspectsRawMs: inspectsRaw.ms,
    hostReadMs: hostRead.ms,
    hostIfacesMs: hostIfaces.ms,
    containerIfacesMs: containerIfaces.ms,
    buildMs: build.ms,
    inspectsNodeCpuMs: inspects.node,
    inspectsDockerdCpuMs: inspects.dockerd,
    hostIfaceCount,
    pids: pids.length,
    experiments: await runExperiments(controller, pids),
  };
}
