// The extension's log: a LogOutputChannel (level chosen by the user in the Output view), with
// every line redacted and bounded: the raw trace is cut to a fixed size per run, and no line is
// longer than MAX_LINE_CHARS (go can print a 5 MB line; the log keeps its head).

import * as vscode from 'vscode';
import { boundedLine, LogLineSplitter } from '../core/logLines';

/** Trace characters logged per run; the rest of the run's trace is left out: the channel stays bounded. */
export const MAX_TRACE_CHARS_PER_RUN = 200_000;
/** Longest line written to the channel. */
export const MAX_LINE_CHARS = 2_000;

export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  /** Characters handed to the channel, at any level (the extension-host tests check it stays bounded). */
  charsWritten = 0;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Go Dependency Health', { log: true });
  }

  info(message: string): void {
    this.channel.info(this.count(boundedLine(message, MAX_LINE_CHARS)));
  }

  warn(message: string): void {
    this.channel.warn(this.count(boundedLine(message, MAX_LINE_CHARS)));
  }

  error(message: string): void {
    this.channel.error(this.count(boundedLine(message, MAX_LINE_CHARS)));
  }

  private count(line: string): string {
    this.charsWritten += line.length;
    return line;
  }

  /** A sink for one run's raw trace, at trace level: whole lines, redacted, bounded (see core/logLines). */
  traceSink(root: string): LogLineSplitter {
    return new LogLineSplitter({ maxLineChars: MAX_LINE_CHARS, maxRunChars: MAX_TRACE_CHARS_PER_RUN }, (line) =>
      this.channel.trace(this.count(`[${root}] ${line}`)),
    );
  }

  dispose(): void {
    this.channel.dispose();
  }
}
