// The hover card: a DOM tooltip next to the pointer (or the focused node), kept inside the
// canvas area (never over the toolbar, never off the window; taller cards scroll inside). It
// stays while the pointer is on it, so its text can be selected.
import { chainElement } from '../chainElement';
import type { Card } from './cardContent';

export class HoverCard {
  private hideTimer = 0;
  private showTimer = 0;
  private hovered = false;
  /** Key of what the card shows, so hovering the same thing does not rebuild it. */
  key: string | null = null;

  constructor(
    private readonly el: HTMLElement,
    /** The area the card stays in: the canvas's, below the toolbar. */
    private readonly area: HTMLElement,
  ) {
    el.addEventListener('pointerenter', () => {
      this.hovered = true;
      clearTimeout(this.hideTimer);
    });
    el.addEventListener('pointerleave', () => {
      this.hovered = false;
      this.hide(150);
    });
  }

  get visible(): boolean {
    return !this.el.hidden;
  }

  /** Shows the card after `delay` ms at client point (x, y). */
  show(key: string, card: Card, x: number, y: number, delay = 0): void {
    clearTimeout(this.hideTimer);
    clearTimeout(this.showTimer);
    const run = (): void => {
      if (this.key !== key || this.el.hidden) this.fill(card);
      this.key = key;
      this.el.hidden = false;
      this.place(x, y);
    };
    if (delay > 0 && this.el.hidden) this.showTimer = window.setTimeout(run, delay);
    else run();
  }

  hide(delay = 0): void {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    const run = (): void => {
      if (this.hovered) return;
      this.el.hidden = true;
      this.key = null;
    };
    if (delay > 0) this.hideTimer = window.setTimeout(run, delay);
    else run();
  }

  private fill(card: Card): void {
    const el = this.el;
    el.replaceChildren();
    const h = document.createElement('div');
    h.className = 'card-title';
    h.textContent = card.title;
    const sub = document.createElement('div');
    sub.className = 'card-subtitle';
    sub.textContent = card.subtitle;
    el.append(h, sub);
    // The drawing first, then the facts, then why; the rules wait behind a toggle.
    for (const c of card.chains) {
      const svg = chainElement(c.boxes, { direction: 'row', arrow: c.arrow, maxWidth: 600 }, c.caption);
      if (!svg) continue;
      const fig = document.createElement('figure');
      fig.className = 'card-chain';
      const cap = document.createElement('figcaption');
      cap.textContent = c.caption;
      fig.append(cap, svg);
      el.append(fig);
    }
    if (card.rows.length) {
      const dl = document.createElement('dl');
      for (const [k, v] of card.rows) {
        const dt = document.createElement('dt');
        dt.textContent = k;
        const dd = document.createElement('dd');
        dd.textContent = v;
        dl.append(dt, dd);
      }
      el.append(dl);
    }
    if (card.why.length) {
      const ul = document.createElement('ul');
      ul.className = 'card-why';
      for (const w of card.why) {
        const li = document.createElement('li');
        li.textContent = w;
        ul.append(li);
      }
      el.append(ul);
    }
    if (card.diagram) {
      const details = document.createElement('details');
      details.className = 'card-rules';
      const summary = document.createElement('summary');
      summary.textContent = 'Show rules';
      const pre = document.createElement('pre');
      pre.className = 'card-diagram';
      pre.textContent = card.diagram;
      details.append(summary, pre);
      el.append(details);
    }
    if (card.hint) {
      const hint = document.createElement('div');
      hint.className = 'card-hint';
      hint.textContent = card.hint;
      el.append(hint);
    }
  }

  /** Beside the point (right, else left) so the thing hovered stays visible; below/above when too narrow. */
  private place(x: number, y: number): void {
    const el = this.el;
    const gap = 16;
    const m = 8;
    const a = this.area.getBoundingClientRect();
    const [x0, y0, x1, y1] = [
      Math.max(a.left, 0) + m,
      Math.max(a.top, 0) + m,
      Math.min(a.right, window.innerWidth) - m,
      Math.min(a.bottom, window.innerHeight) - m,
    ];
    el.style.maxHeight = `${Math.max(80, y1 - y0)}px`;
    el.style.maxWidth = `${Math.max(160, Math.min(640, x1 - x0))}px`;
    el.style.left = `${x0}px`;
    el.style.top = `${y0}px`;
    const { width, height } = el.getBoundingClientRect();
    let left: number;
    let top: number;
    if (x + gap + width <= x1) {
      left = x + gap;
      top = y - 24;
    } else if (x - gap - width >= x0) {
      left = x - gap - width;
      top = y - 24;
    } else {
      left = x - width / 2;
      top = y + gap + height <= y1 ? y + gap : y - gap - height;
    }
    el.style.left = `${Math.max(x0, Math.min(left, x1 - width))}px`;
    el.style.top = `${Math.max(y0, Math.min(top, y1 - height))}px`;
  }
}
