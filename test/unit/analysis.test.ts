// path() and explain() on the captured scenario: the Engine API fixtures and the firewall dump
// were taken from the same Docker 20.10 host in the same state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFirewallDump } from '../../src/analysis/firewall';
import { containerPath } from '../../src/analysis/paths';
import { explain, type ReasonCode } from '../../src/analysis/reachability';
import type { Snapshot } from '../../src/shared/model';
import { capturedSnapshot, readFixture } from '../helpers/fixtures';
import { userRule } from '../helpers/userRule';

function scenario(edit: (s: Snapshot) => void = () => undefined): Snapshot {
  const s = capturedSnapshot();
  s.host.firewall = parseFirewallDump(readFixture('firewall', '20.10.24-thishost-iptables-save.txt'));
  s.host.ipForward = true;
  edit(s);
  return s;
}
const snap = scenario();
const codes = (x: { reasons: { code: ReasonCode }[] }): ReasonCode[] => x.reasons.map((r) => r.code);
const path = (name: string, s = snap): ReturnType<typeof containerPath> => {
  const c = s.containers.find((x) => x.name === name);
  assert.ok(c);
  return containerPath(c, s);
};

describe('path', () => {
  it('egress of a user-bridge container ends in its MASQUERADE rule', () => {
    const p = path('gt-a1');
    assert.equal(p.egress.network, 'gt-net-a');
    assert.equal(p.egress.masqueraded, true);
    assert.deepEqual(
      p.egress.hops.map((h) => h.kind),
      ['interface', 'veth', 'bridge', 'host', 'nat', 'out'],
    );
    assert.equal(p.egress.hops[2]?.name, 'gt-net-a (gt-br-a)', 'the network by name, its bridge as the detail');
    assert.equal(p.egress.hops[2]?.command, 'brctl show gt-br-a');
    assert.match(
      p.egress.hops[0]?.command ?? '',
      /nsenter -t \d+ -n ip addr$/,
      'the interface name is unknown in the captured API: every interface',
    );
    assert.equal(p.egress.hops[4]?.rule, '-A POSTROUTING -s 10.231.0.0/24 ! -o gt-br-a -j MASQUERADE');
  });
  it('an internal network has no way out', () => {
    const p = path('gt-int1');
    assert.equal(p.egress.masqueraded, false);
    assert.equal(p.egress.leavesHost, false);
    assert.equal(p.egress.hops.at(-1)?.kind, 'drop');
  });
  it('a two-network container takes its default route through the non-internal one', () => {
    const p = path('gt-multi');
    assert.deepEqual(
      p.egressByNetwork.map((e) => e.network),
      ['gt-net-a', 'gt-net-int'],
    );
  });
  it('ingress names the DNAT rule of each published port', () => {
    const p = path('gt-web');
    const all = p.ingress.find((i) => i.hostPort === 8080 && i.hostIp === '0.0.0.0');
    assert.equal(all?.via, 'dnat');
    assert.equal(all?.containerIp, '172.17.0.3');
    assert.equal(all?.rule, '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.3:80');
    const lo = p.ingress.find((i) => i.hostIp === '127.0.0.1');
    assert.equal(lo?.hostPort, 32769);
    assert.match(lo?.rule ?? '', /-d 127\.0\.0\.1\/32 .*--to-destination 172\.17\.0\.3:80/);
    assert.match(lo?.note ?? '', /loopback/);
  });
  it('names docker-proxy when one serves the port', () => {
    const s = scenario((x) => {
      x.host.proxies = [
        {
          pid: 4242,
          name: 'docker-proxy',
          protocol: 'tcp',
          hostIp: '0.0.0.0',
          hostPort: 8080,
          containerIp: '172.17.0.3',
          containerPort: 80,
        },
      ];
    });
    const i = path('gt-web', s).ingress.find((x) => x.hostPort === 8080 && x.hostIp === '0.0.0.0');
    assert.equal(i?.via, 'both');
    assert.match(i?.proxy ?? '', /pid 4242/);
  });
  it('host, none and joined containers', () => {
    assert.equal(path('gt-host').egress.hops[0]?.kind, 'host');
    assert.equal(path('gt-none').egress.hops[0]?.kind, 'loopback');
    const j = path('gt-joined');
    assert.equal(j.egress.hops[0]?.kind, 'netns');
    assert.equal(j.egress.hops[2]?.name, 'veth (unknown: see Host → unavailable)');
  });
});

describe('explain', () => {
  it('a shared user network: reachable by IP and by name and alias', () => {
    const x = explain(snap, 'gt-a1', 'gt-multi');
    assert.equal(x.reachable, true);
    assert.deepEqual(codes(x), ['SHARED_NETWORK', 'NAME_RESOLVES']);
    assert.deepEqual(
      x.ways.map((w) => [w.network, w.byName]),
      [['gt-net-a', true]],
    );
    const back = explain(snap, 'gt-multi', 'gt-a1');
    assert.ok(back.ways[0]?.names.includes('svc-a'));
  });
  it('the default bridge resolves no names, unless --link', () => {
    const x = explain(snap, 'gt-web', 'gt-def2');
    assert.equal(x.reachable, true);
    assert.ok(codes(x).includes('DEFAULT_BRIDGE_NO_DNS'));
    assert.equal(x.ways[0]?.byName, false);
    const linked = explain(snap, 'gt-def2', 'gt-web');
    assert.ok(codes(linked).includes('LEGACY_LINK'));
    assert.deepEqual(linked.ways[0]?.names, ['gt-web', 'webalias']);
  });
  it('icc off on the shared bridge blocks it, with the rule', () => {
    const x = explain(snap, 'gt-noicc1', 'gt-noicc2');
    assert.equal(x.reachable, false);
    const icc = x.reasons.find((r) => r.code === 'ICC_DISABLED');
    assert.equal(icc?.evidence, '-A FORWARD -i br-f150ac58d75d -o br-f150ac58d75d -j DROP');
  });
  it('an internal network still joins its own containers', () => {
    const x = explain(snap, 'gt-int1', 'gt-multi');
    assert.equal(x.reachable, true);
    assert.ok(codes(x).includes('INTERNAL_NETWORK'));
  });
  it('no shared network, isolated bridges', () => {
    const x = explain(snap, 'gt-a1', 'gt-web');
    assert.equal(x.reachable, false);
    assert.deepEqual(codes(x), ['NO_SHARED_NETWORK', 'ISOLATED_BRIDGES']);
    // Networks by the names a learner used; the Linux bridges only as the evidence's detail.
    const iso = x.reasons.find((r) => r.code === 'ISOLATED_BRIDGES');
    assert.match(iso?.message ?? '', /gt-a1 on gt-net-a cannot reach gt-web on bridge/);
    assert.doesNotMatch(iso?.message ?? '', /br-|docker0/);
    assert.match(iso?.evidence ?? '', /^isolated bridges: gt-net-a \(gt-br-a\); bridge \(docker0\)$/);
    const y = explain(snap, 'gt-int1', 'gt-web');
    assert.equal(y.reachable, false);
    assert.deepEqual(codes(y), ['NO_SHARED_NETWORK', 'INTERNAL_NETWORK']);
  });
  it('same netns, none, stopped and host', () => {
    assert.deepEqual(codes(explain(snap, 'gt-joined', 'gt-a1')), ['SAME_NETNS']);
    assert.equal(explain(snap, 'gt-joined', 'gt-a1').ways[0]?.address, '127.0.0.1');
    assert.deepEqual(codes(explain(snap, 'gt-none', 'gt-a1')), ['NETWORK_NONE']);
    assert.deepEqual(codes(explain(snap, 'gt-a1', 'gt-stopped')), ['NOT_RUNNING']);
    const h = explain(snap, 'gt-host', 'gt-a1');
    assert.equal(h.reachable, true);
    assert.deepEqual(codes(h), ['HOST_NETWORK']);
    assert.equal(h.ways[0]?.address, '10.231.0.10');
  });
  it('a DOCKER-USER drop blocks a way that is otherwise open', () => {
    const s = scenario((x) => {
      x.host.firewall?.userRules.push(userRule({ source: '10.231.0.10', rule: '-A DOCKER-USER -s 10.231.0.10/32 -j DROP' }));
    });
    const x = explain(s, 'gt-a1', 'gt-multi');
    assert.equal(x.reachable, false);
    assert.equal(x.reasons.find((r) => r.code === 'FIREWALL_DROP')?.evidence, '-A DOCKER-USER -s 10.231.0.10/32 -j DROP');
    assert.equal(explain(s, 'gt-multi', 'gt-a1').reachable, true, 'the rule matches the source only');
  });
  it('ip_forward off and unknown firewall', () => {
    const off = scenario((x) => {
      x.host.ipForward = false;
    });
    assert.ok(codes(explain(off, 'gt-int1', 'gt-web')).includes('IP_FORWARD_OFF'));
    const blind = scenario((x) => {
      x.host.firewall = null;
    });
    const u = explain(blind, 'gt-int1', 'gt-web');
    assert.equal(u.reachable, 'unknown');
    assert.ok(codes(u).includes('FIREWALL_UNKNOWN'));
  });

  it('with a port: nothing listening makes it unreachable, a listener is evidence', () => {
    const no = explain(snap, 'gt-a1', 'gt-multi', 5432, { listening: [80] });
    assert.equal(no.reachable, false);
    assert.equal(no.reasons.at(-1)?.code, 'PORT_NOT_LISTENING');
    const yes = explain(snap, 'gt-a1', 'gt-multi', 80, { listening: [80] });
    assert.equal(yes.reachable, true);
    assert.equal(yes.reasons.at(-1)?.code, 'PORT_LISTENING');
    assert.equal(
      explain(snap, 'gt-a1', 'gt-multi', 80).reasons.some((r) => r.code.startsWith('PORT_')),
      false,
      'unknown listeners: no claim',
    );
  });
});
