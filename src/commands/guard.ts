// Changing the engine is refused in an untrusted workspace and under the read-only setting.
import * as vscode from 'vscode';
import { readSettings } from '../config';

export function ensureMutable(action: string): void {
  if (!vscode.workspace.isTrusted) {
    throw new Error(`${action} is disabled in an untrusted workspace: trust the workspace to change the Docker engine.`);
  }
  if (readSettings().readOnly) {
    throw new Error(`${action} is disabled: dockerNetworks.readOnly is on.`);
  }
}

/** Modal confirmation for destructive actions. */
export async function confirm(message: string, detail: string, action: string): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  return answer === action;
}

export function withNotification<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);
}
