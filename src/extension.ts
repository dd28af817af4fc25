// Wires the features together; each feature owns its disposables.
import type * as vscode from 'vscode';
import * as diagnoseCommand from './vscode/diagnoseCommand';

export function activate(context: vscode.ExtensionContext): void {
  diagnoseCommand.register(context);
}

export function deactivate(): void {
  // Every feature registered its disposables with the context; nothing else to stop.
}
