// Screen-size labels over the shapes, placed through the declutter in order of priority: box
// text, the explain stop badge, every container's name (moved to a free side of its own dot, or
// drawn anyway), port pills (always with their port), NAT badges, then link addresses.
import type { ContainerNode, PortNode } from '../../src/shared/graph';
import type { Theme } from '../theme';
import { boxText, inkOn } from './boxText';
import { Declutter } from './declutter';
import { anchorTarget, type Fonts, type SimLink, type SimNode } from './geometry';
import type { Painter } from './painter';
import { PORT_PILL_K, DOT_K, type DrawnLabel, type RenderInput } from './renderInput';
import { ends, uplinkStroke } from './styles';

const SUBLABEL_K = 0.8;
/** Link addresses from here: the default zoom of a mid-sized graph is around 0.5. */
const LINK_IP_K = PORT_PILL_K;
const centre = { align: 'center', baseline: 'middle' } as const;

/** The pill's texts, longest first: each keeps the host port. */
export function pillTexts(n: Pick<PortNode, 'label' | 'hostPort' | 'protocol' | 'hostIps'>): string[] {
  const ip = n.label.startsWith(':') ? '' : (n.hostIps[0] ?? '');
  const cands = ip ? [n.label, `${ip}:${n.hostPort}`, `…:${n.hostPort}`] : [n.label, `:${n.hostPort}`];
  return [...new Set(cands)];
}

export function labels(p: Painter, r: RenderInput, nodes: readonly SimNode[], links: readonly SimLink[]): void {
  const { t, theme: th, fonts: f, measure } = r;
  const k = t.k;
  const sx = (x: number): number => x * k + t.x;
  const sy = (y: number): number => y * k + t.y;
  const d = new Declutter();
  const halo = th.bg;
  const note = (kind: DrawnLabel['kind'], id: string, text: string, x: number, y: number, w: number, h: number): void => {
    r.drawn?.push({ kind, id, text, x, y, w, h });
  };
  // Shapes are obstacles for labels (ports are drawn below, at screen size).
  for (const s of nodes) if (s.node.kind !== 'port') d.block(sx(s.x - s.hw), sy(s.y - s.hh), sx(s.x + s.hw), sy(s.y + s.hh));
  p.space('screen');
  boxText(p, r, nodes, d);
  if (r.stop) stopBadge(p, r, nodes, d, note);

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
      const w = measure(text, f.label);
      // Outward first (above the node when it sits above what it hangs on), then the other
      // side, then right and left; when all are taken it is drawn outward anyway: every
      // container keeps its name, next to its own dot.
      const anchorY = s.home ? anchorTarget({ ...s.home, dx: 0, dy: 0 })[1] : s.y - 1;
      const off = s.hh * k + 10;
      const side = s.hw * k + 6 + w / 2;
      const [x, y] = [sx(s.x), sy(s.y)];
      const out: [number, number] = s.y < anchorY - 4 ? [x, y - off] : [x, y + off];
      const spots: [number, number][] = [out, [x, 2 * y - out[1]], [x + side, y], [x - side, y]];
      const color = n.running ? th.fg : th.muted;
      const at = spots.find(([px, py]) => place(px, py, text, f.label, color)) ?? (place(...out, text, f.label, color, true) ? out : null);
      if (at) note('container', s.id, text, at[0] - w / 2, at[1] - 6, w, 12);
    }
  }
  // Ports: a pill at screen size with the host port, shortened (never emptied) where room is short.
  if (k >= PORT_PILL_K) {
    for (const s of nodes) {
      if (s.node.kind !== 'port') continue;
      const [px, py] = [sx(s.x), sy(s.y)];
      const cands = pillTexts(s.node);
      // On the port, else just above or below it; only then shortened, and at worst drawn anyway.
      const spots: [number, number][] = [
        [px, py],
        [px, py - 20],
        [px, py + 20],
      ];
      const fits = (text: string, [x, y]: [number, number], force = false): boolean => {
        const w = measure(text, f.mono) + 12;
        return d.place(x - w / 2, y - 9, x + w / 2, y + 9, force);
      };
      const must = r.hover === s.id || r.focus === s.id || r.selected.has(s.id);
      let text: string | undefined;
      let at: [number, number] = [px, py];
      for (const c of must ? cands.slice(0, 1) : cands) {
        const spot = spots.find((sp) => fits(c, sp));
        if (spot) [text, at] = [c, spot];
        if (text) break;
      }
      if (text === undefined) {
        text = (must ? cands[0] : cands.at(-1)) ?? s.node.label;
        fits(text, at, true);
      }
      const [x, y] = at;
      const w = measure(text, f.mono) + 12;
      p.rect(x - w / 2, y - 9, w, 18, 9, th.bg, { color: th.blue, width: th.hc ? 2 : 1.3 });
      p.text(x, y + 0.5, text, { font: f.mono, color: th.fg, ...centre });
      note('port', s.id, text, x - w / 2, y - 9, w, 18);
    }
  }
  if (k < 0.5) {
    if (k >= LINK_IP_K) linkLabels(r, links, important, place, note, sx, sy);
    return;
  }
  for (const l of links) {
    const g = l.link;
    if (g.kind !== 'uplink' || !g.label) continue;
    const [x1, y1, x2, y2] = ends(l);
    badge(p, d, measure, f, sx((x1 + x2) / 2), sy((y1 + y2) / 2), g.label, uplinkStroke(g, th).color, th);
  }
  linkLabels(r, links, important, place, note, sx, sy);
}

type Place = (x: number, y: number, text: string, font: string, color: string, force?: boolean) => boolean;
type Note = (kind: DrawnLabel['kind'], id: string, text: string, x: number, y: number, w: number, h: number) => void;

/** Endpoint addresses (and, closer in, interface names); other links' names closer in still. */
function linkLabels(
  r: RenderInput,
  links: readonly SimLink[],
  important: ReadonlySet<string>,
  place: Place,
  note: Note,
  sx: (x: number) => number,
  sy: (y: number) => number,
): void {
  const { t, theme: th, fonts: f, measure } = r;
  const k = t.k;
  for (const l of links) {
    const g = l.link;
    const [x1, y1, x2, y2] = ends(l);
    const at = (u: number): [number, number] => [sx(x1 + (x2 - x1) * u), sy(y1 + (y2 - y1) * u)];
    if (g.kind === 'endpoint') {
      // Nearer the container, where links fan out; a label on the highlighted path is drawn anyway.
      const text = g.ipv4 ?? g.label;
      const must = important.has(l.id) || important.has(l.source.id);
      const spots = [0.4, 0.55, 0.25, 0.7];
      const u =
        spots.find((v) => place(...at(v), text, f.mono, th.fg)) ??
        (must && place(...at(0.55), text, f.mono, th.fg, true) ? 0.55 : undefined);
      if (u === undefined) continue;
      const [x, y] = at(u);
      const w = measure(text, f.mono);
      note('ip', l.id, text, x - w / 2, y - 6, w, 12);
      if (g.sublabel && k >= SUBLABEL_K) place(x, y + 13, g.sublabel, f.mono, th.muted);
    } else if (g.kind !== 'uplink' && k >= 0.7) {
      const [x, y] = at(0.5);
      place(x, y, g.label, f.sub, g.kind === 'netns' ? th.purple : th.muted);
    }
  }
}

/** "✗ isolation" in red by the node where the traffic stops: right of a dot, under a box. */
function stopBadge(p: Painter, r: RenderInput, nodes: readonly SimNode[], d: Declutter, note: Note): void {
  const { t, theme: th, fonts: f, measure } = r;
  const s = nodes.find((n) => n.id === r.stop?.id);
  if (!s || !r.stop) return;
  const text = r.stop.text;
  const w = measure(text, f.tag) + 14;
  const h = 18;
  const dot = s.node.kind === 'container';
  const x = dot ? (s.x + s.hw) * t.k + t.x + 8 : s.x * t.k + t.x - w / 2;
  const y = dot ? s.y * t.k + t.y - h / 2 : (s.y + s.hh) * t.k + t.y + 6;
  d.place(x, y, x + w, y + h, true);
  p.rect(x, y, w, h, 4, th.red, { color: th.hc ? th.fg : th.red, width: 1 });
  p.text(x + w / 2, y + h / 2 + 0.5, text, { font: f.tag, color: th.bg, ...centre });
  note('stop', s.id, text, x, y, w, h);
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
