// The version-independent model of Docker's firewall rules, whatever generation or backend wrote
// them (Docker 20.10-27, 28.0.0, 28.0.1+, 29, 29 with nftables). Plain data.

export type FirewallBackend = 'iptables-legacy' | 'iptables-nft' | 'nftables';

/** Which generation of Docker's rules was recognised. */
export type DockerLayout =
  | 'docker-20.10-27'
  | 'docker-28.0.0'
  | 'docker-28.0.1+'
  | 'docker-29'
  | 'docker-29-nftables'
  | 'none'
  | 'unknown';

export type Protocol = 'tcp' | 'udp' | 'sctp';

export interface PublishedRule {
  /** Host address the port is bound to; null means every address (0.0.0.0 / ::). */
  hostIp: string | null;
  hostPort: number;
  protocol: Protocol;
  containerIp: string;
  containerPort: number;
  /** The bridge traffic must not come in on (`! -i br-x`), when the rule says. */
  bridge: string | null;
  family: 'ipv4' | 'ipv6';
  /** The DNAT rule text, as the dump shows it. */
  rule: string;
}

export interface MasqueradeRule {
  source: string;
  /** `! -o <bridge>`: traffic leaving through its own bridge is not masqueraded. */
  exceptOutInterface: string | null;
  family: 'ipv4' | 'ipv6';
  rule: string;
}

export interface HairpinRule {
  containerIp: string;
  containerPort: number | null;
  protocol: Protocol | null;
  rule: string;
}

/** raw-table (or nft) drops that stop direct routing to a container from outside its bridge. */
export interface DirectRoutingDrop {
  containerIp: string | null;
  bridge: string | null;
  port: number | null;
  protocol: Protocol | null;
  rule: string;
}

export interface UserRule {
  /** The chain: DOCKER-USER (iptables) or the nft chain where the user's rule sits. */
  chain: string;
  verdict: 'ACCEPT' | 'DROP' | 'REJECT' | 'RETURN' | 'OTHER';
  source: string | null;
  destination: string | null;
  inInterface: string | null;
  outInterface: string | null;
  protocol: string | null;
  port: number | null;
  rule: string;
}

/** Flags the rules set on a bridge. */
export type BridgeFlag = 'iccDisabled' | 'internal' | 'routed' | 'natUnprotected' | 'isolated';

/** A rule that set a bridge flag: the evidence behind iccDisabled, internal, … */
export interface BridgeFlagRule {
  flag: BridgeFlag;
  bridge: string;
  rule: string;
}

export interface FirewallModel {
  backend: FirewallBackend;
  dockerLayout: DockerLayout;
  /** Policy of the filter FORWARD chain (Docker sets DROP), null when unknown. */
  forwardPolicy: 'ACCEPT' | 'DROP' | null;
  published: PublishedRule[];
  masquerade: MasqueradeRule[];
  hairpin: HairpinRule[];
  /** Bridges with inter-container communication off. */
  iccDisabled: string[];
  /** Bridges of internal networks (no way in or out). */
  internal: string[];
  /** Bridges with gateway_mode_ipv4=routed (no NAT). */
  routed: string[];
  /** Bridges with gateway_mode_ipv4=nat-unprotected. */
  natUnprotected: string[];
  /** Bridges whose traffic to other bridges is dropped (isolation). */
  isolated: string[];
  directRoutingDrops: DirectRoutingDrop[];
  /** The rules behind the five bridge lists above, by flag and bridge, in dump order. */
  bridgeFlagRules: BridgeFlagRule[];
  /** Rules the user put where Docker reads them first (DOCKER-USER). */
  userRules: UserRule[];
  /** Every bridge the rules mention. */
  bridges: string[];
  /** Rules in Docker's chains or tables that no pattern explained: kept, never dropped. */
  unrecognised: string[];
  /**
   * What the filter INPUT hook does with a packet no rule accepts: its policy, or DROP when its last
   * rule drops or rejects everything (firewalld). null when the dump does not show INPUT.
   */
  inputPolicy: 'ACCEPT' | 'DROP' | null;
  /** Host firewalls whose rules are active in the dump. */
  hostFirewalls: FirewallReading[];
  /**
   * Whether `-A FORWARD -j DOCKER-USER` is FORWARD's first rule. null when it does not apply:
   * Docker's nftables backend (no DOCKER-USER), no Docker rules, or no filter FORWARD in the dump.
   */
  dockerUserFirst: boolean | null;
  /** The lines behind the three facts above, for findings. */
  hostPolicyEvidence: HostPolicyEvidence;
}

export type FirewallReading = 'ufw' | 'firewalld';

export interface HostPolicyEvidence {
  /** The policy line or last rule that sets inputPolicy. */
  input: string[];
  /** One line per host firewall found (a jump into its chains, or its table). */
  hostFirewalls: string[];
  /** FORWARD's rules up to and including the DOCKER-USER jump (a few at most). */
  forward: string[];
}
