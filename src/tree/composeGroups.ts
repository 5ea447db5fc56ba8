// Pure: Docker Compose projects as the tree groups them, from Compose's labels on containers and
// networks. A network a project's containers use but Compose did not make for that project is
// external (declared `external: true`, or the default bridge).
import type { ContainerInfo, NetworkInfo, Snapshot } from '../shared/model';

export interface ComposeProject {
  name: string;
  /** The project's containers, by service then name. */
  services: ContainerInfo[];
  /** Networks Compose made for this project. */
  networks: NetworkInfo[];
  /** Networks its containers use that belong to no project or to another one. */
  external: NetworkInfo[];
}

export function composeProjects(s: Snapshot): ComposeProject[] {
  const byName = new Map<string, ComposeProject>();
  const get = (name: string): ComposeProject => {
    let p = byName.get(name);
    if (!p) byName.set(name, (p = { name, services: [], networks: [], external: [] }));
    return p;
  };
  for (const n of s.networks) if (n.compose) get(n.compose.project).networks.push(n);
  for (const c of s.containers) if (c.compose) get(c.compose.project).services.push(c);
  const nets = new Map(s.networks.map((n) => [n.id, n]));
  for (const p of byName.values()) {
    const own = new Set(p.networks.map((n) => n.id));
    const ext = new Map<string, NetworkInfo>();
    for (const c of p.services)
      for (const ep of c.endpoints) {
        const n = nets.get(ep.networkId);
        if (n && !own.has(n.id) && n.driver !== 'host' && n.driver !== 'null') ext.set(n.id, n);
      }
    p.external = [...ext.values()].sort((a, b) => a.name.localeCompare(b.name));
    p.services.sort((a, b) => (a.compose?.service ?? '').localeCompare(b.compose?.service ?? '') || a.name.localeCompare(b.name));
    p.networks.sort((a, b) => a.name.localeCompare(b.name));
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
