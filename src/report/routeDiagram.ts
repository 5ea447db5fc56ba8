// Pure: an explain route as boxes for the SVG chain, as one text line, and as a markdown table of
// hops (each with its why and the command that shows it).
import type { ExplainRoute, RouteHop } from '../analysis/explainTypes';
import type { ChainBox } from './chainSvg';

const STOP_MARK = '✗';

function tone(h: RouteHop, last: boolean, arrives: boolean): ChainBox['tone'] {
  if (h.stop) return 'stop';
  if (h.kind === 'nat' || h.kind === 'proxy') return 'nat';
  return last && arrives ? 'end' : 'plain';
}

export function routeBoxes(r: ExplainRoute): ChainBox[] {
  return r.hops.map((h, i) => {
    // A stop of its own (isolation, a DOCKER-USER drop): the mark and its chain; a stop on a hop: the hop, then the mark.
    const chain = h.stop ? /^-A (\S+)/.exec(h.stop.rule)?.[1] : undefined;
    const own = h.kind === 'firewall' && h.stop;
    const label = own ? `${STOP_MARK} ${h.label}` : h.label;
    const detail = own ? (chain ?? 'stops here') : h.stop ? `${STOP_MARK} ${h.stop.short}` : h.address;
    return { label, ...(detail ? { detail } : {}), tone: tone(h, i === r.hops.length - 1, r.arrives) };
  });
}

/** web eth0 10.0.0.2/24 → veth1a2b → mynet (br-x) 10.0.0.1 → ✗ isolation */
export function routeLine(r: ExplainRoute): string {
  return r.hops
    .map(
      (h) =>
        `${h.stop && h.kind === 'firewall' ? `${STOP_MARK} ${h.stop.short}` : `${h.label}${h.address ? ` ${h.address}` : ''}${h.stop ? ` ${STOP_MARK} ${h.stop.short}` : ''}`}`,
    )
    .join(' → ');
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

/** One row per hop: what it is, why the packet is there, and the command that shows it. */
export function routeTable(r: ExplainRoute): string[] {
  return [
    '| # | hop | why | see it with |',
    '|---|---|---|---|',
    ...r.hops.map(
      (h, i) =>
        `| ${i + 1} | ${h.stop ? `**${STOP_MARK} ${cell(h.label)}**` : cell(h.label)}${h.address ? `<br>${code(h.address)}` : ''} | ${cell(h.why)}${h.stop?.rule ? `<br>${code(h.stop.rule)}` : ''} | ${h.command ? code(h.command) : '–'} |`,
    ),
  ];
}
