// Pure: which part of the graph model is on screen, given the search, "hide stopped" and the
// collapsed networks. The layout keeps positions of hidden nodes, so they come back where they were.
import { searchText, type ContainerNode, type GraphLink, type GraphModel, type GraphNode } from '../../src/shared/graph';

export interface Filters {
  query: string;
  hideStopped: boolean;
  /** Node ids of collapsed networks. */
  collapsed: ReadonlySet<string>;
}

export interface VisibleGraph {
  nodes: GraphNode[];
  links: GraphLink[];
  /** Collapsed network id → how many containers it hides. */
  hiddenIn: Map<string, number>;
  /** Nodes the query matched itself (empty without a query). */
  matches: Set<string>;
}

interface Token {
  field: 'any' | 'network' | 'label' | 'name';
  text: string;
}

export function parseQuery(q: string): Token[] {
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => {
      const m = /^(net|network|label|name):(.*)$/.exec(t);
      if (!m) return { field: 'any', text: t };
      const field = m[1] === 'net' || m[1] === 'network' ? 'network' : m[1] === 'label' ? 'label' : 'name';
      return { field, text: m[2] ?? '' };
    });
}

function containerMatches(c: ContainerNode, tokens: readonly Token[], text: string): boolean {
  return tokens.every((t) => {
    if (t.field === 'network') return c.networks.some((n) => n.toLowerCase().includes(t.text));
    if (t.field === 'name') return c.name.toLowerCase().includes(t.text);
    if (t.field === 'label') return Object.entries(c.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(t.text));
    return text.includes(t.text);
  });
}

function nodeMatches(n: GraphNode, tokens: readonly Token[]): boolean {
  if (n.kind === 'container') return containerMatches(n, tokens, searchText(n));
  if (n.kind !== 'network') return false;
  return tokens.every((t) => (t.field === 'network' || t.field === 'name' || t.field === 'any') && n.name.toLowerCase().includes(t.text));
}

export function visibleGraph(model: GraphModel, f: Filters): VisibleGraph {
  const tokens = parseQuery(f.query);
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const netIdByName = new Map<string, string>();
  for (const n of model.nodes) if (n.kind === 'network') netIdByName.set(n.name, n.id);
  const matches = new Set<string>();
  if (tokens.length) for (const n of model.nodes) if (nodeMatches(n, tokens)) matches.add(n.id);
  // A matched network shows its containers.
  const matchedNets = new Set([...matches].filter((id) => byId.get(id)?.kind === 'network'));

  const shown = new Set<string>(['host']);
  const hiddenIn = new Map<string, number>();
  const containerShown = (c: ContainerNode): boolean => {
    if (f.hideStopped && !c.running) return false;
    if (tokens.length && !matches.has(c.id) && !c.networks.some((n) => matchedNets.has(netIdByName.get(n) ?? ''))) return false;
    const nets = c.networks.map((n) => netIdByName.get(n)).filter((id): id is string => !!id);
    if (nets.length && nets.every((id) => f.collapsed.has(id))) {
      for (const id of nets) hiddenIn.set(id, (hiddenIn.get(id) ?? 0) + 1);
      return false;
    }
    return true;
  };
  for (const n of model.nodes) {
    if (n.kind === 'container' && !n.netnsOwner && containerShown(n)) shown.add(n.id);
  }
  // Joined containers follow their owner into a collapsed network; otherwise they filter like any other.
  for (const n of model.nodes) {
    if (n.kind !== 'container' || !n.netnsOwner) continue;
    const owner = byId.get(n.netnsOwner);
    const ownerHidden = owner?.kind === 'container' && !shown.has(owner.id);
    const ownerNets = owner?.kind === 'container' ? owner.networks.map((x) => netIdByName.get(x) ?? '') : [];
    if (ownerHidden && ownerNets.length > 0 && ownerNets.every((x) => f.collapsed.has(x))) {
      for (const id of ownerNets) hiddenIn.set(id, (hiddenIn.get(id) ?? 0) + 1);
      continue;
    }
    if (containerShown(n)) shown.add(n.id);
  }
  const used = new Set<string>();
  for (const l of model.links) if (l.kind === 'endpoint' && shown.has(l.source)) used.add(l.target);
  for (const n of model.nodes) {
    if (n.kind === 'network') {
      if (!tokens.length || matches.has(n.id) || used.has(n.id) || hiddenIn.has(n.id)) shown.add(n.id);
    } else if (n.kind === 'port' && shown.has(n.container)) {
      shown.add(n.id);
    }
  }
  return {
    nodes: model.nodes.filter((n) => shown.has(n.id)),
    links: model.links.filter((l) => shown.has(l.source) && shown.has(l.target)),
    hiddenIn,
    matches,
  };
}
