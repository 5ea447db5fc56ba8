// Pure: path diagrams as plain text (CLI, code blocks in hovers) and as markdown around them.
import { bracketed, isIpv6 } from '../analysis/cidr';
import type { ContainerPath, EgressPath, Hop, IngressPath } from '../analysis/paths';
import type { Explanation, Way } from '../analysis/reachability';
import { routeLine } from './routeDiagram';

const hopText = (h: Hop): string => `${h.name}${h.address ? ` (${h.address})` : ''}`;

/** container:eth0 (10.0.0.2/24) ⇄ veth1a2b ⇄ br-x (10.0.0.1) ⇄ MASQUERADE ⇄ out */
export function egressLine(e: EgressPath): string {
  return e.hops.map(hopText).join(' ⇄ ');
}

export function ingressLine(i: IngressPath): string {
  const v6 = isIpv6(i.hostIp);
  const proxy = i.proxyName ?? 'docker-proxy';
  const via =
    i.via === 'both'
      ? `DNAT + ${proxy}`
      : i.via === 'dnat'
        ? 'DNAT'
        : i.via === 'proxy'
          ? proxy
          : v6
            ? 'IPv6 (ip6tables not read)'
            : 'no rule found';
  const driver = i.portDriver ? ' ⇄ rootlesskit ⇄ engine netns' : '';
  return `host ${bracketed(i.hostIp)}:${i.hostPort}/${i.protocol}${driver} ⇄ ${via} ⇄ ${i.containerIp ?? '?'}:${i.containerPort}`;
}

const pad = (s: string, n: number): string => (s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length));

/** One hop per line: the name, then what to know about it (address, rule or note). */
function hopLine(h: Hop): string {
  const label = h.kind === 'veth' || h.kind === 'host' ? `⇅ ${h.name}` : h.kind === 'out' ? `→ ${h.name}` : h.name;
  const detail = h.rule ?? h.address ?? h.note ?? '';
  return `  ${pad(label, 26)}${detail}`.trimEnd();
}

/** The text block: egress per network (hop per line), then each published port. */
export function pathText(p: ContainerPath): string {
  const lines: string[] = [];
  p.egressByNetwork.forEach((e, i) => {
    lines.push(`egress${e.network ? ` via ${e.network}` : ''}${i === 0 && p.egressByNetwork.length > 1 ? ' (default route)' : ''}`);
    lines.push(...e.hops.map(hopLine));
  });
  for (const i of p.ingress) {
    lines.push(`ingress ${ingressLine(i)}`);
    if (i.portDriver) lines.push(`  ${pad('port driver', 26)}${i.portDriver}`);
    if (i.rule) lines.push(`  ${pad('DNAT', 26)}${i.rule}`);
    if (i.proxy) lines.push(`  ${pad('proxy', 26)}${i.proxy}`);
    if (i.protection) lines.push(`  ${pad('protected by', 26)}${i.protection}`);
    if (i.note) lines.push(`  ${pad('note', 26)}${i.note}`);
  }
  return lines.join('\n');
}

/** One way as a person reads it: the kind, where to connect, and how names resolve. */
export function wayText(w: Way): string {
  if (w.kind === 'published')
    return `published ${w.address}:${w.hostPort ?? '?'} → ${w.network} port ${w.containerPort ?? '?'}${w.hostIp === '0.0.0.0' && w.address !== '0.0.0.0' ? ' (bound to 0.0.0.0)' : ''}`;
  const head =
    w.kind === 'direct'
      ? `direct (routed) → ${w.address} on ${w.network}`
      : w.kind === 'localhost'
        ? `localhost (${w.network}) → ${w.address}`
        : w.kind === 'link'
          ? `hand-made link ${w.network} → ${w.address}`
          : `${w.network} → ${w.address}`;
  return `${head}${w.kind === 'network' ? (w.byName ? ` (by name: ${w.names.join(', ')})` : ' (by IP only)') : ''}`;
}

export function explanationText(x: Explanation): string {
  const verdict = x.reachable === true ? 'REACHABLE' : x.reachable === false ? 'NOT REACHABLE' : 'UNKNOWN';
  const svc = (c: { project: string; service: string } | null | undefined): string => (c ? ` (compose ${c.project}/${c.service})` : '');
  const from = x.fromKind === 'outside' ? `client ${x.from}` : `${x.from}${svc(x.fromCompose)}`;
  const lines = [`${from} → ${x.to}${svc(x.toCompose)}${x.port ? `:${x.port}` : ''}: ${verdict}`];
  for (const w of x.ways)
    lines.push(`  way: ${wayText(w)}${w.open ? '' : ' [blocked]'}${w.codes?.length ? ` (${w.codes.join(', ')})` : ''}`);
  if (x.route?.hops.length) lines.push(`  route: ${routeLine(x.route)}`);
  for (const r of x.reasons) lines.push(`  ${r.code}: ${r.message}`, `      evidence: ${r.evidence}`);
  return lines.join('\n');
}

/** Markdown for a hover: the diagram in a code block, which VS Code renders monospaced. */
export function pathMarkdown(p: ContainerPath): string {
  const head = `**${p.container}** — \`${p.networkMode}\``;
  const body = pathText(p);
  return `${head}\n\n\`\`\`text\n${body || 'no network path'}\n\`\`\``;
}
