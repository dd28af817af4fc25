// Finding `go` the way the Go extension does, and asking it about its environment.

import { access, constants, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { GO_ENV_VARIABLES, parseGoEnvJson, type GoEnv } from '../core/goenv';
import { failureText, runProcess, succeeded } from './processes';

const GO_ENV_TIMEOUT_MS = 30_000;

/** The tool's health, as one union the callers branch on once. */
export type GoTool =
  { kind: 'found'; path: string; version: string } | { kind: 'not-found'; searched: string[] } | { kind: 'failed'; path: string; error: string };

export interface FindGoOptions {
  /** `go.alternateTools.go`: a path or a command name. */
  alternateTool?: string | undefined;
  /** `go.goroot`: use <goroot>/bin/go. */
  goroot?: string | undefined;
  env: Record<string, string | undefined>;
}

const EXE = process.platform === 'win32' ? '.exe' : '';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function lookPath(name: string, pathEnv: string | undefined): Promise<string | null> {
  if (name.includes('/') || name.includes('\\')) return (await isExecutable(name)) ? name : null;
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name + EXE);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

/** Candidates in the Go extension's order: go.alternateTools, go.goroot, GOROOT, then PATH. */
export async function findGo(options: FindGoOptions): Promise<GoTool> {
  const searched: string[] = [];
  const candidates: { name: string; pathEnv: string | undefined }[] = [];
  if (options.alternateTool) candidates.push({ name: options.alternateTool, pathEnv: options.env.PATH });
  if (options.goroot) candidates.push({ name: path.join(options.goroot, 'bin', 'go' + EXE), pathEnv: undefined });
  candidates.push({ name: 'go', pathEnv: options.env.PATH });
  for (const candidate of candidates) {
    searched.push(candidate.name.includes(path.sep) ? candidate.name : `${candidate.name} on PATH`);
    const found = await lookPath(candidate.name, candidate.pathEnv);
    if (found) return probeVersion(found, options.env);
  }
  return { kind: 'not-found', searched };
}

async function probeVersion(goPath: string, env: Record<string, string | undefined>): Promise<GoTool> {
  // In go's own folder: no go.mod there, so no toolchain switch, and the folder exists.
  const result = await runProcess({ command: goPath, args: ['env', 'GOVERSION'], cwd: path.dirname(goPath), env, timeoutMs: GO_ENV_TIMEOUT_MS });
  const version = result.stdout.trim();
  if (!succeeded(result) || !/^go\d/.test(version)) return { kind: 'failed', path: goPath, error: failureText(result, 'go env GOVERSION') };
  return { kind: 'found', path: goPath, version };
}

/** `go env -json` in the module root: the effective environment, as Go itself resolves it. */
export async function readGoEnv(goPath: string, cwd: string, env: Record<string, string | undefined>): Promise<{ env: GoEnv } | { error: string }> {
  const result = await runProcess({ command: goPath, args: ['env', '-json', ...GO_ENV_VARIABLES], cwd, env, timeoutMs: GO_ENV_TIMEOUT_MS });
  if (!succeeded(result)) return { error: failureText(result, 'go env -json') };
  return parseGoEnvJson(result.stdout);
}

/** The `go env -w` file as KEY=VALUE pairs (Go's own reading rules: no quoting, A-Z first). */
export async function readGoEnvFile(file: string | undefined): Promise<Record<string, string>> {
  if (!file || file === 'off') return {};
  const text = await readFile(file, 'utf8').catch(() => '');
  return parseGoEnvFile(text);
}

/**
 * Where go keeps `go env -w` values when GOENV is not set: os.UserConfigDir()/go/env. Needed when
 * `go env` itself fails and cannot say.
 */
export function defaultGoEnvFile(env: Record<string, string | undefined>): string | undefined {
  if (env.GOENV) return env.GOENV;
  const home = env.HOME ?? env.USERPROFILE;
  if (process.platform === 'win32') return env.APPDATA ? path.join(env.APPDATA, 'go', 'env') : undefined;
  if (process.platform === 'darwin') return home ? path.join(home, 'Library', 'Application Support', 'go', 'env') : undefined;
  const config = env.XDG_CONFIG_HOME || (home ? path.join(home, '.config') : undefined);
  return config ? path.join(config, 'go', 'env') : undefined;
}

export function parseGoEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const equals = line.indexOf('=');
    if (!/^[A-Z]/.test(line) || equals < 0) continue;
    values[line.slice(0, equals)] = line.slice(equals + 1).replace(/\r$/, '');
  }
  return values;
}

/** `url.<base>.insteadOf` rules from the global git config; empty when git is missing. */
export async function readInsteadOfRules(env: Record<string, string | undefined>, cwd: string): Promise<{ key: string; value: string }[]> {
  // Exit status 1 means "no such rule"; git missing or failing leaves nothing to explain a rewrite with.
  const result = await runProcess({ command: 'git', args: ['config', '--get-regexp', '^url\\..*\\.insteadof$'], cwd, env, timeoutMs: 10_000 });
  if (!succeeded(result)) return [];
  return result.stdout
    .split('\n')
    .map((line) => /^(\S+) (.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ key: match[1]!, value: match[2]! }));
}
