// Saves what the webview exported (SVG text, PNG data URL) or the current snapshot (JSON) where
// the user picks, through the workspace file system.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { Snapshot } from '../shared/model';
import type { ExportMessage } from '../shared/protocol';
import { versioned } from '../shared/schema/documents';

const FILTERS: Record<ExportMessage['format'], Record<string, string[]>> = {
  svg: { 'SVG image': ['svg'] },
  png: { 'PNG image': ['png'] },
  json: { 'Snapshot JSON': ['json'] },
};

export function exportBytes(m: ExportMessage, snapshot: Snapshot | undefined): Uint8Array {
  if (m.format === 'svg') return Buffer.from(m.data, 'utf8');
  if (m.format === 'png') return Buffer.from(m.data.slice(m.data.indexOf(',') + 1), 'base64');
  if (!snapshot) throw new Error('There is no snapshot to export yet.');
  // The same document as `cli topology --json`, so schema/topology.schema.json describes it too.
  return Buffer.from(`${JSON.stringify(versioned(snapshot), null, 2)}\n`, 'utf8');
}

/** Asks where to save, writes the file; the path written, or undefined when cancelled. */
export async function saveExport(m: ExportMessage, snapshot: Snapshot | undefined): Promise<string | undefined> {
  const bytes = exportBytes(m, snapshot);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-');
  const name = m.format === 'json' ? `docker-snapshot-${stamp}.json` : `docker-networks-${stamp}.${m.format}`;
  const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const uri = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(base, name),
    filters: FILTERS[m.format],
    saveLabel: 'Export',
    title: `Export the graph as ${m.format.toUpperCase()}`,
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, bytes);
  return uri.fsPath || uri.toString();
}
