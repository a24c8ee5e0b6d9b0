// The status bar item: shown only while the language server needs attention (serverHealth.ts decides),
// with a warning icon and a tooltip that says what happened; a click shows the server log.
import * as vscode from 'vscode';
import { attention, type ServerHealth } from './serverHealth';

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('docklens.serverStatus', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Docklens server';
    this.item.text = '$(warning) Docklens';
    this.item.command = 'docklens.showServerLog';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  show(health: ServerHealth): void {
    const needed = attention(health, Date.now());
    if (!needed) return this.item.hide();
    this.item.tooltip = new vscode.MarkdownString(needed.tooltip);
    this.item.accessibilityInformation = { label: needed.tooltip.replace(/`/g, '') };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
