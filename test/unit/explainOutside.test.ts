// explain from outside clients on the real dumps in test/fixtures/firewall: the captured 20.10
// scenario (and its nft form), rootless, moby's generated 28.0.0 / 28.5.2 / 29.x dumps, and
// DOCKER-USER rules the model cannot judge.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFirewallDump } from '../../src/analysis/firewall';
import { routeFor } from '../../src/analysis/explainRules';
import { explanationText } from '../../src/report/diagrams';
import { explanationMarkdown } from '../../src/report/explainMarkdown';
import { explain } from '../../src/analysis/reachability';
import { CLIENT, ROUTES, codes, reason, way, s2010, moby } from '../helpers/explainSnapshots';
import { userRule } from '../helpers/userRule';
import { readFixture } from '../helpers/fixtures';

describe('explain from an outside client: Docker 20.10 (captured)', () => {
  it('a published port answers through DNAT, INPUT does not apply, the loopback binding does not', () => {
    const x = explain(s2010(), CLIENT, 'gt-web', 80);
    assert.equal(x.fromKind, 'outside');
    assert.equal(x.reachable, true);
    const pub = way(x, 'published', '0.0.0.0');
    assert.deepEqual([pub.open, pub.hostPort, pub.containerPort], [true, 8080, 80]);
    assert.equal(way(x, 'published', '127.0.0.1').open, false);
    assert.match(
      reason(x, 'PUBLISHED_PORT').evidence,
      /--dport 8080 -j DNAT --to-destination 172\.17\.0\.3:80; route to 203\.0\.113\.7: default via 198\.51\.100\.1 dev eth0/,
    );
    assert.match(reason(x, 'PUBLISHED_BYPASSES_INPUT').message, /INPUT rules .* never see it/);
    assert.match(reason(x, 'LOOPBACK_ONLY_BINDING').evidence, /-d 127\.0\.0\.1\/32 .*--dport 32769/);
  });
  it('20.10 has no raw drop: routed straight to the container, a published container port is accepted', () => {
    const x = explain(s2010(), CLIENT, 'gt-web', 80);
    const d = way(x, 'direct');
    assert.equal(d.open, true);
    assert.match(reason(x, 'DIRECT_ROUTING').message, /an assumption/);
    assert.ok(!codes(x).includes('DIRECT_ROUTING_BLOCKED'));
  });
  it('an unpublished port: nothing published, and the FORWARD policy DROP decides the direct way', () => {
    const x = explain(s2010(), CLIENT, 'gt-web', 81);
    assert.equal(x.reachable, false);
    assert.match(reason(x, 'PUBLISHED_PORT').message, /publishes no port for 81/);
    assert.equal(reason(x, 'FORWARD_POLICY_DROP').evidence, '-P FORWARD DROP (filter FORWARD policy)');
    const a1 = explain(s2010(), CLIENT, 'gt-a1');
    assert.equal(a1.reachable, false);
    assert.ok(codes(a1).includes('FORWARD_POLICY_DROP'));
  });
  it('DOCKER-USER applies to outside clients, first match decides, interfaces from the route lookup', () => {
    const drop = s2010((s) =>
      s.host.firewall?.userRules.unshift(userRule({ source: '203.0.113.0/24', rule: '-A DOCKER-USER -s 203.0.113.0/24 -j DROP' })),
    );
    const x = explain(drop, CLIENT, 'gt-web', 80);
    assert.equal(x.reachable, false);
    assert.equal(reason(x, 'FIREWALL_DROP').evidence, '-A DOCKER-USER -s 203.0.113.0/24 -j DROP');
    assert.ok(!x.ways.some((w) => w.open));
    const accepted = s2010((s) => {
      s.host.firewall?.userRules.unshift(
        userRule({ source: '203.0.113.7', verdict: 'RETURN', rule: '-A DOCKER-USER -s 203.0.113.7/32 -j RETURN' }),
        userRule({ rule: '-A DOCKER-USER -j DROP' }),
      );
    });
    assert.equal(explain(accepted, CLIENT, 'gt-web', 80).reachable, true, 'RETURN first: Docker decides');
    const byIf = s2010((s) =>
      s.host.firewall?.userRules.unshift(userRule({ inInterface: 'eth2', rule: '-A DOCKER-USER -i eth2 -j DROP' })),
    );
    assert.equal(explain(byIf, CLIENT, 'gt-web', 80).reachable, true, 'comes in on eth0, not eth2');
    assert.equal(explain(byIf, '10.9.8.7', 'gt-web', 80).reachable, false, 'comes in on eth2');
  });
  it('INPUT DROP from helper-3s host policy is named, and published ports still answer', () => {
    const s = s2010((x) => {
      const fw = x.host.firewall;
      assert.ok(fw);
      fw.inputPolicy = 'DROP';
      fw.hostFirewalls = ['ufw'];
      fw.hostPolicyEvidence.input = ['-P INPUT DROP'];
    });
    const x = explain(s, CLIENT, 'gt-web', 80);
    assert.equal(x.reachable, true);
    const r = reason(x, 'PUBLISHED_BYPASSES_INPUT');
    assert.match(r.message, /policy DROP, ufw\) do not apply/);
    assert.match(r.evidence, /-P INPUT DROP/);
  });
  it('ip_forward off stops DNATed traffic; an unread firewall makes the verdict unknown', () => {
    const off = explain(
      s2010((s) => (s.host.ipForward = false)),
      CLIENT,
      'gt-web',
      80,
    );
    assert.equal(off.reachable, false);
    assert.ok(codes(off).includes('IP_FORWARD_OFF'));
    const blind = explain(
      s2010((s) => (s.host.firewall = null)),
      CLIENT,
      'gt-web',
      80,
    );
    assert.equal(blind.reachable, 'unknown');
    assert.ok(codes(blind).includes('FIREWALL_UNKNOWN'));
  });
  it('longest prefix match, default route else', () => {
    assert.equal(routeFor(ROUTES, '10.9.8.7')?.interface, 'eth2');
    assert.equal(routeFor(ROUTES, '10.9.1.1')?.interface, 'eth1');
    assert.equal(routeFor(ROUTES, '8.8.8.8')?.destination, '0.0.0.0/0');
    assert.equal(routeFor([], '8.8.8.8'), undefined);
  });
  it('a host-network container: input to the host, so INPUT decides', () => {
    const x = explain(s2010(), CLIENT, 'gt-host', 22);
    assert.equal(x.reachable, true);
    assert.deepEqual(codes(x), ['HOST_NETWORK']);
  });
  it('sources: host, an IPv4 client, a container; anything else is refused', () => {
    assert.throws(() => explain(s2010(), 'nope', 'gt-web'), /No container "nope".*"host"/);
    assert.equal(explain(s2010(), 'gt-a1', 'gt-web').fromKind, 'container');
    assert.deepEqual(codes(explain(s2010(), CLIENT, 'gt-stopped')), ['NOT_RUNNING']);
    assert.deepEqual(codes(explain(s2010(), 'host', 'gt-none')), ['NETWORK_NONE']);
  });
});

describe('the same verdicts from the 20.10 rules as nft prints them (iptables-nft)', () => {
  it('published open, loopback closed, direct by the FORWARD policy', () => {
    const s = s2010((x) => (x.host.firewall = parseFirewallDump(readFixture('firewall', '20.10.24-thishost-nft-list-ruleset.txt'))));
    const x = explain(s, CLIENT, 'gt-web', 80);
    assert.equal(x.reachable, true);
    assert.equal(way(x, 'published', '0.0.0.0').open, true);
    assert.equal(way(x, 'published', '127.0.0.1').open, false);
    assert.equal(way(explain(s, CLIENT, 'gt-web', 81), 'direct').open, false);
    assert.ok(codes(explain(s, CLIENT, 'gt-web', 81)).includes('FORWARD_POLICY_DROP'));
  });
});

describe('each way names the reasons that decided it; the renderers show them', () => {
  it('codes per way, in the text and the markdown', () => {
    const x = explain(moby('28.5.2-moby-iptablesdoc-usernet-portmap'), CLIENT, 'web', 80);
    assert.deepEqual(way(x, 'published').codes, ['PUBLISHED_PORT', 'PUBLISHED_BYPASSES_INPUT']);
    assert.deepEqual(way(x, 'direct').codes, ['DIRECT_ROUTING', 'DIRECT_ROUTING_BLOCKED']);
    const text = explanationText(x);
    assert.match(text, /^client 203\.0\.113\.7 → web:80: REACHABLE/);
    assert.match(text, /way: published 0\.0\.0\.0:8080 → usernet port 80 \(PUBLISHED_PORT, PUBLISHED_BYPASSES_INPUT\)/);
    assert.match(text, /way: direct \(routed\) → 192\.0\.2\.2 on usernet \[blocked\] \(DIRECT_ROUTING, DIRECT_ROUTING_BLOCKED\)/);
    const md = explanationMarkdown(x);
    assert.match(md, /^# client 203\.0\.113\.7 → web:80: ✓ reachable/);
    assert.match(
      md,
      /\| direct \(routed\) \| usernet \| `192\.0\.2\.2` \| – \| \*\*blocked\*\* \| DIRECT\\_ROUTING, DIRECT\\_ROUTING\\_BLOCKED \|/,
    );
  });
});

describe('rootless: outside clients come in through rootlesskit on the real host', () => {
  it('the real host INPUT applies, DOCKER-USER cannot see the client, no direct way', () => {
    const s = moby('28.5.2-moby-iptablesdoc-usernet-portmap');
    s.host.engineNetns = {
      pid: 9,
      inode: 1,
      same: false,
      kind: 'rootless',
      how: 'pid 9 (dockerd) listens on /run/user/1001/docker.sock in its own network namespace',
    };
    s.host.firewall?.userRules.push(userRule({ source: CLIENT, rule: `-A DOCKER-USER -s ${CLIENT}/32 -j DROP` }));
    const x = explain(s, CLIENT, 'web', 80);
    // Open as far as Docker goes; the real host's INPUT decides and is not read: not a certain yes.
    assert.equal(x.reachable, 'unknown');
    assert.deepEqual(
      x.ways.map((w) => [w.kind, w.open]),
      [['published', true]],
    );
    assert.match(reason(x, 'PUBLISHED_PORT').message, /The engine's DOCKER-USER sees rootlesskit/);
    assert.match(reason(x, 'HOST_INPUT_UNKNOWN').message, /real host's INPUT rules \(ufw, firewalld\)/);
    assert.ok(!codes(x).includes('PUBLISHED_BYPASSES_INPUT'));
    assert.match(reason(x, 'DIRECT_ROUTING_BLOCKED').message, /slirp4netns/);
  });
  it('a port rootlesskit does not listen on is closed', () => {
    const s = moby('28.5.2-moby-iptablesdoc-usernet-portmap');
    s.host.engineNetns = { pid: 9, inode: 1, same: false, kind: 'rootless', how: 'test' };
    s.host.rootless = { rootlesskitPid: 7, netDriver: 'slirp4netns', portDriver: 'builtin', slirp4netnsPid: 8, tap: 'tap0', listeners: [] };
    const x = explain(s, CLIENT, 'web', 80);
    assert.equal(x.reachable, false);
    assert.match(reason(x, 'PUBLISHED_PORT').message, /rootlesskit \(pid 7\) does not listen on/);
  });
  it('HAIRPIN: rootlesskit-docker-proxy listens inside on loopback only, so a container gets no answer', () => {
    const s = s2010((x) => {
      x.host.proxies = [
        {
          pid: 79,
          name: 'rootlesskit-docker-proxy',
          protocol: 'tcp',
          hostIp: '0.0.0.0',
          hostPort: 8080,
          containerIp: '172.17.0.3',
          containerPort: 80,
        },
      ];
    });
    const x = explain(s, 'gt-a1', 'gt-web', 80);
    assert.equal(x.reachable, false);
    assert.match(reason(x, 'HAIRPIN').message, /listens on 127\.0\.0\.1 only/);
  });
});

describe("explain from outside on Docker 28 and 29's rules (moby's generated dumps)", () => {
  for (const dump of [
    '28.5.2-moby-iptablesdoc-usernet-portmap',
    '29.7.2-moby-iptablesdoc-usernet-portmap',
    '29.7.2-moby-nftablesdoc-usernet-portmap',
  ]) {
    it(`${dump}: the published port answers; the container's own address is dropped in raw`, () => {
      const x = explain(moby(dump), CLIENT, 'web', 80);
      assert.equal(x.reachable, true);
      assert.equal(way(x, 'published', '0.0.0.0').open, true);
      assert.equal(way(x, 'direct').open, false);
      assert.match(reason(x, 'DIRECT_ROUTING_BLOCKED').evidence, /192\.0\.2\.2.*(! -i bridge1 -j DROP|iifname != "bridge1" counter drop)/);
      const other = explain(moby(dump), CLIENT, 'web', 81);
      assert.equal(other.reachable, false);
      assert.ok(codes(other).includes('DIRECT_ROUTING_BLOCKED'));
    });
  }
  it('28.0.0: the raw drop is per published port, the filter drops the rest', () => {
    const x = explain(moby('28.0.0-moby-iptablesdoc-usernet-portmap'), CLIENT, 'web', 80);
    assert.equal(
      reason(x, 'DIRECT_ROUTING_BLOCKED').evidence,
      '-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -p tcp -m tcp --dport 80 -j DROP',
    );
    const y = explain(moby('28.0.0-moby-iptablesdoc-usernet-portmap'), CLIENT, 'web', 81);
    assert.equal(reason(y, 'DIRECT_ROUTING_BLOCKED').evidence, '-A DOCKER ! -i bridge1 -o bridge1 -j DROP');
    assert.equal(way(explain(moby('28.0.0-moby-iptablesdoc-usernet-portmap'), CLIENT, 'web'), 'direct').open, false);
  });
  for (const dump of ['28.5.2-moby-iptablesdoc-usernet-portmap-lo', '29.7.2-moby-nftablesdoc-usernet-portmap-lo']) {
    it(`${dump}: a port published on 127.0.0.1 is not reachable from outside`, () => {
      const x = explain(moby(dump, { hostIp: '127.0.0.1' }), CLIENT, 'web', 80);
      assert.equal(x.reachable, false);
      assert.equal(way(x, 'published', '127.0.0.1').open, false);
      assert.ok(reason(x, 'LOOPBACK_ONLY_BINDING').evidence.includes('127.0.0.1'));
    });
  }
  it('28.5.2 lo: the raw rule that keeps others off 127.0.0.1 is the evidence', () => {
    const x = explain(moby('28.5.2-moby-iptablesdoc-usernet-portmap-lo', { hostIp: '127.0.0.1' }), CLIENT, 'web', 80);
    assert.equal(reason(x, 'LOOPBACK_ONLY_BINDING').evidence, '-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP');
  });
  for (const dump of [
    '28.5.2-moby-iptablesdoc-usernet-portmap-routed',
    '29.7.2-moby-iptablesdoc-usernet-portmap-routed',
    '29.7.2-moby-nftablesdoc-usernet-portmap-routed',
  ]) {
    it(`${dump}: routed: no host port, the container port on its own address, the rest dropped`, () => {
      const x = explain(moby(dump), CLIENT, 'web', 80);
      assert.equal(x.reachable, true);
      assert.equal(way(x, 'published').open, false);
      assert.equal(way(x, 'direct').open, true);
      assert.equal(x.reasons.filter((r) => r.code === 'GATEWAY_MODE_ROUTED').length, 2);
      const y = explain(moby(dump), CLIENT, 'web', 81);
      assert.equal(y.reachable, false);
      assert.match(reason(y, 'DIRECT_ROUTING_BLOCKED').evidence, /! -i bridge1 -o bridge1 -j DROP|UNPUBLISHED PORT DROP/);
    });
  }
  for (const dump of [
    '28.5.2-moby-iptablesdoc-usernet-portmap-natunprot',
    '29.7.2-moby-iptablesdoc-usernet-portmap-natunprot',
    '29.7.2-moby-nftablesdoc-usernet-portmap-natunprot',
  ]) {
    it(`${dump}: nat-unprotected: every port of the container is reachable routed directly`, () => {
      const x = explain(moby(dump), CLIENT, 'web', 81);
      assert.equal(x.reachable, true);
      assert.equal(way(x, 'direct').open, true);
      assert.ok(codes(x).includes('GATEWAY_MODE_NAT_UNPROTECTED'));
    });
  }
  it('the network option alone names the gateway mode when the rules do not', () => {
    const s = moby('28.5.2-moby-iptablesdoc-new-daemon', { options: { 'com.docker.network.bridge.gateway_mode_ipv4': 'routed' } });
    const x = explain(s, CLIENT, 'web', 80);
    assert.equal(reason(x, 'GATEWAY_MODE_ROUTED').evidence, 'usernet: com.docker.network.bridge.gateway_mode_ipv4=routed');
  });
  it('a DOCKER-USER DROP for the client stops the published port on 28 too', () => {
    const s = moby('28.5.2-moby-iptablesdoc-usernet-portmap');
    s.host.firewall?.userRules.push(userRule({ source: CLIENT, rule: `-A DOCKER-USER -s ${CLIENT}/32 -j DROP` }));
    const x = explain(s, CLIENT, 'web', 80);
    assert.equal(x.reachable, false);
    assert.equal(reason(x, 'FIREWALL_DROP').evidence, `-A DOCKER-USER -s ${CLIENT}/32 -j DROP`);
    assert.equal(explain(s, '203.0.113.8', 'web', 80).reachable, true);
  });
  it('from the host on 28: the container address (OUTPUT, no raw PREROUTING drop) and the published port', () => {
    const x = explain(moby('28.5.2-moby-iptablesdoc-usernet-portmap'), 'host', 'web', 80);
    assert.equal(x.reachable, true);
    assert.equal(way(x, 'network').open, true);
  });
});

describe('DOCKER-USER rules the model cannot judge', () => {
  it('an ipset rule met first makes "reachable" unknown, with the rule as evidence', () => {
    const set = '-A DOCKER-USER -m set --match-set blocklist src -j DROP';
    const x = explain(
      s2010((s) => s.host.firewall?.userRules.unshift(userRule({ rule: set }))),
      CLIENT,
      'gt-web',
      80,
    );
    assert.equal(x.reachable, 'unknown');
    assert.equal(reason(x, 'FIREWALL_RULE_UNMODELLED').evidence, set);
  });
  it("Docker's documented RELATED,ESTABLISHED accept does not open the way past a DROP for the client", () => {
    const x = explain(
      s2010((s) =>
        s.host.firewall?.userRules.unshift(
          userRule({ verdict: 'ACCEPT', rule: '-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT' }),
          userRule({ source: CLIENT, rule: `-A DOCKER-USER -s ${CLIENT}/32 -j DROP` }),
        ),
      ),
      CLIENT,
      'gt-web',
      80,
    );
    assert.equal(x.reachable, false);
    assert.ok(codes(x).includes('FIREWALL_DROP'));
  });
});
