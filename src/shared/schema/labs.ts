// The labs' documents: the catalogue (`lab list`), what `lab up` made, what `lab check` proved with
// real traffic, and what `lab down` removed. The runner's result types are inferred from these.
import * as v from 'valibot';
import { id, int, stringMap } from './primitives';

export const LabStepSchema = v.object({
  name: v.string(),
  /** One or two sentences, a learner's words. */
  explanation: v.string(),
  /** setup: `lab up` makes it; check: `lab check` proves it. */
  kind: v.picklist(['setup', 'check']),
  /** The equivalent command lines (docker …, ip …), to read or type; display only. */
  commands: v.array(v.string()),
  /** Check steps: what the traffic should show; null for setup steps. */
  expected: v.nullable(v.string()),
});

export const LabSummarySchema = v.object({
  id: v.string(),
  title: v.string(),
  summary: v.string(),
  /** Tutorial files and sections the lab follows. */
  tutorials: v.array(v.string()),
  /** false: listed, but it cannot run yet (`reason` says why). */
  available: v.boolean(),
  reason: v.nullable(v.string()),
  /** How many networks (each with a subnet) `up` creates. */
  networks: int,
  /** With the default prefix and example subnets; `lab up` prints the real ones. */
  steps: v.array(LabStepSchema),
});

export const LabListSchema = v.object({ labs: v.array(LabSummarySchema) });

export const LabNetworkMadeSchema = v.object({
  name: v.string(),
  id,
  subnet: v.nullable(v.string()),
  gateway: v.nullable(v.string()),
});

export const LabContainerMadeSchema = v.object({
  name: v.string(),
  id,
  /** bridge | host | none | container:<owner> | <network name>. */
  networkMode: v.string(),
  addresses: v.array(v.object({ network: v.string(), ipv4: v.nullable(v.string()) })),
});

export const LabUpSchema = v.object({
  lab: v.string(),
  prefix: v.string(),
  image: v.string(),
  labels: stringMap,
  networks: v.array(LabNetworkMadeSchema),
  containers: v.array(LabContainerMadeSchema),
  steps: v.array(LabStepSchema),
});

export const LabCheckStepSchema = v.object({
  name: v.string(),
  expected: v.string(),
  /** What actually happened (exit code, reply, rule text), never a copy of expected. */
  observed: v.string(),
  passed: v.boolean(),
});

export const LabCheckSchema = v.object({
  lab: v.string(),
  passed: v.boolean(),
  steps: v.array(LabCheckStepSchema),
});

export const LabDownSchema = v.object({
  lab: v.string(),
  prefix: v.string(),
  /** Names, in the order they were removed (joined containers before their netns owner). */
  removed: v.object({ containers: v.array(v.string()), networks: v.array(v.string()) }),
});

export type LabStep = v.InferOutput<typeof LabStepSchema>;
export type LabSummary = v.InferOutput<typeof LabSummarySchema>;
export type LabList = v.InferOutput<typeof LabListSchema>;
export type LabUpResult = v.InferOutput<typeof LabUpSchema>;
export type LabCheckStep = v.InferOutput<typeof LabCheckStepSchema>;
export type LabCheckResult = v.InferOutput<typeof LabCheckSchema>;
export type LabDownResult = v.InferOutput<typeof LabDownSchema>;
