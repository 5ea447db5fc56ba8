// The toolbar and the legend, kept in step with the app: the buttons drive the filters, fit,
// explain and export; refresh shows the filters, the pair Explain would compare, the legend
// switch and the counts.
import type { GraphAction } from '../src/shared/protocol';
import { byId } from './dom';
import type { Filters } from './filters';
import { buildLegend } from './graph/legend';
import { Toolbar } from './graph/toolbar';
import type { GraphView } from './graph/view';
import type { SavedState } from './graph/viewState';
import type { GraphData } from './graphData';
import type { ProtocolClient } from './protocolClient';
import type { Selection } from './selection';

export interface ToolbarActions {
  fit(): void;
  act(a: GraphAction): void;
  save(): void;
}

export class ToolbarControls {
  private readonly toolbar: Toolbar;
  private readonly legend = byId('legend');

  constructor(
    private readonly client: Pick<ProtocolClient, 'post'>,
    private readonly state: SavedState,
    private readonly view: GraphView,
    private readonly data: GraphData,
    private readonly filters: Filters,
    private readonly selection: Selection,
    actions: ToolbarActions,
  ) {
    this.toolbar = new Toolbar({
      query: (q) => filters.set({ query: q }),
      hideStopped: (on) => filters.set({ hideStopped: on }),
      collapseAll: (on) => filters.collapseAll(on),
      fit: () => actions.fit(),
      explain: () => {
        const pair = selection.explainPair(data.byId);
        if (pair) actions.act({ kind: 'explain', ...pair });
      },
      exportAs: (f) => this.exportAs(f),
      legend: (on) => {
        state.legend = on;
        this.legend.hidden = !on;
        this.refresh();
        actions.save();
      },
    });
    buildLegend(this.legend);
    this.legend.hidden = !state.legend;
  }

  focusSearch(): void {
    this.toolbar.focusSearch();
  }

  refresh(): void {
    const { model, snapshot } = this.data;
    const shownContainers = this.view.layout.visible.filter((s) => s.node.kind === 'container').length;
    const allContainers = model.nodes.filter((n) => n.kind === 'container').length;
    const networks = model.nodes.filter((n) => n.kind === 'network').length;
    this.toolbar.set({
      query: this.state.query,
      hideStopped: this.state.hideStopped,
      allCollapsed: this.filters.allCollapsed(),
      explain: this.selection.explainLabel(this.data.byId),
      legend: this.state.legend,
      counts: snapshot ? `${shownContainers} of ${allContainers} containers · ${networks} networks` : '',
    });
  }

  private exportAs(format: 'svg' | 'png' | 'json'): void {
    if (format === 'json') return this.client.post({ type: 'export', format });
    const title = `Docker networks (${this.data.snapshot?.engine.endpoint ?? ''})`;
    if (format === 'svg') this.client.post({ type: 'export', format, data: this.view.svg(title) });
    else this.client.post({ type: 'export', format, data: this.view.png() });
  }
}
