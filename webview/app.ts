// The graph app: holds the snapshot and the view state, applies host messages, and turns what
// the user does into graph changes or typed messages to the host.
import type { Explanation } from '../src/analysis/reachability';
import { buildGraph, type ContainerNode, type GraphLink, type GraphModel, type GraphNode } from '../src/shared/graph';
import { graphNodeToShow } from '../src/shared/ids';
import type { Snapshot } from '../src/shared/model';
import type { GraphAction, GraphOptions, HostToWebview } from '../src/shared/protocol';
import { linkCard, nodeCard } from './graph/cardContent';
import { ContextMenu } from './graph/contextMenu';
import { explainMarks, showVerdict, verdictText } from './graph/explainView';
import { borderPoint, type SimNode } from './graph/geometry';
import { HoverCard } from './graph/hoverCard';
import { bindInteractions } from './graph/interactions';
import { buildLegend } from './graph/legend';
import { menuFor } from './graph/menuItems';
import { Toolbar } from './graph/toolbar';
import { GraphView, type Target } from './graph/view';
import { parseState, type SavedState } from './graph/viewState';
import { visibleGraph } from './graph/visible';
import type { ProtocolClient } from './protocolClient';
import { readTheme, watchTheme } from './theme';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export class App {
  private snapshot: Snapshot | null = null;
  private revision = -1;
  private options: GraphOptions = { mutable: false };
  private model: GraphModel = { nodes: [], links: [] };
  private byId = new Map<string, GraphNode>();
  private linkById = new Map<string, GraphLink>();
  private readonly state: SavedState;
  private readonly view: GraphView;
  private readonly card = new HoverCard($('card'));
  private readonly menu = new ContextMenu($('menu'));
  private readonly toolbar: Toolbar;
  private readonly canvas = $<HTMLCanvasElement>('graph');
  private selection: string[] = [];
  private explanation: Explanation | null = null;
  private pickFrom: ContainerNode | null = null;
  private userZoomed: boolean;
  private saveTimer = 0;
  private toastTimer = 0;

  constructor(private readonly client: ProtocolClient) {
    this.state = parseState(client.getState());
    this.userZoomed = !this.state.autoFit;
    this.view = new GraphView(this.canvas, readTheme(), this.state, {
      onUserZoom: () => {
        this.userZoomed = true;
        this.card.hide();
        this.save();
      },
      onSettled: () => {
        if (!this.userZoomed) this.view.fit();
        this.save();
      },
      onDragStart: () => this.card.hide(),
    });
    watchTheme((t) => this.view.setTheme(t));
    this.toolbar = new Toolbar({
      query: (q) => this.setFilters({ query: q }),
      hideStopped: (on) => this.setFilters({ hideStopped: on }),
      collapseAll: (on) => this.setFilters({ collapsed: on ? this.model.nodes.filter((n) => n.kind === 'network').map((n) => n.id) : [] }),
      fit: () => this.fit(),
      explain: () => this.explainSelected(),
      exportAs: (f) => this.exportAs(f),
      legend: (on) => {
        this.state.legend = on;
        $('legend').hidden = !on;
        this.refreshToolbar();
        this.save();
      },
    });
    buildLegend($('legend'));
    $('legend').hidden = !this.state.legend;
    bindInteractions(this.canvas, this.view, {
      hover: (t, x, y) => this.hover(t, x, y),
      click: (t, additive) => this.click(t, additive),
      context: (t, x, y) => this.openMenu(t, x, y),
      focusNode: (s) => this.focus(s),
      togglePin: (s) => this.togglePin(s.id),
      toggleCollapse: (s) => s.node.kind === 'network' && this.toggleCollapse(s.id),
      escape: () => this.escape(),
      fit: () => this.fit(),
      search: () => this.toolbar.focusSearch(),
    }, () => (this.state.focus ? (this.view.node(this.state.focus) ?? null) : null));
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && e.target !== this.canvas) this.escape();
    });
    this.refreshToolbar();
    (window as unknown as { dneGraph: unknown }).dneGraph = {
      screenOf: (id: string) => {
        const s = this.view.node(id);
        if (!s) return null;
        const [x, y] = this.view.screenOf(s);
        const box = this.canvas.getBoundingClientRect();
        return { x: box.left + x, y: box.top + y, pinned: s.pinned, wx: s.x, wy: s.y };
      },
      linkMid: (id: string) => {
        const l = this.view.layout.links.find((x) => x.id === id);
        if (!l) return null;
        const [ax, ay] = borderPoint(l.source, l.target.x, l.target.y);
        const [bx, by] = borderPoint(l.target, l.source.x, l.source.y);
        const [x, y] = this.view.transform.k ? [((ax + bx) / 2) * this.view.transform.k + this.view.transform.x, ((ay + by) / 2) * this.view.transform.k + this.view.transform.y] : [0, 0];
        const box = this.canvas.getBoundingClientRect();
        return { x: box.left + x, y: box.top + y };
      },
      visibleIds: () => [...this.view.layout.visibleIds],
      settled: () => !this.view.layout.running,
      lastDrawMs: () => this.view.lastDrawMs,
      transform: () => this.view.transform,
    };
  }

  receive(m: HostToWebview): void {
    switch (m.type) {
      case 'snapshot':
        if (m.revision <= this.revision) return;
        this.revision = m.revision;
        this.applySnapshot(m.snapshot, m.options);
        return;
      case 'status':
        if (!this.snapshot) this.showEmpty(m.message);
        else this.toast(m.message);
        return;
      case 'focus':
        this.reveal(m.nodeId);
        return;
      case 'explanation':
        this.showExplanation(m.explanation);
        return;
      case 'result':
        this.toast(m.message, !m.ok);
        return;
    }
  }

  private applySnapshot(snap: Snapshot, options: GraphOptions): void {
    const t0 = performance.now();
    const first = this.snapshot === null;
    this.snapshot = snap;
    this.options = options;
    this.model = buildGraph(snap);
    this.byId = new Map(this.model.nodes.map((n) => [n.id, n]));
    this.linkById = new Map(this.model.links.map((l) => [l.id, l]));
    this.selection = this.selection.filter((id) => this.byId.has(id));
    if (this.explanation) this.view.marks.path = explainMarks(this.explanation, this.model);
    $('empty').hidden = true;
    this.applyFilters();
    if (first && !this.userZoomed && !this.state.zoom) this.view.fit();
    this.view.drawNow();
    const ms = performance.now() - t0;
    document.body.dataset['revision'] = String(this.revision);
    this.client.post({ type: 'rendered', revision: this.revision, nodes: this.view.layout.visible.length, links: this.view.layout.links.length, ms: Math.round(ms * 10) / 10 });
  }

  private applyFilters(): void {
    const v = visibleGraph(this.model, { query: this.state.query, hideStopped: this.state.hideStopped, collapsed: new Set(this.state.collapsed) });
    this.view.marks.collapsed = new Set(this.state.collapsed);
    this.view.setData(v);
    this.view.marks.selected = new Set(this.selection);
    this.refreshToolbar();
    this.save();
  }

  private setFilters(f: Partial<Pick<SavedState, 'query' | 'hideStopped' | 'collapsed'>>): void {
    Object.assign(this.state, f);
    this.applyFilters();
  }

  private refreshToolbar(): void {
    const sel = this.selection.map((id) => this.byId.get(id)).filter((n): n is ContainerNode => n?.kind === 'container');
    const nets = this.model.nodes.filter((n) => n.kind === 'network');
    const shownContainers = this.view.layout.visible.filter((s) => s.node.kind === 'container').length;
    const allContainers = this.model.nodes.filter((n) => n.kind === 'container').length;
    this.toolbar.set({
      query: this.state.query,
      hideStopped: this.state.hideStopped,
      allCollapsed: nets.length > 0 && nets.every((n) => this.state.collapsed.includes(n.id)),
      explain: sel.length === 2 ? `Explain ${sel[0]?.name ?? ''} → ${sel[1]?.name ?? ''}` : null,
      legend: this.state.legend,
      counts: this.snapshot ? `${shownContainers} of ${allContainers} containers · ${nets.length} networks` : '',
    });
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => {
      const ids = new Set(this.byId.keys());
      this.state.positions = this.view.layout.positions(ids);
      this.state.zoom = this.view.transform;
      this.state.autoFit = !this.userZoomed;
      this.client.setState(this.state);
    }, 300);
  }

  private cardFor(t: Target): { key: string; card: ReturnType<typeof nodeCard> } {
    if (!this.snapshot) return { key: '', card: null };
    if (t.kind === 'node') return { key: t.s.id, card: nodeCard(t.s.node, this.snapshot) };
    return { key: t.l.id, card: linkCard(t.l.link, this.snapshot, this.byId) };
  }

  private hover(t: Target | null, x: number, y: number): void {
    const id = t ? (t.kind === 'node' ? t.s.id : t.l.id) : null;
    if (id !== this.view.marks.hover) {
      this.view.marks.hover = id;
      this.canvas.style.cursor = t ? 'pointer' : '';
      this.view.invalidate();
    }
    if (!t || this.menu.open) {
      this.card.hide(180);
      return;
    }
    const { key, card } = this.cardFor(t);
    if (card) this.card.show(key, card, x, y, this.card.visible ? 0 : 220);
  }

  private click(t: Target | null, additive: boolean): void {
    this.menu.close(false);
    if (t?.kind === 'node' && this.pickFrom && t.s.node.kind === 'container') {
      const from = this.pickFrom;
      this.pickFrom = null;
      $('banner').hidden = true;
      if (t.s.node.id !== from.id) this.act({ kind: 'explain', from: from.name, to: t.s.node.name });
      return;
    }
    if (!t) {
      if (!additive) this.selection = [];
    } else {
      const id = t.kind === 'node' ? (t.s.node.kind === 'port' ? t.s.node.container : t.s.id) : t.l.id;
      if (additive) this.selection = this.selection.includes(id) ? this.selection.filter((x) => x !== id) : [...this.selection, id].slice(-2);
      else this.selection = [id];
      if (t.kind === 'node') this.state.focus = t.s.id;
      if (id !== 'host' && (this.byId.has(id) || this.linkById.get(id)?.kind === 'endpoint')) this.client.post({ type: 'select', nodeId: id });
    }
    this.view.marks.selected = new Set(this.selection);
    this.view.marks.focus = this.state.focus ?? null;
    this.refreshToolbar();
    this.view.invalidate();
  }

  private openMenu(t: Target | null, x: number, y: number): void {
    this.card.hide();
    const entries = menuFor(t, {
      model: this.model,
      byId: this.byId,
      mutable: this.options.mutable,
      selected: this.selection,
      collapsed: new Set(this.state.collapsed),
      act: (a) => this.act(a),
      reveal: (id) => this.client.post({ type: 'select', nodeId: id }),
      pickExplainFrom: (c) => {
        this.pickFrom = c;
        $('banner').textContent = `Explain: click the container ${c.name} should reach (Escape cancels).`;
        $('banner').hidden = false;
      },
      togglePin: (id) => this.togglePin(id),
      toggleCollapse: (id) => this.toggleCollapse(id),
      fit: () => this.fit(),
      expandAll: () => this.setFilters({ collapsed: [] }),
    });
    if (entries.length) this.menu.show(entries, x, y, this.canvas);
  }

  private act(a: GraphAction): void {
    this.client.post({ type: 'action', action: a });
  }

  private explainSelected(): void {
    const sel = this.selection.map((id) => this.byId.get(id)).filter((n): n is ContainerNode => n?.kind === 'container');
    if (sel.length === 2 && sel[0] && sel[1]) this.act({ kind: 'explain', from: sel[0].name, to: sel[1].name });
  }

  private showExplanation(x: Explanation): void {
    this.explanation = x;
    const marks = explainMarks(x, this.model);
    this.view.marks.path = marks;
    showVerdict($('verdict'), x, () => this.clearExplanation());
    $('live').textContent = `${x.from} to ${x.to}: ${verdictText(x)}`;
    const shown = [...marks.keys()].map((id) => this.view.node(id)).filter((s): s is SimNode => !!s);
    if (shown.length) this.view.fit(shown, 400, 1.2, $('verdict').offsetHeight + 16);
    this.view.invalidate();
  }

  private clearExplanation(): void {
    this.explanation = null;
    this.view.marks.path = new Map();
    $('verdict').hidden = true;
    this.view.invalidate();
  }

  private focus(s: SimNode | null): void {
    this.state.focus = s?.id;
    this.view.marks.focus = s?.id ?? null;
    this.view.invalidate();
    if (!s) return;
    const [x, y] = this.view.screenOf(s);
    const { width, height } = this.view.size;
    if (x < 40 || y < 40 || x > width - 40 || y > height - 40) this.view.centerOn(s, 0);
    const [cx, cy] = this.view.screenOf(s);
    const box = this.canvas.getBoundingClientRect();
    const { key, card } = this.cardFor({ kind: 'node', s });
    if (card) this.card.show(key, card, box.left + cx, box.top + cy);
    $('live').textContent = card ? `${s.node.kind} ${card.title}: ${card.subtitle}` : s.id;
  }

  /** Shows a node asked for from outside (revealInGraph), undoing filters that hide it. */
  private reveal(nodeId: string): void {
    const id = graphNodeToShow(nodeId);
    const n = this.byId.get(id);
    if (!n) return this.toast(`Not in the graph: ${nodeId}`, true);
    if (!this.view.node(id)) {
      this.state.query = '';
      if (n.kind === 'container' && !n.running) this.state.hideStopped = false;
      if (n.kind === 'container') this.state.collapsed = this.state.collapsed.filter((c) => !n.networks.some((name) => this.byId.get(c)?.kind === 'network' && (this.byId.get(c) as { name: string }).name === name));
      this.applyFilters();
    }
    const s = this.view.node(id);
    if (!s) return;
    this.selection = [nodeId];
    this.view.marks.selected = new Set([nodeId]);
    this.canvas.focus();
    this.view.centerOn(s, 0);
    this.focus(s);
  }

  private togglePin(id: string): void {
    const s = this.view.node(id);
    if (!s) return;
    if (s.pinned) this.view.layout.unpin(s);
    else {
      s.pinned = true;
      s.fx = s.x;
      s.fy = s.y;
    }
    this.view.invalidate();
    this.save();
  }

  private toggleCollapse(id: string): void {
    const c = this.state.collapsed;
    this.setFilters({ collapsed: c.includes(id) ? c.filter((x) => x !== id) : [...c, id] });
  }

  private fit(): void {
    this.userZoomed = false;
    this.view.fit(undefined, 300);
    this.save();
  }

  private escape(): void {
    if (this.menu.open) return this.menu.close();
    if (this.card.visible) return this.card.hide();
    if (this.pickFrom) {
      this.pickFrom = null;
      $('banner').hidden = true;
      return;
    }
    if (this.explanation) return this.clearExplanation();
    this.selection = [];
    this.view.marks.selected = new Set();
    this.refreshToolbar();
    this.view.invalidate();
  }

  private exportAs(format: 'svg' | 'png' | 'json'): void {
    if (format === 'json') return this.client.post({ type: 'export', format });
    const title = `Docker networks (${this.snapshot?.engine.endpoint ?? ''})`;
    if (format === 'svg') this.client.post({ type: 'export', format, data: this.view.svg(title) });
    else this.client.post({ type: 'export', format, data: this.view.png() });
  }

  private showEmpty(message: string): void {
    const el = $('empty');
    el.textContent = message;
    el.hidden = false;
  }

  private toast(message: string, error = false): void {
    const el = $('toast');
    el.textContent = message;
    el.classList.toggle('toast-error', error);
    el.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => (el.hidden = true), error ? 8000 : 4000);
  }
}
