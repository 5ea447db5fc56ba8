// Pure: the explain verdict as a readable markdown document.
import type { Explanation, Way } from '../analysis/reachability';
import type { ContainerPath } from '../analysis/paths';
import { chainSvg, svgDataUri } from './chainSvg';
import { pathText } from './diagrams';
import { routeBoxes, routeLine, routeTable } from './routeDiagram';

const esc = (s: string): string => s.replace(/[|`*_]/g, '\\$&');

const KIND: Readonly<Record<Way['kind'], string>> = {
  network: 'network',
  published: 'published port',
  direct: 'direct (routed)',
  localhost: 'localhost',
  link: 'hand-made link',
};

function wayRow(w: Way): string {
  const where = w.kind === 'published' ? `\`${w.address}:${w.hostPort ?? '?'}\` → port ${w.containerPort ?? '?'}` : `\`${w.address}\``;
  const name = w.kind === 'network' ? (w.byName ? esc(w.names.join(', ')) : 'no (IP only)') : '–';
  return `| ${KIND[w.kind]} | ${esc(w.network)} | ${where} | ${name} | ${w.open ? 'yes' : '**blocked**'} | ${esc((w.codes ?? []).join(', '))} |`;
}

const sourceTitle = (x: Explanation): string =>
  x.fromKind === 'outside' ? `client ${x.from}` : x.fromKind === 'host' ? 'host (engine netns)' : x.from;

export function explanationMarkdown(x: Explanation, from?: ContainerPath, to?: ContainerPath): string {
  // ✓ ✗ ? are in every text font (DejaVu too); emoji are a blank box where no emoji font is installed.
  const verdict = x.reachable === true ? '✓ reachable' : x.reachable === false ? '✗ not reachable' : '? unknown';
  const route = x.route;
  const lines = [
    `# ${esc(sourceTitle(x))} → ${esc(x.to)}${x.port ? `:${x.port}` : ''}: ${verdict}`,
    '',
    ...(route?.hops.length
      ? [
          '## The route, hop by hop',
          '',
          `![${esc(routeLine(route))}](${svgDataUri(chainSvg(routeBoxes(route), { direction: 'row', maxWidth: 900 }))})`,
          '',
          route.arrives ? 'It arrives.' : `It stops at hop ${route.hops.findIndex((h) => h.stop) + 1}.`,
          '',
          ...routeTable(route),
          '',
        ]
      : []),
    ...[x.fromCompose, x.toCompose].flatMap((c, i) =>
      c ? [`${i === 0 ? esc(x.from) : esc(x.to)} is service **${esc(c.service)}** of Compose project **${esc(c.project)}**.`, ''] : [],
    ),
    '## Ways',
    '',
    ...(x.ways.length
      ? ['| kind | network | address | by name | open | because |', '|---|---|---|---|---|---|', ...x.ways.map(wayRow)]
      : ['No way found.']),
    '',
    '## Reasons',
    '',
    ...x.reasons.flatMap((r) => [`- **${r.code}**: ${esc(r.message)}`, `  - evidence: \`${r.evidence.replace(/`/g, "'")}\``]),
  ];
  for (const p of [from, to]) {
    if (!p) continue;
    lines.push('', `## Path of ${esc(p.container)}`, '', '```text', pathText(p) || 'no network path', '```');
  }
  return `${lines.join('\n')}\n`;
}
