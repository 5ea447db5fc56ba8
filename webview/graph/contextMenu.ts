// A small context menu (DOM, role=menu) for graph actions, driven by mouse or keyboard:
// arrows move, Enter runs, Escape or Tab closes and gives focus back to the canvas.

export type MenuEntry = { label: string; run: () => void; disabled?: boolean; title?: string } | { separator: true } | { heading: string };

export class ContextMenu {
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly el: HTMLElement) {
    el.addEventListener('keydown', (e) => this.key(e));
    document.addEventListener('pointerdown', (e) => {
      if (!this.el.hidden && !this.el.contains(e.target as Node)) this.close(false);
    });
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  show(entries: readonly MenuEntry[], x: number, y: number, returnFocus: HTMLElement): void {
    this.returnFocus = returnFocus;
    const el = this.el;
    el.replaceChildren();
    for (const e of entries) {
      if ('separator' in e) {
        const sep = document.createElement('div');
        sep.className = 'menu-separator';
        sep.setAttribute('role', 'separator');
        el.append(sep);
      } else if ('heading' in e) {
        const h = document.createElement('div');
        h.className = 'menu-heading';
        h.textContent = e.heading;
        el.append(h);
      } else {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'menu-item';
        b.setAttribute('role', 'menuitem');
        b.textContent = e.label;
        if (e.title) b.title = e.title;
        b.disabled = !!e.disabled;
        b.addEventListener('click', () => {
          this.close(true);
          e.run();
        });
        el.append(b);
      }
    }
    el.hidden = false;
    el.style.left = '0px';
    el.style.top = '0px';
    const { width, height } = el.getBoundingClientRect();
    el.style.left = `${Math.max(4, Math.min(x, window.innerWidth - width - 4))}px`;
    el.style.top = `${Math.max(4, Math.min(y, window.innerHeight - height - 4))}px`;
    this.items()[0]?.focus();
  }

  private items(): HTMLButtonElement[] {
    return Array.from(this.el.querySelectorAll<HTMLButtonElement>('button.menu-item:not(:disabled)'));
  }

  close(restoreFocus = true): void {
    if (this.el.hidden) return;
    this.el.hidden = true;
    if (restoreFocus) this.returnFocus?.focus();
  }

  private key(e: KeyboardEvent): void {
    const items = this.items();
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else if (e.key === 'Home') items[0]?.focus();
    else if (e.key === 'End') items[items.length - 1]?.focus();
    else if (e.key === 'Escape' || e.key === 'Tab') this.close(true);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }
}
