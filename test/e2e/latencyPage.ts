// The in-page half of the tree latency benchmark: a MutationObserver on the side bar that notes
// (performance.timeOrigin + performance.now()) when a tree row appears or goes, and the clock
// offset between this process and the page, so a timestamp taken here can be compared with one
// taken there.
import type { Page } from 'playwright-core';

export interface WatchSpec {
  /** Row label and, when given, exact description (e.g. a container name and its IP). */
  label: string;
  description?: string;
  /** aria-level of the row: 2 for networks, 3 for their members. */
  level: number;
  /** 'expandable': the row is there and has a twistie (aria-expanded set, collapsed or not). */
  want: 'present' | 'absent' | 'expandable';
}

export interface WatchResult {
  /** Page clock (epoch ms, sub-ms) when the DOM first satisfied the spec. */
  dom: number;
  /** Page clock after the next animation frame (the frame that paints it) has run. */
  frame: number;
  /** Mutation callbacks seen before that. */
  mutations: number;
  /** True when the spec already held when armed: the measurement is void. */
  already: boolean;
}

/** Node's clock on the same base as the page's: epoch ms with sub-ms resolution. */
export const nodeNow = (): number => performance.timeOrigin + performance.now();

type WatchWindow = Window & { __dneArm?: (spec: WatchSpec) => void; __dnePending?: Promise<WatchResult> };

/** Installs window.__dneArm(spec): the next satisfied spec resolves window.__dnePending. */
export async function installWatcher(page: Page, root: string): Promise<void> {
  await page.evaluate((sidebar) => {
    const w = window as WatchWindow;
    const now = (): number => performance.timeOrigin + performance.now();
    w.__dneArm = (spec: WatchSpec): void => {
      const row = (): Element | undefined => {
        for (const r of Array.from(document.querySelectorAll(`${sidebar} .monaco-list-row[aria-level="${spec.level}"]`))) {
          if (r.querySelector('.label-name')?.textContent?.trim() !== spec.label) continue;
          if (spec.description === undefined || r.querySelector('.label-description')?.textContent?.trim() === spec.description) return r;
        }
        return undefined;
      };
      const satisfied = (): boolean => {
        const r = row();
        if (spec.want === 'expandable') return r?.hasAttribute('aria-expanded') ?? false;
        return (r !== undefined) === (spec.want === 'present');
      };
      w.__dnePending = new Promise<WatchResult>((resolve) => {
        let mutations = 0;
        const finish = (already: boolean): void => {
          const dom = now();
          observer.disconnect();
          // rAF runs just before the frame is painted; the task after it runs once it is.
          requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: now(), mutations, already }), 0));
        };
        const observer = new MutationObserver(() => {
          mutations++;
          if (satisfied()) finish(false);
        });
        observer.observe(document.querySelector(sidebar) ?? document.body, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
        });
        if (satisfied()) finish(true);
      });
    };
  }, root);
}

export async function arm(page: Page, spec: WatchSpec): Promise<void> {
  await page.evaluate((s) => {
    const w = window as WatchWindow;
    if (!w.__dneArm) throw new Error('watcher not installed');
    w.__dneArm(s);
  }, spec);
}

/** The armed watcher's result; rejects after timeoutMs. */
export async function settle(page: Page, timeoutMs: number): Promise<WatchResult> {
  const result = page.evaluate(() => {
    const p = (window as WatchWindow).__dnePending;
    if (!p) throw new Error('watcher not armed');
    return p;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the tree did not change within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([result, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ClockOffset {
  /** page clock − node clock, ms. */
  offset: number;
  /** Half the best round trip: the offset's uncertainty, ms. */
  uncertainty: number;
}

/** NTP-style: the round trip with the smallest delay gives the offset. */
export async function clockOffset(page: Page, samples = 25): Promise<ClockOffset> {
  let best: ClockOffset | undefined;
  for (let i = 0; i < samples; i++) {
    const t0 = nodeNow();
    const pageT = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = nodeNow();
    const c = { offset: pageT - (t0 + t1) / 2, uncertainty: (t1 - t0) / 2 };
    if (!best || c.uncertainty < best.uncertainty) best = c;
  }
  if (!best) throw new Error('no clock samples');
  return best;
}
