// The documents the language server serves. Its own module: extension.ts checks open documents against it
// without loading the language client bundle (client/out/languageServer.js).
export const DOCUMENT_SELECTOR = [
  { language: 'dockerfile', scheme: 'file' },
  { language: 'dockerfile', scheme: 'untitled' },
  { language: 'dockercompose', scheme: 'file' },
  { language: 'dockercompose', scheme: 'untitled' },
];

/** Whether the server serves this document (a `git:` Dockerfile in a diff view is not synced, so it is not). */
export function served(doc: { languageId: string; uri: { scheme: string } }): boolean {
  return DOCUMENT_SELECTOR.some((s) => s.language === doc.languageId && s.scheme === doc.uri.scheme);
}
