// The CLI's arguments, parsed once with node:util parseArgs; every bad value is one clear error
// that ends with the usage.
import { parseArgs } from 'node:util';
import type { HostHelperMode } from '../host/privilege';

export interface CliArgs {
  command: string;
  positional: string[];
  json: boolean;
  host: string | undefined;
  port: number | null;
  fromFile: string | undefined;
  hostHelper: HostHelperMode;
  helperImage: string;
  /** link create / attach: the addresses and the bridge. */
  addressA: string | undefined;
  addressB: string | undefined;
  address: string | undefined;
  gateway: string | undefined;
  bridge: string | undefined;
  /** lab: names' prefix, extra labels (k=v), first subnet, image. */
  prefix: string | undefined;
  labels: Record<string, string>;
  subnet: string | undefined;
  image: string | undefined;
}

export const USAGE = `usage: cli <command> [--json] [--host <endpoint>] [--host-helper auto|sudo|container|off] [--helper-image <local image>]
  topology                      networks, containers, endpoints, host facts
  path <container>              egress and ingress hops with the rules that apply
  explain <from> <to> [--port N] can <from> reach container <to>, every way, and why; <from> is a container,
                                'host' (a process in the engine's netns) or an outside client's IPv4 address
  firewall [--from-file <dump>] Docker's firewall as one model (live, or an iptables-save / nft dump)
  firewall diff <before> <after> what changed between two dumps, by meaning (any formats or versions)
  audit [--from-file <dump>]    what is exposed and what is risky on the host (a dump: firewall checks only)
  link create <a> <b> [--address-a CIDR --address-b CIDR]
                                a veth pair between two containers' netns, /32 addresses and a route to the peer (root)
  link rm <a> <b>               removes it (deleting one end deletes the pair)
  attach <container> --bridge <bridge|network> --address CIDR [--gateway IP]
                                a veth from the container into a bridge of the engine's netns (root)
  detach <container> [--bridge <bridge|network>]   removes it
  lab list                      the tutorials' labs, their steps and equivalent commands
  lab up|check|down <id>        make a lab, prove its claims with real traffic (exit 1 if one fails), remove it
      [--prefix P] [--label k=v]... [--subnet CIDR] [--image <local image>]`;

const HELPER_MODES: readonly HostHelperMode[] = ['auto', 'sudo', 'container', 'off'];

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    // node's own words, first sentence only ("Unknown option '--x'"; its hint about '--' is noise here).
    const first = (err instanceof Error ? err.message : String(err)).split(/\.\s/)[0] ?? '';
    throw new Error(`${first}. ${USAGE}`);
  }
  const { values, positionals } = parsed;
  const mode = values['host-helper'] ?? 'auto';
  const hostHelper = HELPER_MODES.find((m) => m === mode);
  if (!hostHelper) throw new Error(`--host-helper must be auto, sudo, container or off. ${USAGE}`);
  let port: number | null = null;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) throw new Error(`--port must be 1-65535. ${USAGE}`);
  }
  const labels: Record<string, string> = {};
  for (const l of values.label ?? []) {
    const eq = l.indexOf('=');
    const key = eq < 0 ? l : l.slice(0, eq);
    if (!key.trim()) throw new Error(`--label needs key=value (got "${l}"). ${USAGE}`);
    labels[key] = eq < 0 ? '' : l.slice(eq + 1);
  }
  const [command = '', ...positional] = positionals;
  return {
    command,
    positional,
    json: values.json ?? false,
    host: values.host,
    port,
    fromFile: values['from-file'],
    hostHelper,
    helperImage: values['helper-image'] ?? '',
    addressA: values['address-a'],
    addressB: values['address-b'],
    address: values.address,
    gateway: values.gateway,
    bridge: values.bridge,
    prefix: values.prefix,
    labels,
    subnet: values.subnet,
    image: values.image,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
      'from-file': { type: 'string' },
      'host-helper': { type: 'string' },
      'helper-image': { type: 'string' },
      'address-a': { type: 'string' },
      'address-b': { type: 'string' },
      address: { type: 'string' },
      gateway: { type: 'string' },
      bridge: { type: 'string' },
      prefix: { type: 'string' },
      label: { type: 'string', multiple: true },
      subnet: { type: 'string' },
      image: { type: 'string' },
    },
  });
}
