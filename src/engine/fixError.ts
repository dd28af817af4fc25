// Why a fix could not be previewed, applied or undone: one error for every kind of fix (go env,
// git config, go get and its file snapshots), which the CLI and the editor show in their language.

import { render, type Message } from '../core/i18n';

/** `text` in any language; `message` in English (the log). */
export class FixError extends Error {
  constructor(readonly text: Message) {
    super(render('en', text));
  }
}
