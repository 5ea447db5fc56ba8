// window.dneGraph: what the tests and benches (test/webview, bench/graph.ts) read from the page,
// since the graph is a canvas: where a node or link is on screen, what is shown, whether the
// layout has settled, the last draw time and the zoom.
import { borderPoint } from './graph/geometry';
import type { PathMark, StopMark } from './graph/explainMarks';
import type { Transform } from './graph/painter';
import type { DrawnLabel } from './graph/renderInput';
import type { GraphView } from './graph/view';

export interface DneGraph {
  /** Page coordinates of a shown node, with its world position and pin; null if it is not shown. */
  screenOf(id: string): { x: number; y: number; pinned: boolean; wx: number; wy: number } | null;
  /** Page coordinates of the middle of a shown link (between the node borders); null if not shown. */
  linkMid(id: string): { x: number; y: number } | null;
  visibleIds(): string[];
  settled(): boolean;
  lastDrawMs(): number;
  transform(): Transform;
  /** The labels the last frame drew, in page coordinates. */
  labels(): DrawnLabel[];
  /** The explain highlight: marked node and link ids, and the stop badge. */
  explain(): { path: [string, PathMark][]; stop: StopMark | null };
}

declare global {
  interface Window {
    /** Set once the graph app has started. */
    dneGraph?: DneGraph;
  }
}

export function installTestHook(view: GraphView, canvas: HTMLCanvasElement): void {
  window.dneGraph = {
    screenOf: (id) => {
      const s = view.node(id);
      if (!s) return null;
      const [x, y] = view.screenOf(s);
      const box = canvas.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y, pinned: s.pinned, wx: s.x, wy: s.y };
    },
    linkMid: (id) => {
      const l = view.layout.links.find((x) => x.id === id);
      if (!l) return null;
      const [ax, ay] = borderPoint(l.source, l.target.x, l.target.y);
      const [bx, by] = borderPoint(l.target, l.source.x, l.source.y);
      const t = view.transform;
      const [x, y] = t.k ? [((ax + bx) / 2) * t.k + t.x, ((ay + by) / 2) * t.k + t.y] : [0, 0];
      const box = canvas.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    },
    visibleIds: () => [...view.layout.visibleIds],
    settled: () => !view.layout.running,
    lastDrawMs: () => view.lastDrawMs,
    transform: () => view.transform,
    labels: () => {
      const box = canvas.getBoundingClientRect();
      return view.lastLabels.map((l) => ({ ...l, x: l.x + box.left, y: l.y + box.top }));
    },
    explain: () => ({ path: [...view.marks.path], stop: view.marks.stop }),
  };
}
