// Which engine to talk to: the setting, then DOCKER_HOST, then the Docker context, then the default
// socket. dockerode only knows DOCKER_HOST, so contexts are resolved here, as the docker CLI does.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from './errors';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
  verify: boolean;
}

export type EngineEndpoint =
  | { kind: 'unix'; url: string; socketPath: string; source: string }
  | { kind: 'tcp'; url: string; host: string; port: number; tls: TlsFiles | null; source: string }
  | { kind: 'ssh'; url: string; host: string; port: number; username: string | undefined; source: string };

export interface EndpointInputs {
  /** The dockerNetworks.host setting; empty means "not set". */
  setting?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Injected for tests; defaults to reading the real file system. */
  readFile?: (path: string) => string | undefined;
  home?: string;
}

const readOrUndefined = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

export function resolveEndpoint(inputs: EndpointInputs): EngineEndpoint {
  const { env } = inputs;
  const read = inputs.readFile ?? readOrUndefined;
  if (inputs.setting?.trim()) return parseHost(inputs.setting.trim(), 'setting dockerNetworks.host', null);
  if (env.DOCKER_HOST) return parseHost(env.DOCKER_HOST, 'DOCKER_HOST', tlsFromEnv(env));
  const configDir = env.DOCKER_CONFIG || join(inputs.home ?? homedir(), '.docker');
  const context = env.DOCKER_CONTEXT || currentContext(configDir, read);
  if (context && context !== 'default') return fromContext(context, configDir, read);
  return { kind: 'unix', url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, source: 'default socket' };
}

function currentContext(configDir: string, read: (p: string) => string | undefined): string | undefined {
  const text = read(join(configDir, 'config.json'));
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as { currentContext?: unknown };
    return typeof parsed.currentContext === 'string' ? parsed.currentContext : undefined;
  } catch {
    return undefined;
  }
}

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function fromContext(name: string, configDir: string, read: (p: string) => string | undefined): EngineEndpoint {
  // The docker CLI stores each context under the sha256 of its name.
  const hash = createHash('sha256').update(name).digest('hex');
  const text = read(join(configDir, 'contexts', 'meta', hash, 'meta.json'));
  if (!text) {
    throw new EngineError(
      'UNKNOWN_CONTEXT',
      `Docker context "${name}" does not exist.`,
      `Run \`docker context ls\` to see the contexts, or \`docker context use default\`.`,
    );
  }
  let meta: ContextMeta;
  try {
    meta = JSON.parse(text) as ContextMeta;
  } catch {
    throw new EngineError(
      'UNKNOWN_CONTEXT',
      `Docker context "${name}" has an unreadable meta.json.`,
      'Recreate it with `docker context create`.',
    );
  }
  const host = meta.Endpoints?.docker?.Host;
  if (!host) return { kind: 'unix', url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, source: `context ${name}` };
  const tlsDir = join(configDir, 'contexts', 'tls', hash, 'docker');
  const hasTls = read(join(tlsDir, 'ca.pem')) !== undefined || read(join(tlsDir, 'cert.pem')) !== undefined;
  const tls: TlsFiles | null = hasTls
    ? {
        ca: join(tlsDir, 'ca.pem'),
        cert: join(tlsDir, 'cert.pem'),
        key: join(tlsDir, 'key.pem'),
        verify: meta.Endpoints?.docker?.SkipTLSVerify !== true,
      }
    : null;
  return parseHost(host, `context ${name}`, tls);
}

function tlsFromEnv(env: Readonly<Record<string, string | undefined>>): TlsFiles | null {
  const verify = !!env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0';
  const dir = env.DOCKER_CERT_PATH;
  if (!verify && !dir) return null;
  const base = dir || join(homedir(), '.docker');
  return { ca: join(base, 'ca.pem'), cert: join(base, 'cert.pem'), key: join(base, 'key.pem'), verify };
}

export function parseHost(value: string, source: string, tls: TlsFiles | null): EngineEndpoint {
  const bad = (why: string): EngineError =>
    new EngineError(
      'BAD_ENDPOINT',
      `${source} "${value}" is not a Docker endpoint: ${why}.`,
      'Use unix:///path, tcp://host:port or ssh://user@host.',
    );
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length);
    if (!socketPath.startsWith('/')) throw bad('the socket path must be absolute');
    return { kind: 'unix', url: value, socketPath, source };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('it is not a URL');
  }
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
    return { kind: 'tcp', url: value, host: url.hostname, port, tls: url.protocol === 'https:' && !tls ? { verify: true } : tls, source };
  }
  if (url.protocol === 'ssh:') {
    return {
      kind: 'ssh',
      url: value,
      host: url.hostname,
      port: url.port ? Number(url.port) : 22,
      username: url.username || undefined,
      source,
    };
  }
  throw bad(`scheme ${url.protocol} is not supported`);
}
