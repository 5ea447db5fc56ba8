// Pure: the `docker …` command line each change equals, so a learner can read it, copy it and run
// it in a terminal. Display only: nothing here is ever executed (the gateway calls the Engine API).
import { bracketed } from '../analysis/cidr';
import type {
  ConnectRequest,
  CreateNetworkRequest,
  DisconnectRequest,
  JoinRequest,
  PruneRequest,
  PublishSpec,
  RunRequest,
} from './requests';

/** One argument as a POSIX shell reads it: bare when it is plain, else in single quotes. */
export function shellWord(arg: string): string {
  return /^[A-Za-z0-9_./:=@,+%-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The argv as one line to copy into a shell. */
export const shellLine = (argv: readonly string[]): string => argv.map(shellWord).join(' ');

const each = (flag: string, values: readonly string[] | undefined): string[] => (values ?? []).flatMap((v) => [flag, v]);
const pairs = (flag: string, map: Record<string, string> | undefined): string[] =>
  Object.entries(map ?? {}).flatMap(([k, v]) => [flag, v === '' ? k : `${k}=${v}`]);
const opt = (flag: string, value: string | undefined): string[] => (value ? [flag, value] : []);
const on = (flag: string, value: boolean | undefined): string[] => (value ? [flag] : []);

/** `-p` as docker takes it: [hostIp:][hostPort:]containerPort[/proto]. */
export function publishArg(p: PublishSpec): string {
  const host = p.hostIp ? `${bracketed(p.hostIp)}:${p.hostPort ?? ''}:` : p.hostPort ? `${p.hostPort}:` : '';
  return `${host}${p.containerPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
}

export const EquivalentCommand = {
  createNetwork: (r: CreateNetworkRequest): string[] => [
    'docker',
    'network',
    'create',
    ...opt('--driver', r.driver && r.driver !== 'bridge' ? r.driver : undefined),
    ...opt('--subnet', r.subnet),
    ...opt('--gateway', r.gateway),
    ...opt('--ip-range', r.ipRange),
    ...on('--internal', r.internal),
    ...on('--attachable', r.attachable),
    ...on('--ipv6', r.ipv6),
    ...pairs('--label', r.labels),
    ...pairs('--opt', r.options),
    r.name,
  ],
  removeNetwork: (network: string): string[] => ['docker', 'network', 'rm', network],
  pruneNetworks: (r: PruneRequest): string[] => [
    'docker',
    'network',
    'prune',
    '--force',
    ...each(
      '--filter',
      r.labels?.map((l) => `label=${l}`),
    ),
  ],
  connect: (r: ConnectRequest): string[] => [
    'docker',
    'network',
    'connect',
    ...opt('--ip', r.ipv4),
    ...each('--alias', r.aliases),
    r.network,
    r.container,
  ],
  disconnect: (r: DisconnectRequest): string[] => ['docker', 'network', 'disconnect', ...on('--force', r.force), r.network, r.container],
  join: (r: JoinRequest): string[] => [
    'docker',
    'run',
    '--detach',
    ...opt('--name', r.name),
    '--network',
    `container:${r.target}`,
    ...pairs('--label', r.labels),
    r.image,
    ...(r.command ?? []),
  ],
  run: (r: RunRequest): string[] => [
    'docker',
    'run',
    '--detach',
    ...opt('--name', r.name),
    '--network',
    r.network,
    ...opt('--ip', r.ipv4),
    ...each('--network-alias', r.aliases),
    ...each('--publish', r.publish?.map(publishArg)),
    ...each('--link', r.links),
    ...pairs('--label', r.labels),
    r.image,
    ...(r.command ?? []),
  ],
  removeContainer: (container: string, force: boolean): string[] => ['docker', 'rm', ...on('--force', force), container],
  startContainer: (container: string): string[] => ['docker', 'start', container],
  stopContainer: (container: string): string[] => ['docker', 'stop', container],
} as const;
