// Pure: a chain of boxes joined by arrows (a packet's path) as one SVG document. The same drawing
// serves the explain report, the tree hover (as an image) and the graph's cards. Boxes carry their
// own fill, so the drawing reads on dark, light and high-contrast themes alike.

export type BoxTone = 'plain' | 'nat' | 'stop' | 'end' | 'muted';

export interface ChainBox {
  label: string;
  /** A second, smaller line: an address, a rule's short name. */
  detail?: string;
  tone: BoxTone;
}

export interface ChainOptions {
  /** row: left to right, wrapping; column: top to bottom. */
  direction: 'row' | 'column';
  /** The arrow between boxes: one way (→) or both (⇄). */
  arrow?: 'one' | 'both';
  /** Widest drawing in px before a row wraps. */
  maxWidth?: number;
}

const FONT = 12;
const SMALL = 11;
const CHAR = 0.6; // monospace advance, in em
const PAD = 8;
const GAP = 26;
const LINE = 16;
const MAX_CHARS = 40;

const TONES: Record<BoxTone, { fill: string; stroke: string; text: string }> = {
  plain: { fill: '#eef2f7', stroke: '#5b6b7f', text: '#1b2430' },
  nat: { fill: '#fff4d6', stroke: '#a67c00', text: '#3d2e00' },
  stop: { fill: '#fde2e1', stroke: '#c62828', text: '#7f1313' },
  end: { fill: '#e3f4e1', stroke: '#2e7d32', text: '#143d17' },
  muted: { fill: '#f2f2f2', stroke: '#9e9e9e', text: '#555555' },
};
const ARROW = '#8a96a3';

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const clip = (s: string): string => (s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s);

interface Placed {
  box: ChainBox;
  x: number;
  y: number;
  w: number;
  h: number;
}

function size(b: ChainBox): { w: number; h: number } {
  const chars = Math.max(clip(b.label).length * FONT, clip(b.detail ?? '').length * SMALL) * CHAR;
  return { w: Math.ceil(chars + 2 * PAD), h: b.detail ? 2 * LINE + PAD : LINE + PAD };
}

function place(boxes: readonly ChainBox[], o: ChainOptions): { placed: Placed[]; width: number; height: number } {
  const maxWidth = o.maxWidth ?? 640;
  const placed: Placed[] = [];
  let x = 1;
  let y = 1;
  let rowH = 0;
  let width = 0;
  for (const box of boxes) {
    const { w, h } = size(box);
    if (o.direction === 'column') {
      placed.push({ box, x: 1, y, w, h });
      y += h + GAP;
      width = Math.max(width, w + 2);
      continue;
    }
    if (x > 1 && x + w > maxWidth) {
      x = 1;
      y += rowH + GAP;
      rowH = 0;
    }
    placed.push({ box, x, y, w, h });
    x += w + GAP;
    rowH = Math.max(rowH, h);
    width = Math.max(width, x - GAP + 2);
  }
  const last = placed.at(-1);
  const height = o.direction === 'column' ? (last ? last.y + last.h + 2 : 2) : y + rowH + 2;
  return { placed, width, height };
}

function arrow(a: Placed, b: Placed, both: boolean): string {
  // Same row: a horizontal arrow; otherwise from a's bottom to b's top.
  const sameRow = Math.abs(a.y - b.y) < 1;
  const [x1, y1, x2, y2] = sameRow
    ? [a.x + a.w + 2, a.y + a.h / 2, b.x - 2, b.y + b.h / 2]
    : [a.x + Math.min(a.w, 40) / 2, a.y + a.h + 2, b.x + Math.min(b.w, 40) / 2, b.y - 2];
  const heads = `marker-end="url(#h)"${both ? ' marker-start="url(#t)"' : ''}`;
  return sameRow || Math.abs(x1 - x2) < 1
    ? `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${ARROW}" stroke-width="1.5" ${heads}/>`
    : `<path d="M${x1} ${y1} V${(y1 + y2) / 2} H${x2} V${y2}" fill="none" stroke="${ARROW}" stroke-width="1.5" ${heads}/>`;
}

function boxSvg(p: Placed): string {
  const t = TONES[p.box.tone];
  const label = `<text x="${p.x + PAD}" y="${p.y + PAD / 2 + FONT}" font-size="${FONT}" font-weight="600" fill="${t.text}">${escapeXml(clip(p.box.label))}</text>`;
  const detail = p.box.detail
    ? `<text x="${p.x + PAD}" y="${p.y + PAD / 2 + LINE + SMALL}" font-size="${SMALL}" fill="${t.text}">${escapeXml(clip(p.box.detail))}</text>`
    : '';
  const dash = p.box.tone === 'muted' ? ' stroke-dasharray="4 3"' : '';
  return `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" rx="5" fill="${t.fill}" stroke="${t.stroke}" stroke-width="${p.box.tone === 'stop' ? 2 : 1}"${dash}/>${label}${detail}`;
}

/** The chain as a standalone SVG document (no scripts, no external references). */
export function chainSvg(boxes: readonly ChainBox[], o: ChainOptions): string {
  const { placed, width, height } = place(boxes, o);
  const both = o.arrow === 'both';
  const marker = (id: string, d: string): string =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="${d}" fill="${ARROW}"/></marker>`;
  const defs = `<defs>${marker('h', 'M0 0 L10 5 L0 10 z')}${both ? marker('t', 'M10 0 L0 5 L10 10 z').replace('refX="9"', 'refX="1"') : ''}</defs>`;
  const arrows = placed.slice(1).map((p, i) => arrow(placed[i] ?? p, p, both));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace">`,
    defs,
    ...placed.map(boxSvg),
    ...arrows,
    '</svg>',
  ].join('');
}

/** An SVG as a data: URI for markdown images (parentheses encoded so a markdown link stays whole). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
}
