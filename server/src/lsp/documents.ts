// Maps LSP documents to analyses: language by id (falling back to the file name), file paths from URIs.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kindFromFileName, kindFromLanguageId } from '../core/documentKind';
import type { DocumentKind } from '../core/types';

export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Our language ids first; other editors send `yaml` or their own ids, so the file name decides then. */
export function documentKind(doc: TextDocument): DocumentKind | undefined {
  const byId = kindFromLanguageId(doc.languageId);
  if (byId) return byId;
  const name = path.basename(filePathOf(doc.uri) ?? decodeURIComponent(doc.uri.replace(/^.*\//, '')));
  return kindFromFileName(name);
}
