// Reading and driving the VS Code workbench DOM (1.100, code-server): the tree rows of our view,
// the quick input, context menus and modal dialogs. Every wait is for a specific element, never a
// fixed sleep.
import type { Locator, Page } from 'playwright-core';
import { sleep, waitUntil } from './workbench';

/** One rendered row of the tree in the side bar (the list is virtual: only visible rows exist). */
export interface Row {
  /** Position in the whole (expanded) tree, from data-index. */
  index: number;
  /** aria-level: 1 for the groups (Networks, Containers, Host). */
  level: number;
  label: string;
  description: string;
  ariaLabel: string;
  expanded: string | null;
  focused: boolean;
}

/** A row and the labels of its rendered ancestors, nearest first. */
export interface Located extends Row {
  ancestors: string[];
}

export interface RowSpec {
  label: string;
  /** Exact description, or a prefix when it ends with '*'. */
  description?: string;
  /** Labels of the ancestors, nearest first: ['on networks', 'Containers']. Must all be rendered. */
  parents?: string[];
}

const SIDEBAR = '.part.sidebar';
/** VS Code arms a context menu item's mouseup listener 100 ms after rendering it. */
const MENU_ARM_MS = 150;

/** The rendered rows of the side bar's tree, in tree order. */
export async function readRows(page: Page): Promise<Row[]> {
  const rows = await page.evaluate((root) => {
    const out: Row[] = [];
    for (const r of Array.from(document.querySelectorAll(`${root} .monaco-list-row`))) {
      out.push({
        index: Number(r.getAttribute('data-index')),
        level: Number(r.getAttribute('aria-level')),
        label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
        ariaLabel: r.getAttribute('aria-label') ?? '',
        expanded: r.getAttribute('aria-expanded'),
        focused: r.classList.contains('focused'),
      });
    }
    return out;
  }, SIDEBAR);
  return rows.sort((a, b) => a.index - b.index);
}

/** Rendered ancestors of rows[i], nearest first (stops where the rendered range starts). */
function ancestorsOf(rows: Row[], i: number): string[] {
  const out: string[] = [];
  let level = rows[i]?.level ?? 0;
  for (let j = i - 1; j >= 0 && level > 1; j--) {
    const r = rows[j];
    if (!r || r.index !== (rows[j + 1]?.index ?? 0) - 1) break;
    if (r.level === level - 1) {
      out.push(r.label);
      level = r.level;
    }
  }
  return out;
}

function matches(spec: RowSpec, row: Row, ancestors: string[]): boolean {
  if (row.label !== spec.label) return false;
  if (spec.description !== undefined) {
    const d = spec.description;
    if (d.endsWith('*') ? !row.description.startsWith(d.slice(0, -1)) : row.description !== d) return false;
  }
  return (spec.parents ?? []).every((p, k) => ancestors[k] === p);
}

export function findIn(rows: Row[], spec: RowSpec): Located | undefined {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const ancestors = ancestorsOf(rows, i);
    if (matches(spec, row, ancestors)) return { ...row, ancestors };
  }
  return undefined;
}

export function describeRows(rows: Row[]): string {
  return rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}${r.description ? ` — ${r.description}` : ''}`).join('\n');
}

async function wheelOverTree(page: Page, dy: number): Promise<void> {
  const list = page.locator(`${SIDEBAR} .monaco-list`).first();
  const box = await list.boundingBox();
  if (!box) return;
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  await page.mouse.wheel(0, dy);
}

/**
 * Waits until a row matching `spec` is rendered, scrolling the tree down (and back to the top
 * at the end) while it is not: the tree only renders what is visible. Scrolling is not a refresh.
 */
export async function revealRow(page: Page, spec: RowSpec, timeoutMs = 15_000): Promise<Located> {
  let lastMax = -1;
  let rows: Row[] = [];
  try {
    return await waitUntil(
      `tree row ${JSON.stringify(spec)}`,
      async () => {
        rows = await readRows(page);
        const hit = findIn(rows, spec);
        if (hit) return hit;
        const max = rows.at(-1)?.index ?? -1;
        await wheelOverTree(page, max === lastMax ? -100_000 : 300);
        lastMax = max === lastMax ? -1 : max;
        await sleep(50);
        return undefined;
      },
      timeoutMs,
      50,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\nrendered rows:\n${describeRows(rows)}`);
  }
}

/** The side bar tree's focused row (a right-click focuses the row it opens the menu for). */
export async function focusedRow(page: Page): Promise<Row | undefined> {
  return (await readRows(page)).find((r) => r.focused);
}

/** The row element with that data-index in the side bar. */
export function rowAt(page: Page, index: number): Locator {
  return page.locator(`${SIDEBAR} .monaco-list-row[data-index="${index}"]`);
}

/** Right-clicks the row matching `spec` and clicks `item` in its context menu. */
export async function contextMenu(page: Page, spec: RowSpec, item: string, beforeClick?: () => Promise<unknown>): Promise<Located> {
  for (let attempt = 1; ; attempt++) {
    const row = await revealRow(page, spec);
    await rowAt(page, row.index).click({ button: 'right' });
    // In the web workbench the menu lives in a shadow root; playwright's CSS pierces open ones.
    const entry = page.locator('.monaco-menu .action-item:not(.disabled) .action-label', { hasText: item }).first();
    try {
      await entry.waitFor({ state: 'visible', timeout: 5000 });
      // Other rows may have come or gone between reading and clicking (the engine is shared): the
      // menu is for the focused element, so check that one.
      const focused = await focusedRow(page);
      if (
        !focused ||
        focused.label !== spec.label ||
        (spec.description !== undefined && !matches({ label: spec.label, description: spec.description }, focused, []))
      ) {
        throw new Error(`the menu is for "${focused?.ariaLabel ?? 'nothing'}"`);
      }
      // A menu item listens for mouseup only 100 ms after it was rendered (VS Code's
      // BaseMenuActionViewItem schedules that, so the right-click's own mouseup runs nothing).
      // There is no DOM sign of it: hover the item like a person and give it that time.
      await entry.hover();
      await page
        .locator('.monaco-menu .action-item.focused .action-label', { hasText: item })
        .first()
        .waitFor({ state: 'visible', timeout: 3000 });
      await sleep(MENU_ARM_MS);
      if (beforeClick) await beforeClick();
      await entry.click();
      await entry.waitFor({ state: 'hidden', timeout: 3000 });
      return row;
    } catch (err) {
      const shown = await page.locator('.monaco-menu .action-label').allTextContents();
      await page.keyboard.press('Escape');
      if (attempt >= 3)
        throw new Error(
          `context menu of ${spec.label}: no "${item}" (menu showed: ${shown.filter(Boolean).join(' | ') || 'nothing'}): ${(err as Error).message}`,
        );
    }
  }
}

/** Drags the side bar's sash so the tree's descriptions are readable in screenshots. */
export async function widenSidebar(page: Page, width: number): Promise<void> {
  const bar = await page.locator(SIDEBAR).boundingBox();
  if (!bar || bar.width >= width) return;
  const edge = bar.x + bar.width;
  const sashes = page.locator('.monaco-sash.vertical');
  for (let i = 0; i < (await sashes.count()); i++) {
    const b = await sashes.nth(i).boundingBox();
    if (!b || Math.abs(b.x + b.width / 2 - edge) > 4 || b.height < bar.height / 2) continue;
    const y = b.y + b.height / 2;
    await page.mouse.move(b.x + b.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(bar.x + width, y, { steps: 8 });
    await page.mouse.up();
    // Off the sash, or it stays highlighted in the screenshots.
    await page.mouse.move(bar.x + width + 300, y);
    return;
  }
}

// --- quick input -----------------------------------------------------------------------------

const QI = '.quick-input-widget';

export function quickInput(page: Page): { title: Locator; input: Locator; message: Locator; activeRow: Locator } {
  return {
    title: page.locator(`${QI} .quick-input-title`),
    input: page.locator(`${QI} .quick-input-box input`),
    message: page.locator(`${QI} .quick-input-message`),
    activeRow: page.locator(`${QI} .quick-input-list .monaco-list-row.focused`),
  };
}

/** Waits for the quick input whose title contains `title`, e.g. "Create Docker Network (4/6)". */
export async function waitQuickInput(page: Page, title: string, timeoutMs = 15_000): Promise<void> {
  await page.locator(`${QI}:visible .quick-input-title`, { hasText: title }).waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Replaces the quick input's text by typing it, key by key, as a user would. */
export async function typeInQuickInput(page: Page, text: string): Promise<void> {
  const { input } = quickInput(page);
  await input.focus();
  await input.press('ControlOrMeta+a');
  if (text === '') await input.press('Backspace');
  else await input.pressSequentially(text, { delay: 5 });
  const value = await input.inputValue();
  if (value !== text) throw new Error(`quick input holds "${value}" after typing "${text}"`);
}

/** Waits until the quick input's message (validation message or prompt) satisfies `ok`. */
export async function waitMessage(page: Page, what: string, ok: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const { message } = quickInput(page);
  return waitUntil(
    `quick input message ${what}`,
    async () => {
      const text = (await message.textContent()) ?? '';
      return ok(text) ? text : undefined;
    },
    timeoutMs,
    50,
  );
}

/** Types a filter into a quick pick and waits until the active item's aria-label contains `label`. */
export async function pickItem(page: Page, filter: string, label: string): Promise<void> {
  await typeInQuickInput(page, filter);
  const { activeRow } = quickInput(page);
  await waitUntil(`quick pick item "${label}" active`, async () => {
    const a = await activeRow
      .first()
      .getAttribute('aria-label', { timeout: 1000 })
      .catch(() => null);
    return a?.includes(label) ? true : undefined;
  });
  await page.keyboard.press('Enter');
}

// --- dialogs ---------------------------------------------------------------------------------

/** The modal dialog: waits for it and returns its message and detail. */
export async function waitDialog(page: Page): Promise<string> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible' });
  const parts = await box.locator('.dialog-message-text, .dialog-message-detail').allInnerTexts();
  return parts.join(' / ').replace(/\s+/g, ' ').trim();
}

export async function clickDialogButton(page: Page, label: string): Promise<void> {
  await page
    .locator('.monaco-dialog-box .monaco-button', { hasText: new RegExp(`^${label}$`) })
    .first()
    .click();
  await page.locator('.monaco-dialog-box').waitFor({ state: 'hidden' });
}
