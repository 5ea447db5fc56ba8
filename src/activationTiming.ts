// Activation timing, written once to the log as
//   activation: bundle load 20 ms, activate 12 ms, first tree rows 85 ms (Production mode)
// "bundle load": this module is the first one extension.ts imports, so its clock starts as the
// bundle begins evaluating; it stops when activate() starts. "activate": the synchronous part of
// activate(). "first tree rows": from the start of activate() until the tree first hands VS Code
// a non-empty root (the engine read, the host read and the view's request included).
// bench/activation.ts reads that line from installed extensions; keep its shape.

const bundleStart = performance.now();

export class ActivationTimer {
  private readonly start = performance.now();
  private activateMs: number | undefined;

  /** Call first thing in activate(); `mode` is the ExtensionMode's name (Production, Development, Test). */
  constructor(private readonly mode: string) {}

  /** activate() is about to return. */
  activated(): void {
    this.activateMs = performance.now() - this.start;
  }

  /** The line to log when the tree first returns a non-empty root. */
  firstRowsLine(): string {
    const rows = performance.now() - this.start;
    const activate = this.activateMs === undefined ? 'n/a' : `${Math.round(this.activateMs)} ms`;
    return `activation: bundle load ${Math.round(this.start - bundleStart)} ms, activate ${activate}, first tree rows ${Math.round(rows)} ms (${this.mode} mode)`;
  }
}
