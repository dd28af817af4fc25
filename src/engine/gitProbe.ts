// `git ls-remote` for modules fetched `direct`: does the repository answer, and if not, what does
// git say? Run with Go's git hardening, in its own process group so a timeout also ends the ssh
// or git-remote-https it started.

import { tmpdir } from 'node:os';
import type { GitRemoteProbe } from '../core/probeReport';
import { redact } from '../core/redact';
import { hardenedEnv, killProcessGroup } from './runner';


export interface GitRemoteProbeOptions {
  gitPath?: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  signal?: AbortSignal;
}

const GIT_STDERR_LINES = 5;

export async function probeGitRemote(repoUrl: string, options: GitRemoteProbeOptions): Promise<GitRemoteProbe> {
  const started = performance.now();
  const command = redact(`git ls-remote -q ${repoUrl}`);
  const base = { url: redact(repoUrl), command };
  // A "URL" starting with '-' would be read as an option.
  if (repoUrl.startsWith('-')) return { ...base, outcome: 'spawn-failed', exitCode: null, seconds: 0, stderr: ['not a repository URL'], ok: false };
  const { execa } = await import('execa');
  // Like Go, in a directory of its own so no repository's local config applies; its own process
  // group so a timeout also ends the ssh or git-remote-https it started.
  const child = execa(options.gitPath ?? 'git', ['ls-remote', '-q', repoUrl], { cwd: tmpdir(), env: hardenedEnv(options.env), extendEnv: false, detached: true, stdin: 'ignore', stdout: 'ignore', reject: false });
  let outcome: 'timeout' | 'cancelled' | null = null;
  const stop = (why: 'timeout' | 'cancelled') => {
    outcome ??= why;
    killProcessGroup(child.pid);
  };
  const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
  const cancel = () => stop('cancelled');
  if (options.signal?.aborted) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const result = await child;
    const stderr = firstLines(typeof result.stderr === 'string' ? result.stderr : '');
    const seconds = Math.round(performance.now() - started) / 1000;
    if (outcome !== null) return { ...base, outcome, exitCode: null, seconds, stderr, ok: false };
    if (result.exitCode === undefined) return { ...base, outcome: 'spawn-failed', exitCode: null, seconds, stderr: stderr.length ? stderr : [redact(result.shortMessage ?? 'git could not be started')], ok: false };
    return { ...base, outcome: 'exited', exitCode: result.exitCode, seconds, stderr, ok: result.exitCode === 0 };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
    killProcessGroup(child.pid);
  }
}

function firstLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, GIT_STDERR_LINES)
    .map(redact);
}
