// The status bar's decisions (client/src/serverHealth.ts) and the trace setting (client/src/traceSetting.ts):
// pure modules, driven with the event sequences vscode-languageclient produces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attention, CRASH_WINDOW_MS, INITIAL_HEALTH, nextHealth, type HealthEvent, type ServerHealth } from '../client/src/serverHealth';
import { traceSetting, tracing } from '../client/src/traceSetting';

const run = (events: HealthEvent[], from: ServerHealth = INITIAL_HEALTH) => events.reduce(nextHealth, from);
const T0 = 1_000_000;

test('a server that starts and runs needs no attention (the item stays hidden)', () => {
  const health = run([{ kind: 'starting' }, { kind: 'running' }]);
  assert.equal(health.state, 'running');
  assert.equal(attention(health, T0), undefined);
  assert.equal(attention(INITIAL_HEALTH, T0), undefined);
  assert.equal(attention(run([{ kind: 'starting' }]), T0), undefined);
});

test('a failed start needs attention, with the reason, until a restart runs', () => {
  const failed = run([{ kind: 'starting' }, { kind: 'startFailed', detail: 'spawn node ENOENT' }, { kind: 'stopped' }]);
  assert.equal(failed.state, 'failedToStart');
  assert.equal(
    attention(failed, T0)?.tooltip,
    'Docklens: the language server failed to start (spawn node ENOENT). Click to show the server log; `Docklens: Restart Server` starts it again.',
  );
  const restarted = run([{ kind: 'stopRequested' }, { kind: 'starting' }, { kind: 'running' }], failed);
  assert.equal(attention(restarted, T0), undefined);
});

test('a crash the client restarts from shows while it restarts, and hides when it runs again', () => {
  const restarting = run([{ kind: 'starting' }, { kind: 'running' }, { kind: 'crashed', willRestart: true, at: T0 }, { kind: 'stopped' }, { kind: 'starting' }]);
  assert.equal(restarting.state, 'restarting');
  assert.equal(attention(restarting, T0)?.tooltip, 'Docklens: the language server crashed and is restarting. Click to show the server log.');
  assert.equal(attention(run([{ kind: 'running' }], restarting), T0 + 1000), undefined);
});

test('restarted too often: three crashes within 3 minutes need attention even while it runs', () => {
  const crashes = [0, 30_000, 60_000].flatMap((d): HealthEvent[] => [{ kind: 'crashed', willRestart: true, at: T0 + d }, { kind: 'starting' }, { kind: 'running' }]);
  const health = run([{ kind: 'starting' }, { kind: 'running' }, ...crashes]);
  assert.equal(health.state, 'running');
  assert.equal(attention(health, T0 + 61_000)?.tooltip, 'Docklens: the language server restarted 3 times in 3 minutes. Click to show the server log; `Docklens: Restart Server` starts it again.');
  // Crashes older than the window no longer count.
  assert.equal(attention(health, T0 + CRASH_WINDOW_MS + 1), undefined);
});

test('the client gives up after its last crash: stopped unexpectedly, with the count', () => {
  const crashes = [0, 10_000, 20_000, 30_000].map((d): HealthEvent => ({ kind: 'crashed', willRestart: true, at: T0 + d }));
  const health = run([{ kind: 'running' }, ...crashes, { kind: 'crashed', willRestart: false, at: T0 + 40_000 }, { kind: 'stopped' }]);
  assert.equal(health.state, 'stopped');
  assert.equal(
    attention(health, T0 + 41_000)?.tooltip,
    'Docklens: the language server stopped unexpectedly after 5 crashes in 3 minutes. Click to show the server log; `Docklens: Restart Server` starts it again.',
  );
});

test('a stop the user asked for (Restart Server, deactivation) is not a problem, and resets the crash count', () => {
  const health = run([{ kind: 'running' }, { kind: 'crashed', willRestart: true, at: T0 }, { kind: 'running' }, { kind: 'stopRequested' }, { kind: 'stopped' }]);
  assert.equal(health.state, 'stoppedOnRequest');
  assert.deepEqual(health.crashes, []);
  assert.equal(attention(health, T0), undefined);
});

test('a stop nobody asked for, without a crash report, is "stopped unexpectedly"', () => {
  const health = run([{ kind: 'running' }, { kind: 'stopped' }]);
  assert.equal(attention(health, T0)?.tooltip, 'Docklens: the language server stopped unexpectedly. Click to show the server log; `Docklens: Restart Server` starts it again.');
});

test('docklens.trace.server: known values, `off` otherwise; tracing when the setting or the channel level asks', () => {
  assert.deepEqual(['off', 'messages', 'verbose', 'Verbose', undefined, 3].map(traceSetting), ['off', 'messages', 'verbose', 'off', 'off', 'off']);
  assert.equal(tracing('off', false), false);
  assert.equal(tracing('messages', false), true);
  assert.equal(tracing('verbose', false), true);
  assert.equal(tracing('off', true), true);
});
