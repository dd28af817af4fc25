// What the extension's log may hold of go's output: whole lines, redacted, each cut to a bounded
// length, and a bounded amount per run. Redaction must see whole lines: a credential URL split
// across two pipe chunks (or cut by a size limit) does not look like one any more, and half of it
// would be logged in the clear. So lines are assembled first, redacted, and only then cut.

import { redact } from './redact';

/**
 * One line redacted and cut to maxChars. `dropped` counts characters of the line that never
 * reached us (see LogLineSplitter). Only the first 2 × maxChars characters are redacted (redaction
 * reads all it gets): a URL that ends before them is whole there, and whatever lies beyond them is
 * cut off anyway.
 */
export function boundedLine(line: string, maxChars: number, dropped = 0): string {
  const head = redact(line.length > maxChars * 2 ? line.slice(0, maxChars * 2) : line);
  const total = line.length + dropped;
  if (head.length <= maxChars && total === line.length) return head;
  return `${head.slice(0, maxChars)}… [${total - Math.min(maxChars, head.length)} more characters]`;
}

export interface LogLimits {
  /** Longest line written. */
  maxLineChars: number;
  /** Characters written per run before the rest is only counted. */
  maxRunChars: number;
}

/** Feed it a run's raw output as it arrives; it emits whole, redacted, bounded lines. */
export class LogLineSplitter {
  private partial = '';
  private partialDropped = 0;
  private written = 0;
  private cut = false;

  constructor(
    private readonly limits: LogLimits,
    private readonly emit: (line: string) => void,
  ) {}

  push(chunk: string): void {
    if (this.cut) return;
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      this.keep(chunk.slice(start, newline));
      this.flush();
      if (this.cut) return;
      start = newline + 1;
    }
    this.keep(chunk.slice(start));
  }

  /** The last line, when the output did not end with a newline. */
  end(): void {
    if (!this.cut) this.flush();
  }

  /** Keeps as much of the current line as boundedLine reads; counts the rest. */
  private keep(piece: string): void {
    const room = this.limits.maxLineChars * 2 - this.partial.length;
    if (piece.length <= room) {
      this.partial += piece;
      return;
    }
    this.partial += piece.slice(0, Math.max(room, 0));
    this.partialDropped += piece.length - Math.max(room, 0);
  }

  private flush(): void {
    const text = this.partial.endsWith('\r') && this.partialDropped === 0 ? this.partial.slice(0, -1) : this.partial;
    const dropped = this.partialDropped;
    this.partial = '';
    this.partialDropped = 0;
    if (text.trim() === '' && dropped === 0) return;
    const line = boundedLine(text, this.limits.maxLineChars, dropped);
    if (this.written + line.length > this.limits.maxRunChars) {
      this.cut = true;
      this.emit(`… trace cut at ${this.limits.maxRunChars} characters`);
      return;
    }
    this.written += line.length;
    this.emit(line);
  }
}
