// `git ls-remote` for modules fetched `direct`: does the repository answer, and if not, what does
// git say? Run like every process (processes.ts): Go's git hardening, its own process group, so a
// timeout also ends the ssh or git-remote-https it started.

import { tmpdir } from 'node:os';
import type { GitRemoteProbe } from '../core/probeReport';
import { redact } from '../core/redact';
import { runProcess } from './processes';

export interface GitRemoteProbeOptions {
  gitPath?: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  signal?: AbortSignal;
}

const GIT_STDERR_LINES = 5;

export async function probeGitRemote(repoUrl: string, options: GitRemoteProbeOptions): Promise<GitRemoteProbe> {
  const command = redact(`git ls-remote -q ${repoUrl}`);
  const base = { url: redact(repoUrl), command };
  // A "URL" starting with '-' would be read as an option.
  if (repoUrl.startsWith('-')) return { ...base, outcome: 'spawn-failed', exitCode: null, seconds: 0, stderr: ['not a repository URL'], ok: false };
  // Like Go, in a directory of its own so no repository's local config applies.
  const result = await runProcess({
    command: options.gitPath ?? 'git',
    args: ['ls-remote', '-q', repoUrl],
    cwd: tmpdir(),
    env: options.env,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onStdout: () => undefined,
  });
  const stderr = firstLines(result.stderr);
  const seconds = Math.round(result.durationSeconds * 1000) / 1000;
  switch (result.end.kind) {
    case 'exited':
      return { ...base, outcome: 'exited', exitCode: result.end.exitCode, seconds, stderr, ok: result.end.exitCode === 0 };
    case 'timeout':
    case 'stalled':
      return { ...base, outcome: 'timeout', exitCode: null, seconds, stderr, ok: false };
    case 'cancelled':
      return { ...base, outcome: 'cancelled', exitCode: null, seconds, stderr, ok: false };
    case 'spawn-failed':
      return { ...base, outcome: 'spawn-failed', exitCode: null, seconds, stderr: stderr.length ? stderr : [redact(result.end.error)], ok: false };
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
