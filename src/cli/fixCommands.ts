// `diagnose --apply-fix <id>` and `undo`: the CLI's ports into the fix session (engine/fixSession.ts)
// — print the preview, ask on the terminal, diagnose again — shared with the editor, journal included.

import { previewLines, type FixPreview } from '../core/fixRender';
import { recordTitle, render, t, type Lang } from '../core/i18n';
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
  lang: Lang;
  recheck: () => Promise<void>;
}): Promise<number> {
  const { io, lang } = options;
  const preview = (previews: FixPreview[]) => `${previews.flatMap((one) => previewLines(one, lang)).join('\n')}\n`;
  const found = findFix(options.report, options.id, options.module);
  if (!found) {
    const offered = [...new Set(options.report.findings.flatMap((finding) => finding.fixes.map((fix) => fix.id)))];
    const forModule = options.module ? t(lang, 'cli.noSuchFixForModule', { module: options.module }) : '';
    io.stderr(`${t(lang, 'cli.noSuchFix', { id: options.id, forModule, offered: offered.join(', ') || t(lang, 'cli.none') })}\n`);
    return 2;
  }
  try {
    const outcome = await new FixSession(options.context).apply([found.fix], {
      confirm: async (previews) => {
        io.stdout(preview(previews));
        return options.yes || io.confirm(t(lang, 'cli.confirm'));
      },
      recheck: options.recheck,
    });
    switch (outcome.kind) {
      case 'noop':
        io.stdout(preview(outcome.previews));
        return 0;
      case 'declined':
        io.stdout(`${t(lang, 'cli.notApplied')}\n`);
        return 1;
      case 'applied':
        io.stdout(appliedLine(outcome.record.storable, lang));
        return 0;
    }
  } catch (error) {
    if (error instanceof FixError) {
      io.stderr(`${t(lang, 'cli.error', { error: render(lang, error.text) })}\n`);
      return 2;
    }
    throw error;
  }
}

/** The line printed once a fix is applied, before the new diagnosis. */
export function appliedLine(storable: boolean, lang: Lang = 'en'): string {
  return `${t(lang, storable ? 'cli.applied' : 'cli.appliedNoUndo')}\n`;
}

export async function undoLast(options: { context: FixContext; io: CliIo; lang: Lang }): Promise<number> {
  const { io, lang } = options;
  try {
    const outcome = await new FixSession(options.context).undoLast(() => Promise.resolve());
    io.stdout(outcome.kind === 'undone' ? `${t(lang, 'cli.undone', { title: recordTitle(outcome.record, lang) })}\n` : `${t(lang, 'cli.nothingToUndo')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof FixError) {
      io.stderr(`${t(lang, 'cli.error', { error: render(lang, error.text) })}\n`);
      return 2;
    }
    throw error;
  }
}

export function afterFixSummary(report: Report, lang: Lang = 'en'): string {
  return `\n${t(lang, 'cli.reran')}\n\n${formatReportText(report, { lang })}`;
}
