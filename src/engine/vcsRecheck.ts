// "no secure protocol found for repository" hides why git failed: for `host/path.git` modules
// Go probes each scheme with `git ls-remote <url>` and keeps none of git's messages (they show
// only with -v, which `go mod download` lacks). Re-running the first probe, exactly as Go ran it
// and with Go's git hardening, recovers the real cause (credentials, host key, missing repo).

import type { ModuleState } from '../core/moduleState';
import { definedOnly } from './goTool';
import { hardenedEnv } from './runner';

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

/**
 * Runs `git ls-remote <url>` again and appends git's own words to the module's error, indented
 * like Go's RunError, so the classifier sees what git said. Best effort: a failure to re-run
 * leaves the error as it was.
 */
export async function recheckHiddenGitError(module: ModuleState, options: { env: Record<string, string | undefined>; cwd: string; timeoutSeconds: number; signal?: AbortSignal }): Promise<void> {
  const url = probeToRecheck(module);
  if (!url || !module.error) return;
  const { execa } = await import('execa');
  const result = await execa('git', ['ls-remote', url], {
    cwd: options.cwd,
    env: definedOnly(hardenedEnv(options.env)),
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutSeconds * 1000,
    cancelSignal: options.signal,
  });
  if (result.exitCode === 0 || result.exitCode === undefined) return;
  const stderr = String(result.stderr)
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim().length > 0)
    .slice(0, MAX_STDERR_LINES);
  if (stderr.length === 0) return;
  module.error = `${module.error}\n\tgit ls-remote ${url} (run again to see why): exit status ${result.exitCode}:\n${stderr.map((line) => `\t\t${line}`).join('\n')}`;
}
