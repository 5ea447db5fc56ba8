// Pure: what the tree shows for each node (label, description, icon, context value, expansion,
// tooltip). provider.ts turns a row into a TreeItem; treeSignature.ts hashes the rows, so what the
// tree shows and what makes it fire are one list. A node with a container has no tooltip in its
// row: its hover (hoverOf, plus the path diagram) is drawn on demand from the latest snapshot.
import { isUnavailableFactId } from '../shared/ids';
import { ContextValues } from './contextValues';
import { containerAddresses, type TreeNode } from './treeModel';
import { containerTooltip, endpointTooltip, manualTooltip, md, networkTooltip } from './tooltips';
import { composeRow } from './composeRows';

export type Collapsible = 'none' | 'collapsed' | 'expanded';

export interface TreeRow {
  label: string;
  description: string;
  icon: string;
  iconColor: string | undefined;
  contextValue: string;
  collapsible: Collapsible;
  /** Markdown, or plain text (facts); undefined for nodes with a container (see hoverOf). */
  tooltip: { markdown: string } | { text: string } | undefined;
}

const STATE_ICON: Record<string, [string, string]> = {
  running: ['vm-running', 'charts.green'],
  paused: ['debug-pause', 'charts.yellow'],
  restarting: ['sync', 'charts.yellow'],
  created: ['vm-outline', 'disabledForeground'],
  exited: ['vm-outline', 'disabledForeground'],
  dead: ['error', 'errorForeground'],
};

const stateIcon = (state: string): [string, string | undefined] => STATE_ICON[state] ?? ['vm', undefined];

/** The Containers group's headers, by network mode: what each holds, and the docker flag. */
const MODE_ROWS: Record<'bridge' | 'host' | 'none', { label: string; flag: string; tooltip: string }> = {
  bridge: {
    label: 'on networks',
    flag: '--network <name>',
    tooltip:
      "Containers with their own network namespace, attached to one or more networks: the default bridge or user-defined ones. Containers that share another's namespace are listed under it.",
  },
  host: {
    label: 'host network',
    flag: '--network host',
    tooltip: "Containers in the engine's own network namespace: no veth, no NAT; they use the host's interfaces and ports.",
  },
  none: { label: 'no network', flag: '--network none', tooltip: 'Containers with only a loopback interface: nothing in or out.' },
};

const GROUP_ICON = { networks: 'type-hierarchy', containers: 'package', compose: 'layers', labs: 'beaker', host: 'server' } as const;

export function rowOf(node: TreeNode): TreeRow {
  switch (node.kind) {
    case 'group':
      return {
        label: node.label,
        description: String(node.count),
        icon: GROUP_ICON[node.group],
        iconColor: undefined,
        contextValue: ContextValues.group(node.group),
        // Labs start collapsed: a learner opens them; the engine's groups are what the view is for.
        collapsible: node.group === 'labs' ? 'collapsed' : 'expanded',
        tooltip: undefined,
      };
    case 'network': {
      const n = node.network;
      const flags = [
        n.builtin && 'built-in',
        n.internal && 'internal',
        n.icc === false && 'icc off',
        // Compose's own name for it, beside the real one: `default` of project myapp is myapp_default.
        n.compose && `compose ${n.compose.project}: ${n.compose.network}`,
      ].filter(Boolean);
      return {
        label: n.name,
        description: [n.subnets[0]?.subnet ?? n.driver, ...flags].join(' · '),
        icon: n.internal ? 'lock' : n.driver === 'host' ? 'server' : n.driver === 'null' ? 'circle-slash' : 'type-hierarchy-sub',
        iconColor: undefined,
        contextValue: ContextValues.network(n),
        // Always expanded: VS Code keeps the state of a known id, so a network shown as a leaf would
        // stay collapsed when its first container arrives (found by the e2e test).
        collapsible: 'expanded',
        tooltip: { markdown: networkTooltip(n) },
      };
    }
    case 'member': {
      const { container: c, endpoint: ep } = node;
      const [icon, iconColor] = stateIcon(c.state);
      return {
        label: c.name,
        description: ep.ipv4 ?? (c.state === 'running' ? '' : c.state),
        icon,
        iconColor,
        contextValue: ContextValues.member(c.state),
        collapsible: c.netnsMembers.length ? 'collapsed' : 'none',
        tooltip: undefined,
      };
    }
    case 'mode':
      return {
        // Not "bridge": that is also a network's name, and this group holds containers on any network.
        label: MODE_ROWS[node.mode].label,
        description: `${node.count} · ${MODE_ROWS[node.mode].flag}`,
        icon: node.mode === 'host' ? 'server' : node.mode === 'none' ? 'circle-slash' : 'type-hierarchy-sub',
        iconColor: undefined,
        contextValue: ContextValues.mode(node.mode),
        collapsible: 'expanded',
        tooltip: { text: MODE_ROWS[node.mode].tooltip },
      };
    case 'container': {
      const c = node.container;
      const [icon, iconColor] = stateIcon(c.state);
      return {
        label: c.name,
        description: [containerAddresses(c), c.state !== 'running' ? c.state : null].filter(Boolean).join(' · '),
        icon,
        iconColor,
        contextValue: ContextValues.container(c.state, c.networkModeKind),
        collapsible: c.endpoints.length > 0 || c.netnsMembers.length > 0 || (c.manualInterfaces?.length ?? 0) > 0 ? 'collapsed' : 'none',
        tooltip: undefined,
      };
    }
    case 'endpoint': {
      const ep = node.endpoint;
      const link = ep.ifname ? `${ep.ifname} ⇄ ${ep.hostVeth ?? '?'}` : '';
      return {
        label: ep.network,
        description: [ep.ipv4, link].filter(Boolean).join(' · '),
        icon: 'plug',
        iconColor: undefined,
        contextValue: ContextValues.containerEndpoint,
        collapsible: 'none',
        tooltip: undefined,
      };
    }
    case 'joined':
      return {
        label: node.container.name,
        description: `shares netns of ${node.owner.name}`,
        icon: 'link',
        iconColor: STATE_ICON[node.container.state]?.[1],
        contextValue: ContextValues.joined(node.container.state),
        collapsible: 'none',
        tooltip: undefined,
      };
    case 'manual': {
      const m = node.iface;
      const peer = m.bridge
        ? `⇄ ${m.peer?.hostIfname ?? '?'} in ${m.bridge}`
        : m.peer?.container
          ? `⇄ ${m.peer.container}:${m.peer.ifname ?? '?'}`
          : '';
      return {
        label: m.name,
        description: ['by hand', m.addresses.join(', '), peer, m.up ? null : 'down'].filter(Boolean).join(' · '),
        icon: 'plug',
        iconColor: 'charts.orange',
        contextValue: ContextValues.manualInterface,
        collapsible: 'none',
        tooltip: undefined,
      };
    }
    case 'project':
    case 'service':
    case 'projectNetwork':
      return composeRow(node);
    case 'lab': {
      const up = node.containers.length > 0;
      return {
        label: node.lab.id,
        description: `${node.lab.title}${up ? ` · up (${node.containers.length} container(s))` : node.lab.available ? '' : ' · not yet'}`,
        icon: up ? 'beaker' : 'circle-outline',
        iconColor: up ? 'charts.green' : undefined,
        contextValue: ContextValues.lab(node.lab.available, up),
        collapsible: 'none',
        tooltip: {
          markdown: `**${md(node.lab.title)}**\n\n${md(node.lab.summary)}${node.lab.available ? '' : `\n\nNot yet: ${md(node.lab.reason ?? '')}`}`,
        },
      };
    }
    case 'bridge':
      return {
        label: node.name,
        description: `${node.ports.length} port(s)${node.network ? ` · ${node.network.name}` : ''}`,
        icon: 'circuit-board',
        iconColor: undefined,
        contextValue: ContextValues.bridge,
        collapsible: node.ports.length ? 'collapsed' : 'none',
        tooltip: { markdown: `Linux bridge **${md(node.name)}** (\`brctl show ${md(node.name)}\`)` },
      };
    case 'fact':
      return {
        label: node.label,
        description: node.description,
        icon: isUnavailableFactId(node.id) ? 'warning' : 'info',
        iconColor: undefined,
        contextValue: ContextValues.fact,
        collapsible: 'none',
        tooltip: node.tooltip ? { text: node.tooltip } : undefined,
      };
  }
}

/** The hover of a node with a container, before the path diagram: the facts of its row's subject. */
export function hoverOf(node: Extract<TreeNode, { container: unknown }>): string {
  switch (node.kind) {
    case 'member':
    case 'endpoint':
      return endpointTooltip(node.container, node.endpoint);
    case 'container':
      return containerTooltip(node.container);
    case 'manual':
      return manualTooltip(node.container, node.iface);
    case 'service':
      return `${containerTooltip(node.container)}\n\nService **${md(node.container.compose?.service ?? '')}** of Compose project **${md(node.project)}**.`;
    case 'joined':
      return `${containerTooltip(node.container)}\n\nRuns with \`--network container:${md(node.owner.name)}\`: same interfaces, IPs and ports as its owner; reach it on localhost from the owner.`;
  }
}
