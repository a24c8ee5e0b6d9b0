#!/usr/bin/env node
// The transport floor of the hover benchmark with vscode-languageserver, the library docklens and the compose
// peer are both built on (docklens' own copy, from the repository's node_modules): the same server as
// raw-server.mjs, which does no work, so lsp-probe measures what the library's JSON-RPC layer adds to the
// round trip (its message queue, its write lock, its cancellation tokens).
import { createRequire } from 'node:module';

const requireFromRepo = createRequire(new URL('../../package.json', import.meta.url));
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } = requireFromRepo('vscode-languageserver/node');
const { TextDocument } = requireFromRepo('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true } }));
documents.onDidOpen((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
connection.onHover(() => ({ contents: { kind: 'markdown', value: 'floor' } }));
documents.listen(connection);
connection.listen();
