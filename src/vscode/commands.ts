// The commands behind code actions, tree context menus and the palette. Each finds what it acts
// on again in the latest report (arguments are references, not copies), so a stale click does
// nothing surprising.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { privatePatternsAdd, upgradeModule } from '../core/fixes';
import { findingMessage, fixTitle } from '../core/i18n';
import { splitNode } from '../core/modGraph';
import { redact } from '../core/redact';
import type { Finding, PlannedFix } from '../core/types';
import { APPLY_FIX_COMMAND, type FixReference } from './codeActions';
import type { FixService } from './fixService';
import { UPGRADE_COMMAND, type UpgradeReference } from './hover';
import { editorLang } from './i18n';
import type { Log } from './log';
import { chooseGoProxy, type PickerDeps } from './proxyPicker';
import type { ResultsStore } from './resultsStore';
import type { RunService } from './runService';
import type { TreeNode } from './treeView';
import { refreshRoots } from './watcher';

export interface CommandDeps extends PickerDeps {
  store: ResultsStore;
  log: Log;
  fixes: FixService;
  runs: RunService;
}

function findingFor(store: ResultsStore, reference: FixReference): { finding: Finding; fix: PlannedFix } | undefined {
  const finding = store.get(reference.root)?.report?.findings[reference.findingIndex];
  const fix = finding?.fixes.find((candidate) => candidate.id === reference.fixId);
  return finding && fix ? { finding, fix } : undefined;
}

/** What Copy Error copies for a module without an error of its own: its finding, in the editor's language. */
function firstMessage(findings: Finding[]): string | undefined {
  return findings[0] ? findingMessage(findings[0], editorLang()) : undefined;
}

function findingsOfModule(store: ResultsStore, root: string, module: string): Finding[] {
  return store.get(root)?.report?.findings.filter((finding) => finding.module === module) ?? [];
}

async function openLine(file: string, line: number | null): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}

export function register(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { store, fixes, runs, log } = deps;
  const register = (id: string, handler: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  register(APPLY_FIX_COMMAND, async (reference: FixReference, options?: { confirmed?: boolean; pattern?: string }) => {
    const found = findingFor(store, reference);
    if (!found) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('That problem is gone or changed: the module was checked again since. Look at the current diagnostics.'),
      );
      return false;
    }
    return fixes.apply(reference.root, [found.fix], found.finding, options);
  });
  register('goDependencyHealth.fixAll', async (uri?: vscode.Uri, options?: { confirmed?: boolean }) => {
    const file = uri?.fsPath ?? vscode.window.activeTextEditor?.document.uri.fsPath;
    if (!file) return false;
    const root = path.dirname(file);
    const all = privatePatternsAdd(store.get(root)?.report?.findings.filter((finding) => finding.goModFile === file) ?? []);
    if (!all) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to fix all at once in this go.mod.'));
      return false;
    }
    return fixes.apply(root, [all.fix], undefined, { confirmed: options?.confirmed });
  });
  // From the hover's link, the code action, or the tree (a module node): `go get module@version`, after its diff.
  register(UPGRADE_COMMAND, async (target?: UpgradeReference | TreeNode, options?: { confirmed?: boolean }) => {
    const reference: UpgradeReference | undefined =
      target && 'kind' in target
        ? target.kind === 'module' && target.module.health?.update
          ? { root: target.root, module: target.module.path, version: target.module.health.update.version }
          : undefined
        : target;
    if (!reference) return false;
    const current = store.get(reference.root)?.report?.health?.modules.find((module) => module.path === reference.module)?.version ?? null;
    return fixes.apply(reference.root, [upgradeModule(reference.module, reference.version, current)], undefined, { confirmed: options?.confirmed });
  });
  register('goDependencyHealth.undoLastFix', () => fixes.undoLast());
  // Looks for module roots again first: a go.mod the file watcher did not report (a folder copied
  // or cloned into the workspace) is checked too.
  register('goDependencyHealth.refresh', async () => {
    await refreshRoots(runs);
    await runs.runAllNow();
  });
  register('goDependencyHealth.chooseGoProxy', () => chooseGoProxy(deps));
  register('goDependencyHealth.showLog', () => log.channel.show());
  register('goDependencyHealth.retryModule', (node?: TreeNode) => (node && 'root' in node ? runs.runNow(node.root) : runs.runAllNow()));
  register('goDependencyHealth.copyError', async (node?: TreeNode) => {
    const text =
      node?.kind === 'error'
        ? node.text
        : node?.kind === 'module'
          ? (node.module.error ?? firstMessage(findingsOfModule(store, node.root, node.module.path)))
          : undefined;
    if (text) await vscode.env.clipboard.writeText(redact(text));
  });
  register('goDependencyHealth.openGoModLine', async (node?: TreeNode) => {
    if (node?.kind !== 'module') return;
    const finding = findingsOfModule(store, node.root, node.module.path)[0];
    // A module go.mod does not require: the line of the requirement that pulls it in.
    const second = node.module.health?.chain?.[1];
    const through = second ? splitNode(second).path : undefined;
    const pulledBy = through ? store.get(node.root)?.report?.modules.find((module) => module.path === through && module.line !== null)?.line : undefined;
    await openLine(finding?.goModFile ?? path.join(node.root, 'go.mod'), finding?.line ?? node.module.line ?? pulledBy ?? null);
  });
  register('goDependencyHealth.showFix', async (node?: TreeNode) => {
    if (node?.kind !== 'module') return;
    const findings = findingsOfModule(store, node.root, node.module.path);
    const lang = editorLang();
    const choices = findings.flatMap((finding) =>
      finding.fixes.map((fix) => ({
        label: redact(fixTitle(fix, lang)),
        description: fix.kind === 'doc' ? vscode.l10n.t('explains') : fix.id,
        detail: redact(findingMessage(finding, lang)),
        finding,
        fix,
      })),
    );
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(
        findings[0] ? redact(findingMessage(findings[0], lang)) : vscode.l10n.t('No fix is known for {0}.', node.module.path),
      );
      return;
    }
    const picked = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Fix {0}', node.module.path) });
    if (picked) await fixes.apply(node.root, [picked.fix], picked.finding);
  });
}
