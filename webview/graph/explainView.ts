// The explain verdict panel: the verdict (a word and a colour), the route drawn hop by hop as
// boxes, where it stops and why, then the ways and the reasons. explainMarks.ts marks the canvas.
import type { Explanation } from '../../src/analysis/reachability';
import { routeBoxes, routeLine } from '../../src/report/routeDiagram';
import { chainElement } from '../chainElement';

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
  const route = x.route;
  if (route?.hops.length) {
    const fig = document.createElement('figure');
    fig.className = 'verdict-route';
    const svg = chainElement(routeBoxes(route), { direction: 'row', arrow: 'one', maxWidth: 430 }, routeLine(route));
    if (svg) fig.append(svg);
    const stop = route.hops.find((h) => h.stop);
    if (stop?.stop) {
      const cap = document.createElement('figcaption');
      cap.className = 'verdict-stop';
      cap.textContent = `Stops at ${stop.label} (${stop.stop.short}): ${stop.why}`;
      fig.append(cap);
    }
    el.append(fig);
  }
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
