// Snapshots for the explain tests: the captured 20.10 scenario and moby's generated 28/29 dumps
// (bridge1 192.0.2.0/24, container 192.0.2.2, port 80 published on 8080), and small lookups.
import assert from 'node:assert/strict';
import { parseFirewallDump } from '../../src/analysis/firewall';
import type { Explanation, ReasonCode } from '../../src/analysis/reachability';
import { buildSnapshot } from '../../src/core/buildSnapshot';
import type { RawContainerInspect, RawNetwork } from '../../src/docker/rawTypes';
import type { Route, Snapshot } from '../../src/shared/model';
import { capturedEngineInfo, capturedSnapshot, readFixture } from './fixtures';

/** The engine of moby's generated 28.5.2 dumps. */
export const engine = capturedEngineInfo({ version: '28.5.2', apiVersion: '1.51' });
export const CLIENT = '203.0.113.7';
export const ROUTES: Route[] = [
  { destination: '0.0.0.0/0', gateway: '198.51.100.1', interface: 'eth0', metric: 0 },
  { destination: '198.51.100.0/24', gateway: null, interface: 'eth0', metric: 0 },
  { destination: '10.9.0.0/16', gateway: null, interface: 'eth1', metric: 0 },
  { destination: '10.9.8.0/24', gateway: null, interface: 'eth2', metric: 0 },
];

export const codes = (x: Explanation): ReasonCode[] => x.reasons.map((r) => r.code);
export const reason = (x: Explanation, code: ReasonCode): { message: string; evidence: string } => {
  const r = x.reasons.find((y) => y.code === code);
  assert.ok(r, `${code} in ${codes(x).join(', ')}`);
  return r;
};
export const way = (x: Explanation, kind: string, hostIp?: string): Explanation['ways'][number] => {
  const w = x.ways.find((y) => y.kind === kind && (hostIp === undefined || y.hostIp === hostIp));
  assert.ok(w, `${kind} ${hostIp ?? ''} way in ${JSON.stringify(x.ways)}`);
  return w;
};

/** The captured 20.10 scenario (gt-web publishes 0.0.0.0:8080->80, 127.0.0.1:32769->80, 0.0.0.0:32768->9000). */
export function s2010(edit: (s: Snapshot) => void = () => undefined): Snapshot {
  // API 1.51, as the 28.5.2 engine with version 20.10.24 gave before (src/analysis does not read apiVersion).
  const s = capturedSnapshot({ engine: { apiVersion: engine.apiVersion } });
  s.host.firewall = parseFirewallDump(readFixture('firewall', '20.10.24-thishost-iptables-save.txt'));
  s.host.ipForward = true;
  s.host.routes = ROUTES;
  edit(s);
  return s;
}

/** bridge1 / 192.0.2.2 as in moby's iptablesdoc scenarios, with the dump of one of them. */
export function moby(dump: string, opts: { hostIp?: string; options?: Record<string, string> } = {}): Snapshot {
  const net: RawNetwork = {
    Name: 'usernet',
    Id: 'a'.repeat(64),
    Driver: 'bridge',
    Scope: 'local',
    IPAM: { Config: [{ Subnet: '192.0.2.0/24', Gateway: '192.0.2.1' }] },
    Options: { 'com.docker.network.bridge.name': 'bridge1', ...(opts.options ?? {}) },
  };
  const def: RawNetwork = { Name: 'bridge', Id: 'b'.repeat(64), Driver: 'bridge', IPAM: { Config: [{ Subnet: '172.17.0.0/16' }] } };
  const web: RawContainerInspect = {
    Id: 'c'.repeat(64),
    Name: '/web',
    State: { Status: 'running', Pid: 4242 },
    HostConfig: { NetworkMode: 'usernet' },
    NetworkSettings: {
      Ports: { '80/tcp': [{ HostIp: opts.hostIp ?? '0.0.0.0', HostPort: '8080' }] },
      Networks: {
        usernet: { NetworkID: 'a'.repeat(64), EndpointID: 'e'.repeat(64), IPAddress: '192.0.2.2', IPPrefixLen: 24, Gateway: '192.0.2.1' },
      },
    },
  };
  const s = buildSnapshot({ engine, networks: [def, net], containers: [web], host: null, takenAt: 0 });
  s.host.firewall = parseFirewallDump(readFixture('firewall', 'moby-generated', `${dump}.txt`));
  s.host.ipForward = true;
  s.host.routes = ROUTES;
  s.host.proxies = [];
  return s;
}
