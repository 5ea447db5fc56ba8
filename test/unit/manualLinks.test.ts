// Hand-made links, pure parts: the planned ip argv, names, address picking and validation, and the
// core flow with a fake Plumbing (a refused request runs nothing).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachIfname, ipArgv, p2pIfname, planAttach, planLink, planRemove, shortHash, tempNames } from '../../src/core/linkPlan';
import { attachAddress, bridgeNetwork, linkAddresses } from '../../src/core/linkValidate';
import { attach, createLink, detach, type Plumbing } from '../../src/core/manualLinks';
import { parseAttachRequest, parseLinkRequest } from '../../src/core/parseRequests';
import { ValidationError } from '../../src/core/validate';
import { PlumbingError, runSteps } from '../../src/host/netnsPlumbing';
import type { Snapshot } from '../../src/shared/model';
import { capturedSnapshot } from '../helpers/fixtures';

/** The captured snapshot with every running container's netns read (no hand-made interface yet). */
function snap(): Snapshot {
  const s = capturedSnapshot();
  for (const c of s.containers) c.manualInterfaces = c.state === 'running' ? [] : c.manualInterfaces;
  s.host.engineNetns = { pid: 900, inode: 1, same: false, kind: 'other', how: 'test' };
  return s;
}

class FakePlumbing implements Plumbing {
  ran: string[][] = [];
  constructor(private readonly denied?: string) {}
  access(): 'root' {
    if (this.denied) throw new Error(this.denied);
    return 'root';
  }
  run(steps: Parameters<Plumbing['run']>[0]): Promise<string[]> {
    this.ran.push(...steps.map((s) => s.args));
    return Promise.resolve(steps.map((s) => ipArgv(s.where, s.args, 'root').join(' ')));
  }
  hasDefaultRoute(): boolean {
    return false;
  }
}

const fresh = (s: Snapshot) => ({ refresh: () => Promise.resolve(s) });

describe('linkPlan: the ip argv sequence', () => {
  const engine = { kind: 'engine', pid: 900 } as const;
  const a = { container: 'a', pid: 11, ifname: 'p2p-b', address: '10.1.1.1/32' };
  const b = { container: 'b', pid: 22, ifname: 'p2p-a', address: '10.1.1.2/32' };

  it('plans tutorial 003 point to point: veth in the engine netns, one end into each container, /32 route to the peer', () => {
    const t = tempNames('k');
    const steps = planLink(engine, a, b, 'k');
    assert.deepEqual(
      steps.map((s) => ipArgv(s.where, s.args, 'root').join(' ')),
      [
        `nsenter -t 900 -n -- ip link add ${t.a} type veth peer name ${t.b}`,
        `nsenter -t 900 -n -- ip link set dev ${t.a} netns 11`,
        `nsenter -t 900 -n -- ip link set dev ${t.b} netns 22`,
        `nsenter -t 11 -n -- ip link set dev ${t.a} name p2p-b`,
        'nsenter -t 11 -n -- ip addr add 10.1.1.1/32 dev p2p-b',
        'nsenter -t 11 -n -- ip link set dev p2p-b up',
        'nsenter -t 11 -n -- ip route add 10.1.1.2/32 dev p2p-b',
        `nsenter -t 22 -n -- ip link set dev ${t.b} name p2p-a`,
        'nsenter -t 22 -n -- ip addr add 10.1.1.2/32 dev p2p-a',
        'nsenter -t 22 -n -- ip link set dev p2p-a up',
        'nsenter -t 22 -n -- ip route add 10.1.1.1/32 dev p2p-a',
      ],
    );
    assert.ok(steps[0]?.undo && steps[1]?.undo, 'the pair is undone wherever its end is');
  });

  it('plans attach: host end enslaved and up in the engine netns, the other end moved, address and default route', () => {
    const steps = planAttach(
      { kind: 'engine', pid: null },
      { container: 'n', pid: 33, bridge: 'docker0', address: '172.17.0.200/16', gateway: '172.17.0.1', defaultRoute: true, key: 'x' },
    );
    const lines = steps.map((s) => ipArgv(s.where, s.args, 'root').join(' '));
    const t = tempNames('x');
    assert.equal(lines[0], `ip link add ${t.host} type veth peer name ${t.a}`);
    assert.equal(lines[1], `ip link set dev ${t.host} master docker0`);
    assert.ok(lines.includes(`ip link set dev ${t.a} netns 33`));
    assert.ok(lines.includes('nsenter -t 33 -n -- ip route add default via 172.17.0.1 dev dne-docker0'));
    const noDefault = planAttach(
      { kind: 'engine', pid: null },
      {
        ...{ container: 'n', pid: 33, bridge: 'docker0' },
        address: '172.17.0.200/16',
        gateway: '172.17.0.1',
        defaultRoute: false,
        key: 'x',
      },
    );
    assert.ok(!noDefault.some((s) => s.args.includes('default')));
  });

  it('removes by deleting one end; a rootless user enters through the user namespace', () => {
    assert.deepEqual(
      planRemove('a', 11, 'p2p-b').map((s) => ipArgv(s.where, s.args, 'userns').join(' ')),
      ['nsenter -U --preserve-credentials -n -t 11 -- ip link del dev p2p-b'],
    );
  });

  it('names are deterministic and fit IFNAMSIZ (15)', () => {
    assert.equal(shortHash('abc'), shortHash('abc'));
    assert.notEqual(shortHash('abc'), shortHash('abd'));
    assert.equal(p2pIfname('web', 'id1', new Set()), 'p2p-web');
    assert.equal(p2pIfname('dne-test-mlink-b', 'id1', new Set()), 'p2p-est-mlink-b');
    assert.equal(p2pIfname('web', 'id1', new Set(['p2p-web'])), `p2p-${shortHash('id1')}`);
    assert.equal(attachIfname('br-0123456789ab'), 'dne-br-01234567');
    for (const n of [...Object.values(tempNames('k')), p2pIfname('a'.repeat(40), 'x', new Set()), attachIfname('b'.repeat(30))])
      assert.ok(n.length <= 15, n);
  });
});

describe('linkValidate: addresses and refusals', () => {
  it('picks a free /32 pair outside every Docker network and every address already held', () => {
    const s = snap();
    assert.deepEqual(linkAddresses(s), { a: '10.253.0.1/32', b: '10.253.0.2/32' });
    const c = s.containers.find((x) => x.state === 'running');
    assert.ok(c);
    c.manualInterfaces = [
      {
        name: 'p2p-x',
        kind: 'manual',
        linkKind: 'veth',
        mac: null,
        up: true,
        addresses: ['10.253.0.1/32'],
        peer: null,
        bridge: null,
        routes: [],
      },
    ];
    assert.deepEqual(linkAddresses(s), { a: '10.253.0.5/32', b: '10.253.0.6/32' });
    s.host.routes = [{ destination: '10.253.0.0/29', gateway: null, interface: 'x', metric: 0 }];
    assert.deepEqual(linkAddresses(s), { a: '10.253.0.9/32', b: '10.253.0.10/32' });
  });

  it('refuses one address without the other, the same address twice, and one inside a Docker network', () => {
    const s = snap();
    assert.throws(() => linkAddresses(s, '10.1.1.1'), /both addresses/);
    assert.throws(() => linkAddresses(s, '10.1.1.1', '10.1.1.1/32'), /Both ends/);
    assert.throws(() => linkAddresses(s, '10.231.0.9', '10.1.1.2'), /inside Docker network "gt-net-a"/);
    assert.throws(() => linkAddresses(s, 'fd00::1', '10.1.1.2'), /not IPv4/);
    assert.deepEqual(linkAddresses(s, '10.1.1.1', '10.1.1.2/32'), { a: '10.1.1.1/32', b: '10.1.1.2/32' });
  });

  it("attach: a network name or its bridge; the address inside the subnet, not the gateway, not an endpoint's", () => {
    const s = snap();
    const net = bridgeNetwork('gt-net-a', s);
    assert.equal(bridgeNetwork(net.bridge, s).name, 'gt-net-a');
    assert.throws(() => bridgeNetwork('host', s), /only a bridge network/);
    assert.throws(() => bridgeNetwork('nope', s), /No bridge or network/);
    assert.deepEqual(attachAddress(s, net, '10.231.0.20'), { address: '10.231.0.20/24', gateway: '10.231.0.254', subnet: '10.231.0.0/24' });
    assert.throws(() => attachAddress(s, net, '10.9.9.9/24'), /outside the subnet/);
    assert.throws(() => attachAddress(s, net, '10.231.0.254'), /is the gateway/);
    assert.throws(() => attachAddress(s, net, '10.231.0.20/16'), /use \/24/);
    const used = s.containers.flatMap((c) => c.endpoints).find((e) => e.network === 'gt-net-a' && e.ipv4);
    assert.ok(used?.ipv4);
    assert.throws(() => attachAddress(s, net, used.ipv4 ?? ''), /already used by Docker's endpoint/);
    // No --gateway on the network: Docker's rule, the subnet's first address.
    const plain = bridgeNetwork('gt-net-noicc', s);
    assert.equal(
      attachAddress(s, { ...plain, subnets: plain.subnets.map((x) => ({ ...x, gateway: null, effectiveGateway: null })) }, '10.233.0.9')
        .gateway,
      '10.233.0.1',
    );
  });
});

describe('manualLinks: validation before any change', () => {
  const running = (s: Snapshot, kind: string): string =>
    s.containers.find((c) => c.state === 'running' && c.networkModeKind === kind)?.name ?? '';

  it('creates a link through the plumbing, with the command lines it ran', async () => {
    const s = snap();
    const p = new FakePlumbing();
    const r = await createLink(fresh(s), { a: running(s, 'none'), b: running(s, 'network') }, p);
    assert.equal(r.action, 'link create');
    assert.equal(r.commands.length, 11);
    assert.ok(r.commands[0]?.startsWith('nsenter -t 900 -n -- ip link add '));
  });

  it('refuses before running anything: not root, host mode, not running, unread netns, no such link', async () => {
    const s = snap();
    const none = running(s, 'none');
    const denied = new FakePlumbing('link/attach need root: test');
    await assert.rejects(createLink(fresh(s), { a: none, b: running(s, 'network') }, denied), /need root/);
    assert.equal(denied.ran.length, 0);
    const p = new FakePlumbing();
    await assert.rejects(createLink(fresh(s), { a: none, b: running(s, 'host') }, p), /host network/);
    await assert.rejects(createLink(fresh(s), { a: none, b: 'gt-stopped' }, p), /exited|Start it first/);
    await assert.rejects(createLink(fresh(s), { a: none, b: none }, p), /share one netns/);
    await assert.rejects(detach(fresh(s), { container: none }, p), /not attached/);
    await assert.rejects(attach(fresh(s), { container: none, bridge: 'gt-net-a', address: '10.9.9.9/24' }, p), ValidationError);
    const unread = capturedSnapshot();
    await assert.rejects(createLink(fresh(unread), { a: running(unread, 'none'), b: running(unread, 'network') }, p), /could not be read/);
    assert.equal(p.ran.length, 0);
  });

  it('parses script arguments into requests', () => {
    assert.deepEqual(parseLinkRequest({ a: 'x', b: 'y', addressA: ' 10.1.1.1 ' }), {
      a: 'x',
      b: 'y',
      addressA: '10.1.1.1',
      addressB: undefined,
    });
    assert.throws(() => parseAttachRequest({ container: 'x', bridge: 'docker0' }), /address is required/);
  });
});

describe('netnsPlumbing: a failure midway undoes what was made', () => {
  it('runs the undo lines newest first and says what failed', async () => {
    const engine = { kind: 'engine', pid: null } as const;
    const steps = [
      { where: engine, args: ['link', 'show', 'dev', 'lo'], undo: { where: engine, args: ['link', 'show', 'dev', 'lo'] } },
      { where: engine, args: ['link', 'show', 'dev', 'dne-no-such-if'] },
    ];
    await assert.rejects(runSteps(steps, 'root'), (err: unknown) => {
      assert.ok(err instanceof PlumbingError);
      assert.match(err.message, /ip link show dev dne-no-such-if` failed/);
      assert.deepEqual(err.commands, ['ip link show dev lo', 'ip link show dev dne-no-such-if', '# undo: ip link show dev lo']);
      return true;
    });
  });
});
