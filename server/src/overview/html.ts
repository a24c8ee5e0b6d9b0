// A standalone HTML page around the SVG (CLI `--format html`): the SVG's CSS variables fall back to a light
// theme, and the page follows the system's dark mode by setting the same variables. Nothing is loaded.
import { escapeXml } from './svg';

export function overviewHtml(title: string, svg: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeXml(title)}</title>
<style>
body { margin: 0; padding: 16px; background: var(--vscode-editor-background, #ffffff); }
@media (prefers-color-scheme: dark) {
  :root { --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d;
    --vscode-editorWidget-background: #252526; --vscode-editorWidget-border: #454545; --vscode-badge-background: #264f78;
    --vscode-badge-foreground: #ffffff; --vscode-errorForeground: #f85149; --vscode-charts-green: #89d185; --vscode-charts-blue: #3794ff;
    --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7; --vscode-charts-yellow: #cca700; --vscode-charts-red: #f14c4c; }
}
</style>
</head>
<body>
${svg}</body>
</html>
`;
}
