// LSP side of the stack overview: the `docklens/stackOverview` request (the model as JSON and the rendered
// SVG, from the cached analysis) and a code lens above `services:` that runs `docklens.showStackOverview`.
// The lens is offered only to clients that say they can run that command (the VS Code extension does):
// other editors would get a lens that does nothing.
import type { CodeLens, Connection, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../core/analysis';
import { renderOverviewSvg } from '../overview';
import { documentKind, filePathOf } from './documents';

import { SHOW_STACK_OVERVIEW_COMMAND, STACK_OVERVIEW_REQUEST, type StackOverviewParams, type StackOverviewResult } from './overviewProtocol';

export { SHOW_STACK_OVERVIEW_COMMAND, STACK_OVERVIEW_REQUEST, type StackOverviewParams, type StackOverviewResult };

/** `initializationOptions.stackOverview` or `capabilities.experimental.docklens.stackOverview`. */
export function clientRunsOverviewCommand(params: InitializeParams): boolean {
  const options = params.initializationOptions as { stackOverview?: unknown } | undefined;
  const experimental = params.capabilities.experimental as { docklens?: { stackOverview?: unknown } } | undefined;
  return options?.stackOverview === true || experimental?.docklens?.stackOverview === true;
}

export function registerStackOverview(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: () => AnalysisCache,
  lens: () => boolean,
  log: (message: string) => void,
): void {
  const composeAnalysis = (uri: string) => {
    const doc = documents.get(uri);
    return doc && documentKind(doc) === 'compose' ? cache().get(doc, 'compose', filePathOf(uri)) : undefined;
  };

  connection.onRequest(STACK_OVERVIEW_REQUEST, (params: StackOverviewParams): StackOverviewResult | null => {
    try {
      const analysis = composeAnalysis(params?.uri);
      const overview = analysis?.stackOverview();
      if (!analysis || !overview) return null;
      return { uri: params.uri, version: analysis.doc.version, overview, svg: renderOverviewSvg(overview) };
    } catch (error) {
      log(`docklens: stack overview failed: ${error instanceof Error ? error.stack : String(error)}`);
      return null;
    }
  });

  connection.onCodeLens((params): CodeLens[] => {
    if (!lens()) return [];
    const range = composeAnalysis(params.textDocument.uri)?.overviewLensRange();
    return range ? [{ range, command: { title: 'Show stack overview', command: SHOW_STACK_OVERVIEW_COMMAND, arguments: [params.textDocument.uri] } }] : [];
  });
}
