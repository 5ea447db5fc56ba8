// Pure: markdown tooltips for tree nodes. Names come from the engine, so they are escaped.
import type { ContainerInfo, Endpoint, ManualInterface, NetworkInfo } from '../shared/model';

export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

const row = (k: string, v: string | null | undefined): string => (v ? `| ${k} | ${md(v)} |` : '');
const table = (rows: string[]): string => ['| | |', '|---|---|', ...rows.filter(Boolean)].join('\n');

export function networkTooltip(n: NetworkInfo): string {
  const subnets = n.subnets.map(
    (s) => `${s.subnet}${s.effectiveGateway ? ` via ${s.effectiveGateway}` : ''}${s.ipRange ? ` (range ${s.ipRange})` : ''}`,
  );
  return [
    `**${md(n.name)}** — ${md(n.driver)} network${n.builtin ? ' (built-in)' : ''}`,
    '',
    table([
      row('ID', n.id.slice(0, 12)),
      row('Subnet', subnets.join(', ') || 'none'),
      row('Bridge', n.bridge),
      row('Scope', n.scope),
      row('Internal', n.internal ? 'yes: no route out, no NAT' : 'no'),
      row('ICC', n.icc === null ? null : n.icc ? 'on' : 'off: containers on this bridge cannot talk to each other'),
      row('Masquerade', n.masquerade === null ? null : n.masquerade ? 'on' : 'off'),
      row('Attachable', n.attachable ? 'yes' : null),
      row('IPv6', n.ipv6 ? 'yes' : null),
      row(
        'Labels',
        Object.entries(n.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
      ),
    ]),
  ].join('\n');
}

export function endpointRows(ep: Endpoint): string[] {
  return [
    row('IPv4', ep.ipv4 ? `${ep.ipv4}/${ep.prefixLen ?? '?'}${ep.staticIpv4 ? ' (static)' : ''}` : 'none'),
    row('IPv6', ep.ipv6),
    row('MAC', ep.mac),
    row('Gateway', ep.gateway),
    row('Aliases', ep.aliases.join(', ')),
    row('Links', ep.links.join(', ')),
    row('Interface', ep.ifname),
    row('Host veth', ep.hostVeth),
    row('Bridge', ep.bridge),
  ];
}

/** The hover draws the path as a diagram above this: here only the facts. */
export function endpointTooltip(c: ContainerInfo, ep: Endpoint): string {
  return `**${md(c.name)}** on **${md(ep.network)}**\n\n${table(endpointRows(ep))}`;
}

export function containerTooltip(c: ContainerInfo): string {
  const ports = c.ports
    .filter((p) => p.hostPort !== null)
    .map((p) => `${p.hostIp ?? ''}:${p.hostPort ?? ''} → ${p.containerPort}/${p.protocol}`);
  return [
    `**${md(c.name)}** — ${md(c.state)}`,
    '',
    table([
      row('ID', c.id.slice(0, 12)),
      row('Image', c.image),
      row('Network mode', c.networkMode),
      row('Shares netns of', c.netnsOwner),
      row('Joined by', c.netnsMembers.join(', ')),
      row('PID', c.pid === null ? null : String(c.pid)),
      row('Published', ports.join(', ')),
    ]),
  ].join('\n');
}

/** A hand-made interface: what Docker does not know, read from the container's netns. */
export function manualTooltip(c: ContainerInfo, m: ManualInterface): string {
  return [
    `**${md(m.name)}** in **${md(c.name)}**: made by hand (\`link\`/\`attach\`, tutorial 003), not by Docker`,
    '',
    table([
      row('Kind', m.linkKind ?? 'unknown'),
      row('Addresses', m.addresses.join(', ') || 'none'),
      row('MAC', m.mac),
      row('State', m.up ? 'up' : 'down'),
      row(
        'Peer',
        m.peer?.container
          ? `${m.peer.container}:${m.peer.ifname ?? '?'}`
          : m.peer?.hostIfname
            ? `${m.peer.hostIfname} (engine netns)`
            : null,
      ),
      row('Bridge', m.bridge),
      row('Routes', m.routes.map((r) => `${r.destination} dev ${r.interface}`).join(', ')),
    ]),
  ].join('\n');
}
