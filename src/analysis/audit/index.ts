// The host audit: what is exposed and what is risky. Pure; a check whose facts are unknown is
// listed in notChecked instead of guessed.
import { dockerUserMissing, ipv6NotAnalysed, publishedAllInterfaces, publishedBypassesInput } from './firewallChecks';
import { defaultBridgeInUse, ipForwardOff, mtuMismatch, subnetOverlapsHostRoute } from './hostChecks';
import {
  FINDING_CODES,
  SEVERITY_ORDER,
  type AuditInput,
  type AuditResult,
  type CheckOutcome,
  type Finding,
  type FindingCode,
} from './types';

type Check = (input: AuditInput) => CheckOutcome;

const CHECKS: Record<FindingCode, Check> = {
  PUBLISHED_BYPASSES_INPUT: ({ firewall, snapshot }) => publishedBypassesInput(firewall, snapshot),
  PUBLISHED_ALL_INTERFACES: ({ firewall, snapshot }) => publishedAllInterfaces(firewall, snapshot),
  DOCKER_USER_MISSING: ({ firewall, snapshot }) => dockerUserMissing(firewall, snapshot),
  SUBNET_OVERLAPS_HOST_ROUTE: ({ snapshot }) => subnetOverlapsHostRoute(snapshot),
  MTU_MISMATCH: ({ snapshot }) => mtuMismatch(snapshot),
  DEFAULT_BRIDGE_IN_USE: ({ snapshot }) => defaultBridgeInUse(snapshot),
  IP_FORWARD_OFF: ({ snapshot }) => ipForwardOff(snapshot),
  IPV6_NOT_ANALYSED: ({ firewall, snapshot }) => ipv6NotAnalysed(firewall, snapshot),
};

function byImportance(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code) ||
    a.subject.name.localeCompare(b.subject.name, 'en', { numeric: true })
  );
}

export function audit(input: AuditInput): AuditResult {
  const result: AuditResult = { findings: [], notChecked: [] };
  for (const code of FINDING_CODES) {
    const outcome = CHECKS[code](input);
    if ('notChecked' in outcome) result.notChecked.push({ code, why: outcome.notChecked });
    else result.findings.push(...outcome.findings);
  }
  result.findings.sort(byImportance);
  return result;
}

export * from './types';
