// The script edge: a command called with an argument object (a script, a keybinding, a test,
// another extension) gets it parsed here, once, into a typed request. Each failure is a
// ValidationError naming the field. Range and existence checks against the engine come later, in
// validate.ts, on a fresh snapshot.
import { asObject, bool, command, portNumber, publishList, str, strList, strMap } from './fieldGuards';
import type {
  AttachRequest,
  DetachRequest,
  LinkRequest,
  UnlinkRequest,
  CompareDumpsRequest,
  ConnectRequest,
  ContainerRequest,
  CreateNetworkRequest,
  DisconnectRequest,
  ExplainRequest,
  InspectRequest,
  JoinRequest,
  PruneRequest,
  RemoveNetworkRequest,
  RunRequest,
} from './requests';
import { ValidationError } from './validate';

export function parseCreateNetworkRequest(arg: unknown): CreateNetworkRequest {
  const o = asObject(arg, 'createNetwork');
  return {
    name: str(o, 'name', true),
    driver: str(o, 'driver'),
    subnet: str(o, 'subnet'),
    gateway: str(o, 'gateway'),
    ipRange: str(o, 'ipRange'),
    internal: bool(o, 'internal'),
    attachable: bool(o, 'attachable'),
    ipv6: bool(o, 'ipv6'),
    labels: strMap(o, 'labels'),
    options: strMap(o, 'options'),
  };
}

export function parseRemoveNetworkRequest(arg: unknown): RemoveNetworkRequest {
  const o = asObject(arg, 'removeNetwork');
  return { network: str(o, 'network', true), disconnectContainers: bool(o, 'disconnectContainers') };
}

export function parsePruneRequest(arg: unknown): PruneRequest {
  const o = asObject(arg, 'pruneNetworks');
  return { labels: strList(o, 'labels') };
}

export function parseConnectRequest(arg: unknown): ConnectRequest {
  const o = asObject(arg, 'connectContainer');
  return {
    container: str(o, 'container', true),
    network: str(o, 'network', true),
    ipv4: str(o, 'ipv4')?.trim(),
    aliases: strList(o, 'aliases'),
  };
}

export function parseDisconnectRequest(arg: unknown): DisconnectRequest {
  const o = asObject(arg, 'disconnectContainer');
  return { container: str(o, 'container', true), network: str(o, 'network', true), force: bool(o, 'force') };
}

/** removeContainer / startContainer / stopContainer: `{container, force?}` (force: remove only). */
export function parseContainerRequest(arg: unknown, what: string): ContainerRequest {
  const o = asObject(arg, what);
  return { container: str(o, 'container', true), force: bool(o, 'force') };
}

export function parseJoinRequest(arg: unknown): JoinRequest {
  const o = asObject(arg, 'joinContainer');
  return {
    target: str(o, 'target', true),
    image: str(o, 'image', true),
    name: str(o, 'name'),
    command: command(o, 'command'),
    labels: strMap(o, 'labels'),
  };
}

export function parseRunRequest(arg: unknown): RunRequest {
  const o = asObject(arg, 'runContainer');
  return {
    image: str(o, 'image', true),
    network: str(o, 'network', true),
    name: str(o, 'name'),
    ipv4: str(o, 'ipv4')?.trim(),
    aliases: strList(o, 'aliases'),
    publish: publishList(o, 'publish'),
    command: command(o, 'command'),
    labels: strMap(o, 'labels'),
  };
}

export function parseExplainRequest(arg: unknown): ExplainRequest {
  const o = asObject(arg, 'explainReachability');
  return { from: str(o, 'from', true), to: str(o, 'to', true), port: portNumber(o, 'port') };
}

export function parseCompareDumpsRequest(arg: unknown): CompareDumpsRequest {
  const o = asObject(arg, 'compareFirewallDumps');
  return { before: str(o, 'before', true), after: str(o, 'after', true) };
}

/** `{ network }` or `{ container }`, by name or id. */
export function parseInspectRequest(arg: unknown): InspectRequest {
  const o = asObject(arg, 'inspect');
  const network = str(o, 'network');
  if (network) return { kind: 'network', ref: network };
  const container = str(o, 'container');
  if (container) return { kind: 'container', ref: container };
  throw new ValidationError('argument', 'inspect expects { network } or { container }.');
}

export function parseLinkRequest(arg: unknown): LinkRequest {
  const o = asObject(arg, 'createLink');
  return { a: str(o, 'a', true), b: str(o, 'b', true), addressA: str(o, 'addressA')?.trim(), addressB: str(o, 'addressB')?.trim() };
}

export function parseUnlinkRequest(arg: unknown): UnlinkRequest {
  const o = asObject(arg, 'removeLink');
  return { a: str(o, 'a', true), b: str(o, 'b', true) };
}

export function parseAttachRequest(arg: unknown): AttachRequest {
  const o = asObject(arg, 'attachToBridge');
  return {
    container: str(o, 'container', true),
    bridge: str(o, 'bridge', true),
    address: str(o, 'address', true).trim(),
    gateway: str(o, 'gateway')?.trim(),
  };
}

export function parseDetachRequest(arg: unknown): DetachRequest {
  const o = asObject(arg, 'detachFromBridge');
  return { container: str(o, 'container', true), bridge: str(o, 'bridge') };
}
