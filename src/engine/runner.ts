// Runs `go mod download -x -json` and streams what it prints. Three things Go does not do for us:
// - it never gives up on a server that stops answering, so an inactivity limit ends the run (and
//   since it prints nothing while a body arrives, a body growing in the module cache counts as life);
// - cancelling `go` leaves git and ssh running, so the whole process group is killed;
// - it writes go.sum, so it runs on a copy of go.mod and go.sum (`-modfile`), leaving the user's
//   files untouched.

import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runProcess, succeeded, type ProcessEnd } from './processes';

export interface RunOptions {
  goPath: string;
  /** The module root: the folder of the go.mod. */
  cwd: string;
  /** The environment go runs with (already including go.toolsEnvVars); processes.ts adds the hardening. */
  env: Record<string, string | undefined>;
  /** Stop when neither stderr nor stdout printed anything (nor `watchActivity` saw a sign of life) for this long. */
  inactivitySeconds: number;
  /** Signs of life go does not print: a body growing in the module cache (see downloadProgress.ts). */
  watchActivity?: (alive: () => void) => () => void;
  signal?: AbortSignal;
  /** Extra arguments after `go mod download -x -json` (module@version queries). */
  args?: string[];
  /** Run on a copy of go.mod/go.sum so Go cannot modify them. Off for go.work roots. */
  protectGoSum?: boolean;
  /** Paths go prints that stand for the user's files (a temporary copy → the file it copies). */
  shownAs?: [string, string][];
  /** After a download that succeeded, also ask `go mod graph` (on the same copy, offline): which modules the graph holds. */
  graph?: boolean;
  onStderr: (chunk: string) => void;
  onStdout: (chunk: string) => void;
  /** The pid of `go`, which leads its own process group (for tests and the UI's process counts). */
  onSpawn?: (pid: number) => void;
}

export type RunEnd =
  | { kind: 'exited'; exitCode: number }
  | { kind: 'stalled'; idleSeconds: number }
  | { kind: 'cancelled' }
  | { kind: 'spawn-failed'; error: string; code: string | null }
  /** The copy of go.mod/go.sum could not be made, so go did not run (it would have written the user's files). */
  | { kind: 'no-copy'; error: string };

export interface RunOutcome {
  end: RunEnd;
  durationSeconds: number;
  /** `go mod graph`'s output, when asked for and the download and the graph both succeeded. */
  graph?: string | null;
}

/**
 * The copy of go.mod (and go.sum) go runs on. Throws when it cannot be made: then go must not run
 * at all, or it would write the user's own go.mod and go.sum.
 */
export async function prepareModFile(cwd: string): Promise<{ modFile: string; goSum: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'go-dep-health-'));
  try {
    const modFile = path.join(dir, 'go.mod');
    await copyFile(path.join(cwd, 'go.mod'), modFile);
    await copyFile(path.join(cwd, 'go.sum'), path.join(dir, 'go.sum')).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // no go.sum yet is fine; one we cannot copy is not
    });
    return { modFile, goSum: path.join(dir, 'go.sum'), dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Downloads the given `path@version`s one by one's worth, in a throwaway module that has the user's
 * go.sum: used when the real run stopped at the first module-graph error, so every module is
 * still checked on its own (and verified against the user's go.sum, not only the checksum database).
 */
export async function runInProbeModule(
  options: Omit<RunOptions, 'cwd' | 'args' | 'protectGoSum'> & { goSumFrom: string | null; modules: string[] },
): Promise<RunOutcome> {
  const dir = await mkdtemp(path.join(tmpdir(), 'go-dep-health-probe-'));
  try {
    await writeFile(path.join(dir, 'go.mod'), 'module go-dep-health.invalid/probe\n');
    if (options.goSumFrom) await copyFile(options.goSumFrom, path.join(dir, 'go.sum')).catch(() => undefined);
    const shownAs: [string, string][] = options.goSumFrom ? [[path.join(dir, 'go.sum'), options.goSumFrom]] : [];
    return await runGoModDownload({ ...options, cwd: dir, args: options.modules, protectGoSum: false, shownAs });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runGoModDownload(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  if (options.signal?.aborted) return { end: { kind: 'cancelled' }, durationSeconds: 0 };
  let modFile: Awaited<ReturnType<typeof prepareModFile>> | null = null;
  if (options.protectGoSum !== false) {
    try {
      modFile = await prepareModFile(options.cwd);
    } catch (error) {
      return { end: { kind: 'no-copy', error: error instanceof Error ? error.message : String(error) }, durationSeconds: seconds() };
    }
  }
  const args = ['mod', 'download', '-x', '-json', ...(modFile ? [`-modfile=${modFile.modFile}`] : []), ...(options.args ?? [])];
  // The temporary go.mod and go.sum paths would confuse the user: show theirs.
  const aliases: [string, string][] = [
    ...(options.shownAs ?? []),
    ...(modFile
      ? ([
          [modFile.modFile, path.join(options.cwd, 'go.mod')],
          [modFile.goSum, path.join(options.cwd, 'go.sum')],
        ] as [string, string][])
      : []),
  ];
  const unmask = (chunk: string) => aliases.reduce((text, [from, to]) => text.split(from).join(to), chunk);
  try {
    const result = await runProcess({
      command: options.goPath,
      args,
      cwd: options.cwd,
      env: options.env,
      inactivityMs: options.inactivitySeconds * 1000,
      watchActivity: options.watchActivity,
      signal: options.signal,
      onSpawn: options.onSpawn,
      onStderr: (chunk) => options.onStderr(unmask(chunk)),
      onStdout: (chunk) => options.onStdout(unmask(chunk)),
    });
    const end = runEnd(result.end);
    const downloaded = end.kind === 'exited' && end.exitCode === 0;
    const graph = options.graph && downloaded ? await moduleGraph(options, modFile?.modFile ?? null) : undefined;
    return { end, durationSeconds: seconds(), ...(graph === undefined ? {} : { graph }) };
  } finally {
    await modFile?.dispose();
  }
}

/**
 * `go mod graph` right after a download that succeeded: every go.mod it needs is in the module cache
 * then, so it runs with GOPROXY=off — it never reaches the network, so it can never hang on it.
 * Null when it fails (a GOFLAGS it refuses, a go.sum it wants completed): the trace is all there is then.
 */
async function moduleGraph(options: RunOptions, modFile: string | null): Promise<string | null> {
  // Streamed, not collected: a large graph (tens of thousands of edges) passes the collection cap.
  const chunks: string[] = [];
  let length = 0;
  const result = await runProcess({
    command: options.goPath,
    args: ['mod', 'graph', ...(modFile ? [`-modfile=${modFile}`] : [])],
    cwd: options.cwd,
    env: { ...options.env, GOPROXY: 'off' },
    timeoutMs: Math.max(options.inactivitySeconds, 10) * 1000,
    signal: options.signal,
    onStdout: (chunk) => {
      length += chunk.length;
      if (length <= MAX_GRAPH_CHARS) chunks.push(chunk);
    },
  });
  return succeeded(result) && length <= MAX_GRAPH_CHARS ? chunks.join('') : null;
}

/** Far beyond any real graph (kubernetes' is about 1 MB); past it the graph is not used. */
const MAX_GRAPH_CHARS = 64_000_000;

function runEnd(end: ProcessEnd): RunEnd {
  // No overall limit is set for go: only the inactivity limit ends a run that is still working.
  return end.kind === 'timeout' ? { kind: 'stalled', idleSeconds: end.seconds } : end;
}
