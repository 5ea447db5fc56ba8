// The text inside the host and network boxes at screen size, cut to the box's width, and the
// tags above a network box (default, internal, icc off, collapsed).
import type { NetworkNode } from '../../src/shared/graph';
import type { Theme } from '../theme';
import type { Declutter } from './declutter';
import { hostSubline, networkSubline, type SimNode } from './geometry';
import type { Painter } from './painter';
import type { RenderInput } from './renderInput';

type Measure = RenderInput['measure'];

/** The text, shortened with an ellipsis to at most maxW pixels. */
export function fitText(text: string, font: string, maxW: number, measure: Measure): string {
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
function fitFirst(cands: readonly string[], font: string, maxW: number, measure: Measure): string {
  return cands.find((c) => measure(c, font) <= maxW) ?? fitText(cands[cands.length - 1] ?? '', font, maxW, measure);
}

/** Text in a mark's colour reads on dark backgrounds; on light ones the foreground does. */
export function inkOn(color: string, th: Theme): string {
  return th.kind === 'light' || th.kind === 'high-contrast-light' ? th.fg : color;
}

const centre = { align: 'center', baseline: 'middle' } as const;

export function boxText(p: Painter, r: RenderInput, nodes: readonly SimNode[], d: Declutter): void {
  const { t, theme: th, fonts: f, measure } = r;
  const k = t.k;
  const halo = th.bg;
  for (const s of nodes) {
    const n = s.node;
    if (n.kind !== 'host' && n.kind !== 'network') continue;
    const w = s.hw * 2 * k - 12;
    const h = s.hh * 2 * k;
    const x = s.x * k + t.x;
    const y = s.y * k + t.y;
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
