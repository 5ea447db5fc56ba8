// The explain route drawn hop by hop, on the captured 20.10 scenario (Engine API fixtures and the
// firewall dump of the same host): where it goes, where it stops, and the commands that show it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFirewallDump } from '../../src/analysis/firewall';
import { explain } from '../../src/analysis/reachability';
import type { RouteHop } from '../../src/analysis/explainTypes';
import type { Snapshot } from '../../src/shared/model';
import { capturedSnapshot, readFixture } from '../helpers/fixtures';

function scenario(): Snapshot {
  const s = capturedSnapshot();
  s.host.firewall = parseFirewallDump(readFixture('firewall', '20.10.24-thishost-iptables-save.txt'));
  s.host.ipForward = true;
  // The captured API has no host side: give the two containers' endpoints their veths.
  for (const c of s.containers)
    for (const [i, ep] of c.endpoints.entries())
      if (c.name === 'gt-a1' || c.name === 'gt-multi') ep.hostVeth = `veth${c.name.slice(3)}${i}`;
  return s;
}
const snap = scenario();
const kinds = (hops: RouteHop[]): string[] => hops.map((h) => h.kind);
const route = (a: string, b: string, port: number | null = null, s = snap): NonNullable<ReturnType<typeof explain>['route']> => {
  const r = explain(s, a, b, port).route;
  assert.ok(r, 'explain always draws a route');
  if (process.env['DNE_PRINT_ROUTES'])
    console.log(
      `${a} → ${b}`,
      JSON.stringify(
        r.hops.map((h) => [h.kind, h.label, h.address, h.stop?.short, h.command]),
        null,
        1,
      ),
    );
  return r;
};

describe('explain route, hop by hop', () => {
  it('two containers on one network: eth0 → veth → bridge → veth → eth0, each hop with its command', () => {
    const r = route('gt-a1', 'gt-multi');
    assert.equal(r.arrives, true);
    assert.deepEqual(kinds(r.hops), ['interface', 'veth', 'bridge', 'veth', 'interface']);
    const [a, va, br, vb, b] = r.hops;
    assert.match(a?.label ?? '', /^gt-a1 eth\d$/);
    assert.match(b?.label ?? '', /^gt-multi eth\d$/);
    assert.match(va?.label ?? '', /^veth/);
    assert.notEqual(va?.label, vb?.label, "each side's own veth");
    assert.match(br?.label ?? '', /^gt-net-a \(gt-br-a\)$/, 'the network by name, the Linux bridge as the detail');
    assert.match(va?.command ?? '', /^ip link show veth/);
    assert.match(br?.command ?? '', /^brctl show gt-br-a$/);
    assert.match(a?.command ?? '', /nsenter -t \d+ -n ip addr show eth\d|docker exec gt-a1 ip addr show/);
    assert.deepEqual(
      r.hops.map((h) => h.at?.kind ?? null),
      ['container', null, 'network', null, 'container'],
    );
  });

  it('icc=false stops it at the bridge, named icc=false, with the FORWARD rule and its command', () => {
    const r = route('gt-noicc1', 'gt-noicc2');
    assert.equal(r.arrives, false);
    const last = r.hops.at(-1);
    assert.equal(last?.kind, 'bridge');
    assert.equal(last?.stop?.code, 'ICC_DISABLED');
    assert.equal(last?.stop?.short, 'icc=false');
    assert.match(last?.stop?.rule ?? '', /DROP/);
  });

  it('across isolated networks: A’s side up to its bridge, then the isolation hop with its chain', () => {
    const r = route('gt-a1', 'gt-web');
    assert.equal(r.arrives, false);
    assert.equal(r.way, null);
    assert.deepEqual(kinds(r.hops), ['interface', 'veth', 'bridge', 'firewall']);
    const stop = r.hops.at(-1);
    assert.equal(stop?.stop?.code, 'ISOLATED_BRIDGES');
    assert.equal(stop?.label, 'isolation');
    assert.match(stop?.why ?? '', /gt-net-a/);
    assert.match(stop?.stop?.rule ?? '', /^-A DOCKER-ISOLATION-STAGE-\d .*gt-br-a/, "the rule that isolates A's bridge");
    assert.match(stop?.command ?? '', /iptables -S DOCKER-ISOLATION-STAGE-\d$/);
  });

  it('joined containers talk over loopback: one hop in the owner’s netns', () => {
    const r = route('gt-joined', 'gt-a1');
    assert.equal(r.arrives, true);
    assert.deepEqual(kinds(r.hops), ['loopback']);
    assert.match(r.hops[0]?.label ?? '', /127\.0\.0\.1/);
  });

  it('a stopped container or --network none is the only hop, on that container, and stops there', () => {
    const stopped = route('gt-a1', 'gt-stopped');
    assert.equal(stopped.hops.length, 1);
    assert.equal(stopped.hops[0]?.stop?.code, 'NOT_RUNNING');
    assert.equal(stopped.hops[0]?.at?.kind, 'container');
    assert.match(stopped.hops[0]?.label ?? '', /^gt-stopped/);
    const none = route('gt-none', 'gt-a1');
    assert.equal(none.hops[0]?.stop?.code, 'NETWORK_NONE');
    assert.match(none.hops[0]?.label ?? '', /^gt-none/);
  });

  it('from the host: the host, then the bridge, the veth and the container', () => {
    const r = route('host', 'gt-a1');
    assert.equal(r.arrives, true);
    assert.deepEqual(kinds(r.hops), ['host', 'bridge', 'veth', 'interface']);
    assert.match(r.hops[0]?.command ?? '', /ip route get 10\.231\.0\.10$/);
  });

  it('from outside to a published port: client → host → DNAT (its rule) → bridge → veth → container', () => {
    const web = snap.containers.find((c) => c.name === 'gt-web');
    const port = web?.ports.find((p) => p.hostPort !== null)?.containerPort ?? null;
    assert.ok(port, 'gt-web publishes a port');
    const r = route('192.0.2.10', 'gt-web', port);
    assert.deepEqual(kinds(r.hops).slice(0, 3), ['outside', 'host', 'nat']);
    assert.deepEqual(kinds(r.hops).slice(3), ['bridge', 'veth', 'interface']);
    assert.match(r.hops[2]?.command ?? '', /iptables -t nat -S DOCKER/);
  });
});

describe('explain route over a hand-made veth', () => {
  it('two containers linked by hand: one hop in each netns, with the command that shows the interface', () => {
    const s = scenario();
    const a = s.containers.find((c) => c.name === 'gt-none');
    const b = s.containers.find((c) => c.name === 'gt-a1');
    assert.ok(a && b);
    const end = (
      name: string,
      address: string,
      peer: string,
      ifname: string,
      dest: string,
    ): NonNullable<typeof a.manualInterfaces>[number] => ({
      name,
      kind: 'manual',
      linkKind: 'veth',
      mac: null,
      up: true,
      addresses: [address],
      peer: { container: peer, ifname, hostIfname: null },
      bridge: null,
      routes: [{ destination: dest, gateway: null, interface: name, metric: 0 }],
    });
    a.manualInterfaces = [end('p2p-a', '10.1.1.1/32', 'gt-a1', 'p2p-b', '10.1.1.2/32')];
    b.manualInterfaces = [end('p2p-b', '10.1.1.2/32', 'gt-none', 'p2p-a', '10.1.1.1/32')];
    const r = route('gt-none', 'gt-a1', null, s);
    assert.equal(r.arrives, true);
    assert.deepEqual(
      r.hops.map((h) => [h.kind, h.label, h.address]),
      [
        ['interface', 'gt-none p2p-a', '10.1.1.1/32'],
        ['interface', 'gt-a1 p2p-b', '10.1.1.2/32'],
      ],
    );
    assert.match(r.hops[0]?.command ?? '', /ip -d addr show p2p-a$/);
  });
});

describe('the graph card names the command of each hop', () => {
  it('egressWhy ends each hop with the command that shows it', async () => {
    const { egressWhy } = await import('../../src/report/pathBoxes');
    const { containerPath } = await import('../../src/analysis/paths');
    const a1 = snap.containers.find((c) => c.name === 'gt-a1');
    assert.ok(a1);
    const lines = egressWhy(containerPath(a1, snap).egress);
    assert.ok(
      lines.some((l) => l.startsWith('gt-net-a (gt-br-a): ') && l.endsWith(' · $ brctl show gt-br-a')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => l.startsWith('MASQUERADE: ') && l.includes('$ sudo iptables -t nat -S POSTROUTING')),
      lines.join('\n'),
    );
  });
});
