// Pure: the rows of the Compose group: a project, its services (containers by service name) and
// its networks, the external ones marked.
import { ContextValues } from './contextValues';
import { containerAddresses, type TreeNode } from './treeModel';
import { md, networkTooltip } from './tooltips';
import type { TreeRow } from './treeRows';

const STATE_COLOR: Record<string, string> = { running: 'charts.green', paused: 'charts.yellow', restarting: 'charts.yellow' };

export function composeRow(node: Extract<TreeNode, { kind: 'project' | 'service' | 'projectNetwork' }>): TreeRow {
  switch (node.kind) {
    case 'project': {
      const p = node.project;
      const nets = p.networks.length + p.external.length;
      return {
        label: p.name,
        description: `${p.services.length} container(s) · ${nets} network(s)${p.external.length ? ` (${p.external.length} external)` : ''}`,
        icon: 'layers',
        iconColor: undefined,
        contextValue: ContextValues.composeProject,
        collapsible: 'expanded',
        tooltip: {
          markdown: `Compose project **${md(p.name)}** (label \`com.docker.compose.project\`): \`docker compose -p ${md(p.name)} ps\``,
        },
      };
    }
    case 'service': {
      const c = node.container;
      return {
        label: c.compose?.service ?? c.name,
        description: [c.name, containerAddresses(c), c.state !== 'running' ? c.state : null].filter(Boolean).join(' · '),
        icon: c.state === 'running' ? 'vm-running' : 'vm-outline',
        iconColor: STATE_COLOR[c.state] ?? 'disabledForeground',
        contextValue: ContextValues.container(c.state, c.networkModeKind),
        collapsible: 'none',
        tooltip: undefined,
      };
    }
    case 'projectNetwork': {
      const n = node.network;
      // Compose's own name beside the real one (default → myapp_default); external: not made by this project.
      const composeName = n.compose && n.compose.project === node.project ? n.compose.network : null;
      return {
        label: composeName ?? n.name,
        description: [composeName ? n.name : null, node.external ? 'external' : null, n.subnets[0]?.subnet].filter(Boolean).join(' · '),
        icon: node.external ? 'link-external' : 'type-hierarchy-sub',
        iconColor: undefined,
        contextValue: ContextValues.network(n),
        collapsible: 'none',
        tooltip: {
          markdown: `${node.external ? `**External** to project ${md(node.project)}: its services use it, but Compose did not create it for this project (\`external: true\`, or another project's).\n\n` : ''}${networkTooltip(n)}`,
        },
      };
    }
  }
}
