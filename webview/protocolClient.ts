// The webview's end of the protocol: acquireVsCodeApi once, every incoming message checked by
// origin and parsed by the protocol's schema (anything else is dropped, counted and logged with
// the schema's reason), typed posts, and the state
// VS Code keeps for the panel across reloads.
import { PROTOCOL_VERSION, parseHostToWebview, type HostToWebview, type Parsed, type WebviewToHost } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Distributes Omit over the union, so each message keeps its own fields. */
export type Outgoing = WebviewToHost extends infer M ? (M extends WebviewToHost ? Omit<M, 'v'> : never) : never;

export class ProtocolClient {
  private readonly api: VsCodeApi;
  private ignored = 0;

  constructor(private readonly onMessage: (m: HostToWebview) => void) {
    this.api = acquireVsCodeApi();
    window.addEventListener('message', (e: MessageEvent<unknown>) => this.receive(e));
  }

  private receive(e: MessageEvent<unknown>): void {
    // VS Code posts to the webview's frame from its own origin; a message from anywhere else, or
    // one the schema rejects, is ignored.
    const parsed: Parsed<HostToWebview> =
      e.origin === window.origin ? parseHostToWebview(e.data) : { ok: false, reason: 'not from VS Code' };
    if (!parsed.ok) {
      this.ignored++;
      document.body.dataset['ignoredMessages'] = String(this.ignored);
      if (this.ignored <= 5)
        this.post({
          type: 'log',
          level: 'warn',
          message: `ignored a message that is not a valid protocol v${PROTOCOL_VERSION} message (origin ${e.origin || 'none'}): ${parsed.reason.slice(0, 300)}`,
        });
      return;
    }
    this.onMessage(parsed.value);
  }

  post(body: Outgoing): void {
    this.api.postMessage({ v: PROTOCOL_VERSION, ...body });
  }

  getState(): unknown {
    return this.api.getState();
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }
}
