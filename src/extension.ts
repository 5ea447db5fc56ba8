// Entry point: build the services and hand back the API. Nothing else lives here.
import type * as vscode from 'vscode';
import { Services, type ExplorerApi } from './services';

export function activate(context: vscode.ExtensionContext): ExplorerApi {
  return new Services(context).api();
}

export function deactivate(): void {
  // Services is disposed through context.subscriptions.
}
