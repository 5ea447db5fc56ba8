// What changed between two firewall dumps, by meaning (analysis/firewall/diff.ts computes it).
import * as v from 'valibot';
import {
  DirectRoutingDropSchema,
  DockerLayoutSchema,
  FirewallBackendSchema,
  HairpinRuleSchema,
  HostFirewallSchema,
  MasqueradeRuleSchema,
  PublishedRuleSchema,
  UserRuleSchema,
} from './firewall';

/** A bridge flag (icc off, internal, …) with the rules that set it. */
export const BridgeFlagEntrySchema = v.object({ bridge: v.string(), rules: v.array(v.string()) });

/** One side of a diff: what only `before` (removed) or only `after` (added) has. */
export const FirewallChangesSchema = v.object({
  published: v.array(PublishedRuleSchema),
  masquerade: v.array(MasqueradeRuleSchema),
  hairpin: v.array(HairpinRuleSchema),
  iccDisabled: v.array(BridgeFlagEntrySchema),
  internal: v.array(BridgeFlagEntrySchema),
  routed: v.array(BridgeFlagEntrySchema),
  natUnprotected: v.array(BridgeFlagEntrySchema),
  isolated: v.array(BridgeFlagEntrySchema),
  directRoutingDrops: v.array(DirectRoutingDropSchema),
  userRules: v.array(UserRuleSchema),
  /** Rules no pattern explained: compared word for word. */
  unrecognised: v.array(v.string()),
});

const change = <T extends v.GenericSchema>(s: T) => v.optional(v.object({ from: s, to: s }));
const policy = v.picklist(['ACCEPT', 'DROP']);
const side = v.object({ backend: FirewallBackendSchema, dockerLayout: DockerLayoutSchema });

export const FirewallDiffSchema = v.object({
  before: side,
  after: side,
  /** Nothing added or removed, no policy or host firewall changed; the layout or backend may differ. */
  sameMeaning: v.boolean(),
  added: FirewallChangesSchema,
  removed: FirewallChangesSchema,
  /** Only the settings that differ. */
  changed: v.optional(
    v.object({
      forwardPolicy: change(v.nullable(policy)),
      layout: change(DockerLayoutSchema),
      backend: change(FirewallBackendSchema),
      /** The host's side, only when both dumps show it (a dump of Docker's nft table alone does not). */
      inputPolicy: change(policy),
      dockerUserFirst: change(v.boolean()),
      hostFirewalls: change(v.array(HostFirewallSchema)),
      /** The same DOCKER-USER rules in another order: the first match decides, so this matters. */
      userRulesOrder: change(v.array(v.string())),
    }),
  ),
});
