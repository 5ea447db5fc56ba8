// Composition root: builds the controller, live updates, the tree and the commands, and owns
// every disposable. Rebuilds the engine side when the endpoint setting changes.
import * as vscode from 'vscode';
import type { ActivationTimer } from './activationTiming';
import { createApi, type ExplorerApi } from './api';
import { registerCommands } from './commands';
import type { CommandContext } from './commands/context';
import { graphActionHandlers } from './commands/graphActions';
import { onSettingsChanged, readSettings } from './config';
import { AnalysisDocuments } from './commands/analysisDocuments';
import { ANALYSIS_SCHEME, ContextKeys, INSPECT_SCHEME, LOG_NAME, TOPOLOGY_VIEW_ID } from './constants';
import { createController } from './core/createController';
import type { Controller } from './core/controller';
import { LiveUpdates, type ConnectionStatus } from './core/liveUpdates';
import { Mutations } from './core/mutations';
import { EngineError } from './docker/errors';
import { InspectDocuments } from './inspect/inspectDocuments';
import type { Snapshot } from './shared/model';
import { TopologyTreeProvider } from './tree/provider';
import { registerGraph } from './webviewHost';
import type { TreeNode } from './tree/treeModel';

interface Engine {
  controller: Controller;
  live: LiveUpdates;
  subs: { dispose(): void }[];
}

export class Services implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly log = vscode.window.createOutputChannel(LOG_NAME, { log: true });
  private readonly tree = new TopologyTreeProvider({ showBuiltinNetworks: readSettings().showBuiltinNetworks });
  private readonly view: vscode.TreeView<TreeNode>;
  private readonly snapshotEmitter = new vscode.EventEmitter<Snapshot>();
  private engine: Engine | undefined;
  /** Host facts that could not be read are told once per session, not on every refresh. */
  private toldUnavailable = false;
  private readonly timer: ActivationTimer | undefined;

  /** With a timer, the activation line is logged when the tree first returns rows. */
  /** The analysis reports; live ones (explain) follow every snapshot. */
  private readonly documents = new AnalysisDocuments();

  constructor(context: vscode.ExtensionContext, timer?: ActivationTimer) {
    this.view = vscode.window.createTreeView(TOPOLOGY_VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true });
    const ctx: CommandContext = {
      controller: () => this.requireEngine().controller,
      live: () => this.requireEngine().live,
      mutations: () => new Mutations(this.requireEngine().controller),
      tree: this.tree,
      documents: this.documents,
      log: this.log,
    };
    this.disposables.push(
      this.log,
      this.tree,
      this.view,
      this.snapshotEmitter,
      vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, new InspectDocuments(() => ctx.controller().gateway)),
      ctx.documents,
      vscode.workspace.registerTextDocumentContentProvider(ANALYSIS_SCHEME, ctx.documents),
      ...registerCommands(ctx),
      ...registerGraph({
        extensionUri: context.extensionUri,
        snapshot: () => this.engine?.controller.snapshot,
        onDidChangeSnapshot: this.snapshotEmitter.event,
        actions: graphActionHandlers(ctx),
        isTreeNode: (arg): arg is TreeNode => this.tree.owns(arg),
        revealInTree: (id) => this.revealInTree(id),
        log: this.log,
      }),
      onSettingsChanged((keys) => {
        if (keys.includes('showBuiltinNetworks')) this.tree.setOptions({ showBuiltinNetworks: readSettings().showBuiltinNetworks });
        if (keys.includes('host')) this.connect();
      }),
    );
    context.subscriptions.push(this);
    this.timer = timer;
    if (timer) this.tree.onFirstRows(() => this.log.info(timer.firstRowsLine()));
    this.connect();
  }

  private requireEngine(): Engine {
    if (!this.engine) throw new Error('Docker engine is not configured: check the dockerNetworks.host setting.');
    return this.engine;
  }

  /** (Re)connects to the engine named by the settings. */
  private connect(): void {
    this.disposeEngine();
    let controller: Controller;
    try {
      controller = createController({
        hostSetting: readSettings().host,
        hostHelper: () => readSettings().hostHelper,
        hostHelperImage: () => readSettings().hostHelperImage,
        autoFirewall: true,
      });
    } catch (err) {
      this.showStatus({
        state: 'disconnected',
        error: err instanceof EngineError ? err : new EngineError('BAD_ENDPOINT', String(err), ''),
        retryInMs: 0,
      });
      return;
    }
    const live = new LiveUpdates(controller, { onError: (err) => this.log.error(`refresh failed: ${String(err)}`) });
    const subs = [
      controller.onDidChange(({ snapshot, stats }) => {
        if (stats.kind === 'full') this.timer?.engineRead(stats.ms);
        this.log.debug(
          `${stats.kind} refresh: ${stats.containersInspected} container(s), ${stats.networksInspected} network(s) inspected in ${stats.ms.toFixed(1)} ms`,
        );
        this.tree.update(snapshot);
        this.documents.snapshotChanged(snapshot);
        this.snapshotEmitter.fire(snapshot);
        if (stats.kind === 'firewall') this.tellUnavailableOnce(snapshot);
      }),
      live.onDidChangeStatus((s) => this.showStatus(s)),
    ];
    this.engine = { controller, live, subs };
    this.log.info(`connecting to ${controller.gateway.endpointUrl}`);
    void live.start();
  }

  private tellUnavailableOnce(snapshot: Snapshot): void {
    if (this.toldUnavailable || snapshot.host.unavailable.length === 0) return;
    this.toldUnavailable = true;
    for (const u of snapshot.host.unavailable) this.log.warn(u);
    const first = snapshot.host.unavailable[0] ?? '';
    const more = snapshot.host.unavailable.length > 1 ? ` (+${snapshot.host.unavailable.length - 1} more in the log)` : '';
    void vscode.window
      .showInformationMessage(
        `Docker Networks works from the Engine API; some host facts are missing. ${first}${more}`,
        'Open Settings',
        'Show Log',
      )
      .then((a) => {
        if (a === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'dockerNetworks.hostHelper');
        if (a === 'Show Log') this.log.show();
      });
  }

  /** The graph's "select" shows the same object in the tree. */
  private revealInTree(id: string): void {
    const node = this.tree.findNode(id);
    if (node) void this.view.reveal(node, { select: true, focus: false, expand: true });
  }

  private showStatus(s: ConnectionStatus): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.connection, s.state);
    if (s.state === 'disconnected') {
      this.log.warn(`${s.error.oneLine}${s.retryInMs ? ` Retrying in ${Math.round(s.retryInMs / 1000)} s.` : ''}`);
      this.view.message = `${s.error.message} ${s.error.hint}`.trim();
      this.tree.update(undefined);
    } else if (s.state === 'connected') {
      this.view.message = undefined;
    }
  }

  api(): ExplorerApi {
    return createApi({
      snapshot: () => this.engine?.controller.snapshot,
      status: () => this.engine?.live.status ?? { state: 'connecting' },
      onDidChangeSnapshot: this.snapshotEmitter.event,
      tree: this.tree,
    });
  }

  private disposeEngine(): void {
    if (!this.engine) return;
    for (const s of this.engine.subs) s.dispose();
    this.engine.live.dispose();
    this.engine.controller.gateway.dispose();
    this.engine.controller.dispose();
    this.engine = undefined;
  }

  dispose(): void {
    this.disposeEngine();
    for (const d of this.disposables.reverse()) d.dispose();
  }
}
