// The only file that imports dockerode. A thin adapter: no logic beyond mapping calls and errors.
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { EngineEndpoint } from './endpoint';
import { classifyEngineError } from './errors';
import type { CreateNetworkSpec, DockerGateway, EventSubscription, ExecResult, HelperRun, RunContainerSpec } from './gateway';
import { demuxDockerLogs } from './logs';
import type { RawContainerInspect, RawContainerSummary, RawEvent, RawInfo, RawNetwork, RawVersion } from './rawTypes';

// No custom agent: docker-modem util.inspect()s the request options (depth: null) on every call,
// and an agent with live sockets made that cost grow with every request (12x the raw API at 100
// containers). Node's global agent keeps connections alive; callers bound the concurrency.
function dockerOptions(ep: EngineEndpoint): Docker.DockerOptions {
  switch (ep.kind) {
    case 'unix':
      return { socketPath: ep.socketPath };
    case 'tcp': {
      const read = (p: string | undefined): Buffer | undefined => (p ? readFileSync(p) : undefined);
      const tls = ep.tls;
      return tls
        ? { host: ep.host, port: ep.port, protocol: 'https', ca: read(tls.ca), cert: read(tls.cert), key: read(tls.key) }
        : { host: ep.host, port: ep.port, protocol: 'http' };
    }
    case 'ssh':
      return { host: ep.host, port: ep.port, username: ep.username, protocol: 'ssh' };
  }
}

/**
 * The engine's event stream: one JSON object per line (readline joins a line split across chunks).
 * Only a line that is not JSON is skipped; an exception from `onEvent` is a bug, so it destroys the
 * stream and `ended` resolves with it: the subscriber reconnects with a full read instead of hiding it.
 */
export function subscribeEventLines(stream: Readable, onEvent: (e: RawEvent) => void, classify: (err: Error) => Error): EventSubscription {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  // readline re-emits the stream's error, which `ended` reports; unheard, it would be thrown.
  lines.on('error', () => undefined);
  let failed = false;
  lines.on('line', (raw: string) => {
    // readline still emits the rest of a chunk's lines after the stream was destroyed.
    if (failed) return;
    const line = raw.trim();
    if (!line) return;
    let event: RawEvent;
    try {
      event = JSON.parse(line) as RawEvent;
    } catch {
      // A malformed line is skipped; the next full snapshot corrects any drift.
      return;
    }
    try {
      onEvent(event);
    } catch (err) {
      failed = true;
      stream.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  });
  const ended = new Promise<Error | undefined>((resolve) => {
    stream.once('end', () => resolve(undefined));
    stream.once('close', () => resolve(undefined));
    stream.once('error', (err: Error) => resolve(classify(err)));
  });
  return {
    ended,
    dispose: () => {
      lines.close();
      stream.destroy();
    },
  };
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { statusCode?: unknown }).statusCode === 404;
}

export class DockerodeGateway implements DockerGateway {
  private readonly docker: Docker;
  readonly endpointUrl: string;

  constructor(endpoint: EngineEndpoint) {
    this.endpointUrl = endpoint.url;
    this.docker = new Docker(dockerOptions(endpoint));
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw classifyEngineError(err, this.endpointUrl);
    }
  }

  ping(): Promise<void> {
    return this.call(async () => {
      await this.docker.ping();
    });
  }
  version(): Promise<RawVersion> {
    return this.call(() => this.docker.version() as Promise<RawVersion>);
  }
  info(): Promise<RawInfo> {
    return this.call(() => this.docker.info() as Promise<RawInfo>);
  }
  listNetworks(): Promise<RawNetwork[]> {
    return this.call(() => this.docker.listNetworks() as Promise<RawNetwork[]>);
  }
  inspectNetwork(idOrName: string): Promise<RawNetwork | undefined> {
    return this.call(async () => {
      try {
        return await this.docker.getNetwork(idOrName).inspect();
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    });
  }
  listContainers(): Promise<RawContainerSummary[]> {
    return this.call(() => this.docker.listContainers({ all: true }) as Promise<RawContainerSummary[]>);
  }
  inspectContainer(idOrName: string): Promise<RawContainerInspect | undefined> {
    return this.call(async () => {
      try {
        return await this.docker.getContainer(idOrName).inspect();
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    });
  }
  listImages(): Promise<{ id: string; tags: string[] }[]> {
    return this.call(async () => (await this.docker.listImages()).map((i) => ({ id: i.Id, tags: i.RepoTags ?? [] })));
  }
  createNetwork(spec: CreateNetworkSpec): Promise<string> {
    return this.call(async () => {
      const net = await this.docker.createNetwork({
        Name: spec.name,
        Driver: spec.driver,
        CheckDuplicate: true,
        Internal: spec.internal ?? false,
        Attachable: spec.attachable ?? false,
        EnableIPv6: spec.ipv6 ?? false,
        IPAM: spec.ipam?.length
          ? { Driver: 'default', Config: spec.ipam.map((c) => ({ Subnet: c.subnet, Gateway: c.gateway, IPRange: c.ipRange })) }
          : undefined,
        Options: spec.options ?? {},
        Labels: spec.labels ?? {},
      });
      return net.id;
    });
  }
  removeNetwork(idOrName: string): Promise<void> {
    return this.call(async () => {
      await this.docker.getNetwork(idOrName).remove();
    });
  }
  pruneNetworks(labelFilter?: string[]): Promise<string[]> {
    return this.call(async () => {
      const opts = labelFilter?.length ? { filters: JSON.stringify({ label: labelFilter }) } : {};
      const res = (await this.docker.pruneNetworks(opts)) as { NetworksDeleted?: string[] | null };
      return res.NetworksDeleted ?? [];
    });
  }
  connect(network: string, container: string, opts: { ipv4?: string; aliases?: string[] }): Promise<void> {
    return this.call(async () => {
      await this.docker.getNetwork(network).connect({
        Container: container,
        EndpointConfig: { IPAMConfig: opts.ipv4 ? { IPv4Address: opts.ipv4 } : undefined, Aliases: opts.aliases },
      });
    });
  }
  disconnect(network: string, container: string, force: boolean): Promise<void> {
    return this.call(async () => {
      await this.docker.getNetwork(network).disconnect({ Container: container, Force: force });
    });
  }
  runContainer(spec: RunContainerSpec): Promise<string> {
    return this.call(async () => {
      const isNamedNetwork =
        !['bridge', 'host', 'none', 'default'].includes(spec.networkMode) && !spec.networkMode.startsWith('container:');
      const portBindings: Record<string, { HostIp?: string; HostPort?: string }[]> = {};
      const exposed: Record<string, object> = {};
      for (const p of spec.publish ?? []) {
        const key = `${p.containerPort}/${p.protocol}`;
        exposed[key] = {};
        (portBindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort ? String(p.hostPort) : '' });
      }
      const endpoint =
        spec.ipv4 || spec.aliases?.length ? { IPAMConfig: spec.ipv4 ? { IPv4Address: spec.ipv4 } : undefined, Aliases: spec.aliases } : {};
      const container = await this.docker.createContainer({
        Image: spec.image,
        name: spec.name,
        Cmd: spec.command,
        Labels: spec.labels ?? {},
        ExposedPorts: exposed,
        HostConfig: { NetworkMode: spec.networkMode, PortBindings: portBindings, Links: spec.links?.length ? spec.links : undefined },
        NetworkingConfig:
          isNamedNetwork || spec.networkMode === 'bridge' ? { EndpointsConfig: { [spec.networkMode]: endpoint } } : undefined,
      });
      try {
        await container.start();
      } catch (err) {
        // A run that fails must leave nothing behind, as `docker run --rm` would.
        await container.remove({ force: true }).catch(() => undefined);
        throw err;
      }
      return container.id;
    });
  }
  removeContainer(idOrName: string, force: boolean): Promise<void> {
    return this.call(async () => {
      await this.docker.getContainer(idOrName).remove({ force });
    });
  }

  startContainer(idOrName: string): Promise<void> {
    return this.call(async () => {
      await this.docker.getContainer(idOrName).start();
    });
  }

  stopContainer(idOrName: string): Promise<void> {
    return this.call(async () => {
      await this.docker.getContainer(idOrName).stop();
    });
  }

  runHelper(run: HelperRun): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    return this.call(async () => {
      const c = await this.docker.createContainer({
        Image: run.image,
        Entrypoint: [],
        Cmd: run.cmd,
        Labels: { 'docker-network-explorer.helper': '1' },
        HostConfig: { Privileged: true, PidMode: 'host', NetworkMode: 'host' },
      });
      let timer: NodeJS.Timeout | undefined;
      try {
        await c.start();
        const waited = (await Promise.race([
          c.wait(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`helper container timed out after ${run.timeoutMs} ms`)), run.timeoutMs);
          }),
        ])) as { StatusCode?: number };
        const logs = (await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Uint8Array;
        return { exitCode: waited.StatusCode ?? -1, ...demuxDockerLogs(logs) };
      } finally {
        // A pending timer would keep the CLI alive for the whole timeout after the answer came.
        clearTimeout(timer);
        await c.remove({ force: true }).catch(() => undefined);
      }
    });
  }

  exec(container: string, argv: string[], opts: { timeoutMs: number }): Promise<ExecResult> {
    return this.call(async () => {
      const ex = await this.docker.getContainer(container).exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, Tty: false });
      const stream = await ex.start({ hijack: true, stdin: false });
      const chunks: Uint8Array[] = [];
      let timer: NodeJS.Timeout | undefined;
      try {
        await new Promise<void>((resolve, reject) => {
          stream.on('data', (c: Uint8Array) => chunks.push(c));
          stream.once('end', () => resolve());
          stream.once('close', () => resolve());
          stream.once('error', reject);
          timer = setTimeout(() => {
            stream.destroy();
            reject(new Error(`docker exec ${argv.join(' ')} timed out after ${opts.timeoutMs} ms`));
          }, opts.timeoutMs);
        });
      } finally {
        clearTimeout(timer);
      }
      // The stream can end a moment before the engine records the exit code.
      let info = await ex.inspect();
      for (let i = 0; i < 20 && info.Running; i++) {
        await new Promise((r) => setTimeout(r, 25));
        info = await ex.inspect();
      }
      const all = Buffer.concat(chunks);
      return { exitCode: info.ExitCode ?? -1, ...demuxDockerLogs(all) };
    });
  }

  async events(onEvent: (e: RawEvent) => void, since?: number): Promise<EventSubscription> {
    const stream = (await this.call(() => this.docker.getEvents(since !== undefined ? { since } : {}))) as unknown as Readable;
    return subscribeEventLines(stream, onEvent, (err) => classifyEngineError(err, this.endpointUrl));
  }

  dispose(): void {
    // Nothing to release: requests use node's global keep-alive agent.
  }
}
