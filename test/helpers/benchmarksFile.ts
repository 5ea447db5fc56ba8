// BENCHMARKS.md is shared by several benchmarks: each owns the text between its own markers,
// <!-- bench:NAME --> and <!-- /bench:NAME -->, and rewrites only that.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function sectionMarkers(name: string): { begin: string; end: string } {
  return { begin: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` };
}

/** Replaces the section `name` (`section` includes its markers) in the file, or appends it; the rest is kept. */
export function writeBenchmarkSection(path: string, name: string, section: string): void {
  const { begin, end } = sectionMarkers(name);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const a = text.indexOf(begin);
  const b = a < 0 ? -1 : text.indexOf(end, a);
  writeFileSync(path, a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + end.length) : `${text.trimEnd()}\n\n${section}\n`);
}
