// Audit checks on what the firewall exposes: published ports the host firewall does not see, ports
// on every address, DOCKER-USER's place in FORWARD, and IPv6 bindings that are not analysed.
import type { FirewallModel, PublishedRule } from '../../shared/firewall';
import type { ContainerInfo, Snapshot } from '../../shared/model';
import { isIpv6 } from '../cidr';
import type { CheckOutcome, Finding } from './types';

/** At most this many DNAT rules in one finding's evidence. */
const MAX_RULES = 10;

/** Why the firewall is unknown, for `notChecked`. */
export function firewallUnknown(snap: Snapshot | undefined): string {
  const why = snap?.host.unavailable.filter((u) => /firewall|iptables|nft|root|sudo/i.test(u)) ?? [];
  return `the firewall was not read${why.length ? `: ${why.join(' ')}` : ''}`;
}

function containerByIp(snap: Snapshot | undefined, ip: string): ContainerInfo | undefined {
  return snap?.containers.find((c) => c.endpoints.some((e) => e.ipv4 === ip || e.ipv6 === ip));
}

const portLabel = (family: 'ipv4' | 'ipv6', hostPort: number, protocol: string): string =>
  `${family === 'ipv6' ? '[::]' : '0.0.0.0'}:${hostPort}/${protocol}`;

function target(p: PublishedRule, snap: Snapshot | undefined): string {
  const c = containerByIp(snap, p.containerIp);
  const addr = p.family === 'ipv6' ? `[${p.containerIp}]` : p.containerIp;
  return c ? `${c.name} (${addr}:${p.containerPort})` : `${addr}:${p.containerPort}`;
}

/** Published on every address: the firewall's DNAT rules when Docker wrote them, else the engine's bindings. */
interface OpenPort {
  subject: string;
  to: string;
  /** `-p` that would keep it on loopback. */
  local: string;
  evidence: string;
}

function openPorts(fw: FirewallModel | null, snap: Snapshot | undefined): OpenPort[] | null {
  if (fw && fw.dockerLayout !== 'none') {
    return fw.published
      .filter((p) => p.hostIp === null)
      .map((p) => ({
        subject: portLabel(p.family, p.hostPort, p.protocol),
        to: target(p, snap),
        local: `-p ${p.family === 'ipv6' ? '[::1]' : '127.0.0.1'}:${p.hostPort}:${p.containerPort}`,
        evidence: p.rule,
      }));
  }
  if (!snap) return null;
  return snap.containers
    .filter((c) => c.state === 'running')
    .flatMap((c) =>
      c.ports
        .filter((p) => p.hostPort !== null && (p.hostIp === '0.0.0.0' || p.hostIp === ''))
        .map((p) => ({
          subject: portLabel('ipv4', p.hostPort ?? 0, p.protocol),
          to: `${c.name} (:${p.containerPort})`,
          local: `-p 127.0.0.1:${p.hostPort ?? 0}:${p.containerPort}`,
          evidence: `engine: ${c.name} 0.0.0.0:${p.hostPort ?? 0} -> ${p.containerPort}/${p.protocol}`,
        })),
    );
}

export function publishedAllInterfaces(fw: FirewallModel | null, snap: Snapshot | undefined): CheckOutcome {
  const open = openPorts(fw, snap);
  if (!open) return { notChecked: firewallUnknown(snap) };
  return {
    findings: open.map((o): Finding => ({
      code: 'PUBLISHED_ALL_INTERFACES',
      severity: 'medium',
      subject: { kind: 'port', name: o.subject },
      message: `Published on every address of the host: whoever reaches the host on this port reaches ${o.to}. If only this host needs it, publish it on loopback (${o.local}).`,
      evidence: [o.evidence],
    })),
  };
}

function filterAdvice(fw: FirewallModel, uplink: string): string {
  if (fw.dockerLayout === 'docker-29-nftables') {
    return `or drop unwanted sources in a forward-hook base chain of your own nft table (Docker's nftables backend has no DOCKER-USER), e.g. iifname "${uplink}" ip saddr != 192.0.2.0/24 drop.`;
  }
  return `or filter them in DOCKER-USER, e.g. iptables -I DOCKER-USER -i ${uplink} ! -s 192.0.2.0/24 -j DROP.`;
}

export function publishedBypassesInput(fw: FirewallModel | null, snap: Snapshot | undefined): CheckOutcome {
  if (!fw) return { notChecked: firewallUnknown(snap) };
  const open = fw.published.filter((p) => p.hostIp === null);
  if (!open.length) return { findings: [] };
  if (!fw.hostFirewalls.length && fw.inputPolicy !== 'DROP') {
    if (fw.inputPolicy === null)
      return {
        notChecked: 'the dump shows neither the INPUT chain nor ufw or firewalld, so whether the host filters its input is unknown',
      };
    return { findings: [] };
  }
  const who = fw.hostFirewalls.length ? `${fw.hostFirewalls.join(' and ')}'s rules` : 'the INPUT chain (policy DROP)';
  const ports = open.map((p) => `${portLabel(p.family, p.hostPort, p.protocol)} → ${target(p, snap)}`);
  const mine = fw.userRules.length;
  const uplink = snap?.host.defaultRoute?.interface ?? 'eth0';
  const rules = open.slice(0, MAX_RULES).map((p) => p.rule);
  return {
    findings: [
      {
        code: 'PUBLISHED_BYPASSES_INPUT',
        severity: mine ? 'medium' : 'high',
        subject: { kind: 'host', name: fw.hostFirewalls.length ? fw.hostFirewalls.join(', ') : 'INPUT DROP' },
        message:
          `${open.length} port(s) published on all addresses (${ports.join(', ')}) are DNATed in PREROUTING and forwarded to the containers: ` +
          `the INPUT chain never sees them, so ${who} do not protect them. ` +
          `To keep a port local, publish it on 127.0.0.1, ${filterAdvice(fw, uplink)}` +
          (mine ? ` DOCKER-USER has ${mine} rule(s) of yours: check that they cover these ports.` : ''),
        evidence: [
          ...fw.hostPolicyEvidence.input,
          ...fw.hostPolicyEvidence.hostFirewalls,
          ...rules,
          ...(open.length > MAX_RULES ? [`… ${open.length - MAX_RULES} more`] : []),
          ...fw.userRules.map((u) => u.rule),
        ],
      },
    ],
  };
}

const NFT_DOCKER_USER =
  "Docker's nftables backend has no DOCKER-USER chain. Its equivalent is a base chain in a table of your own: " +
  "type filter hook forward, priority filter - 1 to run before Docker's. A drop there is final; an accept is not " +
  "(Docker's chains still run): to let through what Docker drops, set a mark and start dockerd with --bridge-accept-fwmark.";

export function dockerUserMissing(fw: FirewallModel | null, snap: Snapshot | undefined): CheckOutcome {
  if (!fw) return { notChecked: firewallUnknown(snap) };
  if (fw.dockerUserFirst === null) {
    if (fw.dockerLayout === 'docker-29-nftables') return { notChecked: NFT_DOCKER_USER };
    if (fw.dockerLayout === 'none') return { notChecked: 'Docker wrote no firewall rules here, so there is no DOCKER-USER to look for' };
    return { notChecked: 'the dump has no filter FORWARD chain' };
  }
  if (fw.dockerUserFirst) return { findings: [] };
  return {
    findings: [
      {
        code: 'DOCKER_USER_MISSING',
        severity: 'medium',
        subject: { kind: 'host', name: 'FORWARD' },
        message:
          'FORWARD does not start with the jump to DOCKER-USER: container traffic meets other rules first, so what they accept or drop ' +
          'never reaches your DOCKER-USER rules (or there is no DOCKER-USER at all). Restarting dockerd puts the jump back at the top; ' +
          'keep your own forwarding rules inside DOCKER-USER.',
        evidence: fw.hostPolicyEvidence.forward,
      },
    ],
  };
}

export function ipv6NotAnalysed(fw: FirewallModel | null, snap: Snapshot | undefined): CheckOutcome {
  if (!snap) return { notChecked: "needs the engine's published ports: a dump alone does not say what Docker published on IPv6" };
  const covered = (port: number, protocol: string): boolean =>
    !!fw?.published.some((p) => p.family === 'ipv6' && p.hostPort === port && p.protocol === protocol);
  const findings: Finding[] = [];
  for (const c of snap.containers) {
    if (c.state !== 'running') continue;
    for (const p of c.ports) {
      if (p.hostPort === null || !isIpv6(p.hostIp ?? '') || covered(p.hostPort, p.protocol)) continue;
      findings.push({
        code: 'IPV6_NOT_ANALYSED',
        severity: 'info',
        subject: { kind: 'port', name: `[${p.hostIp}]:${p.hostPort}/${p.protocol}` },
        message: `${c.name} is published on IPv6 as well; ip6tables is not read, so how this port is reached and filtered over IPv6 is not analysed.`,
        evidence: [`engine: ${c.name} [${p.hostIp}]:${p.hostPort} -> ${p.containerPort}/${p.protocol}`],
      });
    }
  }
  return { findings };
}
