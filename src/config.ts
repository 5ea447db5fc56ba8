// One typed accessor for the extension's settings.
import * as vscode from 'vscode';
import { CONFIG_SECTION } from './constants';
import type { HostHelperMode } from './host/privilege';

export interface Settings {
  /** Engine endpoint; empty = DOCKER_HOST, then the Docker context, then the default socket. */
  host: string;
  showBuiltinNetworks: boolean;
  /** Refuse every command that changes the engine. */
  readOnly: boolean;
  /** How root-only host facts (firewall rules) are read. */
  hostHelper: HostHelperMode;
  /** Local image with nsenter for the privileged helper container; empty = none. */
  hostHelperImage: string;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    host: c.get<string>('host', '').trim(),
    showBuiltinNetworks: c.get<boolean>('showBuiltinNetworks', true),
    readOnly: c.get<boolean>('readOnly', false),
    hostHelper: c.get<HostHelperMode>('hostHelper', 'auto'),
    hostHelperImage: c.get<string>('hostHelperImage', '').trim(),
  };
}

/** Flips the tree's built-in networks filter, for the user (global). */
export async function toggleShowBuiltinNetworks(): Promise<void> {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  await c.update('showBuiltinNetworks', !c.get<boolean>('showBuiltinNetworks', true), vscode.ConfigurationTarget.Global);
}

export function onSettingsChanged(listener: (keys: (keyof Settings)[]) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    const keys = (['host', 'showBuiltinNetworks', 'readOnly', 'hostHelper', 'hostHelperImage'] as const).filter((k) =>
      e.affectsConfiguration(`${CONFIG_SECTION}.${k}`),
    );
    if (keys.length) listener(keys);
  });
}
