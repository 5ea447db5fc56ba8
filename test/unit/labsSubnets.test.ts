// Free subnets for a lab: from the lab pool, never overlapping what the engine already has.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickSubnets } from '../../src/labs/subnets';

describe('pickSubnets', () => {
  it('takes the first free /24s of the pool', () => {
    assert.deepEqual(pickSubnets(['172.17.0.0/16'], 2), ['10.123.0.0/24', '10.123.1.0/24']);
    assert.deepEqual(pickSubnets([], 0), []);
  });
  it('skips every used range that overlaps, whatever its size or family', () => {
    const used = ['10.123.0.0/24', '10.123.1.128/25', '10.123.2.0/23', 'fd00::/64', '10.123.5.7/32'];
    assert.deepEqual(pickSubnets(used, 3), ['10.123.4.0/24', '10.123.6.0/24', '10.123.7.0/24']);
  });
  it('a wider used range hides the whole pool: a clear error', () => {
    assert.throws(() => pickSubnets(['10.0.0.0/8'], 1), /No free \/24 left in 10\.123\.0\.0\/16: pass --subnet/);
  });
  it('--subnet: the first network gets it, the others are picked around it', () => {
    assert.deepEqual(pickSubnets([], 2, '10.123.0.0/24'), ['10.123.0.0/24', '10.123.1.0/24']);
    assert.deepEqual(pickSubnets(['10.123.1.0/24'], 2, '192.168.77.0/24'), ['192.168.77.0/24', '10.123.0.0/24']);
  });
  it('--subnet is checked: a CIDR, IPv4, not too small, free, and only for labs with a network', () => {
    assert.throws(() => pickSubnets([], 1, '10.1.2.3/24'), /has host bits set/);
    assert.throws(() => pickSubnets([], 1, 'nonsense'), /is not a CIDR/);
    assert.throws(() => pickSubnets([], 1, 'fd00::/64'), /not an IPv4 CIDR/);
    assert.throws(() => pickSubnets([], 1, '10.1.2.0/30'), /too small/);
    assert.throws(() => pickSubnets(['10.1.0.0/16'], 1, '10.1.2.0/24'), /10\.1\.2\.0\/24 overlaps 10\.1\.0\.0\/16/);
    assert.throws(() => pickSubnets([], 0, '10.1.2.0/24'), /creates no network/);
  });
});
