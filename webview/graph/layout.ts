// The force layout (d3-force) over the visible graph, joined by key: a node keeps its object,
// and so its position, velocity and pin, across updates. New nodes are seeded next to their
// neighbours and settle while the others are held still, so an update never re-lays-out the
// whole graph. Hidden nodes keep their positions for when they come back.
import { forceCollide, forceSimulation, type Simulation } from 'd3-force';
import type { GraphLink } from '../../src/shared/graph';
import { anchorTarget, size, type Fonts, type Measure, type SimLink, type SimNode } from './geometry';
import { relations, seed } from './seed';
import type { SavedState } from './viewState';
import type { VisibleGraph } from './visible';

/** Pulls each node towards its anchor: its network, owner or container, or a fixed point. */
function homeForce(): ((alpha: number) => void) & { initialize: (nodes: SimNode[]) => void } {
  let nodes: SimNode[] = [];
  const force = (alpha: number): void => {
    for (const s of nodes) {
      const h = s.home;
      if (!h) continue;
      const k = (h.between ? 0.3 : h.to ? (s.node.kind === 'container' && !s.node.netnsOwner ? 0.5 : 0.9) : 0.3) * alpha;
      const [tx, ty] = anchorTarget(h);
      s.vx = (s.vx ?? 0) + (tx - s.x) * k;
      s.vy = (s.vy ?? 0) + (ty - s.y) * k;
    }
  };
  force.initialize = (ns: SimNode[]): void => {
    nodes = ns;
  };
  return force;
}

export interface UpdateResult {
  entered: number;
  exited: number;
  /** Nodes that were new or changed neighbours and are settling. */
  settling: number;
}

export class Layout {
  /** Every node seen in this session, visible or not. */
  readonly all = new Map<string, SimNode>();
  visible: SimNode[] = [];
  visibleIds = new Set<string>();
  links: SimLink[] = [];
  private readonly sim: Simulation<SimNode, SimLink>;
  private standalone: { x: number; y: number } | null = null;
  private signatures = new Map<string, string>();
  private active = false;

  constructor(
    private readonly measure: Measure,
    private fonts: Fonts,
    private readonly saved: SavedState['positions'],
  ) {
    this.sim = forceSimulation<SimNode, SimLink>([])
      .stop()
      .alphaDecay(0.045)
      .velocityDecay(0.42)
      .force('home', homeForce())
      .force('collide', forceCollide<SimNode>((d) => d.r).strength(0.8));
  }

  get running(): boolean {
    return this.active;
  }

  setFonts(f: Fonts): void {
    this.fonts = f;
    for (const s of this.all.values()) size(s, this.measure, f);
  }

  update(v: VisibleGraph): UpdateResult {
    const fresh = new Set<string>();
    const before = new Set(this.visible.map((s) => s.id));
    const byId = new Map<string, SimNode>();
    const firstLayout = this.all.size === 0;
    let restored = 0;
    for (const n of v.nodes) {
      let s = this.all.get(n.id);
      if (!s) {
        s = { id: n.id, node: n, x: 0, y: 0, hw: 0, hh: 0, r: 0, pinned: false, held: false, home: null, labelW: 0 };
        const p = this.saved[n.id];
        if (p) {
          [s.x, s.y] = p;
          s.pinned = p[2] === 1;
          if (s.pinned) [s.fx, s.fy] = [s.x, s.y];
          restored++;
        } else {
          fresh.add(n.id);
        }
        this.all.set(n.id, s);
      }
      s.node = n;
      size(s, this.measure, this.fonts);
      byId.set(n.id, s);
    }
    const nodes = [...byId.values()];
    const links: SimLink[] = [];
    for (const l of v.links) {
      const source = byId.get(l.source);
      const target = byId.get(l.target);
      if (source && target) links.push({ id: l.id, link: l, source, target });
    }
    const rel = relations(nodes, v.links, byId);
    this.standalone = seed(nodes, fresh, rel, byId, this.standalone);

    // Nodes whose neighbours changed move too; everything else is held while they settle.
    const signatures = this.neighbourSignatures(v.links);
    const moving = new Set(fresh);
    // (A network or the host stays where it is when its members change.)
    for (const [id, sig] of signatures) {
      const old = this.signatures.get(id);
      const kind = byId.get(id)?.node.kind;
      if (old !== undefined && old !== sig && (kind === 'container' || kind === 'port')) moving.add(id);
    }
    this.signatures = signatures;
    this.visible = nodes;
    this.visibleIds = new Set(byId.keys());
    this.links = links;
    this.sim.nodes(nodes);

    const exited = [...before].filter((id) => !byId.has(id)).length;
    if (moving.size > 0) {
      const whole = firstLayout && restored === 0;
      if (!whole) this.hold(nodes.filter((s) => !moving.has(s.id)));
      this.sim.alpha(whole ? 1 : 0.6);
      this.active = true;
    }
    return { entered: fresh.size, exited, settling: moving.size };
  }

  private neighbourSignatures(links: readonly GraphLink[]): Map<string, string> {
    const m = new Map<string, string[]>();
    for (const l of links) {
      if (l.kind === 'uplink' || l.kind === 'publish') continue;
      for (const end of [l.source, l.target]) {
        const list = m.get(end);
        if (list) list.push(l.id);
        else m.set(end, [l.id]);
      }
    }
    return new Map([...m].map(([id, list]) => [id, list.sort().join('|')]));
  }

  private hold(nodes: readonly SimNode[]): void {
    for (const s of nodes) {
      if (s.pinned || s.held) continue;
      s.held = true;
      s.fx = s.x;
      s.fy = s.y;
    }
  }

  private release(): void {
    for (const s of this.visible) {
      if (!s.held) continue;
      s.held = false;
      if (!s.pinned) s.fx = s.fy = null;
    }
  }

  /** Advances the simulation for up to budgetMs; false once it has come to rest. */
  step(budgetMs: number): boolean {
    if (!this.active) return false;
    const t0 = performance.now();
    do {
      this.sim.tick();
      if (this.sim.alpha() < this.sim.alphaMin()) {
        this.sim.alphaTarget(0);
        this.release();
        this.active = false;
        return false;
      }
    } while (performance.now() - t0 < budgetMs);
    return true;
  }

  dragStart(s: SimNode): void {
    this.release();
    s.fx = s.x;
    s.fy = s.y;
    this.sim.alphaTarget(0.2).alpha(Math.max(this.sim.alpha(), 0.2));
    this.active = true;
  }

  drag(s: SimNode, x: number, y: number): void {
    s.fx = s.x = x;
    s.fy = s.y = y;
  }

  dragEnd(s: SimNode): void {
    s.pinned = true;
    this.sim.alphaTarget(0);
    if (s.home) {
      // Stay where dropped, relative to the same anchor.
      const [tx, ty] = anchorTarget({ ...s.home, dx: 0, dy: 0 });
      s.home = { ...s.home, dx: s.x - tx, dy: s.y - ty };
    }
  }

  /** Holds the node where it is (fx/fy) until unpinned. */
  pin(s: SimNode): void {
    s.pinned = true;
    s.fx = s.x;
    s.fy = s.y;
  }

  unpin(s: SimNode): void {
    s.pinned = false;
    s.fx = s.fy = null;
    this.sim.alpha(0.3);
    this.active = true;
  }

  /** Positions of every node seen (hidden ones too), rounded, for the webview state; saved ones
   * not seen yet are kept while their node still exists. */
  positions(existing: ReadonlySet<string>): SavedState['positions'] {
    const out: SavedState['positions'] = {};
    for (const [id, p] of Object.entries(this.saved)) if (existing.has(id)) out[id] = p;
    for (const s of this.all.values()) if (existing.has(s.id)) out[s.id] = [Math.round(s.x), Math.round(s.y), s.pinned ? 1 : 0];
    return out;
  }

  bounds(nodes: readonly SimNode[] = this.visible): { x0: number; y0: number; x1: number; y1: number } {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const s of nodes) {
      const w = Math.max(s.hw, s.labelW / 2);
      x0 = Math.min(x0, s.x - w);
      x1 = Math.max(x1, s.x + w);
      y0 = Math.min(y0, s.y - s.hh);
      y1 = Math.max(y1, s.y + s.hh + 18);
    }
    return Number.isFinite(x0) ? { x0, y0, x1, y1 } : { x0: -100, y0: -100, x1: 100, y1: 100 };
  }
}
