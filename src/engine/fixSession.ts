// The one way a fix is carried out, by the CLI and by the editor alike: preview → confirm → apply →
// journal → re-run, and undo. Each front end brings its own ports (how to ask, how to check again);
// the steps, their order and the undo journal are the same for both, so `go-dep-health undo` undoes
// a fix made in the editor, and Undo Last Fix in the editor one made with the CLI.

import type { FixPreview } from '../core/fixRender';
import type { PlannedFix } from '../core/types';
import { applyFixes, previewFix, undoFix, type FixContext, type UndoRecord } from './applyFix';
import { defaultJournalFile, UndoJournal } from './undoJournal';

export interface FixPorts {
  /** Shows the previews and asks; resolves true to apply. Not called when every preview is a no-op. */
  confirm(previews: FixPreview[]): Promise<boolean>;
  /** Checks again after a change (a fresh diagnosis), so its effect is seen. */
  recheck(): Promise<void>;
}

export type ApplyOutcome =
  | { kind: 'applied'; record: UndoRecord; previews: FixPreview[] }
  /** Everything asked for is in effect already: nothing ran. */
  | { kind: 'noop'; previews: FixPreview[] }
  | { kind: 'declined'; previews: FixPreview[] };

export type UndoOutcome = { kind: 'undone'; record: UndoRecord } | { kind: 'nothing' };

/**
 * The journal both front ends share: `$XDG_STATE_HOME/go-dep-health/undo.json` (default
 * `~/.local/state/…`), or GO_DEP_HEALTH_JOURNAL, read from the environment go and git run with.
 */
export function sharedJournal(env: Record<string, string | undefined>): UndoJournal {
  return new UndoJournal(env.GO_DEP_HEALTH_JOURNAL || defaultJournalFile(env));
}

export class FixSession {
  constructor(
    private readonly context: FixContext,
    private readonly journal: UndoJournal = sharedJournal(context.env),
  ) {}

  /** Several fixes apply as one change (and undo as one): "fix all". */
  async apply(fixes: PlannedFix[], ports: FixPorts): Promise<ApplyOutcome> {
    const previews = await Promise.all(fixes.map((fix) => previewFix(fix, this.context)));
    if (previews.every((preview) => preview.noop)) return { kind: 'noop', previews };
    if (!(await ports.confirm(previews))) return { kind: 'declined', previews };
    const record = await applyFixes(fixes, this.context);
    await this.journal.push(record);
    await ports.recheck();
    return { kind: 'applied', record, previews };
  }

  async undoLast(recheck: () => Promise<void>): Promise<UndoOutcome> {
    const record = await this.journal.peek();
    if (!record) return { kind: 'nothing' };
    await undoFix(record, this.context);
    await this.journal.drop(record);
    await recheck();
    return { kind: 'undone', record };
  }
}
