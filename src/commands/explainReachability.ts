// "Why can't A reach B?": pickers when interactive, the verdict and reasons in a markdown preview.
// A is a container, the engine's host, or an outside IPv4 client.
import { containerPath } from '../analysis/paths';
import { isIpv4 } from '../analysis/explainRules';
import { explain, type Explanation } from '../analysis/reachability';
import type { ExplainRequest } from '../core/requests';
import { findContainer } from '../core/validate';
import { explanationMarkdown } from '../report/explainMarkdown';
import { byRef } from '../shared/lookup';
import type { ContainerInfo, Snapshot } from '../shared/model';
import type { LiveRender } from './analysisDocuments';
import type { CommandContext } from './context';
import type { FlowPreset } from './invocation';
import { input, pick, type PickItem } from './ui/multiStep';
import { containerItems } from './ui/pickers';

type Source = { kind: 'container'; c: ContainerInfo } | { kind: 'host' } | { kind: 'outside' };

/** A scripted `from`: a container, `host`, or an IPv4 address that names no container. */
function scriptedSource(ref: string, snap: Snapshot): string {
  if (ref === 'host' || (isIpv4(ref) && !byRef(snap.containers, ref))) return ref;
  return findContainer(ref, snap, 'from').name;
}

async function interactive(snap: Snapshot, first: ContainerInfo | undefined): Promise<{ from: string; to: string } | undefined> {
  const title = 'Explain Reachability';
  let source: Source | undefined = first ? { kind: 'container', c: first } : undefined;
  if (!source) {
    const items: PickItem<Source>[] = [
      { label: '$(server) host', description: "a process on the engine's host (its network namespace)", value: { kind: 'host' } },
      {
        label: '$(globe) an outside client (IPv4)…',
        description: 'a machine outside the engine host, by its address',
        value: { kind: 'outside' },
      },
      ...containerItems(snap.containers).map((i) => ({ ...i, value: { kind: 'container' as const, c: i.value } })),
    ];
    const s = await pick({ title, step: 1, totalSteps: 2, placeholder: 'From …', items });
    if (!s || typeof s === 'symbol') return undefined;
    source = s;
  }
  let from: string;
  if (source.kind === 'outside') {
    const ip = await input({
      title,
      step: 1,
      totalSteps: 2,
      prompt: "The outside client's IPv4 address",
      placeholder: '203.0.113.7',
      validate: (v) => (isIpv4(v.trim()) ? undefined : 'An IPv4 address, e.g. 203.0.113.7'),
    });
    if (!ip || typeof ip === 'symbol') return undefined;
    from = ip.trim();
  } else from = source.kind === 'host' ? 'host' : source.c.name;
  const self = source.kind === 'container' ? source.c.id : '';
  const b = await pick({
    title,
    step: 2,
    totalSteps: 2,
    placeholder: `Can ${from} reach …`,
    items: containerItems(snap.containers.filter((c) => c.id !== self)),
  });
  if (!b || typeof b === 'symbol') return undefined;
  return { from, to: b.name };
}

/** Interactive: pickers, the preset container as the source. Undefined when cancelled. */
export async function explainFlow(ctx: CommandContext, preset: FlowPreset): Promise<Explanation | undefined> {
  const snap = await ctx.controller().refreshFirewall();
  const first = preset.container ? findContainer(preset.container, snap, 'from') : undefined;
  const chosen = await interactive(snap, first);
  if (!chosen) return undefined;
  return show(ctx, snap, chosen.from, chosen.to, null);
}

/** A request from a script or the graph: the verdict, also shown as a preview. */
export async function explainRequest(ctx: CommandContext, req: ExplainRequest): Promise<Explanation> {
  const snap = await ctx.controller().refreshFirewall();
  const from = scriptedSource(req.from, snap);
  const to = findContainer(req.to, snap, 'to').name;
  return show(ctx, snap, from, to, req.port ?? null);
}

function reportOf(snap: Snapshot, x: Explanation): string {
  const fromC = x.fromKind === 'container' ? byRef(snap.containers, x.from) : undefined;
  const toC = byRef(snap.containers, x.to);
  return explanationMarkdown(x, fromC ? containerPath(fromC, snap) : undefined, toC ? containerPath(toC, snap) : undefined);
}

/** The report again from a newer snapshot; when A or B is gone, says so above the last verdict. */
function follow(first: Explanation, listening: number[] | null): LiveRender {
  let last = first;
  let lastDoc = '';
  let goneSince: string | null = null;
  return (snap) => {
    const gone = [last.fromKind === 'container' ? last.from : null, last.to].filter(
      (n): n is string => n !== null && !byRef(snap.containers, n),
    );
    if (gone.length) {
      goneSince ??= new Date().toLocaleTimeString();
      const head = `# ${gone.join(' and ')} ${gone.length > 1 ? 'are' : 'is'} gone\n\n**${gone.join(' and ')}** no longer ${gone.length > 1 ? 'exist' : 'exists'} on this engine (seen at ${goneSince}). Below is the last verdict, from before; explain again once ${gone.length > 1 ? 'they are' : 'it is'} back.\n\n---\n\n`;
      return head + lastDoc.replace(/^# /, '## ');
    }
    goneSince = null;
    last = explain(snap, last.from, last.to, last.port, { listening });
    lastDoc = reportOf(snap, last);
    return lastDoc;
  };
}

async function show(ctx: CommandContext, snap: Snapshot, from: string, to: string, port: number | null): Promise<Explanation> {
  const listening = port !== null ? await ctx.controller().listeners(findContainer(to, snap).id) : null;
  const x = explain(snap, from, to, port, { listening });
  // One report view, reused: a new explain replaces the last one in the same tab, and it follows
  // the snapshot (a container connected, stopped or removed) until the next explain.
  await ctx.documents.showLive('/explain reachability.md', snap, follow(x, listening));
  ctx.log.info(`explain ${from} → ${to}: ${String(x.reachable)} (${x.reasons.map((r) => r.code).join(', ')})`);
  return x;
}
