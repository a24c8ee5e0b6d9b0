// The overview as one self-contained SVG: no scripts, no external references, colours from the VS Code
// theme's CSS variables with fallbacks for a standalone file. A webview adds its nonce to the <style>.
import { fmt as formatHealthTime } from '../compose/hovers/healthcheck';
import { conditionText } from '../compose/hovers/service';
import { bracketed } from '../compose/ports';
import { layoutOverview, LINE, MARGIN, MAX_PORT_LINES, MAX_VOLUME_LINES, type Box, type Layout } from './layout';
import type { OverviewEdge, OverviewPort, OverviewService, OverviewVolume, StackOverview, StartupStep } from './types';

const CHAR_WIDTH = 6.8;
const HEADER = 64;
const TIMELINE_LABEL = 170;
const TIMELINE_BAR = 400;
const TIMELINE_TEXT = 460;
const TIMELINE_ROW = 22;

export const STYLE = `
.dl-overview { font-family: var(--vscode-font-family, -apple-system, "Segoe UI", Ubuntu, sans-serif); font-size: 12px; }
.dl-overview text { fill: var(--vscode-editor-foreground, #1f2328); }
.dl-overview .bg { fill: var(--vscode-editor-background, #ffffff); }
.dl-overview .title { font-size: 15px; font-weight: 600; }
.dl-overview .muted, .dl-overview text.muted { fill: var(--vscode-descriptionForeground, #59636e); }
.dl-overview .name { font-weight: 600; font-size: 13px; }
.dl-overview .box { fill: var(--vscode-editorWidget-background, #f6f8fa); stroke: var(--vscode-editorWidget-border, #d1d9e0); stroke-width: 1; }
.dl-overview .box.missing { fill: none; stroke: var(--vscode-errorForeground, #d1242f); stroke-dasharray: 5 3; }
.dl-overview .host-edge { fill: var(--vscode-badge-background, #ddf4ff); }
.dl-overview text.port { fill: var(--vscode-badge-foreground, #0a3069); font-family: var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace); }
.dl-overview text.port.ignored { text-decoration: line-through; }
.dl-overview .edge path { fill: none; stroke: var(--vscode-editor-foreground, #1f2328); stroke-width: 1.4; }
.dl-overview .edge.healthy path { stroke: var(--vscode-charts-green, #1a7f37); }
.dl-overview .edge.completed path { stroke: var(--vscode-charts-blue, #0969da); }
.dl-overview .edge.cycle path, .dl-overview .edge.missing path { stroke: var(--vscode-errorForeground, #d1242f); stroke-dasharray: 6 3; }
.dl-overview .edge.optional path { stroke-dasharray: 2 3; }
.dl-overview .label-bg { fill: var(--vscode-editor-background, #ffffff); opacity: 0.9; }
.dl-overview .arrowhead { fill: var(--vscode-editor-foreground, #1f2328); }
.dl-overview .arrowhead.error { fill: var(--vscode-errorForeground, #d1242f); }
.dl-overview .vol-named { fill: var(--vscode-charts-green, #1a7f37); }
.dl-overview .vol-bind { fill: var(--vscode-charts-blue, #0969da); }
.dl-overview .vol-anonymous { fill: var(--vscode-charts-orange, #bc4c00); }
.dl-overview .vol-tmpfs { fill: var(--vscode-charts-purple, #8250df); }
.dl-overview .vol-other { fill: var(--vscode-charts-yellow, #9a6700); }
.dl-overview .error, .dl-overview text.error { fill: var(--vscode-errorForeground, #d1242f); }
.dl-overview .axis { stroke: var(--vscode-editorWidget-border, #d1d9e0); stroke-width: 1; }
.dl-overview .bar-wait { fill: var(--vscode-charts-blue, #0969da); opacity: 0.35; }
.dl-overview .bar-healthy { fill: var(--vscode-charts-green, #1a7f37); }
.dl-overview .bar-unhealthy { stroke: var(--vscode-charts-red, #cf222e); stroke-width: 2; stroke-dasharray: 3 2; }
`;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function fit(text: string, width: number): string {
  const max = Math.max(4, Math.floor(width / CHAR_WIDTH));
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

function t(x: number, y: number, text: string, cls = '', width = Infinity, extra = ''): string {
  return `<text x="${r(x)}" y="${r(y)}"${cls ? ` class="${cls}"` : ''}${extra}>${escapeXml(fit(text, width))}</text>`;
}

const r = (n: number) => String(Math.round(n * 10) / 10);
const fmt = (ms: number | undefined) => (ms === undefined ? '?' : formatHealthTime(ms));

export function portLabel(p: OverviewPort): string {
  const host = p.published === undefined ? 'random port' : `${p.hostIp === undefined ? '*' : bracketed(p.hostIp)}:${p.published}`;
  return `${host} → ${p.target}/${p.protocol}`;
}

export function volumeLabel(v: OverviewVolume): string {
  const ro = v.readOnly ? ' (ro)' : '';
  switch (v.kind) {
    case 'named':
      // domain-facts §3.5: `down -v` never removes an external volume.
      return `${v.source}${v.external ? ' (external)' : ''} → ${v.target}${ro}`;
    case 'anonymous':
      return `anonymous${v.fromImage ? " (the image's VOLUME)" : ''} → ${v.target}`;
    case 'tmpfs':
      return `tmpfs → ${v.target}`;
    default:
      return `${v.source ?? ''} → ${v.target}${ro}`;
  }
}


export function renderOverviewSvg(overview: StackOverview): string {
  const layout = layoutOverview(overview, HEADER);
  const timelineTop = layout.height + 40;
  const timelineHeight = 40 + Math.max(1, overview.startup.length) * TIMELINE_ROW;
  const legendTop = timelineTop + timelineHeight + 20;
  const width = Math.max(layout.width, MARGIN * 2 + TIMELINE_LABEL + TIMELINE_BAR + 10 + TIMELINE_TEXT, 760);
  const height = legendTop + 76 + overview.notes.length * LINE;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="dl-overview" width="${width}" height="${r(height)}" viewBox="0 0 ${width} ${r(height)}" role="img" aria-label="${escapeXml(`Stack overview of ${overview.file}`)}">`,
    `<style>${STYLE}</style>`,
    '<defs>',
    '<marker id="dl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker>',
    '<marker id="dl-arrow-error" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="arrowhead error" d="M0,0 L10,5 L0,10 z"/></marker>',
    '</defs>',
    `<rect class="bg" x="0" y="0" width="${width}" height="${r(height)}"/>`,
    t(MARGIN, 26, `Stack overview: ${overview.file}`, 'title', width - 2 * MARGIN),
    t(MARGIN, 46, headerLine(overview), 'muted', width - 2 * MARGIN),
  ];
  const edges = renderEdges(overview.edges, layout);
  out.push(...edges.paths);
  const services = new Map(overview.services.map((s) => [s.name, s]));
  for (const box of layout.boxes) out.push(box.missing ? renderMissing(box) : renderService(box, services.get(box.name)!));
  out.push(...edges.labels);
  out.push(...renderTimeline(overview.startup, timelineTop));
  out.push(...renderLegend(legendTop, overview.notes));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function headerLine(o: StackOverview): string {
  const parts = [`project ${o.project}`, `${o.services.length} service${o.services.length === 1 ? '' : 's'}`];
  if (o.files.length > 0) parts.push(`with ${o.files.map((f) => `${f.path} (${f.role})`).join(', ')}`);
  if (o.omitted > 0) parts.push(`${o.omitted} more not shown`);
  return parts.join(' · ');
}

function renderService(box: Box, s: OverviewService): string {
  const lines: string[] = [`<g class="service" data-service="${escapeXml(s.name)}">`];
  lines.push(`<rect class="box" x="${box.x}" y="${r(box.y)}" width="${box.width}" height="${box.height}" rx="6"/>`);
  const inner = box.width - 16;
  let y = box.y;
  if (box.hostEdge > 0) {
    lines.push(`<path class="host-edge" d="M${box.x + 0.5},${r(y + box.hostEdge)} V${r(y + 6)} a6,6 0 0 1 6,-6 H${box.x + box.width - 6} a6,6 0 0 1 6,6 V${r(y + box.hostEdge)} z"/>`);
    const shown = s.ports.slice(0, MAX_PORT_LINES);
    shown.forEach((p, i) => lines.push(t(box.x + 8, y + 16 + i * LINE, portLabel(p), p.ignored ? 'port ignored' : 'port', inner)));
    if (s.ports.length > MAX_PORT_LINES) lines.push(t(box.x + 8, y + 16 + MAX_PORT_LINES * LINE, `+${s.ports.length - MAX_PORT_LINES} more`, 'port', inner));
    y += box.hostEdge;
  }
  lines.push(t(box.x + 8, y + 19, s.name, 'name', inner));
  y += 26;
  const origin = s.build ? `build ${s.build.context}${s.build.dockerfile ? ` (${s.build.dockerfile})` : ''}` : s.image ? `image ${s.image}` : 'no image or build';
  lines.push(t(box.x + 8, y + 11, origin, 'muted', inner));
  y += LINE;
  s.volumes.slice(0, MAX_VOLUME_LINES).forEach((v) => {
    lines.push(`<rect class="vol-${v.kind}" x="${box.x + 8}" y="${r(y + 3)}" width="9" height="9" rx="2"/>`);
    lines.push(t(box.x + 22, y + 11, volumeLabel(v), '', inner - 14, ` data-persistence="${v.kind}"`));
    y += LINE;
  });
  if (s.volumes.length > MAX_VOLUME_LINES) {
    lines.push(t(box.x + 8, y + 11, `+${s.volumes.length - MAX_VOLUME_LINES} more mounts`, 'muted', inner));
    y += LINE;
  }
  lines.push(t(box.x + 8, y + 11, healthLine(s), s.health.kind === 'disabled' ? 'muted' : '', inner));
  lines.push('</g>');
  return lines.join('\n');
}

function healthLine(s: OverviewService): string {
  const h = s.health;
  if (h.kind === 'none') return 'no healthcheck';
  if (h.kind === 'unknown') return "healthcheck: the image's, if any";
  if (h.kind === 'disabled') return 'healthcheck disabled';
  const unhealthy = h.unhealthyFailingFast === h.unhealthyHanging ? fmt(h.unhealthyFailingFast) : `${fmt(h.unhealthyFailingFast)}–${fmt(h.unhealthyHanging)}`;
  return `healthy ≥ ${fmt(h.earliestHealthy)}, unhealthy ≈ ${unhealthy}${h.source === 'image' ? ' (image)' : ''}`;
}

function renderMissing(box: Box): string {
  return [
    `<g class="missing-service" data-service="${escapeXml(box.name)}">`,
    `<rect class="box missing" x="${box.x}" y="${r(box.y)}" width="${box.width}" height="${box.height}" rx="6"/>`,
    t(box.x + 8, box.y + 19, box.name, 'name error', box.width - 16),
    t(box.x + 8, box.y + 37, 'not defined in this project', 'error', box.width - 16),
    '</g>',
  ].join('\n');
}

function renderEdges(edges: OverviewEdge[], layout: Layout): { paths: string[]; labels: string[] } {
  const paths: string[] = [];
  const labels: string[] = [];
  const outIndex = new Map<string, number>();
  const inIndex = new Map<string, number>();
  const outCount = countBy(edges, (e) => e.from);
  const inCount = countBy(edges, (e) => e.to);
  for (const e of edges) {
    const a = layout.byName.get(e.from);
    const b = layout.byName.get(e.to);
    if (!a || !b) continue;
    const i = bump(outIndex, e.from);
    const j = bump(inIndex, e.to);
    const ax = a.x + (a.width * (i + 1)) / (outCount.get(e.from)! + 1);
    const bx = b.x + (b.width * (j + 1)) / (inCount.get(e.to)! + 1);
    const { d, mid } = route(a, b, ax, bx);
    const error = e.cycle || e.missing;
    const known = conditionText(e.condition) !== e.condition;
    const cls = ['edge', known ? conditionText(e.condition) : 'unknown', e.cycle ? 'cycle' : '', e.missing ? 'missing' : '', e.required ? '' : 'optional'].filter(Boolean).join(' ');
    const label = conditionText(e.condition) + (e.required ? '' : ', optional') + (e.restart ? ', restart' : '') + (e.cycle ? ' (cycle)' : '');
    const w = label.length * CHAR_WIDTH * 0.9 + 8;
    const data = `data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}" data-condition="${escapeXml(e.condition)}"`;
    paths.push(`<g class="${cls}" ${data}>`, `<path d="${d}" marker-end="url(#${error ? 'dl-arrow-error' : 'dl-arrow'})"/>`, '</g>');
    // Labels go above the boxes: a long arrow passes behind the boxes of the rows it crosses.
    labels.push(
      `<g class="edge-label" ${data}>`,
      `<rect class="label-bg" x="${r(mid.x - w / 2)}" y="${r(mid.y - 9)}" width="${r(w)}" height="14" rx="3"/>`,
      `<text x="${r(mid.x)}" y="${r(mid.y + 2)}" text-anchor="middle" font-size="11"${error ? ' class="error"' : ''}>${escapeXml(label)}</text>`,
      '</g>',
    );
  }
  return { paths, labels };
}

/** Down to a lower row, up to a higher one, sideways within a row, a loop for a service on itself. */
function route(a: Box, b: Box, ax: number, bx: number): { d: string; mid: { x: number; y: number } } {
  if (a === b) {
    const x = a.x + a.width;
    const y = a.y + a.hostEdge + 12;
    return { d: `M${x},${r(y)} C${x + 50},${r(y - 10)} ${x + 50},${r(y + 40)} ${x + 2},${r(y + 30)}`, mid: { x: x + 30, y: y + 15 } };
  }
  const curve = (x1: number, y1: number, x2: number, y2: number) => {
    const c = (y2 - y1) / 2;
    return { d: `M${r(x1)},${r(y1)} C${r(x1)},${r(y1 + c)} ${r(x2)},${r(y2 - c)} ${r(x2)},${r(y2)}`, mid: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 } };
  };
  if (b.y >= a.y + a.height) return curve(ax, a.y + a.height, bx, b.y - 2);
  if (b.y + b.height <= a.y) return curve(ax, a.y, bx, b.y + b.height + 2);
  const y1 = a.y + a.hostEdge + 13;
  const y2 = b.y + b.hostEdge + 13;
  const [x1, x2] = b.x > a.x ? [a.x + a.width, b.x - 2] : [a.x, b.x + b.width + 2];
  return { d: `M${r(x1)},${r(y1)} C${r((x1 + x2) / 2)},${r(y1)} ${r((x1 + x2) / 2)},${r(y2)} ${r(x2)},${r(y2)}`, mid: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 8 } };
}

function countBy<T>(list: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

function bump(m: Map<string, number>, key: string): number {
  const n = m.get(key) ?? 0;
  m.set(key, n + 1);
  return n;
}

function renderTimeline(steps: StartupStep[], top: number): string[] {
  const out = [`<g class="timeline">`, t(MARGIN, top + 14, 'Startup timeline: earliest times after docker compose up (pulls, builds and container creation not counted)', 'name', TIMELINE_LABEL + TIMELINE_BAR + TIMELINE_TEXT)];
  const times = steps.flatMap((s) => [s.earliestStart, s.earliestHealthy, s.worstUnhealthy]).filter((n): n is number => n !== undefined && Number.isFinite(n));
  const max = Math.max(1000, ...times);
  const x0 = MARGIN + TIMELINE_LABEL;
  const scale = (ms: number) => x0 + (Math.min(ms, max) / max) * TIMELINE_BAR;
  const axisY = top + 28;
  out.push(`<line class="axis" x1="${x0}" y1="${axisY}" x2="${x0 + TIMELINE_BAR}" y2="${axisY}"/>`);
  out.push(t(x0, axisY - 3, '0s', 'muted'), `<text x="${x0 + TIMELINE_BAR}" y="${axisY - 3}" text-anchor="end" class="muted">${escapeXml(fmt(max))}</text>`);
  if (steps.length === 0) out.push(t(MARGIN, axisY + 18, 'No services to start.', 'muted'));
  steps.forEach((s, i) => {
    const y = axisY + 8 + i * TIMELINE_ROW;
    out.push(`<g class="step" data-service="${escapeXml(s.service)}">`);
    out.push(t(MARGIN, y + 11, `${s.layer + 1}. ${s.service}`, '', TIMELINE_LABEL - 8));
    if (s.earliestStart !== undefined) {
      const start = scale(s.earliestStart);
      if (s.earliestStart > 0) out.push(`<rect class="bar-wait" x="${x0}" y="${y + 3}" width="${r(start - x0)}" height="10"/>`);
      if (s.earliestHealthy !== undefined) out.push(`<rect class="bar-healthy" x="${r(start)}" y="${y + 3}" width="${r(Math.max(2, scale(s.earliestHealthy) - start))}" height="10"/>`);
      else out.push(`<rect class="bar-healthy" x="${r(start)}" y="${y + 3}" width="2" height="10"/>`);
      if (s.worstUnhealthy !== undefined && s.earliestHealthy !== undefined) {
        out.push(`<line class="bar-unhealthy" x1="${r(scale(s.earliestHealthy))}" y1="${y + 8}" x2="${r(scale(s.worstUnhealthy))}" y2="${y + 8}"/>`);
      }
    }
    out.push(t(x0 + TIMELINE_BAR + 10, y + 11, stepText(s), s.problems.length > 0 ? 'error' : 'muted', TIMELINE_TEXT));
    out.push('</g>');
  });
  out.push('</g>');
  return out;
}

export function stepText(s: StartupStep): string {
  if (s.problems.length > 0) return (s.problems[0]! + (s.problems.length > 1 ? ` (+${s.problems.length - 1} more)` : '')).replace(/`/g, '');
  const parts = [`starts ≥ ${fmt(s.earliestStart)}`];
  if (s.earliestStart === undefined) parts[0] = 'starts when a dependency has completed';
  if (s.earliestHealthy !== undefined) parts.push(`healthy ≥ ${fmt(s.earliestHealthy)}`, `unhealthy by ≈ ${fmt(s.worstUnhealthy)}`);
  return parts.join(' · ');
}

function renderLegend(top: number, notes: string[]): string[] {
  const out = ['<g class="legend">'];
  const kinds: [string, string][] = [
    ['named', 'named volume: kept by down, removed by down -v (external: never)'],
    ['bind', 'bind mount: host files, never removed'],
    ['anonymous', 'anonymous volume: not re-attached after down'],
    ['tmpfs', 'tmpfs: memory only'],
  ];
  kinds.forEach(([kind, text], i) => {
    const x = MARGIN + (i % 2) * 330;
    const y = top + Math.floor(i / 2) * 18;
    out.push(`<rect class="vol-${kind}" x="${x}" y="${y}" width="9" height="9" rx="2"/>`, t(x + 14, y + 9, text, 'muted'));
  });
  const y = top + 44;
  out.push(t(MARGIN, y, 'Arrows: depends_on, labelled with what it waits for (started, healthy, completed); dashed red: a cycle or an undefined service.', 'muted', 900));
  out.push(t(MARGIN, y + 18, 'Top band of a box: published ports, host address:port → container port (* = every interface).', 'muted', 900));
  notes.forEach((n, i) => out.push(t(MARGIN, y + 38 + i * LINE, n, 'error', 900)));
  out.push('</g>');
  return out;
}
