// Parse once per document version; every feature (diagnostics, hovers, code actions, CLI) reads the
// cached analysis. The analysis is a pure function of (text, workspace view).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMPOSE_HINTS, COMPOSE_HOVERS, COMPOSE_RULES, DOCKERFILE_HOVERS, DOCKERFILE_RULES, FILE_RULES } from '../registry';
import { parseCompose, type ComposeModel } from '../compose/model';
import { YamlReuse } from '../compose/yamlReuse';
import { parseDockerfile } from '../dockerfile/parse';
import type { DockerfileModel } from '../dockerfile/model';
import { countYamlTokens, MAX_ANALYSED_CHARS, MAX_YAML_TOKENS, tooDeeplyNested, type FileFacts } from './limits';
import type { HoverOptions, HoverTopic, Rule, RuleContext } from './rule';
import { DEFAULT_SETTINGS, effectiveSeverity, inlayHintEnabled, type DocklensSettings } from './settings';
import { conciseMarkdown } from './concise';
import { readSuppressions } from './suppression';
import type { Diagnosis, DocLink, DocumentKind, FileLocation, Finding, HoverResult, InlayHintResult, Position, Range } from './types';
import { composeDefinition } from '../compose/navigation/definitions';
import { buildStackOverview, type StackOverview } from '../overview';
import { servicesKeyRange } from '../overview/lens';
import { composeLinks } from '../compose/navigation/links';
import { dockerfileDefinition } from '../dockerfile/navigation/definitions';
import { readsAffectedBy, RecordingWorkspace, type PathChange, type WorkspaceReads, type WorkspaceView } from './workspace';

export interface AnalysisLog {
  (message: string): void;
}

type Models = { dockerfile: DockerfileModel; compose: ComposeModel };

export class DocumentAnalysis {
  private findingsCache?: Finding[];
  private overviewCache?: { value: StackOverview | undefined };

  private constructor(
    readonly doc: TextDocument,
    readonly kind: DocumentKind,
    private readonly model: DockerfileModel | ComposeModel | undefined,
    private readonly context: RuleContext,
    private readonly log: AnalysisLog,
    /** What the file-level rules report on: its length, and whether it was too deeply nested to parse. */
    private readonly facts: FileFacts,
  ) {}

  /** `reuse` carries a compose document's parse from its previous version (large files re-parse in chunks). */
  static create(doc: TextDocument, kind: DocumentKind, context: RuleContext, log: AnalysisLog = () => {}, reuse?: YamlReuse): DocumentAnalysis {
    let model: DockerfileModel | ComposeModel | undefined;
    const text = doc.getText();
    const sized = text.length <= MAX_ANALYSED_CHARS;
    // Every token takes at least one character: a shorter text cannot be over the limit, and is not counted.
    const tooManyTokens = kind === 'compose' && sized && text.length > MAX_YAML_TOKENS && countYamlTokens(text, MAX_YAML_TOKENS) > MAX_YAML_TOKENS;
    const facts: FileFacts = { length: text.length, tooManyTokens, tooDeep: kind === 'compose' && sized && !tooManyTokens && tooDeeplyNested(text) };
    if (sized && !facts.tooDeep && !tooManyTokens) {
      try {
        model = kind === 'dockerfile' ? parseDockerfile(doc) : parseCompose(doc, context.filePath, context.workspace, reuse && ((text) => reuse.parse(text)), reuse?.services);
      } catch (error) {
        log(`docklens: could not parse ${doc.uri}: ${String(error)}`);
      }
    }
    return new DocumentAnalysis(doc, kind, model, context, log, facts);
  }

  /** Every rule's findings, before settings and suppressions. Computed once. */
  findings(): Finding[] {
    if (this.findingsCache) return this.findingsCache;
    const out: Finding[] = [];
    for (const rule of FILE_RULES) out.push(...rule.check(this.facts, this.context));
    if (this.model) {
      const rules = (this.kind === 'dockerfile' ? DOCKERFILE_RULES : COMPOSE_RULES) as Rule<Models[DocumentKind]>[];
      for (const rule of rules) {
        try {
          out.push(...rule.check(this.model, this.context));
        } catch (error) {
          // A rule that fails on odd input must not take the others (or the server) down with it.
          this.log(`docklens: rule ${rule.id} failed on ${this.doc.uri}: ${error instanceof Error ? error.stack : String(error)}`);
        }
      }
    }
    this.findingsCache = out;
    return out;
  }

  /** Findings with severities from the settings, without the off and suppressed ones. */
  diagnoses(settings: DocklensSettings = DEFAULT_SETTINGS): Diagnosis[] {
    const suppressions = readSuppressions(this.doc.getText());
    const out: Diagnosis[] = [];
    for (const finding of this.findings()) {
      const rule = RULE_BY_ID.get(finding.ruleId);
      if (!rule) continue;
      const severity = effectiveSeverity(settings, rule.id, rule.defaultSeverity);
      if (severity === 'off' || suppressions.isSuppressed(rule.id, finding.range.start.line)) continue;
      // Not `...finding`: a spread would read `fixes`, which rules may compute only when asked (lazyFixes.ts).
      out.push({
        ruleId: finding.ruleId,
        range: finding.range,
        message: finding.message,
        get fixes() {
          return finding.fixes;
        },
        severity,
        tags: rule.tags ?? [],
      });
    }
    return out;
  }

  /** Files the document's values name (compose files only for now). */
  links(): DocLink[] {
    if (!this.model || this.kind !== 'compose') return [];
    return this.guard('links', [], () => composeLinks(this.model as ComposeModel, this.context));
  }

  /** Where the name under the cursor is declared. */
  definition(position: Position): FileLocation[] {
    if (!this.model) return [];
    return this.guard('definition', [], () =>
      this.kind === 'compose' ? composeDefinition(this.model as ComposeModel, position) : dockerfileDefinition(this.model as DockerfileModel, position),
    );
  }

  /** Inlay hints inside `range` (compose files only), the kinds the settings leave on, in document order. */
  inlayHints(range: Range, settings: DocklensSettings = DEFAULT_SETTINGS): InlayHintResult[] {
    if (!this.model || this.kind !== 'compose') return [];
    const model = this.model as ComposeModel;
    const out: InlayHintResult[] = [];
    for (const kind of COMPOSE_HINTS) {
      if (!inlayHintEnabled(settings, kind.id)) continue;
      out.push(...this.guard(`inlay hints ${kind.id}`, [], () => kind.hints(model, { ...this.context, ...settings.hover })));
    }
    return out
      .filter((h) => comparePositions(h.position, range.start) >= 0 && comparePositions(h.position, range.end) <= 0)
      .sort((a, b) => comparePositions(a.position, b.position));
  }

  /** The stack overview of a compose file (undefined for Dockerfiles and files too large to analyse). */
  stackOverview(): StackOverview | undefined {
    if (!this.model || this.kind !== 'compose') return undefined;
    // Once per version, like the findings: the panel re-asks after every edit of any compose file.
    this.overviewCache ??= { value: this.guard('stack overview', undefined, () => buildStackOverview(this.model as ComposeModel, this.context.workspace)) };
    return this.overviewCache.value;
  }

  /** Where the overview's code lens goes: the top-level `services:` key of a compose file. */
  overviewLensRange(): Range | undefined {
    if (!this.model || this.kind !== 'compose') return undefined;
    return this.guard('overview lens', undefined, () => servicesKeyRange(this.model as ComposeModel));
  }

  private guard<T>(what: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.log(`docklens: ${what} failed on ${this.doc.uri}: ${error instanceof Error ? error.stack : String(error)}`);
      return fallback;
    }
  }

  hover(position: Position, options: HoverOptions = { revealSecrets: false }): HoverResult | undefined {
    if (!this.model) return undefined;
    const topics = (this.kind === 'dockerfile' ? DOCKERFILE_HOVERS : COMPOSE_HOVERS) as HoverTopic<Models[DocumentKind]>[];
    const context = { ...this.context, ...options };
    for (const topic of topics) {
      try {
        const result = topic.hover(this.model, position, context);
        if (result) return { markdown: options.detail === 'concise' ? (result.concise?.() ?? conciseMarkdown(result.markdown)) : result.markdown, range: result.range };
      } catch (error) {
        this.log(`docklens: hover ${topic.id} failed on ${this.doc.uri}: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    return undefined;
  }
}


function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

const RULE_BY_ID = new Map<string, { id: string; defaultSeverity: Diagnosis['severity']; tags?: Diagnosis['tags'] }>(
  [...DOCKERFILE_RULES, ...COMPOSE_RULES, ...FILE_RULES].map((r) => [r.id, r]),
);

/**
 * Cache of analyses by document URI, valid for one version of the document and for as long as nothing it
 * read changes. Each analysis reads the workspace through its own {@link RecordingWorkspace}, so the cache
 * knows which paths every analysis depends on (files it read or tested, including missing ones, and folders
 * it listed) and a change drops only the analyses that depend on it.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; generation: number; analysis: DocumentAnalysis; reads: WorkspaceReads; reuse?: YamlReuse }>();
  private generation = 0;

  constructor(
    private readonly workspace: WorkspaceView,
    private readonly log: AnalysisLog = () => {},
  ) {}

  /** A change that cannot be placed (no paths): every analysis may depend on it. */
  invalidateAll(): void {
    this.generation++;
  }

  get(doc: TextDocument, kind: DocumentKind, filePath: string | undefined): DocumentAnalysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit.analysis;
    // Hovers, links and definitions read lazily: their reads land in the same set for as long as the entry lives.
    const recording = new RecordingWorkspace(this.workspace);
    const reuse = kind === 'compose' ? (hit?.reuse ?? new YamlReuse()) : undefined;
    const analysis = DocumentAnalysis.create(doc, kind, { filePath, workspace: recording }, this.log, reuse);
    this.entries.set(doc.uri, { version: doc.version, generation: this.generation, analysis, reads: recording.reads, reuse });
    return analysis;
  }

  /** URIs of the cached (current) analyses that read one of the changed paths. */
  dependents(changes: Iterable<PathChange>): string[] {
    const list = [...changes];
    const out: string[] = [];
    for (const [uri, entry] of this.entries) {
      if (list.some((c) => readsAffectedBy(entry.reads, c))) out.push(uri);
    }
    return out;
  }

  /** Drops the analyses that depend on the changed paths and returns their URIs (to re-publish them). */
  invalidatePaths(changes: Iterable<PathChange>): string[] {
    const uris = this.dependents(changes);
    for (const uri of uris) this.entries.delete(uri);
    return uris;
  }

  /** The paths the cached analysis of `uri` read so far (tests, diagnostics). */
  readsOf(uri: string): WorkspaceReads | undefined {
    return this.entries.get(uri)?.reads;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
