// The read-only markdown reports the analysis commands open (explain, audit, firewall diff), served
// by URI. One store, owned by the services (registered and disposed with them); it keeps the
// latest reports only, so a long session does not grow it without end.
import * as vscode from 'vscode';
import { ANALYSIS_SCHEME } from '../constants';

const KEEP = 50;

export class AnalysisDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A report shown again under the same path: its open preview updates in place (one tab). */
  readonly onDidChange = this.changed.event;

  /** Stores the report under `path` and opens it as a markdown preview. */
  async show(path: string, markdown: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: ANALYSIS_SCHEME, path });
    const key = uri.toString();
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

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '# Gone\n\nRun the command again.\n';
  }

  dispose(): void {
    this.docs.clear();
    this.changed.dispose();
  }
}
