// The compose model. Issue #3 grows it into the typed project view; for now it holds the parse
// the build-context lookup and later rules share.
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface ComposeModel {
  doc: TextDocument;
  text: string;
}

export function parseCompose(doc: TextDocument): ComposeModel {
  return { doc, text: doc.getText() };
}
