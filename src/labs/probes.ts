// Each claim of a lab, proved by running a command in one of its containers (docker exec through
// the gateway) or by reading the engine's firewall. `observed` says what happened, in a line.
import type { DockerGateway, ExecResult } from '../docker/gateway';
import { ValidationError, validateCreateNetwork } from '../core/validate';
import type { ContainerInfo, Snapshot } from '../shared/model';
import { WEB_MARKER, hostAddress, nameOf, networkName } from './catalogue/build';
import type { LabContext, Probe, Target } from './types';

export interface ProbeEnv {
  ctx: LabContext;
  /** With the firewall read when the lab has rule probes. */
  snapshot: Snapshot;
  gateway: DockerGateway;
}

export interface ProbeOutcome {
  observed: string;
  passed: boolean;
}

const EXEC_TIMEOUT_MS = 10_000;
const firstLine = (r: ExecResult): string => (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-1)[0] ?? '';

function containerOf(env: ProbeEnv, key: string): ContainerInfo {
  const name = nameOf(env.ctx, key);
  const c = env.snapshot.containers.find((x) => x.name === name);
  if (!c) throw new Error(`container ${name} is missing: is the lab up? (lab up ${env.ctx.id})`);
  return c;
}

function ipOn(env: ProbeEnv, key: string, network: string): string {
  const c = containerOf(env, key);
  const net = networkName(env.ctx, network);
  const ip = c.endpoints.find((e) => e.network === net)?.ipv4;
  if (!ip) throw new Error(`${c.name} has no IPv4 address on ${net}`);
  return ip;
}

function subnetOfNetwork(env: ProbeEnv, key: string): { subnet: string; gateway: string } {
  const name = networkName(env.ctx, key);
  const n = env.snapshot.networks.find((x) => x.name === name);
  const s = n?.subnets.find((x) => !x.subnet.includes(':'));
  if (!s) throw new Error(`network ${name} is missing or has no IPv4 subnet`);
  return { subnet: s.subnet, gateway: s.effectiveGateway ?? s.gateway ?? hostAddress(s.subnet, 1) };
}

/** The IPv4 of a container's hand-made interface (read back from its netns by the snapshot). */
function handMadeAddress(env: ProbeEnv, t: Extract<Target, { handMade: string }>): string {
  const c = containerOf(env, t.handMade);
  const manual = c.manualInterfaces ?? [];
  let found;
  if ('peer' in t) found = manual.find((m) => m.peer?.container === nameOf(env.ctx, t.peer));
  else {
    const net = networkName(env.ctx, t.network);
    const bridge = env.snapshot.networks.find((n) => n.name === net)?.bridge;
    found = manual.find((m) => m.bridge !== null && m.bridge === bridge);
  }
  const ip = found?.addresses.find((a) => !a.includes(':'))?.split('/')[0];
  if (!ip) throw new Error(`${c.name} has no hand-made interface ${'peer' in t ? `to ${nameOf(env.ctx, t.peer)}` : `on ${t.network}`}`);
  return ip;
}

function address(env: ProbeEnv, t: Target): string {
  if ('loopback' in t) return '127.0.0.1';
  if ('handMade' in t) return handMadeAddress(env, t);
  if ('name' in t) return t.name;
  if ('gatewayOf' in t) return subnetOfNetwork(env, t.gatewayOf).gateway;
  return ipOn(env, t.container, t.network);
}

const run = (env: ProbeEnv, key: string, argv: string[]): Promise<ExecResult> =>
  env.gateway.exec(containerOf(env, key).id, argv, { timeoutMs: EXEC_TIMEOUT_MS });

/** Interface names from `ip -o link` (eth0@if12 → eth0). */
export function interfaceNames(ipLink: string): string[] {
  return ipLink
    .split('\n')
    .map((l) => /^\d+:\s*([^:@\s]+)/.exec(l)?.[1])
    .filter((n): n is string => Boolean(n));
}

/** `ip -o addr` without the lines' varying counters, to compare two containers. */
const addrKey = (text: string): string =>
  text
    .split('\n')
    .map((l) =>
      l
        .replace(/\s+valid_lft.*$/, '')
        .replace(/\\/g, '')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');

async function ping(env: ProbeEnv, p: Extract<Probe, { kind: 'ping' }>): Promise<ProbeOutcome> {
  const to = address(env, p.to);
  const r = await run(env, p.from, ['ping', '-c', '1', '-W', '2', to]);
  const from = /PING \S+ \(([^)]+)\)/.exec(r.stdout)?.[1];
  const observed = r.exitCode === 0 ? `reply from ${from ?? to}` : `no reply from ${to} (exit ${r.exitCode}: ${firstLine(r)})`;
  return { observed, passed: (r.exitCode === 0) === (p.expect === 'reply') };
}

async function http(env: ProbeEnv, p: Extract<Probe, { kind: 'http' }>): Promise<ProbeOutcome> {
  const host = address(env, p.to);
  let port: number;
  if (typeof p.port === 'number') port = p.port;
  else {
    const { publishedBy, containerPort } = p.port;
    const binding = containerOf(env, publishedBy).ports.find((b) => b.containerPort === containerPort && b.hostPort !== null);
    if (!binding?.hostPort) return { observed: `port ${containerPort} of ${nameOf(env.ctx, publishedBy)} is not published`, passed: false };
    port = binding.hostPort;
  }
  // The server may still be starting right after `up`: a few tries before "no answer".
  let r: ExecResult = { exitCode: -1, stdout: '', stderr: '' };
  for (let i = 0; i < (p.expect === 'answered' ? 5 : 1); i++) {
    r = await run(env, p.from, ['sh', '-c', `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${host} ${port}`]);
    if (r.stdout.includes(WEB_MARKER)) break;
    await new Promise((res) => setTimeout(res, 300));
  }
  const answered = r.stdout.includes(WEB_MARKER);
  const status = r.stdout.split('\n')[0]?.trim();
  return {
    observed: answered
      ? `answered from ${host}:${port} (${status ?? ''}, page ${WEB_MARKER})`
      : `no answer from ${host}:${port} (exit ${r.exitCode})`,
    passed: answered === (p.expect === 'answered'),
  };
}

async function nslookup(env: ProbeEnv, p: Extract<Probe, { kind: 'nslookup' }>): Promise<ProbeOutcome> {
  const name = nameOf(env.ctx, p.container);
  const ip = ipOn(env, p.container, p.network);
  const r = await run(env, p.from, ['nslookup', name, '127.0.0.11']);
  const answers = [...r.stdout.matchAll(/Address:\s*([0-9.]+)\s*$/gm)].map((m) => m[1]).filter((a) => a !== '127.0.0.11');
  const answered = r.exitCode === 0 && answers.includes(ip);
  const observed = answered
    ? `127.0.0.11 answered ${name} → ${answers.join(', ')}`
    : `no answer for ${name} (exit ${r.exitCode}: ${firstLine(r)})`;
  return { observed, passed: answered === (p.expect === 'answer') };
}

async function interfaces(env: ProbeEnv, p: Extract<Probe, { kind: 'interfaces' }>): Promise<ProbeOutcome> {
  const r = await run(env, p.in, ['ip', '-o', 'link']);
  const names = interfaceNames(r.stdout);
  const observed = r.exitCode === 0 ? `interfaces: ${names.join(', ')}` : `ip failed (exit ${r.exitCode}: ${firstLine(r)})`;
  const e = p.expect;
  const passed =
    r.exitCode === 0 &&
    ('only' in e ? names.length === e.only.length && e.only.every((n) => names.includes(n)) : e.includes.every((n) => names.includes(n)));
  return { observed, passed };
}

async function hostsEntry(env: ProbeEnv, p: Extract<Probe, { kind: 'hosts-entry' }>): Promise<ProbeOutcome> {
  const r = await run(env, p.in, ['cat', '/etc/hosts']);
  const line = r.stdout.split('\n').find((l) => l.trim().split(/\s+/).slice(1).includes(p.name));
  return {
    observed: line ? `present: ${line.trim().replace(/\s+/g, ' ')}` : `absent (no line names ${p.name})`,
    passed: Boolean(line) === (p.expect === 'present'),
  };
}

async function sameNetns(env: ProbeEnv, p: Extract<Probe, { kind: 'same-netns' }>): Promise<ProbeOutcome> {
  const [a, b] = await Promise.all([run(env, p.a, ['ip', '-o', 'addr']), run(env, p.b, ['ip', '-o', 'addr'])]);
  const same = a.exitCode === 0 && addrKey(a.stdout) === addrKey(b.stdout);
  const v4 = [...a.stdout.matchAll(/^\d+:\s*(\S+)\s+inet (\S+)/gm)].map((m) => `${m[1] ?? ''} ${m[2] ?? ''}`).join(', ');
  return {
    observed: same
      ? `identical ip addr (${v4})`
      : `different: ${addrKey(a.stdout).split('\n').length} vs ${addrKey(b.stdout).split('\n').length} lines`,
    passed: same,
  };
}

async function staticAddress(env: ProbeEnv, p: Extract<Probe, { kind: 'address' }>): Promise<ProbeOutcome> {
  const want = hostAddress(subnetOfNetwork(env, p.network).subnet, p.hostIndex);
  const r = await run(env, p.in, ['ip', '-o', '-4', 'addr', 'show', 'eth0']);
  const got = /inet (\S+)/.exec(r.stdout)?.[1];
  return { observed: got ? `eth0 has ${got}` : `no IPv4 on eth0 (exit ${r.exitCode})`, passed: got?.split('/')[0] === want };
}

async function defaultRoute(env: ProbeEnv, p: Extract<Probe, { kind: 'default-route' }>): Promise<ProbeOutcome> {
  const { gateway } = subnetOfNetwork(env, p.network);
  const r = await run(env, p.in, ['ip', 'route']);
  const line = r.stdout.split('\n').find((l) => l.startsWith('default'));
  return { observed: line ? line.trim() : `no default route (exit ${r.exitCode})`, passed: line?.split(/\s+/)[2] === gateway };
}

function firewallUnread(env: ProbeEnv): ProbeOutcome {
  return { observed: `firewall not read: ${env.snapshot.host.unavailable.join(' ') || 'no reason given'}`, passed: false };
}

function masquerade(env: ProbeEnv, p: Extract<Probe, { kind: 'masquerade' }>): ProbeOutcome {
  const fw = env.snapshot.host.firewall;
  if (!fw) return firewallUnread(env);
  const { subnet } = subnetOfNetwork(env, p.network);
  const rule = fw.masquerade.find((m) => m.source === subnet);
  return { observed: rule ? rule.rule : `no MASQUERADE rule for ${subnet}`, passed: Boolean(rule) };
}

function published(env: ProbeEnv, p: Extract<Probe, { kind: 'published' }>): ProbeOutcome {
  const fw = env.snapshot.host.firewall;
  if (!fw) return firewallUnread(env);
  const c = containerOf(env, p.container);
  const ips = c.endpoints.map((e) => e.ipv4).filter(Boolean);
  const rule = fw.published.find((r) => ips.includes(r.containerIp) && r.containerPort === p.containerPort);
  const proxy = (env.snapshot.host.proxies ?? []).find((x) => ips.includes(x.containerIp) && x.containerPort === p.containerPort);
  const observed = [
    rule?.rule,
    proxy ? `${proxy.name} ${proxy.hostIp}:${proxy.hostPort} → ${proxy.containerIp}:${proxy.containerPort}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return { observed: observed || `no DNAT rule and no proxy to ${c.name}:${p.containerPort}`, passed: Boolean(rule ?? proxy) };
}

async function refusedNetwork(env: ProbeEnv, p: Extract<Probe, { kind: 'refused-network' }>): Promise<ProbeOutcome> {
  let ours = 'accepted';
  try {
    validateCreateNetwork(p.request, env.snapshot);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    ours = err.message;
  }
  // Docker asked directly, past our validation, to show that the engine refuses it too.
  let docker: string;
  let dockerRefused = true;
  try {
    const id = await env.gateway.createNetwork({
      name: p.request.name,
      driver: 'bridge',
      ipam: [{ subnet: p.request.subnet ?? '', gateway: p.request.gateway }],
      labels: p.request.labels,
    });
    dockerRefused = false;
    docker = 'Docker accepted it (removed again)';
    await env.gateway.removeNetwork(id);
  } catch (err) {
    docker = `Docker says "${err instanceof Error ? err.message : String(err)}"`;
  }
  return { observed: `ours: ${ours}; ${docker}`, passed: p.reason.test(ours) && dockerRefused };
}

export function runProbe(env: ProbeEnv, p: Probe): Promise<ProbeOutcome> {
  switch (p.kind) {
    case 'ping':
      return ping(env, p);
    case 'http':
      return http(env, p);
    case 'nslookup':
      return nslookup(env, p);
    case 'interfaces':
      return interfaces(env, p);
    case 'hosts-entry':
      return hostsEntry(env, p);
    case 'same-netns':
      return sameNetns(env, p);
    case 'address':
      return staticAddress(env, p);
    case 'default-route':
      return defaultRoute(env, p);
    case 'masquerade':
      return Promise.resolve(masquerade(env, p));
    case 'published':
      return Promise.resolve(published(env, p));
    case 'refused-network':
      return refusedNetwork(env, p);
  }
}
