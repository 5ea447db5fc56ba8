// What the panel remembers across updates and reloads (VS Code getState/setState): node
// positions and pins, the zoom, collapsed networks and the filters. Parsed defensively: the
// state may come from an older version of the webview.

export interface ZoomState {
  x: number;
  y: number;
  k: number;
}

export interface SavedState {
  v: 1;
  /** Node id → [x, y, pinned (1) or not (0)]. */
  positions: Record<string, [number, number, 0 | 1]>;
  zoom: ZoomState | null;
  /** The view follows the layout (fit) until the user zooms or pans. */
  autoFit: boolean;
  collapsed: string[];
  hideStopped: boolean;
  query: string;
  legend: boolean;
  /** The keyboard-focused node. */
  focus?: string;
}

/** A fresh panel shows the legend when there is room for it beside the graph. */
export const emptyState = (): SavedState => ({
  v: 1,
  positions: {},
  zoom: null,
  autoFit: true,
  collapsed: [],
  hideStopped: false,
  query: '',
  legend: typeof window === 'undefined' || window.innerWidth >= 960,
});

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function parseState(x: unknown): SavedState {
  const out = emptyState();
  if (!isObj(x) || x.v !== 1) return out;
  if (isObj(x.positions)) {
    for (const [id, p] of Object.entries(x.positions)) {
      if (Array.isArray(p) && finite(p[0]) && finite(p[1])) out.positions[id] = [p[0], p[1], p[2] === 1 ? 1 : 0];
    }
  }
  const z = x.zoom;
  if (isObj(z) && finite(z.x) && finite(z.y) && finite(z.k) && z.k > 0) out.zoom = { x: z.x, y: z.y, k: z.k };
  if (Array.isArray(x.collapsed)) out.collapsed = x.collapsed.filter((c): c is string => typeof c === 'string');
  out.autoFit = x.autoFit !== false;
  out.hideStopped = x.hideStopped === true;
  out.query = typeof x.query === 'string' ? x.query.slice(0, 500) : '';
  if (typeof x.legend === 'boolean') out.legend = x.legend;
  if (typeof x.focus === 'string') out.focus = x.focus;
  return out;
}
