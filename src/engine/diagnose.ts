// One diagnosis of one module root: find go, read its environment, run the download, and turn
// what it printed into a report. Shared by the CLI and the editor; the editor also listens to the
// live callbacks to update its tree while the run goes on.

import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { classify } from '../core/classify';
import { classifyError } from '../core/errorClass';
import { explain, toolchainSetByEnv } from '../core/explanations';
import { makeFinding, moduleLine, toolchainLine, type GoModSource } from '../core/findings';
import { checkEnvironment } from '../core/envChecks';
import { installGo, whereFixesTakeEffect } from '../core/fixes';
import { msg, render } from '../core/i18n';
import type { GoEnv } from '../core/goenv';
import { parseGoProxy } from '../core/goproxyList';
import { escapeModulePath } from '../core/proxyUrls';
import { parseGoMod } from '../core/gomod';
import { JsonObjectStream } from '../core/jsonStream';
import { DownloadState, own, type InFlight, type ModuleState } from '../core/moduleState';
import { buildReport } from '../core/report';
import { TraceParser, type TraceEvent } from '../core/trace';
import type { Finding, Report } from '../core/types';
import { DownloadProgress, liveProgress, progressIntervalMs, receivedOf, type LiveProgress } from './downloadProgress';
import { graphModules } from './graphModules';
import { proxyVersionLists } from './proxyVersions';
import { defaultGoEnvFile, findGo, readGoEnv, readGoEnvFile, readInsteadOfRules, type GoTool } from './goTool';
import { answeringProxies, answeringSumDbs } from './goProxyProbe';

/** How often a progress display hears where the run stands. */
const PROGRESS_MS = 200;

/** How long each GOPROXY choice may take to answer its probe. */
const PROXY_CHOICE_PROBE_MS = 4_000;
/** go list -m -versions after a proxy 404: evidence for the order of the fixes, never a wait of its own (go has no limit). */
const PROXY_VERSIONS_MS = 10_000;
import { recheckHiddenGitError, recheckMissingTool } from './vcsRecheck';
import { runGoModDownload, runInProbeModule, type RunEnd, type RunOptions, type RunOutcome } from './runner';

export interface DiagnoseOptions {
  /** The folder holding go.mod. */
  root: string;
  env: Record<string, string | undefined>;
  inactivitySeconds: number;
  goroot?: string;
  alternateGoTool?: string;
  signal?: AbortSignal;
  /** Live updates, for a UI. Called synchronously as lines arrive. */
  onModule?: (module: ModuleState) => void;
  onTraceLine?: (event: TraceEvent) => void;
  /** Where the download stands, a few times a second while go runs (a progress line). */
  onProgress?: (progress: LiveProgress) => void;
  onStderr?: (chunk: string) => void;
  onSpawn?: (pid: number) => void;
  /**
   * GOPROXY values to offer when the proxy in use is out of reach: each is probed, and those that
   * answer from here become the fix (the editor's goDependencyHealth.proxyChoices, the CLI's list).
   */
  proxyChoices?: readonly string[];
  /**
   * GOSUMDB values to probe when the checksum database is out of reach; those whose database
   * answers from here become the fix (the CLI's --sumdb-choice, default sum.golang.google.cn).
   */
  sumDbChoices?: readonly string[];
  /**
   * Module paths a go.work provides (its `use` modules). Every module root is checked on its own
   * (GOWORK=off, on a copy of its go.mod); requirements of these siblings are then not failures.
   */
  workspaceModules?: string[];
}

export interface Diagnosis {
  report: Report;
  go: GoTool;
  end: RunEnd | null;
  /**
   * `go mod graph` of this go.mod, read right after a download that succeeded (on the same copy);
   * null when there is none. The health pass reads it instead of asking go a second time.
   */
  graph: string | null;
  /** The go.mod this diagnosis read (null: none, or unreadable), for what places findings on its lines later. */
  goMod: GoModSource | null;
}

/**
 * Bodies still arriving when the run stopped (their `200 OK` line was printed): answered requests
 * whose file never reached the module cache, which Go writes only once the whole body is in.
 */
async function bodiesNotInCache(state: DownloadState, env: GoEnv, progress: DownloadProgress): Promise<InFlight[]> {
  const cache = env.GOMODCACHE;
  if (!cache) return [];
  const stalled: InFlight[] = [];
  for (const answered of state.answeredWithoutResult()) {
    const escaped = escapeModulePath(answered.module);
    if (!escaped) continue;
    const file = path.join(cache, 'cache', 'download', escaped, '@v', `${answered.version}.${answered.file}`);
    if (await exists(file)) continue;
    const watched = progress.body(answered.url);
    stalled.push({
      module: answered.module,
      kind: 'body',
      what: answered.url,
      startedAt: state.lastActivityAt,
      ...(watched ? { received: receivedOf(watched) } : {}),
    });
    // Its status line said 200; say what happened next, for the tree and the report.
    const request = state.find(answered.module, answered.version)?.requests.find((candidate) => candidate.url === answered.url);
    if (request && request.error === null) request.error = render('en', msg('request.bodyStopped'));
  }
  return stalled;
}

/**
 * When the run stopped early, go never printed its results: a listed module it did not touch may
 * still be complete in the module cache (a re-run after a stall). Its zip there says so.
 */
async function markCachedModules(state: DownloadState, env: GoEnv): Promise<void> {
  const cache = env.GOMODCACHE;
  if (!cache) return;
  for (const module of state.modules()) {
    if (!module.listed || module.status !== 'pending' || module.requests.length > 0 || module.commands.length > 0) continue;
    const escaped = escapeModulePath(module.path);
    if (escaped && (await exists(path.join(cache, 'cache', 'download', escaped, '@v', `${module.version}.zip`)))) module.status = 'cached';
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

type Streams = Pick<RunOptions, 'onStderr' | 'onStdout'>;

/**
 * Go's scheme probes (`cd DIR` + `git ls-remote URL`) never get a completion line, so the state
 * does not count them as running. A probe is taken as still running until its module shows any
 * other sign of life: a probe that hangs (a git server that never answers) is what a stall waits on.
 */
class OpenProbes {
  private readonly byModule = new Map<string, InFlight>();

  constructor(private readonly state: DownloadState) {}

  seen(event: TraceEvent, module: ModuleState | null): void {
    if (!module) return;
    // own(): a command cut from go's output would otherwise keep the whole chunk alive.
    if (event.type === 'vcs-ping')
      this.byModule.set(module.path, { module: module.path, kind: 'command', what: own(event.command), startedAt: this.state.lastActivityAt });
    else this.byModule.delete(module.path);
  }

  settled(module: ModuleState): void {
    this.byModule.delete(module.path);
  }

  inFlight(): InFlight[] {
    return [...this.byModule.values()];
  }
}

/** Runs go once, feeding its stderr through the trace parser and its stdout through the JSON splitter into the state. */
async function watch(
  state: DownloadState,
  options: DiagnoseOptions,
  notify: (module: ModuleState | null) => void,
  start: (streams: Streams) => Promise<RunOutcome>,
  probes: OpenProbes,
  progress: DownloadProgress,
): Promise<RunOutcome> {
  const trace = new TraceParser((event) => {
    options.onTraceLine?.(event);
    progress.seen(event);
    const module = state.applyTrace(event);
    probes.seen(event, module);
    if (module && event.type === 'go-error') probes.settled(module);
    notify(module);
  });
  const results = new JsonObjectStream({
    result: (result) => {
      const module = state.applyResult(result);
      probes.settled(module);
      notify(module);
    },
    garbage: (text) => state.noteGarbage(text),
  });
  const outcome = await start({
    onStderr: (chunk) => {
      options.onStderr?.(chunk);
      trace.push(chunk);
    },
    onStdout: (chunk) => results.push(chunk),
  });
  trace.end();
  results.end();
  return outcome;
}

/** Listed modules go never got to (no result, no error), except replaced ones: those only resolve inside the module. */
function untriedModules(state: DownloadState, source: GoModSource | null): string[] {
  const replaced = new Set(source?.parsed.replaces.map((replace) => replace.oldPath) ?? []);
  return state
    .modules()
    .filter(
      (module) =>
        module.listed && module.version && (module.status === 'pending' || module.status === 'fetching') && module.error === null && !replaced.has(module.path),
    )
    .map((module) => `${module.path}@${module.version}`);
}

async function loadGoMod(root: string): Promise<{ source: GoModSource | null; readError: string | null }> {
  const file = path.join(root, 'go.mod');
  try {
    const text = await readFile(file, 'utf8');
    return { source: { file, parsed: parseGoMod(text) }, readError: null };
  } catch (error) {
    return { source: null, readError: error instanceof Error ? error.message : String(error) };
  }
}

function syntaxFindings(source: GoModSource): Finding[] {
  return source.parsed.errors.map((error) =>
    makeFinding({
      class: 'gomod-syntax',
      goMod: source,
      place: { line: error.line, column: error.column, endColumn: error.endColumn },
      message: msg('gomod.unparsable', { error: error.message, line: error.line, column: error.column }),
      evidence: [`${source.file}:${error.line}:${error.column}: ${error.message}`],
    }),
  );
}

function unreadableGoModFinding(root: string, error: string): Finding {
  const file = path.join(root, 'go.mod');
  return makeFinding({
    class: 'gomod-syntax',
    goMod: null,
    goModFile: file,
    message: msg('gomod.unreadable', { error }),
    evidence: [error],
  });
}

/**
 * go ran but failed before any download (`go env`): it cannot even say how it is set up — a
 * GOTOOLCHAIN it cannot switch to, a bad GOFLAGS or GOPATH. The class is what go's words say
 * (toolchain, …), else go-missing: there is no usable go.
 */
async function goFailedFinding(
  goPath: string,
  what: string,
  error: string,
  source: GoModSource | null,
  processEnv: Record<string, string | undefined>,
): Promise<Finding> {
  const facts = classifyError(error);
  // go's progress lines (`go: downloading go1.22.0 (linux/amd64)`) come before the error itself.
  const said = error.split('\n').find((line) => line.trim() !== '' && !/^go: downloading go\S* \(/.test(line)) ?? error.split('\n')[0] ?? '';
  const prefix = msg('go.failed', { what, error: said });
  if (facts.class === 'unknown') {
    return makeFinding({
      class: 'go-missing',
      goMod: source,
      place: moduleLine(source),
      message: prefix,
      evidence: [`${goPath}: ${error}`],
      fixes: [installGo()],
    });
  }
  // go env itself failed: what go was told (GOTOOLCHAIN, GOPROXY…) is its env file under the process environment.
  const set = Object.entries(processEnv).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  const env: GoEnv = { ...(await readGoEnvFile(defaultGoEnvFile(processEnv))), ...Object.fromEntries(set) };
  const explained = explain({ env, goMod: source }, null, { ...facts, text: error }, msg('name.someModule'));
  const onGoLine = facts.class === 'toolchain' && toolchainSetByEnv(env, error) === null;
  return makeFinding({
    class: facts.class,
    goMod: source,
    place: onGoLine ? toolchainLine(source) : moduleLine(source),
    message: msg('go.failedBecause', { prefix, message: explained.message }),
    evidence: [`${goPath}: ${error}`],
    fixes: whereFixesTakeEffect(explained.fixes, processEnv),
  });
}

/** The copy of go.mod/go.sum go runs on could not be made: go did not run, so the user's files stay as they were. */
function noCopyFinding(error: string, source: GoModSource | null): Finding {
  return makeFinding({
    class: 'tool-error',
    goMod: source,
    place: moduleLine(source),
    message: msg('go.noCopy', { error }),
    evidence: [error],
  });
}

function goMissingFinding(go: Exclude<GoTool, { kind: 'found' }>, source: GoModSource | null): Finding {
  const detail = go.kind === 'not-found' ? `searched ${go.searched.join(', ')}` : `${go.path}: ${go.error}`;
  return makeFinding({
    class: 'go-missing',
    goMod: source,
    place: moduleLine(source),
    message: msg(go.kind === 'not-found' ? 'go.notFound' : 'go.notWorking'),
    evidence: [detail],
    fixes: [installGo()],
  });
}

export async function diagnose(options: DiagnoseOptions): Promise<Diagnosis> {
  const started = Date.now();
  const { source, readError } = await loadGoMod(options.root);
  const findings: Finding[] = source ? syntaxFindings(source) : [];
  if (readError !== null) findings.push(unreadableGoModFinding(options.root, readError));
  const go = await findGo({ alternateTool: options.alternateGoTool, goroot: options.goroot, env: options.env });
  let graph: string | null = null;
  const finish = (modules: ModuleState[], env: GoEnv, end: RunEnd | null): Diagnosis => ({
    report: buildReport({ root: options.root, go, env, modules, findings, goMod: source, durationSeconds: (Date.now() - started) / 1000 }),
    go,
    end,
    graph,
    goMod: source,
  });
  if (go.kind !== 'found') {
    findings.push(go.kind === 'failed' ? await goFailedFinding(go.path, 'go env GOVERSION', go.error, source, options.env) : goMissingFinding(go, source));
    return finish([], {}, null);
  }
  const siblings = new Set(options.workspaceModules ?? []);
  // Every module root is checked on its own (GOWORK=off), on a copy of its go.mod: a go.work above it
  // (listing it or not) would make go download the other modules' requirements and blame this go.mod.
  const runEnv = { ...options.env, GOWORK: 'off' };
  // A go.mod that cannot be read or parsed: go would only say the same, and less precisely.
  if (readError !== null || (source && source.parsed.errors.length > 0)) return finish([], {}, null);
  const goEnvResult = await readGoEnv(go.path, options.root, runEnv);
  if ('error' in goEnvResult) {
    findings.push(await goFailedFinding(go.path, 'go env', goEnvResult.error, source, options.env));
    return finish([], {}, null);
  }
  const env = goEnvResult.env;
  const [envFile, insteadOf] = await Promise.all([readGoEnvFile(env.GOENV), readInsteadOfRules(options.env, options.root)]);
  findings.push(...checkEnvironment({ env, envFile, processEnv: options.env, goMod: source }));

  const proxyBases = parseGoProxy(env.GOPROXY ?? '').entries.flatMap((entry) => (entry.kind === 'url' ? [entry.url] : []));
  const state = new DownloadState({
    proxyBases,
    requirements:
      source?.parsed.requires.filter((require) => !siblings.has(require.path)).map((require) => ({ path: require.path, version: require.version })) ?? [],
  });
  const notify = (module: ModuleState | null) => {
    if (module) options.onModule?.(module);
  };
  const onProgress = options.onProgress;
  const intervalMs = progressIntervalMs(options.inactivitySeconds);
  const progress = new DownloadProgress({ modCache: env.GOMODCACHE, proxyBases, intervalMs: onProgress ? Math.min(intervalMs, PROGRESS_MS) : intervalMs });
  /** While go runs: bodies growing in the module cache count as life, and a progress display hears where the run stands. */
  const watchRun = (alive: () => void) => {
    const stopSampling = progress.start(alive);
    const reporting = onProgress ? setInterval(() => onProgress(liveProgress(state, progress)), PROGRESS_MS) : undefined;
    return () => {
      stopSampling();
      clearInterval(reporting);
    };
  };
  const common = {
    goPath: go.path,
    env: runEnv,
    inactivitySeconds: options.inactivitySeconds,
    signal: options.signal,
    onSpawn: options.onSpawn,
    watchActivity: watchRun,
  };
  const probes = new OpenProbes(state);
  const first = await watch(
    state,
    options,
    notify,
    (streams) => runGoModDownload({ ...common, ...streams, cwd: options.root, protectGoSum: true, graph: true }),
    probes,
    progress,
  );
  let end = first.end;
  // The module graph as go read it, the same with an empty cache and a full one (the trace shows only what was fetched).
  if (first.graph) state.noteGraph(await graphModules(first.graph, { modCache: env.GOMODCACHE, root: options.root, goMod: source }));
  graph = first.graph ?? null;
  // A module-graph error stops go before it tries the other modules; check those on their own.
  const untried = end.kind === 'exited' && end.exitCode !== 0 ? untriedModules(state, source) : [];
  if (untried.length > 0) {
    const goSumFrom = path.join(options.root, 'go.sum');
    const second = await watch(state, options, notify, (streams) => runInProbeModule({ ...common, ...streams, goSumFrom, modules: untried }), probes, progress);
    if (second.end.kind !== 'exited') end = second.end;
  }
  const stoppedEarly = end.kind === 'stalled' || end.kind === 'cancelled';
  const inFlight = stoppedEarly ? [...state.inFlight(), ...probes.inFlight(), ...(await bodiesNotInCache(state, env, progress))] : [];
  if (stoppedEarly) await markCachedModules(state, env);
  state.finish({ stalled: end.kind === 'stalled', unfinished: inFlight.flatMap((entry) => (entry.module ? [entry.module] : [])) });
  for (const module of state.modules()) notify(module);
  if (end.kind === 'spawn-failed') {
    findings.push(goMissingFinding({ kind: 'failed', path: go.path, error: end.error }, source));
    return finish(state.modules(), env, end);
  }
  if (end.kind === 'no-copy') {
    findings.push(noCopyFinding(end.error, source));
    return finish(state.modules(), env, end);
  }
  const modules = state.modules().filter((module) => !siblings.has(module.path));
  // Errors a module claims, taken before the recheck below adds git's words to some of them.
  const claimed = new Set(state.modules().flatMap((module) => (module.error ? [module.error] : [])));
  await Promise.all(
    modules.map((module) =>
      Promise.all([
        recheckHiddenGitError(module, { env: runEnv, cwd: options.root, timeoutSeconds: options.inactivitySeconds, signal: options.signal }),
        recheckMissingTool(module, { env: runEnv, cwd: options.root, timeoutSeconds: options.inactivitySeconds, signal: options.signal }),
      ]),
    ),
  );
  // go fails on a sibling that only the go.work provides; that alone is not a problem.
  const onlySiblingsFailed = siblings.size > 0 && state.modules().every((module) => module.status !== 'failed' || siblings.has(module.path));
  const classifyWith = (reachableProxies: readonly string[], reachableSumDbs: readonly string[], proxyVersions?: ReadonlyMap<string, readonly string[]>) =>
    classify({
      modules,
      unattributedErrors: state.goErrors.filter((text) => !claimed.has(text)),
      unknownLines: [...state.unknownLines, ...state.garbage],
      env,
      goMod: source,
      stall: end.kind === 'stalled' ? { seconds: end.idleSeconds, inFlight } : null,
      insteadOf,
      exitCode: end.kind === 'exited' && !onlySiblingsFailed ? end.exitCode : null,
      gitSshCommand: options.env.GIT_SSH_COMMAND ?? null,
      goVersion: go.version,
      reachableProxies,
      reachableSumDbs,
      proxyVersions,
    });
  let classified = classifyWith([], []);
  // A proxy out of reach: the choices a probe shows answering from here make the fix concrete.
  const wantsReachable = classified.some((finding) => finding.fixes.some((planned) => planned.id === 'goproxy-reachable' && planned.kind === 'doc'));
  // A checksum database out of reach: likewise, the GOSUMDB choices whose database answers.
  const wantsSumDb = classified.some((finding) => finding.fixes.some((planned) => planned.id === 'sumdb-mirror' && planned.kind === 'doc'));
  const probing = { timeoutMs: PROXY_CHOICE_PROBE_MS, signal: options.signal, env: options.env };
  // A version a proxy answered 404 for: does the proxy list other versions of the module?
  const notFound = classified.filter((finding) => finding.class === 'proxy-not-found' && finding.fixes.some((planned) => planned.id === 'list-versions'));
  const [answering, answeringDbs, versions] = await Promise.all([
    wantsReachable && (options.proxyChoices ?? []).length > 0 && !options.signal?.aborted
      ? answeringProxies(options.proxyChoices!, env.GOPROXY ?? '', probing)
      : Promise.resolve([]),
    wantsSumDb && (options.sumDbChoices ?? []).length > 0 && !options.signal?.aborted
      ? answeringSumDbs(options.sumDbChoices!, env.GOSUMDB ?? '', probing)
      : Promise.resolve([]),
    proxyVersionLists(
      notFound.flatMap((finding) => (finding.module ? [finding.module] : [])),
      { goPath: go.path, env: runEnv, timeoutMs: PROXY_VERSIONS_MS, signal: options.signal },
    ),
  ]);
  if (answering.length > 0 || answeringDbs.length > 0 || versions.size > 0) classified = classifyWith(answering, answeringDbs, versions);
  findings.push(...classified.map((finding) => ({ ...finding, fixes: whereFixesTakeEffect(finding.fixes, options.env) })));
  return finish(modules, env, end);
}
