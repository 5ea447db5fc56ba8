// Sizes, fonts and hit tests of what the canvas draws, shared by the layout (collision radii),
// the renderer, the SVG export and the pointer handling. World units are CSS pixels at zoom 1.
import type { SimulationLinkDatum, SimulationNodeDatum } from 'd3-force';
import type { GraphLink, GraphNode } from '../../src/shared/graph';

export interface Anchor {
  /** The node this one keeps its place relative to (its network, owner or container); null: absolute. */
  to: SimNode | null;
  /** For a container on several networks: it stays at their centre (plus dx, dy). */
  between?: SimNode[];
  dx: number;
  dy: number;
}

/** Where the anchor puts the node now. */
export function anchorTarget(h: Anchor): [number, number] {
  if (h.between?.length) {
    let x = 0;
    let y = 0;
    for (const b of h.between) {
      x += b.x;
      y += b.y;
    }
    return [x / h.between.length + h.dx, y / h.between.length + h.dy];
  }
  return h.to ? [h.to.x + h.dx, h.to.y + h.dy] : [h.dx, h.dy];
}

export interface SimNode extends SimulationNodeDatum {
  id: string;
  node: GraphNode;
  x: number;
  y: number;
  /** Box half-width and half-height (boxes) or the radius twice (circles). */
  hw: number;
  hh: number;
  /** Collision radius: the shape and its label. */
  r: number;
  /** Dragged into place by the user: stays (fx/fy) until unpinned. */
  pinned: boolean;
  /** Held still (fx/fy) while new nodes settle around it. */
  held: boolean;
  home: Anchor | null;
  labelW: number;
}

export interface SimLink extends SimulationLinkDatum<SimNode> {
  id: string;
  link: GraphLink;
  source: SimNode;
  target: SimNode;
}

export interface Fonts {
  title: string;
  sub: string;
  label: string;
  mono: string;
  tag: string;
}

export function fonts(family: string, mono: string): Fonts {
  return { title: `600 13px ${family}`, sub: `11px ${family}`, label: `12px ${family}`, mono: `11px ${mono}`, tag: `600 10px ${family}` };
}

const CONTAINER_R = 9;
const JOINED_R = 7;

/** Measures text with a canvas context, cached (labels repeat every frame). */
export class Measure {
  private readonly cache = new Map<string, number>();
  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  width(text: string, font: string): number {
    const key = `${font}\u0000${text}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      this.ctx.font = font;
      w = this.ctx.measureText(text).width;
      if (this.cache.size > 20_000) this.cache.clear();
      this.cache.set(key, w);
    }
    return w;
  }
}

/** Subnet and bridge device; the driver too when it is not a bridge (the colour says bridge). */
export function networkSubline(n: Extract<GraphNode, { kind: 'network' }>): string {
  const parts = n.driver === 'bridge' ? [] : [n.driver];
  parts.push(n.subnets[0] ?? 'no subnet');
  if (n.bridge) parts.push(n.bridge);
  return parts.join(' · ');
}

export function hostSubline(n: Extract<GraphNode, { kind: 'host' }>): string {
  const fwd = n.ipForward === null ? 'ip_forward ?' : `ip_forward=${n.ipForward ? 1 : 0}`;
  const where = n.netnsKind === 'host' ? '' : `${n.netnsKind === 'unknown' ? 'netns unknown' : `${n.netnsKind} netns`} · `;
  return `${where}${fwd} · out: ${n.route ?? 'any iface but the bridges'}`;
}

export function containerRadius(n: GraphNode): number {
  return n.kind === 'container' && n.netnsOwner ? JOINED_R : CONTAINER_R;
}

/** Sets hw, hh, r and labelW from the node's kind and text. */
export function size(s: SimNode, m: Measure, f: Fonts): void {
  const n = s.node;
  switch (n.kind) {
    case 'host': {
      const w = Math.max(240, m.width(hostSubline(n), f.sub) + 48, m.width(n.engine, f.sub) + 48);
      s.hw = w / 2;
      s.hh = 40;
      s.labelW = w;
      s.r = Math.hypot(s.hw, s.hh) * 0.75;
      return;
    }
    case 'network': {
      const w = Math.max(170, m.width(n.name, f.title) + 40, m.width(networkSubline(n), f.sub) + 40);
      s.hw = w / 2;
      s.hh = 27;
      s.labelW = w;
      s.r = s.hw + 12;
      return;
    }
    case 'container': {
      const r = containerRadius(n);
      s.labelW = m.width(n.name, f.label);
      s.hw = r;
      s.hh = r;
      s.r = Math.max(r + 8, s.labelW / 2 + 6);
      return;
    }
    case 'port': {
      const w = m.width(n.label, f.mono) + 14;
      s.hw = w / 2;
      s.hh = 9;
      s.labelW = w;
      s.r = s.hw + 4;
      return;
    }
  }
}

/** Is the world point (x, y) on the node's shape (or, for containers, its label)? */
export function hitsNode(s: SimNode, x: number, y: number, slack = 0): boolean {
  if (s.node.kind === 'container') {
    const r = s.hw + 3 + slack;
    if ((x - s.x) ** 2 + (y - s.y) ** 2 <= r * r) return true;
    // The label: below or above the circle.
    return Math.abs(x - s.x) <= s.labelW / 2 + slack && Math.abs(y - s.y) >= s.hh && Math.abs(y - s.y) <= s.hh + 16 + slack;
  }
  return Math.abs(x - s.x) <= s.hw + slack && Math.abs(y - s.y) <= s.hh + slack;
}

/** Distance from (x, y) to the segment a-b. */
export function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Where the segment from the node's centre towards (tx, ty) leaves its shape. */
export function borderPoint(s: SimNode, tx: number, ty: number): [number, number] {
  const dx = tx - s.x;
  const dy = ty - s.y;
  if (dx === 0 && dy === 0) return [s.x, s.y];
  if (s.node.kind === 'container') {
    const d = Math.hypot(dx, dy);
    return [s.x + (dx / d) * s.hw, s.y + (dy / d) * s.hw];
  }
  const t = Math.min(dx === 0 ? Infinity : s.hw / Math.abs(dx), dy === 0 ? Infinity : s.hh / Math.abs(dy));
  return t >= 1 ? [tx, ty] : [s.x + dx * t, s.y + dy * t];
}
