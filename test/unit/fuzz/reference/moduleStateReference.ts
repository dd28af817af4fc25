// DownloadState as it was before it was indexed and bounded (linear scans over every module per git
// command and per version-less request; every request kept): the oracle the fuzz tests compare the
// indexed state with, on inputs below the new per-module record caps. Not used by the extension.

import { decodeProxyUrl } from '../../../../src/core/proxyUrls';
import type { DownloadResult } from '../../../../src/core/jsonStream';
import type { DownloadStateOptions, InFlight, ModuleState, OtherRequest } from '../../../../src/core/moduleState';
import type { TraceEvent } from '../../../../src/core/trace';
import type { CommandRecord, RequestRecord } from '../../../../src/core/types';

const MAX_UNKNOWN_LINES = 50;
const MAX_GO_ERRORS = 500;

export class ReferenceDownloadState {
  private readonly byKey = new Map<string, ModuleState>();
  private readonly repoByDir = new Map<string, string>();
  private readonly openRequests = new Map<string, { record: RequestRecord; module: ModuleState | null; startedAt: number }[]>();
  private readonly openCommands = new Map<string, { record: CommandRecord; module: ModuleState | null; startedAt: number }[]>();
  private readonly now: () => number;
  readonly otherRequests: OtherRequest[] = [];
  readonly goErrors: string[] = [];
  readonly warnings: string[] = [];
  readonly toolchainLines: string[] = [];
  readonly unknownLines: string[] = [];
  unknownLinesDropped = 0;
  readonly garbage: string[] = [];
  private lastActivity: number;

  constructor(private readonly options: DownloadStateOptions) {
    this.now = options.now ?? Date.now;
    this.lastActivity = this.now();
    for (const requirement of options.requirements) {
      const state = this.ensure(requirement.path, requirement.version);
      state.listed = true;
    }
  }

  get lastActivityAt(): number {
    return this.lastActivity;
  }

  /** Applies one trace event; returns the module it changed, if any (for live UI updates). */
  applyTrace(event: TraceEvent): ModuleState | null {
    this.lastActivity = this.now();
    switch (event.type) {
      case 'http-start':
        return this.startRequest(event.url);
      case 'http-done':
        return this.finishRequest(event.url, {
          status: event.status,
          seconds: event.seconds,
          error: event.status >= 400 ? `${event.status} ${event.statusText}`.trim() : null,
        });
      case 'http-error':
        return this.finishRequest(event.url, { status: null, seconds: null, error: event.error });
      case 'vcs-workdir':
        this.repoByDir.set(event.dir, event.repo);
        return null;
      case 'vcs-start':
        return this.startCommand(event.dir, event.command);
      case 'vcs-done':
        return this.finishCommand(event.dir, event.command, event.seconds);
      case 'vcs-ping':
        return this.recordPing(event.command);
      case 'go-error':
        return this.recordGoError(event.text);
      case 'go-warning':
        this.warnings.push(event.text);
        return null;
      case 'toolchain':
        this.toolchainLines.push(event.text);
        return null;
      case 'vcs-lock':
        return null;
      case 'unknown':
        if (this.unknownLines.length < MAX_UNKNOWN_LINES) this.unknownLines.push(event.text);
        else this.unknownLinesDropped++;
        return null;
    }
  }

  applyResult(result: DownloadResult): ModuleState {
    this.lastActivity = this.now();
    const state = this.ensure(result.Path, result.Version ?? '');
    state.downloaded = true;
    if (result.Error) {
      state.status = 'failed';
      state.error = result.Error;
    } else {
      state.status = state.requests.length > 0 || state.commands.length > 0 ? 'ok' : 'cached';
    }
    return state;
  }

  noteGarbage(text: string): void {
    this.lastActivity = this.now();
    if (this.garbage.length < MAX_UNKNOWN_LINES) this.garbage.push(text.slice(0, 2000));
  }

  /** What was started and never finished: what a stall is waiting on. */
  inFlight(): InFlight[] {
    const open: InFlight[] = [];
    for (const [url, entries] of this.openRequests) {
      for (const entry of entries) open.push({ module: entry.module?.path ?? null, kind: 'request', what: url, startedAt: entry.startedAt });
    }
    for (const [command, entries] of this.openCommands) {
      for (const entry of entries)
        open.push({ module: entry.module?.path ?? null, kind: 'command', what: command.slice(command.indexOf('\0') + 1), startedAt: entry.startedAt });
    }
    return open.sort((a, b) => a.startedAt - b.startedAt);
  }

  /**
   * Requests whose headers arrived (Go printed `200 OK`) for modules that have no result yet.
   * Go prints nothing while it reads a body, so a body that stalls looks finished in the trace;
   * the caller tells which of these never reached the module cache.
   */
  answeredWithoutResult(): { module: string; version: string; file: 'mod' | 'info' | 'zip'; url: string }[] {
    const answered: { module: string; version: string; file: 'mod' | 'info' | 'zip'; url: string }[] = [];
    for (const state of this.byKey.values()) {
      if (state.status !== 'fetching') continue;
      for (const request of state.requests) {
        if (request.status !== 200) continue;
        const file = /\.(mod|info|zip)$/.exec(request.url)?.[1] as 'mod' | 'info' | 'zip' | undefined;
        if (file) answered.push({ module: state.path, version: state.version, file, url: request.url });
      }
    }
    return answered;
  }

  /**
   * Settles every module once the process is gone. Modules with work in flight (open requests
   * and commands, plus `unfinished`: bodies the caller found missing from the module cache) become
   * `stalled` when the run was stopped for inactivity, else `skipped`, like modules never tried.
   */
  finish(outcome: { stalled: boolean; unfinished?: Iterable<string> }): void {
    const unfinished = new Set([...this.inFlight().map((entry) => entry.module), ...(outcome.unfinished ?? [])]);
    for (const state of this.byKey.values()) {
      if (state.status === 'failed' || state.status === 'ok' || state.status === 'cached') continue;
      if (state.error) state.status = 'failed';
      else if (unfinished.has(state.path)) state.status = outcome.stalled ? 'stalled' : 'skipped';
      else if (this.downloadedInTrace(state)) state.status = 'ok';
      else state.status = 'skipped';
    }
  }

  modules(): ModuleState[] {
    return [...this.byKey.values()].filter((state) => state.listed || state.requests.length > 0 || state.commands.length > 0 || state.error !== null);
  }

  find(path: string, version?: string): ModuleState | undefined {
    if (version !== undefined) {
      const exact = this.byKey.get(key(path, version));
      if (exact) return exact;
    }
    for (const state of this.byKey.values()) if (state.path === path) return state;
    return undefined;
  }

  /**
   * Without a `-json` result (the run stopped early), a listed module counts as downloaded when its
   * zip arrived; a module that is only in the module graph needs nothing more than its go.mod.
   */
  private downloadedInTrace(state: ModuleState): boolean {
    const answered = (request: RequestRecord) => request.status !== null && request.status < 400;
    if (state.listed) return state.requests.some((request) => answered(request) && request.url.endsWith('.zip'));
    return state.requests.some(answered) || state.commands.some((command) => command.exitCode === 0);
  }

  private ensure(path: string, version: string): ModuleState {
    const existing = this.byKey.get(key(path, version)) ?? (version === '' ? this.find(path) : undefined);
    if (existing) return existing;
    // A version-less entry made earlier by `@v/list` becomes this version's entry.
    const versionless = this.byKey.get(key(path, ''));
    if (versionless && version !== '') {
      this.byKey.delete(key(path, ''));
      versionless.version = version;
      this.byKey.set(key(path, version), versionless);
      return versionless;
    }
    const state: ModuleState = { path, version, status: 'pending', listed: false, requests: [], commands: [], error: null, requiredBy: null };
    this.byKey.set(key(path, version), state);
    return state;
  }

  private moduleForUrl(url: string): { state: ModuleState | null; module: string | null } {
    for (const base of this.options.proxyBases) {
      const decoded = decodeProxyUrl(url, base);
      if (!decoded) continue;
      if (decoded.file === 'sumdb-lookup') return { state: null, module: decoded.module };
      return { state: this.ensure(decoded.module, decoded.version ?? ''), module: decoded.module };
    }
    const decoded = decodeProxyUrl(url);
    if (decoded?.file === 'sumdb-lookup') return { state: null, module: decoded.module };
    return { state: null, module: null };
  }

  private startRequest(url: string): ModuleState | null {
    const { state, module } = this.moduleForUrl(url);
    const record: RequestRecord = { url, status: null, seconds: null, error: null };
    if (state) {
      state.requests.push(record);
      if (url.endsWith('.zip')) state.downloaded = true;
      if (state.status === 'pending') state.status = 'fetching';
    } else {
      this.otherRequests.push({ ...record, module });
    }
    const open = this.openRequests.get(url) ?? [];
    open.push({ record: state ? record : this.otherRequests[this.otherRequests.length - 1]!, module: state, startedAt: this.now() });
    this.openRequests.set(url, open);
    return state;
  }

  private finishRequest(url: string, outcome: Omit<RequestRecord, 'url'>): ModuleState | null {
    const open = this.openRequests.get(url);
    const entry = open?.shift();
    if (open && open.length === 0) this.openRequests.delete(url);
    if (!entry) {
      // A completion without a start line (a truncated or filtered trace): keep it anyway.
      const state = this.moduleForUrl(url).state;
      if (state) state.requests.push({ url, ...outcome });
      return state;
    }
    Object.assign(entry.record, outcome);
    return entry.module;
  }

  private moduleForDir(dir: string): ModuleState | null {
    const repo = this.repoByDir.get(dir);
    return repo ? this.moduleForRepo(repo) : null;
  }

  /** The listed module served by a repository URL (`https://host/org/repo[.git]`). */
  private moduleForRepo(repo: string): ModuleState | null {
    const bare = repo.replace(/^[a-z+]+:\/\/(?:[^@/]*@)?/i, '').replace(/^[^@/:]+@([^:]+):/, '$1/');
    const candidates = [bare, bare.replace(/\.git$/, '')];
    let best: ModuleState | null = null;
    for (const state of this.byKey.values()) {
      // `host/repo.git/sub` modules are probed as `https://host/repo` (Go drops the .git).
      const paths = [state.path, state.path.replace(/\.git(?=\/|$)/, '')];
      const matches = candidates.some((root) => paths.some((candidate) => candidate === root || candidate.startsWith(`${root}/`)));
      if (matches && (!best || (best.status !== 'pending' && state.status === 'pending'))) best = state;
    }
    return best;
  }

  private startCommand(dir: string, command: string): ModuleState | null {
    const state = this.moduleForDir(dir) ?? this.moduleForCommandUrl(command);
    const record: CommandRecord = { command, seconds: null, exitCode: null };
    if (state) {
      state.commands.push(record);
      if (state.status === 'pending') state.status = 'fetching';
    }
    const id = `${dir}\0${command}`;
    const open = this.openCommands.get(id) ?? [];
    open.push({ record, module: state, startedAt: this.now() });
    this.openCommands.set(id, open);
    return state;
  }

  private finishCommand(dir: string, command: string, seconds: number): ModuleState | null {
    const id = `${dir}\0${command}`;
    const open = this.openCommands.get(id);
    const entry = open?.shift();
    if (open && open.length === 0) this.openCommands.delete(id);
    if (!entry) return null;
    entry.record.seconds = seconds;
    // The trace does not print exit codes; a failing command is named by the final error instead.
    entry.record.exitCode = 0;
    return entry.module;
  }

  private moduleForCommandUrl(command: string): ModuleState | null {
    const url = /\b((?:https?|ssh|git|git\+ssh):\/\/\S+)/.exec(command)?.[1];
    return url ? this.moduleForRepo(url) : null;
  }

  private recordPing(command: string): ModuleState | null {
    const state = this.moduleForCommandUrl(command);
    if (state) state.commands.push({ command, seconds: null, exitCode: null });
    return state;
  }

  /** Attributes a final `go: …` / `verifying …` error to its module, also marking failed commands. */
  private recordGoError(text: string): ModuleState | null {
    if (this.goErrors.length < MAX_GO_ERRORS) this.goErrors.push(text);
    const target = referenceErroredModule(text);
    if (!target) return null;
    const state = this.ensure(target.path, target.version);
    state.error = state.error ?? text;
    state.status = 'failed';
    if (target.requiredBy) state.requiredBy = target.requiredBy;
    markFailedCommand(state, text);
    return state;
  }
}

function key(path: string, version: string): string {
  return `${path}@${version}`;
}

/** `go: a@v requires\n\tb@v: err`, `go: b@v: err`, `go: module b: err`, `verifying b@v: err`. */
export function referenceErroredModule(text: string): { path: string; version: string; requiredBy: { path: string; version: string } | null } | null {
  const requires = /^go: (\S+?)@(\S+) requires\n(?:\t\S+@\S+ requires\n)*\t(\S+?)@(\S+?): /.exec(text);
  if (requires) return { path: requires[3]!, version: requires[4]!, requiredBy: { path: requires[1]!, version: requires[2]! } };
  const withVersion = /^(?:go: |verifying )(\S+?)@(v[^\s:]+): /.exec(text);
  // (Since the go.mod of a version got its own go.sum line in errors: `X@v1.6.0/go.mod` is X@v1.6.0.)
  if (withVersion) return { path: withVersion[1]!, version: withVersion[2]!.replace(/\/go\.mod$/, ''), requiredBy: null };
  const replaced = /^go: (\S+?)@(v\S*) \(replaced by /.exec(text);
  if (replaced) return { path: replaced[1]!, version: replaced[2]!, requiredBy: null };
  const versionless = /^go: module (\S+): /.exec(text);
  if (versionless) return { path: versionless[1]!, version: '', requiredBy: null };
  return null;
}

/** Go prints `<cmd> in <dir>: exit status N` for a failed VCS command: record that exit code. */
function markFailedCommand(state: ModuleState, text: string): void {
  const failure = /(git [^\n]*?) in \S+: exit status (\d+)/.exec(text);
  if (!failure) return;
  const failed = failure[1]!;
  const exitCode = Number(failure[2]);
  for (let index = state.commands.length - 1; index >= 0; index--) {
    const command = state.commands[index]!;
    if (command.command === failed || command.command.startsWith(failed) || failed.startsWith(command.command)) {
      command.exitCode = exitCode;
      return;
    }
  }
}
