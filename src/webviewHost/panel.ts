// The graph panel: one webview panel in the editor area. It serves the page, waits for the
// webview's "ready", then sends the snapshot and every later one (coalesced: the newest wins while
// a post is in flight). Every message from the webview goes through the protocol guard before it
// is acted on.
import * as vscode from 'vscode';
import type { Explanation } from '../analysis/reachability';
import type { Snapshot } from '../shared/model';
import {
  GRAPH_VIEW_TYPE,
  PROTOCOL_VERSION,
  parseWebviewToHost,
  type HostToWebview,
  type RenderedMessage,
  type WebviewToHost,
} from '../shared/protocol';
import { onSettingsChanged } from '../config';
import { runAction, type GraphActionHandlers } from './actions';
import { saveExport } from './exporter';
import { graphHtml, makeNonce } from './html';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  snapshot(): Snapshot | undefined;
  onDidChangeSnapshot: vscode.Event<Snapshot>;
  revealInTree(nodeId: string): void;
  actions: GraphActionHandlers;
  /** Changes allowed (the commands' guard): the webview hides its change menus otherwise. */
  mutable(): boolean;
  log: vscode.LogOutputChannel;
}

type Body<T> = T extends unknown ? Omit<T, 'v'> : never;

/** Resolves when an editor tab opens, or after timeoutMs. */
function tabOpened(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const sub = vscode.window.tabGroups.onDidChangeTabs((e) => e.opened.length > 0 && done());
  });
}

export class GraphPanel implements vscode.Disposable {
  static current: GraphPanel | undefined;

  private readonly subs: vscode.Disposable[] = [];
  private ready = false;
  private revision = 0;
  private posting = false;
  private dirty = false;
  private pendingFocus: string | undefined;
  private explanation: Explanation | undefined;
  private ignored = 0;
  /** What the webview last reported drawing. */
  lastRendered: RenderedMessage | undefined;

  static show(deps: PanelDeps, focus?: string): GraphPanel {
    const existing = GraphPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (focus) existing.focus(focus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      GRAPH_VIEW_TYPE,
      'Docker Network Graph',
      vscode.ViewColumn.Active,
      GraphPanel.options(deps.extensionUri),
    );
    const p = new GraphPanel(panel, deps);
    if (focus) p.focus(focus);
    return p;
  }

  /** Restores a panel VS Code kept across a reload (WebviewPanelSerializer). */
  static revive(panel: vscode.WebviewPanel, deps: PanelDeps): GraphPanel {
    GraphPanel.current?.dispose();
    panel.webview.options = GraphPanel.options(deps.extensionUri);
    return new GraphPanel(panel, deps);
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
  ) {
    GraphPanel.current = this;
    const w = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'network.svg');
    w.html = graphHtml({
      cspSource: w.cspSource,
      nonce: makeNonce(),
      scriptUri: w.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'media', 'graph.css')).toString(),
    });
    this.subs.push(
      w.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      deps.onDidChangeSnapshot(() => this.sendSnapshot()),
      // A hidden webview is torn down (no retainContextWhenHidden); it says "ready" again when shown.
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.ready = false;
      }),
      onSettingsChanged((keys) => keys.includes('readOnly') && this.sendSnapshot()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.sendSnapshot()),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  focus(nodeId: string): void {
    if (this.ready) this.post({ type: 'focus', nodeId });
    else this.pendingFocus = nodeId;
  }

  private post(body: Body<HostToWebview>): Thenable<boolean> {
    return this.panel.webview.postMessage({ v: PROTOCOL_VERSION, ...body });
  }

  private sendSnapshot(): void {
    if (!this.ready) return;
    const snapshot = this.deps.snapshot();
    if (!snapshot) {
      void this.post({
        type: 'status',
        state: 'connecting',
        message: 'Waiting for the Docker engine… The Docker Networks view says why if it is not reachable.',
      });
      return;
    }
    if (this.posting) {
      this.dirty = true;
      return;
    }
    this.posting = true;
    this.dirty = false;
    this.revision++;
    const done = (): void => {
      this.posting = false;
      if (this.dirty) this.sendSnapshot();
    };
    this.post({ type: 'snapshot', revision: this.revision, snapshot, options: { mutable: this.deps.mutable() } }).then(
      done,
      (err: unknown) => {
        this.deps.log.warn(`graph: posting the snapshot failed: ${String(err)}`);
        done();
      },
    );
  }

  /** Every message from the webview: parsed by the protocol schema, then dispatched. Public for the test command. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewToHost(raw);
    if (!parsed.ok) {
      this.ignored++;
      if (this.ignored <= 10)
        this.deps.log.warn(
          `graph: ignored a malformed message from the webview (${parsed.reason.slice(0, 300)}): ${JSON.stringify(raw)?.slice(0, 200) ?? String(raw)}`,
        );
      return;
    }
    await this.dispatch(parsed.value);
  }

  private async dispatch(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.posting = false;
        this.sendSnapshot();
        if (this.pendingFocus) void this.post({ type: 'focus', nodeId: this.pendingFocus });
        this.pendingFocus = undefined;
        if (this.explanation) void this.post({ type: 'explanation', explanation: this.explanation });
        return;
      case 'select':
        this.deps.revealInTree(m.nodeId);
        return;
      case 'rendered':
        this.lastRendered = m;
        this.deps.log.trace(`graph: revision ${m.revision} drawn, ${m.nodes} nodes, ${m.links} links, ${m.ms} ms`);
        return;
      case 'log':
        this.deps.log[m.level === 'info' ? 'info' : m.level === 'warn' ? 'warn' : 'error'](`graph webview: ${m.message.slice(0, 2000)}`);
        return;
      case 'export':
        await this.export(m);
        return;
      case 'action':
        await this.act(m.action);
        return;
    }
  }

  private async export(m: Extract<WebviewToHost, { type: 'export' }>): Promise<void> {
    try {
      const path = await saveExport(m, this.deps.snapshot());
      if (path) {
        this.deps.log.info(`graph: exported ${m.format.toUpperCase()} to ${path}`);
        void this.post({ type: 'result', ok: true, message: `Saved ${path}` });
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.deps.log.error(`graph: export failed: ${message}`);
      void vscode.window.showErrorMessage(`Export failed: ${message}`);
      void this.post({ type: 'result', ok: false, message: `Export failed: ${message}` });
    }
  }

  private async act(a: Extract<WebviewToHost, { type: 'action' }>['action']): Promise<void> {
    try {
      const out = await runAction(a, this.deps.actions, this.deps.snapshot());
      if (out.explanation) {
        this.explanation = out.explanation;
        // The command opens its report in the active group, a moment after it returns; then bring
        // the graph back in front (it gets the explanation again when it says "ready").
        await tabOpened(1500);
        this.panel.reveal(this.panel.viewColumn, true);
        void this.post({ type: 'explanation', explanation: out.explanation });
      }
      if (out.message) void this.post({ type: 'result', ok: out.ok, message: out.message });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.deps.log.error(`graph: ${a.kind} failed: ${message}`);
      void vscode.window.showErrorMessage(message, 'Show Log').then((pick) => pick && this.deps.log.show());
      void this.post({ type: 'result', ok: false, message });
    }
  }

  /** For tests and scripts: what the webview has drawn. */
  state(): { ready: boolean; revision: number; rendered: RenderedMessage | undefined; ignored: number } {
    return { ready: this.ready, revision: this.revision, rendered: this.lastRendered, ignored: this.ignored };
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    for (const s of this.subs.splice(0)) s.dispose();
    this.panel.dispose();
  }
}
