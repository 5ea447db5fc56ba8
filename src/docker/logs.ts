// Pure: splits a non-TTY container's log stream into stdout and stderr. Docker frames each chunk
// with 8 bytes: stream (1 = stdout, 2 = stderr), three zero bytes, then the length (big endian).

export function demuxDockerLogs(buf: Uint8Array): { stdout: string; stderr: string } {
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let i = 0;
  while (i + 8 <= buf.length) {
    const stream = buf[i];
    const size = view.getUint32(i + 4);
    const chunk = buf.subarray(i + 8, i + 8 + size);
    (stream === 2 ? err : out).push(chunk);
    i += 8 + size;
  }
  const text = (parts: Uint8Array[]): string => new TextDecoder().decode(concat(parts));
  return { stdout: text(out), stderr: text(err) };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all;
}
