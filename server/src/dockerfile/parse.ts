// Builds the DockerfileModel the rules and hovers read (see lexer.ts for why it is our own lexer).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lexDockerfile } from './lexer';
import type { DockerfileModel } from './model';

export function parseDockerfile(doc: TextDocument): DockerfileModel {
  return lexDockerfile(doc);
}
