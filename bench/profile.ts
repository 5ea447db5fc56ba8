// Where a full snapshot's time goes: the phases of Controller.fullRead timed one by one, with the
// same gateway and host inspector the controller uses, plus raw-socket equivalents for comparison.
import { buildSnapshot } from '../src/core/buildSnapshot';
import { INSPECT_CONCURRENCY, type Controller } from '../src/core/controller';
import type { RawContainerInspect } from '../src/docker/rawTypes';
import { DEFAULT_SOCKET } from '../src/docker/endpoint';
import { LocalHostInspector, type NetnsReading, type NetnsReadingWithContainers } from '../src/host/inspector';
import type { NetnsInterface } from '../src/host/linkMapping';
import { readContainerInterfaces, readHostInterfaces, type ContainerLinksResult } from '../src/host/links';
import { mapLimit } from '../src/shared/mapLimit';
import type { EngineInfo } from '../src/shared/model';
import { runExperiments, withUtilInspectStubbed, type Experiments } from './experiments';
import { rawAgent, rawInspectAndParse } from './rawApi';
import { measure, median } from './util';

const WARMUP = 2;
const ITERATIONS = 10;

export interface PhaseProfile {
  /** version + info + networks list + containers list, in parallel (gateway). */
  listsMs: number;
  /** One inspect per container, all at once (Promise.all) over the gateway. */
  inspectsMs: number;
  /** The same with at most INSPECT_CONCURRENCY (8) in flight, as the controller does. */
  inspects8Ms: number;
  /** Experiment: the gateway inspects with docker-modem's eager util.inspect stubbed out. */
  inspectsNoDebugMs: number;
  inspectsNoDebugNodeCpuMs: number;
  /** Experiment: the lists with the same stub. */
  listsNoDebugMs: number;
  /** The same inspects over plain node:http, 8 sockets, JSON.parse included. */
  inspectsRawMs: number;
  /** LocalHostInspector.readHost() plus readPid() of every running container, all at once. */
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
  const inspects8 = await med(() => mapLimit(ids, INSPECT_CONCURRENCY, (id) => gw.inspectContainer(id)));
  const inspectsNoDebug = await withUtilInspectStubbed(() => med(() => Promise.all(ids.map((id) => gw.inspectContainer(id)))));
  const listsNoDebug = await withUtilInspectStubbed(() =>
    med(() => Promise.all([gw.version(), gw.info(), gw.listNetworks(), gw.listContainers()])),
  );

  const agent = rawAgent(8);
  let inspectsRaw: { ms: number };
  try {
    inspectsRaw = await med(() => rawInspectAndParse(agent, ids));
  } finally {
    agent.destroy();
  }

  const containers = (await Promise.all(ids.map((id) => gw.inspectContainer(id)))).filter((c): c is RawContainerInspect => c !== undefined);
  const pids = containers.flatMap((c) => (c.State?.Running && c.State.Pid ? [c.State.Pid] : []));
  const inspector = new LocalHostInspector(DEFAULT_SOCKET);
  // The host's own interfaces plus every running container's, all at once.
  const readAll = (): Promise<[NetnsReading, ContainerLinksResult[]]> =>
    Promise.all([inspector.readHost(), Promise.all(pids.map((pid) => inspector.readPid(pid)))]);
  const hostRead = await med(readAll);
  let hostIfaceCount = 0;
  // The sysfs reads are synchronous now; med() still times them.
  const hostIfaces = await med(() => {
    hostIfaceCount = readHostInterfaces().length;
    return Promise.resolve();
  });
  const containerIfaces = await med(() => Promise.resolve(pids.map((pid) => readContainerInterfaces(pid))));

  const [base, reads] = await readAll();
  const ifacesByPid = new Map<number, NetnsInterface[]>();
  reads.forEach((r, i) => {
    if (r.ok) ifacesByPid.set(pids[i] as number, r.ifaces);
  });
  const host: NetnsReadingWithContainers = { ...base, ifacesByPid, extraByPid: new Map() };
  const engine: EngineInfo = {
    version: '',
    apiVersion: '',
    endpoint: gw.endpointUrl,
    endpointSource: 'bench',
    os: '',
    kernelVersion: '',
    swarmActive: false,
  };
  const build = await med(() => {
    buildSnapshot({ engine, networks, containers, host, takenAt: Date.now() });
    return Promise.resolve();
  });

  return {
    listsMs: lists.ms,
    inspectsMs: inspects.ms,
    inspects8Ms: inspects8.ms,
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
    experiments: await runExperiments(controller),
  };
}
