// Every docklens setting takes effect without a reload: the REAL bundled server runs over stdio with a client
// that, like VS Code's, answers `workspace/configuration` (pull model) and sends
// `workspace/didChangeConfiguration` with `settings: null` when the user changes a setting. Each case changes
// one setting and observes the result: diagnostics re-published with the new severity, inlay hints refreshed,
// hovers in the new detail, `$/setTrace` accepted. No sleeps: every wait resolves on the message it waits for.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InlayHintRefreshRequest,
  InlayHintRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  SetTraceNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const ROOT = process.cwd();
const SERVER = path.join(ROOT, 'server/out/server.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/lsp');
const DOCKERFILE = path.join(FIXTURES, 'node-app/Dockerfile');
const COMPOSE = path.join(FIXTURES, 'compose/docker-compose.yml');
const WAIT_MS = 10_000;
const uriOf = (file: string) => pathToFileURL(file).href;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('LSP server: every setting takes effect without a reload', async (t) => {
  // What the user's settings say: the `docklens` section, as VS Code's getConfiguration('docklens') nests it.
  let docklens: Record<string, unknown> = {};
  const configurationRequests: (string | undefined)[] = [];
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  let wake: (() => void)[] = [];
  let refreshes = 0;
  /** Re-checks every pending wait; one that still waits registers again for the next message. */
  const wakeAll = () => {
    const waiting = wake;
    wake = [];
    waiting.forEach((w) => w());
  };

  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => {});
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  t.after(() => {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  });
  connection.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => {
      configurationRequests.push(item.section);
      return item.section === 'docklens' ? docklens : null;
    }),
  );
  connection.onRequest(RegistrationRequest.type, () => {});
  connection.onRequest(InlayHintRefreshRequest.type, () => {
    refreshes++;
    wakeAll();
  });
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    wakeAll();
  });
  connection.onNotification(LogMessageNotification.type, (p) => void logs.push(p.message));
  connection.listen();

  /** Resolves when `check` holds, re-checked on every notification or refresh. */
  const until = <T>(check: () => T | undefined, what: string): Promise<T> =>
    within(
      new Promise<T>((resolve) => {
        const attempt = () => {
          const hit = check();
          if (hit !== undefined) resolve(hit);
          else wake.push(attempt);
        };
        attempt();
      }),
      what,
    );
  /** The user changes a setting: VS Code's client sends `settings: null` and the server pulls again. */
  const change = async (next: Record<string, unknown>) => {
    docklens = next;
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  };

  await within(
    connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(FIXTURES),
      workspaceFolders: [{ uri: uriOf(FIXTURES), name: 'lsp' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, inlayHint: { refreshSupport: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } },
      },
    }),
    'initialize',
  );
  await connection.sendNotification(InitializedNotification.type, {});
  const dockerfile = uriOf(DOCKERFILE);
  const compose = uriOf(COMPOSE);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 1, text: readFileSync(DOCKERFILE, 'utf8') } });
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: compose, languageId: 'dockercompose', version: 1, text: readFileSync(COMPOSE, 'utf8') } });

  let seen = 0;
  /** The next diagnostics published for the Dockerfile, as [rule, severity] pairs. */
  const nextDockerfileDiagnostics = (what: string) =>
    until(() => {
      const i = published.findIndex((p, n) => n >= seen && p.uri === dockerfile);
      if (i < 0) return undefined;
      seen = i + 1;
      return published[i]!.diagnostics.map((d) => [d.code, d.severity, d.source]);
    }, what);
  const hover = async (line: number, character: number) => {
    const h = await within(connection.sendRequest(HoverRequest.type, { textDocument: { uri: compose }, position: { line, character } }), 'hover');
    return (h?.contents as MarkupContent | undefined)?.value;
  };
  const hintLabels = async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
    const hints = await within(connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: compose }, range }), 'inlay hints');
    return (hints ?? []).map((h) => h.label);
  };

  await t.test('the server pulls the `docklens` section (no settings sent with the notification)', async () => {
    assert.deepEqual(await nextDockerfileDiagnostics('first diagnostics'), [['copy-before-install', 2, 'docklens']]);
    assert.ok(configurationRequests.includes('docklens'), JSON.stringify(configurationRequests));
  });

  await t.test('docklens.rules.<id>: severity changes and `off` re-publish the open documents', async () => {
    await change({ rules: { 'copy-before-install': 'error' } });
    assert.deepEqual(await nextDockerfileDiagnostics('diagnostics after severity error'), [['copy-before-install', 1, 'docklens']]);
    await change({ rules: { 'copy-before-install': 'off' } });
    assert.deepEqual(await nextDockerfileDiagnostics('diagnostics after off'), []);
    await change({ rules: { 'copy-before-install': 'default' } });
    assert.deepEqual(await nextDockerfileDiagnostics('diagnostics after default'), [['copy-before-install', 2, 'docklens']]);
  });

  await t.test('docklens.inlayHints.<kind>: the server asks the client to refresh, and the kind is gone', async () => {
    assert.deepEqual(await hintLabels(), ['host *:8080 → container 3000/tcp', 'host 127.0.0.1:5432 → container 5432/tcp', 'healthy ≥ 5s, unhealthy ≈ 50s–1m20s if failing']);
    const before = refreshes;
    await change({ inlayHints: { healthcheck: false } });
    await until(() => (refreshes > before ? true : undefined), 'workspace/inlayHint/refresh');
    assert.deepEqual(await hintLabels(), ['host *:8080 → container 3000/tcp', 'host 127.0.0.1:5432 → container 5432/tcp']);
    await change({ inlayHints: { healthcheck: true, ports: false } });
    await until(() => (refreshes > before + 1 ? true : undefined), 'the second refresh');
    assert.deepEqual(await hintLabels(), ['healthy ≥ 5s, unhealthy ≈ 50s–1m20s if failing']);
  });

  await t.test('docklens.hover.detail: the next hover is concise, then detailed again', async () => {
    const detailed = await hover(22, 6);
    assert.ok(detailed?.includes('- **First probe**'), detailed);
    await change({ hover: { detail: 'concise' } });
    const concise = await hover(22, 6);
    assert.equal(
      concise,
      '**Healthcheck** (`db`)\n\nProbe `pg_isready -U app` runs in the container\'s default shell (`/bin/sh -c`). Healthy ≈ 5s after the start at the earliest; unhealthy after ≈ 50s (probe failing) to ≈ 1m20s (probe hanging). Waited on by `web`.',
    );
    await change({ hover: { detail: 'detailed' } });
    assert.equal(await hover(22, 6), detailed);
  });

  await t.test('docklens.trace.server: `$/setTrace` (what the client sends on a change) is accepted at every level', async () => {
    for (const value of ['verbose', 'messages', 'off'] as const) await connection.sendNotification(SetTraceNotification.type, { value });
    // The server still answers after the trace changes.
    assert.ok(await hover(22, 6));
  });

  await t.test('nothing failed inside the server, and it shuts down cleanly', async () => {
    assert.deepEqual(logs.filter((l) => /uncaught|unhandled|failed/i.test(l)), []);
    await within(connection.sendRequest(ShutdownRequest.type), 'shutdown');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await within(exited, 'exit'), 0);
  });
});
