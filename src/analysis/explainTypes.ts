// The explain verdict's types: plain data the CLI prints, the command renders and the graph marks.

export type ReasonCode =
  | 'SAME_NETNS'
  | 'SHARED_NETWORK'
  | 'NO_SHARED_NETWORK'
  | 'ISOLATED_BRIDGES'
  | 'ICC_DISABLED'
  | 'INTERNAL_NETWORK'
  | 'DEFAULT_BRIDGE_NO_DNS'
  | 'LEGACY_LINK'
  | 'NAME_RESOLVES'
  | 'NOT_RUNNING'
  | 'NETWORK_NONE'
  | 'HOST_NETWORK'
  | 'IP_FORWARD_OFF'
  | 'FIREWALL_DROP'
  | 'FIREWALL_UNKNOWN'
  | 'FIREWALL_RULE_UNMODELLED'
  | 'HOST_INPUT_UNKNOWN'
  | 'PORT_LISTENING'
  | 'PORT_NOT_LISTENING'
  | 'PUBLISHED_PORT'
  | 'PUBLISHED_BYPASSES_INPUT'
  | 'DIRECT_ROUTING'
  | 'DIRECT_ROUTING_BLOCKED'
  | 'GATEWAY_MODE_ROUTED'
  | 'GATEWAY_MODE_NAT_UNPROTECTED'
  | 'LOOPBACK_ONLY_BINDING'
  | 'FORWARD_POLICY_DROP'
  | 'GATEWAY_ENDPOINT'
  | 'HAIRPIN';

export interface Reason {
  code: ReasonCode;
  message: string;
  evidence: string;
}

/**
 * network: over a Docker network's bridge; published: a host port (DNAT or docker-proxy);
 * direct: the container's own address routed to the host from outside; localhost: one netns.
 */
export type WayKind = 'network' | 'published' | 'direct' | 'localhost';

export interface Way {
  kind: WayKind;
  network: string;
  address: string;
  /** B's name (or an alias) resolves to that address from A through Docker's DNS or a link. */
  byName: boolean;
  names: string[];
  /** false when a rule on this way drops the traffic. */
  open: boolean;
  /** Published ways: the host address the port is bound to (0.0.0.0: every address) and the port. */
  hostIp?: string;
  hostPort?: number;
  /** Published ways: the container port the host port maps to. */
  containerPort?: number;
  /** The reasons (in Explanation.reasons) that decided this way. */
  codes?: ReasonCode[];
}

/** container: a container's netns; host: a process in the engine's netns; outside: an IPv4 client elsewhere. */
export type SourceKind = 'container' | 'host' | 'outside';

export interface Explanation {
  from: string;
  fromKind: SourceKind;
  to: string;
  port: number | null;
  reachable: boolean | 'unknown';
  ways: Way[];
  reasons: Reason[];
}

export interface ExplainFacts {
  /** TCP ports B's netns listens on (from /proc/<pid>/net/tcp*); null or absent when unknown. */
  listening?: number[] | null;
}

export type AddReason = (code: ReasonCode, message: string, evidence: string) => void;
