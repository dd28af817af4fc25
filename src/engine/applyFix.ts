// Applies a planned fix, shows exactly what it will change first, and undoes it exactly.
// Go variables change only through `go env -w` / `go env -u` and git rules only through
// `git config --global`: never by editing those files by hand, so Go's and git's own rules
// (locking, quoting, precedence) hold. Shared by the CLI and the editor.

import { gitConfigArgv, goEnvArgv } from '../core/fixes';
import { redact, redactDeep } from '../core/redact';
import { fixAsCommand, type FixPreview } from '../core/fixRender';
import { msg, render, type Message, type MessageArg } from '../core/i18n';
import type { PlannedFix } from '../core/types';
import { FixError } from './fixError';
import { applyGoGet, assertUndoable, previewGoGet, undoFileSnapshot, type FileSnapshot } from './goGet';

export { FixError } from './fixError';
import { parseGoEnvFile } from './goTool';
import { failureText, runProcess } from './processes';
import { readFile } from 'node:fs/promises';

export interface FixContext {
  goPath: string;
  /** The environment go and git run with (the same one the diagnosis used). */
  env: Record<string, string | undefined>;
  cwd: string;
}

export type { FixChange, FixPreview } from '../core/fixRender';

export type UndoStep =
  /** previous null: the variable was not in the go env file, so undo runs `go env -u`. */
  | { kind: 'go-env'; variable: string; previous: string | null }
  | { kind: 'git-config'; action: 'add' | 'remove'; key: string; value: string }
  /** A file a fix rewrote (go get: go.mod, go.sum), byte for byte as it was. */
  | FileSnapshot;

export interface UndoRecord {
  fixId: string;
  /** The fix's title in English, redacted; `titleMessage` (redacted too) renders it in another language. */
  title: string;
  titleMessage?: Message;
  appliedAt: string;
  steps: UndoStep[];
  /** False when a previous value holds a credential: the record must then never be written to disk. */
  storable: boolean;
}

/** The fix's title as a message argument: in the user's language when it has one. */
const titleArg = (fix: PlannedFix): MessageArg => (fix.titleId ? { id: fix.titleId, args: fix.titleArgs ?? {} } : fix.title);

async function run(command: string, args: string[], context: FixContext): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const result = await runProcess({ command, args, cwd: context.cwd, env: context.env, timeoutMs: 30_000 });
  const exitCode = result.end.kind === 'exited' ? result.end.exitCode : -1;
  return { exitCode, stdout: result.stdout, stderr: exitCode === -1 ? failureText(result, command) : result.stderr };
}

async function goEnvFile(context: FixContext): Promise<string> {
  const result = await run(context.goPath, ['env', 'GOENV'], context);
  const file = result.stdout.trim();
  if (result.exitCode !== 0 || !file) throw new FixError(msg('fixError.envFile', { error: redact(result.stderr.trim()) }));
  if (file === 'off') throw new FixError(msg('fixError.goenvOff'));
  return file;
}

async function fileValue(file: string, variable: string): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return parseGoEnvFile(text)[variable] ?? null;
}

async function gitValues(key: string, context: FixContext): Promise<string[]> {
  const result = await run('git', ['config', '--global', '--get-all', key], context);
  if (result.exitCode === 1) return []; // not set
  if (result.exitCode !== 0) throw new FixError(msg('fixError.gitConfig', { error: redact(result.stderr.trim()) }));
  return result.stdout.split('\n').filter((line) => line.length > 0);
}

/** Argument lists without the program name: the caller runs the user's own go binary. */
const goEnvArgs = (variable: string, value: string | null) => goEnvArgv(variable, value).slice(1);
const gitArgs = (action: 'add' | 'remove', key: string, value: string) => gitConfigArgv(action, key, value).slice(1);

function notApplicable(fix: PlannedFix): never {
  const detail = fix.detail;
  if (detail.kind === 'command') throw new FixError(msg('fixError.isCommand', { title: titleArg(fix), command: detail.argv.join(' ') }));
  if (detail.kind === 'doc')
    throw new FixError(
      msg('fixError.isGuidance', { title: titleArg(fix), text: detail.textId ? { id: detail.textId, args: detail.textArgs ?? {} } : detail.text }),
    );
  throw new FixError(msg('fixError.cannotApply', { title: titleArg(fix) }));
}

export async function previewFix(fix: PlannedFix, context: FixContext): Promise<FixPreview> {
  const detail = fix.detail;
  if (detail.kind === 'go-get') return previewGoGet({ ...fix, detail }, context);
  if (detail.kind === 'go-env') {
    const file = await goEnvFile(context);
    const before = await fileValue(file, detail.variable);
    const shadow = context.env[detail.variable];
    const warningMessages = shadow && shadow !== detail.value ? [msg('preview.shadowed', { variable: detail.variable, value: shadow })] : [];
    return {
      fixId: fix.id,
      title: fix.title,
      fix,
      warnings: warningMessages.map((message) => render('en', message)),
      warningMessages,
      commands: [fixAsCommand(fix)],
      changes: [{ target: file, name: detail.variable, before, after: detail.value }],
      noop: before === detail.value,
    };
  }
  if (detail.kind === 'git-config') {
    const values = await gitValues(detail.key, context);
    const present = values.includes(detail.value);
    const after = detail.action === 'add' ? (present ? values : [...values, detail.value]) : values.filter((value) => value !== detail.value);
    return {
      fixId: fix.id,
      title: fix.title,
      fix,
      commands: [fixAsCommand(fix)],
      changes: [
        { target: 'git config --global', name: detail.key, before: values.length ? values.join(', ') : null, after: after.length ? after.join(', ') : null },
      ],
      warnings: [],
      noop: detail.action === 'add' ? present : !present,
    };
  }
  return notApplicable(fix);
}

/** Applies the fix (a no-op when already in effect) and returns what undoes it. */
export async function applyFix(fix: PlannedFix, context: FixContext): Promise<UndoRecord> {
  const detail = fix.detail;
  const record = (steps: UndoStep[], storable = true): UndoRecord => ({
    fixId: fix.id,
    title: redact(fix.title),
    ...(fix.titleId ? { titleMessage: redactDeep({ id: fix.titleId, args: fix.titleArgs ?? {} }) } : {}),
    appliedAt: new Date().toISOString(),
    steps,
    storable,
  });
  if (detail.kind === 'go-get') {
    const applied = await applyGoGet({ ...fix, detail }, context);
    return record(applied.steps, applied.storable);
  }
  if (detail.kind === 'go-env') {
    const file = await goEnvFile(context);
    const previous = await fileValue(file, detail.variable);
    if (previous === detail.value) return record([]);
    const result = await run(context.goPath, goEnvArgs(detail.variable, detail.value), context);
    if (result.exitCode !== 0) throw new FixError(msg('fixError.goEnv', { error: redact(result.stderr.trim()) }));
    return record([{ kind: 'go-env', variable: detail.variable, previous }], previous === null || redact(previous) === previous);
  }
  if (detail.kind === 'git-config') {
    const present = (await gitValues(detail.key, context)).includes(detail.value);
    if (present === (detail.action === 'add')) return record([]);
    await runGitStep(detail.action, detail.key, detail.value, context, 'fixError.gitConfig');
    const reverse = detail.action === 'add' ? 'remove' : 'add';
    return record([{ kind: 'git-config', action: reverse, key: detail.key, value: detail.value }]);
  }
  return notApplicable(fix);
}

/**
 * `git config --unset` leaves an empty `[url "…"]` header behind; remove the section when nothing
 * is left in it, so an undone rule leaves the file as it was.
 */
async function dropEmptySection(key: string, context: FixContext): Promise<void> {
  const section = key.slice(0, key.lastIndexOf('.'));
  const rest = await run('git', ['config', '--global', '--get-regexp', `^${section.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`], context);
  if (rest.exitCode === 1) await run('git', ['config', '--global', '--remove-section', section], context);
}

async function runGitStep(
  action: 'add' | 'remove',
  key: string,
  value: string,
  context: FixContext,
  failed: 'fixError.gitConfig' | 'fixError.undo',
): Promise<void> {
  const result = await run('git', gitArgs(action, key, value), context);
  if (result.exitCode !== 0) throw new FixError(msg(failed, { error: redact(result.stderr.trim()) }));
  if (action === 'remove') await dropEmptySection(key, context);
}

/** Restores what the fix replaced, last step first. */
export async function undoFix(record: UndoRecord, context: FixContext): Promise<void> {
  // Files first checked, all of them: an undo that would discard later edits touches nothing.
  await assertUndoable(record.steps.filter((step): step is FileSnapshot => step.kind === 'file'));
  for (const step of [...record.steps].reverse()) {
    if (step.kind === 'file') {
      await undoFileSnapshot(step);
      continue;
    }
    if (step.kind === 'git-config') {
      await runGitStep(step.action, step.key, step.value, context, 'fixError.undo');
      continue;
    }
    const result = await run(context.goPath, goEnvArgs(step.variable, step.previous), context);
    if (result.exitCode !== 0) throw new FixError(msg('fixError.undo', { error: redact(result.stderr.trim()) }));
  }
}

/** Applies several fixes as one: if one fails, the ones already applied are undone. */
export async function applyFixes(fixes: PlannedFix[], context: FixContext): Promise<UndoRecord> {
  const applied: UndoRecord[] = [];
  try {
    for (const fix of fixes) applied.push(await applyFix(fix, context));
  } catch (error) {
    for (const record of applied.reverse()) await undoFix(record, context).catch(() => undefined);
    throw error;
  }
  return {
    fixId: fixes.map((fix) => fix.id).join('+'),
    title: applied.map((record) => record.title).join('; '),
    appliedAt: new Date().toISOString(),
    steps: applied.flatMap((record) => record.steps),
    storable: applied.every((record) => record.storable),
  };
}
