// Explain on the graph. "Explain from here" waits, with a banner, for a click on the container
// to reach; the host's Explanation is then drawn as path marks beside the verdict panel, and
// stays (re-marked on each snapshot) until × or Escape clears it.
import type { Explanation } from '../src/analysis/reachability';
import type { ContainerNode, GraphModel, GraphNode } from '../src/shared/graph';
import type { GraphAction } from '../src/shared/protocol';
import { byId } from './dom';
import { explainDrawing } from './graph/explainMarks';
import { showVerdict, verdictText } from './graph/explainView';
import type { SimNode } from './graph/geometry';
import type { GraphView } from './graph/view';
import type { Notices } from './notices';

export class ExplainMode {
  private pickFrom: ContainerNode | null = null;
  private explanation: Explanation | null = null;
  private readonly verdict = byId('verdict');

  constructor(
    private readonly view: GraphView,
    private readonly notices: Notices,
    private readonly act: (a: GraphAction) => void,
  ) {}

  /** Waits for the container that `from` should reach. */
  pickTargetFor(from: ContainerNode): void {
    this.pickFrom = from;
    this.notices.banner(`Explain: click the container ${from.name} should reach (Escape cancels).`);
  }

  /** A click on a node while picking: a container ends the pick (and asks, unless it is the same one). False when the click is not the pick's. */
  takeClick(n: GraphNode): boolean {
    const from = this.pickFrom;
    if (!from || n.kind !== 'container') return false;
    this.pickFrom = null;
    this.notices.banner(null);
    if (n.id !== from.id) this.act({ kind: 'explain', from: from.name, to: n.name });
    return true;
  }

  /** The same explanation on a new model: re-marked, or cleared once both its containers are gone. */
  remark(model: GraphModel): void {
    const x = this.explanation;
    if (!x) return;
    const present = (name: string): boolean => model.nodes.some((n) => n.kind === 'container' && n.name === name);
    if (!present(x.from) && !present(x.to)) return this.clear();
    this.draw(x, model);
  }

  private draw(x: Explanation, model: GraphModel): Map<string, unknown> {
    const d = explainDrawing(x, model);
    this.view.marks.path = d.marks;
    this.view.marks.stop = d.stop;
    return d.marks;
  }

  show(x: Explanation, model: GraphModel): void {
    this.explanation = x;
    const marks = this.draw(x, model);
    showVerdict(this.verdict, x, () => this.clear());
    this.notices.announce(`${x.from} to ${x.to}: ${verdictText(x)}`);
    // The ends are framed too, though a route that stops early does not mark the target.
    const ends = model.nodes.filter((n) => n.kind === 'container' && (n.name === x.from || n.name === x.to)).map((n) => n.id);
    const shown = [...new Set([...marks.keys(), ...ends])].map((id) => this.view.node(id)).filter((s): s is SimNode => !!s);
    // Fits below the verdict panel, which covers the top of the canvas.
    if (shown.length) this.view.fit(shown, 400, 1.2, this.verdict.offsetHeight + 16);
    this.view.invalidate();
  }

  clear(): void {
    this.explanation = null;
    this.view.marks.path = new Map();
    this.view.marks.stop = null;
    this.verdict.hidden = true;
    this.view.invalidate();
  }

  /** Escape cancels a pick, else clears the explanation; false when neither was on. */
  escape(): boolean {
    if (this.pickFrom) {
      this.pickFrom = null;
      this.notices.banner(null);
      return true;
    }
    if (!this.explanation) return false;
    this.clear();
    return true;
  }
}
