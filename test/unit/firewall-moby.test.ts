// Firewall dumps that moby's own integration tests generated on a real dockerd (28.0.0, 28.5.2 and
// 29.7.2 with iptables; 29.7.2 with nftables), seven scenarios each: the meaning must come out right.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFirewallDump } from '../../src/analysis/firewall/index';
import type { DirectRoutingDrop, DockerLayout, FirewallModel, PublishedRule } from '../../src/shared/firewall';
import { MOBY_SCENARIOS, moby, type MobyScenario } from '../helpers/firewallDumps';

type Flavour = '28.0.0-moby-iptablesdoc' | '28.5.2-moby-iptablesdoc' | '29.7.2-moby-iptablesdoc' | '29.7.2-moby-nftablesdoc';
const FLAVOURS: Record<Flavour, DockerLayout> = {
  '28.0.0-moby-iptablesdoc': 'docker-28.0.0',
  '28.5.2-moby-iptablesdoc': 'docker-28.0.1+',
  '29.7.2-moby-iptablesdoc': 'docker-29',
  '29.7.2-moby-nftablesdoc': 'docker-29-nftables',
};

type Published = Omit<PublishedRule, 'rule'>;
type Drop = Omit<DirectRoutingDrop, 'rule'>;

const published = (hostIp: string | null): Published => ({
  hostIp,
  hostPort: 8080,
  protocol: 'tcp',
  containerIp: '192.0.2.2',
  containerPort: 80,
  bridge: 'bridge1',
  family: 'ipv4',
});
const DOCKER0_MASQ = ['172.17.0.0/16', 'docker0'];
const BRIDGE1_MASQ = ['192.0.2.0/24', 'bridge1'];
/** 28.0.0 drops per published port; 28.0.1+ drops everything to the container from elsewhere. */
const containerDrop = (f: Flavour): Drop =>
  f === '28.0.0-moby-iptablesdoc'
    ? { containerIp: '192.0.2.2', bridge: 'bridge1', port: 80, protocol: 'tcp' }
    : { containerIp: '192.0.2.2', bridge: 'bridge1', port: null, protocol: null };
const LOOPBACK_DROP: Drop = { containerIp: null, bridge: 'lo', port: 8080, protocol: 'tcp' };

interface Expected {
  published: Published[];
  masquerade: string[][];
  iccDisabled: string[];
  internal: string[];
  routed: string[];
  natUnprotected: string[];
  isolated: string[];
  drops: Drop[];
  bridges: string[];
}

function expected(f: Flavour, s: MobyScenario): Expected {
  const base: Expected = {
    published: [],
    masquerade: [DOCKER0_MASQ],
    iccDisabled: [],
    internal: [],
    routed: [],
    natUnprotected: [],
    isolated: ['docker0'],
    drops: [],
    bridges: ['bridge1', 'docker0'],
  };
  const nat = { published: [published(null)], masquerade: [DOCKER0_MASQ, BRIDGE1_MASQ], isolated: ['bridge1', 'docker0'] };
  switch (s) {
    case 'new-daemon':
      return { ...base, bridges: ['docker0'] };
    case 'usernet-internal':
      return {
        ...base,
        iccDisabled: ['bridgeNoICC'],
        internal: ['bridgeICC', 'bridgeNoICC'],
        bridges: ['bridgeICC', 'bridgeNoICC', 'docker0'],
      };
    case 'usernet-portmap':
      return { ...base, ...nat, drops: [containerDrop(f)] };
    case 'usernet-portmap-noicc':
      // Only the nftables dump of this scenario has the direct-access drop.
      return { ...base, ...nat, iccDisabled: ['bridge1'], drops: f === '29.7.2-moby-nftablesdoc' ? [containerDrop(f)] : [] };
    case 'usernet-portmap-routed':
      return { ...base, routed: ['bridge1'], isolated: ['bridge1', 'docker0'] };
    case 'usernet-portmap-natunprot':
      // 28.x still isolates bridge1 in DOCKER-ISOLATION-STAGE-2; 29 lets everything into it.
      return { ...base, ...nat, natUnprotected: ['bridge1'], isolated: f.startsWith('28.') ? ['bridge1', 'docker0'] : ['docker0'] };
    case 'usernet-portmap-lo':
      return { ...base, ...nat, published: [published('127.0.0.1')], drops: [LOOPBACK_DROP, containerDrop(f)] };
  }
}

function check(m: FirewallModel, f: Flavour, s: MobyScenario): void {
  const e = expected(f, s);
  assert.equal(m.dockerLayout, FLAVOURS[f]);
  assert.deepEqual(
    m.published.map(({ rule: _r, ...p }) => p),
    e.published,
    'published ports',
  );
  for (const p of m.published) assert.match(p.rule, /DNAT|dnat to/);
  assert.deepEqual(
    m.masquerade.map((x) => [x.source, x.exceptOutInterface]),
    e.masquerade,
    'masquerade',
  );
  assert.deepEqual(m.iccDisabled, e.iccDisabled, 'icc off');
  assert.deepEqual(m.internal, e.internal, 'internal');
  assert.deepEqual(m.routed, e.routed, 'routed');
  assert.deepEqual(m.natUnprotected, e.natUnprotected, 'nat-unprotected');
  assert.deepEqual(m.isolated, e.isolated, 'isolated');
  assert.deepEqual(
    m.directRoutingDrops.map(({ rule: _r, ...d }) => d),
    e.drops,
    'direct-routing drops',
  );
  assert.deepEqual(m.bridges, e.bridges, 'bridges');
  assert.deepEqual(m.hairpin, []);
  assert.deepEqual(m.userRules, []);
  assert.equal(m.forwardPolicy, 'ACCEPT');
  assert.deepEqual(m.unrecognised, [], 'every rule explained');
}

for (const flavour of Object.keys(FLAVOURS) as Flavour[]) {
  describe(`moby ${flavour}`, () => {
    for (const scenario of MOBY_SCENARIOS) {
      it(scenario, () => {
        check(parseFirewallDump(moby(flavour, scenario)), flavour, scenario);
      });
    }
  });
}

describe('backend of the moby dumps', () => {
  it("iptables -S output does not say: the caller's hint is used", () => {
    const text = moby('28.5.2-moby-iptablesdoc', 'usernet-portmap');
    assert.equal(parseFirewallDump(text, { backend: 'iptables-legacy' }).backend, 'iptables-legacy');
    assert.equal(parseFirewallDump(text, { backend: 'iptables-nft' }).backend, 'iptables-nft');
  });
  it("Docker's own nftables table is backend nftables whatever the hint", () => {
    const text = moby('29.7.2-moby-nftablesdoc', 'usernet-portmap');
    assert.equal(parseFirewallDump(text, { backend: 'iptables-legacy' }).backend, 'nftables');
  });
  it('a 29.7.2 nftables dump means the same as the 29.7.2 iptables dump of the same scenario', () => {
    for (const s of [
      'new-daemon',
      'usernet-internal',
      'usernet-portmap-routed',
      'usernet-portmap-natunprot',
      'usernet-portmap-lo',
    ] as const) {
      const ipt = parseFirewallDump(moby('29.7.2-moby-iptablesdoc', s));
      const nft = parseFirewallDump(moby('29.7.2-moby-nftablesdoc', s));
      const core = (m: FirewallModel): unknown => [
        m.published.map((p) => [p.hostIp, p.hostPort, p.containerIp, p.containerPort]),
        m.masquerade.map((x) => x.source),
        m.iccDisabled,
        m.internal,
        m.routed,
        m.natUnprotected,
        m.isolated,
        m.bridges,
      ];
      assert.deepEqual(core(nft), core(ipt), s);
    }
  });
});
