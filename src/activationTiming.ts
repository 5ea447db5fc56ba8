// Activation timing, written once to the log as
//   activation: bundle eval 40 ms, activate 12 ms, first snapshot 70 ms, first tree rows 85 ms (first engine read 60 ms; Production mode)
// - bundle eval: this module is the first one extension.ts imports, so the clock starts as the
//   bundle starts evaluating; it stops when extension.ts's own top level runs (bundleEvaluated()).
// - activate: the synchronous part of activate().
// - first snapshot: from the start of activate() until the first snapshot is handed to the tree
//   (the event stream opened, then the first full read): the extension's own time.
// - first tree rows: from the start of activate() until the tree first hands VS Code a non-empty
//   root: the engine read, the host read and the view's own request included.
// - first engine read: the controller's first full read (API calls and host facts) inside that.
// bench/activation.ts and test/package read this line from installed extensions; keep its shape.

const bundleStart = performance.now();
let bundleEvalMs: number | undefined;

/** Call from extension.ts's top level, after its imports. */
export function bundleEvaluated(): void {
  bundleEvalMs ??= performance.now() - bundleStart;
}

const ms = (v: number | undefined): string => (v === undefined ? 'n/a' : `${Math.round(v)} ms`);

export class ActivationTimer {
  private readonly start = performance.now();
  private activateMs: number | undefined;
  private engineReadMs: number | undefined;
  private snapshotMs: number | undefined;

  /** Call first thing in activate(); `mode` is the ExtensionMode's name (Production, Development, Test). */
  constructor(private readonly mode: string) {}

  /** activate() is about to return. */
  activated(): void {
    this.activateMs = performance.now() - this.start;
  }

  /** A full read of the engine finished in `took` ms and its snapshot goes to the tree; the first one counts. */
  engineRead(took: number): void {
    this.engineReadMs ??= took;
    this.snapshotMs ??= performance.now() - this.start;
  }

  /** The line to log when the tree first returns a non-empty root. */
  firstRowsLine(): string {
    const rows = performance.now() - this.start;
    return (
      `activation: bundle eval ${ms(bundleEvalMs)}, activate ${ms(this.activateMs)}, first snapshot ${ms(this.snapshotMs)}, first tree rows ${ms(rows)} ` +
      `(first engine read ${ms(this.engineReadMs)}; ${this.mode} mode)`
    );
  }
}
