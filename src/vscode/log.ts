// The extension's log: a LogOutputChannel (level chosen by the user in the Output view), with
// every line redacted and bounded: the raw trace is cut to a fixed size per run, and no line is
// longer than MAX_LINE_CHARS (go can print a 5 MB line; the log keeps its head).

import * as vscode from 'vscode';
import { redact } from '../core/redact';

/** Trace characters logged per run before the rest is only counted: the channel stays bounded. */
export const MAX_TRACE_CHARS_PER_RUN = 200_000;
/** Longest line written to the channel. */
export const MAX_LINE_CHARS = 2_000;

/**
 * Cut before redacting (redaction reads the whole text) but with room to spare, so that a secret
 * cut at the first cut is beyond the second and never shows half redacted.
 */
function bounded(message: string): string {
  const clipped = redact(message.length > MAX_LINE_CHARS * 2 ? message.slice(0, MAX_LINE_CHARS * 2) : message);
  return clipped.length > MAX_LINE_CHARS ? `${clipped.slice(0, MAX_LINE_CHARS)}… [${message.length - MAX_LINE_CHARS} more characters]` : clipped;
}

export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  /** Characters handed to the channel, at any level (the extension-host tests check it stays bounded). */
  charsWritten = 0;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Go Dependency Health', { log: true });
  }

  info(message: string): void {
    this.channel.info(this.count(bounded(message)));
  }

  warn(message: string): void {
    this.channel.warn(this.count(bounded(message)));
  }

  error(message: string): void {
    this.channel.error(this.count(bounded(message)));
  }

  private count(line: string): string {
    this.charsWritten += line.length;
    return line;
  }

  /** A sink for one run's raw trace, at trace level. */
  traceSink(root: string): (chunk: string) => void {
    let logged = 0;
    let cut = false;
    return (chunk: string) => {
      if (logged >= MAX_TRACE_CHARS_PER_RUN) {
        if (!cut) this.channel.trace(this.count(`[${root}] … trace cut at ${MAX_TRACE_CHARS_PER_RUN} characters`));
        cut = true;
        return;
      }
      const piece = chunk.length > MAX_TRACE_CHARS_PER_RUN - logged ? chunk.slice(0, MAX_TRACE_CHARS_PER_RUN - logged) : chunk;
      logged += piece.length;
      for (const line of piece.split('\n')) if (line) this.channel.trace(this.count(`[${root}] ${bounded(line)}`));
    };
  }

  dispose(): void {
    this.channel.dispose();
  }
}
