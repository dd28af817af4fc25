// Applying a planned fix from the editor: a pattern fix is editable first, every fix shows
// exactly what it changes (command, before → after, warnings) and asks before applying; the
// undo record goes to the extension's journal and the module root is checked again.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { addPattern, matchPrefixPatterns, narrowestPrivatePattern } from '../core/goenv';
import { fixAsCommand } from '../core/report';
import type { Finding, PlannedFix } from '../core/types';
import { applyFixes, FixError, previewFix, undoFix, type FixContext, type FixPreview } from '../engine/applyFix';
import { findGo } from '../engine/goTool';
import { UndoJournal } from '../engine/undoJournal';
import type { Log } from './log';
import type { ResultsStore } from './resultsStore';
import type { RunService } from './runService';
import { goProcessEnv, type Settings } from './settings';

/** Fixes whose value is a pattern list: the user may narrow or widen the pattern first. */
const PATTERN_FIXES = new Set(['goprivate-add', 'gonosumdb-add']);

export interface ApplyOptions {
  /** Skip the editable pattern and the confirmation (tests, and "apply" from an already-shown preview). */
  confirmed?: boolean;
  /** The pattern to use instead of the planned one (pattern fixes). */
  pattern?: string;
}

export function previewText(preview: FixPreview): string {
  const lines = preview.commands.map((command) => `Runs: ${command}`);
  for (const change of preview.changes) lines.push(`In ${change.target}:`, `${change.name}: ${change.before ?? '(not set)'} → ${change.after ?? '(not set)'}`);
  for (const warning of preview.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}

export class FixService {
  readonly journal: UndoJournal;

  constructor(
    storageDir: string,
    private readonly store: ResultsStore,
    private readonly runs: RunService,
    private readonly log: Log,
    private readonly settings: () => Settings,
  ) {
    this.journal = new UndoJournal(path.join(storageDir, 'undo.json'));
  }

  private async context(root: string): Promise<FixContext | undefined> {
    const settings = this.settings();
    const env = goProcessEnv(settings);
    const goPath = this.store.get(root)?.report?.go.path ?? undefined;
    if (goPath) return { goPath, env, cwd: root };
    const go = await findGo({ goroot: settings.goroot, alternateTool: settings.alternateGo, env });
    if (go.kind === 'found') return { goPath: go.path, env, cwd: root };
    void vscode.window.showErrorMessage('Go Dependency Health needs the `go` command to change Go settings, and it was not found.');
    return undefined;
  }

  /** For a GOPRIVATE/GONOSUMDB fix: lets the user edit the pattern; undefined when cancelled. */
  private async editPattern(fix: PlannedFix, finding: Finding | undefined, options: ApplyOptions): Promise<PlannedFix | undefined> {
    if (!PATTERN_FIXES.has(fix.id) || fix.detail.kind !== 'go-env') return fix;
    const detail = fix.detail;
    const module = finding?.module ?? '';
    const planned = module ? narrowestPrivatePattern(module) : '';
    const pattern =
      options.pattern ??
      (options.confirmed
        ? planned
        : await vscode.window.showInputBox({
            title: `${detail.variable} pattern`,
            prompt: `A pattern covering ${module} (it matches a path prefix; * matches one path element)`,
            value: planned,
            validateInput: (value) => (!value || /\s/.test(value) ? 'No spaces: Go does not trim them' : module && !matchPrefixPatterns(value, module) ? `This pattern does not cover ${module}` : undefined),
          }));
    if (!pattern) return undefined;
    return { ...fix, title: `Add ${pattern} to ${detail.variable}`, detail: { ...detail, value: addPattern(detail.previous, pattern) } };
  }

  async apply(root: string, fixes: PlannedFix[], finding: Finding | undefined, options: ApplyOptions = {}): Promise<boolean> {
    if (!this.trusted()) return false;
    const [first] = fixes;
    if (!first) return false;
    if (fixes.length === 1 && (first.detail.kind === 'doc' || first.detail.kind === 'command')) return this.explain(first);
    const edited: PlannedFix[] = [];
    for (const fix of fixes) {
      const one = await this.editPattern(fix, finding, options);
      if (!one) return false;
      edited.push(one);
    }
    const context = await this.context(root);
    if (!context) return false;
    try {
      const previews = await Promise.all(edited.map((fix) => previewFix(fix, context)));
      if (previews.every((preview) => preview.noop)) {
        void vscode.window.showInformationMessage('Already in effect: nothing to change.');
        return false;
      }
      if (!options.confirmed) {
        const detail = previews.map(previewText).join('\n\n');
        const choice = await vscode.window.showWarningMessage(edited.length === 1 ? edited[0]!.title : `Apply ${edited.length} fixes`, { modal: true, detail }, 'Apply');
        if (choice !== 'Apply') return false;
      }
      const record = await applyFixes(edited, context);
      await this.journal.push(record);
      this.log.info(`Applied fix ${record.fixId}: ${previews.flatMap((preview) => preview.commands).join('; ')}`);
      void vscode.window.showInformationMessage(`Applied: ${record.title}. Checking again…`, 'Undo').then((choice) => (choice === 'Undo' ? this.undoLast() : undefined));
      await this.runs.runNow(root);
      return true;
    } catch (error) {
      if (!(error instanceof FixError)) throw error;
      void vscode.window.showErrorMessage(`Could not apply the fix: ${error.message}`);
      return false;
    }
  }

  private async explain(fix: PlannedFix): Promise<boolean> {
    const detail = fix.detail;
    if (detail.kind === 'doc') {
      const choice = await vscode.window.showInformationMessage(detail.text, 'Open Documentation');
      if (choice) await vscode.env.openExternal(vscode.Uri.parse(detail.url));
    } else {
      const command = fixAsCommand(fix);
      const choice = await vscode.window.showInformationMessage(`${fix.title}: run \`${command}\``, 'Copy Command');
      if (choice) await vscode.env.clipboard.writeText(command);
    }
    return false;
  }

  /** Fixes run `go env` and `git config`: never in an untrusted workspace. */
  private trusted(): boolean {
    if (!vscode.workspace.isTrusted) void vscode.window.showWarningMessage('Go Dependency Health changes no setting in an untrusted workspace.');
    return vscode.workspace.isTrusted;
  }

  async undoLast(): Promise<boolean> {
    if (!this.trusted()) return false;
    const record = await this.journal.peek();
    if (!record) {
      void vscode.window.showInformationMessage('No fix to undo.');
      return false;
    }
    const root = this.runs.moduleRoots[0]?.root ?? process.cwd();
    const context = await this.context(root);
    if (!context) return false;
    try {
      await undoFix(record, context);
    } catch (error) {
      if (!(error instanceof FixError)) throw error;
      void vscode.window.showErrorMessage(`Could not undo: ${error.message}`);
      return false;
    }
    await this.journal.drop(record);
    this.log.info(`Undid fix ${record.fixId}`);
    void vscode.window.showInformationMessage(`Undone: ${record.title}`);
    await this.runs.runAllNow();
    return true;
  }
}
