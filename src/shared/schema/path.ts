// A container's paths, hop by hop (analysis/paths.ts builds them): how a packet leaves it and how
// each published port reaches it, with the real interface names, addresses and rules.
import * as v from 'valibot';
import { int, nullableInt } from './primitives';

export const HopKindSchema = v.picklist(['interface', 'veth', 'bridge', 'nat', 'routed', 'drop', 'host', 'out', 'loopback', 'netns']);

export const HopSchema = v.object({
  kind: HopKindSchema,
  name: v.string(),
  address: v.optional(v.string()),
  rule: v.optional(v.string()),
  note: v.optional(v.string()),
  /** The command that shows this hop in a terminal, run where the snapshot was read. */
  command: v.optional(v.string()),
});

export const EgressPathSchema = v.object({
  network: v.nullable(v.string()),
  masqueraded: v.boolean(),
  /** false when the path ends in a drop (internal network, no network). */
  leavesHost: v.boolean(),
  hops: v.array(HopSchema),
});

export const IngressPathSchema = v.object({
  hostIp: v.string(),
  hostPort: int,
  protocol: v.string(),
  containerIp: v.nullable(v.string()),
  containerPort: int,
  via: v.picklist(['dnat', 'proxy', 'both', 'none']),
  rule: v.optional(v.string()),
  proxy: v.optional(v.string()),
  /** raw-table / nft drop that keeps other hosts from routing straight to the container. */
  protection: v.optional(v.string()),
  /** The userland proxy's process name (docker-proxy, rootlesskit-docker-proxy). */
  proxyName: v.optional(v.string()),
  /** Rootless: the process in the host's netns that takes the port and hands it to the engine's netns. */
  portDriver: v.optional(v.string()),
  note: v.optional(v.string()),
  /** The command that shows the DNAT rule or the proxy. */
  command: v.optional(v.string()),
});

export const ContainerPathSchema = v.object({
  container: v.string(),
  /** Compose's project and service, when Compose made the container. */
  compose: v.optional(v.nullable(v.object({ project: v.string(), service: v.string() }))),
  networkMode: v.string(),
  egress: EgressPathSchema,
  /** One egress per network the container is on (the first is the default route's). */
  egressByNetwork: v.array(EgressPathSchema),
  ingress: v.array(IngressPathSchema),
});

/** Docker's embedded DNS inside a container's netns, from its iptables rules. */
export const EmbeddedDnsSchema = v.object({
  resolver: v.literal('127.0.0.11:53'),
  /** The ports dockerd's resolver listens on inside the netns; null when no rule names one. */
  tcpPort: nullableInt,
  udpPort: nullableInt,
  rules: v.array(v.string()),
});

/** What `cli path` prints: the paths, plus the embedded DNS (null for host/none, or unread: dnsUnavailable says why). */
export const PathReportSchema = v.object({
  ...ContainerPathSchema.entries,
  dns: v.nullable(EmbeddedDnsSchema),
  dnsUnavailable: v.optional(v.string()),
});
