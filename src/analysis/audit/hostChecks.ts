// Audit checks on the engine's host: subnets that clash with host routes, bridge MTUs above the
// uplink's, the default bridge in use, and IP forwarding. They need the snapshot.
import { ipForwardEvidence } from '../../shared/engineNetnsText';
import type { NetworkInfo, Route, Snapshot } from '../../shared/model';
import { cidrsOverlap, prefixLength } from '../cidr';
import type { CheckOutcome, Finding } from './types';

const NEEDS_ENGINE = 'needs the engine (only a firewall dump was given)';
/** Docker's own bridge names, for routes of bridges whose network the snapshot no longer has. */
const DOCKER_BRIDGE = /^(docker0|br-[0-9a-f]{12})$/;
const MTU_OPTION = 'com.docker.network.driver.mtu';

const bridgeNetworks = (snap: Snapshot): NetworkInfo[] => snap.networks.filter((n) => n.driver === 'bridge' && n.bridge !== null);

const routeText = (r: Route): string => `${r.destination}${r.gateway ? ` via ${r.gateway}` : ''} dev ${r.interface} metric ${r.metric}`;

function overlapMessage(n: NetworkInfo, subnet: string, r: Route): string {
  const net = prefixLength(subnet) ?? 0;
  const route = prefixLength(r.destination) ?? 0;
  const fix =
    'Move the network to a free range (docker network create --subnet …), and keep Docker away from it with default-address-pools in daemon.json.';
  if (route > net) {
    return (
      `Network ${n.name} (${subnet}) contains the host route ${r.destination} via ${r.interface}: the host sends traffic for ${r.destination} to ${r.interface}, ` +
      `so containers of ${n.name} with addresses there cannot be reached from the host, and no container of ${n.name} reaches the hosts behind ${r.interface} in that range (they look on-link). ${fix}`
    );
  }
  if (route < net) {
    return `Network ${n.name} (${subnet}) lies inside the host route ${r.destination} via ${r.interface}: the host sends traffic for ${subnet} to the bridge, so the hosts behind ${r.interface} with addresses in ${subnet} cannot be reached from this host or its containers. ${fix}`;
  }
  return `Network ${n.name} (${subnet}) is also routed via ${r.interface}: two routes for one prefix, the metric picks one, and the other side is unreachable. ${fix}`;
}

export function subnetOverlapsHostRoute(snap: Snapshot | undefined): CheckOutcome {
  if (!snap) return { notChecked: `${NEEDS_ENGINE}: Docker's subnets and the host's routes` };
  const routes = snap.host.routes;
  if (!routes) return { notChecked: "the routes of the engine's network namespace could not be read" };
  const dockerBridges = new Set(bridgeNetworks(snap).map((n) => n.bridge ?? ''));
  const foreign = routes.filter(
    (r) => prefixLength(r.destination) !== 0 && !dockerBridges.has(r.interface) && !DOCKER_BRIDGE.test(r.interface),
  );
  const findings: Finding[] = [];
  for (const n of bridgeNetworks(snap)) {
    for (const s of n.subnets) {
      for (const r of foreign) {
        if (!cidrsOverlap(s.subnet, r.destination)) continue;
        findings.push({
          code: 'SUBNET_OVERLAPS_HOST_ROUTE',
          severity: 'high',
          subject: { kind: 'network', name: n.name },
          message: overlapMessage(n, s.subnet, r),
          evidence: [`network ${n.name}: ${s.subnet} on ${n.bridge ?? '?'}`, `route: ${routeText(r)}`],
        });
      }
    }
  }
  return { findings };
}

export function mtuMismatch(snap: Snapshot | undefined): CheckOutcome {
  if (!snap) return { notChecked: `${NEEDS_ENGINE}: the bridges' and the uplink's MTU` };
  const { mtu, defaultRoute } = snap.host;
  if (!mtu) return { notChecked: "the interfaces' MTUs could not be read" };
  if (!defaultRoute) return { notChecked: 'the default route, and so the uplink, is unknown' };
  const uplink = defaultRoute.interface;
  const up = mtu[uplink];
  if (up === undefined) return { notChecked: `the MTU of the uplink ${uplink} is unknown` };
  const findings: Finding[] = [];
  for (const n of bridgeNetworks(snap)) {
    const bridge = n.bridge ?? '';
    const own = mtu[bridge];
    // Internal networks never send through the uplink.
    if (n.internal || bridge === uplink || own === undefined || own <= up) continue;
    const option = n.options[MTU_OPTION];
    findings.push({
      code: 'MTU_MISMATCH',
      severity: 'medium',
      subject: { kind: 'network', name: n.name },
      message:
        `The bridge ${bridge} has MTU ${own}, the uplink ${uplink} ${up}: containers send packets the uplink cannot carry whole, and large transfers ` +
        `(TLS handshakes, git, image pulls inside containers) stall where path-MTU discovery is blocked. Set the network's MTU to ${up} or less ` +
        `(docker network create -o ${MTU_OPTION}=${up}; "mtu": ${up} in daemon.json for the default bridge).`,
      evidence: [`${bridge} mtu ${own}`, `${uplink} mtu ${up} (default route)`, ...(option ? [`${MTU_OPTION}=${option}`] : [])],
    });
  }
  return { findings };
}

export function defaultBridgeInUse(snap: Snapshot | undefined): CheckOutcome {
  if (!snap) return { notChecked: `${NEEDS_ENGINE}: which containers use the default bridge` };
  const net = snap.networks.find((n) => n.name === 'bridge' && n.builtin);
  if (!net) return { findings: [] };
  const on = snap.containers.filter((c) => c.endpoints.some((e) => e.networkId === net.id || e.network === net.name));
  if (!on.length) return { findings: [] };
  const shared =
    net.icc === false ? '' : ', and every container started without --network lands there too, so they can all reach each other';
  return {
    findings: [
      {
        code: 'DEFAULT_BRIDGE_IN_USE',
        severity: 'low',
        subject: { kind: 'network', name: net.name },
        message:
          `${on.length} container(s) on the default bridge: names do not resolve there (no embedded DNS; only IPs or legacy --link)${shared}. ` +
          'Put containers that belong together on a user-defined network (docker network create app; docker run --network app …).',
        evidence: on.map((c) => {
          const ip = c.endpoints.find((e) => e.networkId === net.id || e.network === net.name)?.ipv4;
          return `${c.name} (${c.state})${ip ? ` ${ip}` : ''}`;
        }),
      },
    ],
  };
}

export function ipForwardOff(snap: Snapshot | undefined): CheckOutcome {
  if (!snap) return { notChecked: `${NEEDS_ENGINE}: net.ipv4.ip_forward of its netns` };
  if (snap.host.ipForward === null) return { notChecked: 'net.ipv4.ip_forward could not be read' };
  if (snap.host.ipForward) return { findings: [] };
  return {
    findings: [
      {
        code: 'IP_FORWARD_OFF',
        severity: 'high',
        subject: { kind: 'host', name: 'net.ipv4.ip_forward' },
        message:
          'IPv4 forwarding is off: containers on bridge networks reach only their bridge and the host (not the LAN, the internet or other bridges), and published ports do not answer other hosts. ' +
          "Docker's iptables backend turns it on at start; a sysctl file, a firewall script or Docker's nftables backend (which never turns it on) left it off. " +
          'Fix: sysctl -w net.ipv4.ip_forward=1, and persist it in /etc/sysctl.d/.',
        evidence: [ipForwardEvidence(snap.host.engineNetns, false)],
      },
    ],
  };
}
