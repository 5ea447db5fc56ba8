// The audit's vocabulary: what a finding is, and why a check could not be made.
import type { FirewallModel } from '../../shared/firewall';
import type { Snapshot } from '../../shared/model';

export type Severity = 'high' | 'medium' | 'low' | 'info';

export type FindingCode =
  | 'PUBLISHED_BYPASSES_INPUT'
  | 'PUBLISHED_ALL_INTERFACES'
  | 'DOCKER_USER_MISSING'
  | 'SUBNET_OVERLAPS_HOST_ROUTE'
  | 'MTU_MISMATCH'
  | 'DEFAULT_BRIDGE_IN_USE'
  | 'IP_FORWARD_OFF'
  | 'IPV6_NOT_ANALYSED';

/** Every check, in the order the audit runs them. */
export const FINDING_CODES: readonly FindingCode[] = [
  'PUBLISHED_BYPASSES_INPUT',
  'PUBLISHED_ALL_INTERFACES',
  'DOCKER_USER_MISSING',
  'SUBNET_OVERLAPS_HOST_ROUTE',
  'MTU_MISMATCH',
  'DEFAULT_BRIDGE_IN_USE',
  'IP_FORWARD_OFF',
  'IPV6_NOT_ANALYSED',
];

export interface Subject {
  kind: 'container' | 'network' | 'port' | 'host';
  name: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  subject: Subject;
  message: string;
  /** The rules, settings or routes the finding rests on, one per line. */
  evidence: string[];
}

/** A check that was not made, and why: a finding is never guessed from an unknown fact. */
export interface NotChecked {
  code: FindingCode;
  why: string;
}

export interface AuditInput {
  /** Docker's firewall, or null when it was not read. */
  firewall: FirewallModel | null;
  /** The engine's snapshot; absent when only a firewall dump is known (--from-file). */
  snapshot?: Snapshot;
}

export interface AuditResult {
  /** Sorted by severity (high first), then code and subject. */
  findings: Finding[];
  notChecked: NotChecked[];
}

/** One check: its findings, or why it could not be made. */
export type CheckOutcome = { findings: Finding[] } | { notChecked: string };

export const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

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
