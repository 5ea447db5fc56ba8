// The canvas view: d3-zoom for pan and zoom, d3-drag to move (and pin) a node, the layout's
// simulation stepped inside animation frames, hit testing, and SVG/PNG export of the scene.
import { drag, type D3DragEvent } from 'd3-drag';
import { pointer, select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import type { Theme } from '../theme';
import { fonts, hitsNode, Measure, segmentDistance, borderPoint, type Fonts, type SimLink, type SimNode } from './geometry';
import { Layout, type UpdateResult } from './layout';
import { CanvasPainter, type Transform } from './painter';
import type { StopMark } from './explainMarks';
import { render, type PathMark, type RenderInput } from './render';
import type { DrawnLabel } from './renderInput';
import { SvgPainter } from './svgExport';
import type { SavedState } from './viewState';
import type { VisibleGraph } from './visible';

export type Target = { kind: 'node'; s: SimNode } | { kind: 'link'; l: SimLink };

/** What the app marks on the graph; the view only draws it. */
export interface Marks {
  hover: string | null;
  focus: string | null;
  selected: Set<string>;
  matches: Set<string>;
  path: Map<string, PathMark>;
  stop: StopMark | null;
  hiddenIn: Map<string, number>;
  collapsed: Set<string>;
}

export interface ViewEvents {
  /** The user zoomed or panned (not a programmatic move). */
  onUserZoom(): void;
  /** The layout came to rest, or a drag ended: time to save positions. */
  onSettled(): void;
  onDragStart(): void;
}

export class GraphView {
  readonly layout: Layout;
  readonly marks: Marks = {
    hover: null,
    focus: null,
    selected: new Set(),
    matches: new Set(),
    path: new Map(),
    stop: null,
    hiddenIn: new Map(),
    collapsed: new Set(),
  };
  private readonly ctx: CanvasRenderingContext2D;
  private readonly measure: Measure;
  private fonts: Fonts;
  private readonly zoomer: ZoomBehavior<HTMLCanvasElement, unknown>;
  private t: ZoomTransform = zoomIdentity;
  private frame = 0;
  private width = 300;
  private height = 150;
  private dpr = 1;
  private programmatic = false;
  private animation = 0;
  /** The last frame's drawing time, ms (for the benchmark). */
  lastDrawMs = 0;
  /** The labels the last frame drew (for the test hook). */
  lastLabels: readonly DrawnLabel[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private theme: Theme,
    saved: SavedState,
    private readonly events: ViewEvents,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas context');
    this.ctx = ctx;
    this.measure = new Measure(ctx);
    this.fonts = fonts(theme.font, theme.mono);
    this.layout = new Layout(this.measure, this.fonts, saved.positions);
    this.zoomer = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.04, 5])
      .on('zoom', (e: { transform: ZoomTransform }) => {
        this.t = e.transform;
        if (!this.programmatic) this.events.onUserZoom();
        this.invalidate();
      });
    let grab: { dx: number; dy: number; moved: boolean } | null = null;
    const dragger = drag<HTMLCanvasElement, unknown, SimNode | undefined>()
      .container(() => canvas)
      .subject((e: D3DragEvent<HTMLCanvasElement, unknown, SimNode | undefined>) => {
        const hit = this.hit(e.x, e.y);
        return hit?.kind === 'node' ? hit.s : undefined;
      })
      .on('start', (e: D3DragEvent<HTMLCanvasElement, unknown, SimNode>) => {
        const [x, y] = this.t.invert(pointer(e.sourceEvent, this.canvas));
        grab = { dx: e.subject.x - x, dy: e.subject.y - y, moved: false };
      })
      .on('drag', (e: D3DragEvent<HTMLCanvasElement, unknown, SimNode>) => {
        if (!grab) return;
        if (!grab.moved) {
          // A click is not a drag: the layout wakes up (and the node gets pinned) only on a move.
          grab.moved = true;
          this.layout.dragStart(e.subject);
          this.events.onDragStart();
        }
        const [x, y] = this.t.invert(pointer(e.sourceEvent, this.canvas));
        this.layout.drag(e.subject, x + grab.dx, y + grab.dy);
        this.invalidate();
      })
      .on('end', (e: D3DragEvent<HTMLCanvasElement, unknown, SimNode>) => {
        const moved = grab?.moved ?? false;
        grab = null;
        if (!moved) return;
        this.layout.dragEnd(e.subject);
        this.events.onSettled();
        this.invalidate();
      });
    // Drag first: it stops the event when it grabs a node, so zoom only pans on empty space.
    select(canvas).call(dragger).call(this.zoomer).on('dblclick.zoom', null);
    if (saved.zoom) this.setTransform(zoomIdentity.translate(saved.zoom.x, saved.zoom.y).scale(saved.zoom.k));
    new ResizeObserver(() => this.resize()).observe(canvas.parentElement ?? canvas);
    this.resize();
  }

  get transform(): Transform {
    return { x: this.t.x, y: this.t.y, k: this.t.k };
  }

  get size(): { width: number; height: number } {
    return { width: this.width, height: this.height };
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.fonts = fonts(theme.font, theme.mono);
    this.layout.setFonts(this.fonts);
    this.invalidate();
  }

  private resize(): void {
    const box = (this.canvas.parentElement ?? this.canvas).getBoundingClientRect();
    this.width = Math.max(100, box.width);
    this.height = Math.max(100, box.height);
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.drawNow();
  }

  setData(v: VisibleGraph): UpdateResult {
    const res = this.layout.update(v);
    this.marks.hiddenIn = v.hiddenIn;
    this.marks.matches = v.matches;
    this.invalidate();
    return res;
  }

  node(id: string): SimNode | undefined {
    return this.layout.visibleIds.has(id) ? this.layout.all.get(id) : undefined;
  }

  invalidate(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.tick());
  }

  private tick(): void {
    this.frame = 0;
    const wasRunning = this.layout.running;
    const more = this.layout.step(8);
    this.drawNow();
    if (more) this.invalidate();
    else if (wasRunning) this.events.onSettled();
  }

  private input(t: Transform, width: number, height: number, theme: Theme): RenderInput {
    return {
      nodes: this.layout.visible,
      links: this.layout.links,
      t,
      width,
      height,
      theme,
      fonts: this.fonts,
      measure: (text, font) => this.measure.width(text, font),
      ...this.marks,
    };
  }

  drawNow(): void {
    const t0 = performance.now();
    const { ctx } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = this.theme.bg;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    const drawn: DrawnLabel[] = [];
    render(new CanvasPainter(ctx, this.transform, this.dpr), { ...this.input(this.transform, this.width, this.height, this.theme), drawn });
    this.lastLabels = drawn;
    this.lastDrawMs = performance.now() - t0;
  }

  /** What is under the canvas point (CSS px): nodes first, then links within 5 px. */
  hit(px: number, py: number): Target | null {
    const [x, y] = this.t.invert([px, py]);
    const slack = 3 / this.t.k;
    const nodes = this.layout.visible;
    for (const kind of ['port', 'container', 'network', 'host'] as const) {
      for (let i = nodes.length - 1; i >= 0; i--) {
        const s = nodes[i] as SimNode;
        if (s.node.kind === kind && hitsNode(s, x, y, slack)) return { kind: 'node', s };
      }
    }
    let best: SimLink | null = null;
    let bestD = 5 / this.t.k;
    for (const l of this.layout.links) {
      const [ax, ay] = borderPoint(l.source, l.target.x, l.target.y);
      const [bx, by] = borderPoint(l.target, l.source.x, l.source.y);
      const d = segmentDistance(x, y, ax, ay, bx, by);
      if (d < bestD) {
        bestD = d;
        best = l;
      }
    }
    return best ? { kind: 'link', l: best } : null;
  }

  /** Screen (CSS px, canvas-relative) position of a node. */
  screenOf(s: SimNode): [number, number] {
    return this.t.apply([s.x, s.y]);
  }

  private setTransform(t: ZoomTransform): void {
    this.programmatic = true;
    this.zoomer.transform(select(this.canvas), t);
    this.programmatic = false;
  }

  /** Moves the view to t over `ms` (ease in-out), or at once. */
  animateTo(target: ZoomTransform, ms = 350): void {
    cancelAnimationFrame(this.animation);
    const from = this.t;
    if (ms <= 0 || window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) {
      this.setTransform(target);
      return;
    }
    const t0 = performance.now();
    const step = (): void => {
      const u = Math.min(1, (performance.now() - t0) / ms);
      const e = u < 0.5 ? 2 * u * u : 1 - (-2 * u + 2) ** 2 / 2;
      const k = from.k * (target.k / from.k) ** e;
      this.setTransform(zoomIdentity.translate(from.x + (target.x - from.x) * e, from.y + (target.y - from.y) * e).scale(k));
      if (u < 1) this.animation = requestAnimationFrame(step);
    };
    this.animation = requestAnimationFrame(step);
  }

  /** Fits the nodes into the view, leaving `top` pixels free at the top (for an overlay). */
  fit(nodes: readonly SimNode[] = this.layout.visible, ms = 0, maxK = 1.4, top = 0): void {
    const b = this.layout.bounds(nodes);
    const pad = 30;
    const w = this.width;
    const h = this.height - top;
    const k = Math.min(maxK, (w - pad * 2) / Math.max(1, b.x1 - b.x0), (h - pad * 2) / Math.max(1, b.y1 - b.y0));
    const x = w / 2 - ((b.x0 + b.x1) / 2) * k;
    const y = top + h / 2 - ((b.y0 + b.y1) / 2) * k;
    this.animateTo(zoomIdentity.translate(x, y).scale(k), ms);
  }

  centerOn(s: SimNode, ms = 350): void {
    const k = Math.max(this.t.k, 1);
    this.animateTo(zoomIdentity.translate(this.width / 2 - s.x * k, this.height / 2 - s.y * k).scale(k), ms);
  }

  zoomBy(factor: number): void {
    this.zoomer.scaleBy(select(this.canvas), factor);
  }

  panBy(dx: number, dy: number): void {
    this.zoomer.translateBy(select(this.canvas), dx / this.t.k, dy / this.t.k);
  }

  /** The whole visible graph as a standalone SVG document, at zoom 1. */
  svg(title: string): string {
    const b = this.layout.bounds();
    const pad = 30;
    const t: Transform = { x: pad - b.x0, y: pad - b.y0, k: 1 };
    const w = b.x1 - b.x0 + pad * 2;
    const h = b.y1 - b.y0 + pad * 2;
    const p = new SvgPainter(t);
    render(p, { ...this.input(t, w, h, this.theme), hover: null, focus: null });
    return p.document(w, h, this.theme.bg, title);
  }

  /** The whole visible graph as a PNG data URL (2× scale, capped at 16 k pixels a side). */
  png(): string {
    const b = this.layout.bounds();
    const pad = 30;
    const w = b.x1 - b.x0 + pad * 2;
    const h = b.y1 - b.y0 + pad * 2;
    const scale = Math.min(2, 16_000 / w, 16_000 / h);
    const c = document.createElement('canvas');
    c.width = Math.ceil(w * scale);
    c.height = Math.ceil(h * scale);
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas context');
    ctx.fillStyle = this.theme.bg;
    ctx.fillRect(0, 0, c.width, c.height);
    const t: Transform = { x: pad - b.x0, y: pad - b.y0, k: 1 };
    render(new CanvasPainter(ctx, t, scale), { ...this.input(t, w, h, this.theme), hover: null, focus: null });
    return c.toDataURL('image/png');
  }
}
