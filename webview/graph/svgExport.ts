// The SVG back end of the Painter: the renderer draws the same scene into an SVG document for
// "Export SVG". Colours are already resolved from the theme, so the file stands alone.
import type { Painter, Space, Stroke, TextStyle, Transform } from './painter';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number): string => (Math.round(x * 10) / 10).toString();

interface ParsedFont {
  weight: string | null;
  size: number;
  family: string;
}

export function parseFont(font: string): ParsedFont {
  const m = /^(?:(\d{3}|bold)\s+)?([\d.]+)px\s+(.+)$/.exec(font.trim());
  if (!m) return { weight: null, size: 12, family: 'sans-serif' };
  return { weight: m[1] ?? null, size: Number(m[2]), family: m[3] ?? 'sans-serif' };
}

export class SvgPainter implements Painter {
  private readonly out: string[] = [];
  private current: Space = 'world';

  constructor(private readonly t: Transform) {}

  space(s: Space): void {
    this.current = s;
  }

  private x(v: number): number {
    return this.current === 'world' ? v * this.t.k + this.t.x : v;
  }

  private y(v: number): number {
    return this.current === 'world' ? v * this.t.k + this.t.y : v;
  }

  private len(v: number): number {
    return this.current === 'world' ? v * this.t.k : v;
  }

  private strokeAttrs(s: Stroke | null): string {
    if (!s) return '';
    const dash = s.dash?.length ? ` stroke-dasharray="${s.dash.join(' ')}"` : '';
    return ` stroke="${esc(s.color)}" stroke-width="${n(s.width)}"${dash}`;
  }

  lines(seg: readonly number[], s: Stroke): void {
    if (!seg.length) return;
    const d: string[] = [];
    for (let i = 0; i + 3 < seg.length; i += 4) {
      d.push(
        `M${n(this.x(seg[i] as number))} ${n(this.y(seg[i + 1] as number))}L${n(this.x(seg[i + 2] as number))} ${n(this.y(seg[i + 3] as number))}`,
      );
    }
    this.out.push(`<path d="${d.join('')}" fill="none"${this.strokeAttrs(s)}/>`);
  }

  dots(points: readonly number[], r: number, fill: string): void {
    if (!points.length) return;
    const rr = this.len(r);
    const d: string[] = [];
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = this.x(points[i] as number);
      const y = this.y(points[i + 1] as number);
      d.push(`M${n(x + rr)} ${n(y)}A${n(rr)} ${n(rr)} 0 1 0 ${n(x - rr)} ${n(y)}A${n(rr)} ${n(rr)} 0 1 0 ${n(x + rr)} ${n(y)}`);
    }
    this.out.push(`<path d="${d.join('')}" fill="${esc(fill)}"/>`);
  }

  circle(x: number, y: number, r: number, fill: string | null, stroke: Stroke | null): void {
    this.out.push(
      `<circle cx="${n(this.x(x))}" cy="${n(this.y(y))}" r="${n(this.len(r))}" fill="${esc(fill ?? 'none')}"${this.strokeAttrs(stroke)}/>`,
    );
  }

  rect(x: number, y: number, w: number, h: number, radius: number, fill: string | null, stroke: Stroke | null): void {
    this.out.push(
      `<rect x="${n(this.x(x))}" y="${n(this.y(y))}" width="${n(this.len(w))}" height="${n(this.len(h))}" rx="${n(this.len(radius))}" fill="${esc(fill ?? 'none')}"${this.strokeAttrs(stroke)}/>`,
    );
  }

  polygon(points: readonly number[], fill: string): void {
    const pts: string[] = [];
    for (let i = 0; i + 1 < points.length; i += 2) pts.push(`${n(this.x(points[i] as number))},${n(this.y(points[i + 1] as number))}`);
    this.out.push(`<polygon points="${pts.join(' ')}" fill="${esc(fill)}"/>`);
  }

  text(x: number, y: number, text: string, st: TextStyle): void {
    const f = parseFont(st.font);
    const anchor = st.align === 'center' ? 'middle' : st.align === 'right' || st.align === 'end' ? 'end' : 'start';
    const baseline = st.baseline === 'middle' ? 'central' : st.baseline === 'top' ? 'hanging' : 'alphabetic';
    const weight = f.weight ? ` font-weight="${f.weight}"` : '';
    const halo = st.halo ? ` stroke="${esc(st.halo)}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"` : '';
    this.out.push(
      `<text x="${n(this.x(x))}" y="${n(this.y(y))}" font-family="${esc(f.family)}" font-size="${n(this.len(f.size))}"${weight} text-anchor="${anchor}" dominant-baseline="${baseline}" fill="${esc(st.color)}"${halo}>${esc(text)}</text>`,
    );
  }

  document(width: number, height: number, background: string, title: string): string {
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}">`,
      `<title>${esc(title)}</title>`,
      `<rect width="100%" height="100%" fill="${esc(background)}"/>`,
      ...this.out,
      '</svg>',
    ].join('\n');
  }
}
