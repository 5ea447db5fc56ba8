// What the webview tells the user beside the graph: the message on an empty page (no snapshot
// yet), short toasts (errors stay longer), the banner of a pending explain pick, and the line a
// screen reader announces.
import { byId } from './dom';

export class Notices {
  private readonly empty = byId('empty');
  private readonly toastEl = byId('toast');
  private readonly bannerEl = byId('banner');
  private readonly live = byId('live');
  private toastTimer = 0;

  showEmpty(message: string): void {
    this.empty.textContent = message;
    this.empty.hidden = false;
  }

  hideEmpty(): void {
    this.empty.hidden = true;
  }

  toast(message: string, error = false): void {
    const el = this.toastEl;
    el.textContent = message;
    el.classList.toggle('toast-error', error);
    el.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => (el.hidden = true), error ? 8000 : 4000);
  }

  /** Shows the banner with this text, or hides it (null). */
  banner(text: string | null): void {
    if (text !== null) this.bannerEl.textContent = text;
    this.bannerEl.hidden = text === null;
  }

  announce(text: string): void {
    this.live.textContent = text;
  }
}
