import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sectionMarkers, writeBenchmarkSection } from '../helpers/benchmarksFile';

describe('writeBenchmarkSection', () => {
  it('replaces only its own section, and appends it when missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dne-bench-md-'));
    try {
      const path = join(dir, 'BENCHMARKS.md');
      const a = sectionMarkers('a');
      const b = sectionMarkers('b');
      writeBenchmarkSection(path, 'a', `${a.begin}\nA1\n${a.end}`);
      assert.equal(readFileSync(path, 'utf8'), `# Benchmarks\n\n${a.begin}\nA1\n${a.end}\n`);
      writeBenchmarkSection(path, 'b', `${b.begin}\nB1\n${b.end}`);
      writeBenchmarkSection(path, 'a', `${a.begin}\nA2\n${a.end}`);
      assert.equal(readFileSync(path, 'utf8'), `# Benchmarks\n\n${a.begin}\nA2\n${a.end}\n\n${b.begin}\nB1\n${b.end}\n`);
      writeFileSync(path, `intro\n${b.begin}\nB1\n${b.end}\noutro\n`);
      writeBenchmarkSection(path, 'b', `${b.begin}\nB2\n${b.end}`);
      assert.equal(readFileSync(path, 'utf8'), `intro\n${b.begin}\nB2\n${b.end}\noutro\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
