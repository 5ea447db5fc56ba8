// What the one schema costs where it runs on every snapshot: parsing the snapshot message at the
// webview's edge (safeParse builds the typed copy), the plain check (v.is), and the tree's change
// signature. `node dist-test/bench/schema.js [containers]`; pure, no Docker.
import * as v from 'valibot';
import { PROTOCOL_VERSION, parseHostToWebview } from '../src/shared/protocol';
import { SnapshotSchema } from '../src/shared/schema/snapshot';
import { treeSignature } from '../src/tree/treeSignature';
import { generateSnapshot } from './graphSnapshot';

const containers = Number(process.argv[2] ?? 1000);
const networks = Math.max(1, Math.round(containers / 10));
// As it arrives over postMessage: a structured clone, here a JSON round trip.
const snapshot: unknown = JSON.parse(JSON.stringify(generateSnapshot(containers, networks)));
const typed = generateSnapshot(containers, networks);
const message = { v: PROTOCOL_VERSION, type: 'snapshot', revision: 1, snapshot, options: { mutable: true } };

function time(label: string, fn: () => unknown, runs = 60): void {
  for (let i = 0; i < 10; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number): string => (ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0).toFixed(2);
  process.stdout.write(`${label.padEnd(44)} median ${q(0.5)} ms  p90 ${q(0.9)} ms\n`);
}

process.stdout.write(`${containers} containers, ${networks} networks, ${(JSON.stringify(snapshot).length / 1024).toFixed(0)} KB of JSON\n`);
if (!parseHostToWebview(message).ok) throw new Error('the generated snapshot does not pass the schema');
time('parseHostToWebview (safeParse, typed copy)', () => parseHostToWebview(message));
time('v.is(SnapshotSchema) (check only)', () => v.is(SnapshotSchema, snapshot));
time('JSON.parse(JSON.stringify()) for scale', () => JSON.parse(JSON.stringify(snapshot)));
time('treeSignature (every row, all expanded)', () => treeSignature(typed, { showBuiltinNetworks: true }), 30);
