// The graph's typed GraphAction goes straight to the commands' flows and requests, through the
// one guard, with fakes of GraphActionHandlers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain } from '../../src/analysis/reachability';
import { isMutating, runAction, type GraphActionHandlers } from '../../src/webviewHost/actions';
import type { GraphAction } from '../../src/shared/protocol';
import { capturedSnapshot } from '../helpers/fixtures';

const snap = capturedSnapshot({ engine: { endpoint: 'unix:///fake.sock' } });
const explanation = explain(snap, 'gt-a1', 'gt-def2');

function fake(refusal?: string): { h: GraphActionHandlers; calls: string[] } {
  const calls: string[] = [];
  const h: GraphActionHandlers = {
    changesRefused: (action) => {
      calls.push(`guard ${action}`);
      return refusal;
    },
    connect: (req) => {
      calls.push(`connect ${JSON.stringify(req)}`);
      return Promise.resolve();
    },
    connectFlow: (p) => {
      calls.push(`connectFlow ${JSON.stringify(p)}`);
      return Promise.resolve(true);
    },
    disconnectFlow: (p) => {
      calls.push(`disconnectFlow ${JSON.stringify(p)}`);
      return Promise.resolve(false);
    },
    joinFlow: (p) => {
      calls.push(`joinFlow ${JSON.stringify(p)}`);
      return Promise.resolve('id');
    },
    explain: (req) => {
      calls.push(`explain ${JSON.stringify(req)}`);
      return Promise.resolve(explanation);
    },
    inspect: (req) => {
      calls.push(`inspect ${JSON.stringify(req)}`);
      return Promise.resolve(undefined);
    },
  };
  return { h, calls };
}

describe('runAction', () => {
  it('a direct connect is a typed request, after the guard', async () => {
    const { h, calls } = fake();
    const out = await runAction({ kind: 'connect', container: 'c', network: 'n', aliases: ['a'] }, h, undefined);
    assert.deepEqual(calls, ['guard Connecting a container', 'connect {"container":"c","network":"n","aliases":["a"]}']);
    assert.deepEqual(out, { ok: true, message: 'Connected c to n.' });
  });

  it('interactive actions call the flows with the preset; a cancelled disconnect says nothing', async () => {
    const { h, calls } = fake();
    await runAction({ kind: 'connectInteractive', network: 'n' }, h, undefined);
    const out = await runAction({ kind: 'disconnect', container: 'c', network: 'n' }, h, undefined);
    await runAction({ kind: 'join', container: 'c' }, h, undefined);
    assert.deepEqual(
      calls.filter((c) => !c.startsWith('guard')),
      ['connectFlow {"network":"n"}', 'disconnectFlow {"container":"c","network":"n"}', 'joinFlow {"container":"c"}'],
    );
    assert.deepEqual(out, { ok: true, message: '' });
  });

  it('the guard refuses a change before any flow runs', async () => {
    const { h, calls } = fake('Connecting a container is disabled: dockerNetworks.readOnly is on.');
    for (const a of [
      { kind: 'connect', container: 'c', network: 'n' },
      { kind: 'disconnect', container: 'c', network: 'n' },
      { kind: 'join' },
    ] satisfies GraphAction[]) {
      const out = await runAction(a, h, undefined);
      assert.equal(out.ok, false);
      assert.match(out.message, /readOnly/);
    }
    assert.ok(
      calls.every((c) => c.startsWith('guard')),
      calls.join('\n'),
    );
  });

  it('explain and inspect read only: no guard; explain returns its explanation', async () => {
    const { h, calls } = fake('refused');
    const out = await runAction({ kind: 'explain', from: 'a', to: 'b' }, h, undefined);
    await runAction({ kind: 'inspect', target: 'network', id: 'n' }, h, undefined);
    assert.equal(out.explanation, explanation);
    assert.deepEqual(calls, ['explain {"from":"a","to":"b"}', 'inspect {"kind":"network","ref":"n"}']);
    assert.equal(isMutating({ kind: 'explain', from: 'a', to: 'b' }), false);
    assert.equal(isMutating({ kind: 'join' }), true);
  });
});
