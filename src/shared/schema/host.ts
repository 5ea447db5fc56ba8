// What the snapshot knows of the host: read in the engine's own network namespace.
import * as v from 'valibot';
import { FirewallModelSchema } from './firewall';
import { ProtocolSchema, int, nullableInt, nullableString } from './primitives';

export const HostInterfaceSchema = v.object({
  name: v.string(),
  ifindex: int,
  iflink: int,
  mac: nullableString,
  master: nullableString,
  kind: v.picklist(['bridge', 'veth', 'other']),
  mtu: nullableInt,
});

/** A docker-proxy process: the userland proxy behind a published port. */
export const ProxyProcessSchema = v.object({
  pid: int,
  /** docker-proxy, or rootlesskit-docker-proxy on rootless Docker 20.10–27. */
  name: v.string(),
  protocol: ProtocolSchema,
  hostIp: v.string(),
  hostPort: int,
  containerIp: v.string(),
  containerPort: int,
});

/** How the engine's network namespace relates to ours. */
export const EngineNetnsKindSchema = v.picklist(['host', 'rootless', 'other', 'unknown']);

/**
 * The network namespace the engine (dockerd) lives in: every host fact comes from there. `same`
 * is true when it is the namespace this process runs in.
 */
export const EngineNetnsSchema = v.object({
  /** The process that listens on the engine's socket (dockerd); null when not found. */
  pid: nullableInt,
  /** The inode of /proc/<pid>/ns/net; null when not readable. */
  inode: nullableInt,
  same: v.boolean(),
  kind: EngineNetnsKindSchema,
  /** How it was found, or why it could not be: for the tree, the hover and bug reports. */
  how: v.string(),
});

/** One IPv4 route of the engine's netns (/proc/<pid>/net/route). */
export const RouteSchema = v.object({
  /** CIDR, e.g. 0.0.0.0/0 or 172.18.0.0/16. */
  destination: v.string(),
  gateway: nullableString,
  interface: v.string(),
  metric: int,
});

/** Rootless Docker: what sits between the host's netns and the engine's (rootlesskit, slirp4netns). */
export const RootlessFactsSchema = v.object({
  rootlesskitPid: int,
  /** --net of rootlesskit: slirp4netns, vpnkit, pasta … */
  netDriver: nullableString,
  /** --port-driver: builtin (rootlesskit listens on the host) or slirp4netns. */
  portDriver: nullableString,
  slirp4netnsPid: nullableInt,
  /** The engine netns's uplink that slirp4netns serves (tap0). */
  tap: nullableString,
  /** Sockets rootlesskit listens on in the host's netns: the host side of each published port. */
  listeners: v.array(v.object({ hostIp: v.string(), hostPort: int, protocol: v.picklist(['tcp', 'udp']), pid: int })),
});

export const HostFactsSchema = v.object({
  /** Where the host facts below were read: the engine's own netns. */
  engineNetns: EngineNetnsSchema,
  /** IPv4 routes of the engine's netns; null when unknown. */
  routes: v.nullable(v.array(RouteSchema)),
  /** Rootless engines only: rootlesskit and slirp4netns around the engine's netns; else null. */
  rootless: v.nullable(RootlessFactsSchema),
  /** MTU of the engine netns's bridges and other non-veth interfaces; null when unknown. */
  mtu: v.nullable(v.record(v.string(), int)),
  ipForward: v.nullable(v.boolean()),
  /** The host's default route (its external interface), from /proc/net/route; null when unknown. */
  defaultRoute: v.nullable(v.object({ interface: v.string(), gateway: nullableString })),
  /** Docker's firewall rules as one model; null when they could not be read (see unavailable). */
  firewall: v.nullable(FirewallModelSchema),
  /** docker-proxy processes; null when /proc could not be read. */
  proxies: v.nullable(v.array(ProxyProcessSchema)),
  /** Bridges and their ports, as `brctl show` prints them; null when /sys could not be read. */
  bridges: v.nullable(v.record(v.string(), v.array(v.string()))),
  /** Why some host facts are missing (not root, remote engine ...). Empty when everything was read. */
  unavailable: v.array(v.string()),
});
