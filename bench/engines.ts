// What reading the engine's own network namespace costs, on the three engines of the test command
// (system 20.10 in the host netns, Docker 28 in its own netns, rootless): the full snapshot, the
// host read alone (sysfs, or /proc/<pid>/net + one `ip -j link` through nsenter), the firewall
// read, against the raw Engine API and the docker CLI in the same run. Writes the section between
// the bench:engines markers of BENCHMARKS.md.
// Usage: node dist-test/bench/engines.js [containers per engine, default 20]
import { Agent } from 'node:http';
import { createController } from '../src/core/createController';
import { LocalHostInspector } from '../src/host/inspector';
import { sectionMarkers, writeBenchmarkSection } from '../test/helpers/benchmarksFile';
import { ENGINES, type Engine } from '../test/helpers/engines';
import { rawGet } from './rawApi';
import { fmt, lines, measure, sh, summarize, type Summary } from './util';

const PREFIX = 'dne-bench-eng-';
const LABEL = 'dne.bench=1';
const IMAGE = 'dne-busybox:local';
const { begin: BEGIN, end: END } = sectionMarkers('engines');

const dk = (e: Engine, ...args: string[]): Promise<string> => sh('docker', ['-H', e.dockerHost, ...args]);

async function clean(e: Engine): Promise<void> {
  const ids = lines(await dk(e, 'ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=${PREFIX}`));
  if (ids.length) await dk(e, 'rm', '-f', ...ids);
  for (const net of lines(await dk(e, 'network', 'ls', '-q', '--filter', `label=${LABEL}`, '--filter', `name=${PREFIX}`))) {
    // dockerd 20.10 can keep a stale endpoint of a removed container (moby#42119): clear it first.
    const stale = JSON.parse(await dk(e, 'network', 'inspect', '--format', '{{json .Containers}}', net)) as Record<
      string,
      { Name: string }
    > | null;
    for (const ep of Object.values(stale ?? {})) await dk(e, 'network', 'disconnect', '-f', net, ep.Name).catch(() => undefined);
    // A stale endpoint count that only a dockerd restart clears: say so, and go on with a new name.
    await dk(e, 'network', 'rm', net).catch((err: unknown) =>
      process.stderr.write(
        `bench: ${e.name}: network ${net} not removed (${String(err).split('\n')[1] ?? ''}); restart that dockerd to clear it\n`,
      ),
    );
  }
}

async function fixture(e: Engine, n: number): Promise<void> {
  const net = `${PREFIX}net${process.pid}`;
  await dk(e, 'network', 'create', '--label', LABEL, '--subnet', `10.241.${process.pid % 250}.0/24`, net);
  for (let i = 0; i < n; i++) {
    const publish = i % 5 === 0 ? ['-p', `${18600 + i}:80`] : [];
    await dk(e, 'run', '-d', '--name', `${PREFIX}${i}`, '--label', LABEL, '--network', net, ...publish, IMAGE, 'sleep', '3600');
  }
}

const get = async (agent: Agent, socketPath: string, path: string): Promise<string> =>
  Buffer.concat(await rawGet(agent, path, socketPath)).toString('utf8');

/** The same Engine API reads as a repeated snapshot (version and info are cached there): lists, then every inspect. */
async function rawFloor(agent: Agent, socketPath: string): Promise<void> {
  const [, list] = await Promise.all(['/networks', '/containers/json?all=1'].map((p) => get(agent, socketPath, p)));
  const ids = (JSON.parse(list ?? '[]') as { Id: string }[]).map((c) => c.Id);
  await Promise.all(ids.map((id) => get(agent, socketPath, `/containers/${id}/json`)));
}

async function cli(e: Engine): Promise<void> {
  const nets = lines(await dk(e, 'network', 'ls', '-q'));
  await dk(e, 'network', 'inspect', ...nets);
  const ids = lines(await dk(e, 'ps', '-aq'));
  if (ids.length) await dk(e, 'inspect', ...ids);
}

interface Row {
  engine: string;
  version: string;
  kind: string;
  containers: number;
  snapshot: Summary;
  host: Summary;
  coldHost: Summary;
  firewall: Summary;
  raw: Summary;
  cli: Summary;
}

async function bench(e: Engine, n: number): Promise<Row> {
  await clean(e);
  await fixture(e, n);
  try {
    const controller = createController({ hostSetting: e.dockerHost, env: {} });
    const first = await controller.refresh();
    const inspector = new LocalHostInspector(e.socketPath);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const row: Row = {
      engine: e.name,
      version: first.engine.version,
      kind: first.host.engineNetns.kind,
      containers: first.containers.length,
      snapshot: summarize(await measure(() => controller.refresh(), 3, 20)),
      host: summarize(await measure(() => inspector.readHost(), 3, 20)),
      coldHost: summarize(await measure(() => new LocalHostInspector(e.socketPath).readHost(), 1, 10)),
      firewall: summarize(await measure(() => inspector.readFirewall(), 2, 10)),
      raw: summarize(await measure(() => rawFloor(agent, e.socketPath), 3, 20)),
      cli: summarize(await measure(() => cli(e), 1, 10)),
    };
    agent.destroy();
    controller.gateway.dispose();
    controller.dispose();
    return row;
  } finally {
    await clean(e);
  }
}

const cell = (s: Summary): string => `${fmt(s.median)} (p90 ${fmt(s.p90)})`;

function section(rows: readonly Row[], n: number): string {
  const out = [
    BEGIN,
    '## Engines benchmark (`node dist-test/bench/engines.js`, bench/engines.ts)',
    '',
    `_Generated on ${new Date().toISOString()}; the text between the \`bench:engines\` markers is rewritten on every run._`,
    '',
    `**Method.** On each engine of the test command, ${n} running containers on one user network (every 5th publishes a port), plus what else runs there. Medians and p90 in ms: the full snapshot (\`controller.refresh()\`, 20 runs after 3 warm-ups); the host read alone, repeated (\`LocalHostInspector.readHost()\`: sysfs in the host's netns; \`/proc/<pid>/net\` in another, plus one \`nsenter … ip -j -d link show\` when \`/proc/<pid>/net/dev\` names changed or 10 s passed) and cold (a new inspector: finding the engine's process, then the first read with its spawn); the firewall read (\`iptables-save\`, plus \`nft list ruleset\` for iptables-nft, in the engine's netns; 10 runs); the raw Engine API floor (the calls of a repeated snapshot, GET /networks, /containers/json?all=1 and one inspect per container, over node:http with 8 sockets, bodies read, only the list parsed); the docker CLI (\`network ls\`, \`network inspect\`, \`ps\`, \`inspect\`; 10 runs). Run as root.`,
    '',
    '| Engine | netns kind | containers | snapshot | host read | cold host read | firewall read | raw API floor | docker CLI | CLI / snapshot |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.engine} (${r.version}) | ${r.kind} | ${r.containers} | ${cell(r.snapshot)} | ${cell(r.host)} | ${cell(r.coldHost)} | ${cell(r.firewall)} | ${cell(r.raw)} | ${cell(r.cli)} | ${(r.cli.median / r.snapshot.median).toFixed(2)} |`,
    ),
    '',
    END,
  ];
  return out.join('\n');
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 20);
  const rows: Row[] = [];
  for (const e of ENGINES) {
    process.stdout.write(`bench: ${e.name} …\n`);
    rows.push(await bench(e, n));
  }
  const text = section(rows, n);
  process.stdout.write(`${text}\n`);
  writeBenchmarkSection('BENCHMARKS.md', 'engines', text);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
