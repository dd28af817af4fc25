// Quick fixes on our diagnostics: one code action per planned fix of the finding, and a "fix
// all" that adds every missing GOPRIVATE pattern of the file in one change.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { redact } from '../core/redact';
import { privatePatternsAdd, upgradeModule } from '../core/fixes';
import { fixTitle } from '../core/i18n';
import type { Finding } from '../core/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { healthOnLine, UPGRADE_COMMAND, type UpgradeReference } from './hover';
import { editorLang } from './i18n';
import type { ResultsStore } from './resultsStore';

export const APPLY_FIX_COMMAND = 'goDependencyHealth.applyFix';
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('goDependencyHealth');
export const UPGRADE_KIND = vscode.CodeActionKind.RefactorRewrite.append('goDependencyHealth.upgrade');

/** What the applyFix command receives: enough to find the fix again in the latest report. */
export interface FixReference {
  root: string;
  findingIndex: number;
  fixId: string;
}

export function findingsOnLine(store: ResultsStore, file: string, line: number, cls?: string): { root: string; index: number; finding: Finding }[] {
  const root = path.dirname(file);
  const findings = store.get(root)?.report?.findings ?? [];
  return findings.flatMap((finding, index) =>
    finding.goModFile === file && finding.line === line && (!cls || finding.class === cls) ? [{ root, index, finding }] : [],
  );
}

class DownloadFixProvider implements vscode.CodeActionProvider {
  constructor(private readonly store: ResultsStore) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const lang = editorLang();
    const upgrade = this.upgrade(document, range, context);
    if (upgrade) actions.push(upgrade);
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const cls = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : undefined;
      for (const { root, index, finding } of findingsOnLine(this.store, document.uri.fsPath, diagnostic.range.start.line + 1, cls)) {
        finding.fixes.forEach((fix, position) => {
          const title = redact(fixTitle(fix, lang));
          const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = position === 0 && fix.kind !== 'doc';
          const reference: FixReference = { root, findingIndex: index, fixId: fix.id };
          action.command = { command: APPLY_FIX_COMMAND, title, arguments: [reference] };
          actions.push(action);
        });
      }
    }
    const file = document.uri.fsPath;
    const all = privatePatternsAdd(this.store.get(path.dirname(file))?.report?.findings.filter((finding) => finding.goModFile === file) ?? []);
    // Offered when it does more than one finding's own fix would: several modules to cover.
    if (all && all.modules.length > 1 && (!context.only || context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only))) {
      const action = new vscode.CodeAction(redact(fixTitle(all.fix, lang)), FIX_ALL_KIND);
      action.command = { command: 'goDependencyHealth.fixAll', title: action.title, arguments: [document.uri] };
      actions.push(action);
    }
    return actions;
  }

  /** "Upgrade X to vY" on a require line whose module has a newer version of its major version. */
  private upgrade(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction | null {
    if (context.only && !context.only.contains(UPGRADE_KIND) && !UPGRADE_KIND.contains(context.only)) return null;
    const found = healthOnLine(this.store, document, range.start.line);
    const update = found?.module.update;
    if (!found || !update) return null;
    const fix = upgradeModule(found.module.path, update.version, found.module.version);
    const action = new vscode.CodeAction(redact(fixTitle(fix, editorLang())), UPGRADE_KIND);
    const reference: UpgradeReference = { root: path.dirname(document.uri.fsPath), module: found.module.path, version: update.version };
    action.command = { command: UPGRADE_COMMAND, title: action.title, arguments: [reference] };
    return action;
  }
}

export function register(context: vscode.ExtensionContext, store: ResultsStore): void {
  const selector: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/go.mod' }];
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, new DownloadFixProvider(store), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND, UPGRADE_KIND],
    }),
  );
}
