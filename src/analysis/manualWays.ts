// Pure: ways between two containers over interfaces made by hand (tutorial 003): a point-to-point
// veth between them, or a veth into the bridge the other one is on. Docker knows neither; the
// snapshot read them from the netns (ContainerInfo.manualInterfaces).
import type { ContainerInfo, ManualInterface, NetworkInfo, Snapshot } from '../shared/model';
import { ipInCidr } from './cidr';
import type { AddReason, Way } from './explainTypes';

const bare = (cidr: string): string => cidr.split('/')[0] ?? cidr;

/** Whether `m` sends to `ip`: its own subnet holds it, or one of its routes does. */
const routes = (m: ManualInterface, ip: string): boolean =>
  m.addresses.some((a) => !a.endsWith('/32') && ipInCidr(ip, a)) || m.routes.some((r) => ipInCidr(ip, r.destination));

/** Both ends of every hand-made link between a and b, and every bridge one is attached to where the other is. */
export function manualWays(snap: Snapshot, a: ContainerInfo, b: ContainerInfo, reason: AddReason): Way[] {
  const ways: Way[] = [];
  const link = (name: string, address: string, open: boolean): void => {
    ways.push({ kind: 'link', network: name, address, byName: false, names: [], open, codes: ['MANUAL_LINK'] });
  };
  for (const m of a.manualInterfaces ?? []) {
    if (m.peer?.container !== b.name) continue;
    const far = (b.manualInterfaces ?? []).find((x) => x.name === m.peer?.ifname);
    const ip = far?.addresses[0] ? bare(far.addresses[0]) : null;
    if (!ip) continue;
    const open = m.up && (far?.up ?? false) && routes(m, ip);
    link(`${m.name} ↔ ${b.name}:${far?.name ?? '?'}`, ip, open);
    reason(
      'MANUAL_LINK',
      open
        ? `${a.name} and ${b.name} are linked by a hand-made veth pair: ${a.name} ${m.addresses.join(', ')} → ${b.name} ${ip} (point to point, no bridge, no NAT).`
        : `${a.name} and ${b.name} are linked by a hand-made veth pair, but ${!m.up || !far?.up ? 'an end is down' : `${a.name} has no route to ${ip} through ${m.name}`}.`,
      `ip -d addr in ${a.name}: ${m.name} (veth, peer ${b.name}:${far?.name ?? '?'}) ${m.addresses.join(' ')}; routes: ${m.routes.map((r) => `${r.destination} dev ${r.interface}`).join(', ') || 'none'}`,
    );
  }
  const nets = snap.networks.filter((n) => n.bridge);
  for (const net of nets) bridgeWays(net, a, b, link, reason);
  return ways;
}

/** Each one's address on a bridge: Docker's endpoint or a hand-made attachment. */
function onBridge(c: ContainerInfo, net: NetworkInfo): { ip: string; manual: ManualInterface | null } | undefined {
  const m = (c.manualInterfaces ?? []).find((x) => x.bridge === net.bridge && x.addresses.length);
  if (m) return { ip: bare(m.addresses[0] ?? ''), manual: m };
  const ep = c.endpoints.find((e) => e.networkId === net.id && e.ipv4);
  return ep?.ipv4 ? { ip: ep.ipv4, manual: null } : undefined;
}

function bridgeWays(
  net: NetworkInfo,
  a: ContainerInfo,
  b: ContainerInfo,
  link: (name: string, address: string, open: boolean) => void,
  reason: AddReason,
): void {
  const x = onBridge(a, net);
  const y = onBridge(b, net);
  // Both through Docker is SHARED_NETWORK's case; at least one end must be hand-made here.
  if (!x || !y || (!x.manual && !y.manual)) return;
  const open = net.icc !== false && (x.manual?.up ?? true) && (y.manual?.up ?? true);
  link(`${net.name} (${net.bridge ?? '?'}, by hand)`, y.ip, open);
  const who = [x.manual ? `${a.name} (${x.manual.name})` : null, y.manual ? `${b.name} (${y.manual.name})` : null].filter(Boolean);
  reason(
    'MANUAL_LINK',
    `${who.join(' and ')} ${who.length > 1 ? 'are' : 'is'} attached by hand to bridge ${net.bridge ?? '?'} of ${net.name}: ${a.name} ${x.ip} → ${b.name} ${y.ip} over the bridge${open ? '' : `, but ${net.icc === false ? 'inter-container traffic is off there' : 'an end is down'}`}.`,
    `veth peer's master in the engine's netns: ${[x.manual, y.manual]
      .filter((m): m is ManualInterface => !!m)
      .map((m) => `${m.peer?.hostIfname ?? '?'} → ${m.bridge ?? '?'}`)
      .join(', ')}`,
  );
}
