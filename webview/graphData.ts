// The snapshot the graph shows and what is built from it once per revision: the graph model and
// its nodes and links by id. The other parts of the app read it; only applySnapshot replaces it.
import { buildGraph, type GraphLink, type GraphModel, type GraphNode } from '../src/shared/graph';
import type { Snapshot } from '../src/shared/model';
import type { GraphOptions } from '../src/shared/protocol';

export class GraphData {
  snapshot: Snapshot | null = null;
  options: GraphOptions = { mutable: false };
  model: GraphModel = { nodes: [], links: [] };
  byId = new Map<string, GraphNode>();
  linkById = new Map<string, GraphLink>();

  set(snap: Snapshot, options: GraphOptions): void {
    this.snapshot = snap;
    this.options = options;
    this.model = buildGraph(snap);
    this.byId = new Map(this.model.nodes.map((n) => [n.id, n]));
    this.linkById = new Map(this.model.links.map((l) => [l.id, l]));
  }
}
