import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import { subscribeEventLines } from '../../src/docker/dockerodeGateway';
import type { RawEvent } from '../../src/docker/rawTypes';

const ev = (action: string): string => JSON.stringify({ Type: 'container', Action: action });
const wrap = (err: Error): Error => new Error(`classified: ${err.message}`);

describe('subscribeEventLines', () => {
  it('joins a line split across chunks, ignores blank lines and CRLF', async () => {
    const stream = new PassThrough();
    const seen: RawEvent[] = [];
    const sub = subscribeEventLines(stream, (e) => seen.push(e), wrap);
    const all = `${ev('start')}\n\n${ev('stop')}\r\n${ev('die')}\n`;
    stream.write(all.slice(0, 10));
    stream.write(all.slice(10, 40));
    stream.write(all.slice(40));
    stream.end();
    assert.equal(await sub.ended, undefined);
    assert.deepEqual(
      seen.map((e) => e.Action),
      ['start', 'stop', 'die'],
    );
  });

  it('skips only a line that is not JSON', async () => {
    const stream = new PassThrough();
    const seen: RawEvent[] = [];
    const sub = subscribeEventLines(stream, (e) => seen.push(e), wrap);
    stream.end(`${ev('start')}\n{"Type": broken\n${ev('stop')}\n`);
    assert.equal(await sub.ended, undefined);
    assert.deepEqual(
      seen.map((e) => e.Action),
      ['start', 'stop'],
    );
  });

  it('a handler that throws ends the subscription with its error, and no later line is delivered', async () => {
    const stream = new PassThrough();
    const seen: RawEvent[] = [];
    const sub = subscribeEventLines(
      stream,
      (e) => {
        seen.push(e);
        if (e.Action === 'start') throw new Error('handler bug');
      },
      wrap,
    );
    // Both lines arrive in one chunk: the second must not reach the handler after the failure.
    stream.write(`${ev('start')}\n${ev('stop')}\n`);
    const ended = await sub.ended;
    assert.equal(ended?.message, 'classified: handler bug');
    assert.deepEqual(
      seen.map((e) => e.Action),
      ['start'],
    );
    assert.ok(stream.destroyed);
  });

  it('a stream error resolves ended with the classified error; dispose ends it quietly', async () => {
    const failing = new PassThrough();
    const a = subscribeEventLines(failing, () => undefined, wrap);
    failing.destroy(new Error('ECONNRESET'));
    assert.equal((await a.ended)?.message, 'classified: ECONNRESET');

    const open = new PassThrough();
    const b = subscribeEventLines(open, () => undefined, wrap);
    b.dispose();
    assert.equal(await b.ended, undefined);
    assert.ok(open.destroyed);
  });
});
