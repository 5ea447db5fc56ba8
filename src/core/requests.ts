// The typed requests every change and every scripted analysis takes. A script's argument object
// becomes one of these in parseRequests.ts, once; nothing past that point sees `unknown`.

export interface CreateNetworkRequest {
  name: string;
  driver?: string;
  subnet?: string;
  gateway?: string;
  ipRange?: string;
  internal?: boolean;
  attachable?: boolean;
  ipv6?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
}

export interface RemoveNetworkRequest {
  /** Name or id. */
  network: string;
  /** First disconnect every container (the "disconnect, then remove" offer). */
  disconnectContainers?: boolean;
}

export interface PruneRequest {
  /** `key` or `key=value` filters; every one must match. */
  labels?: string[];
}

export interface ConnectRequest {
  container: string;
  network: string;
  ipv4?: string;
  aliases?: string[];
}

export interface DisconnectRequest {
  container: string;
  network: string;
  force?: boolean;
}

/** docker run --network container:<target>. */
export interface JoinRequest {
  target: string;
  image: string;
  name?: string;
  command?: string[];
  labels?: Record<string, string>;
}

/** `docker run -p` as parsed: [hostIp:][hostPort:]containerPort[/proto]. */
export interface PublishSpec {
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  hostIp?: string;
  hostPort?: number;
}

export interface RunRequest {
  image: string;
  /** A network name or id, or the mode `host` / `none`. */
  network: string;
  name?: string;
  ipv4?: string;
  aliases?: string[];
  publish?: PublishSpec[];
  command?: string[];
  labels?: Record<string, string>;
  /** Legacy `--link <container>[:<alias>]`: the alias goes into the new container's /etc/hosts. */
  links?: string[];
}

/** docker rm / start / stop of one container. */
export interface ContainerRequest {
  /** Name or id. */
  container: string;
  /** rm only: a running container is stopped first (docker rm --force). */
  force?: boolean;
}

export interface ExplainRequest {
  /** A container, `host`, or an outside IPv4 address. */
  from: string;
  to: string;
  port?: number;
}

export interface CompareDumpsRequest {
  /** File paths of two saved firewall dumps. */
  before: string;
  after: string;
}

export type InspectRequest = { kind: 'network'; ref: string } | { kind: 'container'; ref: string };

/** A veth pair between two containers' netns, with point-to-point /32 routes (tutorial 003, pipework). */
export interface LinkRequest {
  /** Container names or ids. */
  a: string;
  b: string;
  /** IPv4, plain or CIDR (default /32); both or neither. Default: a free pair outside every Docker network. */
  addressA?: string;
  addressB?: string;
}

export interface UnlinkRequest {
  a: string;
  b: string;
}

/** A veth from a container's netns into a Linux bridge of the engine's netns (docker0, br-…). */
export interface AttachRequest {
  container: string;
  /** A bridge (docker0, br-…) or the Docker network whose bridge it is. */
  bridge: string;
  /** IPv4 in the bridge's subnet, plain or CIDR (the subnet's prefix). */
  address: string;
  /** Default: the bridge's own address (the network's gateway). */
  gateway?: string;
}

export interface DetachRequest {
  container: string;
  /** Only the attachment to this bridge or network; default: the container's only one. */
  bridge?: string;
}
