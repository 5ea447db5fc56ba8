// A chain of boxes (src/report/chainSvg.ts) as an <svg> element for the cards and the verdict
// panel. The markup is ours (generated and escaped), parsed as XML rather than set as HTML, and
// it has no style attributes or scripts, so the page's CSP holds. Marker ids are made unique per
// drawing: a url(#h) into a hidden card would otherwise lose its arrowheads.
import { chainSvg, type ChainBox, type ChainOptions } from '../src/report/chainSvg';

let drawn = 0;

export function chainElement(boxes: readonly ChainBox[], o: ChainOptions, label: string): Element | null {
  if (boxes.length === 0) return null;
  const doc = new DOMParser().parseFromString(chainSvg(boxes, o), 'image/svg+xml');
  const root = doc.documentElement;
  if (root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
  const svg = document.importNode(root, true);
  const prefix = `chain${++drawn}-`;
  for (const m of Array.from(svg.querySelectorAll('marker[id]'))) m.id = prefix + m.id;
  for (const el of Array.from(svg.querySelectorAll('[marker-end], [marker-start]'))) {
    for (const attr of ['marker-end', 'marker-start']) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, v.replace('url(#', `url(#${prefix}`));
    }
  }
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.classList.add('chain');
  return svg;
}
