// Pure: checks a hand-made link or attachment against a fresh snapshot before anything is run, and
// picks free addresses. Every failure is a ValidationError naming the field.
import ipaddr from 'ipaddr.js';
import { ipFamily, ipInCidr } from '../analysis/cidr';
import type { ContainerInfo, ManualInterface, NetworkInfo, Snapshot } from '../shared/model';
import { ValidationError, findContainer, parseAddress } from './validate';

const fail = (field: string, message: string): never => {
  throw new ValidationError(field, message);
};

/** The container whose netns gets the interface: running, with a netns of its own (or its owner's). */
export function netnsContainer(ref: string, snap: Snapshot, field: string): ContainerInfo & { pid: number } {
  const c = findContainer(ref, snap, field);
  const owner = c.netnsOwnerId ? snap.containers.find((x) => x.id === c.netnsOwnerId) : undefined;
  if (c.netnsOwnerId && !owner) fail(field, `"${c.name}" shares the netns of a container that is gone.`);
  const target = owner ?? c;
  if (target.networkModeKind === 'host')
    fail(field, `"${c.name}" uses the host network: its netns is the host's own, and a hand-made link would change the host.`);
  const pid = target.pid;
  if (target.state !== 'running' || pid === null)
    fail(field, `"${target.name}" is ${target.state}: a netns exists only while its container runs. Start it first.`);
  return { ...target, pid: pid ?? 0 };
}

const v4 = (n: NetworkInfo): string[] => n.subnets.map((s) => s.subnet).filter((s) => ipFamily(s) === 'ipv4');

/** Every IPv4 address a hand-made interface holds, as bare addresses. */
function manualAddresses(snap: Snapshot): Set<string> {
  const out = new Set<string>();
  for (const c of snap.containers) for (const m of c.manualInterfaces ?? []) for (const a of m.addresses) out.add(a.split('/')[0] ?? a);
  return out;
}

/** A plain address or CIDR as CIDR (default prefix given); IPv4 only. */
function asCidr(field: string, text: string, defaultBits: number): { ip: string; bits: number } {
  const t = text.trim();
  const [ipText = '', bitsText] = t.split('/');
  const ip = parseAddress(field, ipText);
  if (ip.kind() !== 'ipv4') fail(field, `${field}: ${t} is not IPv4 (hand-made links are IPv4 only).`);
  const bits = bitsText === undefined ? defaultBits : Number(bitsText);
  if (!/^\d+$/.test(bitsText ?? '0') || bits < 1 || bits > 32) fail(field, `${field}: "${t}" is not an IPv4 CIDR (like 10.1.1.1/32).`);
  return { ip: ip.toString(), bits };
}

/** The Docker network whose subnet holds an address, if any. */
const networkHolding = (snap: Snapshot, ip: string): string | undefined =>
  snap.networks.find((n) => v4(n).some((s) => ipInCidr(ip, s)))?.name;

/** Both addresses, or a free pair: the .1 and .2 of a /30 in 10.253.0.0/16 that no network, route or link uses. */
export function linkAddresses(snap: Snapshot, a?: string, b?: string): { a: string; b: string } {
  if (!!a?.trim() !== !!b?.trim()) fail(a?.trim() ? 'addressB' : 'addressA', 'Give both addresses, or neither (a free pair is picked).');
  const used = manualAddresses(snap);
  if (a?.trim() && b?.trim()) {
    const x = asCidr('addressA', a, 32);
    const y = asCidr('addressB', b, 32);
    if (x.ip === y.ip) fail('addressB', `Both ends would be ${x.ip}.`);
    for (const [field, e] of [
      ['addressA', x],
      ['addressB', y],
    ] as const) {
      const net = networkHolding(snap, e.ip);
      if (net) fail(field, `${e.ip} is inside Docker network "${net}": pick an address outside every Docker network.`);
      if (used.has(e.ip)) fail(field, `${e.ip} is already held by a hand-made interface.`);
    }
    return { a: `${x.ip}/${x.bits}`, b: `${y.ip}/${y.bits}` };
  }
  const taken = [...snap.networks.flatMap(v4), ...(snap.host.routes ?? []).map((r) => r.destination).filter((d) => d !== '0.0.0.0/0')];
  for (let i = 0; i < 16384; i++) {
    const base = 0x0afd0000 + i * 4; // 10.253.0.0 + i × /30
    const block = `${ipaddr.fromByteArray([base >>> 24, (base >>> 16) & 255, (base >>> 8) & 255, base & 255]).toString()}/30`;
    if (taken.some((t) => overlaps(block, t))) continue;
    const one = ipaddr.fromByteArray([10, 253, ((base + 1) >>> 8) & 255, (base + 1) & 255]).toString();
    const two = ipaddr.fromByteArray([10, 253, ((base + 2) >>> 8) & 255, (base + 2) & 255]).toString();
    if (used.has(one) || used.has(two)) continue;
    return { a: `${one}/32`, b: `${two}/32` };
  }
  return fail('addressA', 'No free pair left in 10.253.0.0/16: give --address-a and --address-b.');
}

function overlaps(x: string, y: string): boolean {
  try {
    const [xa, xb] = ipaddr.parseCIDR(x);
    const [ya, yb] = ipaddr.parseCIDR(y);
    return xa.kind() === ya.kind() && (xa.match(ya, yb) || ya.match(xa, xb));
  } catch {
    return false;
  }
}

/** A bridge (docker0, br-…) or a bridge network's name/id → the Docker network it belongs to. */
export function bridgeNetwork(ref: string, snap: Snapshot): NetworkInfo & { bridge: string } {
  const r = ref.trim();
  const net =
    snap.networks.find((n) => n.bridge === r) ??
    snap.networks.find((n) => n.name === r || n.id === r || (r.length >= 12 && n.id.startsWith(r)));
  if (!net) return fail('bridge', `No bridge or network "${r}".`);
  if (net.driver !== 'bridge' || !net.bridge)
    return fail('bridge', `"${net.name}" uses the ${net.driver} driver: only a bridge network has a Linux bridge to attach to.`);
  return { ...net, bridge: net.bridge };
}

/** The address (with the subnet's prefix) and gateway of an attachment: inside the subnet, free. */
export function attachAddress(
  snap: Snapshot,
  net: NetworkInfo,
  address: string,
  gateway?: string,
): { address: string; gateway: string; subnet: string } {
  const t = address.trim();
  const plain = t.split('/')[0] ?? t;
  const subnet = v4(net).find((s) => ipInCidr(plain, s));
  if (!subnet)
    return fail('address', `${plain} is outside the subnet of "${net.name}" (${v4(net).join(', ') || 'no IPv4 subnet'}): nothing changed.`);
  const bits = Number(subnet.split('/')[1]);
  const a = asCidr('address', t, bits);
  if (a.bits !== bits) fail('address', `${t}: the bridge's subnet is ${subnet}; use /${bits} (or a plain address).`);
  const sub = v4(net).find((s) => s === subnet) ?? subnet;
  const ipam = net.subnets.find((s) => s.subnet === sub);
  // Without --gateway, Docker gives the bridge the subnet's first address and leaves IPAM's field empty.
  const gw = gateway?.trim() || ipam?.effectiveGateway || ipam?.gateway || firstHost(sub);
  if (!ipInCidr(gw, sub)) fail('gateway', `Gateway ${gw} is outside ${sub}.`);
  if (a.ip === gw) fail('address', `${a.ip} is the gateway (the bridge's own address).`);
  if (ipaddr.IPv4.networkAddressFromCIDR(sub).toString() === a.ip) fail('address', `${a.ip} is the network address of ${sub}.`);
  if (ipaddr.IPv4.broadcastAddressFromCIDR(sub).toString() === a.ip) fail('address', `${a.ip} is the broadcast address of ${sub}.`);
  for (const c of snap.containers) {
    const ep = c.endpoints.find((e) => (e.networkId === net.id || e.network === net.name) && (e.ipv4 === a.ip || e.staticIpv4 === a.ip));
    if (ep) fail('address', `${a.ip} is already used by Docker's endpoint of "${c.name}" on "${net.name}": nothing changed.`);
  }
  if (manualAddresses(snap).has(a.ip)) fail('address', `${a.ip} is already held by a hand-made interface.`);
  return { address: `${a.ip}/${bits}`, gateway: gw, subnet: sub };
}

function firstHost(cidr: string): string {
  const n = ipaddr.IPv4.networkAddressFromCIDR(cidr).toByteArray();
  return ipaddr.fromByteArray([n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, (n[3] ?? 0) + 1]).toString();
}

/** The container's hand-made link to `peer`, if any. */
export const linkTo = (c: ContainerInfo, peer: ContainerInfo): ManualInterface | undefined =>
  (c.manualInterfaces ?? []).find((m) => m.peer?.container === peer.name);

/** The container's attachments (to `bridge` only, when given). */
export const attachmentsOf = (c: ContainerInfo, bridge?: string): ManualInterface[] =>
  (c.manualInterfaces ?? []).filter((m) => m.bridge !== null && (bridge === undefined || m.bridge === bridge));

/** Its netns could not be read: whether a link exists is unknown, so nothing is changed. */
export function requireRead(c: ContainerInfo, field: string, why: string): ManualInterface[] {
  return c.manualInterfaces ?? fail(field, `The interfaces of "${c.name}" could not be read (${why}): nothing changed.`);
}
