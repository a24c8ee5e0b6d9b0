// Transport-free types shared by the analysis core, the language server and the CLI.
// Positions and ranges are LSP-shaped (0-based line, UTF-16 character) so the server can pass them through.
import type { Position, Range, TextEdit } from 'vscode-languageserver-textdocument';

export type { Position, Range, TextEdit };

export type DocumentKind = 'dockerfile' | 'compose';

/** Severities a rule can be configured to; `off` silences it. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** A quick-fix: a titled set of non-overlapping edits to the analysed document. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix `check --fix` applies and editors offer first. */
  isPreferred?: boolean;
}

/** What a rule reports: where, what, and how to repair it. Severity comes from the rule and the settings. */
export interface Finding {
  ruleId: string;
  range: Range;
  message: string;
  fixes: Fix[];
}

/** A finding after settings were applied. */
export interface Diagnosis extends Finding {
  severity: Severity;
  tags: DiagnosticTagName[];
}

export type DiagnosticTagName = 'unnecessary' | 'deprecated';

/** Markdown shown for a place in a document, and the span it explains. */
export interface HoverResult {
  markdown: string;
  range: Range;
}

/** A link from a span of the document to another file (document links). */
export interface DocLink {
  range: Range;
  /** Absolute file path of the target. */
  target: string;
}

/** A place in a file: definitions point there. */
export interface FileLocation {
  /** Absolute path, or undefined for the analysed document itself. */
  path?: string;
  range: Range;
}

/** A short label shown inline after a place in a document (inlay hints). */
export interface InlayHintResult {
  /** Where the label goes: it is drawn just before this position. */
  position: Position;
  label: string;
  /** The hint kind (`healthcheck`, `ports`, `variables`): the setting `docklens.inlayHints.<kind>`. */
  kind: string;
  /** Markdown shown when the pointer rests on the label. */
  tooltip?: string;
}
