// Output formats of `docklens check`: text lines, JSON, and SARIF 2.1.0 for code scanning.
import * as path from 'node:path';
import { ruleDocUrl } from '../core/rule';
import type { Diagnosis } from '../core/types';
import { ALL_RULES } from '../registry';
import { VERSION } from '../version';

export interface FileReport {
  file: string;
  diagnoses: Diagnosis[];
}

export interface JsonFinding {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  severity: Diagnosis['severity'];
  rule: string;
  message: string;
  fixes: { title: string }[];
}

/** A finding's place (1-based), severity, rule and message: the CLI's JSON and the golden tests share it. */
export function findingRecord(d: Diagnosis): Omit<JsonFinding, 'file' | 'fixes'> {
  return {
    line: d.range.start.line + 1,
    col: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endCol: d.range.end.character + 1,
    severity: d.severity,
    rule: d.ruleId,
    message: d.message,
  };
}

export function toJsonFindings(reports: FileReport[]): JsonFinding[] {
  return reports.flatMap((r) => r.diagnoses.map((d) => ({ file: r.file, ...findingRecord(d), fixes: d.fixes.map((f) => ({ title: f.title })) })));
}

export function formatText(reports: FileReport[]): string {
  return toJsonFindings(reports)
    .map((f) => `${f.file}:${f.line}:${f.col}: ${f.severity} ${f.rule}: ${f.message}\n`)
    .join('');
}

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(toJsonFindings(reports), null, 2) + '\n';
}

const SARIF_LEVEL: Record<Diagnosis['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(reports: FileReport[], cwd: string): string {
  const rules = ALL_RULES.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.docs.split('\n\n')[0]!.replace(/\s+/g, ' ') },
    helpUri: ruleDocUrl(r.id),
    help: { text: r.docs, markdown: r.docs },
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity as Diagnosis['severity']] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((r) =>
    r.diagnoses.map((d) => ({
      ruleId: d.ruleId,
      ruleIndex: index.get(d.ruleId) ?? -1,
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toSarifUri(r.file, cwd), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'docklens', version: VERSION, semanticVersion: VERSION, informationUri: 'https://github.com/docklens/docklens', rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A relative, forward-slash, percent-encoded URI, as code scanning expects under %SRCROOT%. */
function toSarifUri(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(file)).split(path.sep).join('/');
  return rel.split('/').map(encodeURIComponent).join('/');
}
