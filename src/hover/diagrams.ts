// Pure: path diagrams as plain text (CLI, code blocks in hovers) and as markdown around them.
import type { ContainerPath, EgressPath, Hop, IngressPath } from '../analysis/paths';
import type { Explanation } from '../analysis/reachability';

const hopText = (h: Hop): string => `${h.name}${h.address ? ` (${h.address})` : ''}`;

/** container:eth0 (10.0.0.2/24) ⇄ veth1a2b ⇄ br-x (10.0.0.1) ⇄ MASQUERADE ⇄ out */
export function egressLine(e: EgressPath): string {
  return e.hops.map(hopText).join(' ⇄ ');
}

export function ingressLine(i: IngressPath): string {
  const via = i.via === 'both' ? 'DNAT + docker-proxy' : i.via === 'dnat' ? 'DNAT' : i.via === 'proxy' ? 'docker-proxy' : 'no rule found';
  return `host ${i.hostIp}:${i.hostPort}/${i.protocol} ⇄ ${via} ⇄ ${i.containerIp ?? '?'}:${i.containerPort}`;
}

/** The text block: egress per network, then each published port, with the rules under each. */
export function pathText(p: ContainerPath): string {
  const lines: string[] = [];
  for (const e of p.egressByNetwork) {
    lines.push(`egress${e.network ? ` via ${e.network}` : ''}: ${egressLine(e)}`);
    for (const h of e.hops) {
      if (h.rule) lines.push(`    rule: ${h.rule}`);
      if (h.note && (h.kind === 'drop' || h.kind === 'routed' || h.kind === 'netns' || (h.kind === 'host' && h.note.includes('=0')))) lines.push(`    note: ${h.note}`);
    }
  }
  for (const i of p.ingress) {
    lines.push(`ingress: ${ingressLine(i)}`);
    if (i.rule) lines.push(`    rule: ${i.rule}`);
    if (i.proxy) lines.push(`    proxy: ${i.proxy}`);
    if (i.protection) lines.push(`    protected by: ${i.protection}`);
    if (i.note) lines.push(`    note: ${i.note}`);
  }
  return lines.join('\n');
}

export function explanationText(x: Explanation): string {
  const verdict = x.reachable === true ? 'REACHABLE' : x.reachable === false ? 'NOT REACHABLE' : 'UNKNOWN';
  const lines = [`${x.from} → ${x.to}${x.port ? `:${x.port}` : ''}: ${verdict}`];
  for (const w of x.ways) {
    lines.push(`  way: ${w.network} → ${w.address}${w.byName ? ` (by name: ${w.names.join(', ')})` : ' (by IP only)'}${w.open ? '' : ' [blocked]'}`);
  }
  for (const r of x.reasons) lines.push(`  ${r.code}: ${r.message}`, `      evidence: ${r.evidence}`);
  return lines.join('\n');
}

/** Markdown for a hover: the diagram in a code block, which VS Code renders monospaced. */
export function pathMarkdown(p: ContainerPath): string {
  const head = `**${p.container}** — \`${p.networkMode}\``;
  const body = pathText(p);
  return `${head}\n\n\`\`\`text\n${body || 'no network path'}\n\`\`\``;
}
