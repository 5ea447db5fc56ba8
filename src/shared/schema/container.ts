// A container, its network attachments (endpoints) and its published ports.
import * as v from 'valibot';
import { ProtocolSchema, id, int, nullableInt, nullableString, stringMap } from './primitives';

export const ContainerStateSchema = v.picklist(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);

/** How a container gets its network namespace. */
export const NetworkModeKindSchema = v.picklist(['bridge', 'host', 'none', 'container', 'network']);

export const EndpointSchema = v.object({
  network: v.string(),
  networkId: v.string(),
  endpointId: nullableString,
  ipv4: nullableString,
  prefixLen: nullableInt,
  ipv6: nullableString,
  mac: nullableString,
  gateway: nullableString,
  /** User-given aliases first; Docker's short-id alias may follow. */
  aliases: v.array(v.string()),
  /** Static IPv4 requested with --ip, if any. */
  staticIpv4: nullableString,
  /** Legacy --link entries ("target:alias"). */
  links: v.array(v.string()),
  /** Interface name inside the container (eth0, eth1 ...); null when not running or not readable. */
  ifname: nullableString,
  /** Host side of the veth pair; null when not readable. */
  hostVeth: nullableString,
  /** Bridge the host veth is enslaved to (from /sys master), else the network's bridge name. */
  bridge: nullableString,
  /** gw_priority (API 1.48+, Docker 28): the highest carries the default route; null when the engine has none. */
  gwPriority: nullableInt,
});

export const PortBindingSchema = v.object({
  containerPort: int,
  protocol: ProtocolSchema,
  /** null when the port is exposed but not published. */
  hostIp: nullableString,
  hostPort: nullableInt,
});

export const ContainerInfoSchema = v.object({
  id,
  name: v.string(),
  image: v.string(),
  state: ContainerStateSchema,
  status: v.string(),
  pid: nullableInt,
  /** bridge | host | none | container:<owner name> | <network name>, as a person would type it. */
  networkMode: v.string(),
  networkModeKind: NetworkModeKindSchema,
  /** For joined containers: the container whose netns this one shares. */
  netnsOwner: nullableString,
  netnsOwnerId: nullableString,
  /** Containers joined to this one's netns (names). */
  netnsMembers: v.array(v.string()),
  endpoints: v.array(EndpointSchema),
  ports: v.array(PortBindingSchema),
  labels: stringMap,
  /** Made by Docker Compose: its project and service; else null. */
  compose: v.nullable(v.object({ project: v.string(), service: v.string() })),
  hostname: v.string(),
  created: v.string(),
});
