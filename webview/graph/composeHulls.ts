// Compose projects on the graph: a faint box around each project's containers, named, drawn under
// everything else, so a project reads as one group without moving any node.
import type { Theme } from '../theme';
import { withAlpha } from '../theme';
import type { SimNode } from './geometry';
import type { Painter } from './painter';

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
const PAD = 26;

/** Each project's box in world coordinates (pure: for the renderer and the tests). */
export function composeBoxes(nodes: readonly SimNode[]): { project: string; x: number; y: number; w: number; h: number }[] {
  const boxes = new Map<string, [number, number, number, number]>();
  for (const s of nodes) {
    if (s.node.kind !== 'container') continue;
    const project = s.node.labels[COMPOSE_PROJECT_LABEL];
    if (!project) continue;
    const b = boxes.get(project);
    const [x0, y0, x1, y1] = [s.x - s.r, s.y - s.r, s.x + s.r, s.y + s.r];
    boxes.set(project, b ? [Math.min(b[0], x0), Math.min(b[1], y0), Math.max(b[2], x1), Math.max(b[3], y1)] : [x0, y0, x1, y1]);
  }
  return [...boxes].map(([project, [x0, y0, x1, y1]]) => ({
    project,
    x: x0 - PAD,
    y: y0 - PAD,
    w: x1 - x0 + 2 * PAD,
    h: y1 - y0 + 2 * PAD,
  }));
}

/** k: the zoom; the project's name keeps about 12px on screen whatever the zoom. */
export function drawComposeHulls(p: Painter, nodes: readonly SimNode[], th: Theme, k: number): void {
  const z = Math.max(k, 0.25);
  for (const b of composeBoxes(nodes)) {
    p.rect(b.x, b.y, b.w, b.h, 14, withAlpha(th.blue, 0.06), { color: withAlpha(th.blue, 0.55), width: 1.2 / z, dash: [6 / z, 4 / z] });
    p.text(b.x + 10, b.y + 6, `compose: ${b.project}`, {
      font: `600 ${Math.round(12 / z)}px sans-serif`,
      color: th.blue,
      align: 'left',
      baseline: 'top',
      halo: th.bg,
    });
  }
}
