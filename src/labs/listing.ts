// Pure: the catalogue as the CLI and the extension see it (ids, summaries, steps with their
// commands) and the options every lab command takes, checked before anything touches the engine.
import { ValidationError } from '../core/validate';
import type { LabStep, LabSummary } from '../shared/schema/labs';
import { LABS, LAB_IDS, UNAVAILABLE_LABS } from './catalogue/index';
import { stepOf, type RanLines } from './commands';
import { LAB_POOL_BASE } from './subnets';
import type { LabContext, LabDefinition } from './types';

/** Every resource a lab makes carries dockerNetworks.lab=<id>. */
export const LAB_LABEL = 'dockerNetworks.lab';
export const DEFAULT_IMAGE = 'dne-busybox:local';
export const defaultPrefix = (id: string): string => `dne-lab-${id}-`;

export interface LabOptions {
  /** Names are `<prefix><key>`; default dne-lab-<id>-. */
  prefix?: string;
  /** Extra labels on everything the lab makes (tests add dne.test=1). */
  labels?: Readonly<Record<string, string>>;
  /** The first network's subnet; the others are picked free around it. */
  subnet?: string;
  /** A local image with busybox applets; default dne-busybox:local. Never pulled. */
  image?: string;
}

export interface ResolvedLabOptions {
  prefix: string;
  labels: Record<string, string>;
  subnet?: string;
  image: string;
}

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function findLab(id: string): LabDefinition {
  const lab = LABS.find((l) => l.id === id);
  if (lab) return lab;
  const later = UNAVAILABLE_LABS.find((l) => l.id === id);
  if (later) throw new ValidationError('lab', `Lab ${id} is not available yet: ${later.reason}.`);
  throw new ValidationError('lab', `Unknown lab "${id}": one of ${LAB_IDS.join(', ')}.`);
}

export function resolveLabOptions(id: string, o: LabOptions): ResolvedLabOptions {
  const prefix = o.prefix ?? defaultPrefix(id);
  if (!NAME_RE.test(prefix) || prefix.length > 48)
    throw new ValidationError(
      'prefix',
      `--prefix "${prefix}" must start with a letter or digit, use only letters, digits, "_", "." and "-", and be at most 48 characters.`,
    );
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.labels ?? {})) {
    if (!k.trim()) throw new ValidationError('label', '--label needs a key: --label key=value.');
    if (k === LAB_LABEL) throw new ValidationError('label', `--label ${LAB_LABEL} is the lab's own label; it cannot be set.`);
    labels[k] = v;
  }
  labels[LAB_LABEL] = id;
  const image = o.image?.trim() || DEFAULT_IMAGE;
  return { prefix, labels, image, ...(o.subnet !== undefined ? { subnet: o.subnet } : {}) };
}

/** The steps with their commands, for the names and subnets of `ctx`. */
export const planSteps = (def: LabDefinition, ctx: LabContext, ran?: RanLines): LabStep[] => def.plan(ctx).map((s) => stepOf(ctx, s, ran));

/** A context to show a lab before it is up: the default prefix and example subnets from the lab pool. */
export function exampleContext(def: LabDefinition): LabContext {
  const opts = resolveLabOptions(def.id, {});
  return { id: def.id, ...opts, subnets: def.networks.map((_, i) => `${LAB_POOL_BASE}.${i}.0/24`) };
}

/** The catalogue: every lab, the unavailable ones last with why. */
export function listLabs(): LabSummary[] {
  return [
    ...LABS.map((def) => ({
      id: def.id,
      title: def.title,
      summary: def.summary,
      tutorials: [...def.tutorials],
      available: true,
      reason: null,
      networks: def.networks.length,
      steps: planSteps(def, exampleContext(def)),
    })),
    ...UNAVAILABLE_LABS.map((l) => ({
      id: l.id,
      title: l.title,
      summary: l.summary,
      tutorials: [...l.tutorials],
      available: false,
      reason: l.reason,
      networks: 0,
      steps: [],
    })),
  ];
}
