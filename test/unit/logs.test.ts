import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demuxDockerLogs } from '../../src/docker/logs';

function frame(stream: number, text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + body.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, body.length);
  out.set(body, 8);
  return out;
}

describe('demuxDockerLogs', () => {
  it('splits stdout and stderr frames in order', () => {
    const parts = [frame(1, '*nat\n'), frame(2, 'warn\n'), frame(1, 'COMMIT\n')];
    const buf = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      buf.set(p, o);
      o += p.length;
    }
    assert.deepEqual(demuxDockerLogs(buf), { stdout: '*nat\nCOMMIT\n', stderr: 'warn\n' });
  });
  it('ignores a truncated header', () => {
    assert.deepEqual(demuxDockerLogs(new Uint8Array([1, 0, 0])), { stdout: '', stderr: '' });
  });
});
