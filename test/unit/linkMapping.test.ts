import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bridgePorts, linkEndpoint } from '../../src/host/linkMapping';
import type { HostInterface } from '../../src/shared/model';

const host: HostInterface[] = [
  { name: 'docker0', ifindex: 3, iflink: 3, mac: '02:42:00:00:00:01', master: null, kind: 'bridge', mtu: null },
  { name: 'br-abc', ifindex: 4, iflink: 4, mac: null, master: null, kind: 'bridge', mtu: null },
  { name: 'veth1a2b', ifindex: 17, iflink: 16, mac: null, master: 'docker0', kind: 'veth', mtu: null },
  { name: 'veth9z', ifindex: 21, iflink: 20, mac: null, master: 'br-abc', kind: 'veth', mtu: null },
];
const byIndex = new Map(host.map((h) => [h.ifindex, h]));

describe('linkEndpoint', () => {
  it('follows the container iflink to the host veth and its master', () => {
    const ifaces = [
      { name: 'eth0', iflink: 17, mac: '02:42:ac:11:00:02' },
      { name: 'eth1', iflink: 21, mac: '02:42:0a:00:00:05' },
    ];
    assert.deepEqual(linkEndpoint('02:42:AC:11:00:02', ifaces, byIndex), { ifname: 'eth0', hostVeth: 'veth1a2b', bridge: 'docker0' });
    assert.deepEqual(linkEndpoint('02:42:0a:00:00:05', ifaces, byIndex), { ifname: 'eth1', hostVeth: 'veth9z', bridge: 'br-abc' });
  });
  it('does not take a macvlan parent for a veth', () => {
    const eth0: HostInterface = { name: 'eth0', ifindex: 2, iflink: 2, mac: null, master: null, kind: 'other', mtu: null };
    const withParent = new Map([...byIndex, [2, eth0]]);
    assert.deepEqual(linkEndpoint('aa:aa:aa:aa:aa:aa', [{ name: 'eth0', iflink: 2, mac: 'aa:aa:aa:aa:aa:aa' }], withParent), {
      ifname: 'eth0',
      hostVeth: null,
      bridge: null,
    });
  });
  it('does not guess when the MAC or the peer is unknown', () => {
    assert.equal(linkEndpoint('02:00:00:00:00:99', [], byIndex), undefined);
    assert.deepEqual(linkEndpoint('aa:bb:cc:dd:ee:ff', [{ name: 'eth0', iflink: 41, mac: 'aa:bb:cc:dd:ee:ff' }], byIndex), {
      ifname: 'eth0',
      hostVeth: null,
      bridge: null,
    });
  });
});

describe('bridgePorts', () => {
  it('lists each bridge with its ports, like brctl show', () => {
    assert.deepEqual(bridgePorts(host), { docker0: ['veth1a2b'], 'br-abc': ['veth9z'] });
  });
});

describe('parseDefaultRoute', () => {
  it('finds the default route and decodes its gateway', async () => {
    const { parseDefaultRoute } = await import('../../src/host/links');
    const text =
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' +
      'br-0e25bc397a67\t0005F00A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n' +
      'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n';
    assert.deepEqual(parseDefaultRoute(text), { interface: 'eth0', gateway: '192.0.2.1' });
    assert.equal(parseDefaultRoute('Iface\tDestination\n'), null);
  });
});

describe('pidReadReasons', () => {
  it('says "not root" for denied reads, and "another PID namespace" only when no pid is visible', async () => {
    const { pidReadReasons } = await import('../../src/host/inspector');
    const ok = { ok: true as const, ifaces: [] };
    const gone = { ok: false as const, error: 'ENOENT' };
    assert.deepEqual(pidReadReasons([ok, gone]), [], 'a container that exited meanwhile is a race, not a VM');
    assert.match(pidReadReasons([gone, gone])[0] ?? '', /another PID namespace or VM/);
    assert.deepEqual(pidReadReasons([gone, gone], true), [], 'an incremental read after die sees exited pids');
    assert.match(pidReadReasons([{ ok: false, error: 'EACCES' }])[0] ?? '', /Not root/);
  });
});
