// What one drawing of the graph takes: the visible nodes and links, the zoom, the theme and the
// marks (hover, selection, explain), plus the zoom levels where the level of detail changes.
import type { Theme } from '../theme';
import type { PathMark, StopMark } from './explainMarks';
import type { Fonts, SimLink, SimNode } from './geometry';
import type { Transform } from './painter';

/** A label as drawn, in canvas CSS pixels: what it names (a node or link id) and its box. */
export interface DrawnLabel {
  kind: 'container' | 'port' | 'ip' | 'stop';
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface RenderInput {
  nodes: readonly SimNode[];
  links: readonly SimLink[];
  t: Transform;
  width: number;
  height: number;
  theme: Theme;
  fonts: Fonts;
  measure: (text: string, font: string) => number;
  hover: string | null;
  focus: string | null;
  selected: ReadonlySet<string>;
  matches: ReadonlySet<string>;
  /** Explain result: link and node ids on the path. */
  path: ReadonlyMap<string, PathMark>;
  /** Explain result: the badge on the hop where the traffic stops. */
  stop: StopMark | null;
  /** When given, every label drawn is noted here (screen coordinates; the test hook reads it). */
  drawn?: DrawnLabel[];
  hiddenIn: ReadonlyMap<string, number>;
  collapsed: ReadonlySet<string>;
}

/** Below: ports are bare capsules, drawn in world space. */
export const PORT_PILL_K = 0.45;
/** Below: containers are dots and carry no label. */
export const DOT_K = 0.35;
