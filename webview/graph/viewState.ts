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
  collapsed: string[];
  hideStopped: boolean;
  query: string;
  legend: boolean;
}

export const emptyState = (): SavedState => ({ v: 1, positions: {}, zoom: null, collapsed: [], hideStopped: false, query: '', legend: true });

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
  out.hideStopped = x.hideStopped === true;
  out.query = typeof x.query === 'string' ? x.query.slice(0, 500) : '';
  out.legend = x.legend !== false;
  return out;
}
