// The host audit: each finding on a crafted snapshot or dump (and its absence), the from-file mode on
// the real dumps of 20.10, 28.5.2 and 29.7.2 (iptables and nftables), and the two renderings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audit, type AuditResult, type FindingCode } from '../../src/analysis/audit';
import { parseFirewallDump } from '../../src/analysis/firewall';
import { formatAudit } from '../../src/cli/formatAudit';
import { auditMarkdown } from '../../src/report/auditMarkdown';
import type { FirewallModel } from '../../src/shared/firewall';
import type { Snapshot } from '../../src/shared/model';
import { capturedSnapshot, readFixture } from '../helpers/fixtures';

const dump = (...path: string[]): FirewallModel => parseFirewallDump(readFixture('firewall', ...path));

/** The captured 20.10 scenario with every host fact known and nothing wrong on the host side. */
function scenario(edit: (s: Snapshot) => void = () => undefined): Snapshot {
  const s = capturedSnapshot();
  s.host.firewall = dump('20.10.24-thishost-iptables-save.txt');
  s.host.ipForward = true;
  s.host.defaultRoute = { interface: 'eth0', gateway: '192.168.1.1' };
  s.host.routes = [
    { destination: '0.0.0.0/0', gateway: '192.168.1.1', interface: 'eth0', metric: 100 },
    { destination: '192.168.1.0/24', gateway: null, interface: 'eth0', metric: 100 },
    ...s.networks.flatMap((n) =>
      n.bridge ? n.subnets.map((x) => ({ destination: x.subnet, gateway: null, interface: n.bridge ?? '', metric: 0 })) : [],
    ),
  ];
  s.host.mtu = { eth0: 1500, lo: 65536, ...Object.fromEntries(s.networks.flatMap((n) => (n.bridge ? [[n.bridge, 1500]] : []))) };
  edit(s);
  return s;
}
const live = (s: Snapshot): AuditResult => audit({ firewall: s.host.firewall, snapshot: s });
const codes = (r: AuditResult): FindingCode[] => [...new Set(r.findings.map((f) => f.code))];
const notChecked = (r: AuditResult): FindingCode[] => r.notChecked.map((n) => n.code);
const of = (r: AuditResult, code: FindingCode): AuditResult['findings'] => r.findings.filter((f) => f.code === code);
const SNAPSHOT_CHECKS: FindingCode[] = [
  'SUBNET_OVERLAPS_HOST_ROUTE',
  'MTU_MISMATCH',
  'DEFAULT_BRIDGE_IN_USE',
  'IP_FORWARD_OFF',
  'IPV6_NOT_ANALYSED',
];

describe('audit --from-file on the real dumps', () => {
  for (const name of ['20.10.24-thishost-iptables-save.txt', '20.10.24-thishost-nft-list-ruleset.txt']) {
    it(`${name}: the two all-address ports, not the loopback one; host checks not made`, () => {
      const r = audit({ firewall: dump(name) });
      assert.deepEqual(codes(r), ['PUBLISHED_ALL_INTERFACES']);
      assert.deepEqual(
        of(r, 'PUBLISHED_ALL_INTERFACES').map((f) => f.subject),
        [
          { kind: 'port', name: '0.0.0.0:8080/tcp' },
          { kind: 'port', name: '0.0.0.0:32768/tcp' },
        ],
      );
      assert.match(of(r, 'PUBLISHED_ALL_INTERFACES')[0]?.evidence[0] ?? '', /8080.*(DNAT --to-destination|dnat to) 172\.17\.0\.3:80/);
      assert.deepEqual(notChecked(r), SNAPSHOT_CHECKS);
      for (const n of r.notChecked) assert.match(n.why, /needs the engine/);
    });
  }
  for (const flavour of ['28.5.2-moby-iptablesdoc', '29.7.2-moby-iptablesdoc', '29.7.2-moby-nftablesdoc']) {
    const nft = flavour.includes('nftables');
    it(`${flavour}: port 8080 on every address; on 127.0.0.1 it is not`, () => {
      const r = audit({ firewall: dump('moby-generated', `${flavour}-usernet-portmap.txt`) });
      assert.deepEqual(
        of(r, 'PUBLISHED_ALL_INTERFACES').map((f) => [f.subject.name, f.severity]),
        [['0.0.0.0:8080/tcp', 'medium']],
      );
      assert.match(of(r, 'PUBLISHED_ALL_INTERFACES')[0]?.message ?? '', /192\.0\.2\.2:80/);
      assert.deepEqual(audit({ firewall: dump('moby-generated', `${flavour}-usernet-portmap-lo.txt`) }).findings, []);
      assert.deepEqual(audit({ firewall: dump('moby-generated', `${flavour}-new-daemon.txt`) }).findings, []);
    });
    it(`${flavour}: ${nft ? 'INPUT unknown and no DOCKER-USER (not checked, with how it maps)' : 'INPUT accepts and DOCKER-USER is first: nothing to say'}`, () => {
      const r = audit({ firewall: dump('moby-generated', `${flavour}-usernet-portmap.txt`) });
      if (!nft) {
        assert.deepEqual(notChecked(r), SNAPSHOT_CHECKS);
        return;
      }
      assert.deepEqual(notChecked(r), ['PUBLISHED_BYPASSES_INPUT', 'DOCKER_USER_MISSING', ...SNAPSHOT_CHECKS]);
      assert.match(r.notChecked[1]?.why ?? '', /no DOCKER-USER chain.*hook forward.*priority filter - 1.*--bridge-accept-fwmark/);
      assert.ok(!codes(r).includes('DOCKER_USER_MISSING'), 'no false positive on the nftables backend');
    });
  }
});

describe('PUBLISHED_BYPASSES_INPUT', () => {
  it('ufw with INPUT DROP: high, names ufw, the fix, and the evidence', () => {
    const r = audit({ firewall: dump('crafted', '20.10.24-ufw-iptables-save.txt') });
    const [f] = of(r, 'PUBLISHED_BYPASSES_INPUT');
    assert.equal(f?.severity, 'high');
    assert.deepEqual(f?.subject, { kind: 'host', name: 'ufw' });
    assert.match(
      f?.message ?? '',
      /2 port\(s\).*0\.0\.0\.0:8080\/tcp.*INPUT chain never sees them, so ufw's rules do not protect them.*127\.0\.0\.1.*DOCKER-USER/,
    );
    assert.deepEqual(f?.evidence.slice(0, 2), ['-P INPUT DROP', '-A INPUT -j ufw-before-logging-input']);
    assert.equal(f?.evidence.filter((e) => /DNAT/.test(e)).length, 2);
    assert.equal(r.findings[0]?.code, 'PUBLISHED_BYPASSES_INPUT', 'high comes first');
  });
  it('ufw with a rule of yours in DOCKER-USER: medium, and asks to check it', () => {
    const text = readFixture('firewall', 'crafted', '20.10.24-ufw-iptables-save.txt').replace(
      '-A DOCKER-USER -j RETURN',
      '-A DOCKER-USER -j ufw-user-forward\n-A DOCKER-USER -j RETURN',
    );
    const [f] = of(audit({ firewall: parseFirewallDump(text) }), 'PUBLISHED_BYPASSES_INPUT');
    assert.equal(f?.severity, 'medium');
    assert.match(f?.message ?? '', /DOCKER-USER has 1 rule\(s\) of yours/);
    assert.equal(f?.evidence.at(-1), '-A DOCKER-USER -j ufw-user-forward');
  });
  it('firewalld (iptables backend) and a hand-made INPUT DROP are found too', () => {
    assert.equal(
      of(audit({ firewall: dump('crafted', '28.5.2-firewalld-iptables-S.txt') }), 'PUBLISHED_BYPASSES_INPUT')[0]?.subject.name,
      'firewalld',
    );
    assert.equal(
      of(audit({ firewall: dump('crafted', '29.7.2-input-drop-iptables-S.txt') }), 'PUBLISHED_BYPASSES_INPUT')[0]?.subject.name,
      'INPUT DROP',
    );
  });
  it('firewalld beside Docker 29 nftables: the fix is a drop in your own table, not DOCKER-USER', () => {
    const [f] = of(audit({ firewall: dump('crafted', '29.7.2-firewalld-nft-list-ruleset.txt') }), 'PUBLISHED_BYPASSES_INPUT');
    assert.match(f?.message ?? '', /forward-hook base chain of your own nft table.*iifname "eth0"/);
    assert.deepEqual(f?.evidence.slice(0, 2), [
      'table inet firewalld chain filter_INPUT: reject with icmpx admin-prohibited',
      'table inet firewalld',
    ]);
  });
  it('names the uplink and the container when the engine is known', () => {
    const s = scenario((x) => {
      x.host.firewall = dump('crafted', '20.10.24-ufw-iptables-save.txt');
      x.host.defaultRoute = { interface: 'enp3s0', gateway: null };
    });
    const [f] = of(live(s), 'PUBLISHED_BYPASSES_INPUT');
    assert.match(f?.message ?? '', /0\.0\.0\.0:8080\/tcp → gt-web \(172\.17\.0\.3:80\)/);
    assert.match(f?.message ?? '', /-i enp3s0 /);
  });
  it('not when only loopback ports are published, nor when INPUT accepts', () => {
    const lo = readFixture('firewall', 'moby-generated', '29.7.2-moby-iptablesdoc-usernet-portmap-lo.txt').replace(
      '-P INPUT ACCEPT',
      '-P INPUT DROP',
    );
    assert.deepEqual(audit({ firewall: parseFirewallDump(lo) }).findings, []);
    assert.ok(!notChecked(audit({ firewall: dump('20.10.24-thishost-iptables-save.txt') })).includes('PUBLISHED_BYPASSES_INPUT'));
  });
});

describe('DOCKER_USER_MISSING', () => {
  it('a FORWARD rule before the jump', () => {
    const [f] = of(audit({ firewall: dump('crafted', '20.10.24-forward-before-docker-user-iptables-save.txt') }), 'DOCKER_USER_MISSING');
    assert.equal(f?.severity, 'medium');
    assert.deepEqual(f?.evidence, ['-A FORWARD -s 10.0.0.0/8 -j ACCEPT', '-A FORWARD -j DOCKER-USER']);
  });
  it('no DOCKER-USER chain', () => {
    const [f] = of(audit({ firewall: dump('crafted', '20.10.24-no-docker-user-iptables-save.txt') }), 'DOCKER_USER_MISSING');
    assert.equal(f?.evidence.at(-1), '(there is no DOCKER-USER chain)');
  });
  it('not when the jump is first, and not checked without Docker rules', () => {
    assert.deepEqual(of(audit({ firewall: dump('crafted', '20.10.24-ufw-iptables-save.txt') }), 'DOCKER_USER_MISSING'), []);
    const r = audit({ firewall: dump('20.10.24-thishost-container-netns-iptables-save.txt') });
    assert.match(r.notChecked.find((n) => n.code === 'DOCKER_USER_MISSING')?.why ?? '', /no firewall rules/);
  });
});

describe('PUBLISHED_ALL_INTERFACES with the engine', () => {
  it('names the container behind each DNAT rule', () => {
    const fs = of(live(scenario()), 'PUBLISHED_ALL_INTERFACES');
    assert.deepEqual(
      fs.map((f) => f.message.match(/reaches (\S+ \(\S+\))/)?.[1]),
      ['gt-web (172.17.0.3:80)', 'gt-web (172.17.0.3:9000)'],
    );
    assert.match(fs[0]?.message ?? '', /-p 127\.0\.0\.1:8080:80/);
  });
  it("without the firewall it falls back on the engine's bindings, and says what it could not check", () => {
    const r = live(
      scenario((x) => {
        x.host.firewall = null;
        x.host.unavailable = ['Firewall rules need root: run as root or allow sudo -n.'];
      }),
    );
    assert.deepEqual(
      of(r, 'PUBLISHED_ALL_INTERFACES').map((f) => [f.subject.name, f.evidence[0]]),
      [
        ['0.0.0.0:8080/tcp', 'engine: gt-web 0.0.0.0:8080 -> 80/tcp'],
        ['0.0.0.0:32768/tcp', 'engine: gt-web 0.0.0.0:32768 -> 9000/tcp'],
      ],
    );
    assert.deepEqual(notChecked(r), ['PUBLISHED_BYPASSES_INPUT', 'DOCKER_USER_MISSING']);
    assert.match(r.notChecked[0]?.why ?? '', /firewall was not read: Firewall rules need root/);
  });
});

describe('SUBNET_OVERLAPS_HOST_ROUTE', () => {
  it('a VPN route inside a Docker subnet, and a wide route around others; Docker bridges and the default route are ignored', () => {
    const r = live(
      scenario((x) => {
        x.host.routes?.push({ destination: '10.231.0.0/25', gateway: null, interface: 'tun0', metric: 0 });
        x.host.routes?.push({ destination: '172.22.0.0/16', gateway: '192.168.1.254', interface: 'eth0', metric: 0 });
      }),
    );
    const fs = of(r, 'SUBNET_OVERLAPS_HOST_ROUTE');
    assert.deepEqual(
      fs.map((f) => [f.subject.name, f.severity]),
      [
        ['gt-net-a', 'high'],
        ['my_net2', 'high'],
      ],
    );
    assert.match(fs[0]?.message ?? '', /contains the host route 10\.231\.0\.0\/25 via tun0.*default-address-pools/);
    assert.match(fs[1]?.message ?? '', /lies inside the host route 172\.22\.0\.0\/16 via eth0/);
    assert.deepEqual(fs[0]?.evidence, ['network gt-net-a: 10.231.0.0/24 on gt-br-a', 'route: 10.231.0.0/25 dev tun0 metric 0']);
  });
  it('no finding for routes that do not overlap; not checked when routes are unknown', () => {
    assert.deepEqual(of(live(scenario()), 'SUBNET_OVERLAPS_HOST_ROUTE'), []);
    const r = live(scenario((x) => (x.host.routes = null)));
    assert.ok(notChecked(r).includes('SUBNET_OVERLAPS_HOST_ROUTE'));
  });
});

describe('MTU_MISMATCH', () => {
  it('bridges above the uplink, not the internal one nor those at or below it', () => {
    const r = live(
      scenario((x) => {
        x.host.mtu = { ...x.host.mtu, eth0: 1450, 'gt-br-a': 1400 };
      }),
    );
    const names = of(r, 'MTU_MISMATCH').map((f) => f.subject.name);
    assert.ok(names.includes('bridge') && names.includes('my_net2') && names.includes('gt-net-noicc'), names.join());
    assert.ok(!names.includes('gt-net-a') && !names.includes('gt-net-int'), names.join());
    const f = of(r, 'MTU_MISMATCH').find((x) => x.subject.name === 'bridge');
    assert.deepEqual(f?.evidence, ['docker0 mtu 1500', 'eth0 mtu 1450 (default route)', 'com.docker.network.driver.mtu=1500']);
    assert.match(f?.message ?? '', /com\.docker\.network\.driver\.mtu=1450/);
  });
  it('equal MTUs: nothing; unknown MTUs, default route or uplink MTU: not checked', () => {
    assert.deepEqual(of(live(scenario()), 'MTU_MISMATCH'), []);
    for (const edit of [
      (x: Snapshot) => (x.host.mtu = null),
      (x: Snapshot) => (x.host.defaultRoute = null),
      (x: Snapshot) => (x.host.defaultRoute = { interface: 'wg0', gateway: null }),
    ]) {
      assert.ok(notChecked(live(scenario(edit))).includes('MTU_MISMATCH'));
    }
  });
});

describe('DEFAULT_BRIDGE_IN_USE, IP_FORWARD_OFF, IPV6_NOT_ANALYSED', () => {
  it('the containers on the default bridge, low', () => {
    const [f] = of(live(scenario()), 'DEFAULT_BRIDGE_IN_USE');
    assert.equal(f?.severity, 'low');
    assert.deepEqual(f?.subject, { kind: 'network', name: 'bridge' });
    assert.deepEqual(f?.evidence.map((e) => e.split(' ')[0]).sort(), ['gt-def2', 'gt-web']);
    assert.match(f?.message ?? '', /names do not resolve/);
  });
  it('no container on the default bridge: nothing', () => {
    const r = live(
      scenario((x) => {
        x.containers = x.containers.filter((c) => !c.endpoints.some((e) => e.network === 'bridge'));
      }),
    );
    assert.deepEqual(of(r, 'DEFAULT_BRIDGE_IN_USE'), []);
  });
  it('ip_forward off is high; on is nothing; unknown is not checked', () => {
    assert.deepEqual(
      of(live(scenario((x) => (x.host.ipForward = false))), 'IP_FORWARD_OFF').map((f) => [f.severity, f.evidence]),
      [['high', ['/proc/sys/net/ipv4/ip_forward = 0']]],
    );
    assert.deepEqual(of(live(scenario()), 'IP_FORWARD_OFF'), []);
    assert.ok(notChecked(live(scenario((x) => (x.host.ipForward = null)))).includes('IP_FORWARD_OFF'));
  });
  it('IPv6 bindings are info, unless the firewall has their IPv6 rule', () => {
    const fs = of(live(scenario()), 'IPV6_NOT_ANALYSED');
    assert.deepEqual(
      fs.map((f) => [f.subject.name, f.severity]),
      [
        ['[::]:8080/tcp', 'info'],
        ['[::]:32768/tcp', 'info'],
      ],
    );
    const covered = scenario((x) => {
      const fw = x.host.firewall;
      if (fw)
        fw.published.push({
          hostIp: null,
          hostPort: 8080,
          protocol: 'tcp',
          containerIp: 'fd00::3',
          containerPort: 80,
          bridge: 'docker0',
          family: 'ipv6',
          rule: '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination [fd00::3]:80',
        });
    });
    assert.deepEqual(
      of(live(covered), 'IPV6_NOT_ANALYSED').map((f) => f.subject.name),
      ['[::]:32768/tcp'],
    );
  });
});

describe('the whole live audit and its renderings', () => {
  const r = live(
    scenario((x) => {
      x.host.firewall = dump('crafted', '20.10.24-ufw-iptables-save.txt');
      x.host.ipForward = false;
    }),
  );
  it('is sorted by severity, and every check was made', () => {
    const order = ['high', 'medium', 'low', 'info'];
    const ranks = r.findings.map((f) => order.indexOf(f.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    assert.deepEqual(r.notChecked, []);
    assert.deepEqual(codes(r), [
      'PUBLISHED_BYPASSES_INPUT',
      'IP_FORWARD_OFF',
      'PUBLISHED_ALL_INTERFACES',
      'DEFAULT_BRIDGE_IN_USE',
      'IPV6_NOT_ANALYSED',
    ]);
  });
  it('markdown: errors, then warnings, then info, evidence in code blocks', () => {
    const md = auditMarkdown(r, 'The engine at unix:///var/run/docker.sock');
    const at = (s: string): number => md.indexOf(s);
    assert.ok(at('## Errors') > 0 && at('## Errors') < at('## Warnings') && at('## Warnings') < at('## Info'), md);
    assert.match(md, /### PUBLISHED_BYPASSES_INPUT: host ufw \(high\)\n\n.*\n\n```text\n-P INPUT DROP\n/);
    assert.match(md, /net\.ipv4\.ip\\_forward/);
    assert.ok(!md.includes('## Not checked'));
  });
  it('markdown and text list the checks not made', () => {
    const fileOnly = audit({ firewall: dump('moby-generated', '29.7.2-moby-nftablesdoc-usernet-portmap.txt') });
    assert.match(auditMarkdown(fileOnly, 'x'), /## Not checked\n\n- \*\*PUBLISHED_BYPASSES_INPUT\*\*: /);
    const text = formatAudit(fileOnly, 'dump.txt');
    assert.match(text, /^audit of dump\.txt: 1 finding \(1 medium\), 7 checks not made\n/);
    assert.match(text, /\nWARNINGS\n {2}\[medium\] PUBLISHED_ALL_INTERFACES {2}port 0\.0\.0\.0:8080\/tcp\n/);
    assert.match(text, /\nNOT CHECKED\n {2}PUBLISHED_BYPASSES_INPUT: /);
  });
});
