// "no secure protocol found for repository" hides why git failed: for `host/path.git` modules
// Go probes each scheme with `git ls-remote <url>` and keeps none of git's messages (they show
// only with -v, which `go mod download` lacks). Re-running the first probe, exactly as Go ran it
// and with Go's git hardening, recovers the real cause (credentials, host key, missing repo).
//
// Like go's own git, the probe runs in a session of its own (no terminal: ssh cannot prompt) and
// its whole process group is stopped at the time limit (processes.ts). The URL git really contacts (after the
// user's `insteadOf` rules) is noted too: the host key or credentials that are missing are that
// host's, not the module path's.

import type { ModuleState } from '../core/moduleState';
import { runProcess } from './processes';

const NO_SECURE_PROTOCOL = /no (?:secure )?protocol found for repository/;
const PING = /^git ls-remote (\S+)$/;
const MAX_STDERR_LINES = 8;

/** The first scheme probe Go ran for this module, when its error hides git's message. */
export function probeToRecheck(module: ModuleState): string | null {
  if (!module.error || !NO_SECURE_PROTOCOL.test(module.error)) return null;
  for (const command of module.commands) {
    const url = PING.exec(command.command)?.[1];
    if (url) return url;
  }
  return null;
}

const GIT_MISSING = 'exec: "git": executable file not found in $PATH';

interface RecheckOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  timeoutSeconds: number;
  signal?: AbortSignal;
}

interface GitResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** git could not be started: not installed, or not on PATH. */
  missing: boolean;
}

async function runGit(args: string[], options: RecheckOptions): Promise<GitResult> {
  const result = await runProcess({
    command: 'git',
    args,
    cwd: options.cwd,
    env: options.env,
    timeoutMs: options.timeoutSeconds * 1000,
    signal: options.signal,
  });
  const exitCode = result.end.kind === 'exited' ? result.end.exitCode : undefined;
  return { exitCode, stdout: result.stdout, stderr: result.stderr, missing: result.end.kind === 'spawn-failed' && result.end.code === 'ENOENT' };
}

/**
 * Runs `git ls-remote <url>` again and appends git's own words to the module's error, indented
 * like Go's RunError, so the classifier sees what git said. Best effort: a failure to re-run
 * leaves the error as it was.
 */
export async function recheckHiddenGitError(module: ModuleState, options: RecheckOptions): Promise<void> {
  if (!module.error || !NO_SECURE_PROTOCOL.test(module.error)) return;
  const url = probeToRecheck(module);
  if (!url) {
    // No probe ran at all: Go could not start git (it says so apart, without naming the module).
    if ((await runGit(['--version'], options)).missing) module.error = `${module.error}\n\tgit (run again to see why): ${GIT_MISSING}`;
    return;
  }
  const result = await runGit(['ls-remote', url], options);
  if (result.missing) {
    module.error = `${module.error}\n\tgit ls-remote ${url} (run again to see why): ${GIT_MISSING}`;
    return;
  }
  if (result.exitCode === 0 || result.exitCode === undefined) return;
  const stderr = result.stderr
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim().length > 0)
    .slice(0, MAX_STDERR_LINES);
  if (stderr.length === 0) return;
  const rewritten = await effectiveUrl(url, options);
  const via = rewritten && rewritten !== url ? `; git connects to ${rewritten}` : '';
  module.error = `${module.error}\n\tgit ls-remote ${url} (run again to see why${via}): exit status ${result.exitCode}:\n${stderr.map((line) => `\t\t${line}`).join('\n')}`;
}

/** The URL git uses for url after the user's insteadOf rules (`git ls-remote --get-url`); null when unknown. */
async function effectiveUrl(url: string, options: RecheckOptions): Promise<string | null> {
  const result = await runGit(['ls-remote', '--get-url', url], { ...options, timeoutSeconds: Math.min(options.timeoutSeconds, 10) });
  const printed = result.stdout.trim();
  return result.exitCode === 0 && printed && !printed.includes('\n') ? printed : null;
}

const OTHER_VCS = /^(?:cd \S+; )?(svn|hg|bzr|fossil) /;

/**
 * Subversion's absence hides behind "unknown revision": go ran `svn log …` (its -x trace shows the
 * command) and read the failure to start it as a missing revision. When the tool a module's
 * commands name cannot be started, say so in go's own words, so the class is vcs-missing.
 */
export async function recheckMissingTool(module: ModuleState, options: RecheckOptions): Promise<void> {
  if (!module.error || !/unknown revision/.test(module.error)) return;
  const tool = module.commands.map((command) => OTHER_VCS.exec(command.command)?.[1]).find((name) => name !== undefined);
  if (!tool) return;
  const result = await runProcess({ command: tool, args: ['--version'], cwd: options.cwd, env: options.env, timeoutMs: 10_000, signal: options.signal });
  if (result.end.kind === 'spawn-failed' && result.end.code === 'ENOENT') {
    module.error = `${module.error}\n\t${tool} (run again to see why): exec: "${tool}": executable file not found in $PATH`;
  }
}
