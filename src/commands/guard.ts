// The one guard on changing the engine: refused in an untrusted workspace and under the read-only
// setting. The command table applies it to every mutating command, the graph to every mutating
// action, and the graph's menus hide changes when it refuses.
import * as vscode from 'vscode';
import { readSettings } from '../config';

/** Why `action` may not run now, or undefined when it may. */
export function changesRefused(action: string): string | undefined {
  if (!vscode.workspace.isTrusted)
    return `${action} is disabled in an untrusted workspace: trust the workspace to change the Docker engine.`;
  if (readSettings().readOnly) return `${action} is disabled: dockerNetworks.readOnly is on.`;
  return undefined;
}

export function changesAllowed(): boolean {
  return changesRefused('Changing the engine') === undefined;
}

export function ensureMutable(action: string): void {
  const why = changesRefused(action);
  if (why) throw new Error(why);
}

/** Modal confirmation for destructive actions. */
export async function confirm(message: string, detail: string, action: string): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  return answer === action;
}

export function withNotification<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);
}
