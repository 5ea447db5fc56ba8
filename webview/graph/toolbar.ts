// The toolbar above the graph: filter box, toggles, fit, explain, export and the legend switch.
// Plain buttons and an input, so Tab reaches each of them.
import { byId } from '../dom';

export interface ToolbarHandlers {
  query(q: string): void;
  hideStopped(on: boolean): void;
  collapseAll(collapse: boolean): void;
  fit(): void;
  explain(): void;
  exportAs(format: 'svg' | 'png' | 'json'): void;
  legend(on: boolean): void;
}

export interface ToolbarState {
  query: string;
  hideStopped: boolean;
  allCollapsed: boolean;
  /** "Explain a → b" when two containers are selected, else null (disabled). */
  explain: string | null;
  legend: boolean;
  counts: string;
}

export class Toolbar {
  private readonly search = byId<HTMLInputElement>('search');
  private readonly hide = byId<HTMLButtonElement>('hide-stopped');
  private readonly collapse = byId<HTMLButtonElement>('collapse-all');
  private readonly explainBtn = byId<HTMLButtonElement>('explain');
  private readonly legendBtn = byId<HTMLButtonElement>('legend-toggle');
  private readonly counts = byId<HTMLElement>('counts');
  private timer = 0;

  constructor(h: ToolbarHandlers) {
    this.search.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => h.query(this.search.value), 120);
    });
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.search.value) {
        this.search.value = '';
        h.query('');
        e.stopPropagation();
      } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
        byId<HTMLCanvasElement>('graph').focus();
        e.preventDefault();
      }
    });
    this.hide.addEventListener('click', () => h.hideStopped(this.hide.getAttribute('aria-pressed') !== 'true'));
    this.collapse.addEventListener('click', () => h.collapseAll(this.collapse.getAttribute('aria-pressed') !== 'true'));
    byId('fit').addEventListener('click', () => h.fit());
    this.explainBtn.addEventListener('click', () => h.explain());
    byId('export-svg').addEventListener('click', () => h.exportAs('svg'));
    byId('export-png').addEventListener('click', () => h.exportAs('png'));
    byId('export-json').addEventListener('click', () => h.exportAs('json'));
    this.legendBtn.addEventListener('click', () => h.legend(this.legendBtn.getAttribute('aria-pressed') !== 'true'));
  }

  set(s: ToolbarState): void {
    if (document.activeElement !== this.search && this.search.value !== s.query) this.search.value = s.query;
    this.hide.setAttribute('aria-pressed', String(s.hideStopped));
    this.collapse.setAttribute('aria-pressed', String(s.allCollapsed));
    this.collapse.textContent = s.allCollapsed ? 'Expand networks' : 'Collapse networks';
    this.explainBtn.disabled = s.explain === null;
    this.explainBtn.textContent = s.explain ?? 'Explain';
    this.legendBtn.setAttribute('aria-pressed', String(s.legend));
    this.counts.textContent = s.counts;
  }

  focusSearch(): void {
    this.search.focus();
    this.search.select();
  }
}
