// The selected nodes and links, mirrored into the view's marks. A click selects one; an additive
// click (Ctrl, Space) toggles one and keeps at most two, because two containers are what Explain
// compares.
import type { ContainerNode, GraphNode } from '../src/shared/graph';
import type { Marks } from './graph/view';

export class Selection {
  private current: string[] = [];

  constructor(private readonly marks: Pick<Marks, 'selected'>) {}

  private set(ids: string[]): void {
    this.current = ids;
    this.marks.selected = new Set(ids);
  }

  get ids(): readonly string[] {
    return this.current;
  }

  /** A plain click: this one only, or nothing (null). */
  only(id: string | null): void {
    this.set(id === null ? [] : [id]);
  }

  toggle(id: string): void {
    this.set(this.current.includes(id) ? this.current.filter((x) => x !== id) : [...this.current, id].slice(-2));
  }

  /** Drops what a new snapshot no longer has. */
  keep(exists: (id: string) => boolean): void {
    this.set(this.current.filter(exists));
  }

  /** The two selected containers, first → second, when exactly two containers are selected. */
  explainPair(byId: ReadonlyMap<string, GraphNode>): { from: string; to: string } | null {
    const sel = this.current.map((id) => byId.get(id)).filter((n): n is ContainerNode => n?.kind === 'container');
    return sel.length === 2 && sel[0] && sel[1] ? { from: sel[0].name, to: sel[1].name } : null;
  }

  /** The toolbar's Explain button: "Explain a → b", or null (disabled). */
  explainLabel(byId: ReadonlyMap<string, GraphNode>): string | null {
    const pair = this.explainPair(byId);
    return pair ? `Explain ${pair.from} → ${pair.to}` : null;
  }
}
