// How links, networks and containers are stroked and filled, from the theme: shared by the
// shapes (render.ts), the labels (labels.ts) and the legend's meaning.
import type { ContainerNode, NetworkNode, UplinkLink } from '../../src/shared/graph';
import type { Theme } from '../theme';
import { withAlpha } from '../theme';
import { borderPoint, type SimLink } from './geometry';
import type { Stroke } from './painter';

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
    case 'manual':
      return { color: th.orange, width: w + 0.7, dash: [6, 2, 1, 2] };
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

export function ends(l: SimLink): [number, number, number, number] {
  const [x1, y1] = borderPoint(l.source, l.target.x, l.target.y);
  const [x2, y2] = borderPoint(l.target, l.source.x, l.source.y);
  return [x1, y1, x2, y2];
}
