// Live updates from the real event stream: one event re-reads one object, and the feed
// reconnects by itself when the engine goes away and comes back.
import assert from 'node:assert/strict';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createController } from '../../src/core/createController';
import { LiveUpdates, type ConnectionStatus } from '../../src/core/liveUpdates';
import { cleanTestResources, createTestNetwork, docker, requireEngine, runTestContainer } from '../helpers/docker';
import { currentEngine, engineEnv, onEngine } from '../helpers/engines';
import { waitForChange } from '../helpers/waits';

function waitForStatus(live: LiveUpdates, state: ConnectionStatus['state'], ms = 10_000): Promise<ConnectionStatus> {
  if (live.status.state === state) return Promise.resolve(live.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`status ${state} not reached, still ${live.status.state}`)), ms);
    const sub = live.onDidChangeStatus((s) => {
      if (s.state !== state) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(s);
    });
  });
}

describe(onEngine('live updates on the real engine'), () => {
  before(async () => {
    await requireEngine();
    await cleanTestResources('dne-test-live');
  });
  after(() => cleanTestResources('dne-test-live'));

  it('re-reads only the container a connect event names, and only the network a create event names', async () => {
    await runTestContainer('dne-test-live1');
    const controller = createController({ env: engineEnv() });
    const live = new LiveUpdates(controller, { debounceMs: 20 });
    try {
      await live.start();
      assert.equal(live.status.state, 'connected');
      const netChange = waitForChange(controller, (ch) => ch.snapshot.networks.some((n) => n.name === 'dne-test-live-net'));
      await createTestNetwork('dne-test-live-net', '--subnet', '10.254.7.0/24');
      const created = await netChange;
      assert.equal(created.stats.kind, 'incremental');
      assert.equal(created.stats.networksInspected, 1);
      assert.equal(created.stats.containersInspected, 0);
      assert.equal(created.stats.listCalls, 0);

      const connected = waitForChange(
        controller,
        (ch) => !!ch.snapshot.containers.find((c) => c.name === 'dne-test-live1')?.endpoints.some((e) => e.network === 'dne-test-live-net'),
      );
      await docker('network', 'connect', '--ip', '10.254.7.9', 'dne-test-live-net', 'dne-test-live1');
      const ch = await connected;
      assert.equal(ch.stats.kind, 'incremental');
      assert.equal(ch.stats.containersInspected, 1);
      assert.equal(ch.stats.listCalls, 0);
      const ep = ch.snapshot.containers.find((c) => c.name === 'dne-test-live1')?.endpoints.find((e) => e.network === 'dne-test-live-net');
      assert.equal(ep?.ipv4, '10.254.7.9');
      assert.ok(ep?.hostVeth, 'the new endpoint has its host veth read too');

      const removed = waitForChange(controller, (ch2) => !ch2.snapshot.containers.some((c) => c.name === 'dne-test-live1'));
      await docker('rm', '-f', 'dne-test-live1');
      assert.equal((await removed).stats.containersInspected <= 1, true);
    } finally {
      live.dispose();
      controller.gateway.dispose();
    }
  });

  it('reconnects with back-off when the engine goes away, then catches up by itself', async () => {
    // A socket proxy in front of the real engine stands for an engine that stops and starts.
    const sock = join(tmpdir(), `dne-test-proxy-${process.pid}.sock`);
    const conns = new Set<Socket>();
    const startProxy = (): Promise<Server> =>
      new Promise((resolve) => {
        const server = createServer((client) => {
          const upstream = createConnection(currentEngine().socketPath);
          conns.add(client).add(upstream);
          client.pipe(upstream).pipe(client);
          const close = (): void => {
            client.destroy();
            upstream.destroy();
          };
          client.on('error', close).on('close', close);
          upstream.on('error', close).on('close', close);
        });
        server.listen(sock, () => resolve(server));
      });
    // close() waits for open connections, so cut them first.
    const stopProxy = (server: Server): Promise<void> => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const c of conns) c.destroy();
      conns.clear();
      return closed;
    };
    let proxy = await startProxy();
    const controller = createController({ hostSetting: `unix://${sock}`, env: {} });
    const live = new LiveUpdates(controller, { debounceMs: 20, minBackoffMs: 100, maxBackoffMs: 400 });
    try {
      await live.start();
      assert.equal(live.status.state, 'connected');
      const down = waitForStatus(live, 'disconnected');
      await stopProxy(proxy);
      const status = await down;
      assert.equal(status.state === 'disconnected' && status.error.code, 'ENGINE_DOWN');

      await runTestContainer('dne-test-live-down');
      const caughtUp = waitForChange(controller, (ch) => ch.snapshot.containers.some((c) => c.name === 'dne-test-live-down'));
      proxy = await startProxy();
      const ch = await caughtUp;
      assert.equal(ch.stats.kind, 'full', 'a reconnect re-reads everything, since events were missed');
      await waitForStatus(live, 'connected');
    } finally {
      live.dispose();
      controller.gateway.dispose();
      await stopProxy(proxy);
    }
  });
});
