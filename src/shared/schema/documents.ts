// The JSON documents the CLI prints, as schemas: each is its data plus `schemaVersion` at the top
// level, so a script can tell which shape it reads. The generated JSON Schema (schema/*.json)
// comes from these.
import * as v from 'valibot';
import { AuditResultSchema } from './audit';
import { ExplanationSchema } from './explanation';
import { FirewallModelSchema } from './firewall';
import { FirewallDiffSchema } from './firewallDiff';
import { ManualLinkResultSchema } from './manualLink';
import { LabCheckSchema, LabDownSchema, LabListSchema, LabUpSchema } from './labs';
import { PathReportSchema } from './path';
import { SnapshotSchema } from './snapshot';

/** Bumped when a printed document changes in a way that breaks a reader (a field renamed or removed). */
export const SCHEMA_VERSION = 1;

const schemaVersion = v.literal(SCHEMA_VERSION);

/** A document as printed: `schemaVersion` first, then the data. */
export function versioned<T extends object>(data: T): { schemaVersion: typeof SCHEMA_VERSION } & T {
  return { schemaVersion: SCHEMA_VERSION, ...data };
}

export const TopologyDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...SnapshotSchema.entries }),
  v.title('Docker Network Explorer topology'),
  v.description('`cli topology --json`: networks, containers, endpoints and host facts. A fact that could not be read is null; host.unavailable says why.'),
);

export const FirewallDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...FirewallModelSchema.entries }),
  v.title('Docker Network Explorer firewall model'),
  v.description("`cli firewall --json`: Docker's firewall rules as one model, whatever generation or backend wrote them."),
);

export const ExplainDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...ExplanationSchema.entries }),
  v.title('Docker Network Explorer reachability explanation'),
  v.description('`cli explain <from> <to> --json`: can <from> reach <to>, every way, and why.'),
);

export const AuditDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...AuditResultSchema.entries }),
  v.title('Docker Network Explorer host audit'),
  v.description('`cli audit --json`: what is exposed and what is risky on the engine\'s host, high first, and the checks that could not be made.'),
);

export const PathDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...PathReportSchema.entries }),
  v.title('Docker Network Explorer container paths'),
  v.description('`cli path <container> --json`: how a packet leaves the container and how each published port reaches it, hop by hop, with the rule that applies.'),
);

export const FirewallDiffDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...FirewallDiffSchema.entries }),
  v.title('Docker Network Explorer firewall diff'),
  v.description('`cli firewall diff <before> <after> --json`: what changed between two dumps, by meaning; the same rules written by another Docker version or backend give no difference.'),
);

export const ManualLinkDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...ManualLinkResultSchema.entries }),
  v.title('Docker Network Explorer hand-made link'),
  v.description('`cli link create|rm`, `cli attach`, `cli detach` with --json: the veth ends made or removed in the containers\' netns, and the ip commands that ran.'),
);

export const LabListDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...LabListSchema.entries }),
  v.title('Docker Network Explorer labs'),
  v.description('`cli lab list --json`: every lab of the tutorials, its steps with the equivalent commands, and whether it can run yet.'),
);

export const LabUpDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...LabUpSchema.entries }),
  v.title('Docker Network Explorer lab up'),
  v.description('`cli lab up <id> --json`: the networks (with subnets) and containers the lab made, and its steps with their commands.'),
);

export const LabCheckDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...LabCheckSchema.entries }),
  v.title('Docker Network Explorer lab check'),
  v.description('`cli lab check <id> --json`: each claim of the lab, what real traffic showed, and whether it held (exit code 0 when all did).'),
);

export const LabDownDocumentSchema = v.pipe(
  v.object({ schemaVersion, ...LabDownSchema.entries }),
  v.title('Docker Network Explorer lab down'),
  v.description('`cli lab down <id> --json`: what was removed (only what the lab made: its label and name prefix).'),
);
