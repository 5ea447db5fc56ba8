// The drawing primitives the renderer uses, with two back ends: the canvas on screen and an SVG
// document for export (svgExport.ts). Items are given in world or screen coordinates; the
// painter maps world ones through the current zoom.

export interface Stroke {
  color: string;
  width: number;
  dash?: readonly number[];
}

export type Space = 'world' | 'screen';

export interface TextStyle {
  font: string;
  color: string;
  align: CanvasTextAlign;
  baseline: CanvasTextBaseline;
  /** A background-coloured outline that keeps text readable over lines. */
  halo?: string;
}

export interface Painter {
  space(s: Space): void;
  /** Many segments in one stroke: [x1, y1, x2, y2, …]. */
  lines(segments: readonly number[], s: Stroke): void;
  /** Many circles of one radius in one fill: [x, y, …]. */
  dots(points: readonly number[], r: number, fill: string): void;
  circle(x: number, y: number, r: number, fill: string | null, stroke: Stroke | null): void;
  rect(x: number, y: number, w: number, h: number, radius: number, fill: string | null, stroke: Stroke | null): void;
  polygon(points: readonly number[], fill: string): void;
  text(x: number, y: number, text: string, style: TextStyle): void;
}

export interface Transform {
  x: number;
  y: number;
  k: number;
}

export class CanvasPainter implements Painter {
  private current: Space = 'world';

  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    private readonly t: Transform,
    private readonly dpr: number,
  ) {
    this.space('world');
  }

  space(s: Space): void {
    this.current = s;
    const { ctx, t, dpr } = this;
    if (s === 'world') ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    else ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  private stroke(s: Stroke): void {
    const { ctx } = this;
    ctx.strokeStyle = s.color;
    // Line widths are screen pixels in both spaces, so lines stay crisp at any zoom.
    ctx.lineWidth = this.current === 'world' ? s.width / this.t.k : s.width;
    const dash = s.dash ?? [];
    ctx.setLineDash(this.current === 'world' ? dash.map((d) => d / this.t.k) : [...dash]);
    ctx.stroke();
  }

  lines(seg: readonly number[], s: Stroke): void {
    if (seg.length === 0) return;
    const { ctx } = this;
    ctx.beginPath();
    for (let i = 0; i + 3 < seg.length; i += 4) {
      ctx.moveTo(seg[i] as number, seg[i + 1] as number);
      ctx.lineTo(seg[i + 2] as number, seg[i + 3] as number);
    }
    this.stroke(s);
  }

  dots(points: readonly number[], r: number, fill: string): void {
    if (points.length === 0) return;
    const { ctx } = this;
    ctx.beginPath();
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = points[i] as number;
      const y = points[i + 1] as number;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
    }
    ctx.fillStyle = fill;
    ctx.fill();
  }

  circle(x: number, y: number, r: number, fill: string | null, stroke: Stroke | null): void {
    const { ctx } = this;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    if (stroke) this.stroke(stroke);
  }

  rect(x: number, y: number, w: number, h: number, radius: number, fill: string | null, stroke: Stroke | null): void {
    const { ctx } = this;
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, radius);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    if (stroke) this.stroke(stroke);
  }

  polygon(points: readonly number[], fill: string): void {
    const { ctx } = this;
    ctx.beginPath();
    for (let i = 0; i + 1 < points.length; i += 2) {
      if (i === 0) ctx.moveTo(points[0] as number, points[1] as number);
      else ctx.lineTo(points[i] as number, points[i + 1] as number);
    }
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
  }

  text(x: number, y: number, text: string, st: TextStyle): void {
    const { ctx } = this;
    ctx.font = st.font;
    ctx.textAlign = st.align;
    ctx.textBaseline = st.baseline;
    if (st.halo) {
      ctx.setLineDash([]);
      ctx.lineJoin = 'round';
      ctx.strokeStyle = st.halo;
      ctx.lineWidth = this.current === 'world' ? 3 / this.t.k : 3;
      ctx.strokeText(text, x, y);
    }
    ctx.fillStyle = st.color;
    ctx.fillText(text, x, y);
  }
}
