// Running go (or git) from a test: asynchronously — the lab servers answer from this same Node
// process, so a synchronous spawn would deadlock — and without a shell. The outcome promise
// never rejects. spawn rather than execFile because execFile drops `detached` (its own process
// group, so a test can stop go and the git it started).

import { spawn, type ChildProcess } from 'node:child_process';

export interface ProgramResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startProgram(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; detached?: boolean },
): { child: ChildProcess; done: Promise<ProgramResult> } {
  const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<ProgramResult>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, stdout, stderr: `${stderr}${error.message}` }));
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runProgram(file: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<ProgramResult> {
  return startProgram(file, args, options).done;
}

/** One entry of `go mod download -json`. */
export interface DownloadEntry {
  Path: string;
  Version: string;
  Error?: string;
  Dir?: string;
  Sum?: string;
  GoModSum?: string;
  Origin?: { VCS?: string; URL?: string; Hash?: string; Ref?: string };
}

/** `go mod download -json` prints one indented object after another, not an array. */
export function parseDownloads(stdout: string): DownloadEntry[] {
  const text = stdout.trim();
  return text ? (JSON.parse(`[${text.replace(/}\n{/g, '},{')}]`) as DownloadEntry[]) : [];
}
