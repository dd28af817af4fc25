// The report: Contract 1 of the design (`--json`), and the same content as readable text.
// A report is raw (real values: the editor acts on them, the fixes use them); it is redacted where
// it leaves: redactReport for the JSON, and the text forms redact what they print.

import { placeFor, type GoModSource } from './findings';
import type { GoEnv } from './goenv';
import type { ModuleState } from './moduleState';
import { redact, redactDeep } from './redact';
import type { Finding, ModuleReport, ModuleStatus, Report } from './types';
import { fixAsCommand } from './fixRender';
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
    go: { path: input.go.path ?? null, version: input.go.version ?? null },
    env,
    modules: input.modules.map((module) => moduleReport(module, input.goMod)),
    findings,
    durationSeconds: Math.round(input.durationSeconds * 1000) / 1000,
    health: null,
  };
  return report;
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
  out.push('', report.findings.length === 0 ? 'No problems found: every module is fetchable.' : `Findings (${report.findings.length}):`);
  for (const finding of report.findings) out.push('', ...findingLines(finding));
  out.push(...healthSection(report));
  const count = (severity: Finding['severity']) => report.findings.filter((finding) => finding.severity === severity).length;
  out.push(
    '',
    `Summary: ${count('error')} error(s), ${count('warning')} warning(s); ${report.modules.length} module(s) in ${report.durationSeconds.toFixed(1)} s.`,
  );
  return redact(out.join('\n')) + '\n';
}

/** The health pass's answers, one line per module with anything to say (and why, when go.mod asks for less). */
function healthSection(report: Report): string[] {
  const health = report.health;
  if (!health) return [];
  if (health.skipped !== null && health.modules.length === 0) return ['', `Health: not checked (${health.skipped}).`];
  const out = ['', `Health (${health.modules.length} module(s) of the build${health.skipped ? `; ${health.skipped}` : ''}):`];
  let quiet = 0;
  for (const module of health.modules) {
    const badges = healthBadges(module);
    const raised = module.required !== null && module.required !== module.version ? selectedText(module) : null;
    if (badges.length === 0 && !raised) {
      quiet++;
      continue;
    }
    out.push(`  ${module.path} ${module.version}  ${badges.join(', ')}`.trimEnd());
    if (raised) out.push(`    ${raised}`);
    if (module.status === 'unknown' && module.error) out.push(`    ${module.error.split('\n')[0]}`);
    const through = module.required === null ? requiredByText(module) : null;
    if (through && (badges.length > 0 || raised)) out.push(`    ${through}`);
  }
  if (quiet > 0) out.push(`  ${quiet} other module(s): up to date, not retracted, not deprecated.`);
  if (health.error) out.push(`  (${health.error.split('\n')[0]})`);
  return out;
}
