// The editor's ports into the fix session (engine/fixSession.ts): a pattern fix is editable first,
// the preview is a modal confirmation, and the module root is checked again after. The steps and
// the undo journal are the CLI's too, so either undoes what the other applied.

import * as vscode from 'vscode';
import { matchPrefixPatterns, narrowestPrivatePattern } from '../core/patterns';
import { PATTERN_FIX_IDS, withPattern } from '../core/fixes';
import { fixAsCommand, previewForDialog, previewLines } from '../core/fixRender';
import { fixGuidance, fixTitle, recordTitle, render } from '../core/i18n';
import { redact } from '../core/redact';
import type { Finding, PlannedFix } from '../core/types';
import { FixError, type FixContext } from '../engine/applyFix';
import { FixSession, sharedJournal } from '../engine/fixSession';
import { findGo } from '../engine/goTool';
import type { UndoJournal } from '../engine/undoJournal';
import { editorLang } from './i18n';
import type { Log } from './log';
import type { ResultsStore } from './resultsStore';
import type { RunService } from './runService';
import { goProcessEnv, type Settings } from './settings';

export interface ApplyOptions {
  /** Skip the editable pattern and the confirmation (tests, and "apply" from an already-shown preview). */
  confirmed?: boolean;
  /** The pattern to use instead of the planned one (pattern fixes). */
  pattern?: string;
}

/** Lines of a preview shown in the confirmation dialog; the whole preview goes to the log. */
const DIALOG_PREVIEW_LINES = 80;

export class FixService implements vscode.Disposable {
  /** Journals by file, kept for the extension's lifetime: a record holding a credential lives only in memory. */
  private readonly journals = new Map<string, UndoJournal>();
  private readonly previewed = new vscode.EventEmitter<string[]>();
  /** Each preview as it is shown (redacted lines), before the user is asked: what the extension-host tests check. */
  readonly onDidPreview = this.previewed.event;

  constructor(
    private readonly store: ResultsStore,
    private readonly runs: RunService,
    private readonly log: Log,
    private readonly settings: () => Settings,
  ) {}

  private async session(root: string): Promise<FixSession | undefined> {
    const settings = this.settings();
    const env = goProcessEnv(settings);
    let goPath = this.store.get(root)?.report?.go.path ?? undefined;
    if (!goPath) {
      const go = await findGo({ goroot: settings.goroot, alternateTool: settings.alternateGo, env });
      if (go.kind !== 'found') {
        void vscode.window.showErrorMessage(vscode.l10n.t('Go Dependency Health needs the `go` command to change Go settings, and it was not found.'));
        return undefined;
      }
      goPath = go.path;
    }
    const context: FixContext = { goPath, env, cwd: root };
    const journal = sharedJournal(env);
    const file = journal.file;
    if (!this.journals.has(file)) this.journals.set(file, journal);
    return new FixSession(context, this.journals.get(file));
  }

  /** For a GOPRIVATE/GONOSUMDB fix: lets the user edit the pattern; undefined when cancelled. */
  private async editPattern(fix: PlannedFix, finding: Finding | undefined, options: ApplyOptions): Promise<PlannedFix | undefined> {
    if (!PATTERN_FIX_IDS.has(fix.id) || fix.detail.kind !== 'go-env') return fix;
    const variable = fix.detail.variable;
    const module = finding?.module ?? '';
    const planned = module ? narrowestPrivatePattern(module) : '';
    const pattern =
      options.pattern ??
      (options.confirmed
        ? planned
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('{0} pattern', variable),
            prompt: vscode.l10n.t('A pattern covering {0} (it matches a path prefix; * matches one path element)', module),
            value: planned,
            validateInput: (value) =>
              !value || /\s/.test(value)
                ? vscode.l10n.t('No spaces: Go does not trim them')
                : module && !matchPrefixPatterns(value, module)
                  ? vscode.l10n.t('This pattern does not cover {0}', module)
                  : undefined,
          }));
    return pattern ? withPattern(fix, pattern) : undefined;
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
    const session = await this.session(root);
    if (!session) return false;
    try {
      const outcome = await session.apply(edited, {
        confirm: async (previews) => {
          const lines = previews.flatMap((preview, index) => [...(index > 0 ? [''] : []), ...previewLines(preview)]);
          this.log.info('Preview:');
          for (const line of lines) this.log.info(`  ${line}`);
          this.previewed.fire(lines);
          if (options.confirmed) return true;
          const lang = editorLang();
          const title = redact(edited.length === 1 ? fixTitle(edited[0]!, lang) : vscode.l10n.t('Apply {0} fixes', edited.length));
          // The log keeps the English lines (like go's output beside them); the dialog speaks the editor's language.
          const shown = lang === 'en' ? lines : previews.flatMap((preview, index) => [...(index > 0 ? [''] : []), ...previewLines(preview, lang)]);
          const detail = previewForDialog(shown, DIALOG_PREVIEW_LINES, lang).join('\n');
          const apply = vscode.l10n.t('Apply');
          return (await vscode.window.showWarningMessage(title, { modal: true, detail }, apply)) === apply;
        },
        recheck: async () => {
          await this.runs.runNow(root);
        },
      });
      if (outcome.kind === 'noop') void vscode.window.showInformationMessage(vscode.l10n.t('Already in effect: nothing to change.'));
      if (outcome.kind !== 'applied') return false;
      this.log.info(`Applied fix ${outcome.record.fixId}: ${outcome.previews.flatMap((preview) => preview.commands).join('; ')}`);
      const undo = vscode.l10n.t('Undo');
      const applied = edited.length === 1 ? redact(fixTitle(edited[0]!, editorLang())) : outcome.record.title;
      void vscode.window
        .showInformationMessage(vscode.l10n.t('Applied: {0}.', applied), undo)
        .then((choice) => (choice === undo ? this.undoLast() : undefined));
      return true;
    } catch (error) {
      if (!(error instanceof FixError)) throw error;
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not apply the fix: {0}', render(editorLang(), error.text)));
      return false;
    }
  }

  private async explain(fix: PlannedFix): Promise<boolean> {
    const detail = fix.detail;
    const lang = editorLang();
    if (detail.kind === 'doc') {
      const choice = await vscode.window.showInformationMessage(redact(fixGuidance(detail, lang)), vscode.l10n.t('Open Documentation'));
      if (choice) await vscode.env.openExternal(vscode.Uri.parse(detail.url));
    } else {
      const command = redact(fixAsCommand(fix, lang));
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('{0}: run `{1}`', redact(fixTitle(fix, lang)), command),
        vscode.l10n.t('Copy Command'),
      );
      if (choice) await vscode.env.clipboard.writeText(command);
    }
    return false;
  }

  /** Fixes run `go env` and `git config`: never in an untrusted workspace. */
  private trusted(): boolean {
    if (!vscode.workspace.isTrusted) void vscode.window.showWarningMessage(vscode.l10n.t('Go Dependency Health changes no setting in an untrusted workspace.'));
    return vscode.workspace.isTrusted;
  }

  dispose(): void {
    this.previewed.dispose();
  }

  async undoLast(): Promise<boolean> {
    if (!this.trusted()) return false;
    const session = await this.session(this.runs.moduleRoots[0]?.root ?? process.cwd());
    if (!session) return false;
    try {
      const outcome = await session.undoLast(() => this.runs.runAllNow());
      if (outcome.kind === 'nothing') {
        void vscode.window.showInformationMessage(vscode.l10n.t('No fix to undo.'));
        return false;
      }
      this.log.info(`Undid fix ${outcome.record.fixId}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Undone: {0}', recordTitle(outcome.record, editorLang())));
      return true;
    } catch (error) {
      if (!(error instanceof FixError)) throw error;
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not undo: {0}', render(editorLang(), error.text)));
      return false;
    }
  }
}
