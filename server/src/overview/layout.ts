// Deterministic placement of the service boxes: one row per startup layer, the services that wait on others
// at the top and what they depend on below them, so `depends_on` arrows mostly point down. A row wraps after
// a few boxes; dependencies on undefined services get a dashed placeholder in the bottom row.
import type { StackOverview } from './types';

export const BOX_WIDTH = 270;
export const LINE = 16;
export const MAX_VOLUME_LINES = 6;
export const MAX_PORT_LINES = 4;
const COLUMNS = 4;
const GAP_X = 50;
const GAP_Y = 70;
export const MARGIN = 20;
const TITLE = 26;

export interface Box {
  name: string;
  missing: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Height of the host-edge band (published ports) at the top of the box; 0 without ports. */
  hostEdge: number;
}

export interface Layout {
  boxes: Box[];
  byName: Map<string, Box>;
  width: number;
  height: number;
}

export function layoutOverview(overview: StackOverview, top: number): Layout {
  const layerOf = new Map(overview.startup.map((s) => [s.service, s.layer]));
  const maxLayer = Math.max(0, ...layerOf.values());
  const rows: { name: string; missing: boolean }[][] = Array.from({ length: maxLayer + 2 }, () => []);
  for (const s of overview.services) rows[maxLayer - (layerOf.get(s.name) ?? 0)]!.push({ name: s.name, missing: false });
  const missing = [...new Set(overview.edges.filter((e) => e.missing).map((e) => e.to))].sort();
  rows[maxLayer + 1]!.push(...missing.map((name) => ({ name, missing: true })));

  const serviceByName = new Map(overview.services.map((s) => [s.name, s]));
  const boxes: Box[] = [];
  let y = top;
  let width = 0;
  for (const row of rows) {
    for (let start = 0; start < row.length; start += COLUMNS) {
      const chunk = row.slice(start, start + COLUMNS);
      let rowHeight = 0;
      chunk.forEach((entry, i) => {
        const service = serviceByName.get(entry.name);
        const ports = service ? Math.min(service.ports.length, MAX_PORT_LINES + 1) : 0;
        const volumes = service ? Math.min(service.volumes.length, MAX_VOLUME_LINES + 1) : 0;
        const hostEdge = ports > 0 ? ports * LINE + 8 : 0;
        // Title, image or build line, volumes, healthcheck line, padding.
        const height = entry.missing ? TITLE + LINE + 8 : hostEdge + TITLE + LINE + volumes * LINE + LINE + 10;
        const box: Box = { name: entry.name, missing: entry.missing, x: MARGIN + i * (BOX_WIDTH + GAP_X), y, width: BOX_WIDTH, height, hostEdge };
        boxes.push(box);
        rowHeight = Math.max(rowHeight, height);
        width = Math.max(width, box.x + BOX_WIDTH + MARGIN);
      });
      if (chunk.length > 0) y += rowHeight + GAP_Y;
    }
  }
  return { boxes, byName: new Map(boxes.map((b) => [b.name, b])), width, height: boxes.length > 0 ? y - GAP_Y : top };
}
