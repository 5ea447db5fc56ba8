// Pure: the explain verdict as a readable markdown document.
import type { Explanation } from '../analysis/reachability';
import type { ContainerPath } from '../analysis/paths';
import { pathText } from './diagrams';

const esc = (s: string): string => s.replace(/[|`*_]/g, '\\$&');

export function explanationMarkdown(x: Explanation, from?: ContainerPath, to?: ContainerPath): string {
  const verdict = x.reachable === true ? '✅ reachable' : x.reachable === false ? '⛔ not reachable' : '❔ unknown';
  const lines = [
    `# ${esc(x.from)} → ${esc(x.to)}${x.port ? `:${x.port}` : ''}: ${verdict}`,
    '',
    '## Ways',
    '',
    ...(x.ways.length
      ? ['| network | address | by name | open |', '|---|---|---|---|', ...x.ways.map((w) => `| ${esc(w.network)} | \`${w.address}\` | ${w.byName ? esc(w.names.join(', ')) : 'no (IP only)'} | ${w.open ? 'yes' : '**blocked**'} |`)]
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
