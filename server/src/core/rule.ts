// What a rule and a hover topic are. One rule = one file that exports one of these objects;
// the registries (server/src/registry.ts) list them explicitly.
import type { DiagnosticTagName, DocumentKind, Finding, HoverResult, InlayHintResult, Position, Severity } from './types';
import type { WorkspaceView } from './workspace';

export interface RuleContext {
  /** Absolute file path of the analysed document, when it has one. */
  filePath?: string;
  workspace: WorkspaceView;
}

export interface Rule<Model> {
  /** Stable id: diagnostic code, setting key, suppression comment and docs anchor. Never renamed. */
  id: string;
  /** The documents it checks; `any` for rules about the file itself (size). */
  kind: DocumentKind | 'any';
  /** One line for settings and the docs table. */
  title: string;
  defaultSeverity: Severity;
  tags?: DiagnosticTagName[];
  /** Markdown for docs/rules.md: why it matters, an example and how the fix works. */
  docs: string;
  check(model: Model, context: RuleContext): Finding[];
}

export interface HoverOptions {
  /** Show values of secret-looking variables (`*PASSWORD*`, `*TOKEN*` …) instead of masking them. */
  revealSecrets: boolean;
  /** `concise`: the summary of each hover topic, without the explanations (`docklens.hover.detail`). */
  detail?: HoverDetail;
}

export type HoverDetail = 'detailed' | 'concise';

/** What a hover topic answers: the detailed hover, and how to make its short form. */
export interface TopicHover extends HoverResult {
  /**
   * The short form for `docklens.hover.detail: concise`, computed only when that is asked for; without it (or
   * when it gives nothing) the first block of `markdown` is used.
   */
  concise?: () => string | undefined;
}

export interface HoverTopic<Model> {
  id: string;
  kind: DocumentKind;
  hover(model: Model, position: Position, context: RuleContext & HoverOptions): TopicHover | undefined;
}

/** One kind of inlay hint: one file under compose/hints/, listed in the registry, switchable in settings. */
export interface InlayHintKind<Model> {
  /** Stable id: the hint's `kind` and the setting `docklens.inlayHints.<id>`. */
  id: string;
  kind: DocumentKind;
  /** One line for the settings UI. */
  title: string;
  /** Every hint of this kind in the document; the analysis filters them by the requested range. */
  hints(model: Model, context: RuleContext & HoverOptions): InlayHintResult[];
}

export const RULES_DOC_URL = 'https://github.com/docklens/docklens/blob/main/docs/rules.md';

export function ruleDocUrl(id: string): string {
  return `${RULES_DOC_URL}#${id}`;
}
