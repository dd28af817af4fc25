// The shareable report of "Diagnose Downloads", as Markdown: findings with their fixes, every
// module with its requests, and the network probes. Redacted as a whole before it leaves.

import { fixAsCommand } from './fixRender';
import { findingMessage, fixTitle, storedText, t, type Lang } from './i18n';
import { redact } from './redact';
import type { Finding, ModuleReport, Report } from './types';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function findingSection(finding: Finding, lang: Lang): string[] {
  const where = finding.goModFile && finding.line ? ` — \`go.mod:${finding.line}\`` : '';
  const lines = [
    `### ${finding.severity === 'error' ? '❌' : finding.severity === 'warning' ? '⚠️' : 'ℹ️'} \`${finding.class}\`${finding.module ? ` ${finding.module}${finding.version ? `@${finding.version}` : ''}` : ''}${where}`,
    '',
    findingMessage(finding, lang),
    '',
  ];
  if (finding.evidence.length > 0) lines.push('```text', ...finding.evidence.slice(0, 6).flatMap((item) => item.split('\n').slice(0, 15)), '```', '');
  for (const fix of finding.fixes) lines.push(`- **${fixTitle(fix, lang)}** (\`${fix.id}\`): \`${fixAsCommand(fix, lang).replace(/`/g, "'")}\``);
  if (finding.fixes.length > 0) lines.push('');
  return lines;
}

function moduleRows(module: ModuleReport, lang: Lang): string[] {
  const rows = [`| **${cell(module.path)}** | ${module.version} | ${t(lang, `status.${module.status}`)} | ${module.line ?? ''} |`];
  for (const request of module.requests)
    rows.push(
      `| ↳ GET ${cell(request.url)} | | ${request.error ? cell(storedText(request.error, lang)) : (request.status ?? t(lang, 'markdown.noAnswer'))} | ${request.seconds !== null ? `${request.seconds.toFixed(3)} s` : ''} |`,
    );
  for (const command of module.commands)
    rows.push(
      `| ↳ ${cell(command.command)} | | ${command.exitCode === null ? t(lang, 'markdown.running') : t(lang, 'markdown.exit', { code: command.exitCode })} | ${command.seconds !== null ? `${command.seconds.toFixed(3)} s` : ''} |`,
    );
  return rows;
}

export function formatReportMarkdown(report: Report, extraSections: string[] = [], lang: Lang = 'en'): string {
  const errors = report.findings.filter((finding) => finding.severity === 'error').length;
  const unset = t(lang, 'report.unset');
  const lines = [
    `# ${t(lang, 'markdown.title', { root: report.root })}`,
    '',
    t(lang, 'markdown.header', {
      go: `\`${report.go.path ?? t(lang, 'markdown.goNotFound')}\``,
      version: report.go.version ?? '',
      modules: report.modules.length,
      errors,
      seconds: report.durationSeconds.toFixed(1),
    }),
    '',
    `| ${t(lang, 'markdown.variable')} | ${t(lang, 'markdown.value')} |`,
    '|---|---|',
    ...Object.entries(report.env).map(([key, value]) => `| ${key} | ${value ? `\`${cell(value)}\`` : unset} |`),
    '',
    `## ${t(lang, 'markdown.findings')}`,
    '',
  ];
  if (report.findings.length === 0) lines.push(t(lang, 'report.clean'), '');
  for (const finding of report.findings) lines.push(...findingSection(finding, lang));
  lines.push(`## ${t(lang, 'markdown.modules')}`, '', t(lang, 'markdown.moduleColumns'), '|---|---|---|---|');
  for (const module of report.modules) lines.push(...moduleRows(module, lang));
  lines.push('', ...extraSections);
  return redact(lines.join('\n')) + '\n';
}
