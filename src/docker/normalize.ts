// Pure: turns raw Engine API JSON into the snapshot model. Tested on captured API responses.
import type { ContainerInfo, ContainerState, Endpoint, NetworkInfo, NetworkModeKind, PortBinding, Subnet } from '../shared/model';
import type { RawContainerInspect, RawEndpointSettings, RawNetwork, RawPortBinding } from './rawTypes';

const BRIDGE_NAME_OPT = 'com.docker.network.bridge.name';
const ICC_OPT = 'com.docker.network.bridge.enable_icc';
const MASQ_OPT = 'com.docker.network.bridge.enable_ip_masquerade';
const BUILTIN_DRIVER: Readonly<Record<string, string>> = { bridge: 'bridge', host: 'host', none: 'null' };
const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

const orNull = (s: string | undefined | null): string | null => (s ? s : null);

// Compose's labels on what it made: the project, and the service or network name in its file.
const COMPOSE_PROJECT = 'com.docker.compose.project';
const composeService = (l: Record<string, string> | null | undefined): { project: string; service: string } | null => {
  const [project, service] = [l?.[COMPOSE_PROJECT], l?.['com.docker.compose.service']];
  return project && service ? { project, service } : null;
};
const composeNetwork = (l: Record<string, string> | null | undefined): { project: string; network: string } | null => {
  const [project, network] = [l?.[COMPOSE_PROJECT], l?.['com.docker.compose.network']];
  return project && network ? { project, network } : null;
};

export function stripSlash(name: string | undefined): string {
  return (name ?? '').replace(/^\//, '');
}

/** The Linux bridge Docker uses for a bridge-driver network. */
export function bridgeName(raw: RawNetwork): string | null {
  if (raw.Driver !== 'bridge') return null;
  const custom = raw.Options?.[BRIDGE_NAME_OPT];
  if (custom) return custom;
  return raw.Name === 'bridge' ? 'docker0' : `br-${(raw.Id ?? '').slice(0, 12)}`;
}

export function normalizeNetwork(raw: RawNetwork): NetworkInfo {
  const name = raw.Name ?? '';
  const driver = raw.Driver ?? '';
  const options = { ...(raw.Options ?? {}) };
  const isBridge = driver === 'bridge';
  const subnets: Subnet[] = (raw.IPAM?.Config ?? [])
    .filter((c) => !!c.Subnet)
    .map((c) => ({ subnet: c.Subnet ?? '', gateway: orNull(c.Gateway), ipRange: orNull(c.IPRange), effectiveGateway: orNull(c.Gateway) }));
  return {
    id: raw.Id ?? '',
    name,
    driver,
    scope: raw.Scope ?? 'local',
    internal: raw.Internal === true,
    attachable: raw.Attachable === true,
    ipv6: raw.EnableIPv6 === true,
    builtin: BUILTIN_DRIVER[name] !== undefined && BUILTIN_DRIVER[name] === driver,
    subnets,
    bridge: bridgeName(raw),
    icc: isBridge ? options[ICC_OPT] !== 'false' : null,
    masquerade: isBridge ? options[MASQ_OPT] !== 'false' : null,
    options,
    labels: { ...(raw.Labels ?? {}) },
    compose: composeNetwork(raw.Labels),
    created: raw.Created ?? '',
    containerIds: [],
  };
}

/** What the normalizer needs to know about the rest of the engine. */
export interface NormalizeContext {
  networksByName: ReadonlyMap<string, NetworkInfo>;
  networksById: ReadonlyMap<string, NetworkInfo>;
  /** Container id -> name, to name the owner of a joined netns. */
  containerNames: ReadonlyMap<string, string>;
}

export function parseNetworkMode(
  mode: string | undefined,
  ctx: NormalizeContext,
): { kind: NetworkModeKind; display: string; ownerId: string | null; ownerName: string | null } {
  const m = mode ?? 'default';
  if (m === 'default' || m === 'bridge') return { kind: 'bridge', display: 'bridge', ownerId: null, ownerName: null };
  if (m === 'host' || m === 'none') return { kind: m, display: m, ownerId: null, ownerName: null };
  if (m.startsWith('container:')) {
    const ref = m.slice('container:'.length);
    const ownerId = findContainerId(ref, ctx.containerNames);
    const ownerName = ownerId ? (ctx.containerNames.get(ownerId) ?? ref) : ref;
    return { kind: 'container', display: `container:${ownerName}`, ownerId: ownerId ?? null, ownerName };
  }
  const net = ctx.networksByName.get(m) ?? ctx.networksById.get(m) ?? findByIdPrefix(m, ctx.networksById);
  return { kind: 'network', display: net?.name ?? m, ownerId: null, ownerName: null };
}

function findContainerId(ref: string, names: ReadonlyMap<string, string>): string | undefined {
  if (names.has(ref)) return ref;
  for (const [id, name] of names) if (name === ref || (ref.length >= 12 && id.startsWith(ref))) return id;
  return undefined;
}

function findByIdPrefix<T>(ref: string, byId: ReadonlyMap<string, T>): T | undefined {
  if (ref.length < 12) return undefined;
  for (const [id, v] of byId) if (id.startsWith(ref)) return v;
  return undefined;
}

/** User-given aliases first, Docker's automatic ones (short id, container name) after. */
function orderAliases(raw: RawEndpointSettings, id: string, name: string): string[] {
  const all = [...(raw.Aliases ?? []), ...(raw.DNSNames ?? [])];
  const auto = new Set([id.slice(0, 12), name]);
  const user = all.filter((a) => !auto.has(a));
  const automatic = all.filter((a) => auto.has(a));
  return [...new Set([...user, ...automatic])];
}

export function normalizeEndpoint(
  networkName: string,
  raw: RawEndpointSettings,
  container: { id: string; name: string },
  ctx: NormalizeContext,
): Endpoint {
  const net = ctx.networksByName.get(networkName) ?? (raw.NetworkID ? ctx.networksById.get(raw.NetworkID) : undefined);
  const endpointId = orNull(raw.EndpointID);
  return {
    network: networkName,
    networkId: raw.NetworkID || net?.id || '',
    endpointId,
    ipv4: orNull(raw.IPAddress),
    prefixLen: raw.IPAddress && raw.IPPrefixLen ? raw.IPPrefixLen : null,
    ipv6: orNull(raw.GlobalIPv6Address),
    mac: orNull(raw.MacAddress),
    gateway: orNull(raw.Gateway),
    aliases: orderAliases(raw, container.id, container.name),
    staticIpv4: orNull(raw.IPAMConfig?.IPv4Address),
    links: [...(raw.Links ?? [])],
    ifname: null,
    hostVeth: null,
    bridge: endpointId ? (net?.bridge ?? null) : null,
    gwPriority: typeof raw.GwPriority === 'number' && Number.isInteger(raw.GwPriority) ? raw.GwPriority : null,
  };
}

/** "/gt-web:/gt-def2/webalias" -> "gt-web:webalias", as `docker run --link` takes it. */
function legacyLink(l: string): string {
  const [target = '', alias = ''] = l.split(':');
  return `${stripSlash(target)}:${alias.split('/').pop() ?? alias}`;
}

export function parsePorts(
  live: Record<string, RawPortBinding[] | null> | null | undefined,
  configured: Record<string, RawPortBinding[] | null> | null | undefined,
  running: boolean,
): PortBinding[] {
  // A running container reports the real bindings (ephemeral ports resolved); otherwise use the config.
  const source = running && live && Object.keys(live).length > 0 ? live : (configured ?? {});
  const out: PortBinding[] = [];
  for (const [key, bindings] of Object.entries(source)) {
    const [portText, proto = 'tcp'] = key.split('/');
    const containerPort = Number(portText);
    if (!Number.isInteger(containerPort)) continue;
    const protocol = proto === 'udp' || proto === 'sctp' ? proto : 'tcp';
    if (!bindings || bindings.length === 0) {
      out.push({ containerPort, protocol, hostIp: null, hostPort: null });
      continue;
    }
    for (const b of bindings) {
      const hostPort = b.HostPort ? Number(b.HostPort) : null;
      out.push({ containerPort, protocol, hostIp: b.HostIp || '0.0.0.0', hostPort: Number.isInteger(hostPort) ? hostPort : null });
    }
  }
  return out.sort((a, b) => a.containerPort - b.containerPort || (a.hostIp ?? '').localeCompare(b.hostIp ?? ''));
}

export function normalizeContainer(raw: RawContainerInspect, ctx: NormalizeContext): ContainerInfo {
  const id = raw.Id ?? '';
  const name = stripSlash(raw.Name);
  const status = raw.State?.Status ?? '';
  const state: ContainerState = (STATES as readonly string[]).includes(status) ? (status as ContainerState) : 'dead';
  const pid = raw.State?.Pid && raw.State.Pid > 0 ? raw.State.Pid : null;
  const mode = parseNetworkMode(raw.HostConfig?.NetworkMode, ctx);
  // Endpoints as Docker reports them: host and none containers have one on `host`/`none`
  // (no address); joined containers have none, they use their owner's.
  const endpoints = Object.entries(raw.NetworkSettings?.Networks ?? {})
    .map(([netName, ep]) => normalizeEndpoint(netName, ep, { id, name }, ctx))
    .sort((a, b) => a.network.localeCompare(b.network));
  // --link on the default bridge is kept in HostConfig, not on the endpoint.
  const legacy = (raw.HostConfig?.Links ?? []).map(legacyLink);
  const defaultEp = endpoints.find((e) => e.network === 'bridge');
  if (defaultEp && defaultEp.links.length === 0) defaultEp.links = legacy;
  return {
    id,
    name,
    image: raw.Config?.Image ?? '',
    state,
    status,
    pid,
    networkMode: mode.display,
    networkModeKind: mode.kind,
    netnsOwner: mode.ownerName,
    netnsOwnerId: mode.ownerId,
    netnsMembers: [],
    endpoints,
    // Read from its netns later (buildSnapshot): unknown until then, none without a process.
    manualInterfaces: state === 'running' ? null : [],
    ports: parsePorts(raw.NetworkSettings?.Ports, raw.HostConfig?.PortBindings, state === 'running'),
    labels: { ...(raw.Config?.Labels ?? {}) },
    compose: composeService(raw.Config?.Labels),
    hostname: raw.Config?.Hostname ?? '',
    created: raw.Created ?? '',
  };
}
