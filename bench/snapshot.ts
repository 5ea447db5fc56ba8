// Snapshot benchmark (npm run bench): our full snapshot against the raw Engine API floor and the
// docker CLI at 10, 100 and 300 running containers, plus the incremental refresh after one event.
// Results go to stdout and to the bench:snapshot section of BENCHMARKS.md.
//
// It needs the local engine on unix:///var/run/docker.sock, root (for /proc/<pid>/root) and the
// offline image dne-busybox:local. It creates only dne-bench-* resources labelled dne.bench=1 and
// removes them all at the end (and any leftovers before it starts).
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { createController } from '../src/core/connect';
import { LiveUpdates } from '../src/core/liveUpdates';
import {
  cleanBench, containerName, createNetworks, growTo, hostResources, requireEngineAndImage, runningBenchContainers,
} from './fixture';
import { measureApplyEvents, measureCli, measureIncremental, measureRaw, measureSnapshot } from './measures';
import { profilePhases } from './profile';
import { consoleReport, markdownSection, verdicts, writeBenchmarks, type Machine, type SizeResult } from './report';
import { docker, fmt, now, sleep } from './util';

const SIZES = (process.env.DNE_BENCH_SIZES ?? '10,100,300').split(',').map(Number).filter((n) => n > 0);
const OUT = join(process.cwd(), 'BENCHMARKS.md');

const log = (msg: string): void => {
  process.stderr.write(`[bench] ${msg}\n`);
};

async function machine(networks: string[]): Promise<Machine> {
  return {
    date: new Date().toISOString(),
    nproc: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memTotalMiB: Math.round(totalmem() / 1048576),
    kernel: release(),
    dockerServer: await docker('version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}})'),
    dockerClient: await docker('version', '--format', '{{.Client.Version}}'),
    node: process.version,
    networks,
  };
}

async function liveIncremental(): Promise<SizeResult['incremental']> {
  const controller = createController({ env: {} });
  const live = new LiveUpdates(controller, { onError: (err) => log(`live update error: ${String(err)}`) });
  try {
    await live.start();
    return await measureIncremental(controller, live);
  } finally {
    live.dispose();
    controller.dispose();
    controller.gateway.dispose();
  }
}

async function measureSize(target: number, have: number): Promise<SizeResult> {
  log(`growing the fixture from ${have} to ${target} containers…`);
  const t0 = now();
  await growTo(have, target);
  const createSeconds = (now() - t0) / 1000;
  const running = await runningBenchContainers();
  if (running !== target) throw new Error(`expected ${target} running bench containers, found ${running}`);
  await sleep(3000); // let the engine settle after the burst of creates
  const resources = hostResources();
  log(`${target} running (created in ${fmt(createSeconds)} s); MemAvailable ${resources.memAvailableMiB} MiB, ${resources.processes} processes, load ${resources.loadavg}`);

  const controller = createController({ env: {} });
  try {
    log('snapshot…');
    const snap = await measureSnapshot(controller);
    log(`snapshot median ${fmt(snap.summary.median)} ms; raw floor (1 socket)…`);
    const raw1 = await measureRaw(1);
    log(`raw 1 socket median ${fmt(raw1.summary.median)} ms; raw 8 sockets…`);
    const raw8 = await measureRaw(8);
    log(`raw 8 sockets median ${fmt(raw8.summary.median)} ms; docker CLI…`);
    const cli = await measureCli();
    log(`docker CLI median ${fmt(cli.median)} ms; phase profile…`);
    const profile = await profilePhases(controller);
    const id = controller.snapshot?.containers.find((c) => c.name === containerName(1))?.id;
    if (!id) throw new Error(`${containerName(1)} is not in the snapshot`);
    const apply = await measureApplyEvents(controller, id);
    log(`applyEvents median ${fmt(apply.summary.median)} ms; incremental refresh via the event stream…`);
    const incremental = await liveIncremental();
    return { target, createSeconds, resources, check: snap.check, snapshot: snap.summary, raw1, raw8, cli, profile, incremental, apply: apply.summary };
  } finally {
    controller.dispose();
    controller.gateway.dispose();
  }
}

function extraLines(rows: readonly SizeResult[]): string[] {
  const out = [
    '### Fixture and machine health',
    '',
    '| Containers | created in, s (4 parallel `docker run`) | MemAvailable, MiB | processes on host | load avg | endpoints with host veth mapped | host facts unavailable |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.target} | ${fmt(r.createSeconds)} | ${r.resources.memAvailableMiB} / ${r.resources.memTotalMiB} | ${r.resources.processes} (pid_max ${r.resources.pidMax}) | ` +
        `${r.resources.loadavg} | ${r.check.endpointsWithVeth}/${r.check.endpoints} | ${r.check.unavailable.length ? r.check.unavailable.join(' ') : 'none'} |`,
    );
  }
  out.push('');
  return out;
}

async function main(): Promise<void> {
  await requireEngineAndImage();
  const cleared = await cleanBench();
  if (cleared.containers || cleared.networks) log(`removed leftovers: ${cleared.containers} containers, ${cleared.networks} networks`);
  const rows: SizeResult[] = [];
  let networks: string[] = [];
  let failure: unknown;
  try {
    networks = await createNetworks();
    let have = 0;
    for (const target of SIZES) {
      rows.push(await measureSize(target, have));
      have = target;
    }
  } catch (err) {
    failure = err;
  } finally {
    log('removing dne-bench-* resources…');
    const removed = await cleanBench();
    log(`removed ${removed.containers} containers and ${removed.networks} networks`);
  }
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error('benchmark failed', { cause: failure });

  const v = verdicts(rows);
  process.stdout.write(`${consoleReport(rows, v)}\n`);
  const m = await machine(networks);
  writeBenchmarks(OUT, markdownSection(m, rows, v, extraLines(rows)));
  log(`wrote ${OUT}`);
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log('interrupted: removing dne-bench-* resources (Ctrl-C again to leave them)…');
  void cleanBench().finally(() => process.exit(130));
});

main().catch((err: unknown) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
