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

/** What a hop of the drawn route is: a container's interface, a host-side veth, a bridge, … */
export const RouteHopKindSchema = v.picklist(['interface', 'veth', 'bridge', 'host', 'nat', 'proxy', 'loopback', 'firewall', 'outside']);

/** The graph node a hop sits on (containers and networks by their Docker ids). */
export const HopPlaceSchema = v.union([
  v.object({ kind: v.picklist(['container', 'network']), id: v.string() }),
  v.object({ kind: v.picklist(['host', 'outside']) }),
]);

/** One hop of the route from A to B, as a learner reads it, with the command that shows it. */
export const RouteHopSchema = v.object({
  kind: RouteHopKindSchema,
  /** "web eth0", "veth1a2b3c", "mynet (br-0a1b2c3d4e5f)", "DNAT", … */
  label: v.string(),
  address: v.optional(v.string()),
  at: v.nullable(HopPlaceSchema),
  /** One line: why the packet is here and what happens to it. */
  why: v.string(),
  /** The command that shows this hop in a terminal (run where the snapshot was read). */
  command: v.nullable(v.string()),
  /** Set on the hop where the traffic stops: the reason, its short name and the rule behind it. */
  stop: v.optional(v.object({ code: ReasonCodeSchema, short: v.string(), rule: v.string() })),
});

/** The route drawn hop by hop: along the open way (else the first blocked one), to where it stops. */
export const ExplainRouteSchema = v.object({
  /** Index into ways of the way drawn; null when there is no way at all (then the hops end at the stop). */
  way: v.nullable(int),
  hops: v.array(RouteHopSchema),
  /** false when a hop stops it. */
  arrives: v.boolean(),
});

export const ExplanationSchema = v.object({
  from: v.string(),
  fromKind: SourceKindSchema,
  to: v.string(),
  port: nullableInt,
  reachable: v.union([v.boolean(), v.literal('unknown')]),
  ways: v.array(WaySchema),
  reasons: v.array(ReasonSchema),
  /** Compose's project and service of A and of B, when Compose made them. */
  fromCompose: v.optional(v.nullable(v.object({ project: v.string(), service: v.string() }))),
  toCompose: v.optional(v.nullable(v.object({ project: v.string(), service: v.string() }))),
  /** The route drawn hop by hop (explain() always sets it). */
  route: v.optional(ExplainRouteSchema),
});
