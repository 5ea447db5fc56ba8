// Host facts come from the ENGINE's network namespace, whichever engine it is: the host's own
// (system), a netns of its own (docker28), or rootlesskit's (rootless). Checked against the kernel
// of that netns (nsenter into it) and against the host's netns, which shows a different world.
import assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createController } from '../../src/core/createController';
import type { Controller } from '../../src/core/controller';
import type { Snapshot } from '../../src/shared/model';
import { cleanTestResources, createTestNetwork, requireEngine, runTestCommand, runTestContainer } from '../helpers/docker';
import { currentEngine, engineEnv, engineNetnsPid, inEngineNetns, inHostNetns, onEngine, outsideClientAddress } from '../helpers/engines';

interface IpLink {
  ifname: string;
  ifindex: number;
  master?: string;
  linkinfo?: { info_kind?: string };
}

const P = 'dne-test-ns-';
let controller: Controller;
let snap: Snapshot;

const nsInode = (pid: number | 'self'): number => Number(/\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))?.[1]);
const links = async (where: 'engine' | 'host'): Promise<IpLink[]> =>
  JSON.parse(
    where === 'engine' ? await inEngineNetns(['ip', '-j', '-d', 'link', 'show']) : await inHostNetns(['ip', '-j', '-d', 'link', 'show']),
  ) as IpLink[];

/** `hostPort/proto → ip:port` of the DNAT rules in Docker's nat DOCKER chain of an iptables-save dump. */
function dnatTargets(dump: string): string[] {
  const out: string[] = [];
  for (const line of dump.split('\n')) {
    if (!line.startsWith('-A DOCKER ') || !line.includes(' -j DNAT ')) continue;
    const proto = / -p (\w+)/.exec(line)?.[1];
    const dport = / --dport (\d+)/.exec(line)?.[1];
    const to = / --to-destination (\S+)/.exec(line)?.[1];
    if (proto && dport && to) out.push(`${dport}/${proto} → ${to}`);
  }
  return out.sort();
}

describe(onEngine("host facts come from the engine's network namespace"), () => {
  before(async () => {
    await requireEngine();
    await cleanTestResources(P);
    await createTestNetwork(`${P}net`, '--subnet', '10.254.60.0/24');
    await runTestContainer(`${P}a`, '--network', `${P}net`, '-p', '80', '-p', '127.0.0.1::81');
    await runTestContainer(`${P}b`, '-p', '82');
    await runTestCommand(`${P}web`, ['-p', '80'], ['sh', '-c', 'mkdir -p /www && echo dne-ok > /www/index.html && httpd -f -p 80 -h /www']);
    controller = createController({ env: engineEnv() });
    await controller.refresh();
    snap = await controller.refreshFirewall();
  });
  after(async () => {
    controller?.gateway.dispose();
    await cleanTestResources(P);
  });

  it("names the engine's netns: its dockerd pid, the netns inode, and how it relates to ours", () => {
    const e = currentEngine();
    const pid = engineNetnsPid();
    const ns = snap.host.engineNetns;
    assert.equal(ns.pid, pid, ns.how);
    assert.equal(ns.inode, nsInode(pid), ns.how);
    const expected = {
      host: { kind: 'host', same: true },
      own: { kind: 'other', same: false },
      rootless: { kind: 'rootless', same: false },
    }[e.netns];
    assert.deepEqual({ kind: ns.kind, same: ns.same }, expected, ns.how);
    assert.equal(nsInode(pid) === nsInode('self'), e.netns === 'host', 'the engines really are where scripts/provision.sh put them');
  });

  it("every running bridge endpoint's host veth is in the engine's netns (and, for docker28 and rootless, not in the host's)", async () => {
    const inEngine = await links('engine');
    const inHost = await links('host');
    const separate = currentEngine().netns !== 'host';
    let checked = 0;
    for (const c of snap.containers.filter((x) => x.name.startsWith(P) && x.state === 'running')) {
      for (const ep of c.endpoints.filter((x) => x.ipv4)) {
        assert.ok(ep.hostVeth, `${c.name}/${ep.network}: hostVeth read (${snap.host.unavailable.join(' | ')})`);
        const l = inEngine.find((x) => x.ifname === ep.hostVeth);
        assert.ok(l, `${ep.hostVeth} exists in the engine's netns`);
        assert.equal(l.linkinfo?.info_kind, 'veth');
        assert.equal(l.master, ep.bridge, `${ep.hostVeth} is a port of ${ep.bridge ?? '?'} there`);
        if (separate)
          assert.equal(
            inHost.find((x) => x.ifname === ep.hostVeth),
            undefined,
            `${ep.hostVeth} is not in the host's netns`,
          );
        checked++;
      }
    }
    assert.ok(checked >= 3, `checked ${checked} endpoints`);
  });

  it("bridges and their ports are the engine netns's (brctl show there)", async () => {
    const inEngine = await links('engine');
    const bridges = snap.host.bridges;
    assert.ok(bridges, snap.host.unavailable.join(' | '));
    // Every bridge of that netns is listed (other runs may add ports meanwhile: only our own
    // network's bridge is compared port by port).
    const engineBridges = inEngine.filter((l) => l.linkinfo?.info_kind === 'bridge').map((l) => l.ifname);
    for (const b of engineBridges.filter((x) => x === 'docker0' || x.startsWith('dne-')))
      assert.ok(bridges[b], `${b} in ${Object.keys(bridges).join(', ')}`);
    for (const b of Object.keys(bridges))
      assert.ok(engineBridges.includes(b), `${b} is a bridge of the engine's netns (${engineBridges.join(', ')})`);
    const own = snap.networks.find((n) => n.name === `${P}net`)?.bridge;
    assert.ok(own && bridges[own], `${own ?? '?'} in ${Object.keys(bridges).join(', ')}`);
    assert.deepEqual(
      [...bridges[own]].sort(),
      inEngine
        .filter((l) => l.master === own)
        .map((l) => l.ifname)
        .sort(),
    );
  });

  it("ip_forward and the default route are the engine netns's", async () => {
    assert.equal(snap.host.ipForward, (await inEngineNetns(['cat', '/proc/sys/net/ipv4/ip_forward'])) === '1');
    const routes = JSON.parse(await inEngineNetns(['ip', '-j', 'route', 'show', 'default'])) as { dev: string; gateway?: string }[];
    const first = routes[0];
    assert.deepEqual(snap.host.defaultRoute, first ? { interface: first.dev, gateway: first.gateway ?? null } : null);
    if (currentEngine().name === 'docker28')
      assert.deepEqual(snap.host.defaultRoute, { interface: currentEngine().netnsIf, gateway: currentEngine().hostAddress });
  });

  it("the firewall model's published ports are the DNAT rules of the engine netns's iptables-save", async () => {
    const fw = snap.host.firewall;
    assert.ok(fw, `firewall read as root: ${snap.host.unavailable.join(' | ')}`);
    const dump = await inEngineNetns(['iptables-save', '-t', 'nat']);
    // Our containers' rules (other runs may publish ports on this engine meanwhile).
    const ours = snap.containers
      .filter((c) => c.name.startsWith(P))
      .flatMap((c) => c.endpoints.map((e) => e.ipv4))
      .filter((x): x is string => !!x);
    const mine = (l: string): boolean => ours.some((ip) => l.includes(` → ${ip}:`));
    const model = fw.published
      .filter((p) => p.family === 'ipv4')
      .map((p) => `${p.hostPort}/${p.protocol} → ${p.containerIp}:${p.containerPort}`)
      .filter(mine)
      .sort();
    assert.deepEqual(model, dnatTargets(dump).filter(mine));
    // The three ports published on every address at least: read where these containers live.
    assert.ok(model.length >= 3, model.join(', '));
  });

  it("the engine's own user reads the engine netns's rules with its own privileges (rootless: no root)", async () => {
    const asRoot = dnatTargets(await inEngineNetns(['iptables-save', '-t', 'nat']));
    const asUser = dnatTargets(await inEngineNetns(['iptables-save', '-t', 'nat'], { asEngineUser: true }));
    assert.deepEqual(asUser, asRoot);
  });

  it("a published port answers a client outside the engine's netns where the engine says it does", async () => {
    const web = snap.containers.find((c) => c.name === `${P}web`);
    const port = web?.ports.find((p) => p.containerPort === 80 && p.hostIp !== '::' && p.hostPort !== null)?.hostPort;
    assert.ok(port, JSON.stringify(web?.ports));
    const to = outsideClientAddress(port);
    assert.ok(to);
    const body = await inHostNetns(['curl', '-s', '--max-time', '3', `http://${to.host}:${to.port}/`]);
    assert.match(body, /dne-ok/);
  });

  it('docker-proxy or rootlesskit: who carries a published port, as the engine really runs it', async () => {
    const e = currentEngine();
    const port = snap.containers.find((c) => c.name === `${P}b`)?.ports.find((p) => p.hostIp !== '::' && p.hostPort !== null)?.hostPort;
    assert.ok(port);
    const proxies = snap.host.proxies;
    assert.ok(proxies, snap.host.unavailable.join(' | '));
    const mine = proxies.filter((p) => p.hostPort === port);
    // Its listener, seen from the host's netns (ss -ltnp): the host port only exists there for
    // the system engine (docker-proxy) and the rootless one (rootlesskit's port driver).
    const ss = await inHostNetns(['ss', '-Hltnp', `sport = :${port}`]);
    if (e.netns === 'rootless') {
      // rootlesskit-docker-proxy (in the engine's netns) asks rootlesskit to listen on the host.
      assert.ok(
        mine.some((p) => p.name === 'rootlesskit-docker-proxy'),
        JSON.stringify(mine),
      );
      assert.match(ss, /"rootlesskit",pid=\d+/);
      const rk = snap.host.rootless;
      assert.ok(rk, 'rootless facts');
      assert.ok(
        rk.listeners.some((l) => l.hostPort === port && l.protocol === 'tcp'),
        JSON.stringify(rk.listeners),
      );
      assert.equal(rk.portDriver, 'builtin');
      assert.equal(rk.netDriver, 'slirp4netns');
    } else {
      assert.ok(
        mine.some((p) => p.name === 'docker-proxy'),
        JSON.stringify(mine),
      );
      if (e.netns === 'host') assert.match(ss, /"docker-proxy",pid=\d+/);
      else assert.equal(ss, '', `port ${port} of ${e.name} has no listener in the host's netns`);
      assert.equal(snap.host.rootless, null);
    }
  });

  it('nothing unavailable as root', () => {
    assert.deepEqual(snap.host.unavailable, []);
  });
});
