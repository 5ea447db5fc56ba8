// The legend: every mark the graph draws, with a small SVG swatch styled by the same theme
// colours (media/graph.css), plus the keyboard keys.

const SVG = 'http://www.w3.org/2000/svg';

type Swatch = (svg: SVGSVGElement) => void;

function el<K extends keyof SVGElementTagNameMap>(svg: SVGSVGElement, tag: K, attrs: Record<string, string | number>, cls: string): void {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.setAttribute('class', cls);
  svg.append(e);
}

const box =
  (cls: string, double = false): Swatch =>
  (s) => {
    if (double) el(s, 'rect', { x: 1, y: 1, width: 30, height: 16, rx: 4 }, `${cls} lg-outline`);
    el(s, 'rect', { x: 4, y: 4, width: 24, height: 10, rx: 3 }, cls);
  };
const dot =
  (cls: string): Swatch =>
  (s) =>
    el(s, 'circle', { cx: 16, cy: 9, r: 6 }, cls);
const line =
  (cls: string): Swatch =>
  (s) =>
    el(s, 'line', { x1: 2, y1: 9, x2: 30, y2: 9 }, cls);

const ENTRIES: [string, Swatch, string][] = [
  ['Nodes', () => undefined, ''],
  ['host', box('lg-host'), 'Host: engine, forwarding, NAT'],
  ['bridge', box('lg-net'), 'Bridge network: subnet · bridge'],
  ['default', box('lg-net', true), 'Default bridge (no DNS)'],
  ['internal', box('lg-net-internal'), 'Internal network'],
  ['icc', box('lg-net-icc'), 'ICC off (no container ⇄ container)'],
  ['other', box('lg-net-other'), 'Other driver (overlay …)'],
  ['running', dot('lg-running'), 'Container, running'],
  ['paused', dot('lg-paused'), 'Paused, restarting'],
  ['stopped', dot('lg-stopped'), 'Created, exited'],
  ['dead', dot('lg-dead'), 'Dead'],
  [
    'lo',
    (s) => {
      el(s, 'circle', { cx: 16, cy: 9, r: 7.5 }, 'lg-lo');
      el(s, 'circle', { cx: 16, cy: 9, r: 4.5 }, 'lg-running');
    },
    '--network none: lo only',
  ],
  ['port', (s) => el(s, 'rect', { x: 2, y: 3, width: 28, height: 12, rx: 6 }, 'lg-port'), 'Published host port'],
  ['pin', (s) => el(s, 'circle', { cx: 16, cy: 9, r: 3 }, 'lg-pin'), 'Pinned (drag; double-click frees)'],
  ['Links', () => undefined, ''],
  ['endpoint', line('lg-endpoint'), 'Endpoint: IP, eth0 ⇄ veth'],
  ['noaddr', line('lg-noaddr'), 'Endpoint, no address'],
  ['netns', line('lg-netns'), 'Shares netns (container:X)'],
  ['manual', line('lg-manual'), 'A veth made by hand (link, attach)'],
  ['hostmode', line('lg-hostmode'), '--network host'],
  ['masq', line('lg-masq'), 'host ⇄ bridge, MASQUERADE'],
  ['assumed', line('lg-assumed'), 'MASQUERADE, rule not read'],
  ['routed', line('lg-routed'), 'host ⇄ bridge, no NAT'],
  ['internal-link', line('lg-internal'), 'host ⇄ internal: no way out'],
  [
    'publish',
    (s) => {
      el(s, 'line', { x1: 2, y1: 9, x2: 24, y2: 9 }, 'lg-publish');
      el(s, 'polygon', { points: '30,9 23,5 23,13' }, 'lg-arrow');
    },
    'host port → container port',
  ],
  ['open', line('lg-open'), 'Explain: path open'],
  ['blocked', line('lg-blocked'), 'Explain: path blocked'],
];

export function buildLegend(host: HTMLElement): void {
  host.replaceChildren();
  const title = document.createElement('div');
  title.className = 'legend-title';
  title.textContent = 'Legend';
  host.append(title);
  const list = document.createElement('ul');
  list.className = 'legend-list';
  for (const [key, swatch, text] of ENTRIES) {
    const li = document.createElement('li');
    if (!text) {
      li.className = 'legend-section';
      li.textContent = key;
      list.append(li);
      continue;
    }
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', '32');
    svg.setAttribute('height', '18');
    svg.setAttribute('aria-hidden', 'true');
    swatch(svg);
    const span = document.createElement('span');
    span.textContent = text;
    li.append(svg, span);
    list.append(li);
  }
  host.append(list);
  const keys = document.createElement('p');
  keys.className = 'legend-keys';
  keys.textContent =
    'Keys on the graph: arrows move · Enter select · Space add to selection · Shift+F10 actions · P pin · C collapse · + − zoom · 0 fit · / filter · Esc';
  host.append(keys);
}
