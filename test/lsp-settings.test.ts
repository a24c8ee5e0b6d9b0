// Every docklens setting takes effect without a reload: the REAL bundled server runs over stdio with a client
// that, like VS Code's, answers `workspace/configuration` (pull model) and sends
// `workspace/didChangeConfiguration` with `settings: null` when the user changes a setting. Each case changes
// one setting and observes the result: diagnostics re-published with the new severity, inlay hints refreshed,
// hovers in the new detail, `$/setTrace` accepted. No sleeps: every wait resolves on the message it waits for.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  HoverRequest,
  InlayHintRefreshRequest,
  InlayHintRequest,
  RegistrationRequest,
  SetTraceNotification,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { LspClient, WAIT_MS, within } from './lspClient';

const ROOT = process.cwd();
const FIXTURES = path.join(ROOT, 'test/fixtures/lsp');
const DOCKERFILE = path.join(FIXTURES, 'node-app/Dockerfile');
const COMPOSE = path.join(FIXTURES, 'compose/docker-compose.yml');

test('LSP server: every setting takes effect without a reload', async (t) => {
  // What the user's settings say: the `docklens` section, as VS Code's getConfiguration('docklens') nests it.
  let docklens: Record<string, unknown> = {};
  const configurationRequests: (string | undefined)[] = [];
  let refreshes = 0;

  const { client } = await LspClient.start(
    {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, inlayHint: { refreshSupport: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } },
    },
    {
      handlers: ({ connection }) => {
        connection.onRequest(ConfigurationRequest.type, (params) =>
          params.items.map((item) => {
            configurationRequests.push(item.section);
            return item.section === 'docklens' ? docklens : null;
          }),
        );
        connection.onRequest(RegistrationRequest.type, () => {});
        connection.onRequest(InlayHintRefreshRequest.type, () => {
          refreshes++;
          client.recheck();
        });
      },
    },
  );
  t.after(() => client.kill());
  const { connection, published, logs } = client;
  /** Resolves when `check` holds, re-checked on every notification or refresh. */
  const until = <T>(check: () => T | undefined, what: string): Promise<T> => client.until(check, what);
  /** The user changes a setting: VS Code's client sends `settings: null` and the server pulls again. */
  const change = async (next: Record<string, unknown>) => {
    docklens = next;
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  };
  const dockerfile = await client.open(DOCKERFILE, 'dockerfile');
  const compose = await client.open(COMPOSE, 'dockercompose');

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
    const h = await within(connection.sendRequest(HoverRequest.type, { textDocument: { uri: compose }, position: { line, character } }), WAIT_MS, 'hover');
    return (h?.contents as MarkupContent | undefined)?.value;
  };
  const hintLabels = async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
    const hints = await within(connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: compose }, range }), WAIT_MS, 'inlay hints');
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
    assert.equal(await client.stop(), 0);
  });
});
