// The protocol guards: every well-formed message passes, anything malformed is rejected, in both
// directions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain } from '../../src/analysis/reachability';
import { MAX_EXPORT_CHARS, PROTOCOL_VERSION, isExplanation, isHostToWebview, isSnapshot, isWebviewToHost } from '../../src/shared/protocol';
import { fixtureSnapshot } from '../webview/fixture';

const snap = fixtureSnapshot();
const v = PROTOCOL_VERSION;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const x = explain(snap, 'gt-a1', 'gt-multi');

describe('protocol: host → webview', () => {
  const good: unknown[] = [
    { v, type: 'snapshot', revision: 1, snapshot: snap, options: { mutable: true } },
    { v, type: 'status', state: 'connecting', message: 'waiting' },
    { v, type: 'focus', nodeId: 'ctr:abc' },
    { v, type: 'explanation', explanation: x },
    { v, type: 'result', ok: false, message: 'nope' },
  ];
  it('accepts every well-formed message', () => {
    for (const m of good) assert.ok(isHostToWebview(m), JSON.stringify(m).slice(0, 80));
  });
  it('survives a JSON round trip (what postMessage does)', () => {
    for (const m of good) assert.ok(isHostToWebview(clone(m)));
  });
  it('rejects a wrong or missing version', () => {
    assert.ok(!isHostToWebview({ ...(good[2] as object), v: 2 }));
    assert.ok(!isHostToWebview({ type: 'focus', nodeId: 'ctr:abc' }));
  });
  it('rejects unknown types, including inherited property names', () => {
    for (const type of ['nope', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) assert.ok(!isHostToWebview({ v, type }), type);
  });
  it('rejects non-objects', () => {
    for (const m of [null, undefined, 1, 'snapshot', [], [{ v, type: 'focus', nodeId: 'x' }]]) assert.ok(!isHostToWebview(m));
  });
  it('rejects a message with a field of the wrong type or missing', () => {
    assert.ok(!isHostToWebview({ v, type: 'snapshot', revision: '1', snapshot: snap, options: { mutable: true } }));
    assert.ok(!isHostToWebview({ v, type: 'snapshot', revision: 1.5, snapshot: snap, options: { mutable: true } }));
    assert.ok(!isHostToWebview({ v, type: 'snapshot', revision: 1, snapshot: snap }));
    assert.ok(!isHostToWebview({ v, type: 'focus', nodeId: '' }));
    assert.ok(!isHostToWebview({ v, type: 'focus', nodeId: 'x'.repeat(600) }));
    assert.ok(!isHostToWebview({ v, type: 'status', state: 'gone', message: '' }));
    assert.ok(!isHostToWebview({ v, type: 'result', ok: 'yes', message: '' }));
  });
  it('rejects a snapshot whose parts are malformed', () => {
    const bad: ((s: ReturnType<typeof clone<typeof snap>>) => void)[] = [
      (s) => delete (s.containers[0] as unknown as Record<string, unknown>)['id'],
      (s) => ((s.containers[0] as unknown as Record<string, unknown>)['state'] = 'flying'),
      (s) => ((s.containers[0] as unknown as Record<string, unknown>)['endpoints'] = [{ network: 1 }]),
      (s) => ((s.containers[0] as unknown as Record<string, unknown>)['labels'] = { a: 1 }),
      (s) => ((s.networks[0] as unknown as Record<string, unknown>)['subnets'] = 'x'),
      (s) => ((s.host as unknown as Record<string, unknown>)['firewall'] = { backend: 'x' }),
      (s) => ((s as unknown as Record<string, unknown>)['containers'] = {}),
      (s) => ((s as unknown as Record<string, unknown>)['takenAt'] = Number.NaN),
    ];
    assert.ok(isSnapshot(clone(snap)));
    for (const edit of bad) {
      const s = clone(snap);
      edit(s);
      assert.ok(!isSnapshot(s), edit.toString());
      assert.ok(!isHostToWebview({ v, type: 'snapshot', revision: 1, snapshot: s, options: { mutable: false } }));
    }
  });
  it('checks explanations', () => {
    assert.ok(isExplanation(x));
    assert.ok(!isExplanation({ ...x, reachable: 'maybe' }));
    assert.ok(!isExplanation({ ...x, ways: [{ network: 'n' }] }));
    assert.ok(!isHostToWebview({ v, type: 'explanation', explanation: { ...x, reasons: [{ code: 1 }] } }));
  });
});

describe('protocol: webview → host', () => {
  const good: unknown[] = [
    { v, type: 'ready' },
    { v, type: 'select', nodeId: 'net:abc/ctr:def' },
    { v, type: 'action', action: { kind: 'connect', container: 'c', network: 'n' } },
    { v, type: 'action', action: { kind: 'connect', container: 'c', network: 'n', ipv4: '10.0.0.5', aliases: ['a', 'b'] } },
    { v, type: 'action', action: { kind: 'connectInteractive', network: 'n' } },
    { v, type: 'action', action: { kind: 'connectInteractive' } },
    { v, type: 'action', action: { kind: 'disconnect', container: 'c', network: 'n' } },
    { v, type: 'action', action: { kind: 'join', container: 'c' } },
    { v, type: 'action', action: { kind: 'explain', from: 'a', to: 'b' } },
    { v, type: 'action', action: { kind: 'inspect', target: 'network', id: 'n' } },
    { v, type: 'export', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    { v, type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' },
    { v, type: 'export', format: 'json' },
    { v, type: 'rendered', revision: 3, nodes: 10, links: 12, ms: 4.5 },
    { v, type: 'log', level: 'warn', message: 'hm' },
  ];
  it('accepts every well-formed message', () => {
    for (const m of good) assert.ok(isWebviewToHost(m), JSON.stringify(m));
  });
  it('rejects malformed actions', () => {
    const bad: unknown[] = [
      { kind: 'connect', container: 'c' },
      { kind: 'connect', container: '', network: 'n' },
      { kind: 'connect', container: 'c', network: 'n', ipv4: 5 },
      { kind: 'connect', container: 'c', network: 'n', aliases: 'a' },
      { kind: 'disconnect', container: 'c', network: 7 },
      { kind: 'explain', from: 'a' },
      { kind: 'inspect', target: 'volume', id: 'x' },
      { kind: 'rm', container: 'c' },
      { kind: 'toString' },
      'connect',
      null,
    ];
    for (const action of bad) assert.ok(!isWebviewToHost({ v, type: 'action', action }), JSON.stringify(action));
  });
  it('rejects malformed exports', () => {
    assert.ok(!isWebviewToHost({ v, type: 'export', format: 'svg', data: '<html></html>' }));
    assert.ok(!isWebviewToHost({ v, type: 'export', format: 'png', data: 'data:image/jpeg;base64,xx' }));
    assert.ok(!isWebviewToHost({ v, type: 'export', format: 'pdf', data: '<svg/>' }));
    assert.ok(!isWebviewToHost({ v, type: 'export', format: 'json', data: 'x' }));
    assert.ok(!isWebviewToHost({ v, type: 'export', format: 'svg', data: `<svg>${'x'.repeat(MAX_EXPORT_CHARS)}` }));
  });
  it('rejects other malformed messages', () => {
    assert.ok(!isWebviewToHost({ type: 'ready' }));
    assert.ok(!isWebviewToHost({ v: '1', type: 'ready' }));
    assert.ok(!isWebviewToHost({ v, type: 'select' }));
    assert.ok(!isWebviewToHost({ v, type: 'rendered', revision: 1, nodes: 1, links: 1, ms: Infinity }));
    assert.ok(!isWebviewToHost({ v, type: 'log', level: 'debug', message: 'x' }));
    assert.ok(
      !isWebviewToHost({ v, type: 'snapshot', revision: 1, snapshot: snap, options: { mutable: true } }),
      'a host message is not a webview message',
    );
  });
});
