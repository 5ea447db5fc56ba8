// The one schema against the code that fills it: real snapshots and firewall models built from the
// captured fixtures must pass, and a drifted shape (a renamed field, a missing one, a malformed
// entry) must be refused with a reason that names the field. Plus the committed JSON Schema files.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { audit } from '../../src/analysis/audit';
import { explain } from '../../src/analysis/reachability';
import { diffFirewall, parseDumpFile } from '../../src/analysis/firewall';
import { PROTOCOL_VERSION, parseHostToWebview } from '../../src/shared/protocol';
import {
  AuditDocumentSchema,
  ExplainDocumentSchema,
  FirewallDiffDocumentSchema,
  FirewallDocumentSchema,
  PathDocumentSchema,
  SCHEMA_VERSION,
  TopologyDocumentSchema,
  versioned,
} from '../../src/shared/schema/documents';
import { containerPath } from '../../src/analysis/paths';
import { FirewallModelSchema } from '../../src/shared/schema/firewall';
import { SnapshotSchema } from '../../src/shared/schema/snapshot';
import { jsonSchemaFiles } from '../../scripts/jsonSchemas';
import { fixturesDir } from '../helpers/fixtures';
import { fixtureSnapshot } from '../webview/fixture';
import { userRule } from '../helpers/userRule';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
/** A snapshot as it arrives over postMessage or from a file: plain JSON, untyped. */
type Json = Record<string, unknown>;
const isJson = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const asJson = (x: unknown): Json => {
  const j: unknown = JSON.parse(JSON.stringify(x));
  assert.ok(isJson(j));
  return j;
};
/** The object at a path of a JSON value (arrays by index). */
const at = (x: unknown, ...path: (string | number)[]): Json => {
  let cur: unknown = x;
  for (const k of path) cur = typeof cur === 'object' && cur !== null ? Reflect.get(cur, k) : undefined;
  assert.ok(isJson(cur), path.join('.'));
  return cur;
};

function dumps(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? dumps(p) : p.endsWith('.txt') ? [p] : [];
  });
}

/** The snapshot message the webview would get, and what it says about it. */
const receive = (snapshot: unknown) =>
  parseHostToWebview({ v: PROTOCOL_VERSION, type: 'snapshot', revision: 1, snapshot, options: { mutable: true } });

describe('schema: what the code builds passes', () => {
  it('a snapshot built from the captured engine API and firewall dump', () => {
    const s = fixtureSnapshot();
    const r = v.safeParse(SnapshotSchema, clone(s));
    assert.ok(r.success, r.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`).join('\n'));
    assert.deepEqual(r.output, clone(s), 'parsing drops no field the code fills');
    assert.equal(receive(clone(s)).ok, true);
  });
  it('every captured and generated firewall dump, as the model the parsers build', () => {
    const files = dumps(join(fixturesDir(), 'firewall'));
    assert.ok(files.length > 30, `${files.length} dumps`);
    let hairpins = 0;
    for (const f of files) {
      const m = parseDumpFile(readFileSync(f, 'utf8'), f);
      hairpins += m.hairpin.length;
      const r = v.safeParse(FirewallModelSchema, clone(m));
      assert.ok(r.success, `${f}: ${r.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`).join('; ')}`);
      assert.deepEqual(r.output, clone(m), `${f}: parsing drops no field`);
    }
    assert.ok(hairpins > 0, 'some dump has hairpin rules, so their schema is exercised');
  });
  it('the diff of every dump against the next one (other versions, backends, host firewalls)', () => {
    const models = dumps(join(fixturesDir(), 'firewall')).map((f) => parseDumpFile(readFileSync(f, 'utf8'), f));
    let changed = 0;
    for (let i = 1; i < models.length; i++) {
      const [a, b] = [models[i - 1], models[i]];
      if (!a || !b) continue;
      const doc = clone(versioned(diffFirewall(a, b)));
      if (doc.changed) changed++;
      const r = v.safeParse(FirewallDiffDocumentSchema, doc);
      assert.ok(r.success, `diff ${i}: ${r.issues?.map((x) => `${v.getDotPath(x)}: ${x.message}`).join('; ')}`);
      assert.deepEqual(r.output, doc, `diff ${i}: parsing drops no field`);
    }
    assert.ok(changed > 0, 'some diffs change settings, so `changed` is exercised');
  });
  it('the CLI documents: topology, firewall, explain, audit and path, each with schemaVersion', () => {
    const s = fixtureSnapshot();
    assert.equal(versioned(s).schemaVersion, SCHEMA_VERSION);
    assert.ok(v.is(TopologyDocumentSchema, clone(versioned(s))));
    assert.ok(s.host.firewall);
    assert.ok(v.is(FirewallDocumentSchema, clone(versioned(s.host.firewall))));
    assert.ok(v.is(ExplainDocumentSchema, clone(versioned(explain(s, 'gt-a1', 'gt-multi')))));
    const report = audit({ firewall: s.host.firewall, snapshot: s });
    assert.ok(report.findings.length > 0);
    assert.ok(v.is(AuditDocumentSchema, clone(versioned(report))));
    // cli path: every container's paths (published ports, none/host modes, joined ones) with its DNS.
    for (const c of s.containers) {
      const doc = clone(
        versioned({ ...containerPath(c, s), dns: { resolver: '127.0.0.11:53' as const, tcpPort: 41234, udpPort: null, rules: ['-A x'] } }),
      );
      const r = v.safeParse(PathDocumentSchema, doc);
      assert.ok(r.success, `${c.name}: ${r.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`).join('; ')}`);
      assert.deepEqual(r.output, doc, `${c.name}: parsing drops no field`);
    }
    assert.ok(
      s.containers.some((c) => containerPath(c, s).ingress.length > 0),
      'some container publishes a port, so ingress is exercised',
    );
    assert.ok(!v.is(TopologyDocumentSchema, clone(s)), 'a document without schemaVersion is not a document');
    assert.ok(!v.is(TopologyDocumentSchema, { ...clone(s), schemaVersion: 2 }));
  });
});

describe('schema: drift is refused, and the reason names the field', () => {
  const edits: [string, RegExp, (s: Json) => void][] = [
    [
      'a container field renamed',
      /containers\.0\.name/,
      (s) => {
        const c = at(s, 'containers', 0);
        c['containerName'] = c['name'];
        delete c['name'];
      },
    ],
    ['a network without created', /networks\.0\.created/, (s) => delete at(s, 'networks', 0)['created']],
    ['a container without created', /containers\.1\.created/, (s) => delete at(s, 'containers', 1)['created']],
    [
      'a hairpin entry with a field missing',
      /host\.firewall\.hairpin\.0\.rule/,
      (s) => (at(s, 'host', 'firewall')['hairpin'] = [{ containerIp: '10.0.0.2', containerPort: 80, protocol: 'tcp' }]),
    ],
    [
      'a hairpin entry of the wrong type',
      /host\.firewall\.hairpin\.0\.containerPort/,
      (s) => (at(s, 'host', 'firewall')['hairpin'] = [{ containerIp: '10.0.0.2', containerPort: '80', protocol: 'tcp', rule: 'x' }]),
    ],
    [
      'an endpoint without gwPriority',
      /containers\.0\.endpoints\.0\.gwPriority/,
      (s) => delete at(s, 'containers', 0, 'endpoints', 0)['gwPriority'],
    ],
    ['an unknown firewall backend', /host\.firewall\.backend/, (s) => (at(s, 'host', 'firewall')['backend'] = 'pf')],
    [
      'a user rule with an unknown verdict',
      /host\.firewall\.userRules\.0\.verdict/,
      (s) => (at(s, 'host', 'firewall')['userRules'] = [{ ...userRule({ rule: '-A DOCKER-USER -j MAYBE' }), verdict: 'MAYBE' }]),
    ],
    ['host policy evidence missing', /host\.firewall\.hostPolicyEvidence/, (s) => delete at(s, 'host', 'firewall')['hostPolicyEvidence']],
  ];
  for (const [what, where, edit] of edits) {
    it(what, () => {
      const s = asJson(fixtureSnapshot());
      edit(s);
      assert.equal(v.is(SnapshotSchema, s), false);
      const r = receive(s);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, where);
    });
  }
});

describe('schema: the committed JSON Schema files', () => {
  it('equal what the schemas generate (run `npm run schema` after changing a schema)', () => {
    const dir = join(resolve(__dirname, '..', '..', '..'), 'schema');
    const files = jsonSchemaFiles();
    assert.deepEqual(readdirSync(dir).sort(), Object.keys(files).sort());
    for (const [file, text] of Object.entries(files))
      assert.equal(readFileSync(join(dir, file), 'utf8'), text, `schema/${file} is stale: run npm run schema`);
  });
  it('describe the documents: schemaVersion, the snapshot fields, nulls allowed where a fact may be missing', () => {
    const topology = JSON.parse(jsonSchemaFiles()['topology.schema.json'] ?? '{}') as {
      required: string[];
      properties: { schemaVersion: { const: number } };
    };
    assert.equal(topology.properties.schemaVersion.const, SCHEMA_VERSION);
    assert.deepEqual(topology.required, ['schemaVersion', 'engine', 'networks', 'containers', 'host', 'takenAt']);
  });
});
