// The actions offered for a node or link. Mutating ones only when the host says changes are
// allowed (trusted workspace, not read-only). Each action becomes a typed message to the host,
// which runs the real command.
import type { GraphAction } from '../../src/shared/protocol';
import type { ContainerNode, GraphModel, GraphNode, NetworkNode } from '../../src/shared/graph';
import type { MenuEntry } from './contextMenu';
import type { Target } from './view';

export interface MenuContext {
  model: GraphModel;
  byId: ReadonlyMap<string, GraphNode>;
  mutable: boolean;
  selected: readonly string[];
  collapsed: ReadonlySet<string>;
  act(a: GraphAction): void;
  reveal(id: string): void;
  pickExplainFrom(c: ContainerNode): void;
  togglePin(id: string): void;
  toggleCollapse(id: string): void;
  fit(): void;
  expandAll(): void;
}

const MAX_CONNECT = 8;

function connectable(n: NetworkNode): boolean {
  return n.driver === 'bridge' || n.driver === 'overlay' || n.driver === 'macvlan' || n.driver === 'ipvlan';
}

function containerEntries(c: ContainerNode, x: MenuContext, pinned: boolean): MenuEntry[] {
  const out: MenuEntry[] = [
    { heading: c.name },
    { label: 'Reveal in Tree', run: () => x.reveal(c.id) },
    { label: 'Inspect', run: () => x.act({ kind: 'inspect', target: 'container', id: c.containerId }) },
  ];
  if (x.mutable) {
    const canConnect = c.mode === 'bridge' || c.mode === 'network';
    if (canConnect) {
      out.push({ separator: true });
      const nets = x.model.nodes
        .filter((n): n is NetworkNode => n.kind === 'network' && connectable(n) && !c.networks.includes(n.name))
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const n of nets.slice(0, MAX_CONNECT))
        out.push({ label: `Connect to ${n.name}`, run: () => x.act({ kind: 'connect', container: c.containerId, network: n.networkId }) });
      out.push({
        label: 'Connect to a Network (IP, aliases)…',
        run: () => x.act({ kind: 'connectInteractive', container: c.containerId }),
      });
    }
    for (const name of c.networks) {
      const n = x.model.nodes.find((m) => m.kind === 'network' && m.name === name);
      if (n?.kind === 'network')
        out.push({
          label: `Disconnect from ${name}…`,
          run: () => x.act({ kind: 'disconnect', container: c.containerId, network: n.networkId }),
        });
    }
    if (c.running && c.mode !== 'host')
      out.push({ label: 'Run a Container in Its Netns…', run: () => x.act({ kind: 'join', container: c.containerId }) });
  }
  out.push({ separator: true });
  const other = x.selected.map((id) => x.byId.get(id)).find((n): n is ContainerNode => n?.kind === 'container' && n.id !== c.id);
  if (other)
    out.push({ label: `Explain: can ${other.name} reach ${c.name}?`, run: () => x.act({ kind: 'explain', from: other.name, to: c.name }) });
  out.push({ label: 'Explain Reachability to… (pick a container)', run: () => x.pickExplainFrom(c) });
  out.push({ label: pinned ? 'Unpin' : 'Pin Here', run: () => x.togglePin(c.id) });
  if (!x.mutable)
    out.push({ separator: true }, { label: 'Changes are off (read-only or untrusted workspace)', run: () => undefined, disabled: true });
  return out;
}

export function menuFor(t: Target | null, x: MenuContext): MenuEntry[] {
  if (!t)
    return [
      { label: 'Fit to Window', run: () => x.fit() },
      { label: 'Expand All Networks', run: () => x.expandAll(), disabled: x.collapsed.size === 0 },
    ];
  if (t.kind === 'node') {
    const n = t.s.node;
    switch (n.kind) {
      case 'container':
        return containerEntries(n, x, t.s.pinned);
      case 'network':
        return [
          { heading: n.name },
          { label: 'Reveal in Tree', run: () => x.reveal(n.id) },
          { label: 'Inspect', run: () => x.act({ kind: 'inspect', target: 'network', id: n.networkId }) },
          { label: x.collapsed.has(n.id) ? 'Expand' : 'Collapse into One Node', run: () => x.toggleCollapse(n.id) },
          ...(x.mutable && connectable(n)
            ? [{ label: 'Connect a Container…', run: () => x.act({ kind: 'connectInteractive', network: n.networkId }) }]
            : []),
          { label: t.s.pinned ? 'Unpin' : 'Pin Here', run: () => x.togglePin(n.id) },
        ];
      case 'port': {
        const c = x.byId.get(n.container);
        return c?.kind === 'container' ? containerEntries(c, x, false).slice(0, 3) : [];
      }
      case 'host':
        return [
          { heading: 'host' },
          { label: 'Fit to Window', run: () => x.fit() },
          { label: t.s.pinned ? 'Unpin' : 'Pin Here', run: () => x.togglePin('host') },
        ];
    }
  }
  const l = t.l.link;
  if (l.kind === 'endpoint') {
    const c = x.byId.get(l.source);
    const net = x.byId.get(l.target);
    if (c?.kind !== 'container' || net?.kind !== 'network') return [];
    return [
      { heading: `${c.name} on ${net.name}` },
      { label: 'Reveal in Tree', run: () => x.reveal(l.id) },
      { label: `Inspect ${c.name}`, run: () => x.act({ kind: 'inspect', target: 'container', id: c.containerId }) },
      ...(x.mutable
        ? [
            {
              label: `Disconnect ${c.name} from ${net.name}…`,
              run: () => x.act({ kind: 'disconnect', container: c.containerId, network: net.networkId }),
            },
          ]
        : []),
    ];
  }
  // publish: port → container; netns and host mode: the container is the source.
  const c = x.byId.get(l.kind === 'publish' ? l.target : l.source);
  return c?.kind === 'container' ? containerEntries(c, x, false).slice(0, 3) : [];
}
