// Draws the visible graph through a Painter (canvas on screen, SVG on export). Level of detail
// follows the zoom: boxes carry their text while it is legible, container and link labels are
// screen-sized and decluttered (a label that would overlap another is left out until you zoom
// in), and far out containers become dots. Only what is in the viewport is drawn.
import type { ContainerNode, NetworkNode, UplinkLink } from '../../src/shared/graph';
import type { Theme } from '../theme';
import { withAlpha } from '../theme';
import { Declutter } from './declutter';
import { anchorTarget, borderPoint, hostSubline, networkSubline, type Fonts, type SimLink, type SimNode } from './geometry';
import type { Painter, Stroke, Transform } from './painter';

export type PathMark = 'open' | 'blocked';

export interface RenderInput {
  nodes: readonly SimNode[];
  links: readonly SimLink[];
  t: Transform;
  width: number;
  height: number;
  theme: Theme;
  fonts: Fonts;
  measure: (text: string, font: string) => number;
  hover: string | null;
  focus: string | null;
  selected: ReadonlySet<string>;
  matches: ReadonlySet<string>;
  /** Explain result: link and node ids on the path. */
  path: ReadonlyMap<string, PathMark>;
  hiddenIn: ReadonlyMap<string, number>;
  collapsed: ReadonlySet<string>;
}

const PORT_PILL_K = 0.45;
const SUBLABEL_K = 0.8;
const DOT_K = 0.35;

export function networkColor(n: NetworkNode, th: Theme): string {
  if (n.internal) return th.purple;
  if (n.icc === false) return th.orange;
  if (n.driver !== 'bridge') return th.green;
  return th.blue;
}

export function uplinkStroke(l: UplinkLink, th: Theme): Stroke {
  const w = th.hc ? 2.5 : 1.8;
  switch (l.nat) {
    case 'masquerade':
      return { color: th.orange, width: w };
    case 'assumed':
      return { color: th.orange, width: w, dash: [6, 4] };
    case 'routed':
    case 'no-masquerade':
      return { color: th.blue, width: w };
    case 'internal':
      return { color: withAlpha(th.muted, 0.8), width: 1.2, dash: [2, 4] };
    case 'other':
      return { color: withAlpha(th.muted, 0.8), width: 1.2, dash: [8, 4] };
  }
}

export function linkStroke(l: SimLink, th: Theme): Stroke {
  const k = l.link;
  const w = th.hc ? 2 : 1.3;
  switch (k.kind) {
    case 'uplink':
      return uplinkStroke(k, th);
    case 'endpoint':
      return k.ipv4
        ? { color: withAlpha(th.fg, th.hc ? 0.9 : 0.45), width: w }
        : { color: withAlpha(th.muted, 0.8), width: w, dash: [4, 3] };
    case 'netns':
      return { color: th.purple, width: w + 0.7, dash: [5, 3] };
    case 'hostmode':
      return { color: th.blue, width: w + 0.7, dash: [2, 3] };
    case 'publish':
      return { color: withAlpha(th.fg, 0.7), width: w };
  }
}

export function containerStyle(c: ContainerNode, th: Theme): { fill: string; stroke: Stroke } {
  const edge = th.hc ? th.contrast : withAlpha(th.fg, 0.55);
  switch (c.state) {
    case 'running':
      return { fill: th.green, stroke: { color: edge, width: 1 } };
    case 'paused':
      return { fill: th.yellow, stroke: { color: edge, width: 1 } };
    case 'restarting':
      return { fill: th.yellow, stroke: { color: th.fg, width: 1.5, dash: [2, 2] } };
    case 'dead':
      return { fill: th.bg, stroke: { color: th.red, width: 2 } };
    default:
      return { fill: th.bg, stroke: { color: th.muted, width: 1.5, dash: [3, 2] } };
  }
}

function ends(l: SimLink): [number, number, number, number] {
  const [x1, y1] = borderPoint(l.source, l.target.x, l.target.y);
  const [x2, y2] = borderPoint(l.target, l.source.x, l.source.y);
  return [x1, y1, x2, y2];
}

function styleKey(s: Stroke): string {
  return `${s.color}|${s.width}|${(s.dash ?? []).join(',')}`;
}

export function render(p: Painter, r: RenderInput): void {
  const { t, theme: th } = r;
  const k = t.k;
  const m = 160 / k;
  const vx0 = -t.x / k - m;
  const vy0 = -t.y / k - m;
  const vx1 = (r.width - t.x) / k + m;
  const vy1 = (r.height - t.y) / k + m;
  const inView = (s: SimNode): boolean => s.x + s.r > vx0 && s.x - s.r < vx1 && s.y + s.r > vy0 && s.y - s.r < vy1;
  const sx = (x: number): number => x * k + t.x;
  const sy = (y: number): number => y * k + t.y;
  const nodes = r.nodes.filter(inView);
  const links = r.links.filter((l) => inView(l.source) || inView(l.target));

  // Links, batched by style; the explain path on top, thick.
  p.space('world');
  const groups = new Map<string, { s: Stroke; seg: number[] }>();
  const arrows: number[] = [];
  for (const l of links) {
    let s = linkStroke(l, th);
    // Far out, the host ⇄ bridge links would hide everything under them.
    if (k < 0.4 && l.link.kind === 'uplink') s = { ...s, color: withAlpha(s.color, 0.45) };
    const key = styleKey(s);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { s, seg: [] }));
    const e = ends(l);
    g.seg.push(...e);
    if (l.link.kind === 'publish' && k >= DOT_K) arrows.push(...e);
  }
  for (const g of groups.values()) p.lines(g.seg, g.s);
  for (let i = 0; i + 3 < arrows.length; i += 4) {
    const [x1, y1, x2, y2] = arrows.slice(i, i + 4) as [number, number, number, number];
    const a = Math.atan2(y2 - y1, x2 - x1);
    const h = 8 / Math.max(k, 0.6);
    p.polygon(
      [x2, y2, x2 - h * Math.cos(a - 0.4), y2 - h * Math.sin(a - 0.4), x2 - h * Math.cos(a + 0.4), y2 - h * Math.sin(a + 0.4)],
      withAlpha(th.fg, 0.8),
    );
  }
  const hl: Record<PathMark, number[]> = { open: [], blocked: [] };
  for (const l of links) {
    const mark = r.path.get(l.id);
    if (mark) hl[mark].push(...ends(l));
  }
  p.lines(hl.open, { color: th.green, width: 5 });
  p.lines(hl.blocked, { color: th.red, width: 5, dash: [8, 5] });
  const hovered = links.find((l) => l.id === r.hover || l.id === r.focus);
  if (hovered) p.lines(ends(hovered), { color: th.focus, width: 3.5 });

  // Nodes.
  const dots = k < DOT_K;
  const dotGroups = new Map<string, number[]>();
  for (const s of nodes) {
    const n = s.node;
    if (n.kind === 'host') {
      p.rect(s.x - s.hw, s.y - s.hh, s.hw * 2, s.hh * 2, 10, th.bg, null);
      p.rect(s.x - s.hw, s.y - s.hh, s.hw * 2, s.hh * 2, 10, withAlpha(th.blue, 0.1), {
        color: th.hc ? th.contrast : th.fg,
        width: th.hc ? 2.5 : 1.6,
      });
    } else if (n.kind === 'network') {
      const c = networkColor(n, th);
      const stroke: Stroke = { color: c, width: th.hc ? 2.5 : 1.6, ...(n.internal ? { dash: [6, 3] } : {}) };
      if (n.isDefault) p.rect(s.x - s.hw - 4, s.y - s.hh - 4, s.hw * 2 + 8, s.hh * 2 + 8, 9, null, { color: c, width: 1 });
      if (r.collapsed.has(n.id)) {
        // A stack of cards: the network holds more than it shows.
        for (const o of [8, 4]) p.rect(s.x - s.hw + o, s.y - s.hh + o, s.hw * 2, s.hh * 2, 6, th.bg, { color: c, width: 1.2 });
      }
      p.rect(s.x - s.hw, s.y - s.hh, s.hw * 2, s.hh * 2, 6, th.bg, null);
      p.rect(s.x - s.hw, s.y - s.hh, s.hw * 2, s.hh * 2, 6, withAlpha(c, 0.14), stroke);
    } else if (n.kind === 'container') {
      const st = containerStyle(n, th);
      if (dots) {
        const list = dotGroups.get(st.fill === th.bg ? st.stroke.color : st.fill) ?? [];
        list.push(s.x, s.y);
        dotGroups.set(st.fill === th.bg ? st.stroke.color : st.fill, list);
        continue;
      }
      p.circle(s.x, s.y, s.hw, st.fill, st.stroke);
      if (n.state === 'dead')
        p.lines([s.x - 4, s.y - 4, s.x + 4, s.y + 4, s.x - 4, s.y + 4, s.x + 4, s.y - 4], { color: th.red, width: 1.5 });
      if (n.loopbackOnly) p.circle(s.x, s.y, s.hw + 4, null, { color: th.muted, width: 1.2, dash: [1.5, 2] });
    } else if (k < PORT_PILL_K) {
      p.rect(s.x - s.hw, s.y - s.hh, s.hw * 2, s.hh * 2, s.hh, th.bg, { color: th.blue, width: th.hc ? 2 : 1.3 });
    }
    if (s.pinned && !dots) p.circle(s.x - s.hw + 1, s.y - s.hh + 1, 2.6, th.fg, { color: th.bg, width: 1 });
  }
  // Far out, containers are dots at least 2.5 px across on screen.
  for (const [color, pts] of dotGroups) p.dots(pts, Math.max(9, 2.5 / k), color);

  // Rings: explain path, search matches, selection, focus, hover.
  let byId: Map<string, SimNode> | undefined;
  const ring = (id: string, stroke: Stroke, pad: number): void => {
    byId ??= new Map(r.nodes.map((x) => [x.id, x]));
    const s = byId.get(id);
    if (!s || !inView(s)) return;
    if (s.node.kind === 'container') p.circle(s.x, s.y, s.hw + pad, null, stroke);
    else p.rect(s.x - s.hw - pad, s.y - s.hh - pad, (s.hw + pad) * 2, (s.hh + pad) * 2, 8, null, stroke);
  };
  for (const [id, mark] of r.path) ring(id, { color: mark === 'open' ? th.green : th.red, width: 3 }, 4);
  for (const id of r.matches) ring(id, { color: th.yellow, width: 2 }, 3);
  for (const id of r.selected) ring(id, { color: th.focus, width: 2.5 }, 5);
  if (r.focus) ring(r.focus, { color: th.focus, width: 2, dash: [3, 2] }, 8);
  if (r.hover && r.hover !== r.focus) ring(r.hover, { color: withAlpha(th.fg, 0.6), width: 1.5 }, 6);

  labels(p, r, nodes, links, sx, sy);
}

/** The text, shortened with an ellipsis to at most maxW pixels. */
function fitText(text: string, font: string, maxW: number, measure: RenderInput['measure']): string {
  if (measure(text, font) <= maxW) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${text.slice(0, mid)}…`, font) <= maxW) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? `${text.slice(0, lo)}…` : '';
}

/** The first candidate that fits, else the last one shortened. */
function fitFirst(cands: readonly string[], font: string, maxW: number, measure: RenderInput['measure']): string {
  return cands.find((c) => measure(c, font) <= maxW) ?? fitText(cands[cands.length - 1] ?? '', font, maxW, measure);
}

function labels(
  p: Painter,
  r: RenderInput,
  nodes: readonly SimNode[],
  links: readonly SimLink[],
  sx: (x: number) => number,
  sy: (y: number) => number,
): void {
  const { t, theme: th, fonts: f, measure } = r;
  const k = t.k;
  const d = new Declutter();
  const halo = th.bg;
  const portPills = k >= PORT_PILL_K;
  // Shapes are obstacles for labels (ports are drawn below, at screen size).
  for (const s of nodes) if (s.node.kind !== 'port') d.block(sx(s.x - s.hw), sy(s.y - s.hh), sx(s.x + s.hw), sy(s.y + s.hh));

  // Box text at screen size, cut to the box's width on screen.
  p.space('screen');
  const centre = { align: 'center', baseline: 'middle' } as const;
  for (const s of nodes) {
    const n = s.node;
    if (n.kind !== 'host' && n.kind !== 'network') continue;
    const w = s.hw * 2 * k - 12;
    const h = s.hh * 2 * k;
    const x = sx(s.x);
    const y = sy(s.y);
    if (h < 16) {
      const name = n.kind === 'host' ? 'host' : n.name;
      if (d.place(x - measure(name, f.title) / 2, y - 8, x + measure(name, f.title) / 2, y + 8, true))
        p.text(x, y, name, { font: f.title, color: th.fg, ...centre, halo });
      continue;
    }
    if (n.kind === 'host') {
      const fwd = n.ipForward === null ? 'ip_forward ?' : `ip_forward=${n.ipForward ? 1 : 0}`;
      const lines =
        h >= 52
          ? [
              [n.engine, n.engine.split(' · ')[0] ?? ''],
              [hostSubline(n), fwd],
            ]
          : [];
      const top = y - (lines.length * 14) / 2;
      p.text(x, top, fitText('host', f.title, w, measure), { font: f.title, color: th.fg, ...centre });
      lines.forEach((c, i) => p.text(x, top + 15 + i * 14, fitFirst(c, f.sub, w, measure), { font: f.sub, color: th.muted, ...centre }));
    } else {
      const two = h >= 36;
      // The name is never cut: wider than the box, it overflows with a halo.
      const over = measure(n.name, f.title) > w;
      p.text(x, two ? y - 7 : y, n.name, { font: f.title, color: th.fg, ...centre, ...(over ? { halo } : {}) });
      if (two)
        p.text(x, y + 10, fitFirst([networkSubline(n), n.subnets[0] ?? n.driver], f.sub, w, measure), {
          font: f.sub,
          color: th.muted,
          ...centre,
        });
      if (k >= 0.5) tags(p, r, s, n, d);
    }
  }
  const place = (x: number, y: number, text: string, font: string, color: string, force = false): boolean => {
    const w = measure(text, font);
    if (!d.place(x - w / 2 - 1, y - 6, x + w / 2 + 1, y + 6, force)) return false;
    p.text(x, y, text, { font, color, ...centre, halo });
    return true;
  };
  const important = new Set([r.hover, r.focus, ...r.selected, ...r.path.keys()].filter((x): x is string => !!x));
  const containers = nodes.filter((s) => s.node.kind === 'container');
  containers.sort((a, b) => Number(important.has(b.id)) - Number(important.has(a.id)));
  if (k >= DOT_K) {
    for (const s of containers) {
      const n = s.node as ContainerNode;
      const text = n.loopbackOnly ? `${n.name} · lo only` : n.name;
      // Outward: above the node when it sits above what it hangs on, else below; then the other side.
      const anchorY = s.home ? anchorTarget({ ...s.home, dx: 0, dy: 0 })[1] : s.y - 1;
      const off = s.hh * k + 10;
      const sides = s.y < anchorY - 4 ? [-off, off] : [off, -off];
      const color = n.running ? th.fg : th.muted;
      if (!sides.some((o) => place(sx(s.x), sy(s.y) + o, text, f.label, color)) && important.has(s.id))
        place(sx(s.x), sy(s.y) + (sides[0] ?? off), text, f.label, color, true);
    }
  }
  // Ports: a pill at screen size with the host port where there is room, else a small pill
  // (the label comes back on zoom; the hover card always has it).
  if (portPills) {
    for (const s of nodes) {
      if (s.node.kind !== 'port') continue;
      const w = measure(s.node.label, f.mono) + 12;
      const x = sx(s.x);
      const y = sy(s.y);
      const must = r.hover === s.id || r.focus === s.id || r.selected.has(s.id);
      if (d.place(x - w / 2, y - 9, x + w / 2, y + 9, must)) {
        p.rect(x - w / 2, y - 9, w, 18, 9, th.bg, { color: th.blue, width: th.hc ? 2 : 1.3 });
        p.text(x, y + 0.5, s.node.label, { font: f.mono, color: th.fg, ...centre });
      } else {
        const hw = Math.min(w / 2, s.hw * k);
        p.rect(x - hw, y - 5, hw * 2, 10, 5, th.bg, { color: th.blue, width: 1.2 });
      }
    }
  }
  if (k < 0.5) return;
  for (const l of links) {
    const g = l.link;
    if (g.kind !== 'uplink' || !g.label) continue;
    const [x1, y1, x2, y2] = ends(l);
    badge(p, d, measure, f, sx((x1 + x2) / 2), sy((y1 + y2) / 2), g.label, uplinkStroke(g, th).color, th);
  }
  if (k < 0.7) return;
  for (const l of links) {
    const g = l.link;
    const [x1, y1, x2, y2] = ends(l);
    const at = (u: number): [number, number] => [sx(x1 + (x2 - x1) * u), sy(y1 + (y2 - y1) * u)];
    if (g.kind === 'endpoint') {
      // Nearer the container, where links fan out; a label on the highlighted path is drawn anyway.
      const text = g.ipv4 ?? g.label;
      const must = important.has(l.id) || important.has(l.source.id);
      const spots = [0.4, 0.55, 0.25];
      const u =
        spots.find((v) => place(...at(v), text, f.mono, th.fg)) ??
        (must && place(...at(0.55), text, f.mono, th.fg, true) ? 0.55 : undefined);
      if (u !== undefined && g.sublabel && k >= SUBLABEL_K) {
        const [x, y] = at(u);
        place(x, y + 13, g.sublabel, f.mono, th.muted);
      }
    } else if (g.kind !== 'uplink') {
      const [x, y] = at(0.5);
      place(x, y, g.label, f.sub, g.kind === 'netns' ? th.purple : th.muted);
    }
  }
}

function tags(p: Painter, r: RenderInput, s: SimNode, n: NetworkNode, d: Declutter): void {
  const { theme: th, fonts: f, measure, t } = r;
  const list: [string, string][] = [];
  if (n.isDefault) list.push(['default · no DNS', th.blue]);
  if (n.internal) list.push(['internal', th.purple]);
  if (n.icc === false) list.push(['icc off', th.orange]);
  if (r.collapsed.has(n.id)) list.push([`collapsed · ${r.hiddenIn.get(n.id) ?? 0} hidden`, th.fg]);
  // Above the box's top edge, right-aligned, so they never cover the name.
  let x = (s.x + s.hw) * t.k + t.x;
  const y = (s.y - s.hh) * t.k + t.y - 9;
  for (const [text, color] of list) {
    const w = measure(text, f.tag) + 10;
    d.place(x - w, y - 8, x, y + 8, true);
    p.rect(x - w, y - 7.5, w, 15, 7, th.bg, { color, width: 1.2 });
    p.text(x - w / 2, y + 0.5, text, { font: f.tag, color: inkOn(color, th), align: 'center', baseline: 'middle' });
    x -= w + 4;
  }
}

function badge(
  p: Painter,
  d: Declutter,
  measure: RenderInput['measure'],
  f: Fonts,
  x: number,
  y: number,
  text: string,
  color: string,
  th: Theme,
): void {
  const w = measure(text, f.tag) + 12;
  if (!d.place(x - w / 2, y - 9, x + w / 2, y + 9)) return;
  p.rect(x - w / 2, y - 8, w, 16, 8, th.bg, { color, width: 1.4 });
  p.text(x, y + 0.5, text, { font: f.tag, color: inkOn(color, th), align: 'center', baseline: 'middle' });
}

/** Text in a mark's colour reads on dark backgrounds; on light ones the foreground does. */
function inkOn(color: string, th: Theme): string {
  return th.kind === 'light' || th.kind === 'high-contrast-light' ? th.fg : color;
}
