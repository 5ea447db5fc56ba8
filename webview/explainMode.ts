// Explain on the graph. "Explain from here" waits, with a banner, for a click on the container
// to reach; the host's Explanation is then drawn as path marks beside the verdict panel, and
// stays (re-marked on each snapshot) until × or Escape clears it.
import type { Explanation } from '../src/analysis/reachability';
import type { ContainerNode, GraphModel, GraphNode } from '../src/shared/graph';
import type { GraphAction } from '../src/shared/protocol';
import { byId } from './dom';
import { explainMarks, showVerdict, verdictText } from './graph/explainView';
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

  /** The same explanation on a new model: its nodes and links may have changed. */
  remark(model: GraphModel): void {
    if (this.explanation) this.view.marks.path = explainMarks(this.explanation, model);
  }

  show(x: Explanation, model: GraphModel): void {
    this.explanation = x;
    const marks = explainMarks(x, model);
    this.view.marks.path = marks;
    showVerdict(this.verdict, x, () => this.clear());
    this.notices.announce(`${x.from} to ${x.to}: ${verdictText(x)}`);
    const shown = [...marks.keys()].map((id) => this.view.node(id)).filter((s): s is SimNode => !!s);
    // Fits below the verdict panel, which covers the top of the canvas.
    if (shown.length) this.view.fit(shown, 400, 1.2, this.verdict.offsetHeight + 16);
    this.view.invalidate();
  }

  clear(): void {
    this.explanation = null;
    this.view.marks.path = new Map();
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
