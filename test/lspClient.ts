// The LSP client of the tests that drive the REAL bundled server (server/out/server.js) over stdio: one per
// server process; every wait resolves on the message it waits for and fails after a bounded time.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InlayHintRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Hover,
  type InitializeResult,
  type InlayHint,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

const ROOT = process.cwd();
const SERVER = path.join(ROOT, 'server/out/server.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/lsp');
export const WAIT_MS = 10_000;

export const uriOf = (file: string) => pathToFileURL(file).href;
const read = (file: string) => readFileSync(file, 'utf8');

/** Rejects after `ms` unless the promise settles first; the timer never keeps the process alive. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A minimal LSP client around one server process (the real bundle, over stdio). */
export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** window/logMessage texts: the server logs caught failures there. */
  readonly logs: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly cursor = new Map<string, number>();
  private listeners: (() => void)[] = [];

  private constructor() {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: build first (npm test does)`);
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
        this.wake();
      }),
    );
    this.child.stdin.on('error', () => {}); // EPIPE after the server exits is reported through `exited`
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.wake();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    this.connection.onError(() => {});
    this.connection.listen();
  }

  /**
   * Starts the server and initializes it with these capabilities, `root` as the workspace folder, or each of
   * several roots as one (the LSP fixtures by default), and `initializationOptions`. `handlers` registers a test's own request handlers on
   * `client.connection` before the server can send any (workspace/configuration, client/registerCapability).
   */
  static async start(
    capabilities: ClientCapabilities,
    options: { root?: string | readonly string[]; initializationOptions?: unknown; handlers?: (client: LspClient) => void } = {},
  ): Promise<{ client: LspClient; result: InitializeResult }> {
    const client = new LspClient();
    options.handlers?.(client);
    const roots = [options.root ?? FIXTURES].flat();
    const result = await within(
      client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'docklens-lsp-test' },
        rootUri: uriOf(roots[0]!),
        workspaceFolders: roots.map((root) => ({ uri: uriOf(root), name: path.basename(root) })),
        capabilities,
        initializationOptions: options.initializationOptions,
      }),
      WAIT_MS,
      'initialize',
    );
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, result };
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  private wake(): void {
    const listeners = this.listeners;
    this.listeners = [];
    listeners.forEach((l) => l());
  }

  inlayHints(uri: string): Promise<InlayHint[] | null> {
    const range = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
    return within(this.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range }), WAIT_MS, `inlayHint ${uri}`);
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return within(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }), WAIT_MS, `hover ${line}:${character}`);
  }

  async open(file: string, languageId: string, text = read(file), version = 1): Promise<string> {
    const uri = uriOf(file);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /**
   * The next publishDiagnostics for `uri` (after those returned before) that satisfies `accept`.
   * Notifications that arrived before the call count: none is lost between an action and its wait.
   */
  nextDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, what = `diagnostics for ${uri}`): Promise<PublishDiagnosticsParams> {
    const find = (): PublishDiagnosticsParams | undefined => {
      for (let i = this.cursor.get(uri) ?? 0; i < this.published.length; i++) {
        const p = this.published[i]!;
        if (p.uri !== uri || !accept(p)) continue;
        this.cursor.set(uri, i + 1);
        return p;
      }
      return undefined;
    };
    return this.until(find, `${what} (received: ${JSON.stringify(this.published.map((p) => [p.uri, p.version, p.diagnostics.length]))})`);
  }

  /** Resolves when `check` returns a value, checked again on every diagnostics notification, exit or `recheck()`. */
  until<T>(check: () => T | undefined, what: string, ms = WAIT_MS): Promise<T> {
    const found = new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const hit = check();
        if (hit !== undefined) return resolve(hit);
        if (!this.alive) return reject(new Error(`server exited (${JSON.stringify(this.exitInfo)}) while waiting for ${what}; stderr: ${this.stderr}`));
        this.listeners.push(attempt);
      };
      attempt();
    });
    return within(found, ms, what);
  }

  /** For a test's own handlers (a server request it counts): pending `until` checks run again. */
  recheck(): void {
    this.wake();
  }

  /** shutdown + exit, as a client does; resolves with the exit code. */
  async stop(): Promise<number | null> {
    await within(this.connection.sendRequest(ShutdownRequest.type), WAIT_MS, 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    const { code, signal } = await within(this.exited, WAIT_MS, 'the server to exit');
    assert.equal(signal, null, 'the server must exit by itself, not by a signal');
    this.connection.dispose();
    return code;
  }

  /** Cleanup for failed tests: never leaves a server process behind. */
  kill(): void {
    this.connection.dispose();
    if (this.alive) this.child.kill();
  }
}

