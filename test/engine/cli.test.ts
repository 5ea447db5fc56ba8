// The CLI as a user runs it: JSON on stdout that matches the engine, one-line errors, and graceful
// degradation without root.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Snapshot } from '../../src/shared/model';
import * as v from 'valibot';
import {
  ExplainDocumentSchema,
  FirewallDocumentSchema,
  PathDocumentSchema,
  SCHEMA_VERSION,
  TopologyDocumentSchema,
} from '../../src/shared/schema/documents';
import { cleanTestResources, createTestNetwork, docker, requireEngine, runTestContainer, sh } from '../helpers/docker';
import { currentEngine, engineEnv, engineUser, expectedDockerLayout, onEngine } from '../helpers/engines';

const repo = resolve(__dirname, '..', '..', '..');
const builtCli = join(repo, 'dist', 'cli.js');
// The tests run the CLI as other users (nobody, the rootless user), who may not be able to enter
// the checkout (a clone under /root or a mktemp -d is 0700). dist/cli.js is one esbuild bundle
// that needs nothing else at run time, so they run a copy in a world-readable temp dir.
let cliDir = '';
let cli = builtCli;

function copyCli(): void {
  cliDir = mkdtempSync(join(tmpdir(), 'dne-test-cli-'));
  chmodSync(cliDir, 0o755);
  cli = join(cliDir, 'cli.js');
  copyFileSync(builtCli, cli);
  chmodSync(cli, 0o644);
}

/** setpriv argv: nobody with only the socket's group (uses the engine, has no other privilege). */
const asNobodyWithSocketGroup = (): string[] => [
  'setpriv',
  '--reuid=65534',
  `--regid=${statSync(currentEngine().socketPath).gid}`,
  '--clear-groups',
];

/**
 * A user without root who may use the engine: nobody with the socket's group (system, docker28),
 * or, for the rootless engine, its own user (only that user reaches its socket).
 */
function nonRootUser(): { wrap: string[]; env: Record<string, string>; rootless: boolean } {
  const e = currentEngine();
  if (e.netns !== 'rootless') return { wrap: asNobodyWithSocketGroup(), env: { HOME: '/tmp' }, rootless: false };
  const u = engineUser();
  return {
    wrap: ['setpriv', `--reuid=${u.uid}`, `--regid=${u.gid}`, '--init-groups'],
    env: { HOME: u.home, XDG_RUNTIME_DIR: `/run/user/${u.uid}` },
    rootless: true,
  };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}, wrap: string[] = []): Promise<Run> {
  const [cmd, ...pre] = wrap.length ? wrap : ['node'];
  const argv = wrap.length ? [...pre, 'node', cli, ...args] : [cli, ...args];
  return new Promise((res) => {
    execFile(cmd ?? 'node', argv, { env: { PATH: process.env.PATH ?? '', ...engineEnv(), ...env }, cwd: '/' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      res({ code, stdout, stderr });
    });
  });
}

/** A live document is what its published JSON Schema says (the same runtime schema), with no field left over. */
function assertDocument(schema: v.GenericSchema, doc: unknown, what: string): void {
  const r = v.safeParse(schema, doc);
  assert.ok(r.success, `${what}: ${r.issues?.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`).join('; ')}`);
  assert.deepEqual(r.output, doc, `${what}: the schema knows every field`);
}

describe(onEngine('cli topology'), () => {
  before(async () => {
    copyCli();
    await requireEngine();
    await cleanTestResources('dne-test-cli');
    await createTestNetwork('dne-test-cli-net', '--subnet', '10.254.9.0/24', '--gateway', '10.254.9.1');
    await runTestContainer('dne-test-cli1', '--network', 'dne-test-cli-net', '--ip', '10.254.9.20', '--network-alias', 'cli-alias');
  });
  after(async () => {
    await cleanTestResources('dne-test-cli');
    if (cliDir) rmSync(cliDir, { recursive: true, force: true });
  });

  it('prints only the snapshot JSON on stdout', async () => {
    const r = await runCli(['topology', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as Snapshot & { schemaVersion: number };
    assert.equal(s.schemaVersion, SCHEMA_VERSION);
    assertDocument(TopologyDocumentSchema, s, 'topology');
    const c = s.containers.find((x) => x.name === 'dne-test-cli1');
    assert.ok(c);
    assert.equal(c.networkMode, 'dne-test-cli-net');
    assert.deepEqual(
      c.endpoints.map((e) => [e.network, e.ipv4, e.prefixLen, e.gateway, e.aliases[0]]),
      [['dne-test-cli-net', '10.254.9.20', 24, '10.254.9.1', 'cli-alias']],
    );
    assert.match(c.endpoints[0]?.hostVeth ?? '', /^veth/);
    assert.equal(s.engine.endpoint, currentEngine().dockerHost);
    const n = s.networks.find((x) => x.name === 'dne-test-cli-net');
    assert.deepEqual(
      n?.subnets.map((x) => [x.subnet, x.gateway, x.ipRange]),
      [['10.254.9.0/24', '10.254.9.1', null]],
    );
    assert.equal(n?.bridge, `br-${n?.id.slice(0, 12)}`);
  });

  it('path shows the hops and the embedded DNS ports that iptables has in the netns', async () => {
    const r = await runCli(['path', 'dne-test-cli1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout) as {
      egress: { masqueraded: boolean; hops: { kind: string; name: string; rule?: string }[] };
      dns: { udpPort: number; tcpPort: number } | null;
    };
    assertDocument(PathDocumentSchema, p, 'path');
    assert.equal(p.egress.masqueraded, true);
    assert.match(p.egress.hops.find((h) => h.kind === 'nat')?.rule ?? '', /-s 10\.254\.9\.0\/24 ! -o br-\w+ -j MASQUERADE/);
    const pid = (await docker('inspect', '--format', '{{.State.Pid}}', 'dne-test-cli1')).trim();
    const nat = await sh('nsenter', ['-t', pid, '-n', 'iptables-save', '-t', 'nat']);
    assert.ok(nat.includes(`--to-destination 127.0.0.11:${p.dns?.udpPort ?? 'none'}`), nat);
    const text = await runCli(['path', 'dne-test-cli1']);
    assert.match(text.stdout, /embedded DNS 127\.0\.0\.11:53 → udp :\d+ tcp :\d+/);
  });

  it('explain and firewall print JSON with the documented fields', async () => {
    const x = await runCli(['explain', 'dne-test-cli1', 'dne-test-cli1', '--json']);
    assert.equal(x.code, 0, x.stderr);
    const xj = JSON.parse(x.stdout) as { route?: { hops: unknown[] } };
    assert.deepEqual(Object.keys(xj).sort(), [
      'from',
      'fromCompose',
      'fromKind',
      'port',
      'reachable',
      'reasons',
      'route',
      'schemaVersion',
      'to',
      'toCompose',
      'ways',
    ]);
    assert.ok((xj.route?.hops.length ?? 0) >= 1, 'the route is drawn hop by hop');
    assertDocument(ExplainDocumentSchema, JSON.parse(x.stdout), 'explain');
    const f = await runCli(['firewall', '--json']);
    const m = JSON.parse(f.stdout) as { schemaVersion: number; backend: string; dockerLayout: string; masquerade: { source: string }[] };
    assertDocument(FirewallDocumentSchema, m, 'firewall');
    assert.equal(m.schemaVersion, SCHEMA_VERSION);
    // The engine's own rules (its netns), in the layout its version writes.
    assert.equal(m.dockerLayout, expectedDockerLayout(await docker('version', '--format', '{{.Server.Version}}')));
    assert.ok(m.masquerade.some((x2) => x2.source === '10.254.9.0/24'));
  });

  it('without root: explain still answers from the API; the firewall is read only where the user may (its own rootless engine)', async () => {
    const u = nonRootUser();
    const r = await runCli(['explain', 'dne-test-cli1', 'dne-test-cli1', '--json'], u.env, u.wrap);
    assert.equal(r.code, 0, r.stderr);
    const t = await runCli(['topology', '--json'], u.env, u.wrap);
    assert.equal(t.code, 0, t.stderr);
    const s = JSON.parse(t.stdout) as Snapshot;
    if (u.rootless) {
      // The engine's netns belongs to the user's own user namespace: no root needed, none advised.
      assert.notEqual(s.host.firewall, null, s.host.unavailable.join(' | '));
      assert.ok(!s.host.unavailable.some((x) => /run as root|sudo/i.test(x)), s.host.unavailable.join(' | '));
    } else {
      assert.equal(s.host.firewall, null);
      // The system engine's rules are the host's (iptables-save); docker28's are in a netns of
      // root's that only nsenter enters.
      const tool = currentEngine().netns === 'host' ? 'iptables-save' : 'nsenter';
      assert.ok(
        s.host.unavailable.some((x) => x.includes(`Firewall rules not read: Not root, and \`sudo -n ${tool}\` was refused`)),
        s.host.unavailable.join(' | '),
      );
    }
  });

  it('the helper container runs on the engine for a user without root, or says why it cannot', async () => {
    const u = nonRootUser();
    const r = await runCli(['firewall', '--json', '--host-helper', 'container', '--helper-image', 'dne-busybox:local'], u.env, u.wrap);
    if (r.code === 0) {
      // Privileged containers work here: the model is the engine's (its netns's rules).
      assert.equal(
        (JSON.parse(r.stdout) as { dockerLayout: string }).dockerLayout,
        expectedDockerLayout(await docker('version', '--format', '{{.Server.Version}}')),
      );
    } else {
      // This sandbox refuses privileged containers (runc: unable to apply caps): say so, plainly.
      assert.match(r.stderr, /Firewall not read: .*The helper container \(dne-busybox:local\) could not run: .+/);
    }
    const left = await docker('ps', '-aq', '--filter', 'label=docker-network-explorer.helper=1');
    assert.equal(left, '', 'the helper container is always removed');
  });

  it('prints a human view without --json', async () => {
    const r = await runCli(['topology']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /network dne-test-cli-net \(bridge, br-[0-9a-f]{12}\) 10\.254\.9\.0\/24 gw 10\.254\.9\.1/);
    assert.match(r.stdout, /dne-test-cli1 \[running\] 10\.254\.9\.20\/24 .*eth0 ⇄ veth\w+ ⇄ br-/);
  });

  it('exits non-zero with one line on stderr when the engine is unreachable', async () => {
    const r = await runCli(['topology', '--json'], { DOCKER_HOST: 'unix:///tmp/dne-test-nothing.sock' });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^error: Docker engine is not running at unix:\/\/\/tmp\/dne-test-nothing\.sock/);
  });

  it('names an unknown context', async () => {
    // No DOCKER_HOST (it would win over the context).
    const r = await runCli(['topology'], { DOCKER_CONTEXT: 'dne-test-ghost', DOCKER_HOST: '', HOME: '/tmp' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Docker context "dne-test-ghost" does not exist/);
  });

  it("without root: API facts are all there; host facts are null and it says why, except for the rootless engine's own user", async () => {
    // nobody, with only the socket's group: can use the engine, cannot read /proc/<pid>/root.
    // The rootless engine's user owns the engine's namespaces: it reads them without root.
    const u = nonRootUser();
    const r = await runCli(['topology', '--json'], u.env, u.wrap);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as Snapshot;
    const ep = s.containers.find((x) => x.name === 'dne-test-cli1')?.endpoints[0];
    assert.equal(ep?.ipv4, '10.254.9.20');
    if (u.rootless) {
      assert.equal(s.host.engineNetns.kind, 'rootless', s.host.engineNetns.how);
      assert.match(ep?.hostVeth ?? '', /^veth/, s.host.unavailable.join(' | '));
      assert.equal(ep?.ifname, 'eth0');
      assert.ok(!s.host.unavailable.some((x) => /run as root|sudo/i.test(x)), s.host.unavailable.join(' | '));
    } else {
      assert.equal(ep?.hostVeth, null);
      assert.equal(ep?.ifname, null);
      assert.ok(
        s.host.unavailable.some((x) => /Not root/.test(x)),
        s.host.unavailable.join(' | '),
      );
    }
    if (currentEngine().netns === 'own') {
      // /sys/class/net here is the host's; the engine's bridges are in root's netns, closed to nobody.
      assert.equal(s.host.bridges, null);
      assert.ok(
        s.host.unavailable.some((x) => /Interfaces of the engine's netns .* were not read/.test(x)),
        s.host.unavailable.join(' | '),
      );
    } else {
      assert.notEqual(s.host.bridges, null, '/sys/class/net needs no privilege (and the rootless user enters its own netns)');
    }
  });

  it('a user without socket access is told why', async () => {
    const r = await runCli(['topology'], { HOME: '/tmp' }, ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']);
    assert.equal(r.code, 1);
    // The rootless engine's socket is in its user's 0700 runtime dir: no group opens it.
    assert.match(r.stderr, currentEngine().netns === 'rootless' ? /Permission denied/ : /Permission denied.*docker group/);
  });

  it('rejects an unknown command with usage', async () => {
    const r = await runCli(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /usage: cli <command>[^]*topology[^]*explain/);
    await docker('version');
  });
});
