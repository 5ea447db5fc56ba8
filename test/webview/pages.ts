// Helpers the webview tests share: a page with the fixture drawn, screenshots, lookups.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ContainerInfo, Snapshot } from '../../src/shared/model';
import { fixtureSnapshot } from './fixture';
import type { DneGraph } from '../../webview/testHook';
import { REPO_ROOT, openGraph, snapshotMessage, type GraphPage, type Harness } from './harness';

export const SHOTS = join(REPO_ROOT, 'test-results', 'screenshots');

export type Test = [string, (h: Harness) => Promise<void>];

export const byName = (s: Snapshot, name: string): ContainerInfo => {
  const c = s.containers.find((x) => x.name === name);
  assert.ok(c, name);
  return c;
};

export async function shot(g: GraphPage, name: string): Promise<void> {
  await g.page.waitForTimeout(150);
  await g.page.screenshot({ path: join(SHOTS, `graph-${name}.png`) });
}

type Hooked = { dneGraph: DneGraph };
/** The labels the last frame drew (the test hook, webview/testHook.ts). */
export const drawnLabels = (g: GraphPage): Promise<ReturnType<DneGraph['labels']>> =>
  g.page.evaluate(() => (window as unknown as Hooked).dneGraph.labels());
export const explainShown = (g: GraphPage): Promise<ReturnType<DneGraph['explain']>> =>
  g.page.evaluate(() => (window as unknown as Hooked).dneGraph.explain());
export const zoomOf = (g: GraphPage): Promise<number> => g.page.evaluate(() => (window as unknown as Hooked).dneGraph.transform().k);

/** Two boxes overlap. */
export const intersects = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A page with the snapshot (the fixture by default) drawn and the layout at rest. */
export async function ready(
  h: Harness,
  theme: 'dark' | 'light' | 'hc' = 'dark',
  s: Snapshot = fixtureSnapshot(),
  mutable = true,
  size: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<GraphPage> {
  const g = await openGraph(h, { theme, ...size });
  await g.waitForPosted((m) => m.type === 'ready');
  await g.send(snapshotMessage(s, 1, mutable));
  await g.waitForRevision(1);
  await g.waitSettled();
  return g;
}
