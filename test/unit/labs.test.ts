// The labs' catalogue, pure: ids, steps with commands, the names and labels a lab gives what it
// makes, and the tutorial's bad subnet refused by our validator before any call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { ValidationError, validateCreateNetwork } from '../../src/core/validate';
import {
  LABS,
  LAB_IDS,
  LAB_LABEL,
  UNAVAILABLE_LABS,
  exampleContext,
  findLab,
  listLabs,
  planSteps,
  resolveLabOptions,
} from '../../src/labs';
import { TUTORIAL_BAD_SUBNET } from '../../src/labs/catalogue/userBridge';
import { hostAddress } from '../../src/labs/catalogue/build';
import { interfaceNames } from '../../src/labs/probes';
import { batches } from '../../src/labs/runner';
import { actionKey } from '../../src/labs/commands';
import { LabListDocumentSchema, versioned } from '../../src/shared/schema/documents';
import { capturedSnapshot } from '../helpers/fixtures';

const EXPECTED_IDS = ['modes', 'user-bridge', 'dns', 'joined', 'nat', 'icc-link', 'two-bridges', 'p2p', 'manual-veth'];

describe('labs catalogue', () => {
  it('has exactly the tutorial labs, each id once', () => {
    assert.deepEqual([...LAB_IDS].sort(), [...EXPECTED_IDS].sort());
    assert.equal(new Set(LAB_IDS).size, LAB_IDS.length);
  });

  it('every step of every available lab has commands; check steps say what to expect', () => {
    for (const def of LABS) {
      const steps = planSteps(def, exampleContext(def));
      assert.ok(steps.some((s) => s.kind === 'setup') && steps.some((s) => s.kind === 'check'), def.id);
      assert.equal(new Set(steps.map((s) => s.name)).size, steps.length, `${def.id}: step names unique`);
      for (const s of steps) {
        assert.ok(s.commands.length > 0, `${def.id} / ${s.name}: no command`);
        assert.ok(
          s.commands.every((c) => /^(docker|ip|iptables|nsenter) /.test(c)),
          `${def.id} / ${s.name}: ${s.commands.join(' | ')}`,
        );
        assert.ok(s.explanation.length > 10 && s.explanation.split(/[.:;]\s/).length <= 4, `${def.id} / ${s.name}: explanation`);
        assert.equal(s.expected === null, s.kind === 'setup', `${def.id} / ${s.name}: expected`);
      }
    }
  });

  it('everything a lab makes has its prefix and label; setup commands are the equivalent docker lines', () => {
    for (const def of LABS) {
      const ctx = exampleContext(def);
      for (const step of def.plan(ctx)) {
        for (const a of step.actions ?? []) {
          if (a.kind === 'connect') continue;
          if (a.kind === 'link' || a.kind === 'attach') {
            const names = a.kind === 'link' ? [a.request.a, a.request.b] : [a.request.container, a.request.bridge];
            for (const n of names) assert.ok(n.startsWith(`dne-lab-${def.id}-`), `${def.id}: ${n}`);
            continue;
          }
          assert.ok(a.request.name?.startsWith(`dne-lab-${def.id}-`), `${def.id}: ${a.request.name ?? ''}`);
          assert.equal(a.request.labels?.[LAB_LABEL], def.id);
        }
      }
    }
    const icc = planSteps(findLab('icc-link'), exampleContext(findLab('icc-link')));
    const cmds = icc.flatMap((s) => s.commands);
    assert.ok(
      cmds.includes(
        'docker network create --subnet 10.123.0.0/24 --gateway 10.123.0.1 --label dockerNetworks.lab=icc-link --opt com.docker.network.bridge.enable_icc=false dne-lab-icc-link-net',
      ),
      cmds.join('\n'),
    );
    assert.ok(cmds.some((c) => c.includes('--link dne-lab-icc-link-c:peer')));
    const joined = planSteps(findLab('joined'), exampleContext(findLab('joined'))).flatMap((s) => s.commands);
    assert.ok(joined.some((c) => c.includes('--network container:dne-lab-joined-web')));
  });

  it('lab list: every lab available (the veth labs use link/attach), as the schema says', () => {
    const labs = listLabs();
    assert.deepEqual(UNAVAILABLE_LABS, []);
    assert.deepEqual(
      labs.map((l) => [l.id, l.available, l.reason]),
      EXPECTED_IDS.map((id) => [id, true, null]),
    );
    const doc = JSON.parse(JSON.stringify(versioned({ labs }))) as unknown;
    const r = v.safeParse(LabListDocumentSchema, doc);
    assert.ok(r.success, r.issues?.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`).join('; '));
    assert.deepEqual(r.output, doc);
  });

  it('an unknown or unavailable id is one clear error', () => {
    assert.throws(() => findLab('nope'), /Unknown lab "nope": one of modes, user-bridge/);
    assert.equal(findLab('p2p').id, 'p2p');
  });

  it('the veth labs: the ip recipe before up, the lines link/attach ran after; the hand-set address is outside --ip-range', () => {
    const def = findLab('manual-veth');
    const ctx = exampleContext(def);
    const cmds = planSteps(def, ctx).flatMap((s) => s.commands);
    assert.ok(
      cmds.some((c) => c.startsWith('docker network create --subnet 10.123.0.0/24 --gateway 10.123.0.1 --ip-range 10.123.0.0/25')),
      cmds.join('\n'),
    );
    assert.ok(
      cmds.includes(
        "nsenter -t $(docker inspect -f '{{.State.Pid}}' dne-lab-manual-veth-attached) -n ip addr add 10.123.0.200/24 dev dne-c",
      ),
    );
    const p2p = findLab('p2p');
    const pctx = exampleContext(p2p);
    const plan = p2p.plan(pctx);
    const link = plan.flatMap((s) => s.actions ?? []).find((a) => a.kind === 'link');
    assert.ok(link);
    const ran = new Map([[actionKey(link), ['ip link add dne1234a type veth peer name dne1234b']]]);
    const step = planSteps(p2p, pctx, ran).find((s) => s.name === 'link a and b by hand');
    assert.deepEqual(step?.commands, ['ip link add dne1234a type veth peer name dne1234b']);
    assert.ok(
      planSteps(p2p, pctx)
        .find((s) => s.name === 'link a and b by hand')
        ?.commands.includes('ip link add dne-a type veth peer name dne-b'),
    );
  });

  it("tutorial 000's --subnet=172.2.16.0/24 --gateway 172.22.16.1 is refused by our validator: gateway outside the subnet", () => {
    assert.throws(
      () => validateCreateNetwork({ name: 'dne-lab-user-bridge-tutorial', ...TUTORIAL_BAD_SUBNET }, capturedSnapshot()),
      (err: unknown) =>
        err instanceof ValidationError &&
        err.field === 'gateway' &&
        /172\.22\.16\.1 is not inside the subnet 172\.2\.16\.0\/24/.test(err.message),
    );
  });

  it('host addresses and interface names', () => {
    assert.equal(hostAddress('10.123.4.0/24', 8), '10.123.4.8');
    assert.equal(hostAddress('10.0.255.0/23', 257), '10.1.0.1');
    assert.deepEqual(interfaceNames('1: lo: <LOOPBACK,UP> mtu 65536\n3825: eth0@if3826: <BROADCAST> mtu 1500\n5: dne-e28-n@if86: <UP>'), [
      'lo',
      'eth0',
      'dne-e28-n',
    ]);
  });
});

describe('lab options', () => {
  it('the default prefix and the lab label', () => {
    assert.deepEqual(resolveLabOptions('dns', {}), { prefix: 'dne-lab-dns-', labels: { [LAB_LABEL]: 'dns' }, image: 'dne-busybox:local' });
    const o = resolveLabOptions('dns', { prefix: 'dne-test-lab-x-', labels: { 'dne.test': '1' }, subnet: '10.9.0.0/24', image: 'bb:1' });
    assert.deepEqual(o, {
      prefix: 'dne-test-lab-x-',
      labels: { 'dne.test': '1', [LAB_LABEL]: 'dns' },
      subnet: '10.9.0.0/24',
      image: 'bb:1',
    });
  });
  it('refuses a bad prefix, an empty label key and the lab label itself', () => {
    assert.throws(() => resolveLabOptions('dns', { prefix: '-x' }), /--prefix "-x" must start with a letter or digit/);
    assert.throws(() => resolveLabOptions('dns', { prefix: 'a b' }), /--prefix/);
    assert.throws(() => resolveLabOptions('dns', { labels: { '': 'x' } }), /--label needs a key/);
    assert.throws(() => resolveLabOptions('dns', { labels: { [LAB_LABEL]: 'x' } }), /is the lab's own label/);
  });
});

describe('lab up order', () => {
  it('networks, then containers together, linked ones after, joins and connects one by one', () => {
    const keys = (def: string): string[][] =>
      batches(
        findLab(def)
          .plan(exampleContext(findLab(def)))
          .map((s) => s.actions ?? []),
      ).map((b) =>
        b.map((a) => {
          if (a.kind === 'connect') return `connect:${a.request.container}`;
          if (a.kind === 'link') return `link:${a.request.a}:${a.request.b}`;
          if (a.kind === 'attach') return `attach:${a.request.container}:${a.request.bridge}`;
          return a.key;
        }),
      );
    assert.deepEqual(keys('icc-link'), [['net'], ['a', 'b'], ['c'], ['d']]);
    assert.deepEqual(keys('joined'), [['web'], ['joiner']]);
    assert.deepEqual(keys('two-bridges'), [['net1'], ['net2'], ['a', 'b', 'c'], ['connect:dne-lab-two-bridges-c']]);
    assert.deepEqual(keys('p2p'), [['a', 'b', 'c'], ['link:dne-lab-p2p-a:dne-lab-p2p-b']]);
    assert.deepEqual(keys('manual-veth'), [
      ['net'],
      ['attached', 'normal'],
      ['attach:dne-lab-manual-veth-attached:dne-lab-manual-veth-net'],
    ]);
  });
});
