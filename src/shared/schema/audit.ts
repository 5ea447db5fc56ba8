// The audit's report: what is exposed and what is risky on the engine's host, and the checks that
// could not be made (a finding is never guessed from an unknown fact).
import * as v from 'valibot';

export const SeveritySchema = v.picklist(['high', 'medium', 'low', 'info']);

/** Every check, in the order the audit runs them. */
export const FindingCodeSchema = v.picklist([
  'PUBLISHED_BYPASSES_INPUT',
  'PUBLISHED_ALL_INTERFACES',
  'DOCKER_USER_MISSING',
  'SUBNET_OVERLAPS_HOST_ROUTE',
  'MTU_MISMATCH',
  'DEFAULT_BRIDGE_IN_USE',
  'IP_FORWARD_OFF',
  'IPV6_NOT_ANALYSED',
]);

export const SubjectSchema = v.object({
  kind: v.picklist(['container', 'network', 'port', 'host']),
  name: v.string(),
});

export const FindingSchema = v.object({
  code: FindingCodeSchema,
  severity: SeveritySchema,
  subject: SubjectSchema,
  message: v.string(),
  /** The rules, settings or routes the finding rests on, one per line. */
  evidence: v.array(v.string()),
});

/** A check that was not made, and why. */
export const NotCheckedSchema = v.object({
  code: FindingCodeSchema,
  why: v.string(),
});

export const AuditResultSchema = v.object({
  /** Sorted by severity (high first), then code and subject. */
  findings: v.array(FindingSchema),
  notChecked: v.array(NotCheckedSchema),
});
