// The snapshot against the real engine and the kernel, field by field.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createController } from '../../src/core/createController';
import type { Controller } from '../../src/core/controller';
import type { ContainerInfo, Snapshot } from '../../src/shared/model';
import { cleanTestResources, dockerJson, requireEngine, sh } from '../helpers/docker';
import { currentEngine, engineEnv, inEngineNetns, onEngine } from '../helpers/engines';
import { S, buildScenario } from '../helpers/scenario';

interface InspectedContainer {
  Id: string;
  Name: string;
  Config: { Image: string };
  State: { Status: string; Pid: number };
  HostConfig: { NetworkMode: string };
  NetworkSettings: {
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null>;
    Networks: Record<
      string,
      { NetworkID: string; IPAddress: string; IPPrefixLen: number; MacAddress: string; Gateway: string; Aliases: string[] | null }
    >;
  };
}
interface IpLink {
  ifname: string;
  ifindex: number;
  link_index?: number;
  master?: string;
  address?: string;
}

let controller: Controller;
let snap: Snapshot;

const byName = (name: string): ContainerInfo => {
  const c = snap.containers.find((x) => x.name === name);
  assert.ok(c, `container ${name} in snapshot`);
  return c;
};

describe(onEngine('snapshot on the real engine'), () => {
  before(async () => {
    await requireEngine();
    await buildScenario();
    controller = createController({ env: engineEnv() });
    snap = await controller.refresh();
  });
  after(async () => {
    controller?.gateway.dispose();
    await cleanTestResources('dne-test-s-');
  });

  it('reports the engine and the endpoint', async () => {
    const v = await dockerJson<{ Server: { Version: string; ApiVersion: string } }>('version', '--format', '{{json .}}');
    assert.equal(snap.engine.version, v.Server.Version);
    assert.equal(snap.engine.apiVersion, v.Server.ApiVersion);
    assert.equal(snap.engine.endpoint, currentEngine().dockerHost);
  });

  it('matches docker network inspect for every test network', async () => {
    for (const name of [S.netA, S.netInt, S.netNoIcc, 'bridge']) {
      const [raw] = await dockerJson<
        { Id: string; Driver: string; Internal: boolean; IPAM: { Config: { Subnet: string; Gateway?: string; IPRange?: string }[] } }[]
      >('network', 'inspect', name);
      const net = snap.networks.find((n) => n.name === name);
      assert.ok(net && raw, name);
      assert.equal(net.id, raw.Id);
      assert.equal(net.driver, raw.Driver);
      assert.equal(net.internal, raw.Internal);
      assert.deepEqual(
        net.subnets.map((s) => [s.subnet, s.gateway, s.ipRange]),
        raw.IPAM.Config.map((c) => [c.Subnet, c.Gateway ?? null, c.IPRange ?? null]),
      );
    }
    const a = snap.networks.find((n) => n.name === S.netA);
    assert.equal(a?.bridge, S.bridgeA);
    assert.equal(snap.networks.find((n) => n.name === S.netNoIcc)?.icc, false);
    assert.equal(snap.networks.find((n) => n.name === 'bridge')?.bridge, 'docker0');
  });

  it('matches docker inspect for every test container, endpoint by endpoint', async () => {
    const names = [S.def, S.web, S.a1, S.multi, S.int1, S.noicc1, S.none, S.host, S.joined, S.stopped];
    const raws = await dockerJson<InspectedContainer[]>('inspect', ...names);
    for (const raw of raws) {
      const c = byName(raw.Name.slice(1));
      assert.equal(c.id, raw.Id);
      assert.equal(c.image, raw.Config.Image);
      assert.equal(c.state, raw.State.Status);
      assert.equal(c.pid, raw.State.Pid || null);
      assert.deepEqual(c.endpoints.map((e) => e.network).sort(), Object.keys(raw.NetworkSettings.Networks).sort(), c.name);
      for (const ep of c.endpoints) {
        const r = raw.NetworkSettings.Networks[ep.network];
        assert.ok(r);
        assert.equal(ep.networkId, r.NetworkID || snap.networks.find((n) => n.name === ep.network)?.id, `${c.name} networkId`);
        assert.equal(ep.ipv4, r.IPAddress || null, `${c.name} ip`);
        assert.equal(ep.prefixLen, r.IPAddress ? r.IPPrefixLen : null);
        assert.equal(ep.mac, r.MacAddress || null);
        assert.equal(ep.gateway, r.Gateway || null);
        for (const a of r.Aliases ?? []) assert.ok(ep.aliases.includes(a), `${c.name} alias ${a}`);
      }
      const livePorts = Object.values(raw.NetworkSettings.Ports ?? {}).flatMap((b) => b ?? []).length;
      assert.equal(c.ports.filter((p) => p.hostPort !== null).length, livePorts, `${c.name} ports`);
    }
  });

  it('shows every network mode as a person would type it', () => {
    assert.equal(byName(S.def).networkMode, 'bridge');
    assert.equal(byName(S.a1).networkMode, S.netA);
    assert.equal(byName(S.none).networkMode, 'none');
    assert.equal(byName(S.host).networkMode, 'host');
    assert.equal(byName(S.joined).networkMode, `container:${S.a1}`);
    assert.equal(byName(S.joined).netnsOwner, S.a1);
    assert.ok(byName(S.a1).netnsMembers.includes(S.joined));
  });

  it('keeps static IP and user aliases', () => {
    const ep = byName(S.a1).endpoints[0];
    assert.equal(ep?.ipv4, S.a1Ip);
    assert.equal(ep?.staticIpv4, S.a1Ip);
    assert.deepEqual(ep?.aliases.slice(0, 2).sort(), [...S.a1Aliases].sort());
    assert.ok(
      byName(S.multi)
        .endpoints.find((e) => e.network === S.netInt)
        ?.aliases.includes('multi-int'),
    );
  });

  it('keeps a created container with its configured network', () => {
    const c = byName(S.stopped);
    assert.equal(c.state, 'created');
    assert.deepEqual(
      c.endpoints.map((e) => [e.network, e.ipv4]),
      [[S.netA, null]],
    );
    assert.ok(snap.networks.find((n) => n.name === S.netA)?.containerIds.includes(c.id));
  });

  it("maps each endpoint to the kernel: ifname, host veth peer and its bridge (in the engine's netns)", async () => {
    const hostLinks = JSON.parse(await inEngineNetns(['ip', '-j', 'link', 'show'])) as IpLink[];
    let checked = 0;
    for (const c of snap.containers.filter(
      (x) => x.name.startsWith('dne-test-') && x.state === 'running' && x.endpoints.some((e) => e.ipv4),
    )) {
      const inNs = JSON.parse(await sh('nsenter', ['-t', String(c.pid), '-n', 'ip', '-j', 'link', 'show'])) as IpLink[];
      for (const ep of c.endpoints) {
        const inside = inNs.find((l) => l.address === ep.mac);
        assert.ok(inside, `${c.name}: interface with ${ep.mac}`);
        assert.equal(ep.ifname, inside.ifname, `${c.name} ifname`);
        const peer = hostLinks.find((l) => l.ifindex === inside.link_index);
        assert.ok(peer, `${c.name}: host peer of ${inside.ifname}`);
        assert.equal(ep.hostVeth, peer.ifname, `${c.name} host veth`);
        assert.equal(ep.bridge, peer.master, `${c.name} bridge`);
        checked++;
      }
    }
    assert.ok(checked >= 8, `checked ${checked} endpoints`);
    assert.equal(byName(S.a1).endpoints[0]?.bridge, S.bridgeA);
    assert.ok(snap.host.bridges?.[S.bridgeA]?.includes(byName(S.a1).endpoints[0]?.hostVeth ?? '?'));
  });

  it("reads the default route (the engine netns's way out) as ip route shows it there", async () => {
    const routes = JSON.parse(await inEngineNetns(['ip', '-j', 'route', 'show', 'default'])) as { dev: string; gateway?: string }[];
    const first = routes[0];
    assert.deepEqual(snap.host.defaultRoute, first ? { interface: first.dev, gateway: first.gateway ?? null } : null);
  });

  it("reads ip_forward of the engine's netns and reports nothing unavailable as root", async () => {
    // /proc/sys/net is per netns: read it from inside the engine's.
    const v = (await inEngineNetns(['cat', '/proc/sys/net/ipv4/ip_forward'])) === '1';
    assert.equal(snap.host.ipForward, v);
    assert.deepEqual(snap.host.unavailable, []);
  });
});
