// Pure: a container's paths as pictures and hops. The tree hover opens with the diagrams and a
// why per hop; "Show rules" opens the full report (every rule text, every command).
import type { ContainerPath, EgressPath, Hop, IngressPath } from '../analysis/paths';
import { chainSvg, svgDataUri, type ChainBox } from './chainSvg';
import { ingressLine } from './diagrams';
import { HOP_WHY } from './pathBoxes';

const esc = (s: string): string => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

/** compact (hovers): the interface without the container's name, the bridge under its network, no routing box. */
function egressBoxes(e: EgressPath, compact = false): ChainBox[] {
  const hops = compact ? e.hops.filter((h) => h.name !== 'host routing') : e.hops;
  return hops.map((h, i) => {
    const bridge = h.kind === 'bridge' ? /^(.*) \((\S+)\)$/.exec(h.name) : null;
    const label =
      h.kind === 'nat'
        ? h.name.replace(/ \(rule not read\)$/, '?')
        : compact && h.kind === 'interface'
          ? (h.name.split(':').at(-1) ?? h.name)
          : compact && bridge
            ? (bridge[1] ?? h.name)
            : h.name;
    const detail =
      compact && bridge
        ? `${bridge[2] ?? ''}${h.address ? ` ${h.address}` : ''}`
        : (h.address ?? (h.kind === 'drop' ? '✗ dropped' : undefined));
    return {
      label,
      ...(detail ? { detail } : {}),
      tone: h.kind === 'drop' ? 'stop' : h.kind === 'nat' ? 'nat' : i === hops.length - 1 && e.leavesHost ? 'end' : 'plain',
    };
  });
}

function ingressBoxes(i: IngressPath): ChainBox[] {
  const via = i.via === 'none' ? 'no rule' : i.via === 'proxy' ? (i.proxyName ?? 'docker-proxy') : 'DNAT';
  // Rootless: rootlesskit takes the port on the real host and hands it to the engine's netns.
  const driver: ChainBox[] = i.portDriver ? [{ label: 'rootlesskit', detail: "→ engine's netns", tone: 'nat' }] : [];
  return [
    { label: `host ${i.hostIp.includes(':') ? `[${i.hostIp}]` : i.hostIp}:${i.hostPort}`, detail: i.protocol, tone: 'plain' },
    ...driver,
    {
      label: via,
      detail: i.via === 'both' ? `+ ${i.proxyName ?? 'docker-proxy'}` : `→ :${i.containerPort}`,
      tone: i.via === 'none' ? 'stop' : 'nat',
    },
    { label: `${i.containerIp ?? '?'}:${i.containerPort}`, detail: 'the container', tone: 'end' },
  ];
}

const image = (alt: string, boxes: ChainBox[], maxWidth: number): string =>
  `![${esc(alt)}](${svgDataUri(chainSvg(boxes, { direction: 'row', arrow: 'both', maxWidth }))})`;

/** The diagrams: one per network the container leaves by, then one per published port. */
export function pathImages(p: ContainerPath, maxWidth = 700): string[] {
  const egress = p.egressByNetwork.map((e) => image(e.hops.map((h) => h.name).join(' ⇄ '), egressBoxes(e, true), maxWidth));
  const ingress = p.ingress.slice(0, 4).map((i) => image(ingressLine(i), ingressBoxes(i), maxWidth));
  return [...egress, ...ingress];
}

/** One line per hop of the default egress: what it is and the command that shows it. */
export function hopWhyLines(e: EgressPath): string[] {
  return e.hops.map(
    (h) => `- **${esc(h.name)}**${h.address ? ` ${code(h.address)}` : ''}: ${HOP_WHY[h.kind]}${h.command ? ` · ${code(h.command)}` : ''}`,
  );
}

/** One line per published port: its way in, and what to know (the port driver, the proxy, a note). */
export function ingressWhyLines(p: ContainerPath): string[] {
  return p.ingress.map(
    (i) =>
      `- **in** ${code(ingressLine(i))}${i.portDriver ? `: ${esc(i.portDriver)}` : i.note ? `: ${esc(i.note)}` : ''}${i.command ? ` · ${code(i.command)}` : ''}`,
  );
}

function hopRow(h: Hop): string {
  const what = [h.note, h.rule ? code(h.rule) : ''].filter(Boolean).join('<br>');
  return `| ${esc(h.name)} | ${h.address ? code(h.address) : ''} | ${what || HOP_WHY[h.kind]} | ${h.command ? code(h.command) : '–'} |`;
}

/** The full report behind "Show rules": every hop with its rule and command, every published port. */
export function pathReportMarkdown(p: ContainerPath): string {
  const lines = [`# Paths of ${esc(p.container)}`, '', `Network mode: ${code(p.networkMode)}`, ''];
  p.egressByNetwork.forEach((e, i) => {
    lines.push(
      `## Out${e.network ? ` via ${esc(e.network)}` : ''}${i === 0 && p.egressByNetwork.length > 1 ? ' (default route)' : ''}`,
      '',
    );
    lines.push(image(e.hops.map((h) => h.name).join(' ⇄ '), egressBoxes(e), 760), '');
    lines.push('| hop | address | rule or note | see it with |', '|---|---|---|---|', ...e.hops.map(hopRow), '');
  });
  for (const i of p.ingress) {
    lines.push(`## In: ${esc(ingressLine(i))}`, '', image(ingressLine(i), ingressBoxes(i), 760), '');
    const facts: [string, string | undefined][] = [
      ['DNAT rule', i.rule],
      ['proxy', i.proxy],
      ['port driver', i.portDriver],
      ['protected by', i.protection],
      ['note', i.note],
      ['see it with', i.command],
    ];
    lines.push(...facts.filter(([, v]) => v).map(([k, v]) => `- ${k}: ${k === 'note' ? esc(v ?? '') : code(v ?? '')}`), '');
  }
  return `${lines.join('\n')}\n`;
}
