// Parse once per document version; every feature (diagnostics, hovers, code actions, CLI) reads the
// cached analysis. The analysis is a pure function of (text, workspace view).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMPOSE_HOVERS, COMPOSE_RULES, DOCKERFILE_HOVERS, DOCKERFILE_RULES, FILE_RULES } from '../registry';
import { parseCompose, type ComposeModel } from '../compose/model';
import { parseDockerfile } from '../dockerfile/parse';
import type { DockerfileModel } from '../dockerfile/model';
import { MAX_ANALYSED_CHARS } from './limits';
import type { HoverOptions, HoverTopic, Rule, RuleContext } from './rule';
import { DEFAULT_SETTINGS, effectiveSeverity, type DocklensSettings } from './settings';
import { readSuppressions } from './suppression';
import type { Diagnosis, DocLink, DocumentKind, FileLocation, Finding, HoverResult, Position } from './types';
import { composeDefinition } from '../compose/navigation/definitions';
import { composeLinks } from '../compose/navigation/links';
import { dockerfileDefinition } from '../dockerfile/navigation/definitions';
import type { WorkspaceView } from './workspace';

export interface AnalysisLog {
  (message: string): void;
}

type Models = { dockerfile: DockerfileModel; compose: ComposeModel };

export class DocumentAnalysis {
  private findingsCache?: Finding[];

  private constructor(
    readonly doc: TextDocument,
    readonly kind: DocumentKind,
    private readonly model: DockerfileModel | ComposeModel | undefined,
    private readonly context: RuleContext,
    private readonly log: AnalysisLog,
  ) {}

  static create(doc: TextDocument, kind: DocumentKind, context: RuleContext, log: AnalysisLog = () => {}): DocumentAnalysis {
    let model: DockerfileModel | ComposeModel | undefined;
    if (doc.getText().length <= MAX_ANALYSED_CHARS) {
      try {
        model = kind === 'dockerfile' ? parseDockerfile(doc) : parseCompose(doc, context.filePath, context.workspace);
      } catch (error) {
        log(`docklens: could not parse ${doc.uri}: ${String(error)}`);
      }
    }
    return new DocumentAnalysis(doc, kind, model, context, log);
  }

  /** Every rule's findings, before settings and suppressions. Computed once. */
  findings(): Finding[] {
    if (this.findingsCache) return this.findingsCache;
    const out: Finding[] = [];
    for (const rule of FILE_RULES) out.push(...rule.check({ length: this.doc.getText().length }, this.context));
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
      out.push({ ...finding, severity, tags: rule.tags ?? [] });
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
    for (const topic of topics) {
      try {
        const result = topic.hover(this.model, position, { ...this.context, ...options });
        if (result) return result;
      } catch (error) {
        this.log(`docklens: hover ${topic.id} failed on ${this.doc.uri}: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    return undefined;
  }
}

const RULE_BY_ID = new Map<string, { id: string; defaultSeverity: Diagnosis['severity']; tags?: Diagnosis['tags'] }>(
  [...DOCKERFILE_RULES, ...COMPOSE_RULES, ...FILE_RULES].map((r) => [r.id, r]),
);

/** Cache of analyses by document URI, valid for one version (and one workspace generation). */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; generation: number; analysis: DocumentAnalysis }>();
  private generation = 0;

  constructor(
    private readonly workspace: WorkspaceView,
    private readonly log: AnalysisLog = () => {},
  ) {}

  /** Files on disk changed: every analysis may depend on them (build contexts, compose files). */
  invalidateAll(): void {
    this.generation++;
  }

  get(doc: TextDocument, kind: DocumentKind, filePath: string | undefined): DocumentAnalysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit.analysis;
    const analysis = DocumentAnalysis.create(doc, kind, { filePath, workspace: this.workspace }, this.log);
    this.entries.set(doc.uri, { version: doc.version, generation: this.generation, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
