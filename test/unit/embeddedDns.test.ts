import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEmbeddedDns } from '../../src/analysis/embeddedDns';
import { readFixture } from '../helpers/fixtures';

describe('parseEmbeddedDns', () => {
  it('reads the resolver ports from a container netns dump', () => {
    const dns = parseEmbeddedDns(readFixture('firewall', '20.10.24-thishost-container-netns-iptables-save.txt'));
    assert.equal(dns?.tcpPort, 38657);
    assert.equal(dns?.udpPort, 54783);
    assert.equal(dns?.rules.length, 4);
  });
  it('is null for a netns without embedded DNS (default bridge)', () => {
    assert.equal(parseEmbeddedDns('*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n'), null);
  });
});
