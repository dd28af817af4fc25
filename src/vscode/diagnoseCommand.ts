// "Go Dependency Health: Diagnose Downloads": a full download check of one module root plus
// deep probes (each GOPROXY entry, the checksum database, git remotes), opened as a readable
// Markdown report that can be copied or saved. Progress with cancel; everything redacted.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatReportMarkdown } from '../core/reportMarkdown';
import type { Report } from '../core/types';
import { editorLang } from './i18n';
import type { ResultsStore } from './resultsStore';
import type { RunService } from './runService';

/** Runs the network probes for a finished report; returns Markdown sections. */
export type DeepProbe = (report: Report, signal: AbortSignal) => Promise<string>;

export interface DiagnoseDeps {
  store: ResultsStore;
  runs: RunService;
  deepProbe: DeepProbe;
}

async function pickRoot(runs: RunService, preferred?: string): Promise<string | undefined> {
  const roots = runs.moduleRoots.map((root) => root.root);
  if (preferred && roots.includes(preferred)) return preferred;
  if (roots.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No go.mod in this workspace: open a folder that contains a Go module.'));
    return undefined;
  }
  if (roots.length === 1) return roots[0];
  const active = vscode.window.activeTextEditor?.document.uri.fsPath;
  const picked = await vscode.window.showQuickPick(
    roots.map((root) => ({
      label: vscode.workspace.asRelativePath(root) || path.basename(root),
      description: active?.startsWith(root) ? vscode.l10n.t('active editor') : undefined,
      root,
    })),
    { title: vscode.l10n.t('Diagnose downloads of which module?') },
  );
  return picked?.root;
}

export class DiagnoseCommand {
  /** The last report's Markdown, for "Copy Last Report". */
  lastMarkdown: string | undefined;

  constructor(private readonly deps: DiagnoseDeps) {}

  /** Returns the report document (tests use it), or undefined when nothing ran. */
  async run(preferredRoot?: string): Promise<vscode.TextDocument | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Go Dependency Health runs nothing in an untrusted workspace. Trust the workspace to diagnose downloads.'),
      );
      return undefined;
    }
    const root = await pickRoot(this.deps.runs, preferredRoot);
    if (!root) return undefined;
    const markdown = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Diagnosing Go module downloads'), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => {
          controller.abort();
          this.deps.runs.cancel(root);
        });
        try {
          progress.report({ message: vscode.l10n.t('running go mod download…') });
          await this.deps.runs.runNow(root);
          const report = this.deps.store.get(root)?.report;
          if (token.isCancellationRequested || !report) return undefined;
          progress.report({ message: vscode.l10n.t('probing proxies, checksum database and git remotes…') });
          const probes = await this.deps.deepProbe(report, controller.signal);
          return token.isCancellationRequested ? undefined : formatReportMarkdown(report, [probes], editorLang());
        } finally {
          subscription.dispose();
        }
      },
    );
    if (!markdown) return undefined;
    this.lastMarkdown = markdown;
    const document = await vscode.workspace.openTextDocument({ content: markdown, language: 'markdown' });
    await vscode.commands.executeCommand('markdown.showPreview', document.uri);
    const copy = vscode.l10n.t('Copy Report');
    const show = vscode.l10n.t('Show Markdown');
    void vscode.window.showInformationMessage(vscode.l10n.t('Download report ready.'), copy, show).then(async (choice) => {
      if (choice === copy) await vscode.env.clipboard.writeText(markdown);
      if (choice === show) await vscode.window.showTextDocument(document);
    });
    return document;
  }
}

export function register(context: vscode.ExtensionContext, deps: DiagnoseDeps): DiagnoseCommand {
  const command = new DiagnoseCommand(deps);
  context.subscriptions.push(
    vscode.commands.registerCommand('goDependencyHealth.diagnose', (root?: string) => command.run(typeof root === 'string' ? root : undefined)),
    vscode.commands.registerCommand('goDependencyHealth.copyReport', async () => {
      if (!command.lastMarkdown) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No report yet: run "Diagnose Downloads" first.'));
        return;
      }
      await vscode.env.clipboard.writeText(command.lastMarkdown);
    }),
  );
  return command;
}
