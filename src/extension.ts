// Entry point: build the services and hand back the API (src/api.ts). Nothing else lives here.
// activationTiming comes first so that its clock starts as the bundle starts evaluating.
import { ActivationTimer, bundleEvaluated } from './activationTiming';
import * as vscode from 'vscode';
import type { ExplorerApi } from './api';
import { Services } from './services';

bundleEvaluated();

export function activate(context: vscode.ExtensionContext): ExplorerApi {
  const timer = new ActivationTimer(vscode.ExtensionMode[context.extensionMode]);
  const api = new Services(context, timer).api();
  timer.activated();
  return api;
}

export function deactivate(): void {
  // Services is disposed through context.subscriptions.
}
