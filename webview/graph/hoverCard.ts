// The hover card: a DOM tooltip next to the pointer (or the focused node), clamped inside the
// window so it is never clipped. It stays while the pointer is on it, so its text can be selected.
import type { Card } from './cardContent';

export class HoverCard {
  private hideTimer = 0;
  private showTimer = 0;
  private hovered = false;
  /** Key of what the card shows, so hovering the same thing does not rebuild it. */
  key: string | null = null;

  constructor(private readonly el: HTMLElement) {
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
    if (card.diagram) {
      const pre = document.createElement('pre');
      pre.className = 'card-diagram';
      pre.textContent = card.diagram;
      el.append(pre);
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
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    el.style.left = '0px';
    el.style.top = '0px';
    const { width, height } = el.getBoundingClientRect();
    let left: number;
    let top: number;
    if (x + gap + width <= vw - 8) {
      left = x + gap;
      top = y - 24;
    } else if (x - gap - width >= 8) {
      left = x - gap - width;
      top = y - 24;
    } else {
      left = x - width / 2;
      top = y + gap + height <= vh - 8 ? y + gap : y - gap - height;
    }
    el.style.left = `${Math.max(8, Math.min(left, vw - width - 8))}px`;
    el.style.top = `${Math.max(8, Math.min(top, vh - height - 8))}px`;
  }
}
