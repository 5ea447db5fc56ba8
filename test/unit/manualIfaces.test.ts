// Reading hand-made interfaces back: /proc/<pid>/net/dev and `ip -j -d addr` as captured from a
// test container's netns (test/fixtures/host/container-*), and pairing veth ends across netns.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasExtra, parseIpAddrJson, parseNetDev, type ExtraIfacesResult } from '../../src/host/manualIfaces';
import { applyManual } from '../../src/host/manualMapping';
import type { ContainerInfo } from '../../src/shared/model';
import { capturedSnapshot, readFixture } from '../helpers/fixtures';

describe('manualIfaces: parse', () => {
  it('/proc/<pid>/net/dev: the names, a name flush against its colon included', () => {
    const names = parseNetDev(readFixture('host', 'container-net-dev-p2p.txt'));
    assert.deepEqual(names, ['lo', 'p2p-dne-test-ml']);
    assert.equal(hasExtra(names, 0), true);
    assert.equal(hasExtra(names, 1), false);
    assert.equal(hasExtra(['lo'], 0), false);
  });

  it('ip -j -d addr: lo left out, kind, peer ifindex, CIDRs, up', () => {
    const ifs = parseIpAddrJson(readFixture('host', 'container-ip-j-d-addr-attach.json'));
    assert.deepEqual(
      ifs.map((i) => [i.name, i.ifindex, i.iflink, i.kind, i.up, i.addresses]),
      [
        ['p2p-dne-test-ml', 3839, 3838, 'veth', true, ['10.253.0.1/32']],
        ['dne-br-097b7db9', 3843, 3844, 'veth', true, ['10.254.77.200/24']],
      ],
    );
    assert.throws(() => parseIpAddrJson('not json'), /no JSON/);
    assert.throws(() => parseIpAddrJson('{}'), /not print a list/);
  });
});

describe('manualMapping: which container and bridge each end belongs to', () => {
  const veth = (name: string, ifindex: number, iflink: number, addr: string) => ({
    name,
    ifindex,
    iflink,
    kind: 'veth',
    mac: null,
    up: true,
    addresses: [addr],
  });

  it('pairs p2p ends only when each one names the other, and an attached end by its host veth and master', () => {
    const s = capturedSnapshot();
    const running = s.containers.filter((c) => c.state === 'running' && c.networkModeKind !== 'host' && c.networkModeKind !== 'container');
    const [a, b, x] = running as [ContainerInfo, ContainerInfo, ContainerInfo];
    const [pa, pb, px] = [1001, 1002, 1003];
    a.pid = pa;
    b.pid = pb;
    x.pid = px;
    const ok = (ifaces: ReturnType<typeof veth>[]): ExtraIfacesResult => ({
      ok: true,
      ifaces,
      routes: [{ destination: '10.1.1.2/32', gateway: null, interface: 'p2p-b', metric: 0 }],
      spawned: true,
    });
    const extra = new Map<number, ExtraIfacesResult>([
      [pa, ok([veth('p2p-b', 7, 9, '10.1.1.1/32'), veth('dne-docker0', 8, 40, '172.17.0.200/16')])],
      [pb, ok([veth('p2p-a', 9, 7, '10.1.1.2/32')])],
      // ifindex 9 again in another netns, but its peer is not 7: no pair.
      [px, { ok: false, error: 'denied' }],
    ]);
    const host = [{ name: 'dneh', ifindex: 40, iflink: 8, mac: null, master: 'docker0', kind: 'veth' as const, mtu: 1500 }];
    const why = applyManual(s.containers, extra, host);
    const ma = a.manualInterfaces ?? [];
    assert.equal(ma[0]?.peer?.container, b.name);
    assert.equal(ma[0]?.peer?.ifname, 'p2p-a');
    assert.deepEqual(
      ma[0]?.routes.map((r) => r.destination),
      ['10.1.1.2/32'],
    );
    assert.equal(b.manualInterfaces?.[0]?.peer?.container, a.name);
    assert.deepEqual(ma[1]?.peer, { container: null, ifname: null, hostIfname: 'dneh' });
    assert.equal(ma[1]?.bridge, 'docker0');
    assert.equal(x.manualInterfaces, null);
    assert.match(why.join(' '), /1 container\(s\) were not read.*denied/);
  });

  it("leaves out Docker's own interfaces (by MAC or name)", () => {
    const s = capturedSnapshot();
    const c = s.containers.find((x) => x.state === 'running' && x.endpoints.some((e) => e.mac)) as ContainerInfo;
    const mac = c.endpoints.find((e) => e.mac)?.mac ?? '';
    c.pid = 5;
    applyManual(
      s.containers,
      new Map([[5, { ok: true, ifaces: [{ ...veth('eth0', 2, 3, '172.17.0.2/16'), mac: mac.toUpperCase() }], routes: [], spawned: true }]]),
      [],
    );
    assert.deepEqual(c.manualInterfaces, []);
  });
});
