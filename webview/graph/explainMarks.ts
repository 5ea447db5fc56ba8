// Pure: which nodes and links an explanation highlights, and where its stop badge goes. With a
// route, exactly the hops' nodes and the links between consecutive ones; without one (an older
// host), every way's containers, networks and endpoint links.
import type { Explanation, RouteHop } from '../../src/analysis/explainTypes';
import type { ContainerNode, GraphModel, GraphNode } from '../../src/shared/graph';
import { HOST_ID } from '../../src/shared/graph';
import { containerNodeId, endpointLinkId, hostModeLinkId, netnsLinkId, networkNodeId, uplinkId } from '../../src/shared/ids';

export type PathMark = 'open' | 'blocked';

/** The red badge on the hop where the traffic stops: the node it sits by and its text. */
export interface StopMark {
  id: string;
  text: string;
}

export interface ExplainDrawing {
  marks: Map<string, PathMark>;
  stop: StopMark | null;
}

const STOP = '✗';

function hopNode(h: RouteHop): string | null {
  const at = h.at;
  if (!at) return null;
  if (at.kind === 'container') return containerNodeId(at.id);
  if (at.kind === 'network') return networkNodeId(at.id);
  return at.kind === 'host' ? HOST_ID : null;
}

/** The link between two located hops' nodes, if the graph draws one. */
function linkBetween(a: GraphNode, b: GraphNode, links: ReadonlySet<string>): string | null {
  const pick = (...ids: string[]): string | null => ids.find((id) => links.has(id)) ?? null;
  if (a.kind === 'container' && b.kind === 'network') return pick(endpointLinkId(b.networkId, a.containerId));
  if (a.kind === 'network' && b.kind === 'container') return pick(endpointLinkId(a.networkId, b.containerId));
  if (a.kind === 'network' && b.kind === 'host') return pick(uplinkId(a.networkId));
  if (a.kind === 'host' && b.kind === 'network') return pick(uplinkId(b.networkId));
  if (a.kind === 'container' && b.kind === 'host') return pick(hostModeLinkId(a.containerId));
  if (a.kind === 'host' && b.kind === 'container') return pick(hostModeLinkId(b.containerId));
  if (a.kind === 'container' && b.kind === 'container') return pick(netnsLinkId(a.containerId), netnsLinkId(b.containerId));
  return null;
}

/** The route's nodes and links; null when no hop sits on a drawn node (then the ways are drawn). */
function routeDrawing(x: Explanation, model: GraphModel): ExplainDrawing | null {
  const route = x.route;
  if (!route) return null;
  const byId = new Map<string, GraphNode>(model.nodes.map((n) => [n.id, n]));
  const links = new Set(model.links.map((l) => l.id));
  const m: PathMark = route.arrives ? 'open' : 'blocked';
  const marks = new Map<string, PathMark>();
  let prev: GraphNode | null = null;
  let stop: StopMark | null = null;
  for (const h of route.hops) {
    const id = hopNode(h);
    const n = id ? byId.get(id) : undefined;
    if (n) {
      if (prev && prev !== n) {
        const l = linkBetween(prev, n, links);
        if (l) marks.set(l, m);
      }
      marks.set(n.id, m);
      prev = n;
    }
    // A stop without a node of its own (a firewall rule) sits by the last node reached.
    if (h.stop && !stop && prev) stop = { id: prev.id, text: `${STOP} ${h.stop.short}` };
  }
  if (marks.size === 0) return null;
  // A container in the netns of a marked one (--network container:X) is on the route too.
  for (const name of [x.from, x.to]) {
    const c = model.nodes.find((n): n is ContainerNode => n.kind === 'container' && n.name === name);
    if (c?.netnsOwner && marks.has(c.netnsOwner) && !marks.has(c.id)) {
      marks.set(c.id, m);
      if (links.has(netnsLinkId(c.containerId))) marks.set(netnsLinkId(c.containerId), m);
    }
  }
  return { marks, stop };
}

/** Explanations without a route: each way through both ends, open where a way is open. */
function waysDrawing(x: Explanation, model: GraphModel): ExplainDrawing {
  const marks = new Map<string, PathMark>();
  const byId = new Map<string, GraphNode>(model.nodes.map((n) => [n.id, n]));
  const linkIds = new Set(model.links.map((l) => l.id));
  const mark = (id: string, m: PathMark): void => {
    if (!byId.has(id) && !linkIds.has(id)) return;
    if (marks.get(id) !== 'open') marks.set(id, m);
  };
  const container = (name: string): ContainerNode | undefined =>
    model.nodes.find((n): n is ContainerNode => n.kind === 'container' && n.name === name);
  const from = container(x.from);
  const to = container(x.to);
  if (!from || !to) return { marks, stop: null };
  const owner = (c: ContainerNode): ContainerNode => {
    const o = c.netnsOwner ? byId.get(c.netnsOwner) : undefined;
    return o?.kind === 'container' ? o : c;
  };
  const ends = [from, to];
  if (x.ways.length === 0) {
    for (const c of ends) mark(c.id, 'blocked');
    return { marks, stop: null };
  }
  for (const w of x.ways) {
    const m: PathMark = w.open ? 'open' : 'blocked';
    for (const c of ends) {
      mark(c.id, m);
      const o = owner(c);
      if (o !== c) {
        mark(netnsLinkId(c.containerId), m);
        mark(o.id, m);
      }
      if (w.network.startsWith('netns of ')) continue;
      if (w.network === 'host') {
        mark(hostModeLinkId(o.containerId), m);
        continue;
      }
      const net = model.nodes.find((n) => n.kind === 'network' && n.name === w.network);
      if (net?.kind !== 'network') continue;
      mark(net.id, m);
      if (o.onHost) {
        mark(hostModeLinkId(o.containerId), m);
        mark(uplinkId(net.networkId), m);
        mark(HOST_ID, m);
      } else {
        mark(endpointLinkId(net.networkId, o.containerId), m);
      }
    }
  }
  return { marks, stop: null };
}

export function explainDrawing(x: Explanation, model: GraphModel): ExplainDrawing {
  return routeDrawing(x, model) ?? waysDrawing(x, model);
}

export const explainMarks = (x: Explanation, model: GraphModel): Map<string, PathMark> => explainDrawing(x, model).marks;
