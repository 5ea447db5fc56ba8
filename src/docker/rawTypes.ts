// The parts of Docker Engine API responses (API >= 1.41) that we read. Everything is optional
// because engines differ by version and the JSON is untrusted input.

export interface RawIpamConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
}

export interface RawNetwork {
  Name?: string;
  Id?: string;
  Created?: string;
  Scope?: string;
  Driver?: string;
  EnableIPv6?: boolean;
  IPAM?: { Driver?: string; Config?: RawIpamConfig[] | null } | null;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
  Containers?: Record<string, { Name?: string; IPv4Address?: string; MacAddress?: string }> | null;
}

export interface RawEndpointSettings {
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string } | null;
  Links?: string[] | null;
  Aliases?: string[] | null;
  /** API >= 1.44 lists the DNS names (aliases, name, short id) here. */
  DNSNames?: string[] | null;
  NetworkID?: string;
  EndpointID?: string;
  Gateway?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  GlobalIPv6Address?: string;
  MacAddress?: string;
  /** API >= 1.48 (Docker 28): which endpoint gets the default route. */
  GwPriority?: number;
}

export interface RawPortBinding {
  HostIp?: string;
  HostPort?: string;
}

export interface RawContainerSummary {
  Id?: string;
  Names?: string[];
  Image?: string;
  State?: string;
  Status?: string;
  Labels?: Record<string, string> | null;
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, RawEndpointSettings> | null } | null;
}

export interface RawContainerInspect {
  Id?: string;
  Name?: string;
  Created?: string;
  State?: { Status?: string; Running?: boolean; Pid?: number } | null;
  Config?: {
    Image?: string;
    Hostname?: string;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
  } | null;
  HostConfig?: {
    NetworkMode?: string;
    /** Legacy --link on the default bridge: "/target:/self/alias". */
    Links?: string[] | null;
    PortBindings?: Record<string, RawPortBinding[] | null> | null;
  } | null;
  NetworkSettings?: {
    SandboxKey?: string;
    Ports?: Record<string, RawPortBinding[] | null> | null;
    Networks?: Record<string, RawEndpointSettings> | null;
  } | null;
}

export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Os?: string;
  KernelVersion?: string;
}

export interface RawInfo {
  Swarm?: { LocalNodeState?: string } | null;
}

/** One message of GET /events. */
export interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> | null } | null;
  time?: number;
  timeNano?: number;
}
