// Where a node starts, and what it keeps its place relative to. Networks (and the host) are
// cluster centres packed on a spiral; a container sits on a fan (a sunflower when many) around its only network,
// between its networks when it has several, around the host in host mode, next to its owner when
// joined; a port sits next to its container. So the first paint is already readable and the
// force simulation only has to tidy up.
import type { GraphLink } from '../../src/shared/graph';
import type { Anchor, SimNode } from './geometry';

const GOLDEN = Math.PI * (3 - Math.sqrt(5));
/** Sunflower spacing: neighbours end up about 1.8 × this apart. */
const SPACING = 34;
const GAP = 36;

interface Disc {
  x: number;
  y: number;
  r: number;
}

export interface Relations {
  /** Container id → network node ids it is drawn attached to. */
  nets: Map<string, string[]>;
  /** Cluster centre id (network, host or "standalone") → its single-anchor members. */
  members: Map<string, SimNode[]>;
}

export const STANDALONE = '(standalone)';

export function relations(nodes: readonly SimNode[], links: readonly GraphLink[], byId: ReadonlyMap<string, SimNode>): Relations {
  const nets = new Map<string, string[]>();
  for (const l of links) {
    if (l.kind !== 'endpoint') continue;
    const list = nets.get(l.source);
    if (list) list.push(l.target);
    else nets.set(l.source, [l.target]);
  }
  const members = new Map<string, SimNode[]>();
  const add = (k: string, s: SimNode): void => {
    const list = members.get(k);
    if (list) list.push(s);
    else members.set(k, [s]);
  };
  for (const s of nodes) {
    const n = s.node;
    if (n.kind !== 'container') continue;
    if (n.netnsOwner && byId.has(n.netnsOwner)) continue;
    const mine = nets.get(s.id) ?? [];
    if (n.onHost) add('host', s);
    else if (mine.length === 1) add(mine[0] as string, s);
    else if (mine.length === 0) add(STANDALONE, s);
  }
  return { nets, members };
}

const FAN_MAX = 8;
const FAN_STEP = 0.62;
const FAN_GAP = 46;

/** Distance from a box's centre to its edge in direction a. */
function edge(hw: number, hh: number, a: number): number {
  const c = Math.abs(Math.cos(a));
  const s = Math.abs(Math.sin(a));
  return Math.min(c > 1e-6 ? hw / c : Infinity, s > 1e-6 ? hh / s : Infinity);
}

/**
 * Offset of member i of n around a centre box (half-size hw × hh): up to FAN_MAX on a fan that
 * opens away from the host (direction `away`, radians), more on a sunflower all around.
 */
export function slot(i: number, n: number, hw: number, hh: number, away: number): [number, number] {
  if (n <= FAN_MAX) {
    const a = away + (i - (n - 1) / 2) * FAN_STEP;
    const r = edge(hw, hh, a) + FAN_GAP;
    return [r * Math.cos(a), r * Math.sin(a)];
  }
  const i0 = Math.ceil(((Math.max(hw, hh) + 34) / SPACING) ** 2);
  const r = SPACING * Math.sqrt(i + i0);
  const a = (i + i0) * GOLDEN + away;
  return [r * Math.cos(a), r * Math.sin(a)];
}

export function clusterRadius(hw: number, hh: number, count: number): number {
  if (count <= FAN_MAX) return Math.max(hw, hh) * 0.8 + FAN_GAP + 30;
  const i0 = Math.ceil(((Math.max(hw, hh) + 34) / SPACING) ** 2);
  return SPACING * Math.sqrt(i0 + count) + 30;
}

/** A free spot for a disc of radius r: along a spiral out from the origin, a little wider than tall. */
export function packDisc(r: number, placed: readonly Disc[]): [number, number] {
  for (let t = 0; t < 4000; t += 0.2) {
    const rho = 24 * t;
    const x = rho * Math.cos(t) * 1.4;
    const y = rho * Math.sin(t);
    if (placed.every((d) => Math.hypot(d.x - x, d.y - y) >= d.r + r + GAP)) return [x, y];
  }
  return [0, 0];
}

function outward(s: SimNode, from: SimNode | undefined, i: number, step: number): [number, number] {
  let dx = from ? s.x - from.x : 1;
  let dy = from ? s.y - from.y : 0;
  const d = Math.hypot(dx, dy) || 1;
  const a = Math.atan2(dy / d, dx / d) + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * step;
  dx = Math.cos(a);
  dy = Math.sin(a);
  return [dx, dy];
}

/** The direction from the host farthest (in angle) from every network: host-mode containers go there. */
function freeAngle(host: SimNode, nodes: readonly SimNode[]): number {
  const angles = nodes.filter((s) => s.node.kind === 'network').map((s) => Math.atan2(s.y - host.y, s.x - host.x));
  if (!angles.length) return Math.PI / 2;
  let best = Math.PI / 2;
  let bestGap = -1;
  for (let i = 0; i < 24; i++) {
    const a = (i / 24) * Math.PI * 2;
    const gap = Math.min(...angles.map((b) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)))));
    if (gap > bestGap + 1e-9) {
      bestGap = gap;
      best = a;
    }
  }
  return best;
}

/** Gives fresh nodes a position, and every visible node its anchor (re-resolved on each update). */
export function seed(
  nodes: readonly SimNode[],
  fresh: ReadonlySet<string>,
  rel: Relations,
  byId: ReadonlyMap<string, SimNode>,
  standalone: { x: number; y: number } | null,
): { x: number; y: number } | null {
  const host = byId.get('host');
  const centre = (id: string): SimNode | undefined => byId.get(id);
  // 1. Cluster centres: host at the origin, networks packed around it.
  if (host && fresh.has(host.id)) {
    host.x = 0;
    host.y = 0;
  }
  const discs: Disc[] = [];
  const clusterR = (id: string, s: SimNode | undefined): number =>
    clusterRadius(s?.hw ?? 10, s?.hh ?? 10, rel.members.get(id)?.length ?? 0);
  for (const s of nodes)
    if ((s.node.kind === 'network' || s.node.kind === 'host') && !fresh.has(s.id)) discs.push({ x: s.x, y: s.y, r: clusterR(s.id, s) });
  if (host && fresh.has(host.id)) discs.push({ x: 0, y: 0, r: clusterR('host', host) });
  if (standalone) discs.push({ ...standalone, r: clusterR(STANDALONE, undefined) });
  const freshNets = nodes.filter((s) => s.node.kind === 'network' && fresh.has(s.id));
  freshNets.sort((a, b) => (rel.members.get(b.id)?.length ?? 0) - (rel.members.get(a.id)?.length ?? 0) || a.id.localeCompare(b.id));
  for (const s of freshNets) {
    const r = clusterR(s.id, s);
    [s.x, s.y] = packDisc(r, discs);
    discs.push({ x: s.x, y: s.y, r });
  }
  let lone = standalone;
  if (!lone && rel.members.get(STANDALONE)?.some((s) => fresh.has(s.id))) {
    const [x, y] = packDisc(clusterR(STANDALONE, undefined), discs);
    lone = { x, y };
  }
  for (const s of nodes) {
    if (s.node.kind === 'network' || s.node.kind === 'host') s.home = { to: null, dx: s.x, dy: s.y };
  }
  // 2. Single-anchor members fan out away from the host (or sit on a sunflower when many);
  //    fresh ones take the next free slots.
  for (const [id, list] of rel.members) {
    const c = id === STANDALONE ? null : centre(id);
    const cx = c ? c.x : (lone?.x ?? 0);
    const cy = c ? c.y : (lone?.y ?? 0);
    const away = c?.node.kind === 'host' ? freeAngle(c, nodes) : Math.atan2(cy - (host?.y ?? 0), cx - (host?.x ?? 0)) || Math.PI / 2;
    let i = list.filter((s) => !fresh.has(s.id)).length;
    for (const s of list) {
      if (fresh.has(s.id)) {
        const [dx, dy] = slot(i++, list.length, c?.hw ?? 0, c?.hh ?? 0, away);
        s.x = cx + dx;
        s.y = cy + dy;
      }
      s.home = c ? { to: c, dx: s.x - c.x, dy: s.y - c.y } : { to: null, dx: s.x, dy: s.y };
    }
  }
  // 3. Multi-network containers between their networks; joined ones by their owner; ports by their container.
  const joinedCount = new Map<string, number>();
  for (const s of nodes) {
    const n = s.node;
    if (n.kind !== 'container') continue;
    const owner = n.netnsOwner ? byId.get(n.netnsOwner) : undefined;
    if (owner) continue;
    const mine = rel.nets.get(s.id) ?? [];
    if (mine.length < 2) continue;
    const pts = mine.map(centre).filter((x): x is SimNode => !!x);
    const cx = pts.reduce((a, p) => a + p.x, 0) / (pts.length || 1);
    const cy = pts.reduce((a, p) => a + p.y, 0) / (pts.length || 1);
    if (fresh.has(s.id) && pts.length) {
      s.x = cx + ((s.id.charCodeAt(4) % 7) - 3) * 12;
      s.y = cy + ((s.id.charCodeAt(5) % 7) - 3) * 12;
    }
    s.home = { to: null, between: pts, dx: s.x - cx, dy: s.y - cy };
  }
  const attach = (s: SimNode, to: SimNode, dist: number): Anchor => {
    const i = joinedCount.get(to.id) ?? 0;
    joinedCount.set(to.id, i + 1);
    if (fresh.has(s.id)) {
      const base = to.home?.to ?? undefined;
      // Neighbours on the arc are a collision diameter apart.
      const [dx, dy] = outward(to, base, i, Math.min(1.2, Math.max(0.55, (2 * s.r) / dist)));
      s.x = to.x + dx * dist;
      s.y = to.y + dy * dist;
    }
    return { to, dx: s.x - to.x, dy: s.y - to.y };
  };
  for (const s of nodes) {
    const n = s.node;
    const owner = n.kind === 'container' && n.netnsOwner ? byId.get(n.netnsOwner) : undefined;
    if (owner) s.home = attach(s, owner, owner.r + s.r + 14);
  }
  for (const s of nodes) {
    const n = s.node;
    const to = n.kind === 'port' ? byId.get(n.container) : undefined;
    if (to) s.home = attach(s, to, to.r + s.hw + 24);
  }
  return lone;
}
