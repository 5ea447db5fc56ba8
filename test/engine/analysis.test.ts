// path() and explain() on the real engine, checked against the kernel and against real traffic
// between our own test containers (ping/wget over their bridges; nothing leaves the machine).
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { containerPath } from '../../src/analysis/paths';
import { explain } from '../../src/analysis/reachability';
import { createController } from '../../src/core/createController';
import type { Controller } from '../../src/core/controller';
import type { Snapshot } from '../../src/shared/model';
import { cleanTestResources, createTestNetwork, docker, requireEngine, runTestContainer } from '../helpers/docker';
import { currentEngine, engineEnv, inEngineNetns, onEngine, outsideClientAddress } from '../helpers/engines';

let snap: Snapshot;
let controller: Controller;

/** Does `from` get an answer from `target` (an IP or a name)? Real packets, 1 s timeout. */
async function pings(from: string, target: string): Promise<boolean> {
  try {
    await docker('exec', from, 'ping', '-c', '1', '-W', '1', target);
    return true;
  } catch {
    return false;
  }
}

/** An HTTP GET with busybox nc (busybox-static's wget crashes resolving names). */
async function fetches(from: string, host: string): Promise<boolean> {
  // httpd may still be starting: a few tries, 200 ms apart.
  for (let i = 0; i < 10; i++) {
    const body = await docker('exec', from, 'sh', '-c', `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${host} 80`).catch(() => '');
    if (body.includes('dne-ok')) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** An HTTP GET from this process (the host's netns, outside the engine's on docker28 and rootless). */
function hostGet(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host, port, path: '/', timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${host}:${port}`)));
    req.on('error', reject);
  });
}

/** An HTTP GET from inside the engine's netns (curl run there with nsenter). */
const netnsGet = (host: string, port: number): Promise<string> =>
  inEngineNetns(['curl', '-s', '--max-time', '2', `http://${host}:${port}/`]);

/** The host port a container publishes its port on, for a host IP. */
async function publishedPort(name: string, port: string, hostIp: string): Promise<number> {
  const ports = JSON.parse(await docker('inspect', '--format', '{{json .NetworkSettings.Ports}}', name)) as Record<
    string,
    { HostIp: string; HostPort: string }[] | null
  >;
  const b = ports[port]?.find((x) => x.HostIp === hostIp);
  assert.ok(b, `${name} publishes ${port} on ${hostIp}: ${JSON.stringify(ports)}`);
  return Number(b.HostPort);
}

const WEB = ['sh', '-c', 'mkdir -p /www && echo dne-ok > /www/index.html && httpd -f -p 80 -h /www'];
const ctr = (name: string): Snapshot['containers'][number] => {
  const c = snap.containers.find((x) => x.name === name);
  assert.ok(c, name);
  return c;
};
const ip = (name: string, net: string): string => ctr(name).endpoints.find((e) => e.network === net)?.ipv4 ?? '';

describe(onEngine('path and explain against the kernel and real traffic'), () => {
  before(async () => {
    await requireEngine();
    await cleanTestResources('dne-test-an-');
    await createTestNetwork('dne-test-an-a', '--subnet', '10.254.50.0/24');
    await createTestNetwork('dne-test-an-b', '--subnet', '10.254.51.0/24');
    await createTestNetwork('dne-test-an-noicc', '--subnet', '10.254.52.0/24', '-o', 'com.docker.network.bridge.enable_icc=false');
    await createTestNetwork('dne-test-an-int', '--internal', '--subnet', '10.254.53.0/24');
    await docker(
      'run',
      '-d',
      '--name',
      'dne-test-an-web',
      '--label',
      'dne.test=1',
      '--network',
      'dne-test-an-a',
      '--network-alias',
      'websvc',
      '-p',
      '127.0.0.1::80',
      'dne-busybox:local',
      ...WEB,
    );
    await runTestContainer('dne-test-an-a2', '--network', 'dne-test-an-a');
    await runTestContainer('dne-test-an-b1', '--network', 'dne-test-an-b');
    // Published on every address: reachable from outside the engine's netns.
    await docker(
      'run',
      '-d',
      '--name',
      'dne-test-an-pub',
      '--label',
      'dne.test=1',
      '--network',
      'dne-test-an-b',
      '-p',
      '80',
      'dne-busybox:local',
      ...WEB,
    );
    await runTestContainer('dne-test-an-n1', '--network', 'dne-test-an-noicc');
    await runTestContainer('dne-test-an-n2', '--network', 'dne-test-an-noicc');
    await runTestContainer('dne-test-an-i1', '--network', 'dne-test-an-int');
    await runTestContainer('dne-test-an-i2', '--network', 'dne-test-an-int');
    await runTestContainer('dne-test-an-d1');
    await runTestContainer('dne-test-an-d2');
    await runTestContainer('dne-test-an-joined', '--network', 'container:dne-test-an-web');
    controller = createController({ env: engineEnv() });
    await controller.refresh();
    snap = await controller.refreshFirewall();
  });
  after(async () => {
    controller?.gateway.dispose();
    await cleanTestResources('dne-test-an-');
  });

  it('egress hops name the kernel veth, its bridge, and the MASQUERADE rule iptables has (engine netns)', async () => {
    const p = containerPath(ctr('dne-test-an-web'), snap);
    const veth = p.egress.hops.find((h) => h.kind === 'veth')?.name ?? '';
    const link = JSON.parse(await inEngineNetns(['ip', '-j', 'link', 'show', veth])) as { master?: string }[];
    // The network by name, the kernel's bridge as the detail, and the command that shows it.
    const bridge = p.egress.hops.find((h) => h.kind === 'bridge');
    assert.equal(bridge?.name, `${p.egress.network ?? '?'} (${link[0]?.master ?? '?'})`);
    assert.ok(bridge?.command?.endsWith(`brctl show ${link[0]?.master ?? '?'}`), bridge?.command);
    const nat = await inEngineNetns(['iptables', '-t', 'nat', '-S', 'POSTROUTING']);
    const rule = p.egress.hops.find((h) => h.kind === 'nat')?.rule ?? '';
    assert.match(rule, /-s 10\.254\.50\.0\/24 ! -o br-\w+ -j MASQUERADE/);
    assert.ok(nat.split('\n').includes(rule), `${rule} in iptables -t nat -S`);
    assert.equal(p.egress.masqueraded, true);
  });

  it('ingress names the DNAT rule iptables has (engine netns) and the docker-proxy behind the loopback port', async () => {
    const p = containerPath(ctr('dne-test-an-web'), snap);
    const lo = p.ingress.find((i) => i.hostIp === '127.0.0.1');
    assert.ok(lo, JSON.stringify(p.ingress));
    const dnat = await inEngineNetns(['iptables', '-t', 'nat', '-S', 'DOCKER']);
    assert.ok(lo.rule && dnat.split('\n').includes(lo.rule), `${lo.rule ?? 'no rule'} in iptables -t nat -S DOCKER`);
    // rootless: rootlesskit's port driver dials the port on the engine netns's loopback, which the
    // DNAT rule (OUTPUT ! -d 127.0.0.0/8) leaves alone, so only the proxy carries it.
    assert.equal(lo.via, currentEngine().netns === 'rootless' ? 'proxy' : 'both');
    assert.match(lo.proxy ?? '', /docker-proxy \(pid \d+\) 127\.0\.0\.1:\d+ → 10\.254\.50\.\d+:80/);
    // And it really answers on the engine netns's loopback, through docker-proxy.
    assert.match(await netnsGet('127.0.0.1', lo.hostPort), /dne-ok/);
    const outside = outsideClientAddress(lo.hostPort, '127.0.0.1');
    if (outside) {
      // system: the host's own loopback; rootless: rootlesskit listens on the host's 127.0.0.1 too.
      assert.match(await hostGet(outside.host, outside.port), /dne-ok/);
    } else {
      // docker28: 127.0.0.1 is the engine netns's own loopback, so the netns's address does not answer.
      const e = currentEngine();
      await assert.rejects(
        hostGet(e.netnsAddress ?? '', lo.hostPort),
        `a 127.0.0.1 port of ${e.name} must not answer on ${e.netnsAddress ?? ''}`,
      );
    }
  });

  it("a port published on every address answers from outside the engine's netns", async () => {
    const port = await publishedPort('dne-test-an-pub', '80/tcp', '0.0.0.0');
    const p = containerPath(ctr('dne-test-an-pub'), snap);
    assert.ok(
      p.ingress.some((i) => i.hostPort === port && (i.hostIp === null || i.hostIp === '0.0.0.0')),
      JSON.stringify(p.ingress),
    );
    const outside = outsideClientAddress(port);
    assert.ok(outside, `${currentEngine().name} reaches a 0.0.0.0 port from outside`);
    assert.match(await hostGet(outside.host, outside.port), /dne-ok/);
  });

  it("direct routing to a container: 28 drops it in the engine netns's raw table, older engines have no such rule; the model agrees", async () => {
    const webIp = ip('dne-test-an-web', 'dne-test-an-a');
    const raw = (await inEngineNetns(['iptables-save', '-t', 'raw'])).split('\n');
    const drop = raw.find((l) => l.startsWith('-A PREROUTING') && l.includes(`-d ${webIp}/32`) && / -j DROP$/.test(l));
    const major = Number(snap.engine.version.split('.')[0]);
    if (major >= 28) assert.ok(drop, `docker ${snap.engine.version}: a raw PREROUTING drop for ${webIp} in\n${raw.join('\n')}`);
    else assert.equal(drop, undefined, `docker ${snap.engine.version} writes no raw-table drops`);
    const fw = snap.host.firewall;
    assert.ok(fw, `firewall read as root: ${snap.host.unavailable.join(' | ')}`);
    assert.equal(
      fw.directRoutingDrops.some((d) => d.containerIp === webIp),
      drop !== undefined,
      JSON.stringify(fw.directRoutingDrops),
    );
  });

  it('shared user network: reachable by IP, name and alias, as ping and wget show', async () => {
    const x = explain(snap, 'dne-test-an-a2', 'dne-test-an-web');
    assert.equal(x.reachable, true);
    assert.ok(x.ways[0]?.names.includes('websvc'));
    assert.equal(await pings('dne-test-an-a2', ip('dne-test-an-web', 'dne-test-an-a')), true);
    assert.equal(await fetches('dne-test-an-a2', 'websvc'), true);
  });

  it('icc off: explain says ICC_DISABLED and ping fails', async () => {
    const x = explain(snap, 'dne-test-an-n1', 'dne-test-an-n2');
    assert.equal(x.reachable, false);
    assert.ok(x.reasons.some((r) => r.code === 'ICC_DISABLED'));
    assert.equal(await pings('dne-test-an-n1', ip('dne-test-an-n2', 'dne-test-an-noicc')), false);
  });

  it('different networks: NO_SHARED_NETWORK and ping fails', async () => {
    const x = explain(snap, 'dne-test-an-b1', 'dne-test-an-web');
    assert.equal(x.reachable, false);
    assert.deepEqual(x.reasons.map((r) => r.code).slice(0, 2), ['NO_SHARED_NETWORK', 'ISOLATED_BRIDGES']);
    assert.equal(await pings('dne-test-an-b1', ip('dne-test-an-web', 'dne-test-an-a')), false);
  });

  it('internal network: its containers reach each other, and its egress ends in a drop', async () => {
    assert.equal(explain(snap, 'dne-test-an-i1', 'dne-test-an-i2').reachable, true);
    assert.equal(await pings('dne-test-an-i1', ip('dne-test-an-i2', 'dne-test-an-int')), true);
    assert.equal(containerPath(ctr('dne-test-an-i1'), snap).egress.leavesHost, false);
  });

  it('default bridge: by IP yes, by name no', async () => {
    const x = explain(snap, 'dne-test-an-d1', 'dne-test-an-d2');
    assert.equal(x.reachable, true);
    assert.ok(x.reasons.some((r) => r.code === 'DEFAULT_BRIDGE_NO_DNS'));
    assert.equal(x.ways[0]?.byName, false);
    assert.equal(await pings('dne-test-an-d1', ip('dne-test-an-d2', 'bridge')), true);
    assert.equal(await pings('dne-test-an-d1', 'dne-test-an-d2'), false);
  });

  it('joined container: SAME_NETNS, and localhost really is the owner', async () => {
    const x = explain(snap, 'dne-test-an-joined', 'dne-test-an-web');
    assert.deepEqual(
      x.reasons.map((r) => r.code),
      ['SAME_NETNS'],
    );
    assert.equal(await fetches('dne-test-an-joined', '127.0.0.1'), true);
  });

  it('with --port: the listener in the target netns decides, as a real connection shows', async () => {
    const listening = await controller.listeners(ctr('dne-test-an-web').id);
    assert.ok(listening?.includes(80), `httpd listens on 80: ${String(listening)}`);
    const open = explain(snap, 'dne-test-an-a2', 'dne-test-an-web', 80, { listening });
    assert.equal(open.reachable, true);
    assert.ok(open.reasons.some((r) => r.code === 'PORT_LISTENING'));
    const closed = explain(snap, 'dne-test-an-a2', 'dne-test-an-web', 81, { listening });
    assert.equal(closed.reachable, false);
    assert.ok(closed.reasons.some((r) => r.code === 'PORT_NOT_LISTENING'));
    const refused = await docker('exec', 'dne-test-an-a2', 'sh', '-c', 'nc -w 2 websvc 81 </dev/null && echo open || echo refused');
    assert.equal(refused.trim(), 'refused');
  });
});
