// A container, its network attachments (endpoints) and its published ports.
import * as v from 'valibot';
import { RouteSchema } from './host';
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

/**
 * An interface in the container's netns that Docker did not make (a veth pair made by hand with
 * `ip link`, pipework style): read from the netns itself, since Docker does not know it.
 */
export const ManualInterfaceSchema = v.object({
  name: v.string(),
  kind: v.literal('manual'),
  /** What `ip -d link` says it is: veth, dummy, macvlan …; null when it does not say. */
  linkKind: nullableString,
  mac: nullableString,
  up: v.boolean(),
  /** CIDRs, e.g. 10.1.1.1/32. */
  addresses: v.array(v.string()),
  /**
   * The other end of a veth: in another container (a point-to-point link), or on the engine's netns
   * (hostIfname, enslaved to `bridge`); null when it is no veth or its peer was not found.
   */
  peer: v.nullable(v.object({ container: nullableString, ifname: nullableString, hostIfname: nullableString })),
  /** The bridge in the engine's netns the peer is enslaved to (attach); null for a link between containers. */
  bridge: nullableString,
  /** The container's IPv4 routes through this interface (/proc/<pid>/net/route). */
  routes: v.array(RouteSchema),
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
  /**
   * Interfaces made by hand in its netns (not Docker's endpoints, not lo); [] when there are none or
   * it does not run; null when its netns could not be read (host.unavailable says why).
   */
  manualInterfaces: v.nullable(v.array(ManualInterfaceSchema)),
  ports: v.array(PortBindingSchema),
  labels: stringMap,
  /** Made by Docker Compose: its project and service; else null. */
  compose: v.nullable(v.object({ project: v.string(), service: v.string() })),
  hostname: v.string(),
  created: v.string(),
});
