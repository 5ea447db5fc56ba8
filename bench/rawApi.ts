// The "raw API floor": the same Engine API reads as a full snapshot, made with plain node:http
// over a keep-alive agent. Bodies are read fully into Buffers; only the two list responses are
// parsed, to learn the ids. Nothing else is processed.
import { Agent, request } from 'node:http';
import { SOCKET_PATH } from './util';

export function rawAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

/** GET `path` on the engine; resolves with the whole body as Buffer chunks. */
export function rawGet(agent: Agent, path: string, socketPath = SOCKET_PATH): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', agent, headers: { Host: 'docker' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${path}: HTTP ${res.statusCode ?? '?'}`));
        else resolve(chunks);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const bytes = (chunks: readonly Buffer[]): number => chunks.reduce((n, c) => n + c.length, 0);

function ids(chunks: readonly Buffer[]): string[] {
  const list = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Id?: string }[];
  return list.flatMap((x) => (x.Id ? [x.Id] : []));
}

export interface RawRound {
  requests: number;
  bytes: number;
  containers: number;
  networks: number;
}

/**
 * version, info, networks list and containers list (together, as the controller does), then
 * inspect every container and every network (together). With maxSockets 1 the agent queues
 * them on one socket, which is the floor; with 8 it matches our gateway's agent.
 */
export async function rawRound(agent: Agent): Promise<RawRound> {
  const [version, info, networks, containers] = await Promise.all([
    rawGet(agent, '/version'),
    rawGet(agent, '/info'),
    rawGet(agent, '/networks'),
    rawGet(agent, '/containers/json?all=1'),
  ]);
  const containerIds = ids(containers);
  const networkIds = ids(networks);
  const inspected = await Promise.all([
    ...containerIds.map((id) => rawGet(agent, `/containers/${id}/json`)),
    ...networkIds.map((id) => rawGet(agent, `/networks/${id}`)),
  ]);
  return {
    requests: 4 + inspected.length,
    bytes: [version, info, networks, containers, ...inspected].reduce((n, c) => n + bytes(c), 0),
    containers: containerIds.length,
    networks: networkIds.length,
  };
}

/** Only the per-container inspects, parsed as dockerode would: isolates the gateway's overhead. */
export async function rawInspectAndParse(agent: Agent, containerIds: readonly string[]): Promise<number> {
  const all = await Promise.all(containerIds.map((id) => rawGet(agent, `/containers/${id}/json`)));
  let n = 0;
  for (const chunks of all) if (JSON.parse(Buffer.concat(chunks).toString('utf8'))) n++;
  return n;
}
