// docker-proxy processes, read from /proc/<pid>/cmdline (no process is spawned).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProxyProcess } from '../shared/model';
import { parsePpid } from './procfs';

export { parsePpid };

/** Pure: `docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.3 -container-port 80`. */
export function parseDockerProxyArgs(pid: number, argv: readonly string[]): ProxyProcess | undefined {
  if (!argv[0]?.endsWith('docker-proxy')) return undefined;
  const opt = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `-${name}` || a === `--${name}`);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`-${name}=`) || a.startsWith(`--${name}=`));
    return eq?.slice(eq.indexOf('=') + 1);
  };
  const proto = opt('proto') ?? 'tcp';
  const hostPort = Number(opt('host-port'));
  const containerPort = Number(opt('container-port'));
  const hostIp = opt('host-ip');
  const containerIp = opt('container-ip');
  if (!hostIp || !containerIp || !Number.isInteger(hostPort) || !Number.isInteger(containerPort)) return undefined;
  const protocol = proto === 'udp' || proto === 'sctp' ? proto : 'tcp';
  return { pid, name: argv[0].slice(argv[0].lastIndexOf('/') + 1), protocol, hostIp, hostPort, containerIp, containerPort };
}

/** A docker-proxy process and its parent: the engine that started it. */
export interface ProxyWithParent extends ProxyProcess {
  ppid: number | null;
}

export async function readDockerProxies(procRoot = '/proc'): Promise<ProxyWithParent[]> {
  const pids = (await readdir(procRoot)).filter((d) => /^\d+$/.test(d));
  const found = await Promise.all(
    pids.map(async (p) => {
      try {
        // comm is short and cheap; read the full command line only for docker-proxy.
        const comm = (await readFile(join(procRoot, p, 'comm'), 'utf8')).trim();
        // comm is cut at 15 characters: rootless Docker's proxy shows as rootlesskit-doc.
        if (comm !== 'docker-proxy' && comm !== 'rootlesskit-doc') return undefined;
        const argv = (await readFile(join(procRoot, p, 'cmdline'), 'utf8')).split('\0').filter(Boolean);
        const proxy = parseDockerProxyArgs(Number(p), argv);
        return proxy && { ...proxy, ppid: parsePpid(await readFile(join(procRoot, p, 'stat'), 'utf8')) };
      } catch {
        return undefined;
      }
    }),
  );
  return found
    .filter((x): x is ProxyWithParent => x !== undefined)
    .sort((a, b) => a.hostPort - b.hostPort || a.hostIp.localeCompare(b.hostIp));
}
