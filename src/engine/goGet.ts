// The one fix that writes the user's go.mod and go.sum: `go get module@version` in the module
// root. First it runs on copies (-modfile) to show the exact change as a diff of both files; when
// applied, it snapshots both files byte for byte, so undo restores them exactly — and refuses when
// they changed since, rather than throw away edits made after the upgrade.

import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fixAsCommand, type FixPreview } from '../core/fixRender';
import { goGetArgv } from '../core/fixes';
import { msg } from '../core/i18n';
import { FixError } from './fixError';
import { redact } from '../core/redact';
import { unifiedDiff } from '../core/textDiff';
import type { PlannedFix } from '../core/types';
import { failureText, runProcess } from './processes';
import { prepareModFile } from './runner';

type GoGetFix = PlannedFix & { detail: { kind: 'go-get' } };

export interface GoGetContext {
  goPath: string;
  env: Record<string, string | undefined>;
  /** The module root: the folder of go.mod. */
  cwd: string;
}

/** One file as it was before a fix: base64 of its bytes, null when it did not exist; `written`: the sha256 of what the fix left (null: no file). */
export interface FileSnapshot {
  kind: 'file';
  path: string;
  content: string | null;
  written: string | null;
}

/** go get may download: it has this long in all, and this long without printing anything. */
const GO_GET_TIMEOUT_MS = 300_000;
const GO_GET_INACTIVITY_MS = 120_000;

async function readBytes(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const sha256 = (bytes: Buffer | null) => (bytes === null ? null : createHash('sha256').update(bytes).digest('hex'));
const files = (cwd: string) => ({ goMod: path.join(cwd, 'go.mod'), goSum: path.join(cwd, 'go.sum') });

/** `go get module@version`, on the copy when modFile is given; GOWORK=off: the module root on its own, as the diagnosis ran it. */
async function goGet(fix: GoGetFix, context: GoGetContext, modFile: string | null): Promise<void> {
  const [, ...args] = goGetArgv(fix.detail.module, fix.detail.version);
  const result = await runProcess({
    command: context.goPath,
    args: [args[0]!, ...(modFile ? [`-modfile=${modFile}`] : []), ...args.slice(1)],
    cwd: context.cwd,
    env: { ...context.env, GOWORK: 'off' },
    timeoutMs: GO_GET_TIMEOUT_MS,
    inactivityMs: GO_GET_INACTIVITY_MS,
  });
  if (result.end.kind !== 'exited' || result.end.exitCode !== 0) throw new FixError(msg('fixError.goGet', { error: redact(failureText(result, 'go get')) }));
}

export async function previewGoGet(fix: GoGetFix, context: GoGetContext): Promise<FixPreview> {
  const { goMod, goSum } = files(context.cwd);
  const copy = await prepareModFile(context.cwd);
  try {
    await goGet(fix, context, copy.modFile);
    const text = async (file: string) => (await readBytes(file))?.toString('utf8') ?? null;
    const diffs = [
      ...unifiedDiff('go.mod', await text(goMod), await text(copy.modFile)),
      ...unifiedDiff('go.sum', await text(goSum), await text(path.join(path.dirname(copy.modFile), 'go.sum'))),
    ];
    return { fixId: fix.id, title: fix.title, commands: [fixAsCommand(fix)], changes: [], diffs, warnings: [], noop: diffs.length === 0 };
  } finally {
    await copy.dispose();
  }
}

/** Runs go get on the user's files, after taking their snapshots; on failure they are put back. */
export async function applyGoGet(fix: GoGetFix, context: GoGetContext): Promise<{ steps: FileSnapshot[]; storable: boolean }> {
  const { goMod, goSum } = files(context.cwd);
  const before = await Promise.all([goMod, goSum].map(async (file) => ({ file, bytes: await readBytes(file) })));
  try {
    await goGet(fix, context, null);
  } catch (error) {
    await Promise.all(before.map(({ file, bytes }) => restore(file, bytes)));
    throw error;
  }
  const steps: FileSnapshot[] = [];
  for (const { file, bytes } of before) {
    const after = await readBytes(file);
    if (bytes !== null && after !== null && bytes.equals(after)) continue;
    if (bytes === null && after === null) continue;
    steps.push({ kind: 'file', path: file, content: bytes?.toString('base64') ?? null, written: sha256(after) });
  }
  // A file holding what looks like a credential is kept in memory only, like any such value.
  const storable = before.every(({ bytes }) => bytes === null || redact(bytes.toString('utf8')) === bytes.toString('utf8'));
  return { steps, storable };
}

async function restore(file: string, bytes: Buffer | null): Promise<void> {
  if (bytes === null) await rm(file, { force: true });
  else await writeFile(file, bytes);
}

/** Puts the file back exactly as it was, unless it changed since the fix wrote it. */
export async function undoFileSnapshot(step: FileSnapshot): Promise<void> {
  const now = sha256(await readBytes(step.path));
  if (now !== step.written) throw new FixError(msg('fixError.changedSince.left', { file: step.path }));
  await restore(step.path, step.content === null ? null : Buffer.from(step.content, 'base64'));
}

/** Checks every snapshot can be undone before any file is touched. */
export async function assertUndoable(steps: readonly FileSnapshot[]): Promise<void> {
  for (const step of steps) {
    if (sha256(await readBytes(step.path)) !== step.written) throw new FixError(msg('fixError.changedSince.nothing', { file: step.path }));
  }
}
