import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSnapshot } from '../../src/core/buildSnapshot';
import { normalizeNetwork, parsePorts } from '../../src/docker/normalize';
import type { ContainerInfo, NetworkInfo, Snapshot } from '../../src/shared/model';
import { capturedContainerInspects, capturedNetworks, capturedSnapshot } from '../helpers/fixtures';

function snapshot(): Snapshot {
  return capturedSnapshot();
}
function net(s: Snapshot, name: string): NetworkInfo {
  const n = s.networks.find((x) => x.name === name);
  assert.ok(n, `network ${name}`);
  return n;
}
function ctr(s: Snapshot, name: string): ContainerInfo {
  const c = s.containers.find((x) => x.name === name);
  assert.ok(c, `container ${name}`);
  return c;
}

describe('networks from GET /networks', () => {
  const s = snapshot();
  it('marks only bridge/host/none as built-in', () => {
    assert.deepEqual(
      s.networks
        .filter((n) => n.builtin)
        .map((n) => n.name)
        .sort(),
      ['bridge', 'host', 'none'],
    );
  });
  it('names the default bridge docker0 and user bridges br-<id12> or their custom name', () => {
    assert.equal(net(s, 'bridge').bridge, 'docker0');
    assert.equal(net(s, 'gt-net-a').bridge, 'gt-br-a');
    const int = net(s, 'gt-net-int');
    assert.equal(int.bridge, `br-${int.id.slice(0, 12)}`);
    assert.equal(net(s, 'host').bridge, null);
  });
  it('keeps subnet, gateway and ip-range as configured', () => {
    assert.deepEqual(net(s, 'gt-net-a').subnets, [
      { subnet: '10.231.0.0/24', gateway: '10.231.0.254', ipRange: '10.231.0.128/25', effectiveGateway: '10.231.0.254' },
    ]);
    assert.deepEqual(net(s, 'none').subnets, []);
  });
  it('fills the effective gateway Docker chose from the endpoints', () => {
    const b = net(s, 'bridge').subnets[0];
    assert.equal(b?.gateway, null);
    assert.equal(b?.effectiveGateway, '172.17.0.1');
  });
  it('reads icc and internal', () => {
    assert.equal(net(s, 'gt-net-noicc').icc, false);
    assert.equal(net(s, 'gt-net-a').icc, true);
    assert.equal(net(s, 'host').icc, null);
    assert.equal(net(s, 'gt-net-int').internal, true);
    assert.equal(net(s, 'gt-net-a').internal, false);
  });
  it('lists the containers of each network, stopped ones included', () => {
    const names = (n: NetworkInfo): string[] => n.containerIds.map((id) => s.containers.find((c) => c.id === id)?.name ?? id).sort();
    assert.deepEqual(names(net(s, 'gt-net-a')), ['gt-a1', 'gt-multi', 'gt-stopped']);
    assert.deepEqual(names(net(s, 'gt-net-int')), ['gt-int1', 'gt-multi']);
  });
});

describe('containers from inspect', () => {
  const s = snapshot();
  it('gives a static IP and user aliases before the automatic short id', () => {
    const a1 = ctr(s, 'gt-a1');
    assert.equal(a1.networkMode, 'gt-net-a');
    assert.equal(a1.networkModeKind, 'network');
    const ep = a1.endpoints[0];
    assert.equal(ep?.ipv4, '10.231.0.10');
    assert.equal(ep?.staticIpv4, '10.231.0.10');
    assert.equal(ep?.prefixLen, 24);
    assert.equal(ep?.mac, '02:42:0a:e7:00:0a');
    assert.equal(ep?.gateway, '10.231.0.254');
    assert.deepEqual(ep?.aliases.slice(0, 2), ['gt-alias-a1', 'svc-a']);
    assert.equal(ep?.aliases[2], a1.id.slice(0, 12));
  });
  it('groups a joined container with its owner, by name', () => {
    const joined = ctr(s, 'gt-joined');
    assert.equal(joined.networkMode, 'container:gt-a1');
    assert.equal(joined.networkModeKind, 'container');
    assert.equal(joined.netnsOwner, 'gt-a1');
    assert.deepEqual(joined.endpoints, []);
    assert.deepEqual(ctr(s, 'gt-a1').netnsMembers, ['gt-joined']);
  });
  it('shows host and none modes', () => {
    assert.equal(ctr(s, 'gt-host').networkMode, 'host');
    assert.equal(ctr(s, 'gt-none').networkMode, 'none');
    assert.equal(ctr(s, 'gt-none').endpoints[0]?.ipv4, null);
  });
  it('maps the default network mode to bridge', () => {
    const web = ctr(s, 'gt-web');
    assert.equal(web.networkMode, 'bridge');
    assert.equal(web.endpoints[0]?.network, 'bridge');
    assert.equal(web.endpoints[0]?.ipv4, '172.17.0.3');
  });
  it('keeps a created container on its configured network with no address', () => {
    const st = ctr(s, 'gt-stopped');
    assert.equal(st.state, 'created');
    assert.equal(st.pid, null);
    assert.equal(st.endpoints.length, 1);
    assert.equal(st.endpoints[0]?.network, 'gt-net-a');
    assert.equal(st.endpoints[0]?.networkId, net(s, 'gt-net-a').id);
    assert.equal(st.endpoints[0]?.ipv4, null);
    assert.equal(st.endpoints[0]?.bridge, null);
  });
  it('lists both endpoints of a multi-network container', () => {
    assert.deepEqual(
      ctr(s, 'gt-multi').endpoints.map((e) => e.network),
      ['gt-net-a', 'gt-net-int'],
    );
  });
  it('lists published ports with the real bindings, IPv6 included', () => {
    const ports = ctr(s, 'gt-web').ports;
    assert.ok(ports.some((p) => p.containerPort === 80 && p.hostIp === '0.0.0.0' && p.hostPort === 8080 && p.protocol === 'tcp'));
    assert.ok(ports.some((p) => p.containerPort === 80 && p.hostIp === '127.0.0.1' && p.hostPort === 32769));
    assert.ok(ports.some((p) => p.containerPort === 9000 && p.hostIp === '::' && p.hostPort === 32768));
  });
  it('keeps legacy links', () => {
    assert.ok(ctr(s, 'gt-def2').endpoints[0]?.links.some((l) => l.includes('webalias')));
  });
});

describe('parsePorts', () => {
  it('uses configured bindings when not running and marks exposed-only ports', () => {
    assert.deepEqual(parsePorts(null, { '53/udp': [{ HostIp: '', HostPort: '' }], '80/tcp': null }, false), [
      { containerPort: 53, protocol: 'udp', hostIp: '0.0.0.0', hostPort: null },
      { containerPort: 80, protocol: 'tcp', hostIp: null, hostPort: null },
    ]);
  });
});

describe('Docker Compose labels', () => {
  it('a network and a container Compose made carry its project and names; others carry null', () => {
    const n = normalizeNetwork({
      Name: 'myapp_default',
      Id: 'a'.repeat(64),
      Driver: 'bridge',
      Labels: { 'com.docker.compose.project': 'myapp', 'com.docker.compose.network': 'default' },
    });
    assert.deepEqual(n.compose, { project: 'myapp', network: 'default' });
    assert.equal(
      normalizeNetwork({ Name: 'plain', Id: 'b'.repeat(64), Driver: 'bridge', Labels: { 'com.docker.compose.project': 'myapp' } }).compose,
      null,
    );
    const s = snapshot();
    const raw = capturedContainerInspects()[0];
    assert.ok(raw);
    const labelled = {
      ...raw,
      Config: { ...raw.Config, Labels: { 'com.docker.compose.project': 'myapp', 'com.docker.compose.service': 'web' } },
    };
    const c = buildSnapshot({ engine: s.engine, networks: capturedNetworks(), containers: [labelled], host: null, takenAt: 0 })
      .containers[0];
    assert.deepEqual(c?.compose, { project: 'myapp', service: 'web' });
    assert.ok(
      s.containers.every((x) => x.compose === null),
      'the captured containers were not made by Compose',
    );
  });
});
