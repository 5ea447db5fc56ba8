// The one snapshot that the tree, the graph, the hovers and the CLI all render. A fact that could
// not be read is null.
import * as v from 'valibot';
import { ContainerInfoSchema } from './container';
import { HostFactsSchema } from './host';
import { NetworkInfoSchema } from './network';
import { finite } from './primitives';

export const EngineInfoSchema = v.object({
  version: v.string(),
  apiVersion: v.string(),
  /** The endpoint we talk to, e.g. unix:///var/run/docker.sock or tcp://host:2376. */
  endpoint: v.string(),
  /** Where the endpoint came from: setting, DOCKER_HOST, context name, or default. */
  endpointSource: v.string(),
  os: v.string(),
  kernelVersion: v.string(),
  swarmActive: v.boolean(),
});

export const SnapshotSchema = v.object({
  engine: EngineInfoSchema,
  networks: v.array(NetworkInfoSchema),
  containers: v.array(ContainerInfoSchema),
  host: HostFactsSchema,
  /** Milliseconds since epoch when this snapshot was taken. */
  takenAt: finite,
});
