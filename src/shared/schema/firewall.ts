// Docker's firewall rules as one version-independent model, whatever generation or backend wrote
// them (Docker 20.10-27, 28.0.0, 28.0.1+, 29, 29 with nftables). Plain data.
import * as v from 'valibot';
import { FamilySchema, ProtocolSchema, int, nullableInt, nullableString } from './primitives';

export const FirewallBackendSchema = v.picklist(['iptables-legacy', 'iptables-nft', 'nftables']);

/** Which generation of Docker's rules was recognised. */
export const DockerLayoutSchema = v.picklist(['docker-20.10-27', 'docker-28.0.0', 'docker-28.0.1+', 'docker-29', 'docker-29-nftables', 'none', 'unknown']);

const nullableProtocol = v.nullable(ProtocolSchema);

export const PublishedRuleSchema = v.object({
  /** Host address the port is bound to; null means every address (0.0.0.0 / ::). */
  hostIp: nullableString,
  hostPort: int,
  protocol: ProtocolSchema,
  containerIp: v.string(),
  containerPort: int,
  /** The bridge traffic must not come in on (`! -i br-x`), when the rule says. */
  bridge: nullableString,
  family: FamilySchema,
  /** The DNAT rule text, as the dump shows it. */
  rule: v.string(),
});

export const MasqueradeRuleSchema = v.object({
  source: v.string(),
  /** `! -o <bridge>`: traffic leaving through its own bridge is not masqueraded. */
  exceptOutInterface: nullableString,
  family: FamilySchema,
  rule: v.string(),
});

export const HairpinRuleSchema = v.object({
  containerIp: v.string(),
  containerPort: nullableInt,
  protocol: nullableProtocol,
  rule: v.string(),
});

/** raw-table (or nft) drops that stop direct routing to a container from outside its bridge. */
export const DirectRoutingDropSchema = v.object({
  containerIp: nullableString,
  bridge: nullableString,
  port: nullableInt,
  protocol: nullableProtocol,
  rule: v.string(),
});

export const UserRuleSchema = v.object({
  /** The chain: DOCKER-USER (iptables) or the nft chain where the user's rule sits. */
  chain: v.string(),
  verdict: v.picklist(['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'OTHER']),
  source: nullableString,
  destination: nullableString,
  inInterface: nullableString,
  outInterface: nullableString,
  protocol: nullableString,
  port: nullableInt,
  rule: v.string(),
});

/** Flags the rules set on a bridge. */
export const BridgeFlagSchema = v.picklist(['iccDisabled', 'internal', 'routed', 'natUnprotected', 'isolated']);

/** A rule that set a bridge flag: the evidence behind iccDisabled, internal, … */
export const BridgeFlagRuleSchema = v.object({
  flag: BridgeFlagSchema,
  bridge: v.string(),
  rule: v.string(),
});

export const HostFirewallSchema = v.picklist(['ufw', 'firewalld']);

export const HostPolicyEvidenceSchema = v.object({
  /** The policy line or last rule that sets inputPolicy. */
  input: v.array(v.string()),
  /** One line per host firewall found (a jump into its chains, or its table). */
  hostFirewalls: v.array(v.string()),
  /** FORWARD's rules up to and including the DOCKER-USER jump (a few at most). */
  forward: v.array(v.string()),
});

const policy = v.nullable(v.picklist(['ACCEPT', 'DROP']));

export const FirewallModelSchema = v.object({
  backend: FirewallBackendSchema,
  dockerLayout: DockerLayoutSchema,
  /** Policy of the filter FORWARD chain (Docker sets DROP), null when unknown. */
  forwardPolicy: policy,
  published: v.array(PublishedRuleSchema),
  masquerade: v.array(MasqueradeRuleSchema),
  hairpin: v.array(HairpinRuleSchema),
  /** Bridges with inter-container communication off. */
  iccDisabled: v.array(v.string()),
  /** Bridges of internal networks (no way in or out). */
  internal: v.array(v.string()),
  /** Bridges with gateway_mode_ipv4=routed (no NAT). */
  routed: v.array(v.string()),
  /** Bridges with gateway_mode_ipv4=nat-unprotected. */
  natUnprotected: v.array(v.string()),
  /** Bridges whose traffic to other bridges is dropped (isolation). */
  isolated: v.array(v.string()),
  directRoutingDrops: v.array(DirectRoutingDropSchema),
  /** The rules behind the five bridge lists above, by flag and bridge, in dump order. */
  bridgeFlagRules: v.array(BridgeFlagRuleSchema),
  /** Rules the user put where Docker reads them first (DOCKER-USER). */
  userRules: v.array(UserRuleSchema),
  /** Every bridge the rules mention. */
  bridges: v.array(v.string()),
  /** Rules in Docker's chains or tables that no pattern explained: kept, never dropped. */
  unrecognised: v.array(v.string()),
  /**
   * What the filter INPUT hook does with a packet no rule accepts: its policy, or DROP when its last
   * rule drops or rejects everything (firewalld). null when the dump does not show INPUT.
   */
  inputPolicy: policy,
  /** Host firewalls whose rules are active in the dump. */
  hostFirewalls: v.array(HostFirewallSchema),
  /**
   * Whether `-A FORWARD -j DOCKER-USER` is FORWARD's first rule. null when it does not apply:
   * Docker's nftables backend (no DOCKER-USER), no Docker rules, or no filter FORWARD in the dump.
   */
  dockerUserFirst: v.nullable(v.boolean()),
  /** The lines behind the three facts above, for findings. */
  hostPolicyEvidence: HostPolicyEvidenceSchema,
});
