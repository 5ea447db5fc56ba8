// The explain verdict's types: plain data the CLI prints, the command renders and the graph marks.

import type * as v from 'valibot';
import type {
  ExplanationSchema,
  ReasonCodeSchema,
  ReasonSchema,
  RouteHopSchema,
  ExplainRouteSchema,
  SourceKindSchema,
  WayKindSchema,
  WaySchema,
} from '../shared/schema/explanation';

// Inferred from the schema (shared/schema/explanation.ts) that also checks them in the protocol.
export type ReasonCode = v.InferOutput<typeof ReasonCodeSchema>;
export type Reason = v.InferOutput<typeof ReasonSchema>;
export type WayKind = v.InferOutput<typeof WayKindSchema>;
export type Way = v.InferOutput<typeof WaySchema>;
export type RouteHop = v.InferOutput<typeof RouteHopSchema>;
export type ExplainRoute = v.InferOutput<typeof ExplainRouteSchema>;
export type SourceKind = v.InferOutput<typeof SourceKindSchema>;
export type Explanation = v.InferOutput<typeof ExplanationSchema>;

export interface ExplainFacts {
  /** TCP ports B's netns listens on (from /proc/<pid>/net/tcp*); null or absent when unknown. */
  listening?: number[] | null;
}

export type AddReason = (code: ReasonCode, message: string, evidence: string) => void;
