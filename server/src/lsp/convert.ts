// Analysis results → LSP types. The only place that knows both shapes.
import {
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type InlayHint,
  MarkupKind,
} from 'vscode-languageserver';
import { ruleDocUrl } from '../core/rule';
import type { Diagnosis, Fix, HoverResult, InlayHintResult, Range } from '../core/types';

export const SOURCE = 'docklens';

/**
 * What travels in Diagnostic.data: the document version it was computed for. The fixes do not travel: a
 * code action request takes them from the analysis of that version (computed then, see core/lazyFixes.ts),
 * which also keeps every publish small.
 */
export interface DiagnosticData {
  version: number;
}

const SEVERITY: Record<Diagnosis['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(d: Diagnosis, version: number): Diagnostic {
  const data: DiagnosticData = { version };
  const diagnostic: Diagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: ruleDocUrl(d.ruleId) },
    source: SOURCE,
    message: d.message,
    data,
  };
  const tags = d.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (tags.length > 0) diagnostic.tags = tags;
  return diagnostic;
}

export function toHover(h: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range };
}

export function toInlayHint(h: InlayHintResult): InlayHint {
  const hint: InlayHint = { position: h.position, label: h.label, paddingLeft: true };
  if (h.tooltip) hint.tooltip = { kind: MarkupKind.Markdown, value: h.tooltip };
  return hint;
}

export function toCodeAction(fix: Fix, diagnostic: Diagnostic, uri: string, version: number, documentChanges: boolean): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.isPreferred ?? false,
    edit: documentChanges
      ? { documentChanges: [{ textDocument: { uri, version }, edits: fix.edits }] }
      : { changes: { [uri]: fix.edits } },
  };
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  return typeof (value as DiagnosticData | null | undefined)?.version === 'number';
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
