// `docklens.trace.server` as the client uses it. No `vscode` import: unit-tested.

export type TraceSetting = 'off' | 'messages' | 'verbose';

/** The setting's value; anything it does not know is `off` (the default). */
export function traceSetting(value: unknown): TraceSetting {
  return value === 'messages' || value === 'verbose' ? value : 'off';
}

/**
 * Whether the LSP messages are traced. vscode-languageclient 10+ traces only while its log channel is at
 * `Trace` level and reads `<id>.trace.server` only then (`off` becoming `messages`), so the setting alone
 * does nothing. Docklens traces when the setting asks for it, or when the user set the channel to `Trace`.
 */
export function tracing(setting: TraceSetting, channelAtTraceLevel: boolean): boolean {
  return setting !== 'off' || channelAtTraceLevel;
}
