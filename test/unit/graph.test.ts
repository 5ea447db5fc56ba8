// Snapshot → graph model on the captured scenario: every network mode, joined grouping, published
// ports, NAT markers, and ids that match the tree's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildGraph,
  natOf,
  searchText,
  type ContainerNode,
  type EndpointLink,
  type GraphLink,
  type GraphModel,
  type GraphNode,
  type NetworkNode,
  type PortNode,
  type UplinkLink,
} from '../../src/shared/graph';
import type { Snapshot } from '../../src/shared/model';
import { childrenOf } from '../../src/tree/treeModel';
import { fixtureSnapshot } from '../webview/fixture';

const snap = fixtureSnapshot();
const g = buildGraph(snap);

function ctr(name: string, m: GraphModel = g): ContainerNode {
  const n = m.nodes.find((x): x is ContainerNode => x.kind === 'container' && x.name === name);
  assert.ok(n, `container ${name}`);
  return n;
}
function net(name: string, m: GraphModel = g): NetworkNode {
  const n = m.nodes.find((x): x is NetworkNode => x.kind === 'network' && x.name === name);
  assert.ok(n, `network ${name}`);
  return n;
}
const linksOf = (id: string, kind?: GraphLink['kind'], m: GraphModel = g): GraphLink[] =>
  m.links.filter((l) => (l.source === id || l.target === id) && (!kind || l.kind === kind));
const uplink = (n: NetworkNode, m: GraphModel = g): UplinkLink => {
  const l = m.links.find((x): x is UplinkLink => x.kind === 'uplink' && x.target === n.id);
  assert.ok(l, `uplink of ${n.name}`);
  return l;
};

describe('graph model: nodes', () => {
  it('has one host node, a node per drawn network and per container', () => {
    assert.equal(g.nodes.filter((n) => n.kind === 'host').length, 1);
    assert.deepEqual(
      g.nodes
        .filter((n) => n.kind === 'network')
        .map((n) => n.name)
        .sort(),
      ['bridge', 'gt-net-a', 'gt-net-int', 'gt-net-noicc', 'my_net2'],
    );
    assert.equal(g.nodes.filter((n) => n.kind === 'container').length, snap.containers.length);
  });
  it('does not draw the host and none pseudo-networks as networks', () => {
    assert.ok(!g.nodes.some((n) => n.kind === 'network' && (n.name === 'host' || n.name === 'none')));
    assert.ok(!g.links.some((l) => l.kind === 'endpoint' && l.networkName === 'host'));
  });
  it('gives a network its driver, subnet, gateway and bridge name', () => {
    const a = net('gt-net-a');
    assert.equal(a.driver, 'bridge');
    assert.deepEqual(a.subnets, ['10.231.0.0/24']);
    assert.deepEqual(a.gateways, ['10.231.0.254']);
    assert.equal(a.bridge, 'gt-br-a');
    assert.equal(a.id, `net:${a.networkId}`);
  });
  it('marks the default bridge, internal and icc=false networks', () => {
    assert.equal(net('bridge').isDefault, true);
    assert.equal(net('gt-net-a').isDefault, false);
    assert.equal(net('gt-net-int').internal, true);
    assert.equal(net('gt-net-noicc').icc, false);
    assert.equal(net('gt-net-a').icc, true);
  });
  it('gives containers their state', () => {
    assert.equal(ctr('gt-a1').running, true);
    assert.equal(ctr('gt-stopped').state, 'created');
    assert.equal(ctr('gt-stopped').running, false);
  });
});

describe('graph model: every network mode', () => {
  it('bridge mode: an endpoint link to the default bridge with its IP and eth0 ⇄ veth', () => {
    const c = ctr('gt-def2');
    const [l] = linksOf(c.id, 'endpoint') as EndpointLink[];
    assert.equal(l?.target, net('bridge').id);
    assert.equal(l?.label, '172.17.0.4/16');
    assert.match(l?.sublabel ?? '', /^eth0 ⇄ veth[0-9a-f]{6}0$/);
  });
  it('user network: the endpoint link carries the static IP', () => {
    const [l] = linksOf(ctr('gt-a1').id, 'endpoint') as EndpointLink[];
    assert.equal(l?.label, '10.231.0.10/24');
    assert.equal(l?.staticIp, true);
  });
  it('two networks: two endpoint links', () => {
    const ls = linksOf(ctr('gt-multi').id, 'endpoint') as EndpointLink[];
    assert.deepEqual(ls.map((l) => l.networkName).sort(), ['gt-net-a', 'gt-net-int']);
    assert.deepEqual(ctr('gt-multi').networks.sort(), ['gt-net-a', 'gt-net-int']);
  });
  it('host mode: on the host, no endpoint link', () => {
    const c = ctr('gt-host');
    assert.equal(c.onHost, true);
    assert.deepEqual(
      linksOf(c.id).map((l) => [l.kind, l.target]),
      [['hostmode', 'host']],
    );
  });
  it('none mode: alone, loopback only', () => {
    const c = ctr('gt-none');
    assert.equal(c.loopbackOnly, true);
    assert.deepEqual(linksOf(c.id), []);
  });
  it('joined: one "shares netns" link to its owner and no endpoint of its own', () => {
    const j = ctr('gt-joined');
    const owner = ctr('gt-a1');
    assert.equal(j.netnsOwner, owner.id);
    assert.deepEqual(
      linksOf(j.id).map((l) => [l.kind, l.source, l.target, l.id]),
      [['netns', j.id, owner.id, `netns:${j.containerId}`]],
    );
  });
  it('stopped: the configured endpoint, without an address', () => {
    const [l] = linksOf(ctr('gt-stopped').id, 'endpoint') as EndpointLink[];
    assert.equal(l?.ipv4, null);
    assert.equal(l?.label, 'no address (created)');
    assert.equal(l?.sublabel, null);
  });
  it('endpoint link ids are the tree member ids, so a click reveals the same item', () => {
    const members = snap.networks.flatMap((n) =>
      childrenOf(snap, { kind: 'network', id: `net:${n.id}`, network: n }, { showBuiltinNetworks: true }),
    );
    const drawn = members
      .filter((m) => m.kind === 'member' && m.network.driver !== 'host' && m.network.driver !== 'null')
      .map((m) => m.id)
      .sort();
    assert.deepEqual(
      g.links
        .filter((l) => l.kind === 'endpoint')
        .map((l) => l.id)
        .sort(),
      drawn,
    );
  });
});

describe('graph model: published ports', () => {
  const web = ctr('gt-web');
  const ports = g.nodes.filter((n): n is PortNode => n.kind === 'port' && n.container === web.id);
  it('one node per host port, 0.0.0.0 and :: together', () => {
    assert.deepEqual(ports.map((p) => p.label).sort(), ['127.0.0.1:32769/tcp', ':32768/tcp', ':8080/tcp']);
    assert.deepEqual(ports.find((p) => p.hostPort === 8080)?.hostIps.sort(), ['0.0.0.0', '::']);
  });
  it('a publish link from each port to the container port', () => {
    const pubs = g.links.filter((l) => l.kind === 'publish' && l.target === web.id);
    assert.equal(pubs.length, 3);
    assert.deepEqual(pubs.map((l) => (l.kind === 'publish' ? l.label : '')).sort(), ['→ 80/tcp', '→ 80/tcp', '→ 9000/tcp']);
  });
  it('containers without published ports have no port nodes', () => {
    assert.ok(!g.nodes.some((n) => n.kind === 'port' && n.container === ctr('gt-a1').id));
  });
});

describe('graph model: NAT markers on host ⇄ bridge', () => {
  it('MASQUERADE with the rule where the firewall masquerades the subnet', () => {
    const l = uplink(net('gt-net-a'));
    assert.equal(l.nat, 'masquerade');
    assert.equal(l.label, 'MASQUERADE');
    assert.equal(l.rule, '-A POSTROUTING -s 10.231.0.0/24 ! -o gt-br-a -j MASQUERADE');
    assert.equal(uplink(net('bridge')).rule, '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
  });
  it('no NAT marker for an internal network', () => {
    const l = uplink(net('gt-net-int'));
    assert.equal(l.nat, 'internal');
    assert.equal(l.rule, null);
    assert.doesNotMatch(l.label, /MASQUERADE/);
  });
  it('"assumed" when the firewall was not read', () => {
    const m = buildGraph(fixtureSnapshot({ firewall: false }));
    assert.equal(uplink(net('gt-net-a', m), m).nat, 'assumed');
    assert.equal(uplink(net('gt-net-int', m), m).nat, 'internal');
  });
  it('routed and masquerade-off bridges have no NAT', () => {
    const s: Snapshot = fixtureSnapshot();
    const a = s.networks.find((n) => n.name === 'gt-net-a');
    const b = s.networks.find((n) => n.name === 'my_net2');
    assert.ok(a && b && s.host.firewall);
    s.host.firewall.routed.push('gt-br-a');
    assert.equal(natOf(a, s).nat, 'routed');
    s.host.firewall.masquerade = [];
    b.masquerade = false;
    assert.equal(natOf(b, s).nat, 'no-masquerade');
  });
  it('another driver is marked as such', () => {
    const s = fixtureSnapshot();
    const n = s.networks.find((x) => x.name === 'my_net2');
    assert.ok(n);
    n.driver = 'overlay';
    const m = buildGraph(s);
    assert.equal(uplink(net('my_net2', m), m).nat, 'other');
    assert.equal(uplink(net('my_net2', m), m).label, 'overlay');
  });
});

describe('graph model: search text', () => {
  it('has names, networks, image and labels', () => {
    const c = ctr('gt-a1');
    const t = searchText(c);
    assert.ok(t.includes('gt-a1') && t.includes('gt-net-a'));
    for (const [k, v] of Object.entries(c.labels)) assert.ok(t.includes(`${k}=${v}`.toLowerCase()));
    const host: GraphNode | undefined = g.nodes.find((n) => n.kind === 'host');
    assert.equal(host && searchText(host), 'host');
  });
});
