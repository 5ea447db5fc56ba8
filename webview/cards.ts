// What the user points at, with the mouse (hover) or the keyboard (focus), and the card that
// describes it. Focus also keeps its node on screen and is announced for screen readers.
import { linkCard, nodeCard } from './graph/cardContent';
import type { ContextMenu } from './graph/contextMenu';
import type { SimNode } from './graph/geometry';
import type { HoverCard } from './graph/hoverCard';
import type { GraphView, Target } from './graph/view';
import type { SavedState } from './graph/viewState';
import type { GraphData } from './graphData';
import type { Notices } from './notices';

export class Cards {
  constructor(
    private readonly view: GraphView,
    private readonly canvas: HTMLCanvasElement,
    private readonly card: HoverCard,
    private readonly menu: ContextMenu,
    private readonly data: GraphData,
    private readonly state: SavedState,
    private readonly notices: Notices,
  ) {}

  private cardFor(t: Target): { key: string; card: ReturnType<typeof nodeCard> } {
    const snapshot = this.data.snapshot;
    if (!snapshot) return { key: '', card: null };
    if (t.kind === 'node') return { key: t.s.id, card: nodeCard(t.s.node, snapshot) };
    return { key: t.l.id, card: linkCard(t.l.link, snapshot, this.data.byId) };
  }

  hover(t: Target | null, x: number, y: number): void {
    const id = t ? (t.kind === 'node' ? t.s.id : t.l.id) : null;
    if (id !== this.view.marks.hover) {
      this.view.marks.hover = id;
      this.canvas.style.cursor = t ? 'pointer' : '';
      this.view.invalidate();
    }
    // An open menu is about what was clicked; a card over it would hide it.
    if (!t || this.menu.open) {
      this.card.hide(180);
      return;
    }
    const { key, card } = this.cardFor(t);
    if (card) this.card.show(key, card, x, y, this.card.visible ? 0 : 220);
  }

  focus(s: SimNode | null): void {
    this.state.focus = s?.id;
    this.view.marks.focus = s?.id ?? null;
    this.view.invalidate();
    if (!s) return;
    const [x, y] = this.view.screenOf(s);
    const { width, height } = this.view.size;
    if (x < 40 || y < 40 || x > width - 40 || y > height - 40) this.view.centerOn(s, 0);
    const [cx, cy] = this.view.screenOf(s);
    const box = this.canvas.getBoundingClientRect();
    const { key, card } = this.cardFor({ kind: 'node', s });
    if (card) this.card.show(key, card, box.left + cx, box.top + cy);
    this.notices.announce(card ? `${s.node.kind} ${card.title}: ${card.subtitle}` : s.id);
  }
}
