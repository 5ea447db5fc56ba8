// The audit's vocabulary: what a finding is, and why a check could not be made.
import type * as v from 'valibot';
import type { FirewallModel } from '../../shared/firewall';
import type { Snapshot } from '../../shared/model';
import {
  FindingCodeSchema,
  SeveritySchema,
  type AuditResultSchema,
  type FindingSchema,
  type NotCheckedSchema,
  type SubjectSchema,
} from '../../shared/schema/audit';

// Inferred from the schema (shared/schema/audit.ts) that the CLI's audit document is described by.
export type Severity = v.InferOutput<typeof SeveritySchema>;
export type FindingCode = v.InferOutput<typeof FindingCodeSchema>;

/** Every check, in the order the audit runs them. */
export const FINDING_CODES: readonly FindingCode[] = FindingCodeSchema.options;

export type Subject = v.InferOutput<typeof SubjectSchema>;
export type Finding = v.InferOutput<typeof FindingSchema>;
/** A check that was not made, and why: a finding is never guessed from an unknown fact. */
export type NotChecked = v.InferOutput<typeof NotCheckedSchema>;

export interface AuditInput {
  /** Docker's firewall, or null when it was not read. */
  firewall: FirewallModel | null;
  /** The engine's snapshot; absent when only a firewall dump is known (--from-file). */
  snapshot?: Snapshot;
}

export type AuditResult = v.InferOutput<typeof AuditResultSchema>;

/** One check: its findings, or why it could not be made. */
export type CheckOutcome = { findings: Finding[] } | { notChecked: string };

export const SEVERITY_ORDER: readonly Severity[] = SeveritySchema.options;

/** How reports group findings: errors, then warnings, then info. */
export const AUDIT_GROUPS: readonly { title: string; severities: readonly Severity[] }[] = [
  { title: 'Errors', severities: ['high'] },
  { title: 'Warnings', severities: ['medium', 'low'] },
  { title: 'Info', severities: ['info'] },
];

/** `3 findings (1 high, 2 medium), 2 checks not made`. */
export function auditSummary(r: AuditResult): string {
  const counts = SEVERITY_ORDER.map((s) => [s, r.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const findings = `${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}${counts.length ? ` (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}`;
  return `${findings}, ${r.notChecked.length} check${r.notChecked.length === 1 ? '' : 's'} not made`;
}
