// `diagnose --apply-fix <id>` and `undo`: apply a planned fix after showing exactly what it
// changes, re-run to show its effect, and revert the last one.

import { formatReportText } from '../core/report';
import type { Finding, PlannedFix, Report } from '../core/types';
import { applyFix, FixError, previewFix, undoFix, type FixContext, type FixPreview } from '../engine/applyFix';
import { defaultJournalFile, UndoJournal } from '../engine/undoJournal';
import type { CliIo } from './io';

export function journalFor(io: CliIo): UndoJournal {
  return new UndoJournal(io.env.GO_DEP_HEALTH_JOURNAL || defaultJournalFile(io.env));
}

/** The fix with that id, from the finding for `module` when given, else from the first finding offering it. */
export function findFix(report: Report, id: string, module: string | undefined): { fix: PlannedFix; finding: Finding } | null {
  for (const finding of report.findings) {
    if (module && finding.module !== module) continue;
    const fix = finding.fixes.find((candidate) => candidate.id === id);
    if (fix) return { fix, finding };
  }
  return null;
}

export function formatPreview(preview: FixPreview): string {
  const lines = [`Fix: ${preview.title}`];
  for (const command of preview.commands) lines.push(`  runs:   ${command}`);
  for (const change of preview.changes) {
    lines.push(`  in:     ${change.target}`, `  ${change.name}: ${change.before ?? '(not set)'}  →  ${change.after ?? '(not set)'}`);
  }
  for (const warning of preview.warnings) lines.push(`  warning: ${warning}`);
  if (preview.noop) lines.push('  (already in effect: nothing to change)');
  return `${lines.join('\n')}\n`;
}

export async function applyFromReport(options: { report: Report; id: string; module?: string; yes: boolean; context: FixContext; io: CliIo }): Promise<number> {
  const { io } = options;
  const found = findFix(options.report, options.id, options.module);
  if (!found) {
    const offered = [...new Set(options.report.findings.flatMap((finding) => finding.fixes.map((fix) => fix.id)))];
    io.stderr(`go-dep-health: no finding offers the fix "${options.id}"${options.module ? ` for ${options.module}` : ''}. Offered: ${offered.join(', ') || 'none'}\n`);
    return 2;
  }
  try {
    const preview = await previewFix(found.fix, options.context);
    io.stdout(formatPreview(preview));
    if (preview.noop) return 0;
    if (!options.yes && !(await io.confirm('Apply this change? [y/N] '))) {
      io.stdout('Not applied.\n');
      return 1;
    }
    const record = await applyFix(found.fix, options.context);
    await journalFor(io).push(record);
    io.stdout(`Applied. ${record.storable ? 'Undo with: go-dep-health undo' : 'It replaced a value holding a credential, so no undo record was written to disk.'}\n`);
    return 0;
  } catch (error) {
    if (error instanceof FixError) {
      io.stderr(`go-dep-health: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

export async function undoLast(options: { context: FixContext; io: CliIo }): Promise<number> {
  const { io } = options;
  const journal = journalFor(io);
  const record = await journal.peek();
  if (!record) {
    io.stdout('Nothing to undo.\n');
    return 0;
  }
  try {
    await undoFix(record, options.context);
  } catch (error) {
    if (error instanceof FixError) {
      io.stderr(`go-dep-health: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  await journal.drop(record);
  io.stdout(`Undone: ${record.title}\n`);
  return 0;
}

export function afterFixSummary(report: Report): string {
  return `\nRe-ran the diagnosis after the fix:\n\n${formatReportText(report)}`;
}
