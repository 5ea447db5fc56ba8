// What the user does on the canvas and in its context menu, turned into changes of the app's
// parts or messages to the host: click (select, or end an explain pick), the menu, pin, collapse
// and Escape. The keys and pointer gestures themselves are read in graph/interactions.ts.
import type { GraphAction } from '../src/shared/protocol';
import type { Cards } from './cards';
import type { ExplainMode } from './explainMode';
import type { Filters } from './filters';
import type { ContextMenu } from './graph/contextMenu';
import type { HoverCard } from './graph/hoverCard';
import { bindInteractions } from './graph/interactions';
import { menuFor } from './graph/menuItems';
import type { GraphView, Target } from './graph/view';
import type { SavedState } from './graph/viewState';
import type { GraphData } from './graphData';
import type { ProtocolClient } from './protocolClient';
import type { Selection } from './selection';
import type { ToolbarControls } from './toolbarControls';
import type { ViewStateSaver } from './viewStateSaver';

export interface InputParts {
  client: Pick<ProtocolClient, 'post'>;
  state: SavedState;
  data: GraphData;
  view: GraphView;
  canvas: HTMLCanvasElement;
  card: HoverCard;
  menu: ContextMenu;
  cards: Cards;
  selection: Selection;
  filters: Filters;
  explain: ExplainMode;
  toolbar: ToolbarControls;
  saver: ViewStateSaver;
  /** Fits the graph and makes the view follow the layout again. */
  fit(): void;
  act(a: GraphAction): void;
}

export class UserInput {
  constructor(private readonly p: InputParts) {
    const { canvas, view, cards, filters, toolbar, state } = p;
    bindInteractions(
      canvas,
      view,
      {
        hover: (t, x, y) => cards.hover(t, x, y),
        click: (t, additive) => this.click(t, additive),
        context: (t, x, y) => this.openMenu(t, x, y),
        focusNode: (s) => cards.focus(s),
        togglePin: (s) => this.togglePin(s.id),
        toggleCollapse: (s) => s.node.kind === 'network' && filters.toggleCollapse(s.id),
        escape: () => this.escape(),
        fit: () => p.fit(),
        search: () => toolbar.focusSearch(),
      },
      () => (state.focus ? (view.node(state.focus) ?? null) : null),
    );
    // Escape also works with the focus outside the canvas (toolbar, menu, verdict panel).
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && e.target !== canvas) this.escape();
    });
  }

  private click(t: Target | null, additive: boolean): void {
    const { selection, state, data, view } = this.p;
    this.p.menu.close(false);
    if (t?.kind === 'node' && this.p.explain.takeClick(t.s.node)) return;
    if (!t) {
      if (!additive) selection.only(null);
    } else {
      // A port selects its container; the host reveals what it knows (nodes and endpoints).
      const id = t.kind === 'node' ? (t.s.node.kind === 'port' ? t.s.node.container : t.s.id) : t.l.id;
      if (additive) selection.toggle(id);
      else selection.only(id);
      if (t.kind === 'node') state.focus = t.s.id;
      if (id !== 'host' && (data.byId.has(id) || data.linkById.get(id)?.kind === 'endpoint'))
        this.p.client.post({ type: 'select', nodeId: id });
    }
    view.marks.focus = state.focus ?? null;
    this.p.toolbar.refresh();
    view.invalidate();
  }

  private openMenu(t: Target | null, x: number, y: number): void {
    const { data, filters } = this.p;
    this.p.card.hide();
    const entries = menuFor(t, {
      model: data.model,
      byId: data.byId,
      mutable: data.options.mutable,
      selected: this.p.selection.ids,
      collapsed: filters.collapsed,
      act: (a) => this.p.act(a),
      reveal: (id) => this.p.client.post({ type: 'select', nodeId: id }),
      pickExplainFrom: (c) => this.p.explain.pickTargetFor(c),
      togglePin: (id) => this.togglePin(id),
      toggleCollapse: (id) => filters.toggleCollapse(id),
      fit: () => this.p.fit(),
      expandAll: () => filters.set({ collapsed: [] }),
    });
    if (entries.length) this.p.menu.show(entries, x, y, this.p.canvas);
  }

  private togglePin(id: string): void {
    const { view } = this.p;
    const s = view.node(id);
    if (!s) return;
    if (s.pinned) view.layout.unpin(s);
    else view.layout.pin(s);
    view.invalidate();
    this.p.saver.save();
  }

  /** Escape undoes the innermost thing open: menu, card, explain pick or path, then the selection. */
  private escape(): void {
    const { menu, card } = this.p;
    if (menu.open) return menu.close();
    if (card.visible) return card.hide();
    if (this.p.explain.escape()) return;
    this.p.selection.only(null);
    this.p.toolbar.refresh();
    this.p.view.invalidate();
  }
}
