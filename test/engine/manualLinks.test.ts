// Tutorial 003's hand-made links, through the built CLI on a real engine: a point-to-point veth
// between two --network none containers, and a none container attached to a Docker network's
// bridge. Real pings both ways; the snapshot, path and explain show them; refusals change nothing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as v from 'valibot';
import { readNetDev } from '../../src/host/manualIfaces';
import type { ContainerInfo, Snapshot } from '../../src/shared/model';
import {
  ExplainDocumentSchema,
  ManualLinkDocumentSchema,
  PathDocumentSchema,
  TopologyDocumentSchema,
} from '../../src/shared/schema/documents';
import { cleanTestResources, createTestNetwork, docker, requireEngine, runTestContainer } from '../helpers/docker';
import { engineEnv, inEngineNetns, onEngine } from '../helpers/engines';

const P = 'dne-test-mlink-';
const cli = join(resolve(__dirname, '..', '..', '..'), 'dist', 'cli.js');
const SUBNET = '10.254.91.0/24';
const GATEWAY = '10.254.91.1';
// Outside --ip-range 10.254.91.0/25, so IPAM never hands it to a container.
const ATTACHED = '10.254.91.200';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function runCli(...args: string[]): Promise<Run> {
  const t0 = performance.now();
  return new Promise((res) => {
    execFile('node', [cli, ...args], { env: { PATH: process.env.PATH ?? '', ...engineEnv() }, cwd: '/' }, (err, stdout, stderr) => {
      res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

function doc<T>(schema: v.GenericSchema<unknown, T>, r: Run, what: string): T {
  assert.equal(r.code, 0, `${what} failed: ${r.stderr}`);
  const parsed = v.safeParse(schema, JSON.parse(r.stdout));
  assert.ok(parsed.success, `${what}: ${parsed.issues?.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`).join('; ')}`);
  return parsed.output;
}

const ping = async (from: string, ip: string): Promise<boolean> =>
  docker('exec', from, 'ping', '-c1', '-W2', ip).then(
    () => true,
    () => false,
  );

const topology = async (): Promise<Snapshot> => doc(TopologyDocumentSchema, await runCli('topology', '--json'), 'topology');
const ctr = (s: Snapshot, name: string): ContainerInfo => {
  const c = s.containers.find((x) => x.name === name);
  assert.ok(c, `${name} is in the snapshot`);
  return c;
};

/** Our temporary names in the engine's netns (dne<8 hex>[abh]): none may be left behind. */
const leftovers = async (): Promise<string[]> =>
  (JSON.parse(await inEngineNetns(['ip', '-j', 'link', 'show'])) as { ifname: string }[])
    .map((l) => l.ifname)
    .filter((n) => /^dne[0-9a-f]{8}[abh]$/.test(n));

const ifCount = async (name: string): Promise<number> => (await docker('exec', name, 'ls', '/sys/class/net')).split(/\s+/).length;

describe(onEngine('hand-made links: link create|rm, attach, detach'), () => {
  const [A, B, C, D] = [`${P}a`, `${P}b`, `${P}c`, `${P}d`];
  const NET = `${P}net`;
  let addrA = '';
  let addrB = '';
  let cIp = '';

  before(async () => {
    await requireEngine();
    await cleanTestResources(P);
    await createTestNetwork(NET, '--subnet', SUBNET, '--ip-range', '10.254.91.0/25');
    await Promise.all([
      runTestContainer(A, '--network', 'none'),
      runTestContainer(B, '--network', 'none'),
      runTestContainer(C, '--network', NET),
      runTestContainer(D, '--network', 'none'),
    ]);
    cIp = await docker('inspect', '-f', `{{(index .NetworkSettings.Networks "${NET}").IPAddress}}`, C);
  });
  after(async () => {
    await cleanTestResources(P);
  });

  it('link create makes a veth pair with /32 addresses and routes; pings go both ways', async () => {
    const r = await runCli('link', 'create', A, B, '--json');
    const made = doc(ManualLinkDocumentSchema, r, 'link create');
    console.log(`link create: ${Math.round(r.ms)} ms (CLI process included), ${made.commands.length} ip commands`);
    assert.equal(made.action, 'link create');
    assert.ok(made.commands.some((c) => / link add dne[0-9a-f]{8}a type veth peer name /.test(c)));
    assert.ok(made.commands.some((c) => / link set dev dne[0-9a-f]{8}b netns \d+$/.test(c)));
    const [ea, eb] = made.interfaces;
    assert.ok(ea?.address?.endsWith('/32') && eb?.address?.endsWith('/32'));
    assert.ok((ea?.ifname.length ?? 99) <= 15);
    addrA = ea?.address?.split('/')[0] ?? '';
    addrB = eb?.address?.split('/')[0] ?? '';
    assert.ok(await ping(A, addrB), `${A} pings ${addrB}`);
    assert.ok(await ping(B, addrA), `${B} pings ${addrA}`);
  });

  it('the snapshot shows both ends: kind manual, the peer container and interface, the addresses', async () => {
    const s = await topology();
    const [a, b] = [ctr(s, A), ctr(s, B)];
    const ma = a.manualInterfaces?.[0];
    const mb = b.manualInterfaces?.[0];
    assert.equal(a.manualInterfaces?.length, 1);
    assert.equal(ma?.kind, 'manual');
    assert.equal(ma?.linkKind, 'veth');
    assert.deepEqual(ma?.addresses, [`${addrA}/32`]);
    assert.deepEqual(mb?.addresses, [`${addrB}/32`]);
    assert.equal(ma?.peer?.container, B);
    assert.equal(ma?.peer?.ifname, mb?.name);
    assert.equal(mb?.peer?.container, A);
    assert.ok(ma?.routes.some((x) => x.destination === `${addrB}/32`));
    // Docker's own endpoint is not a hand-made interface.
    assert.deepEqual(ctr(s, C).manualInterfaces, []);
  });

  it('path and explain say it: egress over the veth to the peer, reachable over the hand-made link', async () => {
    const p = doc(PathDocumentSchema, await runCli('path', A, '--json'), 'path');
    assert.ok(
      p.egress.hops.some((h) => h.kind === 'veth' && h.name.startsWith(`${B}:`)),
      JSON.stringify(p.egress),
    );
    const x = doc(ExplainDocumentSchema, await runCli('explain', A, B, '--json'), 'explain');
    assert.equal(x.reachable, true);
    assert.ok(x.ways.some((w) => w.kind === 'link' && w.address === addrB && w.open));
    assert.ok(x.reasons.some((r) => r.code === 'MANUAL_LINK' && r.evidence.includes('veth')));
  });

  it('refusals are clear and leave nothing behind', async () => {
    const before = [await ifCount(A), await ifCount(B)];
    const again = await runCli('link', 'create', A, B);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /already linked/);
    const inside = await runCli('link', 'create', A, D, '--address-a', '10.254.91.50', '--address-b', '10.254.92.1');
    assert.notEqual(inside.code, 0);
    assert.match(inside.stderr, /inside Docker network/);
    const outside = await runCli('attach', D, '--bridge', NET, '--address', '10.254.99.5/24');
    assert.match(outside.stderr, /outside the subnet/);
    const taken = await runCli('attach', D, '--bridge', NET, '--address', cIp);
    assert.match(taken.stderr, /already used by Docker's endpoint/);
    assert.deepEqual([await ifCount(A), await ifCount(B)], before);
    assert.equal(await ifCount(D), 1, 'D still has only lo');
    assert.deepEqual(await leftovers(), []);
  });

  it('attach puts a none container on a Docker network bridge: it pings the gateway and a container there', async () => {
    const r = await runCli('attach', D, '--bridge', NET, '--address', `${ATTACHED}/24`, '--json');
    const made = doc(ManualLinkDocumentSchema, r, 'attach');
    console.log(`attach: ${Math.round(r.ms)} ms (CLI process included), ${made.commands.length} ip commands`);
    assert.equal(made.network, NET);
    assert.equal(made.gateway, GATEWAY);
    assert.ok(made.commands.some((c) => / master br-/.test(c)));
    assert.ok(await ping(D, GATEWAY), 'D pings the gateway');
    assert.ok(await ping(D, cIp), 'D pings C');
    assert.ok(await ping(C, ATTACHED), 'C pings D');
    const s = await topology();
    const m = ctr(s, D).manualInterfaces?.[0];
    assert.equal(m?.bridge, made.bridge);
    assert.ok(m?.peer?.hostIfname?.startsWith('dne'));
    assert.deepEqual(m?.addresses, [`${ATTACHED}/24`]);
    assert.ok(s.host.bridges?.[made.bridge ?? '']?.includes(m?.peer?.hostIfname ?? ''), 'the host end is a port of the bridge');
    const x = doc(ExplainDocumentSchema, await runCli('explain', C, D, '--json'), 'explain');
    assert.equal(x.reachable, true);
    assert.ok(x.ways.some((w) => w.kind === 'link' && w.address === ATTACHED));
    const p = doc(PathDocumentSchema, await runCli('path', D, '--json'), 'path');
    assert.ok(p.egress.hops.some((h) => h.kind === 'bridge' && h.name === made.bridge));
  });

  it('detach removes it: no ping, no interface, no host end', async () => {
    doc(ManualLinkDocumentSchema, await runCli('detach', D, '--json'), 'detach');
    assert.equal(await ping(C, ATTACHED), false);
    assert.deepEqual(ctr(await topology(), D).manualInterfaces, []);
    assert.deepEqual(await leftovers(), []);
  });

  it('link rm removes the pair: pings fail and the snapshot no longer shows it', async () => {
    const r = doc(ManualLinkDocumentSchema, await runCli('link', 'rm', A, B, '--json'), 'link rm');
    assert.equal(r.commands.length, 1);
    assert.equal(await ping(A, addrB), false);
    const s = await topology();
    assert.deepEqual(ctr(s, A).manualInterfaces, []);
    assert.deepEqual(ctr(s, B).manualInterfaces, []);
    const x = doc(ExplainDocumentSchema, await runCli('explain', A, B, '--json'), 'explain');
    assert.equal(x.reachable, false);
  });

  it('the /proc/<pid>/net/dev scan costs little per container', async () => {
    const pids = (await docker('inspect', '-f', '{{.State.Pid}}', A, B, C, D)).split('\n').map(Number);
    const t0 = performance.now();
    const n = 200;
    for (let i = 0; i < n; i++) for (const pid of pids) assert.ok(readNetDev(pid));
    const us = ((performance.now() - t0) * 1000) / (n * pids.length);
    console.log(`/proc/<pid>/net/dev read + parse: ${us.toFixed(1)} µs per container`);
    assert.ok(us < 2000);
  });
});
