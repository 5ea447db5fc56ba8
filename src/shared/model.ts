// The one snapshot type that the tree, the graph, the hovers and the CLI all render.
// Plain data only: no vscode, no node modules. A fact that could not be read is null.
import type { FirewallModel } from './firewall';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** How a container gets its network namespace. */
export type NetworkModeKind = 'bridge' | 'host' | 'none' | 'container' | 'network';

export interface EngineInfo {
  version: string;
  apiVersion: string;
  /** The endpoint we talk to, e.g. unix:///var/run/docker.sock or tcp://host:2376. */
  endpoint: string;
  /** Where the endpoint came from: setting, DOCKER_HOST, context name, or default. */
  endpointSource: string;
  os: string;
  kernelVersion: string;
  swarmActive: boolean;
}

export interface Subnet {
  subnet: string;
  /** As configured in IPAM; null when Docker picked it (it then is not in the API). */
  gateway: string | null;
  ipRange: string | null;
  /** The gateway in use: IPAM's, else the one Docker gave this subnet's endpoints. */
  effectiveGateway: string | null;
}

export interface NetworkInfo {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  /** bridge, host and none: the networks Docker creates itself. */
  builtin: boolean;
  subnets: Subnet[];
  /** Linux bridge device for bridge-driver networks, else null. */
  bridge: string | null;
  /** Inter-container communication on the bridge; null when the driver has no such notion. */
  icc: boolean | null;
  /** The network masquerades outbound traffic (bridge option enable_ip_masquerade, default true). */
  masquerade: boolean | null;
  options: Record<string, string>;
  labels: Record<string, string>;
  created: string;
  /** Ids of containers with an endpoint on this network (configured or live). */
  containerIds: string[];
}

export interface Endpoint {
  network: string;
  networkId: string;
  endpointId: string | null;
  ipv4: string | null;
  prefixLen: number | null;
  ipv6: string | null;
  mac: string | null;
  gateway: string | null;
  /** User-given aliases first; Docker's short-id alias may follow. */
  aliases: string[];
  /** Static IPv4 requested with --ip, if any. */
  staticIpv4: string | null;
  /** Legacy --link entries ("target:alias"). */
  links: string[];
  /** Interface name inside the container (eth0, eth1 ...); null when not running or not readable. */
  ifname: string | null;
  /** Host side of the veth pair; null when not readable. */
  hostVeth: string | null;
  /** Bridge the host veth is enslaved to (from /sys master), else the network's bridge name. */
  bridge: string | null;
  /** gw_priority (API 1.48+, Docker 28): the highest carries the default route; null when the engine has none. */
  gwPriority: number | null;
}

export interface PortBinding {
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  /** null when the port is exposed but not published. */
  hostIp: string | null;
  hostPort: number | null;
}

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  status: string;
  pid: number | null;
  /** bridge | host | none | container:<owner name> | <network name>, as a person would type it. */
  networkMode: string;
  networkModeKind: NetworkModeKind;
  /** For joined containers: the container whose netns this one shares. */
  netnsOwner: string | null;
  netnsOwnerId: string | null;
  /** Containers joined to this one's netns (names). */
  netnsMembers: string[];
  endpoints: Endpoint[];
  ports: PortBinding[];
  labels: Record<string, string>;
  hostname: string;
  created: string;
}

export interface HostInterface {
  name: string;
  ifindex: number;
  iflink: number;
  mac: string | null;
  master: string | null;
  kind: 'bridge' | 'veth' | 'other';
  mtu: number | null;
}

/** A docker-proxy process: the userland proxy behind a published port. */
export interface ProxyProcess {
  pid: number;
  /** docker-proxy, or rootlesskit-docker-proxy on rootless Docker 20.10–27. */
  name: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  hostIp: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
}

/** How the engine's network namespace relates to ours. */
export type EngineNetnsKind = 'host' | 'rootless' | 'other' | 'unknown';

/**
 * The network namespace the engine (dockerd) lives in: every host fact comes from there. `same`
 * is true when it is the namespace this process runs in.
 */
export interface EngineNetns {
  /** The process that listens on the engine's socket (dockerd); null when not found. */
  pid: number | null;
  /** The inode of /proc/<pid>/ns/net; null when not readable. */
  inode: number | null;
  same: boolean;
  kind: EngineNetnsKind;
  /** How it was found, or why it could not be: for the tree, the hover and bug reports. */
  how: string;
}

/** One IPv4 route of the engine's netns (/proc/<pid>/net/route). */
export interface Route {
  /** CIDR, e.g. 0.0.0.0/0 or 172.18.0.0/16. */
  destination: string;
  gateway: string | null;
  interface: string;
  metric: number;
}

/** Rootless Docker: what sits between the host's netns and the engine's (rootlesskit, slirp4netns). */
export interface RootlessFacts {
  rootlesskitPid: number;
  /** --net of rootlesskit: slirp4netns, vpnkit, pasta … */
  netDriver: string | null;
  /** --port-driver: builtin (rootlesskit listens on the host) or slirp4netns. */
  portDriver: string | null;
  slirp4netnsPid: number | null;
  /** The engine netns's uplink that slirp4netns serves (tap0). */
  tap: string | null;
  /** Sockets rootlesskit listens on in the host's netns: the host side of each published port. */
  listeners: { hostIp: string; hostPort: number; protocol: 'tcp' | 'udp'; pid: number }[];
}

export interface HostFacts {
  /** Where the host facts below were read: the engine's own netns. */
  engineNetns: EngineNetns;
  /** IPv4 routes of the engine's netns; null when unknown. */
  routes: Route[] | null;
  /** Rootless engines only: rootlesskit and slirp4netns around the engine's netns; else null. */
  rootless: RootlessFacts | null;
  /** MTU of the engine netns's bridges and other non-veth interfaces; null when unknown. */
  mtu: Record<string, number> | null;
  ipForward: boolean | null;
  /** The host's default route (its external interface), from /proc/net/route; null when unknown. */
  defaultRoute: { interface: string; gateway: string | null } | null;
  /** Docker's firewall rules as one model; null when they could not be read (see unavailable). */
  firewall: FirewallModel | null;
  /** docker-proxy processes; null when /proc could not be read. */
  proxies: ProxyProcess[] | null;
  /** Bridges and their ports, as `brctl show` prints them; null when /sys could not be read. */
  bridges: Record<string, string[]> | null;
  /** Why some host facts are missing (not root, remote engine ...). Empty when everything was read. */
  unavailable: string[];
}

export interface Snapshot {
  engine: EngineInfo;
  networks: NetworkInfo[];
  containers: ContainerInfo[];
  host: HostFacts;
  /** Milliseconds since epoch when this snapshot was taken. */
  takenAt: number;
}

export const BUILTIN_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];
