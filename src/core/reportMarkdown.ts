// The shareable report of "Diagnose Downloads", as Markdown: findings with their fixes, every
// module with its requests, and the network probes. Redacted as a whole before it leaves.

import { fixAsCommand } from './fixRender';
import { redact } from './redact';
import type { Finding, ModuleReport, Report } from './types';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function findingSection(finding: Finding): string[] {
  const where = finding.goModFile && finding.line ? ` — \`go.mod:${finding.line}\`` : '';
  const lines = [
    `### ${finding.severity === 'error' ? '❌' : finding.severity === 'warning' ? '⚠️' : 'ℹ️'} \`${finding.class}\`${finding.module ? ` ${finding.module}${finding.version ? `@${finding.version}` : ''}` : ''}${where}`,
    '',
    finding.message,
    '',
  ];
  if (finding.evidence.length > 0) lines.push('```text', ...finding.evidence.slice(0, 6).flatMap((item) => item.split('\n').slice(0, 15)), '```', '');
  for (const fix of finding.fixes) lines.push(`- **${fix.title}** (\`${fix.id}\`): \`${fixAsCommand(fix).replace(/`/g, "'")}\``);
  if (finding.fixes.length > 0) lines.push('');
  return lines;
}

function moduleRows(module: ModuleReport): string[] {
  const rows = [`| **${cell(module.path)}** | ${module.version} | ${module.status} | ${module.line ?? ''} |`];
  for (const request of module.requests)
    rows.push(
      `| ↳ GET ${cell(request.url)} | | ${request.error ? cell(request.error) : (request.status ?? 'no answer')} | ${request.seconds !== null ? `${request.seconds.toFixed(3)} s` : ''} |`,
    );
  for (const command of module.commands)
    rows.push(
      `| ↳ ${cell(command.command)} | | ${command.exitCode === null ? 'running' : `exit ${command.exitCode}`} | ${command.seconds !== null ? `${command.seconds.toFixed(3)} s` : ''} |`,
    );
  return rows;
}

export function formatReportMarkdown(report: Report, extraSections: string[] = []): string {
  const errors = report.findings.filter((finding) => finding.severity === 'error').length;
  const lines = [
    `# Go module downloads — ${report.root}`,
    '',
    `\`${report.go.path ?? 'go not found'}\` ${report.go.version ?? ''} · ${report.modules.length} module(s) · ${errors} error(s) · ${report.durationSeconds.toFixed(1)} s`,
    '',
    '| variable | value |',
    '|---|---|',
    ...Object.entries(report.env).map(([key, value]) => `| ${key} | ${value ? `\`${cell(value)}\`` : '(unset)'} |`),
    '',
    '## Findings',
    '',
  ];
  if (report.findings.length === 0) lines.push('No problems found: every module is fetchable.', '');
  for (const finding of report.findings) lines.push(...findingSection(finding));
  lines.push('## Modules', '', '| module / request | version | status | line / time |', '|---|---|---|---|');
  for (const module of report.modules) lines.push(...moduleRows(module));
  lines.push('', ...extraSections);
  return redact(lines.join('\n')) + '\n';
}
