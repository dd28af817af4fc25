// How a fix is shown, in one place for the CLI, the editor and the reports: the command a person
// would type, and the preview of what applying it changes. Everything here is redacted: it is text
// that leaves (the fix itself, acted on, keeps its real values).

import { gitConfigArgv, goEnvArgv, goGetArgv } from './fixes';
import { fixGuidance, fixTitle, render, t, type Lang, type Message } from './i18n';
import { redact } from './redact';
import type { PlannedFix } from './types';

/** Quotes one argument for a POSIX shell, only when it needs it. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command a person would type to apply a fix (or the guidance, for a doc fix). Raw: callers that show it redact it. */
export function fixAsCommand(fix: PlannedFix, lang: Lang = 'en'): string {
  const detail = fix.detail;
  switch (detail.kind) {
    case 'go-env':
      return goEnvArgv(detail.variable, detail.value).map(shellQuote).join(' ');
    case 'git-config':
      return gitConfigArgv(detail.action, detail.key, detail.value).map(shellQuote).join(' ');
    case 'command':
      return detail.argv.map(shellQuote).join(' ');
    case 'doc':
      return `${fixGuidance(detail, lang)} (${detail.url})`;
    case 'go-get':
      return goGetArgv(detail.module, detail.version).map(shellQuote).join(' ');
  }
}

export interface FixChange {
  /** Where the change lands: the go env file's path, or "git config --global". */
  target: string;
  name: string;
  /** null: not set. */
  before: string | null;
  after: string | null;
}

/** What applying a fix will do, found out before it is done (engine/applyFix.ts previewFix). */
export interface FixPreview {
  fixId: string;
  title: string;
  /** The fix itself, for its title in another language. */
  fix?: PlannedFix;
  /** The commands that will run. */
  commands: string[];
  changes: FixChange[];
  /** A change to files (go get): unified diff lines of go.mod and go.sum, exactly as the fix will leave them. */
  diffs?: string[];
  /** In English; `warningMessages`, when present, are the same in another language. */
  warnings: string[];
  warningMessages?: Message[];
  /** Already in effect: applying changes nothing. */
  noop: boolean;
}

/** The preview as lines of text, redacted: the CLI prints them, the editor's confirmation shows them. */
export function previewLines(preview: FixPreview, lang: Lang = 'en'): string[] {
  const notSet = t(lang, 'preview.notSet');
  const lines = [t(lang, 'preview.fix', { title: preview.fix ? fixTitle(preview.fix, lang) : preview.title })];
  for (const command of preview.commands) lines.push(t(lang, 'preview.runs', { command }));
  for (const change of preview.changes)
    lines.push(t(lang, 'preview.in', { target: change.target }), `  ${change.name}: ${change.before ?? notSet}  →  ${change.after ?? notSet}`);
  if (preview.diffs?.length) lines.push(t(lang, 'preview.changes'), ...preview.diffs.map((line) => `    ${line}`));
  const warnings = preview.warningMessages?.map((message) => render(lang, message)) ?? preview.warnings;
  for (const warning of warnings) lines.push(t(lang, 'preview.warning', { warning }));
  if (preview.noop) lines.push(t(lang, 'preview.noop'));
  return lines.map(redact);
}

/** The preview lines a dialog shows: at most `max`, then a line saying where the rest is. */
export function previewForDialog(lines: readonly string[], max: number, lang: Lang = 'en'): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), t(lang, 'preview.more', { count: lines.length - max })];
}
