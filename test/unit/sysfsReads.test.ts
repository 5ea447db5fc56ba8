import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readContainerInterfaces, readHostInterfaces } from '../../src/host/links';

function iface(root: string, name: string, files: Record<string, string>, extra?: (dir: string) => void): void {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), `${text}\n`);
  extra?.(dir);
}

describe('sysfs reads (a fake /sys/class/net)', () => {
  it('host interfaces: kind, master and mtu; a container netns: iflink and address, lo left out', () => {
    const root = mkdtempSync(join(tmpdir(), 'dne-sysfs-'));
    try {
      const net = join(root, 'sys', 'class', 'net');
      iface(net, 'eth0', { ifindex: '2', iflink: '2', mtu: '1500' });
      iface(net, 'docker0', { ifindex: '3', iflink: '3', mtu: '1500' }, (d) => mkdirSync(join(d, 'bridge')));
      iface(net, 'veth1a2b', { ifindex: '7', iflink: '6', mtu: 'x' }, (d) => symlinkSync('../docker0', join(d, 'master')));
      const byName = new Map(readHostInterfaces(net).map((i) => [i.name, i]));
      assert.deepEqual(byName.get('docker0'), {
        name: 'docker0',
        ifindex: 3,
        iflink: 3,
        mac: null,
        master: null,
        kind: 'bridge',
        mtu: 1500,
      });
      assert.deepEqual(byName.get('veth1a2b'), {
        name: 'veth1a2b',
        ifindex: 7,
        iflink: 6,
        mac: null,
        master: 'docker0',
        kind: 'veth',
        mtu: null,
      });
      assert.equal(byName.get('eth0')?.kind, 'other');

      const ns = join(root, '42', 'root', 'sys', 'class', 'net');
      iface(ns, 'lo', { iflink: '1', address: '00:00:00:00:00:00' });
      iface(ns, 'eth0', { iflink: '7', address: '02:42:ac:11:00:02' });
      assert.deepEqual(readContainerInterfaces(42, root), { ok: true, ifaces: [{ name: 'eth0', iflink: 7, mac: '02:42:ac:11:00:02' }] });
      assert.deepEqual(readContainerInterfaces(43, root), { ok: false, error: 'ENOENT' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
