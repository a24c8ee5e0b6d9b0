// The language server's health as the status bar sees it: a pure reducer over what the client reports
// (starting, running, start failure, a crash with or without an automatic restart, a requested stop), and
// what, if anything, needs the user's attention. No `vscode` import: unit-tested in test/client-*.test.ts.

export type ServerState = 'notStarted' | 'starting' | 'running' | 'restarting' | 'failedToStart' | 'stopped' | 'stoppedOnRequest';

export interface ServerHealth {
  state: ServerState;
  /** When the server crashed, within the last CRASH_WINDOW_MS (oldest first). */
  crashes: number[];
  /** Why it failed to start or stopped, in the client library's words. */
  detail?: string;
}

export type HealthEvent =
  | { kind: 'starting' }
  | { kind: 'running' }
  | { kind: 'startFailed'; detail: string }
  /** The connection closed without a stop request; `willRestart` says whether the client starts it again. */
  | { kind: 'crashed'; willRestart: boolean; at: number; detail?: string }
  /** `Docklens: Restart Server` or deactivation: a stop nobody needs to be told about. */
  | { kind: 'stopRequested' }
  | { kind: 'stopped' };

/** The window the client library counts restarts in (vscode-languageclient's DefaultErrorHandler: 3 minutes). */
export const CRASH_WINDOW_MS = 3 * 60_000;
/** This many crashes within the window is "restarted too often", even when it runs again. */
export const TOO_MANY_CRASHES = 3;

export const INITIAL_HEALTH: ServerHealth = { state: 'notStarted', crashes: [] };

export function nextHealth(health: ServerHealth, event: HealthEvent): ServerHealth {
  switch (event.kind) {
    case 'starting':
      // An automatic restart after a crash stays "restarting" until it runs.
      return health.state === 'restarting' ? health : { state: 'starting', crashes: health.crashes };
    case 'running':
      return { state: 'running', crashes: health.crashes };
    case 'startFailed':
      return { state: 'failedToStart', crashes: health.crashes, detail: event.detail };
    case 'crashed': {
      const crashes = [...health.crashes.filter((t) => event.at - t < CRASH_WINDOW_MS), event.at];
      return { state: event.willRestart ? 'restarting' : 'stopped', crashes, ...(event.detail ? { detail: event.detail } : {}) };
    }
    case 'stopRequested':
      // A restart the user asks for starts a fresh count.
      return { state: 'stoppedOnRequest', crashes: [] };
    case 'stopped':
      // The client passes through "stopped" on its way to an automatic restart, a requested stop or after a failed start.
      return health.state === 'stoppedOnRequest' || health.state === 'failedToStart' || health.state === 'stopped' || health.state === 'restarting'
        ? health
        : { ...health, state: 'stopped' };
  }
}

export interface Attention {
  /** One line for the status bar item's tooltip. */
  tooltip: string;
}

const ACTIONS = 'Click to show the server log; `Docklens: Restart Server` starts it again.';

/** What needs the user's attention now, or undefined when nothing does (the status bar item is hidden). */
export function attention(health: ServerHealth, now: number): Attention | undefined {
  const recent = health.crashes.filter((t) => now - t < CRASH_WINDOW_MS).length;
  const detail = health.detail ? ` (${health.detail})` : '';
  switch (health.state) {
    case 'failedToStart':
      return { tooltip: `Docklens: the language server failed to start${detail}. ${ACTIONS}` };
    case 'stopped':
      return { tooltip: `Docklens: the language server stopped unexpectedly${recent > 1 ? ` after ${recent} crashes in 3 minutes` : ''}${detail}. ${ACTIONS}` };
    case 'restarting':
      return { tooltip: `Docklens: the language server crashed and is restarting${recent > 1 ? ` (${recent} crashes in 3 minutes)` : ''}. Click to show the server log.` };
    case 'running':
    case 'starting':
      return recent >= TOO_MANY_CRASHES ? { tooltip: `Docklens: the language server restarted ${recent} times in 3 minutes. ${ACTIONS}` } : undefined;
    default:
      return undefined;
  }
}
