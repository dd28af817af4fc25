// Streaming parser for what `go mod download -x` writes to stderr.
//
// The grammar comes from Go's source (web/http.go, modfetch/codehost/codehost.go, vcs/vcs.go; see
// shared/failure-catalog.md §1) and was checked against traces recorded from real runs
// (test/fixtures/traces, made by scripts/record-traces.ts). Lines of concurrent downloads interleave,
// so every event carries what identifies it (URL, cache dir) instead of relying on order.
// The parser keeps no history: memory is one partial line (capped) plus the current error block
// (capped). Nearly every line of a trace is `# get URL` or its status line: those two are read
// without regular expressions (they are the parser's hot path, see `npm run bench`); the
// expressions remain the definition, and test/unit/fuzz checks the two readings agree.

export type TraceEvent =
  | { type: 'http-start'; url: string }
  | { type: 'http-done'; url: string; status: number; statusText: string; seconds: number }
  | { type: 'http-error'; url: string; error: string }
  | { type: 'vcs-workdir'; dir: string; vcs: string; repo: string }
  | { type: 'vcs-lock'; path: string }
  | { type: 'vcs-start'; dir: string; command: string }
  | { type: 'vcs-done'; dir: string; command: string; seconds: number }
  | { type: 'vcs-ping'; dir: string; command: string }
  | { type: 'go-error'; text: string }
  | { type: 'go-warning'; text: string }
  | { type: 'toolchain'; text: string }
  | { type: 'unknown'; text: string };

export type TraceListener = (event: TraceEvent) => void;

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
const TOOLCHAIN = /^go: (?:downloading go\d|.* requires go >= .*; switching to |.*; switching to go)/;
const GO_WARNING = /^go: warning: /;
const FILE_POSITION = /^\S+:\d+(?::\d+)?: /;
const HELP_TEXT = /^(?:Confirm the import path was entered correctly\.|If this is a private repository, see )/;

/** An error block longer than this keeps its head and tail: evidence, not a memory sink. */
const MAX_BLOCK_LINES = 200;
/** A single line longer than this is cut (a 5 MB line must not become 5 MB of evidence). */
export const MAX_LINE_CHARS = 16_384;
/** What the parser keeps of a line while it is still arriving: enough to clip it as clip() would. */
const KEPT_CHARS = MAX_LINE_CHARS + 1;

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [${line.length - MAX_LINE_CHARS} more characters]` : line;
}

/** A blank as the expressions below read `\s`. */
const BLANK = /\s/;
/** Blanks beyond Latin-1: on a Latin-1 string the engine answers this without reading it. */
const WIDE_BLANK = /[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Whether a chunk holds a blank other than space, tab, carriage return and newline (those four
 * are found with indexOf as the lines go by): then every URL gets the full blank test instead.
 */
function hasOddBlank(chunk: string): boolean {
  return chunk.indexOf('\v') !== -1 || chunk.indexOf('\f') !== -1 || chunk.indexOf('\u00a0') !== -1 || WIDE_BLANK.test(chunk);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * `\d+(?:\.\d+)?` exactly spanning [from, to), as Number() reads it; -1 when it is something else.
 * Up to 15 digits the quotient of two exact doubles is the correctly rounded decimal, as Number()'s.
 */
function parseSeconds(line: string, from: number, to: number): number {
  let whole = 0;
  let index = from;
  let code = line.charCodeAt(index);
  for (; index < to && code >= 48 && code <= 57; code = line.charCodeAt(++index)) whole = whole * 10 + code - 48;
  if (index === from) return -1;
  if (index === to) return to - from <= 15 ? whole : Number(line.slice(from, to));
  if (code !== 46) return -1;
  const fraction = ++index;
  code = line.charCodeAt(index);
  for (; index < to && code >= 48 && code <= 57; code = line.charCodeAt(++index)) whole = whole * 10 + code - 48;
  if (index !== to || index === fraction) return -1;
  return to - from - 1 <= 15 ? whole / POWERS_OF_TEN[to - fraction]! : Number(line.slice(from, to));
}

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * HTTP_START and HTTP_DONE read by hand, on the line text[start, end) (the parser reads lines
 * where they lie in the chunk, without cutting them out first): the event the expressions would
 * give, or null when the line is not plainly one of them (the expressions then decide). Never
 * accepts a line they would read otherwise. clearUntil: the caller knows that text[start, clearUntil)
 * has no blank but spaces (so the URL needs no blank test when it ends there).
 */
function parseHttpAt(text: string, start: number, end: number, clearUntil: number): TraceEvent | null {
  let space = text.indexOf(' ', start + 6);
  if (space >= end) space = -1;
  if (space === -1) {
    if (end <= start + 6) return null;
    const url = text.slice(start + 6, end);
    return end <= clearUntil || !BLANK.test(url) ? { type: 'http-start', url } : null;
  }
  // `<url>: NNN[ text] (S.SSSs)`: the URL ends at the first blank, which follows its colon.
  if (space < start + 8 || text.charCodeAt(space - 1) !== 58) return null;
  const status = space + 1;
  const hundreds = text.charCodeAt(status) - 48;
  const tens = text.charCodeAt(status + 1) - 48;
  const units = text.charCodeAt(status + 2) - 48;
  if (!(hundreds >= 0 && hundreds <= 9 && tens >= 0 && tens <= 9 && units >= 0 && units <= 9)) return null;
  if (text.charCodeAt(end - 1) !== 41 || text.charCodeAt(end - 2) !== 115 || end - 2 < status + 3) return null;
  const url = text.slice(start + 6, space - 1);
  if (space - 1 > clearUntil && BLANK.test(url)) return null;
  const afterStatus = status + 3;
  // The `(` before the duration, found backwards over the duration's digits: searching forwards
  // from the status could run past the line's end, through the rest of the text, once per line.
  let open = end - 3;
  while (open > afterStatus && (isDigit(text.charCodeAt(open)) || text.charCodeAt(open) === 46)) open--;
  if (open < afterStatus + 1 || text.charCodeAt(open) !== 40 || text.charCodeAt(open - 1) !== 32) return null;
  const seconds = parseSeconds(text, open + 1, end - 2);
  if (seconds < 0) return null;
  let statusText = '';
  if (open - 1 > afterStatus) {
    if (text.charCodeAt(afterStatus) !== 32) return null;
    // `OK` is most of them: no need to cut and trim it.
    if (open - afterStatus === 4 && text.charCodeAt(afterStatus + 1) === 79 && text.charCodeAt(afterStatus + 2) === 75) {
      statusText = 'OK';
    } else {
      const words = text.slice(afterStatus + 1, open - 1);
      if (words.includes(')') || words.includes('(')) return null;
      statusText = words.trim();
    }
  }
  return { type: 'http-done', url, status: hundreds * 100 + tens * 10 + units, statusText, seconds };
}

/** Parses one complete line that is not part of an error block; null when it starts or continues one. */
export function parseTraceLine(line: string): TraceEvent | null {
  if (line.startsWith('# get ')) {
    const fast = parseHttpAt(line, 0, line.length, 0);
    if (fast) return fast;
    let m = HTTP_START.exec(line) ?? HTTP_RESUME.exec(line);
    if (m) return { type: 'http-start', url: m[1]! };
    m = HTTP_DONE.exec(line);
    if (m) return { type: 'http-done', url: m[1]!, status: Number(m[2]), statusText: (m[3] ?? '').trim(), seconds: Number(m[4]) };
    m = HTTP_ERROR.exec(line);
    if (m) return { type: 'http-error', url: m[1]!, error: m[2]! };
  }
  // Each remaining expression starts with its own literal: try only the one that can match.
  const first = line.charCodeAt(0);
  if (isDigit(first)) {
    const m = VCS_DONE.exec(line);
    if (m) return { type: 'vcs-done', dir: m[2]!, command: m[3]!, seconds: Number(m[1]) };
  } else if (line.startsWith('cd ')) {
    const m = VCS_START.exec(line);
    if (m) return { type: 'vcs-start', dir: m[1]!, command: m[2]! };
  } else if (line.startsWith('mkdir -p ')) {
    const m = VCS_WORKDIR.exec(line);
    if (m) return { type: 'vcs-workdir', dir: m[1]!, vcs: m[2]!, repo: m[3]! };
  } else if (line.startsWith('# ')) {
    let m = VCS_LOCK.exec(line);
    if (m) return { type: 'vcs-lock', path: m[1]! };
    m = VCS_REUSE.exec(line);
    if (m) return { type: 'vcs-workdir', dir: m[1]!, vcs: m[2]!, repo: m[3]! };
  }
  return null;
}

/** VERIFYING without backtracking: `verifying <mod>@<ver>: ` is one blank-free word ending in a colon. */
function isVerifyingLine(line: string): boolean {
  if (!line.startsWith('verifying ')) return false;
  const space = line.indexOf(' ', 10);
  if (space === -1 || line.charCodeAt(space - 1) !== 58) return false;
  const word = line.slice(10, space - 1);
  return word.length >= 3 && !BLANK.test(word) && word.slice(1, -1).includes('@');
}

/**
 * Feed it stderr chunks as they arrive; it calls the listener with one event per trace line, and one
 * `go-error` event per multi-line error block (the `go: …` line with its tab-indented continuation
 * and Go's help text, or a `verifying …` SECURITY ERROR block).
 */
export class TraceParser {
  /** The current line so far: its first KEPT_CHARS characters… */
  private partial = '';
  /** …and how many more arrived (a line longer than any evidence needs is not kept whole). */
  private partialDropped = 0;
  /** Whether the last character of a line that overflowed was a carriage return. */
  private partialEndsWithCR = false;
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

  /** Chunks may split lines anywhere: the events are the same whatever the chunk boundaries. */
  push(chunk: string): void {
    let start = 0;
    let newline = chunk.indexOf('\n');
    if (newline === -1) {
      this.keep(chunk);
      return;
    }
    if (this.partial.length > 0 || this.partialDropped > 0) {
      this.keep(chunk.slice(0, newline));
      this.flushPartial();
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    // Only the new chunk is searched: a long partial line is never scanned twice.
    // Where the next tab and carriage return are: a URL before both needs no blank test.
    const oddBlank = hasOddBlank(chunk);
    let tab = chunk.indexOf('\t', start);
    let cr = chunk.indexOf('\r', start);
    for (; newline !== -1; newline = chunk.indexOf('\n', start)) {
      const end = chunk.charCodeAt(newline - 1) === 13 && newline > start ? newline - 1 : newline;
      let event: TraceEvent | null = null;
      // The hot path: a `# get` line, read where it lies (an event line never continues an error block).
      if (end - start <= MAX_LINE_CHARS && chunk.startsWith('# get ', start)) {
        if (tab !== -1 && tab < start) tab = chunk.indexOf('\t', start);
        if (cr !== -1 && cr < start) cr = chunk.indexOf('\r', start);
        const clearUntil = oddBlank ? start : Math.min(tab === -1 ? end : tab, cr === -1 ? end : cr);
        event = parseHttpAt(chunk, start, end, clearUntil);
      }
      if (event) {
        this.lineCount++;
        this.flushBlock();
        this.pingDir = null;
        this.listener(event);
      } else {
        this.line(chunk.slice(start, newline));
      }
      start = newline + 1;
    }
    if (start < chunk.length) this.keep(chunk.slice(start));
  }

  /** Flushes a trailing line without newline (a truncated trace) and any open error block. */
  end(): void {
    if (this.partial.length > 0 || this.partialDropped > 0) this.flushPartial();
    this.flushBlock();
  }

  private keep(piece: string): void {
    const room = KEPT_CHARS - this.partial.length;
    if (piece.length <= room) {
      this.partial += piece;
    } else {
      if (room > 0) this.partial += piece.slice(0, room);
      this.partialDropped += piece.length - Math.max(room, 0);
    }
    if (this.partialDropped > 0 && piece.length > 0) this.partialEndsWithCR = piece.charCodeAt(piece.length - 1) === 13;
  }

  private flushPartial(): void {
    const head = this.partial;
    const dropped = this.partialDropped;
    this.partial = '';
    this.partialDropped = 0;
    if (dropped === 0) {
      this.line(head);
      return;
    }
    // Exactly what clip() makes of the whole line: its first characters and how many were cut.
    const length = head.length + dropped - (this.partialEndsWithCR ? 1 : 0);
    this.lineCount++;
    this.handle(`${head.slice(0, MAX_LINE_CHARS)}… [${length - MAX_LINE_CHARS} more characters]`);
  }

  private line(raw: string): void {
    this.lineCount++;
    this.handle(clip(raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw));
  }

  private handle(line: string): void {
    if (this.blockKind !== null && this.continuesBlock(line)) {
      this.appendToBlock(line);
      return;
    }
    const event = parseTraceLine(line);
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
    return this.inSecurityProse && !GO_LINE.test(line) && parseTraceLine(line) === null;
  }

  private startOrUnknown(line: string): void {
    const ping = line.startsWith('cd ') ? PING_CD.exec(line) : null;
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
    const goLine = line.startsWith('go: ');
    // GO_LINE (`^go: (.*)$`) without scanning by expression: no line terminator after the prefix.
    const plainGoLine = goLine && line.indexOf('\r') === -1 && line.indexOf('\u2028') === -1 && line.indexOf('\u2029') === -1;
    if (goLine && (line.startsWith('go: downloading go') || line.includes('; switching to ')) && TOOLCHAIN.test(line)) {
      this.flushBlock();
      this.listener({ type: 'toolchain', text: line });
      return;
    }
    if (goLine && GO_WARNING.test(line)) {
      this.openBlock('go-warning', line);
      return;
    }
    // `malformed go.sum:` (no `go:` prefix) heads the `<file>:<line>: <problem>` lines that follow it.
    if (plainGoLine || isVerifyingLine(line) || line === 'SECURITY ERROR' || line === 'malformed go.sum:') {
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
