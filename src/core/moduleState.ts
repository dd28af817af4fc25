// Folds trace events and `-json` results into one record per module: its status, every HTTP
// request and VCS command attributed to it, and its final error. Requests are matched to modules
// by URL (proxy protocol paths and checksum-database lookups) and VCS commands by their cache
// directory, so interleaved lines of concurrent downloads land in the right place.

import { erroredModule, failedGitCommand } from './errorAttribution';
import { decodeProxyUrl } from './proxyUrls';
import type { DownloadResult } from './jsonStream';
import type { TraceEvent } from './trace';
import type { CommandRecord, ModuleStatus, RequestRecord } from './types';
import { isModuleVersion } from './versions';

/** Report statuses plus the two that only exist while a run is going on. */
export type LiveStatus = ModuleStatus | 'pending' | 'fetching';

export interface ModuleState {
  path: string;
  /** Empty when only a version-less request (`@v/list`, `@latest`) named the module. */
  version: string;
  status: LiveStatus;
  /** Listed in the go.mod being diagnosed (as opposed to found in the trace only). */
  listed: boolean;
  requests: RequestRecord[];
  commands: CommandRecord[];
  error: string | null;
  /** The module whose requirement pulled this one in, when Go's error said so. */
  requiredBy: { path: string; version: string } | null;
  /** go downloads it (a `-json` result, or its zip was asked for), as opposed to reading only its go.mod for the module graph. */
  downloaded?: boolean;
  /** In the module graph go read (`go mod graph`): the requirement of the main go.mod through which go reached it. */
  via?: { path: string; version: string };
}

export interface InFlight {
  module: string | null;
  /** request: no answer yet; body: the status line came, the rest did not; command: still running. */
  kind: 'request' | 'body' | 'command';
  what: string;
  startedAt: number;
  /** A body: what reached the module cache before it stopped, over how long (from the request to the last growth seen; null when it grew only once). */
  received?: { bytes: number; seconds: number | null };
}

export interface DownloadStateOptions {
  /** GOPROXY entry URLs, to strip from request URLs before decoding the module path. */
  proxyBases: string[];
  /** The go.mod requirements: they start as `pending`. */
  requirements: { path: string; version: string }[];
  now?: () => number;
}

/** A checksum-database or go-get request that belongs to no single module download. */
export interface OtherRequest extends RequestRecord {
  module: string | null;
}

const MAX_UNKNOWN_LINES = 50;
const MAX_GO_ERRORS = 500;
/**
 * Requests (and VCS commands) kept per module, and checksum-database requests kept in all: memory
 * grows with modules, not with lines, even when go retries one module for hours. Beyond the cap the
 * oldest record that went fine makes room; failures, open requests and answered zips (what says a
 * listed module was downloaded, or whose body stalled) are what evidence needs.
 */
export const MAX_RECORDS_PER_MODULE = 16;
export const MAX_OTHER_REQUESTS = 500;

/** Appends, evicting the first expendable record (else the oldest) once the list is full. */
function remember<T>(list: T[], item: T, limit: number, expendable: (record: T) => boolean): void {
  if (list.length >= limit) {
    const index = list.findIndex(expendable);
    list.splice(index < 0 ? 0 : index, 1);
  }
  list.push(item);
}

/**
 * A copy of a string that shares no memory with the text it was cut from. V8 keeps a substring as a
 * view of its parent, so a URL cut from a 64 KiB chunk of go's output would keep the whole chunk
 * alive for as long as its record lives: memory would grow with the lines read, not the modules.
 * Everything the state keeps goes through here. (Concatenating makes a new string; slicing that
 * flattens it into a fresh copy first.)
 */
export function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

const finishedFine = (request: RequestRecord): boolean => request.status !== null && request.status < 400 && request.error === null;
/** A request that went fine and that no conclusion depends on: anything but a module's zip. */
const expendableRequest = (request: RequestRecord): boolean => finishedFine(request) && !request.url.endsWith('.zip');
const commandDone = (command: CommandRecord): boolean => command.seconds !== null && command.exitCode === 0;

export class DownloadState {
  private readonly byKey = new Map<string, ModuleState>();
  /** Each module's place in byKey's order (a renamed entry moves to the end, as delete + set does). */
  private readonly position = new Map<ModuleState, number>();
  private nextPosition = 0;
  /** Modules by path, and by every `/`-prefix of their path: lookups by path or repository stay O(1) in the number of modules. */
  private readonly byPath = new Map<string, ModuleState[]>();
  private readonly byPrefix = new Map<string, ModuleState[]>();
  private readonly repoByDir = new Map<string, string>();
  /** Version queries of go.mod that go resolved to a version (settleQueries). */
  private readonly resolvedQueries = new Set<ModuleState>();
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
        this.repoByDir.set(own(event.dir), own(event.repo));
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
        if (this.warnings.length < MAX_UNKNOWN_LINES) this.warnings.push(own(event.text));
        return null;
      case 'toolchain':
        if (this.toolchainLines.length < MAX_UNKNOWN_LINES) this.toolchainLines.push(own(event.text));
        return null;
      case 'vcs-lock':
        return null;
      case 'unknown':
        if (this.unknownLines.length < MAX_UNKNOWN_LINES) this.unknownLines.push(own(event.text));
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
    if (this.garbage.length < MAX_UNKNOWN_LINES) this.garbage.push(own(text.slice(0, 2000)));
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
    this.settleQueries();
  }

  /**
   * The modules of the module graph go read (after a download that succeeded), each with the main
   * go.mod's requirement that brings it in. Those the trace did not show came from the module cache.
   */
  noteGraph(modules: readonly { path: string; version: string; via: { path: string; version: string } }[]): void {
    for (const module of modules) {
      const state = this.ensure(module.path, module.version);
      state.via = { path: own(module.via.path), version: own(module.via.version) };
      if (!state.listed && state.status === 'pending' && state.requests.length === 0 && state.commands.length === 0) state.status = 'cached';
    }
  }

  modules(): ModuleState[] {
    return [...this.byKey.values()].filter(
      (state) =>
        (state.listed || state.via !== undefined || state.requests.length > 0 || state.commands.length > 0 || state.error !== null) &&
        !this.resolvedQueries.has(state),
    );
  }

  /**
   * A go.mod line may hold a version query (`latest`, a branch, a commit): go resolves it and works
   * on the version it found. That version is the requirement, with the requests that resolved it;
   * the query is not a module of its own — unless go failed on it (no such version).
   */
  private settleQueries(): void {
    for (const state of this.byKey.values()) {
      if (!state.listed || isModuleVersion(state.version) || state.error !== null) continue;
      const resolved = (this.byPath.get(state.path) ?? []).find(
        (other) => other !== state && isModuleVersion(other.version) && (other.downloaded === true || other.error !== null),
      );
      if (!resolved) continue;
      resolved.requests.unshift(...state.requests);
      resolved.commands.unshift(...state.commands);
      resolved.listed = true;
      this.resolvedQueries.add(state);
    }
  }

  find(path: string, version?: string): ModuleState | undefined {
    if (version !== undefined) {
      const exact = this.byKey.get(key(path, version));
      if (exact) return exact;
    }
    return this.first(this.byPath.get(path) ?? []);
  }

  /** The earliest in byKey's order. */
  private first(states: ModuleState[]): ModuleState | undefined {
    let found: ModuleState | undefined;
    for (const state of states) if (!found || this.position.get(state)! < this.position.get(found)!) found = state;
    return found;
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
      versionless.version = own(version);
      this.byKey.set(key(path, version), versionless);
      this.position.set(versionless, this.nextPosition++);
      return versionless;
    }
    const state: ModuleState = {
      path: own(path),
      version: own(version),
      status: 'pending',
      listed: false,
      requests: [],
      commands: [],
      error: null,
      requiredBy: null,
    };
    this.byKey.set(key(path, version), state);
    this.index(state);
    return state;
  }

  private index(state: ModuleState): void {
    this.position.set(state, this.nextPosition++);
    addTo(this.byPath, state.path, state);
    // `host/repo.git/sub` modules are probed as `https://host/repo` (Go drops the .git).
    for (const candidate of new Set([state.path, state.path.replace(/\.git(?=\/|$)/, '')])) {
      addTo(this.byPrefix, candidate, state);
      for (let slash = candidate.indexOf('/'); slash !== -1; slash = candidate.indexOf('/', slash + 1)) addTo(this.byPrefix, candidate.slice(0, slash), state);
    }
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

  private startRequest(cut: string): ModuleState | null {
    const url = own(cut);
    const { state, module } = this.moduleForUrl(url);
    let record: RequestRecord;
    if (state) {
      record = { url, status: null, seconds: null, error: null };
      remember(state.requests, record, MAX_RECORDS_PER_MODULE, expendableRequest);
      if (url.endsWith('.zip')) state.downloaded = true;
      if (state.status === 'pending') state.status = 'fetching';
    } else {
      const other: OtherRequest = { url, status: null, seconds: null, error: null, module };
      remember(this.otherRequests, other, MAX_OTHER_REQUESTS, finishedFine);
      record = other;
    }
    const open = this.openRequests.get(url) ?? [];
    open.push({ record, module: state, startedAt: this.now() });
    this.openRequests.set(url, open);
    return state;
  }

  private finishRequest(url: string, result: Omit<RequestRecord, 'url'>): ModuleState | null {
    const outcome = { ...result, error: result.error === null ? null : own(result.error) };
    const open = this.openRequests.get(url);
    const entry = open?.shift();
    if (open && open.length === 0) this.openRequests.delete(url);
    if (!entry) {
      // A completion without a start line (a truncated or filtered trace): keep it anyway.
      const state = this.moduleForUrl(url).state;
      if (state) remember(state.requests, { url: own(url), ...outcome }, MAX_RECORDS_PER_MODULE, expendableRequest);
      return state;
    }
    Object.assign(entry.record, outcome);
    return entry.module;
  }

  private moduleForDir(dir: string): ModuleState | null {
    const repo = this.repoByDir.get(dir);
    return repo ? this.moduleForRepo(repo) : null;
  }

  /**
   * The module served by a repository URL (`https://host/org/repo[.git]`): the first (in byKey's
   * order) whose path is the repository's or below it, preferring one still pending.
   */
  private moduleForRepo(repo: string): ModuleState | null {
    const bare = repo.replace(/^[a-z+]+:\/\/(?:[^@/]*@)?/i, '').replace(/^[^@/:]+@([^:]+):/, '$1/');
    const matches = [...new Set([bare, bare.replace(/\.git$/, '')])].flatMap((root) => this.byPrefix.get(root) ?? []);
    return this.first(matches.filter((state) => state.status === 'pending')) ?? this.first(matches) ?? null;
  }

  private startCommand(cutDir: string, cutCommand: string): ModuleState | null {
    const dir = own(cutDir);
    const command = own(cutCommand);
    const state = this.moduleForDir(dir) ?? this.moduleForCommandUrl(command);
    const record: CommandRecord = { command, seconds: null, exitCode: null };
    if (state) {
      remember(state.commands, record, MAX_RECORDS_PER_MODULE, commandDone);
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
    if (state) remember(state.commands, { command: own(command), seconds: null, exitCode: null }, MAX_RECORDS_PER_MODULE, commandDone);
    return state;
  }

  /** Attributes a final `go: …` / `verifying …` error to its module, also marking failed commands. */
  private recordGoError(cut: string): ModuleState | null {
    const text = own(cut);
    if (this.goErrors.length < MAX_GO_ERRORS) this.goErrors.push(text);
    const target = erroredModule(text);
    if (!target) return null;
    const state = this.ensure(target.path, target.version);
    state.error = state.error ?? text;
    state.status = 'failed';
    if (target.requiredBy) state.requiredBy = { path: own(target.requiredBy.path), version: own(target.requiredBy.version) };
    markFailedCommand(state, text);
    return state;
  }
}

function key(path: string, version: string): string {
  return `${path}@${version}`;
}

function addTo(index: Map<string, ModuleState[]>, name: string, state: ModuleState): void {
  const list = index.get(name);
  if (!list) index.set(name, [state]);
  else if (list[list.length - 1] !== state) list.push(state);
}

/** Go prints `<cmd> in <dir>: exit status N` for a failed VCS command: record that exit code. */
function markFailedCommand(state: ModuleState, text: string): void {
  const failure = failedGitCommand(text);
  if (!failure) return;
  const { command: failed, exitCode } = failure;
  for (let index = state.commands.length - 1; index >= 0; index--) {
    const command = state.commands[index]!;
    if (command.command === failed || command.command.startsWith(failed) || failed.startsWith(command.command)) {
      command.exitCode = exitCode;
      return;
    }
  }
}
