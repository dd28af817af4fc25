// The report: Contract 1 of the design (`--json`), and the same content as readable text.
// A report is raw (real values: the editor acts on them, the fixes use them); it is redacted where
// it leaves: redactReport for the JSON, and the text forms redact what they print.

import { placeFor, type GoModSource } from './findings';
import type { GoEnv } from './goenv';
import type { ModuleState } from './moduleState';
import { redact, redactDeep } from './redact';
import type { Finding, ModuleReport, ModuleStatus, Report } from './types';
import { fixAsCommand } from './fixRender';
import { findingMessage, fixTitle, t, type Lang } from './i18n';

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

function moduleReport(module: ModuleState, goMod: GoModSource | null): ModuleReport {
  const line =
    module.listed || goMod?.parsed.replaces.some((replace) => replace.newPath === module.path)
      ? (placeFor(goMod, module.path, module.version, null)?.line ?? null)
      : null;
  return {
    path: module.path,
    version: module.version,
    status: reportStatus(module),
    goModFile: line === null ? null : (goMod?.file ?? null),
    line,
    requests: module.requests.map((request) => ({ ...request })),
    commands: module.commands.map((command) => ({ ...command })),
    error: module.error,
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function buildReport(input: BuildReportInput): Report {
  const env: Record<string, string> = {};
  for (const key of REPORT_ENV_KEYS) env[key] = input.env[key] ?? '';
  const findings = [...input.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.line ?? 0) - (b.line ?? 0));
  const report: Report = {
    schemaVersion: 1,
    root: input.root,
    roots: [input.root],
    go: { path: input.go.path ?? null, version: input.go.version ?? null },
    env,
    modules: input.modules.map((module) => moduleReport(module, input.goMod)),
    findings,
    durationSeconds: Math.round(input.durationSeconds * 1000) / 1000,
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
  };
}

/** The report as it may leave the process (JSON output, a file): every string redacted, the shape unchanged. */
export function redactReport(report: Report): Report {
  return redactDeep(report);
}

const STATUS_MARK: Record<ModuleStatus, string> = { ok: '✓', cached: '✓', failed: '✗', stalled: '⏸', skipped: '·' };
const SEVERITY_MARK = { error: '✗', warning: '!', info: 'i' } as const;

function moduleLine(module: ModuleReport, lang: Lang): string {
  const timed = [...module.requests.map((request) => request.seconds ?? 0), ...module.commands.map((command) => command.seconds ?? 0)];
  const seconds = timed.reduce((sum, value) => sum + value, 0);
  const activity = module.requests.length + module.commands.length;
  const counted = t(lang, activity === 1 ? 'report.activity.one' : 'report.activity.other', { count: activity, seconds: seconds.toFixed(2) });
  const detail = activity > 0 ? `  ${counted}` : '';
  return `  ${STATUS_MARK[module.status]} ${module.path} ${module.version}  ${t(lang, `status.${module.status}`)}${detail}`;
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

/** The readable report the CLI prints by default, in a language. */
export function formatReportText(report: Report, lang: Lang = 'en'): string {
  const out: string[] = [];
  const unset = t(lang, 'report.unset');
  out.push(t(lang, 'report.title', { root: report.root }));
  out.push(t(lang, 'report.go', { path: report.go.path ?? t(lang, 'report.goNotFound'), version: report.go.version ? ` (${report.go.version})` : '' }));
  out.push(`GOPROXY=${report.env.GOPROXY || unset}  GOPRIVATE=${report.env.GOPRIVATE || unset}  GONOSUMDB=${report.env.GONOSUMDB || unset}`);
  out.push('', t(lang, 'report.modules', { count: report.modules.length }));
  for (const module of report.modules) out.push(moduleLine(module, lang));
  out.push('', report.findings.length === 0 ? t(lang, 'report.clean') : t(lang, 'report.findings', { count: report.findings.length }));
  for (const finding of report.findings) out.push('', ...findingLines(finding, lang));
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
