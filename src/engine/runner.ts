// Runs `go mod download -x -json` and streams what it prints. Three things Go does not do for us:
// - it never gives up on a server that stops answering, so an inactivity limit ends the run;
// - cancelling `go` leaves git and ssh running, so the whole process group is killed;
// - it writes go.sum, so it runs on a copy of go.mod and go.sum (`-modfile`), leaving the user's
//   files untouched.

import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface RunOptions {
  goPath: string;
  /** The module root: the folder of the go.mod. */
  cwd: string;
  /** The environment go runs with (already including go.toolsEnvVars); hardening is added on top. */
  env: Record<string, string | undefined>;
  /** Stop when neither stderr nor stdout printed anything for this long. */
  inactivitySeconds: number;
  signal?: AbortSignal;
  /** Extra arguments after `go mod download -x -json` (module@version queries). */
  args?: string[];
  /** Run on a copy of go.mod/go.sum so Go cannot modify them. Off for go.work roots. */
  protectGoSum?: boolean;
  onStderr(chunk: string): void;
  onStdout(chunk: string): void;
  /** The pid of `go`, which leads its own process group (for tests and the UI's process counts). */
  onSpawn?(pid: number): void;
}

export type RunEnd =
  | { kind: 'exited'; exitCode: number }
  | { kind: 'stalled'; idleSeconds: number }
  | { kind: 'cancelled' }
  | { kind: 'spawn-failed'; error: string; code: string | null };

export interface RunOutcome {
  end: RunEnd;
  durationSeconds: number;
}

/**
 * Go's own git hardening (modload/init.go), made explicit so it also holds when the user's
 * environment would weaken it: no terminal prompts, no credential-manager windows, and ssh in
 * batch mode unless the user chose their own ssh command (then we keep theirs: they may need it).
 */
export function hardenedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  out.GIT_TERMINAL_PROMPT = '0';
  out.GCM_INTERACTIVE = 'never';
  if (!out.GIT_SSH && !out.GIT_SSH_COMMAND) out.GIT_SSH_COMMAND = 'ssh -o ControlMaster=no -o BatchMode=yes';
  return out;
}

async function prepareModFile(cwd: string): Promise<{ modFile: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'go-dep-health-'));
  const modFile = path.join(dir, 'go.mod');
  await copyFile(path.join(cwd, 'go.mod'), modFile);
  await copyFile(path.join(cwd, 'go.sum'), path.join(dir, 'go.sum')).catch(() => undefined);
  return { modFile, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Kills the process group led by pid (go, and the git and ssh it started). */
export function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Downloads the given `path@version`s one by one's worth, in a throwaway module that has the user's
 * go.sum: used when the real run stopped at the first module-graph error, so every module is
 * still checked on its own (and verified against the user's go.sum, not only the checksum database).
 */
export async function runInProbeModule(options: Omit<RunOptions, 'cwd' | 'args' | 'protectGoSum'> & { goSumFrom: string | null; modules: string[] }): Promise<RunOutcome> {
  const dir = await mkdtemp(path.join(tmpdir(), 'go-dep-health-probe-'));
  try {
    await writeFile(path.join(dir, 'go.mod'), 'module go-dep-health.invalid/probe\n');
    if (options.goSumFrom) await copyFile(options.goSumFrom, path.join(dir, 'go.sum')).catch(() => undefined);
    return await runGoModDownload({ ...options, cwd: dir, args: options.modules, protectGoSum: false });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runGoModDownload(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  if (options.signal?.aborted) return { end: { kind: 'cancelled' }, durationSeconds: 0 };
  const protect = options.protectGoSum !== false;
  const modFile = protect ? await prepareModFile(options.cwd).catch(() => null) : null;
  const args = ['mod', 'download', '-x', '-json', ...(modFile ? [`-modfile=${modFile.modFile}`] : []), ...(options.args ?? [])];
  try {
    const end = await spawnAndWatch(options, args, modFile?.modFile ?? null);
    return { end, durationSeconds: seconds() };
  } finally {
    await modFile?.dispose();
  }
}

async function spawnAndWatch(options: RunOptions, args: string[], modFile: string | null): Promise<RunEnd> {
  const { execa } = await import('execa');
  const child = execa(options.goPath, args, {
    cwd: options.cwd,
    env: hardenedEnv(options.env),
    extendEnv: false,
    // Its own process group, so one kill reaches git and ssh too.
    detached: true,
    stdin: 'ignore',
    buffer: false,
    reject: false,
  });
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  let end: RunEnd | null = null;
  const stop = (reason: RunEnd) => {
    if (end) return;
    end = reason;
    killProcessGroup(child.pid);
  };
  let timer: NodeJS.Timeout | undefined;
  const armTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stop({ kind: 'stalled', idleSeconds: options.inactivitySeconds }), options.inactivitySeconds * 1000);
  };
  // The temporary go.mod path would confuse the user: show theirs.
  const realModFile = path.join(options.cwd, 'go.mod');
  const unmask = (chunk: string) => (modFile ? chunk.split(modFile).join(realModFile) : chunk);
  child.stderr?.setEncoding('utf8');
  child.stdout?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    armTimer();
    options.onStderr(unmask(chunk));
  });
  child.stdout?.on('data', (chunk: string) => {
    armTimer();
    options.onStdout(unmask(chunk));
  });
  const onAbort = () => stop({ kind: 'cancelled' });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  armTimer();
  try {
    const result = await child;
    if (end) return end;
    if (result.failed && result.exitCode === undefined) {
      const code = (result as { code?: string }).code ?? null;
      return { kind: 'spawn-failed', error: result.shortMessage ?? String(result.message), code };
    }
    return { kind: 'exited', exitCode: result.exitCode ?? 1 };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // go may exit while a git it started lingers; make sure nothing outlives the run.
    killProcessGroup(child.pid);
  }
}
