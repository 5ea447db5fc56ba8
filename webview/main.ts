// Entry of the graph webview bundle (dist/webview.js): the protocol client, the app, then the
// "ready" handshake that makes the host send the snapshot.
import { App } from './app';
import { ProtocolClient } from './protocolClient';

let app: App | undefined;
const client = new ProtocolClient((m) => app?.receive(m));
try {
  app = new App(client);
  client.post({ type: 'ready' });
} catch (err) {
  client.post({
    type: 'log',
    level: 'error',
    message: `graph failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  });
  throw err;
}
