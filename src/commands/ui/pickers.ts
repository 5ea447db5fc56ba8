// Quick-pick items for the engine's objects.
import type { ContainerInfo, NetworkInfo, Snapshot } from '../../shared/model';
import { validateContainerName } from '../../core/validate';
import { input, messageOf, pick, type Answer, type PickItem } from './multiStep';

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

/** The engine's image tags, sorted. We never pull, so an engine with none is an error that says so. */
export async function localImageTags(gateway: { listImages(): Promise<{ tags: string[] }[]> }): Promise<string[]> {
  const tags = (await gateway.listImages())
    .flatMap((i) => i.tags)
    .filter((t) => t !== '<none>:<none>')
    .sort();
  if (tags.length === 0) throw new Error('There are no images on this engine, and we never pull. Build or load one first.');
  return tags;
}

/** The image step of Run and Join: local tags only. */
export function pickImage(title: string, step: number, totalSteps: number, tags: readonly string[]): Promise<Answer<string>> {
  return pick({
    title,
    step,
    totalSteps,
    placeholder: 'Image (local images only; never pulled)',
    items: tags.map((t) => ({ label: t, value: t })),
  });
}

/** The optional name step of Run and Join, checked as the request will be. */
export function inputContainerName(
  title: string,
  step: number,
  totalSteps: number,
  value: string,
  snap: Snapshot,
): Promise<Answer<string>> {
  return input({
    title,
    step,
    totalSteps,
    prompt: 'Name of the new container (optional)',
    value,
    validate: (x) => (x.trim() ? messageOf(() => validateContainerName(x.trim(), snap)) : undefined),
  });
}

/** The command step of Run and Join: prefilled so a shell-less image keeps running; empty = its CMD. */
export function inputCommand(title: string, step: number, totalSteps: number, value: string): Promise<Answer<string>> {
  return input({
    title,
    step,
    totalSteps,
    prompt: "Command (empty: the image's own CMD). sleep keeps a container with no server running.",
    value,
  });
}
