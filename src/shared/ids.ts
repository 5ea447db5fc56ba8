// Pure: the ids of tree items and graph nodes, made and parsed only here. The tree and the graph
// share the network, container and endpoint ids, so a click in one reveals the same object in the
// other.

const NET = 'net:';
const CTR = 'ctr:';

/** A network: the tree item and the graph node. */
export const networkNodeId = (networkId: string): string => `${NET}${networkId}`;
/** A container: the tree item (Containers group) and the graph node. */
export const containerNodeId = (containerId: string): string => `${CTR}${containerId}`;
/** A container on a network: the tree's member item and the graph's endpoint link. */
export const endpointLinkId = (networkId: string, containerId: string): string =>
  `${networkNodeId(networkId)}/${containerNodeId(containerId)}`;
/** One attachment of a container, under the container in the tree. */
export const containerEndpointId = (containerId: string, networkRef: string): string => `${containerNodeId(containerId)}/ep:${networkRef}`;
/** A container in another's netns, under its owner's item. */
export const joinedNodeId = (parentId: string, containerId: string): string => `${parentId}/joined:${containerId}`;
export const groupNodeId = (group: string): string => `group:${group}`;
export const modeNodeId = (mode: string): string => `mode:${mode}`;
export const hostFactId = (fact: string): string => `host:${fact}`;
export const unavailableFactId = (index: number): string => hostFactId(`unavailable:${index}`);
export const isUnavailableFactId = (id: string): boolean => id.startsWith(hostFactId('unavailable'));
export const bridgeNodeId = (name: string): string => `bridge:${name}`;
export const bridgePortId = (bridgeId: string, port: string): string => `${bridgeId}/port:${port}`;
/** The graph's uplink from the host to a network. */
export const uplinkId = (networkId: string): string => `up:${networkId}`;
/** The graph's link from a --network host container to the host. */
export const hostModeLinkId = (containerId: string): string => `hm:${containerId}`;
/** The graph's "shares netns" link of a joined container. */
export const netnsLinkId = (containerId: string): string => `netns:${containerId}`;

/** What a network, container or endpoint id names; other ids are not shared with the graph. */
export type ParsedNodeId =
  | { kind: 'network'; networkId: string }
  | { kind: 'container'; containerId: string }
  | { kind: 'endpoint'; networkId: string; containerId: string };

const ENDPOINT_RE = /^net:([^/]+)\/ctr:([^/]+)$/;
const SINGLE_RE = /^(net|ctr):([^/]+)$/;

export function parseNodeId(id: string): ParsedNodeId | undefined {
  const ep = ENDPOINT_RE.exec(id);
  if (ep?.[1] && ep[2]) return { kind: 'endpoint', networkId: ep[1], containerId: ep[2] };
  const one = SINGLE_RE.exec(id);
  if (!one?.[2]) return undefined;
  return one[1] === 'net' ? { kind: 'network', networkId: one[2] } : { kind: 'container', containerId: one[2] };
}

/** The graph node to show for an id: an endpoint link shows its container. */
export function graphNodeToShow(id: string): string {
  const p = parseNodeId(id);
  return p?.kind === 'endpoint' ? containerNodeId(p.containerId) : id;
}
