import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_VERSION, createApi, type ExplorerTree } from '../../src/api';
import { Emitter } from '../../src/shared/emitter';
import type { Snapshot } from '../../src/shared/model';
import { capturedSnapshot } from '../helpers/fixtures';

const snap = (takenAt: number): Snapshot => capturedSnapshot({ takenAt });
const tree: ExplorerTree = {
  getChildren: () => [],
  getTreeItem: () => ({}),
  resolveTreeItem: (item) => item,
  getParent: () => undefined,
  findNode: () => undefined,
};

function harness(initial?: Snapshot): { emitter: Emitter<Snapshot>; set: (s: Snapshot) => void; api: ReturnType<typeof createApi> } {
  let current = initial;
  const emitter = new Emitter<Snapshot>();
  const api = createApi({ snapshot: () => current, status: () => ({ state: 'connected' }), onDidChangeSnapshot: emitter.event, tree });
  return {
    emitter,
    api,
    set: (s) => {
      current = s;
      emitter.fire(s);
    },
  };
}

describe('extension API', () => {
  it('is version 1 and hands out its parts', () => {
    const first = snap(1);
    const { api } = harness(first);
    assert.equal(API_VERSION, 1);
    assert.equal(api.version, 1);
    assert.equal(api.snapshot(), first);
    assert.deepEqual(api.status(), { state: 'connected' });
    assert.equal(api.tree, tree);
  });

  it('onDidChangeSnapshot fires with every new snapshot', () => {
    const { api, set } = harness();
    const seen: number[] = [];
    const sub = api.onDidChangeSnapshot((s) => seen.push(s.takenAt));
    set(snap(1));
    set(snap(2));
    sub.dispose();
    set(snap(3));
    assert.deepEqual(seen, [1, 2]);
  });

  it('waitFor resolves at once when the current snapshot matches', async () => {
    const { api } = harness(snap(5));
    assert.equal((await api.waitFor((s) => s.takenAt === 5, 50)).takenAt, 5);
  });

  it('waitFor resolves with the first later snapshot that matches, and stops listening', async () => {
    const { api, set, emitter } = harness(snap(1));
    const p = api.waitFor((s) => s.takenAt >= 3, 1000);
    set(snap(2));
    set(snap(3));
    set(snap(4));
    assert.equal((await p).takenAt, 3);
    let calls = 0;
    emitter.event(() => calls++);
    set(snap(5));
    assert.equal(calls, 1, 'only the new listener is left');
  });

  it('waitFor rejects after the timeout, naming it', async () => {
    const { api } = harness();
    await assert.rejects(
      api.waitFor(() => true, 30),
      /no matching snapshot within 30 ms/,
    );
  });
});
