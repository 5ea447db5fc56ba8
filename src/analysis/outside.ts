// Pure: explain from the engine's host (a process in its netns) or from an IPv4 client outside it.
import { byRef } from '../shared/lookup';
import type { ContainerInfo, Snapshot } from '../shared/model';
import type { AddReason, Explanation } from './explainTypes';
import { inputFacts, routeFor, routeText } from './explainRules';
import { bindings, type Target } from './ingressParts';
import { outsideWays } from './ingressWays';
import { hostWays } from './localWays';
import { gatewayReason, nsOwner } from './gateway';

interface Start {
  out: Explanation;
  reason: AddReason;
  b0: ContainerInfo;
  b: ContainerInfo;
  /** false when B cannot be reached at all (not running, --network none): out is final. */
  go: boolean;
}

function start(snap: Snapshot, from: string, fromKind: 'host' | 'outside', toName: string, port: number | null): Start {
  const b0 = byRef(snap.containers, toName);
  if (!b0) throw new Error(`No container "${toName}".`);
  const out: Explanation = { from, fromKind, to: b0.name, port, reachable: false, ways: [], reasons: [] };
  const reason: AddReason = (code, message, evidence) => {
    out.reasons.push({ code, message, evidence });
  };
  const b = nsOwner(b0, snap);
  if (b0.state !== 'running') {
    reason(
      'NOT_RUNNING',
      `${b0.name} is ${b0.state}: it has no network until it runs.`,
      `docker inspect ${b0.name}: State.Status=${b0.state}`,
    );
    return { out, reason, b0, b, go: false };
  }
  if (b.networkModeKind === 'none') {
    reason('NETWORK_NONE', `${b0.name} runs with --network none: it has only loopback.`, `${b0.name}: NetworkMode=none`);
    return { out, reason, b0, b, go: false };
  }
  return { out, reason, b0, b, go: true };
}

function verdict(snap: Snapshot, s: Start): Explanation {
  const { out, reason } = s;
  if (s.b.endpoints.filter((e) => e.ipv4).length > 1) gatewayReason(snap, s.b, reason);
  const open = out.ways.some((w) => w.open);
  if (!snap.host.firewall) {
    reason(
      'FIREWALL_UNKNOWN',
      'Firewall rules were not read (see the evidence for why): DOCKER-USER, the raw-table drops and the FORWARD policy are unknown.',
      snap.host.unavailable.join(' '),
    );
    out.reachable = open ? 'unknown' : false;
  } else {
    out.reachable = open;
  }
  return out;
}

function noPorts(t: Target, b0: ContainerInfo): void {
  if (bindings(t.b, t.port).length) return;
  t.reason(
    'PUBLISHED_PORT',
    `${b0.name} publishes no port${t.port ? ` for ${t.port}` : ''} on an IPv4 host address.`,
    `docker inspect ${b0.name}: ${
      t.b.ports
        .filter((p) => p.hostPort !== null)
        .map((p) => `${p.hostIp ?? '0.0.0.0'}:${p.hostPort ?? ''}->${p.containerPort}/${p.protocol}`)
        .join(', ') || 'no published ports'
    }`,
  );
}

/** `host`: a process in the engine's network namespace. */
export function explainFromHost(snap: Snapshot, toName: string, port: number | null): Explanation {
  const s = start(snap, 'host', 'host', toName, port);
  if (!s.go) return s.out;
  if (s.b.networkModeKind === 'host') {
    s.reason(
      'HOST_NETWORK',
      `${s.b0.name} uses the host network stack: the host reaches it on localhost${port ? `:${port}` : ''}.`,
      `${s.b0.name}: NetworkMode=host`,
    );
    s.out.ways.push({ kind: 'localhost', network: 'host', address: '127.0.0.1', byName: false, names: [], open: true });
    s.out.reachable = true;
    return s.out;
  }
  const t: Target = { snap, b: s.b, name: s.b0.name, port, reason: s.reason, ways: s.out.ways };
  hostWays(t);
  return verdict(snap, s);
}

/** An IPv4 client outside the engine's host: it comes in on the interface the route lookup gives. */
export function explainFromOutside(snap: Snapshot, client: string, toName: string, port: number | null): Explanation {
  const s = start(snap, client, 'outside', toName, port);
  if (!s.go) return s.out;
  const route = snap.host.routes ? routeFor(snap.host.routes, client) : undefined;
  if (s.b.networkModeKind === 'host') {
    // No DNAT and no forwarding: the packet is input to the host, so INPUT rules decide.
    const input = inputFacts(snap.host.firewall);
    const open = snap.host.firewall?.inputPolicy !== 'DROP';
    s.out.ways.push({ kind: 'network', network: 'host', address: '0.0.0.0', byName: false, names: [], open });
    s.reason(
      'HOST_NETWORK',
      `${s.b0.name} uses the host network stack: ${client} reaches it on the host's addresses${port ? ` port ${port}` : ''} as input to the host, so the host's INPUT rules apply${open ? '' : ' (policy DROP: only a rule that accepts the port lets it in)'}.`,
      `${route ? `${routeText(route)}; ` : ''}${input.evidence}`,
    );
    return verdict(snap, s);
  }
  const t: Target = { snap, b: s.b, name: s.b0.name, port, reason: s.reason, ways: s.out.ways };
  noPorts(t, s.b0);
  outsideWays(t, client, route);
  return verdict(snap, s);
}
