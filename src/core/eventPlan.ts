// Pure: which cached objects a batch of engine events makes stale. A refresh then re-reads only those.
import type { RawEvent } from '../docker/rawTypes';

export interface RefreshPlan {
  /** Containers to re-inspect. */
  containers: Set<string>;
  /** Containers known to be gone: drop without a call. */
  removedContainers: Set<string>;
  /** Networks to re-inspect (created or changed). */
  networks: Set<string>;
  removedNetworks: Set<string>;
}

const CONTAINER_ACTIONS = new Set(['create', 'start', 'restart', 'die', 'stop', 'kill', 'pause', 'unpause', 'rename', 'update', 'oom']);

export function emptyPlan(): RefreshPlan {
  return { containers: new Set(), removedContainers: new Set(), networks: new Set(), removedNetworks: new Set() };
}

export function isEmptyPlan(p: RefreshPlan): boolean {
  return p.containers.size + p.removedContainers.size + p.networks.size + p.removedNetworks.size === 0;
}

/** Adds one event to the plan. Returns false when the event does not touch networking. */
export function planEvent(plan: RefreshPlan, e: RawEvent): boolean {
  const id = e.Actor?.ID ?? '';
  // Actions like "exec_start: sh" or "health_status: healthy" carry a suffix.
  const action = (e.Action ?? '').split(':')[0]?.trim() ?? '';
  if (!id) return false;
  if (e.Type === 'container') {
    if (action === 'destroy') {
      plan.containers.delete(id);
      plan.removedContainers.add(id);
      return true;
    }
    if (!CONTAINER_ACTIONS.has(action)) return false;
    plan.removedContainers.delete(id);
    plan.containers.add(id);
    return true;
  }
  if (e.Type === 'network') {
    if (action === 'connect' || action === 'disconnect') {
      const container = e.Actor?.Attributes?.container;
      if (!container) return false;
      if (!plan.removedContainers.has(container)) plan.containers.add(container);
      return true;
    }
    if (action === 'destroy' || action === 'remove') {
      plan.networks.delete(id);
      plan.removedNetworks.add(id);
      return true;
    }
    if (action === 'create' || action === 'update') {
      plan.removedNetworks.delete(id);
      plan.networks.add(id);
      return true;
    }
  }
  return false;
}
