// Pointer and keyboard input on the canvas, turned into app-level intents. The canvas is one
// focusable element; a "focused node" moves with the arrow keys (to the nearest node in that
// direction), and every mouse action has a key.
import type { SimNode } from './geometry';
import type { GraphView, Target } from './view';

export interface Intents {
  hover(target: Target | null, clientX: number, clientY: number): void;
  click(target: Target | null, additive: boolean): void;
  context(target: Target | null, clientX: number, clientY: number): void;
  focusNode(s: SimNode | null): void;
  togglePin(s: SimNode): void;
  toggleCollapse(s: SimNode): void;
  escape(): void;
  fit(): void;
  search(): void;
}

const DIRS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** The nearest node roughly in direction (dx, dy) from s: distance, penalised by the angle off. */
export function nearestInDirection(from: SimNode, nodes: readonly SimNode[], dx: number, dy: number): SimNode | null {
  let best: SimNode | null = null;
  let bestScore = Infinity;
  for (const s of nodes) {
    if (s === from) continue;
    const vx = s.x - from.x;
    const vy = s.y - from.y;
    const d = Math.hypot(vx, vy);
    if (d === 0) continue;
    const cos = (vx * dx + vy * dy) / d;
    if (cos < 0.4) continue;
    const score = d * (1 + 2.5 * (1 - cos));
    if (score < bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

export function bindInteractions(canvas: HTMLCanvasElement, view: GraphView, intents: Intents, focused: () => SimNode | null): void {
  let pending: PointerEvent | null = null;
  canvas.addEventListener('pointermove', (e) => {
    if (e.buttons) return;
    if (!pending) {
      requestAnimationFrame(() => {
        const ev = pending;
        pending = null;
        if (!ev) return;
        const box = canvas.getBoundingClientRect();
        intents.hover(view.hit(ev.clientX - box.left, ev.clientY - box.top), ev.clientX, ev.clientY);
      });
    }
    pending = e;
  });
  canvas.addEventListener('pointerleave', (e) => intents.hover(null, e.clientX, e.clientY));
  const at = (e: MouseEvent): Target | null => {
    const box = canvas.getBoundingClientRect();
    return view.hit(e.clientX - box.left, e.clientY - box.top);
  };
  canvas.addEventListener('click', (e) => intents.click(at(e), e.ctrlKey || e.metaKey || e.shiftKey));
  canvas.addEventListener('dblclick', (e) => {
    const t = at(e);
    if (t?.kind === 'node' && t.s.pinned) intents.togglePin(t.s);
    else if (!t) intents.fit();
  });
  canvas.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    intents.context(at(e), e.clientX, e.clientY);
  });

  canvas.addEventListener('keydown', (e) => {
    const f = focused();
    const dir = DIRS[e.key];
    if (dir && (e.ctrlKey || e.metaKey)) {
      view.panBy(-dir[0] * 80, -dir[1] * 80);
    } else if (dir) {
      const start = f ?? view.node('host') ?? view.layout.visible[0] ?? null;
      intents.focusNode(f && start ? (nearestInDirection(start, view.layout.visible, dir[0], dir[1]) ?? f) : start);
    } else if (e.key === 'Home') {
      intents.focusNode(view.node('host') ?? null);
    } else if (e.key === 'Enter' && f) {
      intents.click({ kind: 'node', s: f }, false);
    } else if (e.key === ' ' && f) {
      intents.click({ kind: 'node', s: f }, true);
    } else if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && f) {
      const [x, y] = view.screenOf(f);
      const box = canvas.getBoundingClientRect();
      intents.context({ kind: 'node', s: f }, box.left + x, box.top + y);
    } else if (e.key === '+' || e.key === '=') {
      view.zoomBy(1.25);
    } else if (e.key === '-' || e.key === '_') {
      view.zoomBy(0.8);
    } else if (e.key === '0') {
      intents.fit();
    } else if (e.key === 'p' && f) {
      intents.togglePin(f);
    } else if (e.key === 'c' && f) {
      intents.toggleCollapse(f);
    } else if (e.key === '/') {
      intents.search();
    } else if (e.key === 'Escape') {
      intents.escape();
    } else {
      return;
    }
    e.preventDefault();
  });
}
