// The filters: the search query, hiding stopped containers, and collapsed networks. They live in
// the saved state, so they survive reloads; applying them picks the visible graph for the view.
import type { GraphNode } from '../src/shared/graph';
import type { GraphView } from './graph/view';
import type { SavedState } from './graph/viewState';
import { visibleGraph } from './graph/visible';
import type { GraphData } from './graphData';

export type FilterState = Pick<SavedState, 'query' | 'hideStopped' | 'collapsed'>;

export class Filters {
  /** `applied` runs after each apply: the selection marks, the toolbar and a save follow the new graph. */
  constructor(
    private readonly state: SavedState,
    private readonly view: GraphView,
    private readonly data: GraphData,
    private readonly applied: () => void,
  ) {}

  get collapsed(): ReadonlySet<string> {
    return new Set(this.state.collapsed);
  }

  apply(): void {
    const v = visibleGraph(this.data.model, {
      query: this.state.query,
      hideStopped: this.state.hideStopped,
      collapsed: new Set(this.state.collapsed),
    });
    this.view.marks.collapsed = new Set(this.state.collapsed);
    this.view.setData(v);
    this.applied();
  }

  set(f: Partial<FilterState>): void {
    Object.assign(this.state, f);
    this.apply();
  }

  toggleCollapse(id: string): void {
    const c = this.state.collapsed;
    this.set({ collapsed: c.includes(id) ? c.filter((x) => x !== id) : [...c, id] });
  }

  collapseAll(on: boolean): void {
    this.set({ collapsed: on ? this.data.model.nodes.filter((n) => n.kind === 'network').map((n) => n.id) : [] });
  }

  allCollapsed(): boolean {
    const nets = this.data.model.nodes.filter((n) => n.kind === 'network');
    return nets.length > 0 && nets.every((n) => this.state.collapsed.includes(n.id));
  }
}

/**
 * What to change so that a node hidden by the filters shows (revealInGraph asks for it from
 * outside): no query, stopped containers shown if it is one, and its networks expanded.
 */
export function filtersShowing(n: GraphNode, f: FilterState, byId: ReadonlyMap<string, GraphNode>): Partial<FilterState> {
  if (n.kind !== 'container') return { query: '' };
  const expanded = f.collapsed.filter((c) => {
    const net = byId.get(c);
    return !(net?.kind === 'network' && n.networks.includes(net.name));
  });
  return { query: '', ...(n.running ? {} : { hideStopped: false }), collapsed: expanded };
}
