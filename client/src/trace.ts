// Makes `docklens.trace.server` work (see traceSetting.ts): the client library gets a log channel that
// reports `Trace` level whenever the setting asks for tracing, and writes the trace into the Docklens log.
import * as vscode from 'vscode';
import { traceSetting, tracing } from './traceSetting';

const SETTING = 'docklens.trace.server';

/**
 * A view of `log` for vscode-languageclient's `traceOutputChannel`: same channel, but its level is `Trace`
 * while tracing is on, and a change of the setting fires `onDidChangeLogLevel`, which makes the client send
 * `$/setTrace` and start or stop tracing without a reload.
 */
export function traceChannel(log: vscode.LogOutputChannel): vscode.LogOutputChannel & vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.LogLevel>();
  const level = (): vscode.LogLevel =>
    tracing(traceSetting(vscode.workspace.getConfiguration().get(SETTING)), log.logLevel === vscode.LogLevel.Trace) ? vscode.LogLevel.Trace : log.logLevel;
  const subscriptions = [
    changed,
    log.onDidChangeLogLevel(() => changed.fire(level())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) changed.fire(level());
    }),
  ];
  return {
    get name() {
      return log.name;
    },
    get logLevel() {
      return level();
    },
    onDidChangeLogLevel: changed.event,
    // The log channel drops trace lines below its own level: write them at info level then.
    trace: (message: string, ...args: unknown[]) => (log.logLevel === vscode.LogLevel.Trace ? log.trace(message, ...args) : log.info(message, ...args)),
    debug: (message: string, ...args: unknown[]) => log.debug(message, ...args),
    info: (message: string, ...args: unknown[]) => log.info(message, ...args),
    warn: (message: string, ...args: unknown[]) => log.warn(message, ...args),
    error: (error: string | Error, ...args: unknown[]) => log.error(error, ...args),
    append: (value: string) => log.append(value),
    appendLine: (value: string) => log.appendLine(value),
    replace: (value: string) => log.replace(value),
    clear: () => log.clear(),
    show: (columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean) =>
      typeof columnOrPreserve === 'boolean' || columnOrPreserve === undefined ? log.show(columnOrPreserve) : log.show(columnOrPreserve, preserveFocus),
    hide: () => log.hide(),
    // The log channel belongs to the extension, not to this view.
    dispose: () => subscriptions.forEach((s) => s.dispose()),
  };
}
