// The trace parser as it was before it was tuned for speed (one regular expression after another
// for every line), kept verbatim as the oracle the fuzz tests compare the tuned parser with. For
// lines up to 64 KiB its events are the reference; longer lines it split by chunk boundaries
// (the fuzz finding that led to the new overlong-line handling). Not used by the extension.

import type { TraceEvent, TraceListener } from '../../../../src/core/trace';

const HTTP_START = /^# get (\S+)$/;
const HTTP_RESUME = /^# get (\S+) \(offset \d+\)$/;
const HTTP_DONE = /^# get (\S+): (\d{3})(?: ([^()]*?))? \((\d+(?:\.\d+)?)s\)$/;
const HTTP_ERROR = /^# get (\S+): (.+)$/;
const VCS_WORKDIR = /^mkdir -p (.+?) # (git3|vcs1\.\w+) (\S+)$/;
const VCS_LOCK = /^# lock (.+\.lock)$/;
const VCS_REUSE = /^# (.+?) for (git3|vcs1\.\w+) (\S+)$/;
const VCS_START = /^cd (.+?); ((?:git|hg|svn|bzr|fossil) .*)$/;
const VCS_DONE = /^(\d+\.\d{3})s # cd (.+?); ((?:git|hg|svn|bzr|fossil) .*)$/;
const PING_CD = /^cd (\/.*|[A-Za-z]:\\.*)$/;
const PING_CMD = /^((?:git|hg|svn|bzr|fossil) (?:ls-remote|identify|info|-R|config|status)\b.*)$/;
const GO_LINE = /^go: (.*)$/;
const VERIFYING = /^verifying \S+@\S+: /;
const TOOLCHAIN = /^go: (?:downloading go\d|.* requires go >= .*; switching to |.*; switching to go)/;
const GO_WARNING = /^go: warning: /;
const FILE_POSITION = /^\S+:\d+(?::\d+)?: /;
const HELP_TEXT = /^(?:Confirm the import path was entered correctly\.|If this is a private repository, see )/;

/** An error block longer than this keeps its head and tail: evidence, not a memory sink. */
const MAX_BLOCK_LINES = 200;
/** A single line longer than this is cut (a 5 MB line must not become 5 MB of evidence). */
const MAX_LINE_CHARS = 16_384;

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [${line.length - MAX_LINE_CHARS} more characters]` : line;
}

/** Parses one complete line that is not part of an error block; null when it starts or continues one. */
export function referenceParseTraceLine(line: string): TraceEvent | null {
  if (line.startsWith('# get ')) {
    let m = HTTP_START.exec(line) ?? HTTP_RESUME.exec(line);
    if (m) return { type: 'http-start', url: m[1]! };
    m = HTTP_DONE.exec(line);
    if (m) return { type: 'http-done', url: m[1]!, status: Number(m[2]), statusText: (m[3] ?? '').trim(), seconds: Number(m[4]) };
    m = HTTP_ERROR.exec(line);
    if (m) return { type: 'http-error', url: m[1]!, error: m[2]! };
  }
  let m = VCS_DONE.exec(line);
  if (m) return { type: 'vcs-done', dir: m[2]!, command: m[3]!, seconds: Number(m[1]) };
  m = VCS_START.exec(line);
  if (m) return { type: 'vcs-start', dir: m[1]!, command: m[2]! };
  m = VCS_WORKDIR.exec(line);
  if (m) return { type: 'vcs-workdir', dir: m[1]!, vcs: m[2]!, repo: m[3]! };
  m = VCS_LOCK.exec(line);
  if (m) return { type: 'vcs-lock', path: m[1]! };
  m = VCS_REUSE.exec(line);
  if (m) return { type: 'vcs-workdir', dir: m[1]!, vcs: m[2]!, repo: m[3]! };
  return null;
}

/**
 * Feed it stderr chunks as they arrive; it calls the listener with one event per trace line, and one
 * `go-error` event per multi-line error block (the `go: …` line with its tab-indented continuation
 * and Go's help text, or a `verifying …` SECURITY ERROR block).
 */
export class ReferenceTraceParser {
  private partial = '';
  private block: string[] = [];
  private blockDropped = 0;
  private blockKind: 'go-error' | 'go-warning' | null = null;
  /** Inside the plain-prose tail of a SECURITY ERROR block, which has no indentation. */
  private inSecurityProse = false;
  private pingDir: string | null = null;
  private lineCount = 0;

  constructor(private readonly listener: TraceListener) {}

  get linesSeen(): number {
    return this.lineCount;
  }

  push(chunk: string): void {
    const text = this.partial + chunk;
    let start = 0;
    for (let newline = text.indexOf('\n', start); newline !== -1; newline = text.indexOf('\n', start)) {
      this.line(text.slice(start, newline));
      start = newline + 1;
    }
    this.partial = text.slice(start);
    // A line that never ends must not grow without bound either.
    if (this.partial.length > MAX_LINE_CHARS * 4) {
      this.line(this.partial);
      this.partial = '';
    }
  }

  /** Flushes a trailing line without newline (a truncated trace) and any open error block. */
  end(): void {
    if (this.partial.length > 0) this.line(this.partial);
    this.partial = '';
    this.flushBlock();
  }

  private line(raw: string): void {
    this.lineCount++;
    const line = clip(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (this.blockKind !== null && this.continuesBlock(line)) {
      this.appendToBlock(line);
      return;
    }
    const event = referenceParseTraceLine(line);
    if (event) {
      this.flushBlock();
      this.pingDir = null;
      this.listener(event);
      return;
    }
    this.startOrUnknown(line);
  }

  private continuesBlock(line: string): boolean {
    if (line.startsWith('\t') || line === '' || HELP_TEXT.test(line)) return true;
    // `go: errors parsing go.mod:` lists `<file>:<line>: <problem>` lines without indentation.
    if (this.block[0]?.endsWith(':') && FILE_POSITION.test(line)) return true;
    // The SECURITY ERROR block of a go.sum mismatch is plain prose after a blank line.
    return this.inSecurityProse && !GO_LINE.test(line) && referenceParseTraceLine(line) === null;
  }

  private startOrUnknown(line: string): void {
    const ping = PING_CD.exec(line);
    if (ping && !line.includes('; ')) {
      this.flushBlock();
      this.pingDir = ping[1]!;
      return;
    }
    if (this.pingDir !== null && PING_CMD.test(line)) {
      this.listener({ type: 'vcs-ping', dir: this.pingDir, command: line });
      this.pingDir = null;
      return;
    }
    this.pingDir = null;
    if (TOOLCHAIN.test(line)) {
      this.flushBlock();
      this.listener({ type: 'toolchain', text: line });
      return;
    }
    if (GO_WARNING.test(line)) {
      this.openBlock('go-warning', line);
      return;
    }
    if (GO_LINE.test(line) || VERIFYING.test(line) || line === 'SECURITY ERROR' || line === 'malformed go.sum:') {
      // `SECURITY ERROR` after a blank line belongs to the block that is already open.
      if (line === 'SECURITY ERROR' && this.blockKind === 'go-error') {
        this.appendToBlock(line);
        return;
      }
      this.openBlock('go-error', line);
      return;
    }
    if (line.trim() === '') return;
    this.flushBlock();
    this.listener({ type: 'unknown', text: line });
  }

  private openBlock(kind: 'go-error' | 'go-warning', line: string): void {
    this.flushBlock();
    this.blockKind = kind;
    this.block = [];
    this.appendToBlock(line);
  }

  private appendToBlock(line: string): void {
    if (line === 'SECURITY ERROR') this.inSecurityProse = true;
    if (this.block.length < MAX_BLOCK_LINES) this.block.push(line);
    else this.blockDropped++;
  }

  private flushBlock(): void {
    if (this.blockKind === null) return;
    while (this.block.length > 1 && this.block[this.block.length - 1] === '') this.block.pop();
    if (this.blockDropped > 0) this.block.push(`… [${this.blockDropped} more lines]`);
    this.listener({ type: this.blockKind, text: this.block.join('\n') });
    this.blockKind = null;
    this.inSecurityProse = false;
    this.block = [];
    this.blockDropped = 0;
  }
}
