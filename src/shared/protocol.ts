// The messages between the extension host and the graph webview, both ways, as one valibot schema
// per direction; the message types are inferred from them. Every message carries the protocol
// version; a receiver parses what arrives and drops anything the schema rejects, saying why.
// The webview starts with `ready`; the host answers with the snapshot.
// No vscode, no node modules: it is bundled into the webview.
import * as v from 'valibot';
import { ExplanationSchema } from './schema/explanation';
import { parseWith, type Parsed } from './schema/issues';

export type { Parsed } from './schema/issues';
import { finite, id, int } from './schema/primitives';
import { SnapshotSchema } from './schema/snapshot';

export const PROTOCOL_VERSION = 1;
/** The webview panel's viewType (and the `onWebviewPanel:` activation event). */
export const GRAPH_VIEW_TYPE = 'dockerNetworks.graph';
/** An exported PNG of a large graph is a few MB of base64; anything beyond this is refused. */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

const versioned = { v: v.literal(PROTOCOL_VERSION) };

export const GraphOptionsSchema = v.object({
  /** false in an untrusted workspace or with dockerNetworks.readOnly: no connect/disconnect/join. */
  mutable: v.boolean(),
});

// ---- host → webview ----

const SnapshotMessageSchema = v.object({
  ...versioned,
  type: v.literal('snapshot'),
  /** Increases with every snapshot the host sends; the webview ignores older ones. */
  revision: int,
  snapshot: SnapshotSchema,
  options: GraphOptionsSchema,
});
const StatusMessageSchema = v.object({
  ...versioned,
  type: v.literal('status'),
  state: v.picklist(['connecting', 'disconnected']),
  message: v.string(),
});
/** Focus a node (revealInGraph): centre it, show its card. */
const FocusMessageSchema = v.object({ ...versioned, type: v.literal('focus'), nodeId: id });
/** The result of dockerNetworks.explainReachability, to highlight on the graph. */
const ExplanationMessageSchema = v.object({ ...versioned, type: v.literal('explanation'), explanation: ExplanationSchema });
/** How an action or an export ended, for a short notice in the webview. */
const ResultMessageSchema = v.object({ ...versioned, type: v.literal('result'), ok: v.boolean(), message: v.string() });

export const HostToWebviewSchema = v.variant('type', [
  SnapshotMessageSchema,
  StatusMessageSchema,
  FocusMessageSchema,
  ExplanationMessageSchema,
  ResultMessageSchema,
]);

// ---- webview → host ----

export const GraphActionSchema = v.variant('kind', [
  /** docker network connect, both ends picked in the graph. Ids or names. */
  v.object({ kind: v.literal('connect'), container: id, network: id, ipv4: v.optional(v.string()), aliases: v.optional(v.array(id)) }),
  /** The interactive connect command (static IP, aliases), with whichever end is known. */
  v.object({ kind: v.literal('connectInteractive'), container: v.optional(id), network: v.optional(id) }),
  v.object({ kind: v.literal('disconnect'), container: id, network: id }),
  /** Run a new container in this one's netns (the interactive join command). */
  v.object({ kind: v.literal('join'), container: v.optional(id) }),
  v.object({ kind: v.literal('explain'), from: id, to: id }),
  v.object({ kind: v.literal('inspect'), target: v.picklist(['container', 'network']), id }),
]);

const ReadyMessageSchema = v.object({ ...versioned, type: v.literal('ready') });
const SelectMessageSchema = v.object({
  ...versioned,
  type: v.literal('select'),
  /** A graph node or link id: net:<id>, ctr:<id> or net:<nid>/ctr:<cid> (as the tree's). */
  nodeId: id,
});
const ActionMessageSchema = v.object({ ...versioned, type: v.literal('action'), action: GraphActionSchema });
const exportData = v.pipe(v.string(), v.maxLength(MAX_EXPORT_CHARS));
const ExportMessageSchema = v.variant('format', [
  v.object({
    ...versioned,
    type: v.literal('export'),
    format: v.literal('svg'),
    data: v.pipe(
      exportData,
      v.check((d) => d.trimStart().startsWith('<svg'), 'not an SVG document'),
    ),
  }),
  v.object({
    ...versioned,
    type: v.literal('export'),
    format: v.literal('png'),
    data: v.pipe(exportData, v.startsWith('data:image/png;base64,')),
  }),
  // The host writes the JSON itself, from its own snapshot: the webview sends no data.
  v.object({ ...versioned, type: v.literal('export'), format: v.literal('json'), data: v.optional(v.undefined()) }),
]);
/** Sent after each snapshot is drawn: what was drawn and how long it took (ms). */
const RenderedMessageSchema = v.object({ ...versioned, type: v.literal('rendered'), revision: int, nodes: int, links: int, ms: finite });
const LogMessageSchema = v.object({
  ...versioned,
  type: v.literal('log'),
  level: v.picklist(['info', 'warn', 'error']),
  message: v.string(),
});

export const WebviewToHostSchema = v.variant('type', [
  ReadyMessageSchema,
  SelectMessageSchema,
  ActionMessageSchema,
  ExportMessageSchema,
  RenderedMessageSchema,
  LogMessageSchema,
]);

// ---- types, inferred ----

export type GraphOptions = v.InferOutput<typeof GraphOptionsSchema>;
export type SnapshotMessage = v.InferOutput<typeof SnapshotMessageSchema>;
export type StatusMessage = v.InferOutput<typeof StatusMessageSchema>;
export type FocusMessage = v.InferOutput<typeof FocusMessageSchema>;
export type ExplanationMessage = v.InferOutput<typeof ExplanationMessageSchema>;
export type ResultMessage = v.InferOutput<typeof ResultMessageSchema>;
export type HostToWebview = v.InferOutput<typeof HostToWebviewSchema>;
export type GraphAction = v.InferOutput<typeof GraphActionSchema>;
export type ActionKind = GraphAction['kind'];
export type ReadyMessage = v.InferOutput<typeof ReadyMessageSchema>;
export type SelectMessage = v.InferOutput<typeof SelectMessageSchema>;
export type ActionMessage = v.InferOutput<typeof ActionMessageSchema>;
export type ExportMessage = v.InferOutput<typeof ExportMessageSchema>;
export type RenderedMessage = v.InferOutput<typeof RenderedMessageSchema>;
export type LogMessage = v.InferOutput<typeof LogMessageSchema>;
export type WebviewToHost = v.InferOutput<typeof WebviewToHostSchema>;

// ---- parsing at the edges ----

/** The webview's receive: a typed message, or why it was refused (for the log). */
export const parseHostToWebview = (x: unknown): Parsed<HostToWebview> => parseWith(HostToWebviewSchema, x);
/** The host's receive: a typed message, or why it was refused (for the log). */
export const parseWebviewToHost = (x: unknown): Parsed<WebviewToHost> => parseWith(WebviewToHostSchema, x);

export const isHostToWebview = (x: unknown): x is HostToWebview => v.is(HostToWebviewSchema, x);
export const isWebviewToHost = (x: unknown): x is WebviewToHost => v.is(WebviewToHostSchema, x);
export const isSnapshot = (x: unknown): x is v.InferOutput<typeof SnapshotSchema> => v.is(SnapshotSchema, x);
export const isExplanation = (x: unknown): x is v.InferOutput<typeof ExplanationSchema> => v.is(ExplanationSchema, x);
