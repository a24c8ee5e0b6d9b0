// Runs one (mutated) document through everything the editor asks of the analysis core: diagnostics, hovers,
// links, definitions, inlay hints and every quick-fix applied. A failure is a thrown error, an error the
// analysis caught and logged, or one operation taking longer than the budget (no request over 1 s).
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../../server/src/core/analysis';
import { applyEdits, snapshot } from '../../server/src/core/text';
import type { WorkspaceView } from '../../server/src/core/workspace';
import { rng, type Kind } from './mutate';

export const REQUEST_BUDGET_MS = 1000;

export interface Outcome {
  failure?: string;
  /** The slowest single operation, in ms. */
  slowest: number;
}

export function exercise(text: string, kind: Kind, filePath: string, workspace: WorkspaceView, seed: number): Outcome {
  let slowest = 0;
  const logged: string[] = [];
  const timed = <T>(what: string, run: () => T): T => {
    const t0 = performance.now();
    const value = run();
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    if (ms > REQUEST_BUDGET_MS) throw new Error(`${what} took ${Math.round(ms)} ms`);
    return value;
  };
  try {
    const doc = snapshot(pathToFileURL(filePath).href, kind === 'dockerfile' ? 'dockerfile' : 'dockercompose', 1, text);
    const analysis = timed('analysis + diagnostics', () => {
      const a = DocumentAnalysis.create(doc, kind, { filePath, workspace }, (m) => logged.push(m));
      a.diagnoses();
      return a;
    });
    const r = rng(seed ^ 0x5bd1e995);
    const lineCount = doc.lineCount;
    for (let k = 0; k < 12; k++) {
      const position = { line: Math.floor(r() * lineCount), character: Math.floor(r() * 60) };
      timed('hover', () => analysis.hover(position));
      timed('definition', () => analysis.definition(position));
    }
    timed('links', () => analysis.links());
    timed('inlay hints', () => analysis.inlayHints({ start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } }));
    for (const d of analysis.diagnoses()) {
      for (const fix of d.fixes) timed(`fix ${d.ruleId}`, () => applyEdits(doc, fix.edits));
    }
  } catch (error) {
    return { failure: error instanceof Error ? `${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n') ?? ''}` : String(error), slowest };
  }
  if (logged.length > 0) return { failure: logged[0]!, slowest };
  return { slowest };
}

/**
 * A smaller input that still fails the same way (same first line of the failure): lines first, then
 * character chunks, each halving. Bounded, so a slow failure does not make minimisation endless.
 */
export function minimise(text: string, fails: (candidate: string) => boolean, maxTries = 400): string {
  let best = text;
  let tries = 0;
  for (const unit of ['line', 'char'] as const) {
    let parts = unit === 'line' ? best.split(/(?<=\n)/) : [...best];
    for (let chunk = Math.max(1, Math.floor(parts.length / 2)); chunk >= 1 && tries < maxTries; chunk = Math.floor(chunk / 2)) {
      for (let i = 0; i < parts.length && tries < maxTries; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        tries++;
        if (candidate.length > 0 && fails(candidate.join(''))) parts = candidate;
        else i += chunk;
      }
      if (chunk === 1) break;
    }
    best = parts.join('');
  }
  return best;
}
