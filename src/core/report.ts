// The report: Contract 1 of the design (`--json`), and the same content as readable text.
// A report is raw (real values: the editor acts on them, the fixes use them); it is redacted where
// it leaves: redactReport for the JSON, and the text forms redact what they print.

import { placeFor, type GoModSource } from './findings';
import type { GoEnv } from './goenv';
import type { ModuleState } from './moduleState';
import { redact, redactDeep } from './redact';
import type { Finding, ModuleReport, ModuleStatus, Report } from './types';
import { fixAsCommand } from './fixRender';

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

function moduleLine(module: ModuleReport): string {
  const timed = [...module.requests.map((request) => request.seconds ?? 0), ...module.commands.map((command) => command.seconds ?? 0)];
  const seconds = timed.reduce((sum, value) => sum + value, 0);
  const activity = module.requests.length + module.commands.length;
  const detail = activity > 0 ? `  ${activity} request${activity === 1 ? '' : 's'}, ${seconds.toFixed(2)} s` : '';
  return `  ${STATUS_MARK[module.status]} ${module.path} ${module.version}  ${module.status}${detail}`;
}

export function findingLines(finding: Finding): string[] {
  const where = finding.goModFile && finding.line ? `  (${finding.goModFile}:${finding.line})` : '';
  const subject = finding.module ? `  ${finding.module}${finding.version ? `@${finding.version}` : ''}` : '';
  const lines = [`${SEVERITY_MARK[finding.severity]} [${finding.class}]${subject}${where}`, `  ${finding.message}`];
  if (finding.evidence.length > 0) {
    lines.push('  evidence:');
    for (const evidence of finding.evidence.slice(0, 6)) for (const line of evidence.split('\n').slice(0, 12)) lines.push(`    ${line}`);
  }
  if (finding.fixes.length > 0) {
    lines.push('  fixes:');
    for (const fix of finding.fixes) lines.push(`    [${fix.id}] ${fix.title}`, `      ${fixAsCommand(fix)}`);
  }
  return lines;
}

/** Findings alone, readable (`go-dep-health explain`), redacted. */
export function formatFindingsText(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'Nothing in this text reads as a download failure go prints.\n';
  const out = [`Findings (${findings.length}):`];
  for (const finding of findings) out.push('', ...findingLines(finding));
  return redact(out.join('\n')) + '\n';
}

/** The readable report the CLI prints by default. */
export function formatReportText(report: Report): string {
  const out: string[] = [];
  out.push(`Go Dependency Health — ${report.root}`);
  out.push(`go: ${report.go.path ?? 'not found'}${report.go.version ? ` (${report.go.version})` : ''}`);
  out.push(`GOPROXY=${report.env.GOPROXY || '(unset)'}  GOPRIVATE=${report.env.GOPRIVATE || '(unset)'}  GONOSUMDB=${report.env.GONOSUMDB || '(unset)'}`);
  out.push('', `Modules (${report.modules.length}):`);
  for (const module of report.modules) out.push(moduleLine(module));
  out.push('', report.findings.length === 0 ? NO_PROBLEMS : `Findings (${report.findings.length}):`);
  for (const finding of report.findings) out.push('', ...findingLines(finding));
  out.push('', reportSummary(report));
  return redact(out.join('\n')) + '\n';
}

const NO_PROBLEMS = 'No problems found: every module is fetchable.';

/** The closing line of the readable report (also under the CI annotations). Not redacted: it holds only counts. */
export function reportSummary(report: Report): string {
  const count = (severity: Finding['severity']) => report.findings.filter((finding) => finding.severity === severity).length;
  const roots = report.roots.length > 1 ? ` in ${report.roots.length} go.mod files` : '';
  return `Summary: ${count('error')} error(s), ${count('warning')} warning(s); ${report.modules.length} module(s)${roots} in ${report.durationSeconds.toFixed(1)} s.`;
}
