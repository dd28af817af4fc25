// What the CLI's commands need from the outside world, so tests can drive them in-process.

import type { ProgressTerminal } from './progress';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks a yes/no question; resolves false when there is no terminal to ask on. */
  confirm(question: string): Promise<boolean>;
  env: Record<string, string | undefined>;
  /** Everything on standard input (for `explain`). */
  readStdin: () => Promise<string>;
  /** Standard output when it is a terminal (a live progress line goes there), else absent. */
  terminal?: ProgressTerminal | null;
}

import { render, type Message } from '../core/i18n';

/** A mistake in how the CLI was called: said in the user's language, followed by the usage. */
export class UsageError extends Error {
  constructor(readonly text: Message) {
    super(render('en', text));
  }
}
