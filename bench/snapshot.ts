// Snapshot benchmark (npm run bench): our full snapshot against the raw Engine API floor and the
// docker CLI at 10, 100 and 300 running containers, plus the incremental refresh after one event.
// Results go to stdout and to the bench:snapshot section of BENCHMARKS.md.
//
// It needs the local engine on unix:///var/run/docker.sock, root (for /proc/<pid>/root) and the
// offline image dne-busybox:local. It creates only dne-bench-* resources labelled dne.bench=1 and
// removes them all at the end (and any leftovers before it starts).
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { createController } from '../src/core/createController';
import { LiveUpdates } from '../src/core/liveUpdates';
import { writeBenchmarkSection } from '../test/helpers/benchmarksFile';
import { cleanBench, containerName, createNetworks, growTo, hostResources, requireEngineAndImage, runningBenchContainers } from './fixture';
import { measureApplyEvents, measureCli, measureColdSnapshot, measureIncremental, measureRaw, measureSnapshot } from './measures';
import { profilePhases } from './profile';
import { consoleReport, markdownSection, verdicts, type Machine, type SizeResult } from './report';
import { docker, fmt, lines, now, sh, sleep } from './util';

const SIZES = (process.env.DNE_BENCH_SIZES ?? '10,100,300')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const OUT = join(process.cwd(), 'BENCHMARKS.md');

const log = (msg: string): void => {
  process.stderr.write(`[bench] ${msg}\n`);
};

/** HEAD and whether src/ differs from it: the bundle measures the working tree as built. */
async function sourceState(): Promise<string> {
  try {
    const head = await sh('git', ['rev-parse', '--short', 'HEAD']);
    const dirty = lines(await sh('git', ['status', '--porcelain', '--', 'src']));
    return dirty.length
      ? `commit ${head} plus uncommitted changes in src/ (${dirty.map((l) => l.replace(/^\S+\s+/, '')).join(', ')})`
      : `commit ${head}, src/ unchanged`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

async function machine(networks: string[], source: string): Promise<Machine> {
  return {
    date: new Date().toISOString(),
    nproc: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memTotalMiB: Math.round(totalmem() / 1048576),
    kernel: release(),
    source,
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
  log(
    `${target} running (created in ${fmt(createSeconds)} s); MemAvailable ${resources.memAvailableMiB} MiB, ${resources.processes} processes, load ${resources.loadavg}`,
  );

  const controller = createController({ env: {} });
  try {
    log('snapshot…');
    const snap = await measureSnapshot(controller);
    log(`snapshot median ${fmt(snap.summary.median)} ms; cold snapshot (new controller each time)…`);
    const cold = await measureColdSnapshot();
    log(`cold snapshot median ${fmt(cold.median)} ms; raw floor (1 socket)…`);
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
    return {
      target,
      createSeconds,
      resources,
      check: snap.check,
      snapshot: snap.summary,
      cold,
      raw1,
      raw8,
      cli,
      profile,
      incremental,
      apply: apply.summary,
    };
  } finally {
    controller.dispose();
    controller.gateway.dispose();
  }
}

function extraLines(rows: readonly SizeResult[]): string[] {
  const out = [
    '### Fixture and machine health',
    '',
    '| Containers | created in, s (4 parallel `docker run`) | MemAvailable, MiB | processes on host | load avg | running endpoints with host veth mapped: dne-bench-* / all on engine | host facts unavailable |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.target} | ${fmt(r.createSeconds)} | ${r.resources.memAvailableMiB} / ${r.resources.memTotalMiB} | ${r.resources.processes} (pid_max ${r.resources.pidMax}) | ` +
        `${r.resources.loadavg} | ${r.check.benchEndpointsWithVeth}/${r.check.benchEndpoints} / ${r.check.endpointsWithVeth}/${r.check.endpoints} | ${r.check.unavailable.length ? r.check.unavailable.join(' ') : 'none'} |`,
    );
  }
  out.push('');
  return out;
}

async function main(): Promise<void> {
  await requireEngineAndImage();
  const source = await sourceState();
  log(`measuring ${source}`);
  const cleared = await cleanBench();
  if (cleared.containers || cleared.networks) log(`removed leftovers: ${cleared.containers} containers, ${cleared.networks} networks`);
  if (cleared.stuck.length)
    log(`dockerd will not remove ${cleared.stuck.join(', ')} ("active endpoints" with none: moby/moby#42119); reusing it`);
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
  }
  let cleanupError: unknown;
  try {
    log('removing dne-bench-* resources…');
    const removed = await cleanBench();
    log(`removed ${removed.containers} containers and ${removed.networks} networks`);
    if (removed.stuck.length) {
      log(
        `WARNING: dockerd refuses to remove ${removed.stuck.join(', ')} although no endpoint is attached (moby/moby#42119: a leaked endpoint count, cleared by a dockerd restart). The next run reuses it.`,
      );
    }
  } catch (err) {
    cleanupError = err;
  }
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error('benchmark failed', { cause: failure });

  const v = verdicts(rows);
  process.stdout.write(`${consoleReport(rows, v)}\n`);
  const m = await machine(networks, source);
  writeBenchmarkSection(OUT, 'snapshot', markdownSection(m, rows, v, extraLines(rows)));
  log(`wrote ${OUT}`);
  if (cleanupError !== undefined) {
    throw new Error('some dne-bench-* resources could not be removed; run the bench again or remove them by label dne.bench=1', {
      cause: cleanupError,
    });
  }
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log('interrupted: removing dne-bench-* resources (Ctrl-C again to leave them)…');
  void cleanBench().then(
    () => process.exit(130),
    () => process.exit(130),
  );
});

main().catch((err: unknown) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
