// Text for `cli lab …` without --json: what a learner reads in a terminal.
import type { LabCheckResult, LabDownResult, LabStep, LabSummary, LabUpResult } from '../shared/schema/labs';

const steps = (list: readonly LabStep[]): string[] =>
  list.flatMap((s, i) => [
    `  ${i + 1}. [${s.kind}] ${s.name}: ${s.explanation}`,
    ...s.commands.map((c) => `       $ ${c}`),
    ...(s.expected !== null ? [`       expect: ${s.expected}`] : []),
  ]);

export function formatLabList(labs: readonly LabSummary[]): string {
  return labs
    .map((l) =>
      [
        `${l.id}${l.available ? '' : ` (not available: ${l.reason ?? ''})`}: ${l.title}`,
        `  ${l.summary}`,
        `  tutorials: ${l.tutorials.join('; ')}`,
      ].join('\n'),
    )
    .join('\n\n');
}

export function formatLabUp(r: LabUpResult): string {
  return [
    `lab ${r.lab} is up (prefix ${r.prefix}, image ${r.image})`,
    ...r.networks.map((n) => `network ${n.name} ${n.subnet ?? '?'} gw ${n.gateway ?? '?'}`),
    ...r.containers.map((c) =>
      `container ${c.name} --network ${c.networkMode} ${c.addresses.map((a) => `${a.network}=${a.ipv4 ?? '-'}`).join(' ')}`.trimEnd(),
    ),
    'steps:',
    ...steps(r.steps),
    `next: lab check ${r.lab}${r.prefix.startsWith(`dne-lab-${r.lab}-`) ? '' : ` --prefix ${r.prefix}`}`,
  ].join('\n');
}

export function formatLabCheck(r: LabCheckResult): string {
  return [
    `lab ${r.lab}: ${r.passed ? 'every claim held' : 'a claim did not hold'}`,
    ...r.steps.map((s) => `${s.passed ? 'PASS' : 'FAIL'} ${s.name}\n     expected: ${s.expected}\n     observed: ${s.observed}`),
  ].join('\n');
}

export function formatLabDown(r: LabDownResult): string {
  const { containers, networks } = r.removed;
  if (!containers.length && !networks.length) return `lab ${r.lab}: nothing to remove (prefix ${r.prefix})`;
  return [`lab ${r.lab} removed:`, ...containers.map((c) => `  container ${c}`), ...networks.map((n) => `  network ${n}`)].join('\n');
}
