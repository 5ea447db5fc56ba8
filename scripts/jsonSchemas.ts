// The JSON Schema files for script writers, generated from the runtime schemas of the CLI's
// documents (src/shared/schema/documents.ts). Pure: genSchema.ts writes them, a unit test checks
// the committed files still match.
import { toJsonSchema } from '@valibot/to-json-schema';
import {
  AuditDocumentSchema,
  ExplainDocumentSchema,
  FirewallDiffDocumentSchema,
  FirewallDocumentSchema,
  ManualLinkDocumentSchema,
  LabCheckDocumentSchema,
  LabDownDocumentSchema,
  LabListDocumentSchema,
  LabUpDocumentSchema,
  PathDocumentSchema,
  TopologyDocumentSchema,
} from '../src/shared/schema/documents';

/** File name (under schema/) → its text, exactly as committed. */
export function jsonSchemaFiles(): Record<string, string> {
  const docs = {
    'topology.schema.json': TopologyDocumentSchema,
    'firewall.schema.json': FirewallDocumentSchema,
    'explain.schema.json': ExplainDocumentSchema,
    'audit.schema.json': AuditDocumentSchema,
    'path.schema.json': PathDocumentSchema,
    'firewall-diff.schema.json': FirewallDiffDocumentSchema,
    'manual-link.schema.json': ManualLinkDocumentSchema,
    'lab-list.schema.json': LabListDocumentSchema,
    'lab-up.schema.json': LabUpDocumentSchema,
    'lab-check.schema.json': LabCheckDocumentSchema,
    'lab-down.schema.json': LabDownDocumentSchema,
  };
  const out: Record<string, string> = {};
  for (const [file, schema] of Object.entries(docs)) {
    // finite has no JSON Schema keyword; JSON itself cannot carry NaN or Infinity.
    out[file] = `${JSON.stringify(toJsonSchema(schema, { target: 'draft-07', ignoreActions: ['finite'] }), null, 2)}\n`;
  }
  return out;
}
