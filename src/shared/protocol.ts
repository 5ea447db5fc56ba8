// The messages between the extension host and the graph webview, both ways, with a runtime guard
// for each direction. Every message carries the protocol version; a receiver drops anything its
// guard rejects. The webview starts with `ready`; the host answers with the snapshot.
// No vscode, no node modules: it is bundled into the webview.
import type { Explanation } from '../analysis/reachability';
import type { Snapshot } from './model';

export const PROTOCOL_VERSION = 1;
/** The webview panel's viewType (and the `onWebviewPanel:` activation event). */
export const GRAPH_VIEW_TYPE = 'dockerNetworks.graph';

export interface GraphOptions {
  /** false in an untrusted workspace or with dockerNetworks.readOnly: no connect/disconnect/join. */
  mutable: boolean;
}

interface Versioned {
  v: typeof PROTOCOL_VERSION;
}

// ---- host → webview ----

export interface SnapshotMessage extends Versioned {
  type: 'snapshot';
  /** Increases with every snapshot the host sends; the webview ignores older ones. */
  revision: number;
  snapshot: Snapshot;
  options: GraphOptions;
}
export interface StatusMessage extends Versioned {
  type: 'status';
  state: 'connecting' | 'disconnected';
  message: string;
}
/** Focus a node (revealInGraph): centre it, show its card. */
export interface FocusMessage extends Versioned {
  type: 'focus';
  nodeId: string;
}
/** The result of dockerNetworks.explainReachability, to highlight on the graph. */
export interface ExplanationMessage extends Versioned {
  type: 'explanation';
  explanation: Explanation;
}
/** How an action or an export ended, for a short notice in the webview. */
export interface ResultMessage extends Versioned {
  type: 'result';
  ok: boolean;
  message: string;
}
export type HostToWebview = SnapshotMessage | StatusMessage | FocusMessage | ExplanationMessage | ResultMessage;

// ---- webview → host ----

export type GraphAction =
  /** docker network connect, both ends picked in the graph. Ids or names. */
  | { kind: 'connect'; container: string; network: string; ipv4?: string; aliases?: string[] }
  /** The interactive connect command (static IP, aliases), with whichever end is known. */
  | { kind: 'connectInteractive'; container?: string; network?: string }
  | { kind: 'disconnect'; container: string; network: string }
  /** Run a new container in this one's netns (the interactive join command). */
  | { kind: 'join'; container?: string }
  | { kind: 'explain'; from: string; to: string }
  | { kind: 'inspect'; target: 'container' | 'network'; id: string };
export type ActionKind = GraphAction['kind'];

export interface ReadyMessage extends Versioned {
  type: 'ready';
}
export interface SelectMessage extends Versioned {
  type: 'select';
  /** A graph node or link id: net:<id>, ctr:<id> or net:<nid>/ctr:<cid> (as the tree's). */
  nodeId: string;
}
export interface ActionMessage extends Versioned {
  type: 'action';
  action: GraphAction;
}
export type ExportMessage =
  | (Versioned & { type: 'export'; format: 'svg'; data: string })
  | (Versioned & { type: 'export'; format: 'png'; data: string })
  | (Versioned & { type: 'export'; format: 'json' });
/** Sent after each snapshot is drawn: what was drawn and how long it took (ms). */
export interface RenderedMessage extends Versioned {
  type: 'rendered';
  revision: number;
  nodes: number;
  links: number;
  ms: number;
}
export interface LogMessage extends Versioned {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}
export type WebviewToHost = ReadyMessage | SelectMessage | ActionMessage | ExportMessage | RenderedMessage | LogMessage;

// ---- guards ----

type Check = (x: unknown) => boolean;

const MAX_ID = 512;
/** An exported PNG of a large graph is a few MB of base64; anything beyond this is refused. */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const str: Check = (x) => typeof x === 'string';
const id: Check = (x) => typeof x === 'string' && x.length > 0 && x.length <= MAX_ID;
const num: Check = (x) => typeof x === 'number' && Number.isFinite(x);
const int: Check = (x) => Number.isInteger(x);
const bool: Check = (x) => typeof x === 'boolean';
const nullable = (c: Check): Check => (x) => x === null || c(x);
const optional = (c: Check): Check => (x) => x === undefined || c(x);
const arrayOf = (c: Check): Check => (x) => Array.isArray(x) && x.every(c);
const record = (c: Check): Check => (x) => isObj(x) && Object.values(x).every(c);
const oneOf = (...values: readonly unknown[]): Check => (x) => values.includes(x);
const shape = (spec: Record<string, Check>): Check => (x) => isObj(x) && Object.entries(spec).every(([k, c]) => c(x[k]));

const protocolName = oneOf('tcp', 'udp', 'sctp');
const family = oneOf('ipv4', 'ipv6');

const firewall = shape({
  backend: str,
  dockerLayout: str,
  forwardPolicy: nullable(oneOf('ACCEPT', 'DROP')),
  published: arrayOf(shape({ hostIp: nullable(str), hostPort: int, protocol: protocolName, containerIp: str, containerPort: int, bridge: nullable(str), family, rule: str })),
  masquerade: arrayOf(shape({ source: str, exceptOutInterface: nullable(str), family, rule: str })),
  hairpin: arrayOf(isObj),
  iccDisabled: arrayOf(str),
  internal: arrayOf(str),
  routed: arrayOf(str),
  natUnprotected: arrayOf(str),
  isolated: arrayOf(str),
  directRoutingDrops: arrayOf(shape({ containerIp: nullable(str), bridge: nullable(str), port: nullable(int), rule: str })),
  userRules: arrayOf(shape({ chain: str, verdict: str, source: nullable(str), destination: nullable(str), port: nullable(int), rule: str })),
  bridges: arrayOf(str),
  unrecognised: arrayOf(str),
});

const network = shape({
  id,
  name: str,
  driver: str,
  scope: str,
  internal: bool,
  attachable: bool,
  ipv6: bool,
  builtin: bool,
  subnets: arrayOf(shape({ subnet: str, gateway: nullable(str), ipRange: nullable(str), effectiveGateway: nullable(str) })),
  bridge: nullable(str),
  icc: nullable(bool),
  masquerade: nullable(bool),
  options: record(str),
  labels: record(str),
  containerIds: arrayOf(id),
});

const endpoint = shape({
  network: str,
  networkId: str,
  endpointId: nullable(str),
  ipv4: nullable(str),
  prefixLen: nullable(int),
  ipv6: nullable(str),
  mac: nullable(str),
  gateway: nullable(str),
  aliases: arrayOf(str),
  staticIpv4: nullable(str),
  links: arrayOf(str),
  ifname: nullable(str),
  hostVeth: nullable(str),
  bridge: nullable(str),
});

const container = shape({
  id,
  name: str,
  image: str,
  state: oneOf('created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'),
  status: str,
  pid: nullable(int),
  networkMode: str,
  networkModeKind: oneOf('bridge', 'host', 'none', 'container', 'network'),
  netnsOwner: nullable(str),
  netnsOwnerId: nullable(str),
  netnsMembers: arrayOf(str),
  endpoints: arrayOf(endpoint),
  ports: arrayOf(shape({ containerPort: int, protocol: protocolName, hostIp: nullable(str), hostPort: nullable(int) })),
  labels: record(str),
  hostname: str,
});

const snapshot = shape({
  engine: shape({ version: str, apiVersion: str, endpoint: str, endpointSource: str, os: str, kernelVersion: str, swarmActive: bool }),
  networks: arrayOf(network),
  containers: arrayOf(container),
  host: shape({
    engineNetns: shape({ pid: nullable(int), inode: nullable(int), same: bool, kind: oneOf('host', 'rootless', 'other', 'unknown'), how: str }),
    routes: nullable(arrayOf(shape({ destination: str, gateway: nullable(str), interface: str, metric: int }))),
    mtu: nullable(record(int)),
    rootless: nullable(shape({ rootlesskitPid: int, netDriver: nullable(str), portDriver: nullable(str), slirp4netnsPid: nullable(int), tap: nullable(str), listeners: arrayOf(shape({ hostIp: str, hostPort: int, protocol: str, pid: int })) })),
    ipForward: nullable(bool),
    defaultRoute: nullable(shape({ interface: str, gateway: nullable(str) })),
    firewall: nullable(firewall),
    proxies: nullable(arrayOf(shape({ pid: int, name: str, protocol: protocolName, hostIp: str, hostPort: int, containerIp: str, containerPort: int }))),
    bridges: nullable(record(arrayOf(str))),
    unavailable: arrayOf(str),
  }),
  takenAt: num,
});

const explanation = shape({
  from: str,
  to: str,
  port: nullable(int),
  reachable: oneOf(true, false, 'unknown'),
  ways: arrayOf(shape({ network: str, address: str, byName: bool, names: arrayOf(str), open: bool })),
  reasons: arrayOf(shape({ code: str, message: str, evidence: str })),
});

export const isSnapshot = (x: unknown): x is Snapshot => snapshot(x);
export const isExplanation = (x: unknown): x is Explanation => explanation(x);

const hostMessages: Record<HostToWebview['type'], Check> = {
  snapshot: shape({ revision: int, snapshot, options: shape({ mutable: bool }) }),
  status: shape({ state: oneOf('connecting', 'disconnected'), message: str }),
  focus: shape({ nodeId: id }),
  explanation: shape({ explanation }),
  result: shape({ ok: bool, message: str }),
};

const actions: Record<ActionKind, Check> = {
  connect: shape({ container: id, network: id, ipv4: optional(str), aliases: optional(arrayOf(id)) }),
  connectInteractive: shape({ container: optional(id), network: optional(id) }),
  disconnect: shape({ container: id, network: id }),
  join: shape({ container: optional(id) }),
  explain: shape({ from: id, to: id }),
  inspect: shape({ target: oneOf('container', 'network'), id }),
};

const exportData = (format: unknown, data: unknown): boolean => {
  if (format === 'json') return data === undefined;
  if (typeof data !== 'string' || data.length > MAX_EXPORT_CHARS) return false;
  if (format === 'svg') return data.trimStart().startsWith('<svg');
  if (format === 'png') return data.startsWith('data:image/png;base64,');
  return false;
};

const webviewMessages: Record<WebviewToHost['type'], Check> = {
  ready: () => true,
  select: shape({ nodeId: id }),
  action: (m) => isObj(m) && isObj(m.action) && typeof m.action.kind === 'string' && Object.hasOwn(actions, m.action.kind) && (actions[m.action.kind as ActionKind])(m.action),
  export: (m) => isObj(m) && exportData(m.format, m.data),
  rendered: shape({ revision: int, nodes: int, links: int, ms: num }),
  log: shape({ level: oneOf('info', 'warn', 'error'), message: str }),
};

function guard<T extends { type: string }>(table: Record<string, Check>, x: unknown): x is T {
  if (!isObj(x) || x.v !== PROTOCOL_VERSION || typeof x.type !== 'string' || !Object.hasOwn(table, x.type)) return false;
  const check = table[x.type];
  return check !== undefined && check(x);
}

export function isHostToWebview(x: unknown): x is HostToWebview {
  return guard<HostToWebview>(hostMessages, x);
}

export function isWebviewToHost(x: unknown): x is WebviewToHost {
  return guard<WebviewToHost>(webviewMessages, x);
}

/** Builds a message with the version filled in. */
export function message<T extends HostToWebview | WebviewToHost>(body: Omit<T, 'v'>): T {
  return { v: PROTOCOL_VERSION, ...body } as T;
}
