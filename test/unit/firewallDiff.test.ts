// `firewall diff`: two dumps compared by meaning. The same scenario written by another Docker version
// or backend gives no difference; real changes come out as concrete entries with their rule texts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHANGE_CATEGORIES, diffFirewall, type FirewallChanges, type FirewallDiff } from '../../src/analysis/firewall/diff';
import { diffSummary } from '../../src/analysis/firewall/diffLines';
import { parseFirewallDump } from '../../src/analysis/firewall/index';
import { MOBY_SCENARIOS, THISHOST_NFT, THISHOST_SAVE, ipt28, moby, nft29 } from '../helpers/firewallDumps';
import { readFixture } from '../helpers/fixtures';

/** Each non-empty category of one side as `[category, meaning-ish summary, rule texts]`. */
function entries(c: FirewallChanges): [string, string, string[]][] {
  const out: [string, string, string[]][] = [];
  for (const k of CHANGE_CATEGORIES) {
    for (const e of c[k]) {
      if (typeof e === 'string') out.push([k, e, []]);
      else if ('rules' in e) out.push([k, e.bridge, e.rules]);
      else if ('hostPort' in e)
        out.push([k, `${e.hostIp ?? '*'}:${e.hostPort}/${e.protocol}>${e.containerIp}:${e.containerPort}`, [e.rule]]);
      else if ('exceptOutInterface' in e) out.push([k, e.source, [e.rule]]);
      else if ('verdict' in e)
        out.push([k, `${e.verdict} ${e.source ?? ''} ${e.inInterface ?? ''} ${e.protocol ?? ''} ${e.port ?? ''}`.trim(), [e.rule]]);
      else if ('bridge' in e) out.push([k, `${e.containerIp ?? 'lo'} ${e.port ?? ''}`.trim(), [e.rule]]);
      else out.push([k, `${e.containerIp}:${e.containerPort ?? ''}`, [e.rule]]);
    }
  }
  return out;
}

function assertNoMeaningChange(d: FirewallDiff, what: string): void {
  assert.equal(d.sameMeaning, true, what);
  assert.deepEqual(entries(d.added), [], `${what}: added`);
  assert.deepEqual(entries(d.removed), [], `${what}: removed`);
  assert.equal(d.changed?.forwardPolicy, undefined, `${what}: policy`);
}

describe('firewall diff: no difference', () => {
  it('a dump against itself is empty, with no changed settings', () => {
    for (const text of [
      readFixture('firewall', THISHOST_SAVE),
      readFixture('firewall', THISHOST_NFT),
      moby('29.7.2-moby-nftablesdoc', 'usernet-portmap-lo'),
    ]) {
      const d = diffFirewall(parseFirewallDump(text), parseFirewallDump(text));
      assertNoMeaningChange(d, 'itself');
      assert.equal(d.changed, undefined);
    }
  });
  it('20.10 iptables-save and nft list ruleset of the same host: same meaning, same layout and backend', () => {
    const d = diffFirewall(
      parseFirewallDump(readFixture('firewall', THISHOST_SAVE)),
      parseFirewallDump(readFixture('firewall', THISHOST_NFT)),
    );
    assertNoMeaningChange(d, 'save vs nft');
    assert.equal(d.changed, undefined);
    assert.equal(diffSummary(d), 'Same meaning. Nothing added or removed.');
  });
  it('28.5.2 iptables vs 29.7.2 nftables: five of the seven scenarios mean exactly the same', () => {
    for (const s of ['new-daemon', 'usernet-portmap', 'usernet-internal', 'usernet-portmap-routed', 'usernet-portmap-lo']) {
      const d = diffFirewall(ipt28(s), nft29(s));
      assertNoMeaningChange(d, s);
      assert.deepEqual(
        d.changed,
        { layout: { from: 'docker-28.0.1+', to: 'docker-29-nftables' }, backend: { from: 'iptables-nft', to: 'nftables' } },
        s,
      );
      assert.deepEqual(d.before, { backend: 'iptables-nft', dockerLayout: 'docker-28.0.1+' });
      assert.deepEqual(d.after, { backend: 'nftables', dockerLayout: 'docker-29-nftables' });
    }
  });
  it('29.7.2 iptables vs 29.7.2 nftables and 28.0.0 vs 28.5.2: the same meaning where the scenario is the same', () => {
    for (const s of [
      'new-daemon',
      'usernet-portmap',
      'usernet-internal',
      'usernet-portmap-routed',
      'usernet-portmap-natunprot',
      'usernet-portmap-lo',
    ]) {
      assertNoMeaningChange(diffFirewall(parseFirewallDump(moby('29.7.2-moby-iptablesdoc', s)), nft29(s)), `29 ipt/nft ${s}`);
    }
    for (const s of ['new-daemon', 'usernet-portmap-noicc', 'usernet-internal', 'usernet-portmap-routed', 'usernet-portmap-natunprot']) {
      assertNoMeaningChange(diffFirewall(parseFirewallDump(moby('28.0.0-moby-iptablesdoc', s)), ipt28(s)), `28.0.0/28.5.2 ${s}`);
    }
  });
});

describe('firewall diff: what really differs between versions of the same scenario', () => {
  it('usernet-portmap-noicc: only the nftables doc shows the raw drop (the iptables doc lists filter and nat only)', () => {
    const d = diffFirewall(ipt28('usernet-portmap-noicc'), nft29('usernet-portmap-noicc'));
    assert.equal(d.sameMeaning, false);
    assert.deepEqual(entries(d.removed), []);
    assert.deepEqual(entries(d.added), [
      ['directRoutingDrops', '192.0.2.2', ['ip daddr 192.0.2.2 iifname != "bridge1" counter drop comment "DROP DIRECT ACCESS"']],
    ]);
  });
  it('usernet-portmap-natunprot: 28.x isolates the nat-unprotected bridge, 29 does not', () => {
    for (const after of [
      nft29('usernet-portmap-natunprot'),
      parseFirewallDump(moby('29.7.2-moby-iptablesdoc', 'usernet-portmap-natunprot')),
    ]) {
      const d = diffFirewall(ipt28('usernet-portmap-natunprot'), after);
      assert.deepEqual(entries(d.added), []);
      assert.deepEqual(entries(d.removed), [['isolated', 'bridge1', ['-A DOCKER-ISOLATION-STAGE-2 -o bridge1 -j DROP']]]);
    }
  });
  it('28.0.0 → 28.5.2: the per-port direct-routing drop became one drop for the whole container', () => {
    const d = diffFirewall(parseFirewallDump(moby('28.0.0-moby-iptablesdoc', 'usernet-portmap')), ipt28('usernet-portmap'));
    assert.deepEqual(entries(d.removed), [
      ['directRoutingDrops', '192.0.2.2 80', ['-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -p tcp -m tcp --dport 80 -j DROP']],
    ]);
    assert.deepEqual(entries(d.added), [['directRoutingDrops', '192.0.2.2', ['-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP']]]);
    assert.deepEqual(d.changed, { layout: { from: 'docker-28.0.0', to: 'docker-28.0.1+' } });
  });
  it('every scenario of 28.5.2 → 29.7.2 nftables differs only as above', () => {
    const differing = MOBY_SCENARIOS.filter((s) => !diffFirewall(ipt28(s), nft29(s)).sameMeaning);
    assert.deepEqual(differing, ['usernet-portmap-noicc', 'usernet-portmap-natunprot']);
  });
});

describe('firewall diff: changes', () => {
  it('20.10 host → 28.5.2 portmap: a moved port is removed + added, policy and layout change, docker0 stays', () => {
    const d = diffFirewall(parseFirewallDump(readFixture('firewall', THISHOST_SAVE)), ipt28('usernet-portmap'));
    assert.deepEqual(d.changed, {
      forwardPolicy: { from: 'DROP', to: 'ACCEPT' },
      layout: { from: 'docker-20.10-27', to: 'docker-28.0.1+' },
    });
    assert.deepEqual(entries(d.added), [
      ['published', '*:8080/tcp>192.0.2.2:80', ['-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80']],
      ['masquerade', '192.0.2.0/24', ['-A POSTROUTING -s 192.0.2.0/24 ! -o bridge1 -j MASQUERADE']],
      ['isolated', 'bridge1', ['-A DOCKER ! -i bridge1 -o bridge1 -j DROP', '-A DOCKER-ISOLATION-STAGE-2 -o bridge1 -j DROP']],
      ['directRoutingDrops', '192.0.2.2', ['-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP']],
    ]);
    assert.deepEqual(
      entries(d.removed).map(([k, what]) => [k, what]),
      [
        ['published', '*:8080/tcp>172.17.0.3:80'],
        ['published', '*:32768/tcp>172.17.0.3:9000'],
        ['published', '127.0.0.1:32769/tcp>172.17.0.3:80'],
        ['masquerade', '10.231.0.0/24'],
        ['masquerade', '10.233.0.0/24'],
        ['masquerade', '172.22.16.0/24'],
        ['hairpin', '172.17.0.3:80'],
        ['hairpin', '172.17.0.3:9000'],
        ['iccDisabled', 'br-f150ac58d75d'],
        ['internal', 'br-878403efc909'],
        ['isolated', 'br-0df857aaa7c2'],
        ['isolated', 'br-f150ac58d75d'],
        ['isolated', 'gt-br-a'],
      ],
    );
    assert.deepEqual(d.removed.iccDisabled, [
      { bridge: 'br-f150ac58d75d', rules: ['-A FORWARD -i br-f150ac58d75d -o br-f150ac58d75d -j DROP'] },
    ]);
    assert.equal(diffSummary(d), '4 added, 13 removed; FORWARD policy DROP → ACCEPT.');
  });
  it('a published port added', () => {
    const before = moby('28.5.2-moby-iptablesdoc', 'usernet-portmap');
    const line = '-A DOCKER -d 127.0.0.1/32 ! -i bridge1 -p udp -m udp --dport 5353 -j DNAT --to-destination 192.0.2.2:53';
    const after = before.replace('-A DOCKER ! -i bridge1 -p tcp', `${line}\n-A DOCKER ! -i bridge1 -p tcp`);
    const d = diffFirewall(parseFirewallDump(before), parseFirewallDump(after));
    assert.deepEqual(entries(d.added), [['published', '127.0.0.1:5353/udp>192.0.2.2:53', [line]]]);
    assert.deepEqual(entries(d.removed), []);
    assert.equal(d.changed, undefined);
  });
  it('a network with a published port appears (29.7.2 nftables new-daemon → usernet-portmap)', () => {
    const d = diffFirewall(nft29('new-daemon'), nft29('usernet-portmap'));
    assert.deepEqual(entries(d.added), [
      ['published', '*:8080/tcp>192.0.2.2:80', ['iifname != "bridge1" tcp dport 8080 counter dnat to 192.0.2.2:80 comment "DNAT"']],
      ['masquerade', '192.0.2.0/24', ['oifname != "bridge1" ip saddr 192.0.2.0/24 counter masquerade comment "MASQUERADE"']],
      ['isolated', 'bridge1', ['counter drop comment "UNPUBLISHED PORT DROP"']],
      ['directRoutingDrops', '192.0.2.2', ['ip daddr 192.0.2.2 iifname != "bridge1" counter drop comment "DROP DIRECT ACCESS"']],
    ]);
    assert.deepEqual(entries(d.removed), []);
  });
  it('icc turned off (usernet-portmap → usernet-portmap-noicc)', () => {
    const nft = diffFirewall(nft29('usernet-portmap'), nft29('usernet-portmap-noicc'));
    assert.deepEqual(entries(nft.added), [['iccDisabled', 'bridge1', ['iifname "bridge1" counter drop comment "ICC"']]]);
    assert.deepEqual(entries(nft.removed), []);
    const ipt = diffFirewall(ipt28('usernet-portmap'), ipt28('usernet-portmap-noicc'));
    assert.deepEqual(entries(ipt.added), [['iccDisabled', 'bridge1', ['-A DOCKER-FORWARD -i bridge1 -o bridge1 -j DROP']]]);
    // The iptables doc of noicc omits the raw table, so its drop reads as removed.
    assert.deepEqual(entries(ipt.removed), [['directRoutingDrops', '192.0.2.2', ['-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP']]]);
  });
  it('routed: no DNAT, no masquerade, no direct drop; ICMP accepted', () => {
    const d = diffFirewall(ipt28('usernet-portmap'), ipt28('usernet-portmap-routed'));
    assert.deepEqual(entries(d.added), [['routed', 'bridge1', ['-A DOCKER -o bridge1 -p icmp -j ACCEPT']]]);
    assert.deepEqual(
      entries(d.removed).map(([k, what]) => [k, what]),
      [
        ['published', '*:8080/tcp>192.0.2.2:80'],
        ['masquerade', '192.0.2.0/24'],
        ['directRoutingDrops', '192.0.2.2'],
      ],
    );
  });
  it('internal networks appear (new-daemon → usernet-internal), with both drop rules', () => {
    const d = diffFirewall(ipt28('new-daemon'), ipt28('usernet-internal'));
    assert.deepEqual(entries(d.added), [
      ['iccDisabled', 'bridgeNoICC', ['-A DOCKER-FORWARD -i bridgeNoICC -o bridgeNoICC -j DROP']],
      [
        'internal',
        'bridgeICC',
        [
          '-A DOCKER-ISOLATION-STAGE-1 ! -s 192.0.2.0/24 -o bridgeICC -j DROP',
          '-A DOCKER-ISOLATION-STAGE-1 ! -d 192.0.2.0/24 -i bridgeICC -j DROP',
        ],
      ],
      [
        'internal',
        'bridgeNoICC',
        [
          '-A DOCKER-ISOLATION-STAGE-1 ! -s 198.51.100.0/24 -o bridgeNoICC -j DROP',
          '-A DOCKER-ISOLATION-STAGE-1 ! -d 198.51.100.0/24 -i bridgeNoICC -j DROP',
        ],
      ],
    ]);
    assert.deepEqual(entries(d.removed), []);
  });
  it('DOCKER-USER rules added (crafted fixture)', () => {
    const d = diffFirewall(
      ipt28('usernet-portmap'),
      parseFirewallDump(readFixture('firewall', 'crafted', '28.5.2-docker-user-iptables-S.txt')),
    );
    assert.deepEqual(d.added.userRules, [
      {
        chain: 'DOCKER-USER',
        verdict: 'DROP',
        source: '203.0.113.0/24',
        destination: null,
        inInterface: 'eth0',
        outInterface: null,
        protocol: 'tcp',
        port: 8080,
        rule: '-A DOCKER-USER -s 203.0.113.0/24 -i eth0 -p tcp -m tcp --dport 8080 -j DROP',
      },
      {
        chain: 'DOCKER-USER',
        verdict: 'ACCEPT',
        source: null,
        destination: '192.0.2.2/32',
        inInterface: null,
        outInterface: null,
        protocol: 'tcp',
        port: 80,
        rule: '-A DOCKER-USER -d 192.0.2.2/32 -p tcp -m tcp --dport 80 -j ACCEPT',
      },
    ]);
    assert.equal(entries(d.added).length, 2);
    assert.deepEqual(entries(d.removed), []);
  });
  it('the same DOCKER-USER rules in another order are a change: the first match decides', () => {
    const two = '-A DOCKER-USER -s 203.0.113.7/32 -j ACCEPT\n-A DOCKER-USER -s 203.0.113.0/24 -j DROP\n-A DOCKER-USER -j RETURN';
    const swapped = '-A DOCKER-USER -s 203.0.113.0/24 -j DROP\n-A DOCKER-USER -s 203.0.113.7/32 -j ACCEPT\n-A DOCKER-USER -j RETURN';
    const base = readFixture('firewall', THISHOST_SAVE);
    const d = diffFirewall(
      parseFirewallDump(base.replace('-A DOCKER-USER -j RETURN', two)),
      parseFirewallDump(base.replace('-A DOCKER-USER -j RETURN', swapped)),
    );
    assert.equal(d.sameMeaning, false);
    assert.deepEqual(entries(d.added), []);
    assert.deepEqual(d.changed?.userRulesOrder?.to, [
      '-A DOCKER-USER -s 203.0.113.0/24 -j DROP',
      '-A DOCKER-USER -s 203.0.113.7/32 -j ACCEPT',
    ]);
  });
  it('a DOCKER-USER rule means the same in iptables-save and nft text (/32 vs bare address, -p vs dport)', () => {
    const save = readFixture('firewall', THISHOST_SAVE).replace(
      '-A DOCKER-USER -j RETURN',
      '-A DOCKER-USER -s 203.0.113.7/32 -i eth0 -p tcp -m tcp --dport 8080 -j DROP\n-A DOCKER-USER -j RETURN',
    );
    const nftRule = 'iifname "eth0" meta l4proto tcp ip saddr 203.0.113.7 tcp dport 8080 counter packets 0 bytes 0 drop';
    const nft = readFixture('firewall', THISHOST_NFT).replace('\tchain DOCKER-USER {\n', `\tchain DOCKER-USER {\n\t\t${nftRule}\n`);
    const base = parseFirewallDump(readFixture('firewall', THISHOST_SAVE));
    assertNoMeaningChange(diffFirewall(parseFirewallDump(save), parseFirewallDump(nft)), 'user rule save vs nft');
    assert.deepEqual(
      diffFirewall(base, parseFirewallDump(nft)).added.userRules.map((u) => u.rule),
      [nftRule],
    );
    const other = save.replace('-s 203.0.113.7/32', '-s 203.0.113.8/32');
    const d = diffFirewall(parseFirewallDump(save), parseFirewallDump(other));
    assert.deepEqual(entries(d.removed), [
      ['userRules', 'DROP 203.0.113.7/32 eth0 tcp 8080', ['-A DOCKER-USER -s 203.0.113.7/32 -i eth0 -p tcp -m tcp --dport 8080 -j DROP']],
    ]);
    assert.deepEqual(entries(d.added), [
      ['userRules', 'DROP 203.0.113.8/32 eth0 tcp 8080', ['-A DOCKER-USER -s 203.0.113.8/32 -i eth0 -p tcp -m tcp --dport 8080 -j DROP']],
    ]);
  });
  it('FORWARD policy change is a change of meaning', () => {
    const before = moby('28.5.2-moby-iptablesdoc', 'usernet-portmap');
    const d = diffFirewall(parseFirewallDump(before), parseFirewallDump(before.replace('-P FORWARD ACCEPT', '-P FORWARD DROP')));
    assert.deepEqual(d.changed, { forwardPolicy: { from: 'ACCEPT', to: 'DROP' } });
    assert.equal(d.sameMeaning, false);
    assert.deepEqual(entries(d.added), []);
    assert.equal(diffSummary(d), '0 added, 0 removed; FORWARD policy ACCEPT → DROP.');
  });
  it('the host side: ufw enabled, a rule before the DOCKER-USER jump, firewalld beside Docker 29', () => {
    const thishost = parseFirewallDump(readFixture('firewall', THISHOST_SAVE));
    const ufw = diffFirewall(thishost, parseFirewallDump(readFixture('firewall', 'crafted', '20.10.24-ufw-iptables-save.txt')));
    assert.deepEqual(ufw.changed, { inputPolicy: { from: 'ACCEPT', to: 'DROP' }, hostFirewalls: { from: [], to: ['ufw'] } });
    assert.equal(ufw.sameMeaning, false);
    assert.deepEqual([...entries(ufw.added), ...entries(ufw.removed)], []);
    assert.equal(diffSummary(ufw), '0 added, 0 removed; INPUT policy ACCEPT → DROP; host firewalls none → ufw.');
    const early = diffFirewall(
      thishost,
      parseFirewallDump(readFixture('firewall', 'crafted', '20.10.24-forward-before-docker-user-iptables-save.txt')),
    );
    assert.deepEqual(early.changed, { dockerUserFirst: { from: true, to: false } });
    const firewalld = diffFirewall(
      nft29('usernet-portmap'),
      parseFirewallDump(readFixture('firewall', 'crafted', '29.7.2-firewalld-nft-list-ruleset.txt')),
    );
    assert.deepEqual(firewalld.changed, { hostFirewalls: { from: [], to: ['firewalld'] } });
  });
  it("a host fact one dump does not show is no change (the nft doc dumps hold only Docker's table)", () => {
    const d = diffFirewall(ipt28('usernet-portmap'), nft29('usernet-portmap'));
    assert.equal(ipt28('usernet-portmap').inputPolicy, 'ACCEPT');
    assert.equal(nft29('usernet-portmap').inputPolicy, null);
    assert.equal(d.changed?.inputPolicy, undefined);
    assert.equal(d.changed?.dockerUserFirst, undefined);
  });
  it('an unrecognised rule is compared word for word', () => {
    const before = moby('28.5.2-moby-iptablesdoc', 'usernet-portmap');
    const odd = '-A DOCKER -s 203.0.113.7/32 -o bridge1 -j LOG --log-prefix "docker: "';
    const d = diffFirewall(
      parseFirewallDump(before),
      parseFirewallDump(before.replace('-A DOCKER ! -i docker0', `${odd}\n-A DOCKER ! -i docker0`)),
    );
    assert.deepEqual(d.added.unrecognised, [odd]);
    assert.deepEqual(entries(d.removed), []);
  });
});
