import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bracketed, ipFamily, ipInCidr, isIpv6, isLoopback, parseAddress, parseAddressOrPrefix } from '../../src/analysis/cidr';
import { hostAddress, prefix } from '../../src/analysis/firewall/addresses';
import { parseRoutes } from '../../src/host/links';
import { parseListeningSockets } from '../../src/host/listeners';
import { procHexAddress } from '../../src/host/procfs';

describe('address helpers (ipaddr.js)', () => {
  it('parses IPv4 only as a dotted quad, IPv6 in any form', () => {
    assert.equal(parseAddress('172.17.0.2')?.kind(), 'ipv4');
    assert.equal(parseAddress('fd00::2')?.kind(), 'ipv6');
    assert.equal(parseAddress('::ffff:10.0.0.1')?.kind(), 'ipv6');
    for (const bad of ['10.1', '0x0a.0.0.1', '1', '', 'eth0', '1.2.3.4:80', '[::1]', '256.0.0.1'])
      assert.equal(parseAddress(bad), null, bad);
  });

  it('reads an address or a prefix, with the length when there is one', () => {
    assert.deepEqual(parseAddressOrPrefix('10.0.0.0/8')?.bits, 8);
    assert.equal(parseAddressOrPrefix('10.0.0.1')?.bits, null);
    assert.equal(parseAddressOrPrefix('fd00::/64')?.address.kind(), 'ipv6');
    assert.equal(parseAddressOrPrefix('10.0.0.0/33'), null);
    assert.equal(parseAddressOrPrefix('10.0.0.0/x'), null);
    assert.equal(parseAddressOrPrefix('bridge/24'), null);
  });

  it('tells the family of an address or a prefix, and null for anything else', () => {
    assert.equal(ipFamily('172.17.0.0/16'), 'ipv4');
    assert.equal(ipFamily('10.0.0.0/255.0.255.0'), 'ipv4', 'a non-contiguous mask still names an IPv4 address');
    assert.equal(ipFamily('fd00::/64'), 'ipv6');
    assert.equal(ipFamily('::'), 'ipv6');
    assert.equal(ipFamily('docker0'), null);
    assert.equal(ipFamily('a:b'), null, 'a colon alone does not make IPv6');
    assert.equal(isIpv6('::1'), true);
    assert.equal(isIpv6('0.0.0.0'), false);
  });

  it('brackets IPv6 before a port, and knows loopback of both families', () => {
    assert.equal(bracketed('fd00::2'), '[fd00::2]');
    assert.equal(bracketed('10.0.0.2'), '10.0.0.2');
    assert.equal(isLoopback('127.0.0.1'), true);
    assert.equal(isLoopback('127.1.2.3'), true);
    assert.equal(isLoopback('::1'), true);
    assert.equal(isLoopback('128.0.0.1'), false);
    assert.equal(isLoopback('127.'), false);
  });

  it('ipInCidr still answers false for a bad address', () => {
    assert.equal(ipInCidr('10.0.0.5', '10.0.0.0/24'), true);
    assert.equal(ipInCidr('nope', '10.0.0.0/24'), false);
  });

  it('firewall address helpers keep the written text and check the length', () => {
    assert.equal(hostAddress('172.17.0.3/32'), '172.17.0.3');
    assert.equal(hostAddress('fd00::2/128'), 'fd00::2');
    assert.equal(hostAddress('172.17.0.0/16'), null);
    assert.equal(hostAddress('mybridge'), null);
    assert.equal(prefix('172.17.0.0/16'), '172.17.0.0/16');
    assert.equal(prefix('172.17.0.3'), '172.17.0.3/32');
    assert.equal(prefix('fd00::'), 'fd00::/128');
    assert.equal(prefix('10.0.0.0/255.0.255.0'), null);
    assert.equal(prefix('10.0.0.0/999'), null);
  });
});

describe('procHexAddress (/proc/net/* addresses)', () => {
  it('reads little-endian 32-bit words: 8 digits IPv4, 32 digits IPv6, compressed as RFC 5952 says', () => {
    assert.equal(procHexAddress('0100007F')?.toString(), '127.0.0.1');
    assert.equal(procHexAddress('00000000000000000000000000000000')?.toString(), '::');
    assert.equal(procHexAddress('00000000000000000000000001000000')?.toString(), '::1');
    // 1:0:0:2:0:0:0:3: the longer run of zeros is the one compressed.
    assert.equal(procHexAddress('00000100020000000000000003000000')?.toString(), '1:0:0:2::3');
    assert.equal(procHexAddress('0000FFFF')?.toString(), '255.255.0.0');
    for (const bad of ['', '0100007', 'zz00007F', '0100007F00']) assert.equal(procHexAddress(bad), null, bad);
  });

  it('routes: a netmask gives its prefix length; a malformed line is skipped', () => {
    const table = [
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'eth0\t00000000\t0102000A\t0003\t0\t0\t100\t00000000\t0\t0\t0',
      'docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
      'bad0\tnothex\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
    ].join('\n');
    assert.deepEqual(parseRoutes(table), [
      { destination: '0.0.0.0/0', gateway: '10.0.2.1', interface: 'eth0', metric: 100 },
      { destination: '172.17.0.0/16', gateway: null, interface: 'docker0', metric: 0 },
    ]);
  });

  it('listening sockets of tcp6 get the compressed address', () => {
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    assert.deepEqual(parseListeningSockets(tcp6), [{ ip: '::ffff:7f00:1', port: 8080, inode: 777 }]);
  });
});
