// Turns the results into a console table and the generated section of BENCHMARKS.md. Only the
// text between the bench:snapshot markers is replaced, so other benchmarks can share the file.
import { sectionMarkers } from '../test/helpers/benchmarksFile';
import type { HostResources } from './fixture';
import { describeStats, type IncrementalResult, type SnapshotCheck } from './measures';
import type { PhaseProfile } from './profile';
import type { RawRound } from './rawApi';
import { fmt, median, type Summary } from './util';

export interface SizeResult {
  target: number;
  createSeconds: number;
  resources: HostResources;
  check: SnapshotCheck;
  snapshot: Summary;
  /** createController + refresh every iteration. */
  cold: Summary;
  raw1: { summary: Summary; round: RawRound };
  raw8: { summary: Summary; round: RawRound };
  cli: Summary;
  profile: PhaseProfile;
  incremental: IncrementalResult;
  apply: Summary;
}

export interface Machine {
  date: string;
  nproc: number;
  cpu: string;
  memTotalMiB: number;
  kernel: string;
  /** The commit the bundle was built from, and whether src/ had uncommitted changes. */
  source: string;
  dockerServer: string;
  dockerClient: string;
  node: string;
  networks: string[];
}

const { begin: BEGIN, end: END } = sectionMarkers('snapshot');

const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a');
const ms = (s: Summary): string => `${fmt(s.median)} (p90 ${fmt(s.p90)})`;
const yes = (value: number, ok: boolean): string =>
  Number.isFinite(value) ? (ok ? '**MET**' : '**NOT MET**') : '**not judged** (the 100- and 300-container rows were not measured)';

export interface Verdicts {
  floorRatio: number;
  cliSpeedup: number;
  growth: number;
  floorGrowth: number;
  lines: string[];
}

/** The issue's targets, judged on the 100- and 300-container rows. */
export function verdicts(rows: readonly SizeResult[]): Verdicts {
  const r100 = rows.find((r) => r.target === 100);
  const r300 = rows.find((r) => r.target === 300);
  const floorRatio = r100 ? r100.snapshot.median / r100.raw1.summary.median : NaN;
  const cliSpeedup = r100 ? r100.cli.median / r100.snapshot.median : NaN;
  const growth = r100 && r300 ? r300.snapshot.median / r100.snapshot.median : NaN;
  const floorGrowth = r100 && r300 ? r300.raw1.summary.median / r100.raw1.summary.median : NaN;
  // "About linear": no worse than 20 % above the 3.0 that linear growth would give.
  return {
    floorRatio,
    cliSpeedup,
    growth,
    floorGrowth,
    lines: [
      `- Snapshot of 100 containers ≤ 1.5× the raw API floor (1 socket): ${fmt(floorRatio, 2)}× → ${yes(floorRatio, floorRatio <= 1.5)}`,
      `- Snapshot of 100 containers ≥ 3× faster than the docker CLI: CLI time ÷ snapshot time = ${fmt(cliSpeedup, 2)}` +
        `${cliSpeedup < 1 ? ` (the snapshot is ${fmt(1 / cliSpeedup, 1)}× slower than the CLI)` : ''} → ${yes(cliSpeedup, cliSpeedup >= 3)}`,
      `- Growth 100→300 about linear (snapshot time ratio ≤ 3.6, i.e. within 20 % of the 3.0 of linear growth): ` +
        `${fmt(growth, 2)} (raw floor: ${fmt(floorGrowth, 2)}) → ${yes(growth, growth <= 3.6)}`,
    ],
  };
}

function mainTable(rows: readonly SizeResult[]): string[] {
  const out = [
    '| Containers (total on engine) | Snapshot median (p90), ms | Raw floor, 1 socket, ms | Raw, 8 sockets, ms | docker CLI median, ms | Snapshot / floor | CLI / snapshot (speed-up) | New controller + refresh, median (p90) ms | Calls per repeated snapshot: lists + inspects, pids read |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.target} (${r.check.containers}) | ${ms(r.snapshot)} | ${ms(r.raw1.summary)} | ${ms(r.raw8.summary)} | ${ms(r.cli)} | ` +
        `${ratio(r.snapshot.median, r.raw1.summary.median)} | ${ratio(r.cli.median, r.snapshot.median)} | ${ms(r.cold)} | ` +
        `${r.check.listCalls} + ${r.check.containersInspected}, ${r.check.pidsRead} |`,
    );
  }
  return out;
}

function incrementalTable(rows: readonly SizeResult[]): string[] {
  const out = [
    '| Containers | connect returns → onDidChange, median (p90) ms | connect start → onDidChange, median ms | refresh itself (stats.ms), median | applyEvents (1 synthetic event), median (p90) ms | host veth found | stats of the change |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const inc = r.incremental;
    const sorted = [...inc.afterReturnMs].sort((a, b) => a - b);
    const p90 = sorted[Math.max(0, Math.ceil(0.9 * sorted.length) - 1)] ?? NaN;
    out.push(
      `| ${r.target} | ${fmt(median(inc.afterReturnMs))} (${fmt(p90)}) | ${fmt(median(inc.fromStartMs))} | ${fmt(median(inc.refreshMs))} | ` +
        `${ms(r.apply)} | ${inc.hostVethFound}/${inc.afterReturnMs.length} | ${describeStats(inc.stats)} |`,
    );
  }
  return out;
}

function profileTable(rows: readonly SizeResult[]): string[] {
  const out = [
    '| Containers | lists (4 calls) | inspects via gateway, all at once | … 8 in flight | … all at once, util.inspect stubbed* | same inspects, raw 8 sockets + JSON.parse | host read (all) | … host /sys/class/net only | … container ifaces only | buildSnapshot | lists+inspects+host+build | measured snapshot | node CPU / dockerd CPU during gateway inspects (all at once) | node CPU, stubbed* |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const p = r.profile;
    const sum = p.listsMs + p.inspectsMs + p.hostReadMs + p.buildMs;
    out.push(
      `| ${r.target} | ${fmt(p.listsMs)} (stubbed* ${fmt(p.listsNoDebugMs)}) | ${fmt(p.inspectsMs)} | ${fmt(p.inspects8Ms)} | ${fmt(p.inspectsNoDebugMs)} | ${fmt(p.inspectsRawMs)} | ${fmt(p.hostReadMs)} | ${fmt(p.hostIfacesMs)} (${p.hostIfaceCount} ifaces) | ` +
        `${fmt(p.containerIfacesMs)} (${p.pids} pids) | ${fmt(p.buildMs, 2)} | ${fmt(sum)} | ${fmt(r.snapshot.median)} | ${fmt(p.inspectsNodeCpuMs)} / ${fmt(p.inspectsDockerdCpuMs)} | ${fmt(p.inspectsNoDebugNodeCpuMs)} |`,
    );
  }
  return out;
}

function experimentTable(rows: readonly SizeResult[]): string[] {
  const out = [
    '| Containers | Snapshot as measured, ms | Snapshot with util.inspect stubbed*, median (p90) ms | … ÷ raw floor (1 socket) | … CLI speed-up |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const e = r.profile.experiments;
    out.push(
      `| ${r.target} | ${fmt(r.snapshot.median)} | ${ms(e.snapshotStubbed)} | ${ratio(e.snapshotStubbed.median, r.raw1.summary.median)} | ` +
        `${ratio(r.cli.median, e.snapshotStubbed.median)} |`,
    );
  }
  return out;
}

function cpuTable(rows: readonly SizeResult[]): string[] {
  const out = [
    '| Containers | Snapshot: node CPU / dockerd CPU, ms | Raw 1 socket: node / dockerd | Raw 8 sockets: node / dockerd | Raw round: requests, MiB read | docker CLI: dockerd CPU |',
    '|---|---|---|---|---|---|',
  ];
  const cpu = (s: Summary): string => `${fmt(s.nodeCpuMedian)} / ${fmt(s.dockerdCpuMean)}`;
  for (const r of rows) {
    out.push(
      `| ${r.target} | ${cpu(r.snapshot)} | ${cpu(r.raw1.summary)} | ${cpu(r.raw8.summary)} | ${r.raw1.round.requests}, ${fmt(r.raw1.round.bytes / 1048576, 2)} | ${fmt(r.cli.dockerdCpuMean)} |`,
    );
  }
  return out;
}

export function consoleReport(rows: readonly SizeResult[], v: Verdicts): string {
  return [
    ...mainTable(rows),
    '',
    ...v.lines,
    '',
    ...incrementalTable(rows),
    '',
    ...profileTable(rows),
    '',
    ...experimentTable(rows),
    '',
    ...cpuTable(rows),
  ].join('\n');
}

export function markdownSection(m: Machine, rows: readonly SizeResult[], v: Verdicts, extra: readonly string[]): string {
  const first = rows[0];
  return [
    BEGIN,
    '## Snapshot benchmark (`npm run bench`, bench/snapshot.ts)',
    '',
    `_Generated by \`bench/snapshot.ts\` on ${m.date}. The text between the \`bench:snapshot\` markers is rewritten on every run._`,
    '',
    `**Machine:** ${m.nproc} CPUs (${m.cpu}), ${m.memTotalMiB} MiB RAM, kernel ${m.kernel}; ` +
      `Docker engine ${m.dockerServer} (client ${m.dockerClient}) on unix:///var/run/docker.sock; Node ${m.node}. ` +
      'dockerd and the benchmark share the same CPUs.',
    '',
    `**Code measured:** ${m.source}.`,
    '',
    '**Method.** One run grows the fixture 10 → 100 → 300 running `sleep` containers (image `dne-busybox:local`, ' +
      'every 25th on the default bridge, the rest spread over 5 user bridge networks: ' +
      `${m.networks.join(', ')}), adding only the difference, then measures each size in turn. All times are wall-clock ms.`,
    '',
    `- **Snapshot**: one \`createController({ env: {} })\` per run, then \`await controller.refresh()\` (the controller's full read: GET /version and /info unless cached, /networks, /containers/json?all=1, one GET /containers/{id}/json per container, ` +
      `/proc and /sys reads for the veth mapping, buildSnapshot; the last column of the table shows the calls it made). ${first?.snapshot.n ?? 0} iterations after 3 warm-ups; median and p90 (nearest rank).`,
    "- **Raw floor, 1 socket**: the same four list calls, then inspect of every container *and every network* (as the issue's floor does), with plain `node:http` over " +
      '`new http.Agent({ keepAlive: true, maxSockets: 1 })`; bodies are read fully into Buffers, only the two list responses are parsed (for the ids). Same iterations.',
    '- **Raw, 8 sockets**: the same calls with `maxSockets: 8`, i.e. 8 requests in flight as our controller allows, for a like-for-like comparison.',
    `- **docker CLI**: \`docker network ls -q\`, \`docker network inspect <ids>\`, \`docker ps -aq\`, \`docker inspect <ids>\` run one after the other with execFile and argument arrays (no shell); ` +
      `${first?.cli.n ?? 0} iterations after 1 warm-up, median.`,
    "- **New controller + refresh**: `createController({ env: {} })` and `refresh()` in every iteration (the extension's first snapshot; nothing cached in the controller). " +
      "The last column gives the `RefreshStats` of a repeated snapshot: a controller that caches the engine's version/info makes 2 list calls instead of 4.",
    '- **Ratios**: snapshot / floor = snapshot median ÷ raw 1-socket median; CLI / snapshot = how many times faster the snapshot is than the CLI.',
    '- **Incremental refresh**: a second controller driven by `LiveUpdates` (default 30 ms debounce) on the real event stream. ' +
      '`docker network connect <net> dne-bench-1` is timed from the moment the CLI returns to `onDidChange` firing with that endpoint in the snapshot ' +
      '(10 tries, disconnect and wait for the change between tries). The debounce is part of that latency. `applyEvents` is timed directly with one synthetic ' +
      '`container update` event for an existing id (20 iterations after 3 warm-ups).',
    "- **Phase profile**: the phases of `Controller.fullRead` timed separately with the controller's own gateway and `LocalHostInspector` (10 iterations after 2 warm-ups, medians). " +
      'Their sum is what a `fullRead` that runs them one after the other takes; a `fullRead` that overlaps host reads with the API calls can beat it. Inspects are timed both all at once and with 8 in flight, since `fullRead` has used either.',
    '- Counts in brackets are all containers on the engine at that moment (the snapshot, the floor and the CLI all read everything on the engine).',
    '',
    '### Full snapshot',
    '',
    ...mainTable(rows),
    '',
    '### Targets (from the issue)',
    '',
    ...v.lines,
    '',
    '### Incremental refresh after one event',
    '',
    ...incrementalTable(rows),
    '',
    '### Where the snapshot time goes (phase profile, medians in ms)',
    '',
    ...profileTable(rows),
    '',
    "\\* Experiment: docker-modem 5 runs `debug('Sending: %s', util.inspect(options, { showHidden: true, depth: null }))` on every request, even with debug off, " +
      'and `options` holds the keep-alive agent with its sockets and queued requests, so each request costs O(queue) and a snapshot O(n²). ' +
      "For the starred measurements only, `util.inspect` was replaced by a stub returning ''. Giving the gateway's agent a `[util.inspect.custom]` method has the same effect.",
    '',
    "### Experiment: the snapshot without docker-modem's util.inspect (src/ unchanged)",
    '',
    ...experimentTable(rows),
    '',
    '### CPU per iteration (node: median; dockerd: mean over the iterations, from /proc/<dockerd>/stat), ms',
    '',
    ...cpuTable(rows),
    '',
    ...extra,
    END,
  ].join('\n');
}
