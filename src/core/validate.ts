// Pure: checks a change against the snapshot before Docker is called. Every failure names the
// field and the reason. CIDR math is ipaddr.js.
import ipaddr from 'ipaddr.js';
import { ipFamily, parseAddress as parseIp, parsedCidrsOverlap } from '../analysis/cidr';
import { byRef } from '../shared/lookup';
import type { ContainerInfo, NetworkInfo, Snapshot } from '../shared/model';
import type { CreateNetworkRequest } from './requests';

export class ValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

const fail = (field: string, message: string): never => {
  throw new ValidationError(field, message);
};

/** Docker's rule for container names; Docker 20.10 is laxer for networks, we are not. */
const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
export const CREATABLE_DRIVERS = ['bridge', 'macvlan', 'ipvlan', 'overlay'] as const;

type Addr = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Addr, number];

export function parseAddress(field: string, text: string): Addr {
  return parseIp(text.trim()) ?? fail(field, `${field}: "${text}" is not an IP address.`);
}

export function parseCidr(field: string, text: string): Cidr {
  const t = text.trim();
  const slash = t.indexOf('/');
  const bits = slash < 0 ? '' : t.slice(slash + 1);
  // Digits only: ipaddr.parseCIDR would also take a netmask ("/255.255.0.0"), Docker does not.
  if (!/^\d+$/.test(bits)) fail(field, `${field}: "${text}" is not a CIDR (like 172.20.0.0/16).`);
  const ip = parseAddress(field, t.slice(0, slash));
  const max = ip.kind() === 'ipv4' ? 32 : 128;
  const prefix = Number(bits);
  if (prefix > max) fail(field, `${field}: prefix /${prefix} is longer than /${max}.`);
  const network = ip.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(t) : ipaddr.IPv6.networkAddressFromCIDR(t);
  if (network.toString() !== ip.toString()) {
    fail(field, `${field}: ${t} has host bits set; the network is ${network.toString()}/${prefix}.`);
  }
  return [ip, prefix];
}

function contains(cidr: Cidr, ip: Addr): boolean {
  return ip.kind() === cidr[0].kind() && ip.match(cidr);
}

export function validateNetworkName(name: unknown, snapshot: Snapshot): string {
  if (typeof name !== 'string' || !name.trim()) return fail('name', 'Network name is empty.');
  if (!NAME_RE.test(name)) {
    fail('name', `Network name "${name}" must start with a letter or digit and contain only letters, digits, "_", "." and "-".`);
  }
  if (snapshot.networks.some((n) => n.name === name)) fail('name', `A network named "${name}" already exists.`);
  return name;
}

/** Throws a ValidationError, or returns the checked arguments. */
/** A new container's name (optional): Docker's rule, and not taken. */
export function validateContainerName(name: string | undefined, snapshot: Snapshot): string | undefined {
  if (name === undefined) return undefined;
  if (!NAME_RE.test(name)) {
    fail('name', `Container name "${name}" must start with a letter or digit and contain only letters, digits, "_", "." and "-".`);
  }
  if (snapshot.containers.some((c) => c.name === name)) fail('name', `A container named "${name}" already exists.`);
  return name;
}

export function validateCreateNetwork(args: CreateNetworkRequest, snapshot: Snapshot): CreateNetworkRequest {
  validateNetworkName(args.name, snapshot);
  const driver = args.driver ?? 'bridge';
  if (!(CREATABLE_DRIVERS as readonly string[]).includes(driver)) {
    fail('driver', `Driver "${driver}" cannot be used for a new network: use one of ${CREATABLE_DRIVERS.join(', ')}.`);
  }
  if (driver === 'overlay' && !snapshot.engine.swarmActive) fail('driver', 'The overlay driver needs swarm mode (docker swarm init).');
  const subnet = args.subnet?.trim() ? parseCidr('subnet', args.subnet) : undefined;
  if (!subnet && (args.gateway?.trim() || args.ipRange?.trim())) {
    fail(args.gateway?.trim() ? 'gateway' : 'ipRange', 'A gateway or ip-range needs a subnet.');
  }
  if (subnet) {
    const text = `${subnet[0].toString()}/${subnet[1]}`;
    if (args.gateway?.trim()) validateGateway(args.gateway, subnet, text);
    if (args.ipRange?.trim()) {
      const range = parseCidr('ipRange', args.ipRange);
      if (!contains(subnet, range[0]) || range[1] < subnet[1])
        fail('ipRange', `ip-range ${args.ipRange} is not inside the subnet ${text}.`);
    }
    const clash = findOverlap(subnet, snapshot.networks);
    if (clash) fail('subnet', `Subnet ${text} overlaps ${clash.subnet} of network "${clash.network.name}".`);
  }
  return { ...args, driver };
}

function validateGateway(gateway: string, subnet: Cidr, subnetText: string): void {
  const gw = parseAddress('gateway', gateway);
  if (!contains(subnet, gw)) fail('gateway', `Gateway ${gateway} is not inside the subnet ${subnetText}.`);
  if (gw.kind() === 'ipv4' && subnet[1] <= 30) {
    const net = ipaddr.IPv4.networkAddressFromCIDR(subnetText).toString();
    const bcast = ipaddr.IPv4.broadcastAddressFromCIDR(subnetText).toString();
    if (gw.toString() === net) fail('gateway', `Gateway ${gateway} is the network address of ${subnetText}.`);
    if (gw.toString() === bcast) fail('gateway', `Gateway ${gateway} is the broadcast address of ${subnetText}.`);
  }
}

function findOverlap(subnet: Cidr, networks: readonly NetworkInfo[]): { network: NetworkInfo; subnet: string } | undefined {
  for (const n of networks) {
    for (const s of n.subnets) {
      let other: Cidr;
      try {
        other = ipaddr.parseCIDR(s.subnet);
      } catch {
        continue;
      }
      if (parsedCidrsOverlap(subnet, other)) return { network: n, subnet: s.subnet };
    }
  }
  return undefined;
}

export function findNetwork(ref: unknown, snapshot: Snapshot, field = 'network'): NetworkInfo {
  if (typeof ref !== 'string' || !ref) return fail(field, 'No network given.');
  return byRef(snapshot.networks, ref) ?? fail(field, `No network "${ref}".`);
}

export function findContainer(ref: unknown, snapshot: Snapshot, field = 'container'): ContainerInfo {
  if (typeof ref !== 'string' || !ref) return fail(field, 'No container given.');
  return byRef(snapshot.containers, ref) ?? fail(field, `No container "${ref}".`);
}

export function containersOn(network: NetworkInfo, snapshot: Snapshot): ContainerInfo[] {
  return snapshot.containers.filter((c) => network.containerIds.includes(c.id));
}

export function validateRemoveNetwork(ref: unknown, snapshot: Snapshot): NetworkInfo {
  const n = findNetwork(ref, snapshot);
  if (n.builtin) fail('network', `"${n.name}" is a built-in network: Docker needs it and will not remove it.`);
  const users = containersOn(n, snapshot);
  if (users.length) {
    fail('network', `Network "${n.name}" is used by ${users.map((c) => `${c.name} (${c.state})`).join(', ')}: disconnect them first.`);
  }
  return n;
}

/**
 * Docker's API does not say whether a subnet was given with --subnet. A network created without
 * one gets a subnet from the default pools (172.17-31.0.0/16, 192.168.x.0/20) with gateway .1,
 * and that shape is what we take as "Docker chose it".
 */
// Docker's default address pools: 172.17-31.0.0/16 each, and 192.168.0.0/16 cut into /20s.
const DEFAULT_POOL_16 = Array.from({ length: 15 }, (_, i) => ipaddr.IPv4.parseCIDR(`172.${17 + i}.0.0/16`));
const DEFAULT_POOL_20 = ipaddr.IPv4.parseCIDR('192.168.0.0/16');

export function looksAutoAssigned(network: NetworkInfo): boolean {
  if (network.builtin) return true;
  const v4 = network.subnets.filter((s) => ipFamily(s.subnet) === 'ipv4');
  return (
    v4.length > 0 &&
    v4.every((s) => {
      const [ip, bits] = ipaddr.IPv4.parseCIDR(s.subnet);
      const firstHost = new ipaddr.IPv4(ip.toByteArray().map((b, i) => (i === 3 ? b + 1 : b))).toString();
      const pool = (bits === 16 && DEFAULT_POOL_16.some((p) => ip.match(p))) || (bits === 20 && ip.match(DEFAULT_POOL_20));
      // An auto-assigned subnet has its gateway in IPAM; a --subnet without --gateway has none.
      return pool && !s.ipRange && s.gateway === firstHost;
    })
  );
}

/** A static IPv4 for a container on a network: inside a user subnet, not the gateway, not taken. */
export function validateStaticIp(ip: string, network: NetworkInfo, snapshot: Snapshot, self?: ContainerInfo): void {
  const addr = parseAddress('ipv4', ip);
  if (addr.kind() !== 'ipv4') fail('ipv4', `ipv4: ${ip} is not an IPv4 address.`);
  const v4 = network.subnets.filter((s) => ipFamily(s.subnet) === 'ipv4');
  const userConfigured = looksAutoAssigned(network) ? [] : v4;
  if (userConfigured.length === 0) {
    fail(
      'ipv4',
      `Network "${network.name}" has no user-configured subnet: Docker allows a static IP only on networks created with --subnet.`,
    );
  }
  const home = userConfigured.find((s) => contains(ipaddr.parseCIDR(s.subnet), addr));
  if (!home) fail('ipv4', `${ip} is outside the subnet(s) of "${network.name}": ${userConfigured.map((s) => s.subnet).join(', ')}.`);
  if (home?.effectiveGateway === ip || home?.gateway === ip) fail('ipv4', `${ip} is the gateway of "${network.name}".`);
  const sub = home?.subnet ?? '';
  if (ipaddr.IPv4.networkAddressFromCIDR(sub).toString() === ip) fail('ipv4', `${ip} is the network address of ${sub}.`);
  if (ipaddr.IPv4.broadcastAddressFromCIDR(sub).toString() === ip) fail('ipv4', `${ip} is the broadcast address of ${sub}.`);
  for (const c of containersOn(network, snapshot)) {
    if (c.id === self?.id) continue;
    const ep = c.endpoints.find((e) => e.networkId === network.id || e.network === network.name);
    if (ep && (ep.ipv4 === ip || ep.staticIpv4 === ip))
      fail('ipv4', `${ip} is already used by container "${c.name}" on "${network.name}".`);
  }
}

export function validateAliases(aliases: unknown, network: NetworkInfo): string[] {
  if (aliases === undefined) return [];
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string')) return fail('aliases', 'aliases must be a list of names.');
  const list = (aliases as string[]).map((a) => a.trim()).filter(Boolean);
  if (list.length && network.name === 'bridge') {
    fail(
      'aliases',
      'Aliases need a user-defined network: the default bridge has no DNS (use a network created with docker network create).',
    );
  }
  for (const a of list) if (!NAME_RE.test(a)) fail('aliases', `Alias "${a}" is not a valid DNS name.`);
  return list;
}

/** A free /24 for the create flow: 10.10.N.0/24 is outside Docker's default pools. */
export function suggestSubnet(snapshot: Snapshot): { subnet: string; gateway: string } | undefined {
  for (let n = 10; n < 256; n++) {
    const subnet = `10.10.${n}.0/24`;
    if (!findOverlap(ipaddr.parseCIDR(subnet), snapshot.networks)) return { subnet, gateway: `10.10.${n}.1` };
  }
  return undefined;
}
