// "Go Dependency Health: Diagnose Downloads": runs the engine on a module root and opens the
// readable report. The full editor experience (diagnostics, tree, status bar) builds on this.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatReportText } from '../core/report';
import { diagnose } from '../engine/diagnose';

const DEFAULT_STALL_SECONDS = 30;

async function pickModuleRoot(): Promise<string | undefined> {
  const goMods = await vscode.workspace.findFiles('**/go.mod', '**/{vendor,node_modules,testdata}/**', 50);
  if (goMods.length === 0) {
    void vscode.window.showInformationMessage('No go.mod in this workspace: open a Go module folder first.');
    return undefined;
  }
  if (goMods.length === 1) return path.dirname(goMods[0]!.fsPath);
  const picked = await vscode.window.showQuickPick(
    goMods.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), root: path.dirname(uri.fsPath) })),
    { placeHolder: 'Which module?' },
  );
  return picked?.root;
}

async function runDiagnose(): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Go Dependency Health runs nothing in an untrusted workspace. Trust the workspace to diagnose downloads.');
    return;
  }
  const root = await pickModuleRoot();
  if (!root) return;
  const stallSeconds = vscode.workspace.getConfiguration('goDependencyHealth').get<number>('stallTimeoutSeconds', DEFAULT_STALL_SECONDS);
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Diagnosing Go module downloads…', cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return (await diagnose({ root, env: process.env, inactivitySeconds: stallSeconds, signal: controller.signal })).report;
      } finally {
        subscription.dispose();
      }
    },
  );
  const document = await vscode.workspace.openTextDocument({ content: formatReportText(report), language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: true });
}

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('goDependencyHealth.diagnose', runDiagnose));
}
