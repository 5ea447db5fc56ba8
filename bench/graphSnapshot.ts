// A generated snapshot of any size for the graph benchmark: user bridge networks with their
// containers, some on two networks, some in host or none mode, some joined, some stopped, some
// publishing a port; firewall rules to match (MASQUERADE per subnet, DNAT per port).
import type { FirewallModel } from '../src/shared/firewall';
import type { ContainerInfo, Endpoint, NetworkInfo, Snapshot } from '../src/shared/model';
// Seeded, so every run draws the same graph.
import { rng } from '../test/helpers/rng';

const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0').slice(-len);
const id64 = (kind: number, i: number): string => `${hex(kind, 2)}${hex(i, 6)}`.padEnd(64, 'a');

function network(i: number): NetworkInfo {
  const subnet = `10.${200 + Math.floor(i / 250)}.${i % 250}.0/24`;
  return {
    id: id64(1, i),
    name: `bench-net-${i}`,
    driver: 'bridge',
    scope: 'local',
    internal: i % 17 === 5,
    attachable: false,
    ipv6: false,
    builtin: false,
    subnets: [{ subnet, gateway: null, ipRange: null, effectiveGateway: subnet.replace(/0\/24$/, '1') }],
    bridge: `br-${id64(1, i).slice(0, 12)}`,
    icc: i % 13 !== 7,
    masquerade: true,
    options: {},
    labels: { 'com.docker.compose.project': `proj-${i % 10}`, 'com.docker.compose.network': `net-${i}` },
    compose: { project: `proj-${i % 10}`, network: `net-${i}` },
    created: '2026-01-01T00:00:00Z',
    containerIds: [],
  };
}

function endpoint(net: NetworkInfo, host: number, c: string, running: boolean, idx: number): Endpoint {
  const base = net.subnets[0]?.subnet.replace(/0\/24$/, '') ?? '10.0.0.';
  return {
    network: net.name,
    networkId: net.id,
    endpointId: running ? id64(9, host) : null,
    ipv4: running ? `${base}${host}` : null,
    prefixLen: running ? 24 : null,
    ipv6: null,
    mac: running ? `02:42:0a:00:${hex(host >> 8, 2)}:${hex(host, 2)}` : null,
    gateway: running ? `${base}1` : null,
    aliases: [c],
    staticIpv4: null,
    links: [],
    ifname: running ? `eth${idx}` : null,
    hostVeth: running ? `veth${hex(host * 7 + idx, 7)}` : null,
    bridge: net.bridge,
    gwPriority: null,
  };
}

export function generateSnapshot(containers: number, networks: number, seed = 1): Snapshot {
  const r = rng(seed);
  const nets = Array.from({ length: networks }, (_, i) => network(i));
  const bridge: NetworkInfo = {
    ...network(999),
    id: id64(2, 0),
    name: 'bridge',
    builtin: true,
    bridge: 'docker0',
    subnets: [{ subnet: '172.17.0.0/16', gateway: null, ipRange: null, effectiveGateway: '172.17.0.1' }],
    labels: {},
    compose: null,
  };
  const all = [bridge, ...nets];
  const out: ContainerInfo[] = [];
  const hostNo = new Map<string, number>();
  const nextHost = (n: NetworkInfo): number => {
    const h = (hostNo.get(n.id) ?? 1) + 1;
    hostNo.set(n.id, h);
    return h;
  };
  for (let i = 0; i < containers; i++) {
    const id = id64(3, i);
    const name = `bench-c-${i}`;
    const roll = r();
    const running = r() > 0.05;
    const kind: ContainerInfo['networkModeKind'] =
      roll < 0.02 ? 'host' : roll < 0.03 ? 'none' : roll < 0.05 && out.length > 0 ? 'container' : roll < 0.08 ? 'bridge' : 'network';
    const c: ContainerInfo = {
      id,
      name,
      image: 'busybox:local',
      state: running ? 'running' : 'exited',
      status: running ? 'Up 1 hour' : 'Exited (0) 1 hour ago',
      pid: running ? 1000 + i : null,
      networkMode: kind === 'network' ? '' : kind,
      networkModeKind: kind,
      netnsOwner: null,
      netnsOwnerId: null,
      netnsMembers: [],
      endpoints: [],
      manualInterfaces: [],
      ports: [],
      labels: { 'com.docker.compose.project': `proj-${i % 10}`, 'com.docker.compose.service': `svc-${i % 37}` },
      compose: { project: `proj-${i % 10}`, service: `svc-${i % 37}` },
      hostname: id.slice(0, 12),
      created: '2026-01-01T00:00:00Z',
    };
    if (kind === 'container') {
      const owner = out[Math.floor(r() * out.length)] as ContainerInfo;
      const root = owner.netnsOwnerId ? (out.find((x) => x.id === owner.netnsOwnerId) ?? owner) : owner;
      c.networkMode = `container:${root.name}`;
      c.netnsOwner = root.name;
      c.netnsOwnerId = root.id;
      root.netnsMembers.push(name);
    } else if (kind === 'bridge' || kind === 'network') {
      const first = kind === 'bridge' ? bridge : (nets[Math.floor(r() * nets.length)] as NetworkInfo);
      const list = [first];
      if (kind === 'network' && r() < 0.1) list.push(nets[Math.floor(r() * nets.length)] as NetworkInfo);
      [...new Set(list)].forEach((n, idx) => {
        c.endpoints.push(endpoint(n, nextHost(n), name, running, idx));
        n.containerIds.push(id);
      });
      c.networkMode = first.name;
      if (r() < 0.15) {
        const port = 20000 + i;
        c.ports.push(
          { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: port },
          { containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: port },
        );
      }
    }
    out.push(c);
  }
  const firewall: FirewallModel = {
    backend: 'iptables-legacy',
    dockerLayout: 'docker-20.10-27',
    forwardPolicy: 'DROP',
    published: out.flatMap((c) =>
      c.ports
        .filter((p) => p.hostIp === '0.0.0.0' && c.endpoints[0]?.ipv4)
        .map((p) => ({
          hostIp: null,
          hostPort: p.hostPort ?? 0,
          protocol: p.protocol,
          containerIp: c.endpoints[0]?.ipv4 ?? '',
          containerPort: p.containerPort,
          bridge: c.endpoints[0]?.bridge ?? null,
          family: 'ipv4' as const,
          rule: `-A DOCKER ! -i ${c.endpoints[0]?.bridge ?? ''} -p tcp -m tcp --dport ${p.hostPort ?? 0} -j DNAT --to-destination ${c.endpoints[0]?.ipv4 ?? ''}:${p.containerPort}`,
        })),
    ),
    masquerade: all
      .filter((n) => !n.internal)
      .map((n) => ({
        source: n.subnets[0]?.subnet ?? '',
        exceptOutInterface: n.bridge,
        family: 'ipv4' as const,
        rule: `-A POSTROUTING -s ${n.subnets[0]?.subnet ?? ''} ! -o ${n.bridge ?? ''} -j MASQUERADE`,
      })),
    hairpin: [],
    iccDisabled: all.filter((n) => n.icc === false).map((n) => n.bridge ?? ''),
    internal: all.filter((n) => n.internal).map((n) => n.bridge ?? ''),
    routed: [],
    natUnprotected: [],
    isolated: all.map((n) => n.bridge ?? ''),
    directRoutingDrops: [],
    bridgeFlagRules: [],
    userRules: [],
    bridges: all.map((n) => n.bridge ?? ''),
    unrecognised: [],
    inputPolicy: 'ACCEPT',
    hostFirewalls: [],
    dockerUserFirst: true,
    hostPolicyEvidence: { input: [], hostFirewalls: [], forward: ['-A FORWARD -j DOCKER-USER'] },
  };
  return {
    engine: {
      version: '20.10.24',
      apiVersion: '1.41',
      endpoint: 'unix:///var/run/docker.sock',
      endpointSource: 'default socket',
      os: 'linux',
      kernelVersion: '6.1',
      swarmActive: false,
    },
    networks: [
      ...all,
      {
        ...network(998),
        id: id64(2, 1),
        name: 'host',
        driver: 'host',
        builtin: true,
        bridge: null,
        subnets: [],
        icc: null,
        masquerade: null,
      },
      {
        ...network(997),
        id: id64(2, 2),
        name: 'none',
        driver: 'null',
        builtin: true,
        bridge: null,
        subnets: [],
        icc: null,
        masquerade: null,
      },
    ],
    containers: out,
    host: {
      engineNetns: { pid: 1, inode: 4026531840, same: true, kind: 'host', how: 'bench fixture' },
      routes: null,
      rootless: null,
      mtu: null,
      ipForward: true,
      defaultRoute: { interface: 'eth0', gateway: '192.0.2.1' },
      firewall,
      proxies: [],
      bridges: {},
      unavailable: [],
    },
    takenAt: 1_700_000_000_000,
  };
}

/** The same snapshot after some churn: `n` containers removed, `n` added, `n` stopped or started. */
export function churn(s: Snapshot, n: number, round: number): Snapshot {
  const next: Snapshot = JSON.parse(JSON.stringify(s)) as Snapshot;
  const removable = next.containers.filter((c) => c.networkModeKind === 'network' && c.netnsMembers.length === 0);
  const gone = new Set(removable.slice(round * n, round * n + n).map((c) => c.id));
  next.containers = next.containers.filter((c) => !gone.has(c.id));
  for (const net of next.networks) net.containerIds = net.containerIds.filter((id) => !gone.has(id));
  const template = removable[removable.length - 1];
  for (let i = 0; template && i < n; i++) {
    const c = JSON.parse(JSON.stringify(template)) as ContainerInfo;
    c.id = id64(4, round * 1000 + i);
    c.name = `bench-new-${round}-${i}`;
    c.ports = [];
    for (const ep of c.endpoints) {
      ep.ipv4 = ep.ipv4 ? ep.ipv4.replace(/\d+$/, String(200 + i)) : null;
      next.networks.find((x) => x.id === ep.networkId)?.containerIds.push(c.id);
    }
    next.containers.push(c);
  }
  next.containers.slice(0, n).forEach((c) => {
    c.state = c.state === 'running' ? 'exited' : 'running';
  });
  next.takenAt += 1000 * (round + 1);
  return next;
}
