// Pure: the contextValue of each tree item, made only here. package.json's `viewItem =~ /…/`
// clauses match these; test/unit/contributions.test.ts fails when a clause matches none of them.
import type { ContainerState, NetworkModeKind } from '../shared/model';

const STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const satisfies readonly ContainerState[];
const MODE_KINDS = ['bridge', 'host', 'none', 'container', 'network'] as const satisfies readonly NetworkModeKind[];
/** Docker's own drivers; a plugin's driver name appears as is. */
const DRIVERS = ['bridge', 'host', 'null', 'overlay', 'macvlan', 'ipvlan'] as const;
const GROUPS = ['networks', 'containers', 'compose', 'labs', 'host'] as const;
const MODE_GROUPS = ['bridge', 'host', 'none'] as const;

export const ContextValues = {
  group: (group: string): string => `group.${group}`,
  network: (n: { builtin: boolean; driver: string; internal: boolean }): string =>
    `network.${n.builtin ? 'builtin' : 'user'}.${n.driver}${n.internal ? '.internal' : ''}`,
  /** A container under a network (the tree's member item). */
  member: (state: ContainerState): string => `endpoint.${state}`,
  mode: (mode: string): string => `mode.${mode}`,
  container: (state: ContainerState, modeKind: NetworkModeKind): string => `container.${state}.${modeKind}`,
  /** One attachment under a container. */
  containerEndpoint: 'containerEndpoint',
  /** A container in another's netns: its mode is `container`. */
  joined: (state: ContainerState): string => `container.${state}.container`,
  bridge: 'bridge',
  fact: 'fact',
  composeProject: 'composeProject',
  manualInterface: 'manualInterface',
  /** lab.up / lab.down (available), lab.unavailable. */
  lab: (available: boolean, up: boolean): string => (available ? `lab.${up ? 'up' : 'down'}` : 'lab.unavailable'),
} as const;

/** Every value the tree can set, with Docker's own drivers: what `when` clauses may match. */
export function allContextValues(): string[] {
  const out = new Set<string>([
    ContextValues.containerEndpoint,
    ContextValues.bridge,
    ContextValues.fact,
    ContextValues.composeProject,
    ContextValues.manualInterface,
  ]);
  for (const g of GROUPS) out.add(ContextValues.group(g));
  for (const [a, u] of [
    [true, true],
    [true, false],
    [false, false],
  ] as const)
    out.add(ContextValues.lab(a, u));
  for (const m of MODE_GROUPS) out.add(ContextValues.mode(m));
  for (const driver of DRIVERS) {
    for (const builtin of [true, false])
      for (const internal of [true, false]) out.add(ContextValues.network({ builtin, driver, internal }));
  }
  for (const s of STATES) {
    out.add(ContextValues.member(s));
    out.add(ContextValues.joined(s));
    for (const k of MODE_KINDS) out.add(ContextValues.container(s, k));
  }
  return [...out].sort();
}
