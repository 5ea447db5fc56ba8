// The version-independent model of Docker's firewall rules: types inferred from the one schema
// (schema/firewall.ts), so the type and the runtime check cannot drift apart.
import type * as v from 'valibot';
import type {
  BridgeFlagRuleSchema,
  BridgeFlagSchema,
  DirectRoutingDropSchema,
  DockerLayoutSchema,
  FirewallBackendSchema,
  FirewallModelSchema,
  HairpinRuleSchema,
  HostFirewallSchema,
  HostPolicyEvidenceSchema,
  MasqueradeRuleSchema,
  PublishedRuleSchema,
  UserRuleSchema,
} from './schema/firewall';
import type { ProtocolSchema } from './schema/primitives';

export type FirewallBackend = v.InferOutput<typeof FirewallBackendSchema>;
/** Which generation of Docker's rules was recognised. */
export type DockerLayout = v.InferOutput<typeof DockerLayoutSchema>;
export type Protocol = v.InferOutput<typeof ProtocolSchema>;
export type PublishedRule = v.InferOutput<typeof PublishedRuleSchema>;
export type MasqueradeRule = v.InferOutput<typeof MasqueradeRuleSchema>;
export type HairpinRule = v.InferOutput<typeof HairpinRuleSchema>;
/** raw-table (or nft) drops that stop direct routing to a container from outside its bridge. */
export type DirectRoutingDrop = v.InferOutput<typeof DirectRoutingDropSchema>;
export type UserRule = v.InferOutput<typeof UserRuleSchema>;
/** Flags the rules set on a bridge. */
export type BridgeFlag = v.InferOutput<typeof BridgeFlagSchema>;
/** A rule that set a bridge flag: the evidence behind iccDisabled, internal, … */
export type BridgeFlagRule = v.InferOutput<typeof BridgeFlagRuleSchema>;
export type HostFirewall = v.InferOutput<typeof HostFirewallSchema>;
export type HostPolicyEvidence = v.InferOutput<typeof HostPolicyEvidenceSchema>;
export type FirewallModel = v.InferOutput<typeof FirewallModelSchema>;
