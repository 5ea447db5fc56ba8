// The VS Code theme variables the harness sets on the page, as the workbench does (values from
// Dark Modern, Light Modern and Dark High Contrast), plus the body class.

export type ThemeName = 'dark' | 'light' | 'hc';

const common = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'editor-font-family': '"Droid Sans Mono", "DejaVu Sans Mono", monospace',
};

export const THEMES: Record<ThemeName, { cls: string; vars: Record<string, string> }> = {
  dark: {
    cls: 'vscode-dark',
    vars: {
      ...common,
      'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', descriptionForeground: '#9d9d9d', focusBorder: '#0078d4',
      'editorWidget-background': '#202020', 'editorWidget-border': '#313131', 'panel-border': '#2b2b2b', 'widget-shadow': 'rgba(0, 0, 0, 0.36)',
      'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c', 'input-placeholderForeground': '#989898',
      'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
      'menu-background': '#1f1f1f', 'menu-foreground': '#cccccc', 'menu-selectionBackground': '#0078d4', 'menu-selectionForeground': '#ffffff', 'menu-border': '#454545',
      'editorHoverWidget-background': '#202020', 'editorHoverWidget-border': '#454545', 'textCodeBlock-background': '#2b2b2b',
      'editor-selectionBackground': '#264f78',
      'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-yellow': '#cca700', 'charts-orange': '#d18616', 'charts-red': '#f14c4c', 'charts-purple': '#b180d7',
    },
  },
  light: {
    cls: 'vscode-light',
    vars: {
      ...common,
      'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', descriptionForeground: '#616161', focusBorder: '#005fb8',
      'editorWidget-background': '#f8f8f8', 'editorWidget-border': '#c8c8c8', 'panel-border': '#e5e5e5', 'widget-shadow': 'rgba(0, 0, 0, 0.16)',
      'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'input-border': '#cecece', 'input-placeholderForeground': '#767676',
      'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
      'menu-background': '#ffffff', 'menu-foreground': '#3b3b3b', 'menu-selectionBackground': '#005fb8', 'menu-selectionForeground': '#ffffff', 'menu-border': '#cecece',
      'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-border': '#c8c8c8', 'textCodeBlock-background': '#f2f2f2',
      'editor-selectionBackground': '#add6ff',
      'charts-blue': '#1a85ff', 'charts-green': '#388a34', 'charts-yellow': '#bf8803', 'charts-orange': '#d18616', 'charts-red': '#e51400', 'charts-purple': '#652d90',
    },
  },
  hc: {
    cls: 'vscode-high-contrast',
    vars: {
      ...common,
      'editor-background': '#000000', 'editor-foreground': '#ffffff', descriptionForeground: '#ffffffb3', focusBorder: '#f38518', contrastBorder: '#6fc3df',
      'editorWidget-background': '#0c141f', 'editorWidget-border': '#6fc3df', 'panel-border': '#6fc3df',
      'input-background': '#000000', 'input-foreground': '#ffffff', 'input-border': '#6fc3df', 'input-placeholderForeground': '#ffffffb3',
      'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df',
      'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
      'menu-background': '#000000', 'menu-foreground': '#ffffff', 'menu-selectionBorder': '#f38518', 'menu-border': '#6fc3df',
      'editorHoverWidget-background': '#0c141f', 'editorHoverWidget-border': '#6fc3df', 'textCodeBlock-background': '#000000',
      'editor-selectionBackground': '#ffffff',
      'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-yellow': '#ffd700', 'charts-orange': '#ff8c00', 'charts-red': '#f48771', 'charts-purple': '#b180d7',
    },
  },
};
