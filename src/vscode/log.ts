// The extension's log: a LogOutputChannel (level chosen by the user in the Output view), with
// every line redacted and the raw trace cut to a bounded size per run.

import * as vscode from 'vscode';
import { redact } from '../core/redact';

/** Trace characters logged per run before the rest is only counted: the channel stays bounded. */
const MAX_TRACE_CHARS_PER_RUN = 200_000;

export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Go Dependency Health', { log: true });
  }

  info(message: string): void {
    this.channel.info(redact(message));
  }

  warn(message: string): void {
    this.channel.warn(redact(message));
  }

  error(message: string): void {
    this.channel.error(redact(message));
  }

  /** A sink for one run's raw trace, at trace level. */
  traceSink(root: string): (chunk: string) => void {
    let logged = 0;
    let dropped = 0;
    return (chunk: string) => {
      if (logged >= MAX_TRACE_CHARS_PER_RUN) {
        if (dropped === 0) this.channel.trace(`[${root}] … trace cut at ${MAX_TRACE_CHARS_PER_RUN} characters`);
        dropped += chunk.length;
        return;
      }
      logged += chunk.length;
      for (const line of chunk.split('\n')) if (line) this.channel.trace(`[${root}] ${redact(line)}`);
    };
  }

  dispose(): void {
    this.channel.dispose();
  }
}
