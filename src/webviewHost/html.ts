// The graph webview's page: a strict CSP (no inline script or style, scripts only with this
// load's nonce, nothing remote), the stylesheet and the bundle from the extension's own folders.
// Pure but for the nonce, so the Chromium test harness serves the very same page.
import { randomBytes } from 'node:crypto';

export interface PageParts {
  /** webview.cspSource: the origin local resources are served from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function contentSecurityPolicy(p: Pick<PageParts, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `img-src ${p.cspSource} data: blob:`,
    `style-src ${p.cspSource}`,
    `font-src ${p.cspSource}`,
    `script-src 'nonce-${p.nonce}'`,
  ].join('; ');
}

export function graphHtml(p: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(p.styleUri)}">
<title>Docker Network Graph</title>
</head>
<body>
<div id="app">
  <div id="toolbar" role="toolbar" aria-label="Graph tools">
    <input id="search" type="search" spellcheck="false" placeholder="Filter: name, net:x, label:k=v" aria-label="Filter the graph by name, network or label">
    <button id="hide-stopped" type="button" aria-pressed="false" title="Hide containers that are not running">Hide stopped</button>
    <button id="collapse-all" type="button" aria-pressed="false" title="Collapse every network into one node">Collapse networks</button>
    <button id="fit" type="button" title="Fit the graph to the window (0)">Fit</button>
    <button id="explain" type="button" disabled title="Select two containers (Ctrl+click or Space), then explain whether the first reaches the second">Explain</button>
    <span class="spacer"></span>
    <span id="counts" class="counts" aria-live="polite"></span>
    <span class="group" role="group" aria-label="Export">
      <button id="export-svg" type="button" title="Export the graph as SVG">SVG</button>
      <button id="export-png" type="button" title="Export the graph as PNG">PNG</button>
      <button id="export-json" type="button" title="Export the snapshot as JSON">JSON</button>
    </span>
    <button id="legend-toggle" type="button" aria-pressed="true" title="Show or hide the legend">Legend</button>
  </div>
  <div id="stage">
    <div id="canvas-wrap">
      <canvas id="graph" tabindex="0" role="application" aria-roledescription="network graph" aria-label="Docker network graph. Arrow keys move between nodes, Enter selects, Shift+F10 opens actions, plus and minus zoom."></canvas>
      <aside id="verdict" hidden aria-label="Explain reachability"></aside>
      <div id="banner" hidden role="status"></div>
      <div id="empty" role="status">Waiting for the Docker engine…</div>
    </div>
    <aside id="legend" aria-label="Legend"></aside>
  </div>
  <div id="card" role="tooltip" hidden></div>
  <div id="menu" role="menu" aria-label="Actions" hidden></div>
  <div id="toast" role="status" hidden></div>
  <div id="live" class="sr-only" aria-live="polite"></div>
</div>
<script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
</body>
</html>
`;
}
