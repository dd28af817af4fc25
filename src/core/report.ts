// The report: Contract 1 of the design (`--json`), and the same content as readable text.
// A report is raw (real values: the editor acts on them, the fixes use them); it is redacted where
// it leaves: redactReport for the JSON, and the text forms redact what they print.

import { placeFor, type GoModSource } from './findings';
import { findRequire } from './gomod';
import { compareModuleVersions } from './versions';
import type { GoEnv } from './goenv';
import type { ModuleState } from './moduleState';
import { redact, redactDeep } from './redact';
import type { Finding, ModuleHealth, ModuleReport, ModuleStatus, Report } from './types';
import { fixAsCommand } from './fixRender';
import { findingMessage, fixTitle, msg, storedText, t, type Lang } from './i18n';
import { healthBadges, requiredByText, selectedText } from './healthText';

export const REPORT_ENV_KEYS = [
  'GOPROXY',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOSUMDB',
  'GOINSECURE',
  'GOFLAGS',
  'GOTOOLCHAIN',
  'GOMODCACHE',
  'HTTPS_PROXY',
] as const;

export interface BuildReportInput {
  root: string;
  go: { kind: string; path?: string; version?: string };
  env: GoEnv;
  modules: ModuleState[];
  findings: Finding[];
  goMod: GoModSource | null;
  durationSeconds: number;
}

function reportStatus(module: ModuleState): ModuleStatus {
  return module.status === 'pending' || module.status === 'fetching' ? 'skipped' : module.status;
}

/**
 * Every module's line: its own require or replace line, else the line of the requirement that
 * brings it in — the parent go's error named, when go.mod requires that parent, else the one the
 * module graph reaches it through — else the `module` line.
 */
function lineOf(module: ModuleState, goMod: GoModSource | null): number | null {
  if (!goMod) return null;
  const namedParent = module.requiredBy && findRequire(goMod.parsed, module.requiredBy.path) ? module.requiredBy : null;
  return placeFor(goMod, module.path, module.version, namedParent ?? module.via ?? module.requiredBy)?.line ?? null;
}

/** Only the go.mod was read, for the module graph: neither required by go.mod nor downloaded. */
function graphOnly(module: ModuleState): boolean {
  return !module.listed && module.downloaded !== true;
}

function moduleReport(module: ModuleState, goMod: GoModSource | null): ModuleReport {
  const line = lineOf(module, goMod);
  return {
    path: module.path,
    version: module.version,
    status: reportStatus(module),
    goModFile: line === null ? null : (goMod?.file ?? null),
    line,
    requests: module.requests.map((request) => ({ ...request })),
    commands: module.commands.map((command) => ({ ...command })),
    error: module.error,
    graphOnly: graphOnly(module),
  };
}

/**
 * A stable order whatever the module cache held (the trace's order is go's, which varies with
 * concurrency and with what had to be fetched): go.mod's requirements in its order, then the other
 * downloaded modules, then those read for the graph only, each by path and version.
 */
function inStableOrder(modules: readonly ModuleState[]): ModuleState[] {
  const rank = (module: ModuleState) => (module.listed ? 0 : graphOnly(module) ? 2 : 1);
  const position = new Map(modules.map((module, index) => [module, index]));
  return [...modules].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? position.get(a)! - position.get(b)! : 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      compareModuleVersions(a.version, b.version),
  );
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then warnings, then information; within each, by go.mod line. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}

export function buildReport(input: BuildReportInput): Report {
  const env: Record<string, string> = {};
  for (const key of REPORT_ENV_KEYS) env[key] = input.env[key] ?? '';
  const findings = sortFindings(input.findings);
  const report: Report = {
    schemaVersion: 1,
    root: input.root,
    roots: [input.root],
    go: { path: input.go.path ?? null, version: input.go.version ?? null },
    env,
    modules: inStableOrder(input.modules).map((module) => moduleReport(module, input.goMod)),
    findings,
    durationSeconds: Math.round(input.durationSeconds * 1000) / 1000,
    health: null,
  };
  return report;
}

/** The order of findings in a report: errors first, then by file and line. */
function byImportance(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.goModFile ?? '').localeCompare(b.goModFile ?? '') || (a.line ?? 0) - (b.line ?? 0);
}

/**
 * Several module roots' reports as one (a monorepo): their modules and findings together, under
 * the folder that holds them all. The go and its environment are the first report's: every root
 * runs the same go in the same environment. Durations add up (the roots run one after another).
 */
export function mergeReports(reports: readonly Report[], root: string): Report {
  const [first] = reports;
  if (!first) throw new Error('mergeReports needs at least one report');
  if (reports.length === 1) return first;
  return {
    schemaVersion: 1,
    root,
    roots: reports.flatMap((report) => report.roots),
    go: first.go,
    env: first.env,
    modules: reports.flatMap((report) => report.modules),
    findings: reports.flatMap((report) => report.findings).sort(byImportance),
    durationSeconds: Math.round(reports.reduce((sum, report) => sum + report.durationSeconds, 0) * 1000) / 1000,
    health: mergedHealth(reports),
  };
}

/** The health passes of several roots as one: every module's answer, the first reason one was skipped. */
function mergedHealth(reports: readonly Report[]): Report['health'] {
  const passes = reports.flatMap((report) => (report.health ? [report.health] : []));
  if (passes.length === 0) return null;
  const errors = passes.flatMap((pass) => (pass.error ? [pass.error] : []));
  return {
    skipped: passes.find((pass) => pass.skipped !== null)?.skipped ?? null,
    modules: passes.flatMap((pass) => pass.modules),
    graph: passes.find((pass) => pass.graph !== null)?.graph ?? null,
    error: errors.length > 0 ? errors.join('\n') : null,
    durationSeconds: Math.round(passes.reduce((sum, pass) => sum + pass.durationSeconds, 0) * 1000) / 1000,
  };
}

/** The report as it may leave the process (JSON output, a file): every string redacted, the shape unchanged. */
export function redactReport(report: Report): Report {
  return redactDeep(report);
}

const STATUS_MARK: Record<ModuleStatus, string> = { ok: '✓', cached: '✓', failed: '✗', stalled: '⏸', skipped: '·' };
const SEVERITY_MARK = { error: '✗', warning: '!', info: 'i' } as const;

type Counted = 'report.requests' | 'report.gitCommands' | 'report.commands';
const plural = (lang: Lang, count: number, what: Counted) => t(lang, count === 1 ? `${what}.one` : `${what}.other`, { count });

function moduleLine(module: ModuleReport, lang: Lang): string {
  const timed = [...module.requests.map((request) => request.seconds ?? 0), ...module.commands.map((command) => command.seconds ?? 0)];
  const seconds = timed.reduce((sum, value) => sum + value, 0);
  // git commands are not requests: each is counted as what it is.
  const vcs = module.commands.every((command) => command.command.startsWith('git ')) ? 'report.gitCommands' : 'report.commands';
  const activity = [
    ...(module.requests.length > 0 ? [plural(lang, module.requests.length, 'report.requests')] : []),
    ...(module.commands.length > 0 ? [plural(lang, module.commands.length, vcs)] : []),
  ];
  const detail =
    activity.length > 0 ? `  ${t(lang, 'report.activity', { activity: activity.join(t(lang, 'report.listSeparator')), seconds: seconds.toFixed(2) })}` : '';
  const graphOnly = module.graphOnly ? t(lang, 'report.graphOnly') : '';
  return `  ${STATUS_MARK[module.status]} ${module.path} ${module.version}  ${t(lang, `status.${module.status}`)}${graphOnly}${detail}`;
}

/** Statuses worth a line of their own when the list is not asked for. */
const NEEDS_A_LOOK: ReadonlySet<ModuleStatus> = new Set(['failed', 'stalled', 'skipped']);

/** The modules in one line: what go downloads, how each went, and how many it read for the graph only. */
function modulesSummary(modules: readonly ModuleReport[], lang: Lang): string {
  const downloads = modules.filter((module) => !module.graphOnly);
  const count = (status: ModuleStatus) => downloads.filter((module) => module.status === status).length;
  const outcomes = (['ok', 'cached', 'failed', 'stalled', 'skipped'] as const).flatMap((status) =>
    count(status) > 0 ? [t(lang, `report.outcome.${status}`, { count: count(status) })] : [],
  );
  return t(lang, 'report.modulesSummary', {
    count: modules.length,
    downloads: downloads.length,
    outcomes: outcomes.length > 0 ? msg('report.outcomes', { list: outcomes.join(t(lang, 'report.listSeparator')) }) : '',
    graphOnly: modules.length - downloads.length,
  });
}

export function findingLines(finding: Finding, lang: Lang = 'en'): string[] {
  const where = finding.goModFile && finding.line ? `  (${finding.goModFile}:${finding.line})` : '';
  const subject = finding.module ? `  ${finding.module}${finding.version ? `@${finding.version}` : ''}` : '';
  const lines = [`${SEVERITY_MARK[finding.severity]} [${finding.class}]${subject}${where}`, `  ${findingMessage(finding, lang)}`];
  if (finding.evidence.length > 0) {
    lines.push(`  ${t(lang, 'report.evidence')}`);
    for (const evidence of finding.evidence.slice(0, 6)) for (const line of evidence.split('\n').slice(0, 12)) lines.push(`    ${line}`);
  }
  if (finding.fixes.length > 0) {
    lines.push(`  ${t(lang, 'report.fixes')}`);
    for (const fix of finding.fixes) lines.push(`    [${fix.id}] ${fixTitle(fix, lang)}`, `      ${fixAsCommand(fix, lang)}`);
  }
  return lines;
}

/** Findings alone, readable (`go-dep-health explain`), redacted. */
export function formatFindingsText(findings: readonly Finding[], lang: Lang = 'en'): string {
  if (findings.length === 0) return `${t(lang, 'report.nothingPasted')}\n`;
  const out = [t(lang, 'report.findings', { count: findings.length })];
  for (const finding of findings) out.push('', ...findingLines(finding, lang));
  return redact(out.join('\n')) + '\n';
}

export interface ReportTextOptions {
  /** List every module; by default only those with a problem are listed, under a one-line summary. */
  allModules?: boolean;
  /** The language of the text (default English). */
  lang?: Lang;
}

/** The readable report the CLI prints by default. */
export function formatReportText(report: Report, options: ReportTextOptions = {}): string {
  const lang = options.lang ?? 'en';
  const out: string[] = [];
  const unset = t(lang, 'report.unset');
  out.push(t(lang, 'report.title', { root: report.root }));
  out.push(t(lang, 'report.go', { path: report.go.path ?? t(lang, 'report.goNotFound'), version: report.go.version ? ` (${report.go.version})` : '' }));
  out.push(`GOPROXY=${report.env.GOPROXY || unset}  GOPRIVATE=${report.env.GOPRIVATE || unset}  GONOSUMDB=${report.env.GONOSUMDB || unset}`);
  out.push('', modulesSummary(report.modules, lang));
  const listed = options.allModules ? report.modules : report.modules.filter((module) => NEEDS_A_LOOK.has(module.status));
  for (const module of listed) out.push(moduleLine(module, lang));
  if (listed.length < report.modules.length) out.push(t(lang, 'report.allHint'));
  out.push('', report.findings.length === 0 ? t(lang, 'report.clean') : t(lang, 'report.findings', { count: report.findings.length }));
  for (const finding of report.findings) out.push('', ...findingLines(finding, lang));
  out.push(...healthSection(report, lang));
  out.push('', reportSummary(report, lang));
  return redact(out.join('\n')) + '\n';
}

/** The closing line of the readable report (also under the CI annotations). Not redacted: it holds only counts. */
export function reportSummary(report: Report, lang: Lang = 'en'): string {
  const count = (severity: Finding['severity']) => report.findings.filter((finding) => finding.severity === severity).length;
  const roots = report.roots.length > 1 ? t(lang, 'report.summaryRoots', { count: report.roots.length }) : '';
  return t(lang, 'report.summary', {
    errors: count('error'),
    warnings: count('warning'),
    modules: report.modules.length,
    roots,
    seconds: report.durationSeconds.toFixed(1),
  });
}

/**
 * The pass's own error repeats a module's when go failed on that module ("go: m@v: verifying
 * go.mod: …" beside "loading module retractions for m@v: verifying go.mod: …"): said once.
 */
function saidAlready(error: string, modules: readonly ModuleHealth[]): boolean {
  const words = error
    .split('\n')[0]!
    .replace(/^go: /, '')
    .replace(/^\S+@\S+: /, '');
  return modules.some((module) => module.status === 'unknown' && module.error !== null && module.error.split('\n')[0]!.endsWith(words));
}

/** The health pass's answers, one line per module with anything to say (and why, when go.mod asks for less). */
function healthSection(report: Report, lang: Lang): string[] {
  const health = report.health;
  if (!health) return [];
  if (health.skipped !== null && health.modules.length === 0) return ['', t(lang, 'health.section.notChecked', { reason: storedText(health.skipped, lang) })];
  const skipped = health.skipped ? msg('health.section.skipped', { reason: storedText(health.skipped, lang) }) : '';
  const out = ['', t(lang, 'health.section.title', { count: health.modules.length, skipped })];
  let quiet = 0;
  for (const module of health.modules) {
    const badges = healthBadges(module, lang);
    const raised = module.required !== null && module.required !== module.version ? selectedText(module, lang) : null;
    if (badges.length === 0 && !raised) {
      quiet++;
      continue;
    }
    out.push(`  ${module.path} ${module.version}  ${badges.join(t(lang, 'report.listSeparator'))}`.trimEnd());
    if (raised) out.push(`    ${raised}`);
    if (module.status === 'unknown' && module.error) out.push(`    ${storedText(module.error.split('\n')[0]!, lang)}`);
    const through = module.required === null ? requiredByText(module, lang) : null;
    if (through && (badges.length > 0 || raised)) out.push(`    ${through}`);
  }
  if (quiet > 0) out.push(`  ${t(lang, 'health.section.quiet', { count: quiet })}`);
  if (health.error && !saidAlready(health.error, health.modules)) out.push(`  (${storedText(health.error.split('\n')[0]!, lang)})`);
  return out;
}
