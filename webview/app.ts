// The graph app: builds the parts (filters, selection, explain mode, cards, notices, saving,
// toolbar, user input), applies the host's messages, and keeps the view following the layout
// until the user zooms.
import { graphNodeToShow } from '../src/shared/ids';
import type { Snapshot } from '../src/shared/model';
import type { GraphAction, GraphOptions, HostToWebview } from '../src/shared/protocol';
import { Cards } from './cards';
import { byId } from './dom';
import { ExplainMode } from './explainMode';
import { Filters, filtersShowing } from './filters';
import { ContextMenu } from './graph/contextMenu';
import { HoverCard } from './graph/hoverCard';
import { GraphView } from './graph/view';
import { parseState, type SavedState } from './graph/viewState';
import { GraphData } from './graphData';
import { Notices } from './notices';
import type { ProtocolClient } from './protocolClient';
import { Selection } from './selection';
import { installTestHook } from './testHook';
import { readTheme, watchTheme } from './theme';
import { ToolbarControls } from './toolbarControls';
import { UserInput } from './userInput';
import { ViewStateSaver } from './viewStateSaver';

export class App {
  private revision = -1;
  private readonly data = new GraphData();
  private readonly state: SavedState;
  private readonly canvas = byId<HTMLCanvasElement>('graph');
  private readonly card = new HoverCard(byId('card'), byId('canvas-wrap'));
  private readonly menu = new ContextMenu(byId('menu'));
  private readonly notices = new Notices();
  private readonly view: GraphView;
  private readonly selection: Selection;
  private readonly saver: ViewStateSaver;
  private readonly filters: Filters;
  private readonly explain: ExplainMode;
  private readonly cards: Cards;
  private readonly toolbar: ToolbarControls;
  /** The user zoomed or panned since the last fit: the view stops following the layout. */
  private userZoomed: boolean;

  constructor(private readonly client: ProtocolClient) {
    this.state = parseState(client.getState());
    this.userZoomed = !this.state.autoFit;
    this.view = new GraphView(this.canvas, readTheme(), this.state, {
      onUserZoom: () => {
        this.userZoomed = true;
        this.card.hide();
        this.saver.save();
      },
      onSettled: () => {
        if (!this.userZoomed) this.view.fit();
        this.saver.save();
      },
      onDragStart: () => this.card.hide(),
    });
    this.selection = new Selection(this.view.marks);
    this.saver = new ViewStateSaver(client, this.state, this.view, this.data, () => this.userZoomed);
    this.filters = new Filters(this.state, this.view, this.data, () => {
      this.toolbar.refresh();
      this.saver.save();
    });
    const act = (a: GraphAction): void => client.post({ type: 'action', action: a });
    const fit = (): void => this.fit();
    this.explain = new ExplainMode(this.view, this.notices, act);
    this.cards = new Cards(this.view, this.canvas, this.card, this.menu, this.data, this.state, this.notices);
    watchTheme((t) => this.view.setTheme(t));
    this.toolbar = new ToolbarControls(client, this.state, this.view, this.data, this.filters, this.selection, {
      fit,
      act,
      save: () => this.saver.save(),
    });
    const { data, state, view, canvas, card, menu, cards, selection, filters, explain, toolbar, saver } = this;
    // Listens on the canvas and the document from here on; nothing calls it.
    new UserInput({ client, state, data, view, canvas, card, menu, cards, selection, filters, explain, toolbar, saver, fit, act });
    this.toolbar.refresh();
    installTestHook(this.view, this.canvas);
  }

  receive(m: HostToWebview): void {
    switch (m.type) {
      case 'snapshot':
        if (m.revision <= this.revision) return;
        this.revision = m.revision;
        this.applySnapshot(m.snapshot, m.options);
        return;
      case 'status':
        if (!this.data.snapshot) this.notices.showEmpty(m.message);
        else this.notices.toast(m.message);
        return;
      case 'focus':
        this.reveal(m.nodeId);
        return;
      case 'explanation':
        this.explain.show(m.explanation, this.data.model);
        return;
      case 'result':
        this.notices.toast(m.message, !m.ok);
        return;
    }
  }

  private applySnapshot(snap: Snapshot, options: GraphOptions): void {
    const t0 = performance.now();
    const first = this.data.snapshot === null;
    this.data.set(snap, options);
    this.selection.keep((id) => this.data.byId.has(id));
    this.explain.remark(this.data.model);
    this.notices.hideEmpty();
    this.filters.apply();
    if (first && !this.userZoomed && !this.state.zoom) this.view.fit();
    this.view.drawNow();
    const ms = performance.now() - t0;
    document.body.dataset['revision'] = String(this.revision);
    this.client.post({
      type: 'rendered',
      revision: this.revision,
      nodes: this.view.layout.visible.length,
      links: this.view.layout.links.length,
      ms: Math.round(ms * 10) / 10,
    });
  }

  /** Shows a node asked for from outside (revealInGraph), undoing filters that hide it. */
  private reveal(nodeId: string): void {
    const id = graphNodeToShow(nodeId);
    const n = this.data.byId.get(id);
    if (!n) return this.notices.toast(`Not in the graph: ${nodeId}`, true);
    if (!this.view.node(id)) this.filters.set(filtersShowing(n, this.state, this.data.byId));
    const s = this.view.node(id);
    if (!s) return;
    this.selection.only(nodeId);
    this.canvas.focus();
    this.view.centerOn(s, 0);
    this.cards.focus(s);
  }

  private fit(): void {
    this.userZoomed = false;
    this.view.fit(undefined, 300);
    this.saver.save();
  }
}
