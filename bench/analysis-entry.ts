// Benchmark entry: bundled by bench/run.mjs (esbuild) into bench/out/analysis.cjs so the plain-JS
// benchmark can call the analysis core directly, next to the parsers it is compared with (the floor).
// The floor parsers are the very modules the analysis bundles (dockerfile-ast, yaml), not other copies.
import { pathToFileURL } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { parseDocument } from 'yaml';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { snapshot } from '../server/src/core/text';
import type { DocumentKind } from '../server/src/core/types';
import { EMPTY_WORKSPACE, FileSystemWorkspace, type WorkspaceView } from '../server/src/core/workspace';

export { EMPTY_WORKSPACE };
export type { DocumentKind, WorkspaceView };

/** A workspace view rooted at the given folders (the corpus folder in the benchmark). */
export function workspaceAt(roots: string[]): WorkspaceView {
  return new FileSystemWorkspace({ roots });
}

export function fileUri(absPath: string): string {
  return pathToFileURL(absPath).href;
}

/**
 * The whole analysis of one document version, as the server runs it for diagnostics: a fresh text
 * snapshot, parse + model, every rule, settings and suppressions. Returns the number of diagnoses.
 */
export function analyse(text: string, uri: string, absPath: string, kind: DocumentKind, workspace: WorkspaceView, version = 1): number {
  const doc = snapshot(uri, kind === 'dockerfile' ? 'dockerfile' : 'dockercompose', version, text);
  return DocumentAnalysis.create(doc, kind, { filePath: absPath, workspace }).diagnoses().length;
}

/** Floor for Dockerfiles: dockerfile-ast's own parse of the same text. Returns the instruction count. */
export function parseDockerfileFloor(text: string): number {
  return DockerfileParser.parse(text).getInstructions().length;
}

/** Floor for compose files: yaml's parseDocument of the same text. Returns the error count. */
export function parseYamlFloor(text: string): number {
  return parseDocument(text).errors.length;
}
