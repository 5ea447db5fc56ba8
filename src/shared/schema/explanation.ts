// The explain verdict: plain data the CLI prints, the command renders and the graph marks.
import * as v from 'valibot';
import { int, nullableInt } from './primitives';

export const ReasonCodeSchema = v.picklist([
  'SAME_NETNS',
  'SHARED_NETWORK',
  'NO_SHARED_NETWORK',
  'ISOLATED_BRIDGES',
  'ICC_DISABLED',
  'INTERNAL_NETWORK',
  'DEFAULT_BRIDGE_NO_DNS',
  'LEGACY_LINK',
  'NAME_RESOLVES',
  'NOT_RUNNING',
  'NETWORK_NONE',
  'HOST_NETWORK',
  'IP_FORWARD_OFF',
  'FIREWALL_DROP',
  'FIREWALL_UNKNOWN',
  'FIREWALL_RULE_UNMODELLED',
  'HOST_INPUT_UNKNOWN',
  'PORT_LISTENING',
  'PORT_NOT_LISTENING',
  'PUBLISHED_PORT',
  'PUBLISHED_BYPASSES_INPUT',
  'DIRECT_ROUTING',
  'DIRECT_ROUTING_BLOCKED',
  'GATEWAY_MODE_ROUTED',
  'GATEWAY_MODE_NAT_UNPROTECTED',
  'LOOPBACK_ONLY_BINDING',
  'FORWARD_POLICY_DROP',
  'GATEWAY_ENDPOINT',
  'HAIRPIN',
  'MANUAL_LINK',
]);

export const ReasonSchema = v.object({
  code: ReasonCodeSchema,
  message: v.string(),
  evidence: v.string(),
});

/**
 * network: over a Docker network's bridge; published: a host port (DNAT or docker-proxy);
 * direct: the container's own address routed to the host from outside; localhost: one netns;
 * link: over an interface made by hand (a point-to-point veth, or a veth attached to a bridge).
 */
export const WayKindSchema = v.picklist(['network', 'published', 'direct', 'localhost', 'link']);

export const WaySchema = v.object({
  kind: WayKindSchema,
  network: v.string(),
  address: v.string(),
  /** B's name (or an alias) resolves to that address from A through Docker's DNS or a link. */
  byName: v.boolean(),
  names: v.array(v.string()),
  /** false when a rule on this way drops the traffic. */
  open: v.boolean(),
  /** Published ways: the host address the port is bound to (0.0.0.0: every address) and the port. */
  hostIp: v.optional(v.string()),
  hostPort: v.optional(int),
  /** Published ways: the container port the host port maps to. */
  containerPort: v.optional(int),
  /** The reasons (in Explanation.reasons) that decided this way. */
  codes: v.optional(v.array(ReasonCodeSchema)),
});

/** container: a container's netns; host: a process in the engine's netns; outside: an IPv4 client elsewhere. */
export const SourceKindSchema = v.picklist(['container', 'host', 'outside']);

export const ExplanationSchema = v.object({
  from: v.string(),
  fromKind: SourceKindSchema,
  to: v.string(),
  port: nullableInt,
  reachable: v.union([v.boolean(), v.literal('unknown')]),
  ways: v.array(WaySchema),
  reasons: v.array(ReasonSchema),
});
