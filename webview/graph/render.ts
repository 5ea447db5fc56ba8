// Draws the visible graph through a Painter (canvas on screen, SVG on export). Level of detail
// follows the zoom: boxes carry their text while it is legible, container and link labels are
// screen-sized and decluttered (a label that would overlap another is left out until you zoom
// in), and far out containers become dots. Only what is in the viewport is drawn.
import { withAlpha } from '../theme';
import type { PathMark } from './explainMarks';
import type { SimNode } from './geometry';
import { drawComposeHulls } from './composeHulls';
import { labels } from './labels';
import type { Painter, Stroke } from './painter';
import { DOT_K, PORT_PILL_K, type RenderInput } from './renderInput';
import { containerStyle, ends, linkStroke, networkColor } from './styles';

export type { PathMark, RenderInput };

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
  const nodes = r.nodes.filter(inView);
  const links = r.links.filter((l) => inView(l.source) || inView(l.target));

  // Compose projects under everything; then links, batched by style; the explain path on top, thick.
  p.space('world');
  drawComposeHulls(p, r.nodes, th, k);
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

  labels(p, r, nodes, links);
}
