import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerInfo, Snapshot } from '../../src/shared/model';
import { childrenOf, containerAddresses, type TreeNode } from '../../src/tree/treeModel';
import { treeSignature } from '../../src/tree/treeSignature';
import { capturedSnapshot } from '../helpers/fixtures';
import { fixtureSnapshot } from '../webview/fixture';

const snap = capturedSnapshot();

const name = (n: TreeNode): string => {
  switch (n.kind) {
    case 'group':
      return n.label;
    case 'network':
      return n.network.name;
    case 'mode':
      return n.mode;
    case 'member':
    case 'container':
    case 'joined':
      return n.container.name;
    case 'endpoint':
      return n.endpoint.network;
    case 'bridge':
      return n.name;
    case 'fact':
      return n.label;
    case 'project':
      return n.project.name;
    case 'service':
      return n.container.compose?.service ?? n.container.name;
    case 'projectNetwork':
      return n.network.name;
    case 'manual':
      return n.iface.name;
    case 'lab':
      return n.lab.id;
  }
};
const kids = (n: TreeNode | undefined, showBuiltinNetworks = true): TreeNode[] => childrenOf(snap, n, { showBuiltinNetworks });
const pick = (nodes: TreeNode[], label: string): TreeNode => {
  const n = nodes.find((x) => name(x) === label);
  assert.ok(n, `${label} in ${nodes.map(name).join(',')}`);
  return n;
};

describe('tree model', () => {
  it('has Networks, Containers, Labs and Host at the root', () => {
    // No host read: the Host group says its netns is unknown rather than pass for the host's.
    assert.deepEqual(kids(undefined).map(name), ['Networks', 'Containers', 'Labs', 'Host (engine netns unknown)']);
    const rootless = {
      ...snap,
      host: { ...snap.host, engineNetns: { pid: 7, inode: 9, same: false, kind: 'rootless' as const, how: 'test' } },
    };
    assert.equal(name(childrenOf(rootless, undefined, { showBuiltinNetworks: true })[3] as TreeNode), 'Host (rootless engine netns)');
  });
  it('hides built-in networks on request', () => {
    const all = kids(pick(kids(undefined), 'Networks')).map(name);
    const user = kids(pick(kids(undefined, false), 'Networks'), false).map(name);
    assert.ok(all.includes('bridge') && all.includes('host') && all.includes('none'));
    assert.deepEqual(
      user.filter((n) => ['bridge', 'host', 'none'].includes(n)),
      [],
    );
  });
  it('lists members of a network, and the joined container under its owner', () => {
    const netA = pick(kids(pick(kids(undefined), 'Networks')), 'gt-net-a');
    const members = kids(netA);
    assert.deepEqual(members.map(name).sort(), ['gt-a1', 'gt-multi', 'gt-stopped']);
    assert.deepEqual(kids(pick(members, 'gt-a1')).map(name), ['gt-joined']);
  });
  it('groups containers by mode and never lists a joined one at top level', () => {
    const modes = kids(pick(kids(undefined), 'Containers'));
    assert.deepEqual(modes.map(name), ['bridge', 'host', 'none']);
    assert.deepEqual(kids(pick(modes, 'host')).map(name), ['gt-host']);
    assert.deepEqual(kids(pick(modes, 'none')).map(name), ['gt-none']);
    assert.ok(!kids(pick(modes, 'bridge')).map(name).includes('gt-joined'));
    const multi = kids(pick(kids(pick(modes, 'bridge')), 'gt-multi'));
    assert.deepEqual(multi.map(name), ['gt-net-a', 'gt-net-int']);
  });
  it('gives every node a unique, stable id', () => {
    const collect = (n: TreeNode | undefined, out: string[] = []): string[] => {
      for (const c of kids(n)) {
        out.push(c.id);
        collect(c, out);
      }
      return out;
    };
    const ids = collect(undefined);
    assert.equal(new Set(ids).size, ids.length);
    const again = collect(undefined);
    assert.deepEqual(again, ids);
  });
});

describe('treeSignature (derived from the rows the tree renders)', () => {
  const opts = { showBuiltinNetworks: true };
  const fresh = (takenAt = 0): Snapshot => capturedSnapshot({ takenAt });
  const ctr = (s: Snapshot, n: string): ContainerInfo => {
    const c = s.containers.find((x) => x.name === n);
    assert.ok(c, n);
    return c;
  };
  const base = treeSignature(snap, opts);
  const changes = (edit: (s: Snapshot) => void): boolean => {
    const s = fresh();
    edit(s);
    return treeSignature(s, opts) !== base;
  };

  it('is the same for the same topology read again later', () => {
    assert.equal(treeSignature(fresh(99), opts), base);
  });
  it('changes with a field the tree shows: a label, a description, an icon, a tooltip, a fact', () => {
    const shown: [string, (s: Snapshot) => void][] = [
      [
        'an endpoint address (member and container descriptions)',
        (s) => {
          const ep = ctr(s, 'gt-a1').endpoints[0];
          if (ep) ep.ipv4 = '10.231.0.99';
        },
      ],
      ['a container name (label)', (s) => (ctr(s, 'gt-a1').name = 'renamed')],
      ['a container state (icon, context value)', (s) => (ctr(s, 'gt-a1').state = 'paused')],
      [
        'an interface name (endpoint description)',
        (s) => {
          const ep = ctr(s, 'gt-a1').endpoints[0];
          if (ep) ep.ifname = 'eth7';
        },
      ],
      [
        'a network flag (description, icon)',
        (s) => {
          const n = s.networks.find((x) => x.name === 'gt-net-a');
          if (n) n.internal = true;
        },
      ],
      [
        'a network label (its tooltip is in the row)',
        (s) => {
          const n = s.networks.find((x) => x.name === 'gt-net-a');
          if (n) n.labels = { team: 'x' };
        },
      ],
      ['the owner of a joined container (its description)', (s) => (ctr(s, 'gt-a1').name = 'owner-renamed')],
      ['ip_forward (a host fact)', (s) => (s.host.ipForward = false)],
      ['an unavailable note', (s) => s.host.unavailable.push('Firewall rules not read: test')],
      // A resolved hover stays until its item fires: what container hovers are drawn from counts.
      ['container labels', (s) => (ctr(s, 'gt-a1').labels = { x: 'y' })],
      ['the pid (the hover reads the netns through it)', (s) => (ctr(s, 'gt-a1').pid = 4242)],
      [
        'a published port (hover)',
        (s) => ctr(s, 'gt-a1').ports.push({ containerPort: 81, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 18081 }),
      ],
    ];
    for (const [what, edit] of shown) assert.ok(changes(edit), what);
  });
  it('does not change with a field the tree does not show', () => {
    const hidden: [string, (s: Snapshot) => void][] = [
      ['the status line (Up 5 minutes)', (s) => (ctr(s, 'gt-a1').status = 'Up 6 minutes')],
      ['the firewall (the hover draws it from the latest snapshot)', (s) => (s.host.firewall = fixtureSnapshot().host.firewall)],
      ['the engine version', (s) => (s.engine = { ...s.engine, version: '29.0.0' })],
    ];
    for (const [what, edit] of hidden) assert.ok(!changes(edit), what);
  });
  it('follows the options: hiding built-in networks changes what is shown', () => {
    assert.notEqual(treeSignature(snap, { showBuiltinNetworks: false }), base);
  });
});

describe('containerAddresses (the Containers group line)', () => {
  const c = (n: string) => {
    const x = snap.containers.find((y) => y.name === n);
    assert.ok(x, n);
    return x;
  };
  it('puts each address beside its own network, the mode network first', () => {
    assert.equal(containerAddresses(c('gt-multi')), '10.231.0.128 (gt-net-a) · 10.232.0.50 (gt-net-int)');
  });
  it("never puts a network-mode name beside another network's address", () => {
    // A container whose mode names one network, reconnected so its first endpoint is on another.
    const multi = c('gt-multi');
    const swapped = { ...multi, endpoints: [...multi.endpoints].reverse() };
    assert.match(containerAddresses(swapped), /^10\.231\.0\.128 \(gt-net-a\)/);
    const onlyOther = { ...multi, endpoints: multi.endpoints.filter((e) => e.network !== 'gt-net-a') };
    assert.equal(containerAddresses(onlyOther), '10.232.0.50 (gt-net-int)');
  });
  it('shows the mode alone when there is no address (host, none, joined, stopped)', () => {
    assert.equal(containerAddresses(c('gt-host')), 'host');
    assert.equal(containerAddresses(c('gt-none')), 'none');
  });
});
