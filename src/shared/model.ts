// The one snapshot type that the tree, the graph, the hovers and the CLI all render. The types are
// inferred from the runtime schema (schema/), which the protocol guards and the JSON Schema for
// script writers use too: one shape, written once. Plain data only: no vscode, no node modules.
import type * as v from 'valibot';
import type {
  ContainerInfoSchema,
  ContainerStateSchema,
  EndpointSchema,
  ManualInterfaceSchema,
  NetworkModeKindSchema,
  PortBindingSchema,
} from './schema/container';
import type {
  EngineNetnsKindSchema,
  EngineNetnsSchema,
  HostFactsSchema,
  HostInterfaceSchema,
  ProxyProcessSchema,
  RootlessFactsSchema,
  RouteSchema,
} from './schema/host';
import type { NetworkInfoSchema, SubnetSchema } from './schema/network';
import type { EngineInfoSchema, SnapshotSchema } from './schema/snapshot';

export type ContainerState = v.InferOutput<typeof ContainerStateSchema>;
/** How a container gets its network namespace. */
export type NetworkModeKind = v.InferOutput<typeof NetworkModeKindSchema>;
export type EngineInfo = v.InferOutput<typeof EngineInfoSchema>;
export type Subnet = v.InferOutput<typeof SubnetSchema>;
export type NetworkInfo = v.InferOutput<typeof NetworkInfoSchema>;
export type Endpoint = v.InferOutput<typeof EndpointSchema>;
export type PortBinding = v.InferOutput<typeof PortBindingSchema>;
/** An interface made by hand in a container's netns (not Docker's). */
export type ManualInterface = v.InferOutput<typeof ManualInterfaceSchema>;
export type ContainerInfo = v.InferOutput<typeof ContainerInfoSchema>;
export type HostInterface = v.InferOutput<typeof HostInterfaceSchema>;
/** A docker-proxy process: the userland proxy behind a published port. */
export type ProxyProcess = v.InferOutput<typeof ProxyProcessSchema>;
/** How the engine's network namespace relates to ours. */
export type EngineNetnsKind = v.InferOutput<typeof EngineNetnsKindSchema>;
/** The network namespace the engine (dockerd) lives in: every host fact comes from there. */
export type EngineNetns = v.InferOutput<typeof EngineNetnsSchema>;
/** One IPv4 route of the engine's netns (/proc/<pid>/net/route). */
export type Route = v.InferOutput<typeof RouteSchema>;
/** Rootless Docker: what sits between the host's netns and the engine's (rootlesskit, slirp4netns). */
export type RootlessFacts = v.InferOutput<typeof RootlessFactsSchema>;
export type HostFacts = v.InferOutput<typeof HostFactsSchema>;
export type Snapshot = v.InferOutput<typeof SnapshotSchema>;

export const BUILTIN_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];
