// The narrow interface between the extension and the Docker Engine API. Only
// dockerodeGateway.ts implements it; tests run it against a real engine.
import type { RawContainerInspect, RawContainerSummary, RawEvent, RawInfo, RawNetwork, RawVersion } from './rawTypes';

export interface Disposable {
  dispose(): void;
}

export interface CreateNetworkSpec {
  name: string;
  driver: string;
  internal?: boolean;
  attachable?: boolean;
  ipv6?: boolean;
  ipam?: { subnet: string; gateway?: string; ipRange?: string }[];
  options?: Record<string, string>;
  labels?: Record<string, string>;
}

export interface RunContainerSpec {
  image: string;
  name?: string;
  /** bridge | host | none | container:<id> | <network name> */
  networkMode: string;
  ipv4?: string;
  aliases?: string[];
  command?: string[];
  /** containerPort/proto -> host bindings */
  publish?: { containerPort: number; protocol: string; hostIp?: string; hostPort?: number }[];
  labels?: Record<string, string>;
  /** Legacy `--link <container>:<alias>` (default bridge): the alias lands in /etc/hosts. */
  links?: string[];
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A short-lived privileged container on the engine's host (--pid host --net host --privileged). */
export interface HelperRun {
  image: string;
  cmd: string[];
  timeoutMs: number;
}

export interface EventSubscription extends Disposable {
  /** Resolves when the stream ends or fails (engine gone, socket closed). */
  readonly ended: Promise<Error | undefined>;
}

export interface DockerGateway {
  /** Where we talk to, for messages: unix:///var/run/docker.sock, tcp://... */
  readonly endpointUrl: string;
  ping(): Promise<void>;
  version(): Promise<RawVersion>;
  info(): Promise<RawInfo>;
  listNetworks(): Promise<RawNetwork[]>;
  inspectNetwork(idOrName: string): Promise<RawNetwork | undefined>;
  listContainers(): Promise<RawContainerSummary[]>;
  /** undefined when the container no longer exists. */
  inspectContainer(idOrName: string): Promise<RawContainerInspect | undefined>;
  listImages(): Promise<{ id: string; tags: string[] }[]>;
  createNetwork(spec: CreateNetworkSpec): Promise<string>;
  removeNetwork(idOrName: string): Promise<void>;
  pruneNetworks(labelFilter?: string[]): Promise<string[]>;
  connect(network: string, container: string, opts: { ipv4?: string; aliases?: string[] }): Promise<void>;
  disconnect(network: string, container: string, force: boolean): Promise<void>;
  runContainer(spec: RunContainerSpec): Promise<string>;
  removeContainer(idOrName: string, force: boolean): Promise<void>;
  startContainer(idOrName: string): Promise<void>;
  /** Docker's stop: SIGTERM (or the image's stop signal), then SIGKILL after its stop timeout. */
  stopContainer(idOrName: string): Promise<void>;
  /** Runs a command in a helper container, waits, and returns its output; always removes it. */
  runHelper(run: HelperRun): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** docker exec: runs argv in a running container (no TTY) and returns its exit code and output. */
  exec(container: string, argv: string[], opts: { timeoutMs: number }): Promise<ExecResult>;
  /** Streams engine events from `since` (unix seconds) on. */
  events(onEvent: (e: RawEvent) => void, since?: number): Promise<EventSubscription>;
  dispose(): void;
}
