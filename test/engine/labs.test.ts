// The tutorials' labs on a real engine, through the built CLI: up, check with real traffic, what
// the engine shows (docker inspect), down leaving nothing; and a broken lab that check catches.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as v from 'valibot';
import { LABS } from '../../src/labs';
import {
  LabCheckDocumentSchema,
  LabDownDocumentSchema,
  LabListDocumentSchema,
  LabUpDocumentSchema,
} from '../../src/shared/schema/documents';
import type { LabCheckResult, LabDownResult, LabUpResult } from '../../src/shared/schema/labs';
import { TEST_LABEL, cleanTestResources, docker, requireEngine } from '../helpers/docker';
import { engineEnv, inEngineNetns, onEngine } from '../helpers/engines';

const cli = join(resolve(__dirname, '..', '..', '..'), 'dist', 'cli.js');
const PREFIX = 'dne-test-lab-';
const prefixOf = (id: string): string => `${PREFIX}${id}-`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<Run> {
  return new Promise((res) => {
    execFile('node', [cli, ...args], { env: { PATH: process.env.PATH ?? '', ...engineEnv() }, cwd: '/' }, (err, stdout, stderr) => {
      res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Parsed with the document's own schema: no field missing, none left over. */
function doc<T>(schema: v.GenericSchema, r: Run, what: string): T {
  const parsed: unknown = JSON.parse(r.stdout);
  const out = v.safeParse(schema, parsed);
  assert.ok(out.success, `${what}: ${out.issues?.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`).join('; ')}`);
  assert.deepEqual(out.output, parsed, `${what}: the schema knows every field`);
  return parsed as T;
}

const labArgs = (action: string, id: string, ...more: string[]): string[] => [
  'lab',
  action,
  id,
  '--prefix',
  prefixOf(id),
  '--json',
  ...(action === 'up' ? ['--label', TEST_LABEL] : []),
  ...more,
];

async function up(id: string): Promise<LabUpResult> {
  const r = await runCli(labArgs('up', id));
  assert.equal(r.code, 0, r.stderr);
  return doc<LabUpResult>(LabUpDocumentSchema, r, `lab up ${id}`);
}

async function check(id: string): Promise<{ code: number; result: LabCheckResult }> {
  const r = await runCli(labArgs('check', id));
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return { code: r.code, result: doc<LabCheckResult>(LabCheckDocumentSchema, r, `lab check ${id}`) };
}

async function down(id: string): Promise<LabDownResult> {
  const r = await runCli(labArgs('down', id));
  assert.equal(r.code, 0, r.stderr);
  return doc<LabDownResult>(LabDownDocumentSchema, r, `lab down ${id}`);
}

/** Names of what carries the lab's label and prefix, on the engine itself. */
async function leftOf(id: string): Promise<string[]> {
  const filter = ['--filter', `label=dockerNetworks.lab=${id}`, '--format', '{{.Names}}'];
  const ctrs = (await docker('ps', '-a', ...filter)).split('\n');
  const nets = (await docker('network', 'ls', '--filter', `label=dockerNetworks.lab=${id}`, '--format', '{{.Name}}')).split('\n');
  return [...ctrs, ...nets].filter((n) => n.startsWith(prefixOf(id)));
}

/** Veths named like link/attach name theirs (dne<hash>a|b|h), in the engine's netns. */
async function handMadeVeths(): Promise<string[]> {
  const links = JSON.parse((await inEngineNetns(['ip', '-j', 'link', 'show', 'type', 'veth'])) || '[]') as { ifname: string }[];
  return links
    .map((l) => l.ifname)
    .filter((n) => /^dne/.test(n))
    .sort();
}

const inspect = async (fmt: string, name: string): Promise<string> => docker('inspect', '--format', fmt, name);

/** What the engine itself says about each lab, beyond what the CLI printed. */
const crossChecks: Record<string, (u: LabUpResult) => Promise<void>> = {
  modes: async () => {
    for (const mode of ['none', 'host', 'bridge'])
      assert.equal(await inspect('{{.HostConfig.NetworkMode}}', `${prefixOf('modes')}${mode}`), mode);
  },
  'user-bridge': async (u) => {
    const p = prefixOf('user-bridge');
    const subnet = u.networks[0]?.subnet ?? '';
    const ip = await inspect(`{{(index .NetworkSettings.Networks "${p}net").IPAddress}}`, `${p}static`);
    assert.equal(ip, subnet.replace(/0\/24$/, '8'));
    assert.equal(
      await docker('network', 'ls', '--filter', `name=${p}tutorial`, '--format', '{{.Name}}'),
      '',
      'the refused network was never made',
    );
  },
  dns: async () => {
    const p = prefixOf('dns');
    assert.equal(await inspect('{{.HostConfig.NetworkMode}}', `${p}a`), `${p}net`);
    assert.equal(await inspect('{{.HostConfig.NetworkMode}}', `${p}d`), 'bridge');
  },
  joined: async () => {
    const p = prefixOf('joined');
    const webId = await inspect('{{.Id}}', `${p}web`);
    assert.equal(await inspect('{{.HostConfig.NetworkMode}}', `${p}joiner`), `container:${webId}`);
  },
  nat: async () => {
    const p = prefixOf('nat');
    const ports = JSON.parse(await inspect('{{json .NetworkSettings.Ports}}', `${p}web`)) as Record<
      string,
      { HostIp: string; HostPort: string }[]
    >;
    assert.equal(ports['80/tcp']?.[0]?.HostIp, '127.0.0.1');
    assert.match(ports['80/tcp']?.[0]?.HostPort ?? '', /^\d+$/);
  },
  'icc-link': async () => {
    const p = prefixOf('icc-link');
    assert.equal(
      await docker('network', 'inspect', '--format', '{{index .Options "com.docker.network.bridge.enable_icc"}}', `${p}net`),
      'false',
    );
    assert.match(await inspect('{{json .HostConfig.Links}}', `${p}d`), new RegExp(`/${p}c:/${p}d/peer`));
  },
  p2p: async (u) => {
    const p = prefixOf('p2p');
    for (const k of ['a', 'b', 'c']) assert.equal(await inspect('{{.HostConfig.NetworkMode}}', `${p}${k}`), 'none');
    const link = u.steps.find((s) => s.name === 'link a and b by hand');
    assert.ok(
      link?.commands.some((c) => /(^| -- )ip link add dne\w+a type veth peer name dne\w+b$/.test(c)),
      link?.commands.join(' | '),
    );
    assert.ok(
      link?.commands.some((c) => / ip addr add 10\.253\.\d+\.\d+\/32 dev p2p-/.test(c)),
      'the lines createLink ran',
    );
  },
  'manual-veth': async (u) => {
    const p = prefixOf('manual-veth');
    const subnet = u.networks[0]?.subnet ?? '';
    assert.equal(
      await docker('network', 'inspect', '--format', '{{(index .IPAM.Config 0).IPRange}}', `${p}net`),
      subnet.replace(/\/24$/, '/25'),
    );
    assert.equal(await inspect('{{.HostConfig.NetworkMode}}', `${p}attached`), 'none');
    const step = u.steps.find((s) => s.name === 'attach the none container to the bridge by hand');
    const addr = subnet.replace(/0\/24$/, '200/24');
    assert.ok(
      step?.commands.some((c) => c.includes(` ip addr add ${addr} dev dne-br-`)),
      step?.commands.join(' | '),
    );
    assert.ok(
      step?.commands.some((c) => / master br-[0-9a-f]{12}$/.test(c)),
      step?.commands.join(' | '),
    );
  },
  'two-bridges': async () => {
    const p = prefixOf('two-bridges');
    const nets = Object.keys(JSON.parse(await inspect('{{json .NetworkSettings.Networks}}', `${p}c`)) as object).sort();
    assert.deepEqual(nets, [`${p}net1`, `${p}net2`]);
  },
};

/** The lab up twice is refused; then break it (c leaves net2): check fails, and says what it saw. */
async function brokenLabFails(u: LabUpResult): Promise<void> {
  const p = u.prefix;
  const again = await runCli(labArgs('up', u.lab));
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^error: Lab two-bridges is already up \(.+\): run lab down two-bridges first/);
  await docker('network', 'disconnect', `${p}net2`, `${p}c`);
  const { code, result } = await check(u.lab);
  assert.equal(code, 1);
  assert.equal(result.passed, false);
  const step = result.steps.find((s) => s.name === 'c reaches b on net2');
  assert.equal(step?.passed, false);
  assert.equal(step?.expected, 'reply');
  assert.match(step?.observed ?? '', /^no reply from 10\./);
  assert.equal(result.steps.find((s) => s.name === 'c reaches a on net1')?.passed, true);
}

describe(onEngine('labs through the CLI'), () => {
  before(async () => {
    await requireEngine();
    await cleanTestResources(PREFIX);
  });
  after(async () => {
    await cleanTestResources(PREFIX);
  });

  it('lab list needs no engine and lists every lab', async () => {
    const r = await runCli(['lab', 'list', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const l = doc<{ labs: { id: string; available: boolean }[] }>(LabListDocumentSchema, r, 'lab list');
    assert.deepEqual(
      l.labs.map((x) => [x.id, x.available]),
      LABS.map((x) => [x.id, true]),
    );
  });

  for (const def of LABS) {
    it(`${def.id}: up, check passes, the engine agrees${def.id === 'two-bridges' ? ', a broken lab fails check' : ''}, down leaves nothing`, async () => {
      const t0 = performance.now();
      const vethsBefore = await handMadeVeths();
      const u = await up(def.id);
      assert.equal(u.networks.length, def.networks.length);
      for (const n of u.networks) {
        const [subnet, gateway, labels] = (
          await docker(
            'network',
            'inspect',
            '--format',
            '{{(index .IPAM.Config 0).Subnet}} {{(index .IPAM.Config 0).Gateway}} {{json .Labels}}',
            n.name,
          )
        ).split(' ');
        assert.deepEqual([subnet, gateway], [n.subnet, n.gateway]);
        assert.deepEqual(JSON.parse(labels ?? '{}'), { 'dockerNetworks.lab': def.id, 'dne.test': '1' });
      }
      for (const c of u.containers) {
        assert.ok(c.name.startsWith(prefixOf(def.id)));
        assert.equal(
          await inspect('{{index .Config.Labels "dockerNetworks.lab"}} {{index .Config.Labels "dne.test"}}', c.name),
          `${def.id} 1`,
        );
      }
      await crossChecks[def.id]?.(u);
      const { code, result } = await check(def.id);
      assert.equal(code, 0, JSON.stringify(result.steps.filter((s) => !s.passed)));
      assert.equal(result.passed, true);
      assert.equal(result.steps.length, u.steps.filter((s) => s.kind === 'check').length);
      for (const s of result.steps) assert.ok(s.observed.length > 0, s.name);
      if (def.id === 'two-bridges') await brokenLabFails(u);
      const d = await down(def.id);
      assert.deepEqual(d.removed.containers.slice().sort(), u.containers.map((c) => c.name).sort());
      assert.deepEqual(d.removed.networks.slice().sort(), u.networks.map((n) => n.name).sort());
      assert.deepEqual(await leftOf(def.id), []);
      // Removing the containers removed their netns, and every hand-made veth with them.
      assert.deepEqual(await handMadeVeths(), vethsBefore, 'no hand-made veth left in the engine netns');
      if (def.id === 'modes') assert.deepEqual((await down(def.id)).removed, { containers: [], networks: [] }, 'down is idempotent');
      process.stdout.write(`# ${def.id}: up+check+down ${Math.round(performance.now() - t0)} ms\n`);
    });
  }

  it('bad ids and options: one error line, nothing made', async () => {
    for (const args of [
      ['lab', 'up', 'nope'],
      ['lab', 'up', 'dns', '--prefix', '-bad'],
      ['lab', 'up', 'dns', '--prefix', `${PREFIX}bad-`, '--subnet', '10.1.2.3/24'],
      ['lab', 'up', 'dns', '--prefix', `${PREFIX}bad-`, '--image', 'dne-test-no-such-image:local'],
      ['lab', 'frob'],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^error: /);
    }
    const img = await runCli(['lab', 'up', 'dns', '--prefix', `${PREFIX}bad-`, '--image', 'dne-test-no-such-image:local']);
    assert.match(img.stderr, /never pull: build it offline .*docker import/);
    assert.equal(await docker('ps', '-a', '--filter', `name=${PREFIX}bad-`, '--format', '{{.Names}}'), '');
    assert.equal(await docker('network', 'ls', '--filter', `name=${PREFIX}bad-`, '--format', '{{.Name}}'), '');
  });
});
