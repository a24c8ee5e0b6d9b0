// Owns the docklens language client: starts it (once a Dockerfile or compose document is open), reports
// its health to the status bar, and restarts it on request — also after a failed start or a crash the
// client library gave up on, where its own `restart()` cannot (it refuses to stop a client that never ran),
// by replacing the client.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
} from 'vscode-languageclient/node';
import NODE_FLAGS from '../../server/src/nodeFlags.json';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { INITIAL_HEALTH, nextHealth, type HealthEvent, type ServerHealth } from './serverHealth';
import { ServerStatus } from './status';
import { traceChannel } from './trace';

/**
 * V8 flags for the server process. Node's default young generation (16 MiB semi-spaces, 48 MiB with both
 * halves and the copy reserve once grown) and heap growth (up to 4× the live size between major GCs) made a
 * server holding the 5,000-line stress compose file peak at 136 MiB, most of it short-lived garbage from
 * parsing and hovers; with 2 MiB semi-spaces and the heap grown by 1.5× at most, it peaks at about 100 MiB with
 * the same latencies (BENCHMARKS.md: the bench launches the standalone server with the same flags).
 */
export const SERVER_EXEC_ARGV: string[] = NODE_FLAGS; // server/src/nodeFlags.json: the bench and README use the same


export class DocklensServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private health: ServerHealth = INITIAL_HEALTH;
  private readonly log = vscode.window.createOutputChannel('Docklens', { log: true });
  private readonly trace = traceChannel(this.log);
  private readonly status = new ServerStatus();

  /** `features` are registered on every client this creates (a restart makes a new one). */
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly features: StaticFeature[] = [],
  ) {}

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** Starts the server unless it runs or is starting; resolves when it runs, never rejects. */
  async start(): Promise<void> {
    if (this.client) return;
    const client = this.createClient();
    this.client = client;
    this.report({ kind: 'starting' });
    try {
      await client.start();
      if (this.client === client) this.report({ kind: 'running' });
    } catch (error) {
      if (this.client === client) this.report({ kind: 'startFailed', detail: error instanceof Error ? error.message : String(error) });
    }
  }

  /** `Docklens: Restart Server`: works whatever state the client is in, including a failed start. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.report({ kind: 'stopRequested' });
    try {
      if (client.state === State.Running) await client.stop();
    } catch (error) {
      this.log.warn(`Stopping the server failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // dispose() stops a running client again; a failed one only frees its listeners.
    await client.dispose().catch(() => {});
  }

  showLog(): void {
    this.log.show(true);
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.status.dispose();
    this.trace.dispose();
    this.log.dispose();
  }

  private report(event: HealthEvent): void {
    this.health = nextHealth(this.health, event);
    this.status.show(this.health);
  }

  private createClient(): LanguageClient {
    const serverModule = this.context.asAbsolutePath(path.join('server', 'out', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      // No `fileEvents` watcher here: vscode-languageclient announces `workspace.didChangeWatchedFiles.dynamicRegistration`,
      // the server registers its own watcher (`**/*`) after `initialized`, and the client creates the VS Code
      // FileSystemWatcher for it (FileSystemWatcherFeature). A second watcher here would send every event twice.
      synchronize: { configurationSection: 'docklens' },
      diagnosticCollectionName: 'docklens',
      outputChannel: this.log,
      traceOutputChannel: this.trace,
    };
    // The library's own restart policy (5 crashes in 3 minutes) needs the client to exist: created right after.
    let policy: ErrorHandler | undefined;
    clientOptions.errorHandler = {
      error: (error, message, count) => policy!.error(error, message, count),
      closed: async () => {
        const result = await policy!.closed();
        if (this.client === client) this.report({ kind: 'crashed', willRestart: result.action === CloseAction.Restart, at: Date.now() });
        return result;
      },
    };
    const client = new LanguageClient('docklens', 'Docklens', serverOptions, clientOptions);
    for (const feature of this.features) client.registerFeature(feature);
    policy = client.createDefaultErrorHandler();
    client.onDidChangeState(({ newState }) => {
      if (this.client !== client) return;
      if (newState === State.Running) this.report({ kind: 'running' });
      else if (newState === State.Starting) this.report({ kind: 'starting' });
      else if (newState === State.Stopped) this.report({ kind: 'stopped' });
      // Also reached by the library's own restart after a crash, which our start() does not see fail.
      else if (newState === State.StartFailed) this.report({ kind: 'startFailed', detail: 'details in the server log' });
    });
    return client;
  }
}
