// explain from outside the engine's host, and from the host itself, checked against REAL traffic:
// a client in a netns of our own (dne-test-client, 198.18.99.2) with a veth to the engine's netns
// (198.18.99.1): the host's netns for the system and rootless engines (rootlesskit's port driver
// listens there), dne-e28 for docker28. Its default route
// goes to the engine's netns, so it can also route straight to a container's address ('direct').
// Nothing leaves the machine. Firewall changes (INPUT DROP, a DOCKER-USER rule) are made only
// inside dne-e28 and restored; the host's firewall and sysctls are never touched.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { defaultEndpoint } from '../../src/analysis/paths';
import { explain, type Explanation, type Way } from '../../src/analysis/reachability';
import { createController } from '../../src/core/createController';
import type { Controller } from '../../src/core/controller';
import type { Snapshot } from '../../src/shared/model';
import { cleanTestResources, createTestNetwork, docker, requireEngine, runTestCommand, runTestContainer, sh } from '../helpers/docker';
import { curl, ncFrom, type Traffic } from '../helpers/traffic';
import { currentEngine, engineEnv, inEngineNetns, onEngine } from '../helpers/engines';

const E = currentEngine();
const P = 'dne-test-eo-';
const CLIENT_NS = 'dne-test-client';
const ENGINE_IF = 'dne-tc-h';
const CLIENT_IF = 'dne-tc-c';
const ENGINE_ADDR = '198.18.99.1';
const CLIENT = '198.18.99.2';
const WEB = ['sh', '-c', 'mkdir -p /www && echo dne-ok > /www/index.html && httpd -p 81 -h /www && httpd -f -p 80 -h /www'];

interface Row {
  name: string;
  verdict: string;
  traffic: Traffic;
  agree: boolean;
}
const rows: Row[] = [];

let controller: Controller;
let snap: Snapshot;

/** `ip` in the engine's netns (the host's for the system engine). */
const ipEngine = (...args: string[]): Promise<string> => sh('ip', E.netnsName ? ['-n', E.netnsName, ...args] : args);
const inClient = (argv: string[]): Promise<string> => sh('nsenter', [`--net=/run/netns/${CLIENT_NS}`, '--', ...argv]);

async function refresh(): Promise<void> {
  await controller.refresh();
  snap = await controller.refreshFirewall();
}

const ip = (name: string, net: string): string => {
  const c = snap.containers.find((x) => x.name === name);
  const a = c?.endpoints.find((e) => e.network === net)?.ipv4;
  assert.ok(a, `${name} on ${net}`);
  return a;
};
const hostPort = (name: string, hostIp: string): number => {
  const b = snap.containers.find((x) => x.name === name)?.ports.find((p) => p.containerPort === 80 && p.hostIp === hostIp);
  assert.ok(b?.hostPort, `${name} publishes 80 on ${hostIp}`);
  return b.hostPort;
};

/** Checks the model's way against the traffic and records the row for the table. */
function check(name: string, x: Explanation, w: Way | undefined, traffic: Traffic): void {
  assert.ok(w, `${name}: a way in ${JSON.stringify(x.ways)}`);
  const codes = (w.codes ?? [...new Set(x.reasons.map((r) => r.code))]).join(',');
  const agree = w.open === (traffic === 'answered');
  rows.push({ name, verdict: `${w.open ? 'open' : 'closed'} (${codes})`, traffic, agree });
  assert.ok(agree, `${name}: explain says ${w.open ? 'open' : 'closed'}, traffic: ${traffic}\n${JSON.stringify(x, null, 2)}`);
}

const published = (x: Explanation, hostIp: string): Way | undefined => x.ways.find((w) => w.kind === 'published' && w.hostIp === hostIp);
const direct = (x: Explanation): Way | undefined => x.ways.find((w) => w.kind === 'direct');

async function removeClient(): Promise<void> {
  await sh('ip', ['netns', 'del', CLIENT_NS]).catch(() => undefined);
  await ipEngine('link', 'del', ENGINE_IF).catch(() => undefined);
}

const ROOTLESS = E.netns === 'rootless';
/** Registers a test only on the engines it applies to: an engine test is never skipped. */
function itOn(applies: boolean, name: string, fn: () => Promise<void> | void): void {
  if (applies) it(name, fn);
}

describe(onEngine('explain from outside the engine host, against real traffic'), () => {
  before(async () => {
    await requireEngine();
    await cleanTestResources(P);
    await removeClient();
    await sh('ip', ['netns', 'add', CLIENT_NS]);
    await ipEngine('link', 'add', ENGINE_IF, 'type', 'veth', 'peer', 'name', CLIENT_IF, 'netns', CLIENT_NS);
    await ipEngine('addr', 'add', `${ENGINE_ADDR}/30`, 'dev', ENGINE_IF);
    await ipEngine('link', 'set', ENGINE_IF, 'up');
    for (const a of [
      ['addr', 'add', `${CLIENT}/30`, 'dev', CLIENT_IF],
      ['link', 'set', CLIENT_IF, 'up'],
      ['link', 'set', 'lo', 'up'],
      ['route', 'add', 'default', 'via', ENGINE_ADDR],
    ]) {
      await sh('ip', ['-n', CLIENT_NS, ...a]);
    }
    await createTestNetwork(`${P}net`, '--subnet', '10.254.77.0/24');
    await createTestNetwork(`${P}other`, '--subnet', '10.254.78.0/24');
    await runTestCommand(`${P}web`, ['--network', `${P}net`, '-p', '80'], WEB);
    // Loopback only, on a container of its own (28 would pick one ephemeral port for both bindings).
    await runTestCommand(`${P}webl`, ['--network', `${P}net`, '-p', '127.0.0.1::80'], WEB);
    await runTestContainer(`${P}other`, '--network', `${P}other`);
    if (E.name === 'docker28') {
      await createTestNetwork(`${P}routed`, '--subnet', '10.254.79.0/24', '-o', 'com.docker.network.bridge.gateway_mode_ipv4=routed');
      await runTestCommand(`${P}webr`, ['--network', `${P}routed`, '-p', '80'], WEB);
    }
    controller = createController({ env: engineEnv() });
    await refresh();
    assert.ok(snap.host.firewall, `firewall read: ${snap.host.unavailable.join(' | ')}`);
  });
  after(async () => {
    controller?.gateway.dispose();
    await cleanTestResources(P);
    await removeClient();
    const w = Math.max(...rows.map((r) => r.name.length), 4);
    const v = Math.max(...rows.map((r) => r.verdict.length), 7);
    const line = (a: string, b: string, c: string, d: string): string => `| ${a.padEnd(w)} | ${b.padEnd(v)} | ${c.padEnd(8)} | ${d} |`;
    console.log(
      [
        `explain vs traffic on ${E.name} (Docker ${snap?.engine.version ?? '?'})`,
        line('case', 'verdict', 'traffic', 'agree'),
        ...rows.map((r) => line(r.name, r.verdict, r.traffic, r.agree ? 'yes' : 'NO')),
      ].join('\n'),
    );
  });

  it('the client comes in on our veth: the route lookup in the engine netns says so', () => {
    const x = explain(snap, CLIENT, `${P}web`, 80);
    const pub = x.reasons.find((r) => r.code === 'PUBLISHED_PORT');
    const ev = pub?.evidence ?? '';
    if (ROOTLESS) {
      assert.match(pub?.message ?? '', /rootlesskit's port driver/);
      assert.equal(direct(x), undefined);
      assert.ok(x.reasons.some((r) => r.code === 'DIRECT_ROUTING_BLOCKED'));
    } else if (snap.host.routes) assert.match(ev, new RegExp(`route to ${CLIENT}: 198\\.18\\.99\\.0/30 dev ${ENGINE_IF}`));
  });

  it('outside → published 0.0.0.0 port: answers; INPUT does not apply', async () => {
    const x = explain(snap, CLIENT, `${P}web`, 80);
    check('outside → published 0.0.0.0', x, published(x, '0.0.0.0'), await curl(inClient, ENGINE_ADDR, hostPort(`${P}web`, '0.0.0.0')));
    assert.equal(
      x.reasons.some((r) => r.code === 'PUBLISHED_BYPASSES_INPUT'),
      !ROOTLESS,
      'rootless: the real host INPUT applies',
    );
  });

  it('outside → published 127.0.0.1 port: not reachable', async () => {
    const x = explain(snap, CLIENT, `${P}webl`, 80);
    check(
      'outside → published 127.0.0.1',
      x,
      published(x, '127.0.0.1'),
      await curl(inClient, ENGINE_ADDR, hostPort(`${P}webl`, '127.0.0.1')),
    );
    assert.ok(x.reasons.some((r) => r.code === 'LOOPBACK_ONLY_BINDING'));
  });

  itOn(!ROOTLESS, 'outside → the container address routed to the engine netns, published port 80', async () => {
    const x = explain(snap, CLIENT, `${P}web`, 80);
    check('outside → direct :80 (published)', x, direct(x), await curl(inClient, ip(`${P}web`, `${P}net`), 80));
  });

  itOn(!ROOTLESS, 'outside → the address of a container published on 127.0.0.1 only (20.10 lets it in, 28 drops it)', async () => {
    const x = explain(snap, CLIENT, `${P}webl`, 80);
    check('outside → direct :80 (published on 127.0.0.1 only)', x, direct(x), await curl(inClient, ip(`${P}webl`, `${P}net`), 80));
  });

  itOn(!ROOTLESS, 'outside → the container address, unpublished port 81', async () => {
    const x = explain(snap, CLIENT, `${P}web`, 81);
    check('outside → direct :81 (unpublished)', x, direct(x), await curl(inClient, ip(`${P}web`, `${P}net`), 81));
  });

  // A packet for a container's address can only reach a rootless engine's netns through
  // slirp4netns, which routes nothing in: explain must offer no direct way there.
  itOn(ROOTLESS, 'rootless: no direct way to a container address from outside, only the published port', () => {
    const x = explain(snap, CLIENT, `${P}web`, 81);
    assert.deepEqual(
      x.ways.filter((w) => w.kind === 'direct'),
      [],
    );
    assert.equal(x.reachable, false, 'port 81 is not published');
  });

  it('host → the container address over its bridge, and the 127.0.0.1 binding through docker-proxy', async () => {
    const x = explain(snap, 'host', `${P}web`, 80);
    check(
      'host → container address :80',
      x,
      x.ways.find((w) => w.kind === 'network'),
      await curl(inEngineNetns, ip(`${P}web`, `${P}net`), 80),
    );
    const l = explain(snap, 'host', `${P}webl`, 80);
    check(
      'host → published 127.0.0.1',
      l,
      published(l, '127.0.0.1'),
      await curl(inEngineNetns, '127.0.0.1', hostPort(`${P}webl`, '127.0.0.1')),
    );
  });

  it('HAIRPIN: a container on another network → the published port at its gateway', async () => {
    const x = explain(snap, `${P}other`, `${P}web`, 80);
    const gw = snap.networks.find((n) => n.name === `${P}other`)?.subnets[0]?.effectiveGateway ?? '10.254.78.1';
    const w = published(x, '0.0.0.0');
    assert.equal(w?.address, gw);
    check('container (other net) → published via gateway', x, w, await ncFrom(`${P}other`, gw, hostPort(`${P}web`, '0.0.0.0')));
    const l = explain(snap, `${P}other`, `${P}webl`, 80);
    check(
      'container (other net) → published 127.0.0.1',
      l,
      published(l, '127.0.0.1'),
      await ncFrom(`${P}other`, '127.0.0.1', hostPort(`${P}webl`, '127.0.0.1')),
    );
  });

  it('the CLI: explain <client ip> and explain host, as JSON and text', async () => {
    const cli = join(resolve(__dirname, '..', '..', '..'), 'dist', 'cli.js');
    const run = async (...args: string[]): Promise<string> =>
      (await promisify(execFile)('node', [cli, ...args], { env: { ...process.env, ...engineEnv() } })).stdout;
    const x = JSON.parse(await run('explain', CLIENT, `${P}web`, '--port', '80', '--json')) as Explanation;
    assert.equal(x.fromKind, 'outside');
    // Rootless: the real host's INPUT decides and is not the engine's to read: not a certain yes.
    assert.equal(x.reachable, ROOTLESS ? 'unknown' : true);
    if (ROOTLESS) assert.ok(x.reasons.some((r) => r.code === 'HOST_INPUT_UNKNOWN'));
    assert.deepEqual([...new Set(x.ways.map((w) => w.kind))].sort(), ROOTLESS ? ['published'] : ['direct', 'published']);
    const pub = x.ways.find((w) => w.kind === 'published');
    assert.equal(pub?.hostPort, hostPort(`${P}web`, '0.0.0.0'));
    const text = await run('explain', 'host', `${P}webl`, '--port', '80');
    assert.match(text, new RegExp(`^host → ${P}webl:80: REACHABLE`));
    assert.match(text, /way: published 127\.0\.0\.1:\d+ → dne-test-eo-net port 80 \(LOOPBACK_ONLY_BINDING\)/);
  });

  itOn(
    E.name === 'docker28',
    'docker28 routed network: no host port; the published container port on its own address; the rest dropped',
    async () => {
      const x = explain(snap, CLIENT, `${P}webr`, 80);
      // 28.5 lists only an IPv6 host binding (:::N) on a routed network; IPv4 has no host port there.
      const hp = snap.containers.find((c) => c.name === `${P}webr`)?.ports.find((p) => p.hostPort !== null);
      assert.ok(hp?.hostPort, 'webr has a host binding');
      const hostWay: Way = published(x, hp.hostIp ?? '0.0.0.0') ?? {
        kind: 'published',
        network: 'none',
        address: ENGINE_ADDR,
        byName: false,
        names: [],
        open: x.ways.some((w) => w.kind === 'published' && w.open),
      };
      check(`routed: outside → host port (${hp.hostIp ?? '?'}:${hp.hostPort})`, x, hostWay, await curl(inClient, ENGINE_ADDR, hp.hostPort));
      check('routed: outside → direct :80 (published)', x, direct(x), await curl(inClient, ip(`${P}webr`, `${P}routed`), 80));
      const y = explain(snap, CLIENT, `${P}webr`, 81);
      check('routed: outside → direct :81 (unpublished)', y, direct(y), await curl(inClient, ip(`${P}webr`, `${P}routed`), 81));
    },
  );

  itOn(
    E.name === 'docker28',
    'docker28: with INPUT DROP in its netns, published ports still answer (PUBLISHED_BYPASSES_INPUT)',
    async () => {
      const policy = /^-P INPUT (\w+)/m.exec(await inEngineNetns(['iptables', '-S', 'INPUT']))?.[1] ?? 'ACCEPT';
      await inEngineNetns(['iptables', '-P', 'INPUT', 'DROP']);
      try {
        await refresh();
        assert.equal(snap.host.firewall?.inputPolicy, 'DROP');
        const x = explain(snap, CLIENT, `${P}web`, 80);
        assert.match(x.reasons.find((r) => r.code === 'PUBLISHED_BYPASSES_INPUT')?.message ?? '', /policy DROP/);
        check(
          'INPUT DROP: outside → published 0.0.0.0',
          x,
          published(x, '0.0.0.0'),
          await curl(inClient, ENGINE_ADDR, hostPort(`${P}web`, '0.0.0.0')),
        );
      } finally {
        await inEngineNetns(['iptables', '-P', 'INPUT', policy]);
        await refresh();
      }
    },
  );

  itOn(E.name === 'docker28', 'docker28: a DOCKER-USER DROP for the client stops the published port', async () => {
    const rule = ['DOCKER-USER', '-s', `${CLIENT}/32`, '-j', 'DROP'];
    await inEngineNetns(['iptables', '-I', ...rule]);
    try {
      await refresh();
      const x = explain(snap, CLIENT, `${P}web`, 80);
      assert.ok(x.reasons.some((r) => r.code === 'FIREWALL_DROP'));
      check(
        'DOCKER-USER DROP: outside → published 0.0.0.0',
        x,
        published(x, '0.0.0.0'),
        await curl(inClient, ENGINE_ADDR, hostPort(`${P}web`, '0.0.0.0')),
      );
    } finally {
      await inEngineNetns(['iptables', '-D', ...rule]);
      await refresh();
    }
  });

  itOn(E.name === 'docker28', 'docker28: gw_priority moves the default route, and defaultEndpoint follows it', async () => {
    const body = JSON.stringify({ Container: `${P}other`, EndpointConfig: { GwPriority: 10 } });
    await sh('curl', [
      '-sf',
      '--unix-socket',
      E.socketPath,
      '-H',
      'Content-Type: application/json',
      '-X',
      'POST',
      '-d',
      body,
      `http://localhost/v1.48/networks/${P}net/connect`,
    ]);
    await refresh();
    const c = snap.containers.find((x) => x.name === `${P}other`);
    assert.ok(c);
    assert.equal(c.endpoints.find((e) => e.network === `${P}net`)?.gwPriority, 10);
    const route = await docker('exec', `${P}other`, 'ip', 'route', 'show', 'default');
    const ep = defaultEndpoint(c, snap);
    assert.ok(ep?.gateway && route.includes(`via ${ep.gateway}`), `${route} vs ${JSON.stringify(ep)}`);
    assert.equal(ep.network, `${P}net`);
    rows.push({
      name: 'gw_priority=10 on net → default route',
      verdict: `via ${ep.gateway} (${ep.network})`,
      traffic: 'answered',
      agree: true,
    });
  });
});
