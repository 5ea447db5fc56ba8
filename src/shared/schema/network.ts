// A Docker network as the views show it.
import * as v from 'valibot';
import { id, nullableString, stringMap } from './primitives';

export const SubnetSchema = v.object({
  subnet: v.string(),
  /** As configured in IPAM; null when Docker picked it (it then is not in the API). */
  gateway: nullableString,
  ipRange: nullableString,
  /** The gateway in use: IPAM's, else the one Docker gave this subnet's endpoints. */
  effectiveGateway: nullableString,
});

export const NetworkInfoSchema = v.object({
  id,
  name: v.string(),
  driver: v.string(),
  scope: v.string(),
  internal: v.boolean(),
  attachable: v.boolean(),
  ipv6: v.boolean(),
  /** bridge, host and none: the networks Docker creates itself. */
  builtin: v.boolean(),
  subnets: v.array(SubnetSchema),
  /** Linux bridge device for bridge-driver networks, else null. */
  bridge: nullableString,
  /** Inter-container communication on the bridge; null when the driver has no such notion. */
  icc: v.nullable(v.boolean()),
  /** The network masquerades outbound traffic (bridge option enable_ip_masquerade, default true). */
  masquerade: v.nullable(v.boolean()),
  options: stringMap,
  labels: stringMap,
  /** Made by Docker Compose: its project and the network's name in the compose file (`default` → `myapp_default`); else null. */
  compose: v.nullable(v.object({ project: v.string(), network: v.string() })),
  created: v.string(),
  /** Ids of containers with an endpoint on this network (configured or live). */
  containerIds: v.array(id),
});
