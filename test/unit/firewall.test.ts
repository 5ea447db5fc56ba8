// Firewall dumps → FirewallModel: the Docker 20.10.24 captures of this host, format sniffing, and
// hand-written dumps for DOCKER-USER, unknown rules, comments and warnings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFirewallDump, sniffFormat } from '../../src/analysis/firewall/index';
import type { FirewallModel } from '../../src/shared/firewall';
import { readFixture } from '../helpers/fixtures';

const fw = (name: string): string => readFixture('firewall', name);

/** The model without the rule texts (which differ between iptables-save and nft). */
function meaning(m: FirewallModel): unknown {
  const strip = <T extends { rule: string }>(xs: T[]): Omit<T, 'rule'>[] => xs.map(({ rule: _rule, ...rest }) => rest);
  return {
    ...m,
    published: strip(m.published),
    masquerade: strip(m.masquerade),
    hairpin: strip(m.hairpin),
    directRoutingDrops: strip(m.directRoutingDrops),
    bridgeFlagRules: strip(m.bridgeFlagRules),
    userRules: strip(m.userRules),
    hostPolicyEvidence: undefined, // rule texts, like `rule` above
  };
}

describe('Docker 20.10.24, iptables-save of this host', () => {
  const m = parseFirewallDump(fw('20.10.24-thishost-iptables-save.txt'));
  it('detects the layout and, from the header, the iptables-nft backend', () => {
    assert.equal(m.dockerLayout, 'docker-20.10-27');
    assert.equal(m.backend, 'iptables-nft');
    assert.equal(m.forwardPolicy, 'DROP');
  });
  it('publishes 8080 on all addresses, 32769 on 127.0.0.1 and 32768 (-P) to 172.17.0.3', () => {
    assert.deepEqual(
      m.published.map(({ rule: _r, ...p }) => p),
      [
        { hostIp: null, hostPort: 8080, protocol: 'tcp', containerIp: '172.17.0.3', containerPort: 80, bridge: 'docker0', family: 'ipv4' },
        {
          hostIp: null,
          hostPort: 32768,
          protocol: 'tcp',
          containerIp: '172.17.0.3',
          containerPort: 9000,
          bridge: 'docker0',
          family: 'ipv4',
        },
        {
          hostIp: '127.0.0.1',
          hostPort: 32769,
          protocol: 'tcp',
          containerIp: '172.17.0.3',
          containerPort: 80,
          bridge: 'docker0',
          family: 'ipv4',
        },
      ],
    );
    const lo = m.published.find((p) => p.hostIp === '127.0.0.1');
    assert.equal(lo?.rule, '-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 32769 -j DNAT --to-destination 172.17.0.3:80');
  });
  it('masquerades every non-internal subnet except out of its own bridge', () => {
    assert.deepEqual(
      m.masquerade.map((x) => [x.source, x.exceptOutInterface, x.family]),
      [
        ['10.231.0.0/24', 'gt-br-a', 'ipv4'],
        ['10.233.0.0/24', 'br-f150ac58d75d', 'ipv4'],
        ['172.17.0.0/16', 'docker0', 'ipv4'],
        ['172.22.16.0/24', 'br-0df857aaa7c2', 'ipv4'],
      ],
    );
    assert.ok(!m.masquerade.some((x) => x.source === '10.232.0.0/24'), 'the internal network is not masqueraded');
  });
  it('has hairpin MASQUERADE for 172.17.0.3 on both published container ports', () => {
    assert.deepEqual(
      m.hairpin.map(({ rule: _r, ...h }) => h),
      [
        { containerIp: '172.17.0.3', containerPort: 80, protocol: 'tcp' },
        { containerIp: '172.17.0.3', containerPort: 9000, protocol: 'tcp' },
      ],
    );
  });
  it('finds icc off, the internal network and the isolated bridges', () => {
    assert.deepEqual(m.iccDisabled, ['br-f150ac58d75d']);
    assert.deepEqual(m.internal, ['br-878403efc909']);
    assert.deepEqual(m.isolated, ['br-0df857aaa7c2', 'br-f150ac58d75d', 'docker0', 'gt-br-a']);
    assert.deepEqual(m.routed, []);
    assert.deepEqual(m.natUnprotected, []);
  });
  it('lists every bridge, including the custom-named one', () => {
    assert.deepEqual(m.bridges, ['br-0df857aaa7c2', 'br-878403efc909', 'br-f150ac58d75d', 'docker0', 'gt-br-a']);
  });
  it('has no direct-routing drops (20.10 had none), no user rules, nothing unexplained', () => {
    assert.deepEqual(m.directRoutingDrops, []);
    assert.deepEqual(m.userRules, []);
    assert.deepEqual(m.unrecognised, []);
  });
});

describe('Docker 20.10.24, nft list ruleset of the same state', () => {
  const nft = parseFirewallDump(fw('20.10.24-thishost-nft-list-ruleset.txt'));
  const save = parseFirewallDump(fw('20.10.24-thishost-iptables-save.txt'));
  it('is read as iptables-nft rules in the 20.10 layout', () => {
    assert.equal(nft.dockerLayout, 'docker-20.10-27');
    assert.equal(nft.backend, 'iptables-nft');
    assert.deepEqual(nft.unrecognised, []);
  });
  it('means exactly what the iptables-save dump means', () => {
    assert.deepEqual(meaning(nft), meaning(save));
  });
  it('reports a rule nft shows in a Docker chain that has no iptables meaning here', () => {
    const odd = 'iifname "docker0" xt match "recent" counter packets 0 bytes 0 drop';
    const text = fw('20.10.24-thishost-nft-list-ruleset.txt').replace('\tchain DOCKER-USER {\n', `\tchain DOCKER-USER {\n\t\t${odd}\n`);
    assert.deepEqual(parseFirewallDump(text).unrecognised, [`filter DOCKER-USER: ${odd}`]);
  });
  it('keeps the nft text of each rule', () => {
    const p = nft.published.find((x) => x.hostIp === '127.0.0.1');
    assert.match(p?.rule ?? '', /^iifname != "docker0" ip daddr 127\.0\.0\.1 tcp dport 32769 .*dnat to 172\.17\.0\.3:80$/);
  });
});

describe('Docker 20.10.24, iptables-save inside a container netns', () => {
  const m = parseFirewallDump(fw('20.10.24-thishost-container-netns-iptables-save.txt'));
  it('recognises the embedded-DNS rules and finds no bridge firewall', () => {
    assert.equal(m.dockerLayout, 'none');
    assert.deepEqual(m.published, []);
    assert.deepEqual(m.masquerade, []);
    assert.deepEqual(m.bridges, []);
    assert.deepEqual(m.unrecognised, []);
  });
});

const BASE = `*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A FORWARD -i eth1 -o eth2 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
@USER@
-A DOCKER-USER -j RETURN
@DOCKER@
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
COMMIT
`;
const dump = (user = '', docker = ''): string => BASE.replace('@USER@', user).replace('@DOCKER@', docker);

describe('hand-written iptables-save dumps', () => {
  it("the base dump is fully explained; rules that are not Docker's are ignored", () => {
    const m = parseFirewallDump(dump());
    assert.equal(m.dockerLayout, 'docker-20.10-27');
    assert.deepEqual(m.unrecognised, []);
    assert.deepEqual(m.userRules, []);
    assert.deepEqual(m.bridges, ['docker0']);
  });
  it('a DOCKER-USER rule becomes a user rule with its verdict', () => {
    const m = parseFirewallDump(dump('-A DOCKER-USER -s 10.0.0.0/8 -j DROP'));
    assert.deepEqual(m.userRules, [
      {
        chain: 'DOCKER-USER',
        verdict: 'DROP',
        source: '10.0.0.0/8',
        destination: null,
        inInterface: null,
        outInterface: null,
        protocol: null,
        port: null,
        rule: '-A DOCKER-USER -s 10.0.0.0/8 -j DROP',
      },
    ]);
    assert.deepEqual(m.unrecognised, []);
  });
  it('reads negation, quoted comments and target options of a user rule', () => {
    const rule =
      '-A DOCKER-USER -i eth0 ! -s 192.168.0.0/16 -p tcp -m tcp --dport 22 -m comment --comment "no \\"ssh\\" from -outside" -j REJECT --reject-with icmp-port-unreachable';
    const [u] = parseFirewallDump(dump(rule)).userRules;
    assert.deepEqual(u, {
      chain: 'DOCKER-USER',
      verdict: 'REJECT',
      source: '!192.168.0.0/16',
      destination: null,
      inInterface: 'eth0',
      outInterface: null,
      protocol: 'tcp',
      port: 22,
      rule,
    });
  });
  it('an unknown rule in the DOCKER chain is kept in unrecognised, word for word', () => {
    const odd = '-A DOCKER -s 203.0.113.7/32 -o docker0 -j LOG --log-prefix "docker: "';
    const m = parseFirewallDump(dump('', odd));
    assert.deepEqual(m.unrecognised, [odd]);
  });
  it('a Docker-shaped rule with values no pattern accepts is unrecognised too', () => {
    const range = '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8000:8010 -j DNAT --to-destination 172.17.0.2:8000-8010';
    const m = parseFirewallDump(dump().replace('-A DOCKER -i docker0 -j RETURN', `-A DOCKER -i docker0 -j RETURN\n${range}`));
    assert.deepEqual(m.unrecognised, [range]);
    assert.deepEqual(m.published, []);
  });
  it('a user rule in FORWARD that touches a Docker bridge is reported, one that does not is ignored', () => {
    const text = dump().replace(
      '-A FORWARD -i eth1 -o eth2 -j ACCEPT',
      '-A FORWARD -i eth1 -o eth2 -j ACCEPT\n-A FORWARD -i docker0 -o eth0 -j LOG',
    );
    assert.deepEqual(parseFirewallDump(text).unrecognised, ['-A FORWARD -i docker0 -o eth0 -j LOG']);
  });
  it('skips comments and warnings, and prefers the backend the dump names over the hint', () => {
    const text = `# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n# Generated by iptables-nft-save v1.8.7 on Tue\n# any other comment -A DOCKER -j DROP\n${dump()}# Completed on Tue\n`;
    const m = parseFirewallDump(text, { backend: 'iptables-legacy' });
    assert.equal(m.backend, 'iptables-nft');
    assert.deepEqual(m.unrecognised, []);
  });
  it('uses the hint when the dump does not say', () => {
    assert.equal(parseFirewallDump(dump(), { backend: 'iptables-legacy' }).backend, 'iptables-legacy');
    assert.equal(parseFirewallDump(`# Generated by iptables-save v1.8.9 (legacy) on Tue\n${dump()}`).backend, 'iptables-legacy');
  });
  it('reads IPv6 DNAT destinations written as [address]:port', () => {
    const v6 = dump()
      .replace('-s 172.17.0.0/16 ! -o docker0', '-s fd00:dead:beef::/64 ! -o docker0')
      .replace(
        '-A DOCKER -i docker0 -j RETURN',
        '-A DOCKER -i docker0 -j RETURN\n-A DOCKER -d ::1/128 ! -i docker0 -p udp -m udp --dport 5353 -j DNAT --to-destination [fd00:dead:beef::2]:53',
      );
    const m = parseFirewallDump(v6);
    assert.deepEqual(
      m.published.map(({ rule: _r, ...p }) => p),
      [
        {
          hostIp: '::1',
          hostPort: 5353,
          protocol: 'udp',
          containerIp: 'fd00:dead:beef::2',
          containerPort: 53,
          bridge: 'docker0',
          family: 'ipv6',
        },
      ],
    );
    assert.deepEqual(
      m.masquerade.map((x) => [x.source, x.family]),
      [['fd00:dead:beef::/64', 'ipv6']],
    );
  });
  it('a rule with an unbalanced quote in a Docker chain is unrecognised, not lost', () => {
    const bad = '-A DOCKER -m comment --comment "oops -j ACCEPT';
    assert.deepEqual(parseFirewallDump(dump('', bad)).unrecognised, [bad]);
  });
  it('no Docker chains at all gives layout none', () => {
    const m = parseFirewallDump('*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n');
    assert.equal(m.dockerLayout, 'none');
    assert.equal(m.forwardPolicy, 'ACCEPT');
    assert.deepEqual(m.unrecognised, []);
  });
});

describe('format sniffing', () => {
  it('tells iptables-save, iptables -S and nft apart', () => {
    assert.equal(sniffFormat(fw('20.10.24-thishost-iptables-save.txt')), 'iptables-save');
    assert.equal(sniffFormat(fw('20.10.24-thishost-nft-list-ruleset.txt')), 'nft');
    assert.equal(sniffFormat(readFixture('firewall', 'moby-generated', '29.7.2-moby-iptablesdoc-new-daemon.txt')), 'iptables-S');
    assert.equal(sniffFormat(readFixture('firewall', 'moby-generated', '29.7.2-moby-nftablesdoc-new-daemon.txt')), 'nft');
  });
  it('an unknown rule in an nft docker-bridges chain is unrecognised with its chain', () => {
    const text = readFixture('firewall', 'moby-generated', '29.7.2-moby-nftablesdoc-usernet-portmap.txt').replaceAll(
      'counter accept comment "OUTGOING"',
      'counter accept comment "OUTGOING"\n\t\tip saddr 203.0.113.7 log prefix "x" drop',
    );
    assert.deepEqual(parseFirewallDump(text).unrecognised, [
      'docker-bridges filter-forward-out__docker0: ip saddr 203.0.113.7 log prefix "x" drop',
      'docker-bridges filter-forward-out__bridge1: ip saddr 203.0.113.7 log prefix "x" drop',
    ]);
  });
});
