// Reads one file from disk and analyses it like the language server would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../core/analysis';
import { snapshot } from '../core/text';
import type { DocumentKind } from '../core/types';
import type { WorkspaceView } from '../core/workspace';

export type FileResult = { ok: true; analysis: DocumentAnalysis; bom: boolean } | { ok: false; reason: string };

const BOM = '\uFEFF';

/** Files above this size are not even read whole: the analysis would refuse them anyway. */
const MAX_READ_BYTES = 64 * 1024 * 1024;

export function analyzeFile(file: string, kind: DocumentKind, workspace: WorkspaceView, log: (m: string) => void): FileResult {
  let buf: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_READ_BYTES) return { ok: false, reason: `skipped: ${stat.size} bytes is larger than docklens reads` };
    buf = fs.readFileSync(file);
  } catch (error) {
    return { ok: false, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (buf.includes(0)) return { ok: false, reason: 'skipped: binary file' };
  // A UTF-8 byte order mark is not part of the text (BuildKit and editors drop it); --fix writes it back.
  const raw = buf.toString('utf8');
  const bom = raw.startsWith(BOM);
  const text = bom ? raw.slice(1) : raw;
  const abs = path.resolve(file);
  const doc = snapshot(pathToFileURL(abs).href, kind === 'dockerfile' ? 'dockerfile' : 'dockercompose', 1, text);
  return { ok: true, bom, analysis: DocumentAnalysis.create(doc, kind, { filePath: abs, workspace }, log) };
}
