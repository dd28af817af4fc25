// Dependency health beyond the download, read from go's own answers: `go list -m -u -json -e
// -retracted` (retractions with the author's rationale, deprecations, the newest version of each
// module's major version) and `go mod graph` (which requirement selected each version, and the
// chain that pulls each module in). Pure: the engine runs go; this reads what it printed and makes
// the findings. Texts a person reads are in healthText.ts.

import { findRequire } from './gomod';
import type { GoModSource } from './findings';
import { makeFinding } from './findings';
import { deprecatedReplacementDoc, leaveRetracted } from './fixes';
import { msg, render } from './i18n';
import { deprecatedMessage, HEALTH_SKIPPED, retractedMessage } from './healthText';
import { sortFindings } from './report';
import { chainText, splitNode, type GraphIndex } from './modGraph';
import type { Finding, HealthReport, ModuleHealth, PlannedFix, Report } from './types';
import { compareModuleVersions } from './versions';

/** One module as `go list -m -json` prints it (the fields this tool reads). */
export interface ListedModule {
  Path: string;
  Version?: string;
  Time?: string;
  Main?: boolean;
  Indirect?: boolean;
  Update?: { Path: string; Version: string; Time?: string };
  Replace?: { Path: string; Version?: string };
  Retracted?: string[];
  Deprecated?: string;
  Error?: { Err: string };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A guard for what go printed: anything else is not trusted as a module. */
export function isListedModule(value: unknown): value is ListedModule {
  if (!isObject(value) || !isString(value.Path)) return false;
  return (
    optional(value.Version, isString) &&
    optional(value.Time, isString) &&
    optional(value.Deprecated, isString) &&
    optional(value.Retracted, (list) => Array.isArray(list) && list.every(isString)) &&
    optional(value.Update, (update) => isObject(update) && isString(update.Version)) &&
    optional(value.Error, (error) => isObject(error) && isString(error.Err))
  );
}

/**
 * The modules `go list -m -json` printed: one indented object after another. One pass over the
 * text, slicing whole objects (no per-character copies: a graph of thousands of modules prints
 * megabytes); anything that is not a module object is returned as garbage, never thrown.
 */
export function parseListedModules(text: string): { modules: ListedModule[]; garbage: string[] } {
  const modules: ListedModule[] = [];
  const garbage: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let strayFrom = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (escaped) escaped = false;
      else if (code === 92) escaped = true;
      else if (code === 34) inString = false;
      continue;
    }
    if (depth === 0) {
      if (code !== 123) continue;
      const stray = text.slice(strayFrom, at).trim();
      if (stray) garbage.push(stray);
      start = at;
      depth = 1;
      continue;
    }
    if (code === 34) inString = true;
    else if (code === 123) depth++;
    else if (code === 125 && --depth === 0) {
      const object = text.slice(start, at + 1);
      strayFrom = at + 1;
      let parsed: unknown;
      try {
        parsed = JSON.parse(object);
      } catch {
        parsed = undefined;
      }
      if (isListedModule(parsed)) modules.push(parsed);
      else garbage.push(object.slice(0, 500));
    }
  }
  const rest = text.slice(depth === 0 ? strayFrom : start).trim();
  if (rest) garbage.push(rest.slice(0, 500));
  return { modules, garbage };
}

/** What one lookup found about module@version: what the cache keeps. */
export interface HealthFacts {
  time: string | null;
  retracted: string[] | null;
  deprecated: string | null;
  update: { version: string; time: string | null } | null;
}

/** go's answer for a module, or its error. */
export type ListedAnswer = { kind: 'facts'; version: string; facts: HealthFacts } | { kind: 'error'; version: string | null; error: string };

/** Reads one listed module: its facts, or go's error for it. The main module and unversioned entries are not answers. */
export function answerOf(listed: ListedModule): ListedAnswer | null {
  if (listed.Main) return null;
  if (listed.Error) return { kind: 'error', version: listed.Version ?? null, error: listed.Error.Err };
  if (!listed.Version) return null;
  const update = listed.Update && compareModuleVersions(listed.Update.Version, listed.Version) > 0 ? listed.Update : null;
  return {
    kind: 'facts',
    version: listed.Version,
    facts: {
      time: listed.Time ?? null,
      retracted: listed.Retracted && listed.Retracted.length > 0 ? [...listed.Retracted] : null,
      deprecated: listed.Deprecated ?? null,
      update: update ? { version: update.Version, time: update.Time ?? null } : null,
    },
  };
}

export interface ComposeInput {
  /** The modules of the build: path → selected version (the graph's, else go list's). */
  versions: Map<string, string>;
  /** What go answered in this pass, by path. */
  answers: Map<string, ListedAnswer>;
  /** Facts from the cache, by "path@version". */
  cached: Map<string, HealthFacts>;
  graph: GraphIndex | null;
  goMod: GoModSource | null;
  /** Why modules without an answer have none (the pass's own failure), else a generic reason. */
  noAnswer: string;
}

/** One record per module of the build, sorted by path. */
export function composeHealth(input: ComposeInput): ModuleHealth[] {
  const out: ModuleHealth[] = [];
  for (const [path, version] of [...input.versions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const required = input.goMod ? (findRequire(input.goMod.parsed, path)?.version ?? null) : null;
    const why = input.graph?.why(path, input.goMod ? required : undefined) ?? null;
    const base = { path, version, required, selectedBy: why?.selectedBy ?? null, chain: why?.chain ?? null };
    const answer = input.answers.get(path);
    const cached = input.cached.get(`${path}@${version}`);
    if (answer?.kind === 'facts') out.push({ ...base, status: 'ok', error: null, ...answer.facts, cached: false });
    else if (cached) out.push({ ...base, status: 'ok', error: null, ...cached, cached: true });
    else
      out.push({
        ...base,
        status: 'unknown',
        error: answer?.kind === 'error' ? answer.error : input.noAnswer,
        time: null,
        retracted: null,
        deprecated: null,
        update: null,
        cached: false,
      });
  }
  return out;
}

/** The module of the user's go.mod that pulls this one in: the second node of its chain. */
function directRequirement(health: ModuleHealth): { path: string } | null {
  const second = health.chain?.[1];
  return second ? { path: splitNode(second).path } : null;
}

/** A module path the deprecation message names, other than the module itself: what to use instead. */
export function replacementIn(message: string, module: string): string | null {
  const candidates = message.match(/[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?:\/[A-Za-z0-9._~+-]+)+/g) ?? [];
  for (const raw of candidates) {
    const candidate = raw.replace(/[.]+$/, '');
    if (candidate !== module && !module.startsWith(`${candidate}/`)) return candidate;
  }
  return null;
}

/** `retracted` and `deprecated` warnings on the lines that require the modules (or pull them in). */
export function healthFindings(modules: readonly ModuleHealth[], goMod: GoModSource | null): Finding[] {
  const findings: Finding[] = [];
  for (const health of modules) {
    const module = { path: health.path, version: health.version };
    const requiredBy = directRequirement(health);
    const direct = goMod !== null && findRequire(goMod.parsed, health.path) !== null;
    const chain = direct ? null : health.chain;
    if (health.retracted) {
      findings.push(
        makeFinding({
          class: 'retracted',
          severity: 'warning',
          module,
          goMod,
          requiredBy,
          message: retractedMessage(health, chain),
          evidence: health.retracted.map((rationale) => `${health.path}@${health.version}: retracted: ${rationale}`),
          fixes: [leaveRetracted(health.path, health.update?.version ?? null, health.version)],
        }),
      );
    }
    if (health.deprecated !== null) {
      const replacement = replacementIn(health.deprecated, health.path);
      const fixes: PlannedFix[] = replacement ? [deprecatedReplacementDoc(health.path, replacement)] : [];
      findings.push(
        makeFinding({
          class: 'deprecated',
          severity: 'warning',
          module,
          goMod,
          requiredBy,
          message: deprecatedMessage(health, chain),
          evidence: [`${health.path}: Deprecated: ${health.deprecated}`],
          fixes,
        }),
      );
    }
  }
  return findings;
}

/**
 * A download failure of a module the user's go.mod does not require itself names the chain of
 * requirements that pulls it in: the user then knows which of their requirements to look at.
 */
export function withChains(findings: readonly Finding[], modules: readonly ModuleHealth[], goMod: GoModSource | null): Finding[] {
  const byPath = new Map(modules.map((health) => [health.path, health]));
  return findings.map((finding) => {
    if (finding.class === 'retracted' || finding.class === 'deprecated' || !finding.module) return finding;
    if (goMod && findRequire(goMod.parsed, finding.module)) return finding;
    const chain = byPath.get(finding.module)?.chain;
    if (!chain || chain.length < 3) return finding;
    // The same sentence in every language: the finding's own message, then the chain.
    const through = msg('health.through', { chain: chainText(chain) });
    const message = finding.messageId ? msg('health.withChain', { message: { id: finding.messageId, args: finding.messageArgs ?? {} }, through }) : null;
    return message
      ? { ...finding, message: render('en', message), messageId: message.id, messageArgs: message.args }
      : { ...finding, message: `${finding.message}${render('en', through)}` };
  });
}

/** A pass that did not ask go, and why. */
export function skippedHealth(reason: string): HealthReport {
  return { skipped: reason, modules: [], graph: null, error: null, durationSeconds: 0 };
}

/** The report of a diagnosis whose health pass did not run: turned off, or the run was cancelled. */
export function healthTurnedOff(report: Report, why: 'off' | 'cancelled'): Report {
  return { ...report, health: skippedHealth(why === 'off' ? HEALTH_SKIPPED.off : HEALTH_SKIPPED.cancelled) };
}

/**
 * The download report of a re-check, with the previous pass's answers placed on the go.mod as it is
 * now, until the new pass answers: a save does not make the retracted and deprecated warnings go
 * away and come back. Only while go.mod still requires what the pass saw it require (a changed
 * version changes the build: then nothing is carried). Its own health, when it has one (turned off,
 * cancelled), is kept.
 */
export function withPreviousHealth(report: Report, previous: Report | undefined, goMod: GoModSource | null): Report {
  const health = previous?.health;
  if (!health || report.health || health.modules.length === 0 || !goMod) return report;
  const unchanged = health.modules.every((module) => module.required === null || findRequire(goMod.parsed, module.path)?.version === module.required);
  return unchanged ? mergeHealth(report, health, goMod) : report;
}

/** The report with the pass's answers: `health`, the retracted/deprecated findings, chains on transitive failures. */
export function mergeHealth(report: Report, health: HealthReport, goMod: GoModSource | null): Report {
  const findings = sortFindings([...withChains(report.findings, health.modules, goMod), ...healthFindings(health.modules, goMod)]);
  return { ...report, findings, health };
}
