// Raw `docker inspect` JSON in a read-only editor: a content provider over our own URI scheme.
import * as vscode from 'vscode';
import { INSPECT_SCHEME } from '../constants';
import type { DockerGateway } from '../docker/gateway';

export type InspectKind = 'network' | 'container';

export function inspectUri(kind: InspectKind, id: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${kind}/${name}.json`, query: id });
}

export class InspectDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly gateway: () => DockerGateway) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const kind = uri.path.split('/')[1];
    const id = uri.query;
    const raw = kind === 'network' ? await this.gateway().inspectNetwork(id) : await this.gateway().inspectContainer(id);
    if (!raw) return `// ${kind} ${id} no longer exists\n`;
    return `${JSON.stringify(raw, null, 2)}\n`;
  }
}
