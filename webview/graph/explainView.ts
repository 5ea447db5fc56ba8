// The explain verdict on the graph: which nodes and links each way of the Explanation goes
// through (pure), and the verdict panel with the ways and the reasons.
import type { Explanation } from '../../src/analysis/reachability';
import type { ContainerNode, GraphModel, GraphNode } from '../../src/shared/graph';
import { endpointLinkId, hostModeLinkId, uplinkId } from '../../src/shared/ids';
import type { PathMark } from './render';

export function explainMarks(x: Explanation, model: GraphModel): Map<string, PathMark> {
  const marks = new Map<string, PathMark>();
  const byId = new Map<string, GraphNode>(model.nodes.map((n) => [n.id, n]));
  const linkIds = new Set(model.links.map((l) => l.id));
  const mark = (id: string, m: PathMark): void => {
    if (!byId.has(id) && !linkIds.has(id)) return;
    if (marks.get(id) !== 'open') marks.set(id, m);
  };
  const container = (name: string): ContainerNode | undefined =>
    model.nodes.find((n): n is ContainerNode => n.kind === 'container' && n.name === name);
  const from = container(x.from);
  const to = container(x.to);
  if (!from || !to) return marks;
  const owner = (c: ContainerNode): ContainerNode => {
    const o = c.netnsOwner ? byId.get(c.netnsOwner) : undefined;
    return o?.kind === 'container' ? o : c;
  };
  const ends = [from, to];
  if (x.ways.length === 0) {
    for (const c of ends) mark(c.id, 'blocked');
    return marks;
  }
  for (const w of x.ways) {
    const m: PathMark = w.open ? 'open' : 'blocked';
    for (const c of ends) {
      mark(c.id, m);
      const o = owner(c);
      if (o !== c) {
        mark(`netns:${c.containerId}`, m);
        mark(o.id, m);
      }
      if (w.network.startsWith('netns of ')) continue;
      if (w.network === 'host') {
        mark(hostModeLinkId(o.containerId), m);
        continue;
      }
      const net = model.nodes.find((n) => n.kind === 'network' && n.name === w.network);
      if (net?.kind !== 'network') continue;
      mark(net.id, m);
      if (o.onHost) {
        mark(hostModeLinkId(o.containerId), m);
        mark(uplinkId(net.networkId), m);
        mark('host', m);
      } else {
        mark(endpointLinkId(net.networkId, o.containerId), m);
      }
    }
  }
  return marks;
}

export function verdictText(x: Explanation): string {
  return x.reachable === true ? 'reachable' : x.reachable === false ? 'not reachable' : 'unknown';
}

/** Fills the verdict panel; onClose clears the highlight. */
export function showVerdict(el: HTMLElement, x: Explanation, onClose: () => void): void {
  el.replaceChildren();
  el.hidden = false;
  el.dataset['verdict'] = String(x.reachable);
  const head = document.createElement('div');
  head.className = 'verdict-head';
  const badge = document.createElement('span');
  badge.className = `verdict-badge verdict-${x.reachable === true ? 'yes' : x.reachable === false ? 'no' : 'unknown'}`;
  badge.textContent = verdictText(x).toUpperCase();
  const title = document.createElement('span');
  title.className = 'verdict-title';
  title.textContent = `${x.from} → ${x.to}${x.port ? `:${x.port}` : ''}`;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'verdict-close';
  close.textContent = '×';
  close.title = 'Clear the highlighted path (Escape)';
  close.setAttribute('aria-label', 'Clear the highlighted path');
  close.addEventListener('click', onClose);
  head.append(badge, title, close);
  el.append(head);
  if (x.ways.length) {
    const ul = document.createElement('ul');
    ul.className = 'verdict-ways';
    for (const w of x.ways) {
      const li = document.createElement('li');
      li.className = w.open ? 'way-open' : 'way-blocked';
      li.textContent = `${w.open ? 'open' : 'blocked'}: via ${w.network} → ${w.address}${w.byName ? ` (by name: ${w.names.join(', ')})` : ' (by IP only)'}`;
      ul.append(li);
    }
    el.append(ul);
  }
  const reasons = document.createElement('dl');
  reasons.className = 'verdict-reasons';
  for (const r of x.reasons) {
    const dt = document.createElement('dt');
    dt.textContent = r.code;
    const dd = document.createElement('dd');
    dd.textContent = r.message;
    const ev = document.createElement('code');
    ev.textContent = r.evidence;
    dd.append(document.createElement('br'), ev);
    reasons.append(dt, dd);
  }
  el.append(reasons);
}
