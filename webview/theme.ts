// Colours for the canvas, read from VS Code's theme variables (var(--vscode-*)) on the document.
// VS Code rewrites those variables and the body class when the theme changes; watch() re-reads.

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface Theme {
  kind: ThemeKind;
  /** High contrast: thicker strokes, borders on everything. */
  hc: boolean;
  bg: string;
  fg: string;
  muted: string;
  border: string;
  focus: string;
  /** Outline colour in high contrast themes, else transparent-ish border. */
  contrast: string;
  selection: string;
  blue: string;
  green: string;
  yellow: string;
  orange: string;
  red: string;
  purple: string;
  font: string;
  mono: string;
}

const DARK: Omit<Theme, 'kind' | 'hc'> = {
  bg: '#1f1f1f',
  fg: '#cccccc',
  muted: '#9d9d9d',
  border: '#3c3c3c',
  focus: '#0078d4',
  contrast: '#3c3c3c',
  selection: '#264f78',
  blue: '#3794ff',
  green: '#89d185',
  yellow: '#cca700',
  orange: '#d18616',
  red: '#f14c4c',
  purple: '#b180d7',
  font: 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  mono: '"Droid Sans Mono", "DejaVu Sans Mono", monospace',
};

function kindOf(body: HTMLElement): ThemeKind {
  if (body.classList.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (body.classList.contains('vscode-high-contrast')) return 'high-contrast';
  if (body.classList.contains('vscode-light')) return 'light';
  return 'dark';
}

export function readTheme(doc: Document = document): Theme {
  const style = getComputedStyle(doc.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(`--vscode-${name}`).trim() || fallback;
  const kind = kindOf(doc.body);
  const hc = kind === 'high-contrast' || kind === 'high-contrast-light';
  const light = kind === 'light' || kind === 'high-contrast-light';
  const base = light
    ? {
        ...DARK,
        bg: '#ffffff',
        fg: '#3b3b3b',
        muted: '#717171',
        border: '#e5e5e5',
        contrast: '#e5e5e5',
        selection: '#add6ff',
        blue: '#1a85ff',
        green: '#388a34',
        yellow: '#bf8803',
        red: '#e51400',
        purple: '#652d90',
      }
    : DARK;
  const contrast = v('contrastBorder', '');
  return {
    kind,
    hc,
    bg: v('editor-background', base.bg),
    fg: v('editor-foreground', base.fg),
    muted: v('descriptionForeground', base.muted),
    border: v('editorWidget-border', v('panel-border', base.border)),
    focus: v('focusBorder', base.focus),
    contrast: contrast || base.contrast,
    selection: v('editor-selectionBackground', base.selection),
    blue: v('charts-blue', base.blue),
    green: v('charts-green', base.green),
    yellow: v('charts-yellow', base.yellow),
    orange: v('charts-orange', base.orange),
    red: v('charts-red', base.red),
    purple: v('charts-purple', base.purple),
    font: v('font-family', base.font),
    mono: v('editor-font-family', base.mono),
  };
}

/** Calls back when VS Code switches the theme (it rewrites the html style and the body class). */
export function watchTheme(onChange: (t: Theme) => void, doc: Document = document): () => void {
  let last = JSON.stringify(readTheme(doc));
  const observer = new MutationObserver(() => {
    const t = readTheme(doc);
    const s = JSON.stringify(t);
    if (s === last) return;
    last = s;
    onChange(t);
  });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(doc.body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

/** The colour with an alpha, for fills: works for #rgb, #rrggbb and rgb()/rgba() strings. */
export function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(c)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((h) => h + h).join('') : hex.slice(0, 6);
    const n = parseInt(full, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(c)?.[1];
  if (rgb) {
    const [r, g, b] = rgb.split(/[\s,/]+/).filter(Boolean);
    return `rgba(${r ?? 0}, ${g ?? 0}, ${b ?? 0}, ${alpha})`;
  }
  return c;
}
