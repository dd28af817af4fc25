// The health pass: after the download diagnosis, ask go itself about every module of the build —
// retracted, deprecated, newer versions (`go list -m -u -json -e -retracted`) and why each is there
// (`go mod graph`) — on copies of go.mod/go.sum, never the user's files. It never delays the
// download report: the front ends start it once that report is out. It runs go with the very
// environment the diagnosis used, so go asks exactly the proxies it would ask (GOPROXY=off,
// GONOPROXY/GOPRIVATE routing), and a module whose lookup fails gets go's error as its answer while
// every other module still gets its own. Answers are cached per module@version (healthCache.ts).

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { GoModSource } from '../core/findings';
import { parseGoMod } from '../core/gomod';
import {
  answerOf,
  composeHealth,
  mergeHealth,
  parseListedModules,
  skippedHealth,
  type HealthFacts,
  type ListedAnswer,
  type ListedModule,
} from '../core/health';
import { HEALTH_SKIPPED, NO_ANSWER } from '../core/healthText';
import { GraphIndex, ModGraphBuilder, parseModGraph, type ModGraph } from '../core/modGraph';
import type { HealthReport, Report } from '../core/types';
import { compareGoVersions } from '../core/versions';
import { graphFromModuleCache } from './graphFromCache';
import { cacheScope, HealthCache } from './healthCache';
import { failureText, runProcess, type ProcessResult } from './processes';
import { prepareModFile } from './runner';

export interface HealthOptions {
  /** The report of the download diagnosis this pass follows (its go, its environment). */
  report: Report;
  /** The environment the diagnosis ran go with. */
  env: Record<string, string | undefined>;
  /** Module paths a go.work provides: checked with GOWORK=off, and left out. */
  workspaceModules?: string[];
  /** Stop go when it prints nothing for this long. */
  inactivitySeconds: number;
  signal?: AbortSignal;
  /** Default: the shared file cache (HealthCache.shared). */
  cache?: HealthCache;
  /** False: only the requirement graph (go-dep-health why), no lookups. Default true. */
  lookups?: boolean;
  /**
   * `go mod graph` of the same go.mod that the download diagnosis just read (Diagnosis.graph): the
   * pass then does not run it again. Absent or null: the pass asks go itself.
   */
  graph?: string | null;
  /** The pid of each go the pass starts (it leads its own process group). */
  onSpawn?: (pid: number) => void;
}

const GRAPH_FROM_GO = 'go mod graph';
const GRAPH_FROM_CACHE = 'go.mod files in the module cache';

/** GOFLAGS names a -mod setting: then it is the user's, and go runs with it. */
const modFlagIn = (goflags: string) => /(^|\s)--?mod=(\S*)/.exec(goflags)?.[2] ?? null;

/** go builds from vendor/: GOFLAGS says so, or a vendor/modules.txt with go ≥ 1.14 and no -mod flag (go's default then). */
function vendorMode(root: string, goflags: string, goMod: GoModSource | null): boolean {
  const flag = modFlagIn(goflags);
  if (flag !== null) return flag === 'vendor';
  const goVersion = goMod?.parsed.go?.version;
  return !!goVersion && compareGoVersions(goVersion, '1.14') >= 0 && existsSync(path.join(root, 'vendor', 'modules.txt'));
}

async function loadGoMod(root: string): Promise<GoModSource | null> {
  const file = path.join(root, 'go.mod');
  try {
    return { file, parsed: parseGoMod(await readFile(file, 'utf8')) };
  } catch {
    return null;
  }
}

interface GoRun {
  result: ProcessResult | null;
  /** The copy could not be made: go did not run. */
  copyError: string | null;
}

interface GoCommand {
  goPath: string;
  root: string;
  env: Record<string, string | undefined>;
  /** `['mod', 'graph']`, `['list']`: what comes before -modfile. */
  command: string[];
  flags: string[];
}

/**
 * Runs `go <command> -modfile=<copy> <flags>` on a fresh copy of go.mod/go.sum, streaming stdout;
 * stderr, when asked for, arrives in one piece at the end (written to a file beside the copy, whose
 * growth keeps the inactivity limit: see ProcessOptions.stderrFile).
 */
async function runOnCopy(run: GoCommand, options: HealthOptions, onStdout: (chunk: string) => void, onStderr?: (text: string) => void): Promise<GoRun> {
  let copy: Awaited<ReturnType<typeof prepareModFile>>;
  try {
    copy = await prepareModFile(run.root);
  } catch (error) {
    return { result: null, copyError: error instanceof Error ? error.message : String(error) };
  }
  try {
    const result = await runProcess({
      command: run.goPath,
      args: [...run.command, `-modfile=${copy.modFile}`, ...run.flags],
      cwd: run.root,
      env: run.env,
      inactivityMs: options.inactivitySeconds * 1000,
      signal: options.signal,
      onSpawn: options.onSpawn,
      onStdout,
      onStderr,
      ...(onStderr ? { stderrFile: path.join(path.dirname(copy.modFile), 'stderr.txt') } : {}),
    });
    return { result, copyError: null };
  } finally {
    await copy.dispose();
  }
}

/** What go said on stderr besides -x's trace lines, bounded. */
class GoWords {
  private rest = '';
  private readonly lines: string[] = [];
  private chars = 0;

  push(chunk: string): void {
    const lines = (this.rest + chunk).split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.keep(line);
  }

  text(): string {
    if (this.rest) this.keep(this.rest);
    this.rest = '';
    return this.lines.join('\n').trim();
  }

  private keep(line: string): void {
    if (line.startsWith('# ') || this.chars > 64_000) return;
    this.lines.push(line.slice(0, 4_000));
    this.chars += line.length;
  }
}

const ok = (run: GoRun) => run.result !== null && run.result.end.kind === 'exited' && run.result.end.exitCode === 0;
const runError = (run: GoRun, what: string) => run.copyError ?? (run.result ? failureText(run.result, what) : what);

type GoAt = Omit<GoCommand, 'command' | 'flags'>;

async function goModGraph(at: GoAt, options: HealthOptions): Promise<{ graph: ModGraph | null; error: string | null }> {
  const builder = new ModGraphBuilder();
  const run = await runOnCopy({ ...at, command: ['mod', 'graph'], flags: [] }, options, (chunk) => builder.push(chunk));
  const graph = builder.end();
  return ok(run) ? { graph, error: null } : { graph: null, error: runError(run, 'go mod graph') };
}

async function goListUpdates(
  at: GoAt,
  options: HealthOptions,
  targets: string[],
  extraFlags: string[],
): Promise<{ listed: ListedModule[]; error: string | null }> {
  // go prints the whole list once it has every answer: collected, then read in one pass. Until
  // then only -x's request lines ("# get …") show it is working: they keep the inactivity limit
  // for a lookup that stalls, not for a long list (they go to a file, so they cost go nothing);
  // go's own words are the other lines.
  const chunks: string[] = [];
  const said = new GoWords();
  const flags = ['-m', '-u', '-json', '-e', '-retracted', '-x', ...extraFlags, ...targets];
  const run = await runOnCopy(
    { ...at, command: ['list'], flags },
    options,
    (chunk) => chunks.push(chunk),
    (chunk) => said.push(chunk),
  );
  const listed = parseListedModules(chunks.join('')).modules;
  // With -e go reports each module's own failure inside its entry; a failure of the whole command is the pass's.
  return { listed, error: ok(run) ? null : said.text() || runError(run, 'go list -m -u') };
}

function skipped(reason: string, started: number): HealthReport {
  return { ...skippedHealth(reason), durationSeconds: (Date.now() - started) / 1000 };
}

/** Runs the pass and returns the report with `health` filled in and the health findings added. */
export async function checkHealth(options: HealthOptions): Promise<Report> {
  const health = await healthOf(options);
  return mergeHealth(options.report, health.report, health.goMod);
}

/** Why go is not asked about new versions (an offline set-up, or only the graph wanted); null: it is. */
function noLookupReason(options: HealthOptions, vendor: boolean): string | null {
  if (options.lookups === false) return HEALTH_SKIPPED.noLookups;
  if (vendor) return HEALTH_SKIPPED.vendor;
  return options.report.env.GOPROXY === 'off' ? HEALTH_SKIPPED.proxyOff : null;
}

interface Lookups {
  answers: Map<string, ListedAnswer>;
  /** go list failed as a whole: go's words. */
  error: string | null;
}

/** Reads go list's answers, caches the facts, and completes `versions` with the modules go listed. */
async function lookUp(
  pending: Promise<{ listed: ListedModule[]; error: string | null }>,
  context: { versions: Map<string, string>; siblings: Set<string>; trustListVersions: boolean; cache: HealthCache; scope: string; signal?: AbortSignal },
): Promise<Lookups> {
  const { listed, error } = await pending;
  const answers = new Map<string, ListedAnswer>();
  const fresh = new Map<string, HealthFacts>();
  for (const module of listed) {
    const answer = answerOf(module);
    if (!answer || context.siblings.has(module.Path)) continue;
    answers.set(module.Path, answer);
    // go list's version is the build's; a graph read from the module cache is not pruned as go prunes it.
    if (answer.version && (context.trustListVersions || !context.versions.has(module.Path))) context.versions.set(module.Path, answer.version);
    if (answer.kind === 'facts') fresh.set(`${module.Path}@${answer.version}`, answer.facts);
  }
  if (!context.signal?.aborted) await context.cache.put(context.scope, fresh).catch(() => undefined);
  return { answers, error };
}

/** The health of the build, or why go was not asked. */
export async function healthOf(options: HealthOptions): Promise<{ report: HealthReport; goMod: GoModSource | null }> {
  const started = Date.now();
  const { report } = options;
  const root = report.root;
  const goPath = report.go.path;
  const goMod = await loadGoMod(root);
  if (!goPath) return { report: skipped(HEALTH_SKIPPED.noGo, started), goMod };
  if (!goMod || goMod.parsed.errors.length > 0 || !goMod.parsed.module) return { report: skipped(HEALTH_SKIPPED.notRun, started), goMod };
  const siblings = new Set(options.workspaceModules ?? []);
  // Each module root on its own (as the download ran it): -modfile cannot be used in workspace mode.
  const env = { ...options.env, GOWORK: 'off' };
  const goflags = report.env.GOFLAGS ?? '';
  const vendor = vendorMode(root, goflags, goMod);
  const offline = noLookupReason(options, vendor);
  const cache = options.cache ?? HealthCache.shared(options.env);
  const scope = cacheScope(report.env);
  const at: GoAt = { goPath, root, env };
  // -mod=mod lets go complete the copy's go.sum as the download did; a -mod the user set is theirs.
  const listFlags = modFlagIn(goflags) === null ? ['-mod=mod'] : [];

  // Nothing cached for the direct requirements: the lookups will be needed anyway, so they start
  // beside the graph instead of after it (each on its own copy).
  const directKeys = goMod.parsed.requires.map((require) => `${require.path}@${require.version}`);
  const coldStart = offline === null && directKeys.length > 0 && (await cache.get(scope, directKeys)).size === 0;
  const earlyList = coldStart ? goListUpdates(at, options, ['all'], listFlags) : null;
  // In vendor mode go looks nothing up; the graph is still read, from the module cache only.
  const graphEnv = vendor ? { ...env, GOPROXY: 'off', GOFLAGS: `${goflags} -mod=mod`.trim() } : env;
  const fromGo = options.graph ? { graph: parseModGraph(options.graph), error: null } : await goModGraph({ ...at, env: graphEnv }, options);
  let graph = fromGo.graph;
  let graphSource: string | null = graph ? GRAPH_FROM_GO : null;
  if (!graph && !options.signal?.aborted) {
    graph = await graphFromModuleCache({ root, main: goMod.parsed, modCache: report.env.GOMODCACHE ?? '' });
    graphSource = graph && graph.edges.size > 0 ? GRAPH_FROM_CACHE : null;
  }
  const versions = new Map([...(graph?.selected ?? new Map<string, string>())].filter(([modulePath]) => !siblings.has(modulePath)));
  const keys = () => [...versions].map(([modulePath, version]) => `${modulePath}@${version}`);
  // Offline, an answer from any earlier lookup is the best there is.
  const cacheScopeNow = offline !== null && options.lookups !== false ? null : scope;
  let cached = await cache.get(cacheScopeNow, keys());
  const missing = [...versions].filter(([modulePath, version]) => !cached.has(`${modulePath}@${version}`)).map(([modulePath]) => modulePath);

  let lookups: Lookups = { answers: new Map(), error: null };
  // Without a graph, go list's own build list says which modules there are.
  if (offline === null && (missing.length > 0 || !graph)) {
    const targets = !graph || missing.length > versions.size / 2 ? ['all'] : missing;
    const context = { versions, siblings, trustListVersions: graphSource !== GRAPH_FROM_GO, cache, scope, signal: options.signal };
    lookups = await lookUp(earlyList ?? goListUpdates(at, options, targets, listFlags), context);
    if (!graph) cached = await cache.get(scope, keys());
  } else if (earlyList) await earlyList;

  const noAnswer = options.signal?.aborted ? NO_ANSWER.cancelled : (offline ?? lookups.error ?? NO_ANSWER.passFailed);
  const modules = composeHealth({ versions, answers: lookups.answers, cached, graph: graph ? new GraphIndex(graph) : null, goMod, noAnswer });
  return {
    report: {
      skipped: offline,
      modules,
      graph: graphSource,
      error: lookups.error ?? (graphSource === GRAPH_FROM_GO ? null : fromGo.error),
      durationSeconds: (Date.now() - started) / 1000,
    },
    goMod,
  };
}
