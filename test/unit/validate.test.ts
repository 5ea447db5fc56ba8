import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePublish } from '../../src/core/fieldGuards';
import {
  validateContainerName,
  ValidationError,
  findNetwork,
  looksAutoAssigned,
  validateAliases,
  validateCreateNetwork,
  validateRemoveNetwork,
  validateStaticIp,
} from '../../src/core/validate';
import { capturedSnapshot } from '../helpers/fixtures';

const snap = capturedSnapshot();

function refuses(fn: () => unknown, field: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ValidationError, `ValidationError, got ${String(err)}`);
    assert.equal(err.field, field);
    assert.match(err.message, message);
    return true;
  });
}
const create = (o: Partial<Parameters<typeof validateCreateNetwork>[0]>): unknown => validateCreateNetwork({ name: 'fresh', ...o }, snap);

describe('validateCreateNetwork', () => {
  it('accepts a good bridge with subnet, gateway and ip-range', () => {
    assert.doesNotThrow(() => create({ subnet: '10.99.0.0/24', gateway: '10.99.0.1', ipRange: '10.99.0.128/25' }));
  });
  it('refuses the tutorial typo: gateway 172.22.16.1 outside subnet 172.2.16.0/24', () => {
    refuses(
      () => create({ subnet: '172.2.16.0/24', gateway: '172.22.16.1' }),
      'gateway',
      /172\.22\.16\.1 is not inside the subnet 172\.2\.16\.0\/24/,
    );
  });
  it('refuses invalid CIDRs and addresses', () => {
    refuses(() => create({ subnet: '10.0.0.0/33' }), 'subnet', /longer than \/32/);
    refuses(() => create({ subnet: '10.0.0' }), 'subnet', /not a CIDR/);
    refuses(() => create({ subnet: '10.300.0.0/16' }), 'subnet', /not an IP address/);
    refuses(() => create({ subnet: '10.0.0.5/24' }), 'subnet', /host bits set; the network is 10\.0\.0\.0\/24/);
    refuses(() => create({ subnet: '10.98.0.0/24', gateway: 'ten' }), 'gateway', /not an IP address/);
  });
  it('refuses an ip-range outside the subnet', () => {
    refuses(() => create({ subnet: '10.98.0.0/24', ipRange: '10.98.1.0/25' }), 'ipRange', /not inside the subnet/);
    refuses(() => create({ subnet: '10.98.0.0/24', ipRange: '10.98.0.0/16' }), 'ipRange', /not inside the subnet/);
  });
  it('refuses a gateway equal to the network or broadcast address', () => {
    refuses(() => create({ subnet: '10.98.0.0/24', gateway: '10.98.0.0' }), 'gateway', /network address/);
    refuses(() => create({ subnet: '10.98.0.0/24', gateway: '10.98.0.255' }), 'gateway', /broadcast address/);
  });
  it('names the network a subnet overlaps', () => {
    refuses(() => create({ subnet: '10.231.0.0/16' }), 'subnet', /overlaps 10\.231\.0\.0\/24 of network "gt-net-a"/);
    refuses(() => create({ subnet: '172.17.5.0/24' }), 'subnet', /network "bridge"/);
  });
  it('refuses empty, odd and duplicate names, and host/null drivers', () => {
    refuses(() => create({ name: '' }), 'name', /empty/);
    refuses(() => create({ name: 'my net' }), 'name', /must start with a letter or digit/);
    refuses(() => create({ name: 'a/b' }), 'name', /must start with a letter or digit/);
    refuses(() => create({ name: '-x' }), 'name', /must start/);
    refuses(() => create({ name: 'gt-net-a' }), 'name', /already exists/);
    refuses(() => create({ driver: 'host' }), 'driver', /cannot be used/);
    refuses(() => create({ driver: 'null' }), 'driver', /cannot be used/);
    refuses(() => create({ driver: 'overlay' }), 'driver', /swarm/);
  });
  it('refuses a gateway without a subnet', () => {
    refuses(() => create({ gateway: '10.0.0.1' }), 'gateway', /needs a subnet/);
  });
});

describe('validateRemoveNetwork', () => {
  it('refuses built-in networks', () => {
    for (const n of ['bridge', 'host', 'none']) refuses(() => validateRemoveNetwork(n, snap), 'network', /built-in/);
  });
  it('names the containers that still use a network', () => {
    refuses(() => validateRemoveNetwork('gt-net-a', snap), 'network', /gt-a1 \(running\).*gt-stopped \(created\).*disconnect them first/);
  });
  it('refuses an unknown network', () => {
    refuses(() => validateRemoveNetwork('nope', snap), 'network', /No network "nope"/);
  });
});

describe('validateStaticIp', () => {
  const a = findNetwork('gt-net-a', snap);
  it('accepts a free address in the subnet', () => {
    assert.doesNotThrow(() => validateStaticIp('10.231.0.20', a, snap));
  });
  it('refuses outside, gateway, taken and non-IPv4', () => {
    refuses(() => validateStaticIp('10.232.0.5', a, snap), 'ipv4', /outside the subnet/);
    refuses(() => validateStaticIp('10.231.0.254', a, snap), 'ipv4', /gateway/);
    refuses(() => validateStaticIp('10.231.0.10', a, snap), 'ipv4', /already used by container "gt-a1"/);
    refuses(() => validateStaticIp('10.231.0.256', a, snap), 'ipv4', /not an IP address/);
  });
  it('refuses a static IP on a network without a user-configured subnet', () => {
    refuses(() => validateStaticIp('172.17.0.50', findNetwork('bridge', snap), snap), 'ipv4', /no user-configured subnet/);
  });
});

describe('looksAutoAssigned', () => {
  const net = (subnet: string, gateway: string | null): Parameters<typeof looksAutoAssigned>[0] => ({
    ...findNetwork('gt-net-a', snap),
    subnets: [{ subnet, gateway, ipRange: null, effectiveGateway: gateway }],
  });
  it('takes a default-pool subnet with gateway .1 as chosen by Docker', () => {
    assert.equal(looksAutoAssigned(net('172.18.0.0/16', '172.18.0.1')), true);
    assert.equal(looksAutoAssigned(net('192.168.16.0/20', '192.168.16.1')), true);
  });
  it('takes --subnet without --gateway, and other shapes, as user-configured', () => {
    assert.equal(looksAutoAssigned(net('172.18.0.0/16', null)), false);
    assert.equal(looksAutoAssigned(net('172.22.16.0/24', '172.22.16.1')), false);
    assert.equal(looksAutoAssigned(net('10.231.0.0/24', '10.231.0.254')), false);
  });
});

describe('validateContainerName', () => {
  it("optional; Docker's rule; not taken", () => {
    assert.equal(validateContainerName(undefined, snap), undefined);
    assert.equal(validateContainerName('new-one_2.x', snap), 'new-one_2.x');
    refuses(() => validateContainerName('-bad', snap), 'name', /must start with a letter or digit/);
    refuses(() => validateContainerName('a b', snap), 'name', /only letters, digits/);
    refuses(() => validateContainerName('gt-a1', snap), 'name', /A container named "gt-a1" already exists/);
  });
});

describe('aliases and publish', () => {
  it('refuses aliases on the default bridge', () => {
    refuses(() => validateAliases(['x'], findNetwork('bridge', snap)), 'aliases', /default bridge has no DNS/);
  });
  it('parses docker -p syntax', () => {
    assert.deepEqual(parsePublish('8080:80'), { containerPort: 80, protocol: 'tcp', hostIp: undefined, hostPort: 8080 });
    assert.deepEqual(parsePublish('127.0.0.1::53/udp'), { containerPort: 53, protocol: 'udp', hostIp: '127.0.0.1', hostPort: undefined });
    assert.deepEqual(parsePublish('[::1]:8443:443'), { containerPort: 443, protocol: 'tcp', hostIp: '::1', hostPort: 8443 });
    assert.throws(() => parsePublish('80/icmp'), /protocol/);
    assert.throws(() => parsePublish('70000'), /not a port/);
    assert.throws(() => parsePublish('localhost:8080:80'), /"localhost" in "localhost:8080:80" is not an IP address/);
    assert.throws(() => parsePublish('[fe80::zz]:8080:80'), /not an IP address/);
  });
});
