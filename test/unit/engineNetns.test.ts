// The engine's network namespace: found from the socket's listener, never from a pid file alone.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dockerdSockets, listeningInodes, locateEngine, nsInode, nsPidDepth, pathVariants } from '../../src/host/engineNetns';
import { readFixture } from '../helpers/fixtures';

const UNIX_HEAD = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
const listening = (inode: number, path: string): string => `0000000006202cc3: 00000002 00000000 00010000 0001 01 ${inode} ${path}\n`;
const connected = (inode: number, path: string): string => `0000000006202cc4: 00000003 00000000 00000000 0001 03 ${inode} ${path}\n`;

/** A fake /proc: our own netns, and processes with comm, stat, fds, ns links and net/unix. */
class FakeProc {
  readonly root = mkdtempSync(join(tmpdir(), 'dne-proc-'));
  constructor(selfNet: number, selfUnix: string, selfUser = 4026531837) {
    this.proc('self', { net: selfNet, user: selfUser, unix: selfUnix });
  }
  proc(
    pid: number | 'self',
    p: { comm?: string; net?: number; user?: number; unix?: string; fds?: number[]; ppid?: number; argv?: string[] },
  ): this {
    const dir = join(this.root, String(pid));
    mkdirSync(join(dir, 'ns'), { recursive: true });
    mkdirSync(join(dir, 'net'), { recursive: true });
    if (p.comm) writeFileSync(join(dir, 'comm'), `${p.comm}\n`);
    if (p.argv) writeFileSync(join(dir, 'cmdline'), `${p.argv.join('\0')}\0`);
    writeFileSync(join(dir, 'stat'), `${pid} (${p.comm ?? 'x'}) S ${p.ppid ?? 1} 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0`);
    if (p.net) symlinkSync(`net:[${p.net}]`, join(dir, 'ns', 'net'));
    if (p.user) symlinkSync(`user:[${p.user}]`, join(dir, 'ns', 'user'));
    if (p.unix !== undefined) writeFileSync(join(dir, 'net', 'unix'), UNIX_HEAD + p.unix);
    if (p.fds) {
      mkdirSync(join(dir, 'fd'));
      p.fds.forEach((ino, i) => symlinkSync(`socket:[${ino}]`, join(dir, 'fd', String(i + 3))));
    }
    return this;
  }
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

const fakes: FakeProc[] = [];
const fake = (net: number, unix: string, user?: number): FakeProc => {
  const f = new FakeProc(net, unix, user);
  fakes.push(f);
  return f;
};
after(() => fakes.forEach((f) => f.dispose()));

describe('listeningInodes', () => {
  it('takes only listening sockets bound to the path, by either /run name', () => {
    const table = readFixture('host', 'host-net-unix.txt');
    assert.deepEqual(listeningInodes(table, '/var/run/docker.sock'), [9880]);
    assert.deepEqual(listeningInodes(table, '/run/docker.sock'), [9880]);
    assert.deepEqual(
      listeningInodes(UNIX_HEAD + connected(5, '/run/docker.sock'), '/run/docker.sock'),
      [],
      'a connected client is no listener',
    );
    assert.deepEqual(listeningInodes(readFixture('host', 'rootless-net-unix.txt'), '/run/user/1001/docker.sock'), [20858]);
  });
  it('knows /var/run and /run are one', () => {
    assert.deepEqual(pathVariants('/var/run/x.sock'), ['/var/run/x.sock', '/run/x.sock']);
    assert.deepEqual(pathVariants('/tmp/x.sock'), ['/tmp/x.sock']);
    assert.equal(nsInode('net:[4026531840]'), 4026531840);
    assert.equal(nsInode('garbage'), null);
  });
});

describe('locateEngine', () => {
  it('same netns: the process holding the listening socket', () => {
    const f = fake(100, listening(9880, '/var/run/docker.sock'))
      .proc(5120, { comm: 'dockerd', net: 100, user: 4026531837, fds: [9880] })
      .proc(42, { comm: 'bash', net: 100, fds: [1] });
    const l = locateEngine('/var/run/docker.sock', { procRoot: f.root, env: {} });
    assert.equal(l.pid, 5120);
    assert.equal(l.same, true);
    assert.equal(l.kind, 'host');
    assert.equal(l.inode, 100);
    assert.match(l.how, /pid 5120 \(dockerd\) listens/);
  });

  it('another netns (Docker in its own netns): the dockerd whose netns lists the socket', () => {
    const f = fake(100, '')
      .proc(5120, { comm: 'dockerd', net: 100, user: 4026531837, unix: listening(9880, '/var/run/docker.sock'), fds: [9880] })
      .proc(9901, { comm: 'dockerd', net: 200, user: 4026531837, unix: listening(3333, '/run/dne-e28/docker.sock'), fds: [3333] });
    const l = locateEngine('/run/dne-e28/docker.sock', { procRoot: f.root, env: {} });
    assert.equal(l.pid, 9901);
    assert.equal(l.same, false);
    assert.equal(l.kind, 'other');
    assert.equal(l.inode, 200);
  });

  it('rootless: another user namespace, under rootlesskit', () => {
    const f = fake(100, '')
      .proc(10312, { comm: 'rootlesskit', net: 100, ppid: 1 })
      .proc(10325, { comm: 'exe', net: 300, user: 999, ppid: 10312 })
      .proc(10356, {
        comm: 'dockerd',
        net: 300,
        user: 999,
        ppid: 10325,
        unix: listening(20858, '/run/user/1001/docker.sock'),
        fds: [20858],
      });
    const l = locateEngine('/run/user/1001/docker.sock', { procRoot: f.root, env: { XDG_RUNTIME_DIR: '/run/user/1001' } });
    assert.equal(l.kind, 'rootless');
    assert.equal(l.userns, true);
    assert.equal(l.pid, 10356);
  });

  it('another user namespace without rootlesskit (e.g. Sysbox DinD) is "other", not rootless', () => {
    const f = fake(100, '').proc(7000, {
      comm: 'dockerd',
      net: 300,
      user: 999,
      ppid: 1,
      unix: listening(3, '/run/x/docker.sock'),
      fds: [3],
    });
    assert.equal(locateEngine('/run/x/docker.sock', { procRoot: f.root, env: {} }).kind, 'other');
  });

  it('a relay holding the socket in our netns (ssh -L, socat, Docker Desktop) is not the engine: unknown', () => {
    const f = fake(100, listening(4444, '/tmp/relay/docker.sock'))
      .proc(5120, { comm: 'dockerd', net: 100, fds: [9880] })
      .proc(6000, { comm: 'socat', net: 100, fds: [4444] });
    const l = locateEngine('/tmp/relay/docker.sock', { procRoot: f.root, env: {} });
    assert.equal(l.kind, 'unknown');
    assert.equal(l.same, false);
    assert.match(l.how, /held by pid 6000 \(socat\), not by a dockerd/);
  });

  it('an engine in a nested PID namespace: its container pids are not ours', () => {
    const f = fake(100, '').proc(8000, { comm: 'dockerd', net: 300, user: 4026531837, unix: listening(5, '/run/d/docker.sock'), fds: [5] });
    writeFileSync(join(f.root, '8000', 'status'), 'Name:\tdockerd\nNSpid:\t8000\t1\n');
    const l = locateEngine('/run/d/docker.sock', { procRoot: f.root, env: {} });
    assert.equal(l.pidnsNested, true);
    assert.equal(nsPidDepth('NSpid:\t5120\n'), 1);
  });

  it('never trusts a pid file alone: a pid whose fds do not hold the socket is not the engine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dne-pidfile-'));
    const f = fake(100, '').proc(777, {
      comm: 'dockerd',
      net: 200,
      user: 4026531837,
      unix: listening(3333, `${dir}/docker.sock`),
      fds: [1, 2],
    });
    writeFileSync(join(dir, 'docker.pid'), '777\n');
    const l = locateEngine(`${dir}/docker.sock`, { procRoot: f.root, env: {} });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(l.kind, 'unknown');
    assert.equal(l.pid, null);
    assert.match(l.how, /No process on this machine was found listening/);
  });

  it('nothing listens anywhere (a VM, another PID namespace): unknown, with what was tried', () => {
    const f = fake(100, '');
    const l = locateEngine('/var/run/docker.sock', { procRoot: f.root, env: {} });
    assert.deepEqual({ pid: l.pid, inode: l.inode, same: l.same, kind: l.kind }, { pid: null, inode: null, same: false, kind: 'unknown' });
  });

  it("the socket is in our netns but the owner's fds are not readable (docker group): a pid file's dockerd serving it, in our netns", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dne-sock-'));
    const sock = `${dir}/docker.sock`;
    writeFileSync(join(dir, 'docker.pid'), '5120\n');
    const f = fake(100, listening(9880, sock)).proc(5120, {
      comm: 'dockerd',
      unix: listening(9880, sock),
      argv: ['dockerd', '--host', `unix://${sock}`],
    });
    const l = locateEngine(sock, { procRoot: f.root, env: {} });
    // The same, but the pid file's dockerd serves another socket: not trusted.
    const g = fake(100, listening(9880, sock)).proc(5120, {
      comm: 'dockerd',
      unix: listening(9880, sock),
      argv: ['dockerd', '--host', 'unix:///elsewhere.sock'],
    });
    const m = locateEngine(sock, { procRoot: g.root, env: {} });
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual([l.same, l.kind, l.inode, l.pid], [true, 'host', 100, 5120]);
    assert.equal(m.kind, 'unknown');
  });

  it('reads the sockets a dockerd serves from its command line', () => {
    assert.deepEqual(dockerdSockets(['dockerd']), ['/var/run/docker.sock', '/run/docker.sock']);
    assert.deepEqual(dockerdSockets(['dockerd', '-H', 'fd://']), ['/var/run/docker.sock', '/run/docker.sock']);
    assert.deepEqual(dockerdSockets(['dockerd', '--host=unix:///run/e/docker.sock', '-H', 'tcp://0.0.0.0:2375']), [
      '/run/e/docker.sock',
      '/var/run/e/docker.sock',
    ]);
  });
});
