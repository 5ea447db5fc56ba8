// Quick-pick items for the engine's objects.
import type { ContainerInfo, NetworkInfo } from '../../shared/model';
import type { PickItem } from './multiStep';

export function networkItems(networks: readonly NetworkInfo[]): PickItem<NetworkInfo>[] {
  return networks.map((n) => ({
    label: `$(type-hierarchy-sub) ${n.name}`,
    description: [n.driver, n.subnets.map((s) => s.subnet).join(', '), n.internal ? 'internal' : ''].filter(Boolean).join(' · '),
    value: n,
  }));
}

export function containerItems(containers: readonly ContainerInfo[]): PickItem<ContainerInfo>[] {
  return containers.map((c) => ({
    label: `$(${c.state === 'running' ? 'vm-running' : 'vm-outline'}) ${c.name}`,
    description: [
      c.networkMode,
      c.endpoints
        .map((e) => e.ipv4)
        .filter(Boolean)
        .join(', '),
      c.state,
    ]
      .filter(Boolean)
      .join(' · '),
    value: c,
  }));
}
