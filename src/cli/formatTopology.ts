// Human-readable topology for the terminal (the JSON form is the snapshot itself).
import type { ContainerInfo, Snapshot } from '../shared/model';

function endpointLine(c: ContainerInfo): string[] {
  return c.endpoints.map((ep) => {
    const addr = ep.ipv4 ? `${ep.ipv4}/${ep.prefixLen ?? '?'}` : '-';
    const link = ep.ifname ? `${ep.ifname} ⇄ ${ep.hostVeth ?? '?'} ⇄ ${ep.bridge ?? '?'}` : '';
    const aliases = ep.aliases.length ? ` aliases=${ep.aliases.join(',')}` : '';
    return `    ${c.name} [${c.state}] ${addr} ${ep.mac ?? ''} ${link}${aliases}`.replace(/\s+$/, '');
  });
}

export function formatTopology(s: Snapshot): string {
  const out: string[] = [];
  out.push(`Docker ${s.engine.version} (API ${s.engine.apiVersion}) at ${s.engine.endpoint} [${s.engine.endpointSource}]`);
  const ns = s.host.engineNetns;
  out.push(
    `engine netns: ${ns.kind}${ns.inode !== null ? ` net:[${ns.inode}]` : ''}${ns.pid !== null ? ` (dockerd pid ${ns.pid})` : ''}${ns.same ? ', the same as this process' : ''} — ${ns.how}`,
  );
  out.push(`ip_forward: ${s.host.ipForward === null ? 'unknown' : s.host.ipForward ? 'on' : 'off'}`);
  for (const n of s.networks) {
    const subnets = n.subnets
      .map((x) => `${x.subnet}${x.gateway ? ` gw ${x.gateway}` : ''}${x.ipRange ? ` range ${x.ipRange}` : ''}`)
      .join('; ');
    const flags = [
      n.builtin && 'builtin',
      n.internal && 'internal',
      n.icc === false && 'icc=off',
      n.attachable && 'attachable',
      n.ipv6 && 'ipv6',
    ]
      .filter(Boolean)
      .join(' ');
    out.push(`network ${n.name} (${n.driver}${n.bridge ? `, ${n.bridge}` : ''}) ${subnets}${flags ? ` [${flags}]` : ''}`);
    for (const c of s.containers) {
      out.push(...endpointLine({ ...c, endpoints: c.endpoints.filter((e) => e.networkId === n.id || e.network === n.name) }));
    }
  }
  const joined = s.containers.filter((c) => c.netnsOwner);
  if (joined.length) out.push('joined netns:', ...joined.map((c) => `    ${c.name} -> ${c.netnsOwner}`));
  for (const u of s.host.unavailable) out.push(`note: ${u}`);
  return out.join('\n');
}
