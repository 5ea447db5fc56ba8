// The read-only markdown reports the analysis commands open (explain, audit, firewall diff), served
// by URI. One store, owned by the services (registered and disposed with them); it keeps the
// latest reports only, so a long session does not grow it without end.
import * as vscode from 'vscode';
import { ANALYSIS_SCHEME } from '../constants';
import type { Snapshot } from '../shared/model';

/** Renders a report again from a newer snapshot (explain follows its containers). */
export type LiveRender = (snap: Snapshot) => string;

const KEEP = 50;

export class AnalysisDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private readonly live = new Map<string, LiveRender>();
  // A report whose document VS Code closed stops following the snapshot: no render per snapshot for it.
  private readonly closing = vscode.workspace.onDidCloseTextDocument((d) => this.live.delete(d.uri.toString()));
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A report shown again under the same path: its open preview updates in place (one tab). */
  readonly onDidChange = this.changed.event;

  /** Stores the report under `path` and opens it as a markdown preview. */
  async show(path: string, markdown: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: ANALYSIS_SCHEME, path });
    const key = uri.toString();
    this.live.delete(key);
    const again = this.docs.has(key);
    this.docs.delete(key);
    this.docs.set(key, markdown);
    if (again) this.changed.fire(uri);
    for (const old of this.docs.keys()) {
      if (this.docs.size <= KEEP) break;
      this.docs.delete(old);
    }
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  }

  /** Shows a report that is rendered again on every new snapshot, in the same tab, without taking focus. */
  async showLive(path: string, snap: Snapshot, render: LiveRender): Promise<void> {
    await this.show(path, render(snap));
    this.live.set(vscode.Uri.from({ scheme: ANALYSIS_SCHEME, path }).toString(), render);
  }

  /** A new snapshot: live reports whose text changes update their open preview. */
  snapshotChanged(snap: Snapshot): void {
    for (const [key, render] of this.live) {
      if (!this.docs.has(key)) {
        this.live.delete(key);
        continue;
      }
      const md = render(snap);
      if (md === this.docs.get(key)) continue;
      this.docs.set(key, md);
      this.changed.fire(vscode.Uri.parse(key));
    }
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '# Gone\n\nRun the command again.\n';
  }

  dispose(): void {
    this.docs.clear();
    this.live.clear();
    this.changed.dispose();
    this.closing.dispose();
  }
}
