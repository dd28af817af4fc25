// The one way this tool starts a process: every `go` and `git` it runs goes through runProcess.
// What runs, with what, and how it dies, in one place:
//   - an argument array, never a shell string;
//   - exactly the environment given (nothing inherited behind the caller's back), plus Go's own git
//     hardening, made explicit so it also holds when the user's environment would weaken it;
//   - stdin closed, and its own process group (a session of its own: no terminal, so ssh cannot
//     prompt), so one kill reaches the git, ssh and git-remote-https it starts;
//   - an overall time limit, an inactivity limit (no output, and no other sign of life the caller
//     watches, for so long), and cancellation, each
//     ending in a kill of the whole group; and the group is killed when the process exits too, so
//     nothing it started outlives it.
import { closeSync, openSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

export interface ProcessOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  /** The complete environment (already with go.toolsEnvVars); hardening is added on top. */
  env: Record<string, string | undefined>;
  /** Kill the group and end with `timeout` after this long. */
  timeoutMs?: number;
  /** Kill the group and end with `stalled` when neither stdout nor stderr printed for this long. */
  inactivityMs?: number;
  /**
   * Signs of life other than output (a download growing on disk while go prints nothing): called
   * once the process runs with a function that counts as activity for the inactivity limit; returns
   * a function that stops watching.
   */
  watchActivity?: (alive: () => void) => () => void;
  signal?: AbortSignal;
  /**
   * stderr goes straight into this file (created anew) instead of a pipe, and reaches onStderr or
   * the result in one piece when the process ends; its growth counts as activity. For a chatty
   * stderr nobody reads live (`go list -x`): thousands of pipe writes, each waking this process,
   * cost go about a tenth of its time on two cores, and a file costs it nothing.
   */
  stderrFile?: string;
  /** Streamed output. Without a callback, that stream's text is collected into the result instead. */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** The pid, which leads the process group. */
  onSpawn?: (pid: number) => void;
}

export type ProcessEnd =
  | { kind: 'exited'; exitCode: number }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'stalled'; idleSeconds: number }
  | { kind: 'cancelled' }
  | { kind: 'spawn-failed'; error: string; code: string | null };

export interface ProcessResult {
  end: ProcessEnd;
  /** Collected output (empty for a stream that has a callback), at most MAX_COLLECTED characters each. */
  stdout: string;
  stderr: string;
  durationSeconds: number;
}

/** Output kept per stream when it is collected rather than streamed: `go env -json` and git's answers are small. */
export const MAX_COLLECTED = 1_000_000;

/**
 * Go's git hardening (modload/init.go): no terminal prompts, no credential-manager windows, and ssh
 * in batch mode unless the user chose their own ssh command (then theirs is kept: they may need it).
 */
export function hardenedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  out.GIT_TERMINAL_PROMPT = '0';
  out.GCM_INTERACTIVE = 'never';
  if (!out.GIT_SSH && !out.GIT_SSH_COMMAND) out.GIT_SSH_COMMAND = 'ssh -o ControlMaster=no -o BatchMode=yes';
  return out;
}

/** Kills the process group led by pid. */
export function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

export async function runProcess(options: ProcessOptions): Promise<ProcessResult> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  if (options.signal?.aborted) return { end: { kind: 'cancelled' }, stdout: '', stderr: '', durationSeconds: 0 };
  const { execa } = await import('execa');
  // The child gets the file descriptor itself: nothing of its stderr passes through this process.
  let stderrFd = options.stderrFile === undefined ? undefined : openSync(options.stderrFile, 'w');
  const closeStderrFile = () => {
    if (stderrFd !== undefined) closeSync(stderrFd);
    stderrFd = undefined;
  };
  const child = execa(options.command, [...options.args], {
    cwd: options.cwd,
    env: hardenedEnv(options.env),
    extendEnv: false,
    detached: true,
    stdin: 'ignore',
    // A lone file descriptor goes to spawn() as it is; execa's types name only descriptors 1–9.
    ...(stderrFd === undefined ? {} : { stderr: stderrFd as 3 }),
    buffer: false,
    reject: false,
  });
  // The child has its own copy once spawned (or never will).
  child.once('spawn', closeStderrFile);
  child.once('error', closeStderrFile);
  if (child.pid !== undefined) options.onSpawn?.(child.pid);

  let end: ProcessEnd | null = null;
  const stop = (reason: ProcessEnd) => {
    end ??= reason;
    killProcessGroup(child.pid);
  };
  const collected = { stdout: '', stderr: '' };
  const collect = (stream: 'stdout' | 'stderr', chunk: string) => {
    if (collected[stream].length < MAX_COLLECTED) collected[stream] += chunk.slice(0, MAX_COLLECTED - collected[stream].length);
  };
  let idle: NodeJS.Timeout | undefined;
  const armInactivity = () => {
    if (options.inactivityMs === undefined) return;
    clearTimeout(idle);
    idle = setTimeout(() => stop({ kind: 'stalled', idleSeconds: options.inactivityMs! / 1000 }), options.inactivityMs);
  };
  const overall =
    options.timeoutMs === undefined ? undefined : setTimeout(() => stop({ kind: 'timeout', seconds: options.timeoutMs! / 1000 }), options.timeoutMs);
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    armInactivity();
    if (options.onStdout) options.onStdout(chunk);
    else collect('stdout', chunk);
  });
  child.stderr?.on('data', (chunk: string) => {
    armInactivity();
    if (options.onStderr) options.onStderr(chunk);
    else collect('stderr', chunk);
  });
  const onAbort = () => stop({ kind: 'cancelled' });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  armInactivity();
  const alive = () => {
    if (end === null) armInactivity();
  };
  const stopWatching = options.watchActivity?.(alive);
  const stopWatchingFile =
    options.stderrFile !== undefined && options.inactivityMs !== undefined ? watchGrowth(options.stderrFile, options.inactivityMs, alive) : undefined;
  try {
    const result = await child;
    // No exit code and no signal: it never started (not found, not executable, a bad cwd).
    const neverStarted = result.exitCode === undefined && result.signal === undefined;
    const finished: ProcessEnd =
      end ??
      (neverStarted
        ? { kind: 'spawn-failed', error: result.shortMessage ?? String(result.message), code: (result as { code?: string }).code ?? null }
        : { kind: 'exited', exitCode: result.exitCode ?? 1 });
    if (options.stderrFile !== undefined) {
      const text = await readFile(options.stderrFile, 'utf8').catch(() => '');
      if (options.onStderr) options.onStderr(text);
      else collect('stderr', text);
    }
    return { end: finished, stdout: collected.stdout, stderr: collected.stderr, durationSeconds: seconds() };
  } finally {
    closeStderrFile();
    stopWatchingFile?.();
    stopWatching?.();
    clearTimeout(idle);
    clearTimeout(overall);
    options.signal?.removeEventListener('abort', onAbort);
    // The process may exit while a git or ssh it started lingers: nothing outlives the run.
    killProcessGroup(child.pid);
  }
}

/** Calls `grew` whenever the file has grown, looking a few times per inactivity limit; returns a function that stops looking. */
function watchGrowth(file: string, inactivityMs: number, grew: () => void): () => void {
  let size = 0;
  const timer = setInterval(
    () => {
      stat(file).then(
        (stats) => {
          if (stats.size > size) grew();
          size = Math.max(size, stats.size);
        },
        () => undefined,
      );
    },
    Math.max(50, Math.min(1000, inactivityMs / 4)),
  );
  return () => clearInterval(timer);
}

/** One line for a failed run, for error messages: what the tool said, else how it ended. */
export function failureText(result: ProcessResult, what: string): string {
  const said = result.stderr.trim();
  if (said) return said;
  switch (result.end.kind) {
    case 'exited':
      return `${what} exited with status ${result.end.exitCode}`;
    case 'timeout':
      return `${what} did not finish within ${result.end.seconds} s`;
    case 'stalled':
      return `${what} printed nothing for ${result.end.idleSeconds} s`;
    case 'cancelled':
      return `${what} was cancelled`;
    case 'spawn-failed':
      return `${what} could not be started: ${result.end.error}`;
  }
}

/** Exited with status 0. */
export function succeeded(result: ProcessResult): boolean {
  return result.end.kind === 'exited' && result.end.exitCode === 0;
}
