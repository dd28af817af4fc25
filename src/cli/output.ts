// Where `diagnose` puts its report: which formats, each to standard output or to a file (written
// whole or not at all, so a CI upload never reads half a file), and the exit status CI acts on.

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CiContext } from '../core/ciFindings';
import { formatCodeQuality } from '../core/codeQuality';
import { formatGithubAnnotations } from '../core/githubAnnotations';
import { msg } from '../core/i18n';
import { formatReportText, redactReport, reportSummary, type ReportTextOptions } from '../core/report';
import { formatSarif } from '../core/sarif';
import type { Report } from '../core/types';
import { UsageError } from './io';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** One output: a format, and the file it goes to (null: standard output). */
export interface OutputSpec {
  format: Format;
  file: string | null;
}

const isFormat = (value: string): value is Format => (FORMATS as readonly string[]).includes(value);

/**
 * `--format F` (repeatable; `F=FILE` sends that one to a file), `--output FILE` for a single
 * format, `--json` as `--format json`. At most one format goes to standard output.
 */
export function parseOutputs(options: { formats: string[]; output: string | undefined; json: boolean; cwd: string }): OutputSpec[] {
  const specs: OutputSpec[] = options.formats.map((value) => {
    const equals = value.indexOf('=');
    const name = equals < 0 ? value : value.slice(0, equals);
    const file = equals < 0 ? null : value.slice(equals + 1);
    if (!isFormat(name)) throw new UsageError(msg('cli.format', { choices: FORMATS.join(', '), value: name }));
    if (file === '') throw new UsageError(msg('cli.formatFile', { format: name }));
    return { format: name, file: file === null ? null : path.resolve(options.cwd, file) };
  });
  if (options.json) {
    if (specs.some((spec) => spec.format !== 'json' || spec.file !== null)) throw new UsageError(msg('cli.jsonFormat'));
    if (specs.length === 0) specs.push({ format: 'json', file: null });
  }
  if (specs.length === 0) specs.push({ format: 'text', file: null });
  if (options.output !== undefined) {
    if (specs.length !== 1 || specs[0]!.file !== null) throw new UsageError(msg('cli.outputSingle'));
    specs[0]!.file = path.resolve(options.cwd, options.output);
  }
  if (specs.filter((spec) => spec.file === null).length > 1) throw new UsageError(msg('cli.oneToStdout'));
  return specs;
}

/** The report in a format; `text.lang` is the language of the text format (the others are read by tools, in English). */
export function renderReport(report: Report, format: Format, context: CiContext, text: ReportTextOptions = {}): string {
  switch (format) {
    case 'text':
      return formatReportText(report, text);
    case 'json':
      return `${JSON.stringify(redactReport(report), null, 2)}\n`;
    case 'sarif':
      return formatSarif(report, context);
    case 'github':
      // The annotations, then a line a person reads in the log.
      return `${formatGithubAnnotations(report, context)}${reportSummary(report)}\n`;
    case 'gitlab':
      return formatCodeQuality(report, context);
  }
}

/** Writes a file whole: a temporary file beside it, renamed over it once complete. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { mode: 0o644 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The exit status: 2 when go itself is missing (nothing could be checked), else 1 when a finding
 * reaches the --fail-on level, else 0.
 */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  if (report.findings.some((finding) => finding.class === 'go-missing')) return 2;
  const failing = failOn === 'never' ? [] : failOn === 'warning' ? ['error', 'warning'] : ['error'];
  return report.findings.some((finding) => failing.includes(finding.severity)) ? 1 : 0;
}
