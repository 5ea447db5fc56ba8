// Writes one benchmark's section of BENCHMARKS.md: the text between `<!-- bench:<name> -->` and
// `<!-- /bench:<name> -->` is replaced (or appended when missing); other sections are kept.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const sectionMarkers = (name: string): { begin: string; end: string } => ({ begin: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` });

/** `text` must start with the begin marker and end with the end marker of `name`. */
export function writeBenchSection(name: string, text: string, file = 'BENCHMARKS.md'): void {
  const { begin, end } = sectionMarkers(name);
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = old.indexOf(begin);
  const stop = old.indexOf(end);
  writeFileSync(file, start >= 0 && stop > start ? old.slice(0, start) + text + old.slice(stop + end.length) : `${old.trimEnd()}\n\n${text}\n`);
}
