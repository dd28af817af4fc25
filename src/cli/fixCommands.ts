// `diagnose --apply-fix <id>` and `undo`: the CLI's ports into the fix session (engine/fixSession.ts)
// — print the preview, ask on the terminal, diagnose again — shared with the editor, journal included.

import { previewLines } from '../core/fixRender';
import { formatReportText } from '../core/report';
import type { Finding, PlannedFix, Report } from '../core/types';
import { FixError, type FixContext } from '../engine/applyFix';
import { FixSession } from '../engine/fixSession';
import type { CliIo } from './io';

/** The fix with that id, from the finding for `module` when given, else from the first finding offering it. */
export function findFix(report: Report, id: string, module: string | undefined): { fix: PlannedFix; finding: Finding } | null {
  for (const finding of report.findings) {
    if (module && finding.module !== module) continue;
    const fix = finding.fixes.find((candidate) => candidate.id === id);
    if (fix) return { fix, finding };
  }
  return null;
}

export async function applyFromReport(options: {
  report: Report;
  id: string;
  module?: string;
  yes: boolean;
  context: FixContext;
  io: CliIo;
  recheck: () => Promise<void>;
}): Promise<number> {
  const { io } = options;
  const found = findFix(options.report, options.id, options.module);
  if (!found) {
    const offered = [...new Set(options.report.findings.flatMap((finding) => finding.fixes.map((fix) => fix.id)))];
    io.stderr(
      `go-dep-health: no finding offers the fix "${options.id}"${options.module ? ` for ${options.module}` : ''}. Offered: ${offered.join(', ') || 'none'}\n`,
    );
    return 2;
  }
  try {
    const outcome = await new FixSession(options.context).apply([found.fix], {
      confirm: async (previews) => {
        io.stdout(`${previews.flatMap(previewLines).join('\n')}\n`);
        return options.yes || io.confirm('Apply this change? [y/N] ');
      },
      recheck: options.recheck,
    });
    switch (outcome.kind) {
      case 'noop':
        io.stdout(`${outcome.previews.flatMap(previewLines).join('\n')}\n`);
        return 0;
      case 'declined':
        io.stdout('Not applied.\n');
        return 1;
      case 'applied':
        io.stdout(appliedLine(outcome.record.storable));
        return 0;
    }
  } catch (error) {
    if (error instanceof FixError) {
      io.stderr(`go-dep-health: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** The line printed once a fix is applied, before the new diagnosis. */
export function appliedLine(storable: boolean): string {
  return `Applied. ${storable ? 'Undo with: go-dep-health undo (or Undo Last Fix in the editor)' : 'It replaced a value holding a credential, so no undo record was written to disk.'}\n`;
}

export async function undoLast(options: { context: FixContext; io: CliIo }): Promise<number> {
  const { io } = options;
  try {
    const outcome = await new FixSession(options.context).undoLast(() => Promise.resolve());
    io.stdout(outcome.kind === 'undone' ? `Undone: ${outcome.record.title}\n` : 'Nothing to undo.\n');
    return 0;
  } catch (error) {
    if (error instanceof FixError) {
      io.stderr(`go-dep-health: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

export function afterFixSummary(report: Report): string {
  return `\nRe-ran the diagnosis after the fix:\n\n${formatReportText(report)}`;
}
