// Pure parsers of what is read in the engine's netns: ip -j link, routes, snmp, listening sockets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePpid } from '../../src/host/dockerProxy';
import { parseIpLinkJson } from '../../src/host/ipLink';
import { parseNetDevNames, parseRoutes, parseSnmpForwarding } from '../../src/host/links';
import { parseListeningSockets } from '../../src/host/listeners';
import { flag } from '../../src/host/rootless';
import { readFixture } from '../helpers/fixtures';

describe('parseIpLinkJson (a Docker 28 engine in its own netns)', () => {
  const links = parseIpLinkJson(readFixture('host', 'e28-ip-j-d-link.json'));
  it('finds the bridge, the container veth with its peer index and master, and MTUs', () => {
    const veth = links.find((l) => l.name.startsWith('veth'));
    assert.deepEqual(
      links.find((l) => l.name === 'docker0'),
      {
        name: 'docker0',
        ifindex: 3,
        iflink: 3,
        mac: links.find((l) => l.name === 'docker0')?.mac ?? null,
        master: null,
        kind: 'bridge',
        mtu: 1500,
      },
    );
    assert.equal(veth?.kind, 'veth');
    assert.equal(veth?.master, 'docker0');
    assert.equal(veth?.ifindex, 6, 'the container eth0 has iflink 6 (read in the container)');
    assert.equal(links.find((l) => l.name === 'lo')?.kind, 'other');
  });
  it('rejects output that is not ip -j link', () => {
    assert.throws(() => parseIpLinkJson('Usage: ip link'), /no JSON/);
    assert.throws(() => parseIpLinkJson('{}'), /not print a list/);
  });
  it('a veth whose peer is in the same netns names it by `link`', () => {
    const two = parseIpLinkJson(
      JSON.stringify([
        { ifindex: 4, ifname: 'a', link: 'b', linkinfo: { info_kind: 'veth' }, mtu: 1500 },
        { ifindex: 5, ifname: 'b', link: 'a', linkinfo: { info_kind: 'veth' }, mtu: 1500 },
      ]),
    );
    assert.equal(two[0]?.iflink, 5);
  });
});

describe('routes and ip_forward from /proc/<pid>/net', () => {
  it('reads every route of the rootless engine: default via tap0', () => {
    const r = parseRoutes(readFixture('host', 'rootless-net-route.txt'));
    assert.deepEqual(
      r.find((x) => x.destination === '0.0.0.0/0'),
      { destination: '0.0.0.0/0', gateway: '10.0.2.2', interface: 'tap0', metric: 0 },
    );
    assert.ok(r.some((x) => x.destination === '10.0.2.0/24' && x.interface === 'tap0'));
  });
  it('/proc/<pid>/net/dev names the interfaces, in a stable order (the cheap change check)', () => {
    const dev = 'Inter-|   Receive\n face |bytes    packets\n    lo: 0 0\nveth6ce99b6: 1 2\n docker0: 3 4\n';
    assert.equal(parseNetDevNames(dev), 'docker0 lo veth6ce99b6');
  });
  it('Ip: Forwarding is 1 (on) or 2 (off)', () => {
    assert.equal(parseSnmpForwarding(readFixture('host', 'e28-net-snmp.txt')), true);
    assert.equal(parseSnmpForwarding('Ip: Forwarding DefaultTTL\nIp: 2 64\n'), false);
    assert.equal(parseSnmpForwarding(''), null);
  });
});

describe('listening sockets and process facts', () => {
  it('decodes IPv4 and IPv6 listeners with their inode', () => {
    assert.deepEqual(parseListeningSockets(readFixture('host', 'rootlesskit-net-tcp6.txt')), [{ ip: '::', port: 18080, inode: 21319 }]);
    const v4 =
      '  sl  local_address rem_address   st\n   0: 0100007F:7D00 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1001        0 4242 1\n';
    assert.deepEqual(parseListeningSockets(v4), [{ ip: '127.0.0.1', port: 32000, inode: 4242 }]);
  });
  it('reads flags and the parent pid', () => {
    assert.equal(flag(['rootlesskit', '--net=slirp4netns', '--port-driver', 'builtin'], 'net'), 'slirp4netns');
    assert.equal(flag(['rootlesskit', '--net=slirp4netns', '--port-driver', 'builtin'], 'port-driver'), 'builtin');
    assert.equal(flag(['x'], 'net'), null);
    assert.equal(parsePpid('10356 (dockerd (x)) S 10325 10312 0'), 10325);
  });
});

describe('withSbin', () => {
  it("adds the sbin directories a normal user's PATH lacks, once, after the user's own", async () => {
    const { withSbin } = await import('../../src/host/exec');
    assert.equal(withSbin('/usr/local/bin:/usr/bin:/bin'), '/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin');
    assert.equal(withSbin('/usr/sbin:/usr/bin'), '/usr/sbin:/usr/bin:/usr/local/sbin:/sbin');
    assert.equal(withSbin(undefined), '/usr/local/sbin:/usr/sbin:/sbin');
  });
});
