// Valibot's issues as one short line for a log: where, and what was wrong.
import * as v from 'valibot';

/** The first few issues as `path: message`; a rejected message is logged with this, never dumped whole. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], max = 3): string {
  const shown = issues.slice(0, max).map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
  if (issues.length > max) shown.push(`… ${issues.length - max} more`);
  return shown.join('; ');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Parses unknown input once, at the edge: the typed value, or why it was refused. */
export function parseWith<S extends v.GenericSchema>(schema: S, x: unknown): Parsed<v.InferOutput<S>> {
  const r = v.safeParse(schema, x);
  return r.success ? { ok: true, value: r.output } : { ok: false, reason: describeIssues(r.issues) };
}
