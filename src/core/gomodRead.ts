// The reading half of the go.mod / go.work parser: golang.org/x/mod/modfile read.go's lexer and
// its statement and block grammar, keeping positions. What each directive accepts is rule.go's
// business, in gomod.ts. Never throws: a problem becomes a GoModError and reading resumes on the
// next line.

/** 1-based line; 1-based columns in UTF-16 code units (as an editor counts); endColumn exclusive. */
export interface Span {
  line: number;
  column: number;
  endColumn: number;
}
export interface GoModError {
  line: number;
  column: number;
  endColumn: number;
  message: string;
}

// ---- lexer (read.go) -------------------------------------------------------------------

export interface Token {
  kind: 'ident' | 'string' | 'punct';
  text: string;
  column: number;
  endColumn: number;
}
export interface LexedLine {
  tokens: Token[];
  comment: string | null;
  error: GoModError | null;
}

const PUNCTUATION = '()[]{},';
// unicode.IsPrint: letters, marks, numbers, punctuation and symbols (plus ' ', which is never an identifier).
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Width in UTF-16 units of the identifier character at i (Go's isIdent), or 0 if there is none. */
function identWidth(src: string, i: number): number {
  const code = src.charCodeAt(i);
  if (code < 0x80) return code > 0x20 && code < 0x7f && !PUNCTUATION.includes(src.charAt(i)) ? 1 : 0;
  const ch = String.fromCodePoint(src.codePointAt(i) ?? 0);
  return PRINTABLE.test(ch) ? ch.length : 0;
}

function scanIdent(src: string, start: number): number {
  let i = start;
  // "//" and "/*" end an identifier even without a space: `example.com//x` is a path and a comment.
  while (i < src.length && !src.startsWith('//', i) && !src.startsWith('/*', i)) {
    const width = identWidth(src, i);
    if (width === 0) break;
    i += width;
  }
  return i;
}

/** Index just past the closing quote, or -1 when the line ends first (strings never span lines). */
function scanString(src: string, start: number): number {
  const quote = src.charAt(start);
  for (let i = start + 1; i < src.length; i++) {
    const ch = src.charAt(i);
    if (ch === quote) return i + 1;
    if (ch === '\\' && quote === '"') i++;
  }
  return -1;
}

function describeChar(src: string, i: number): string {
  const code = src.codePointAt(i) ?? 0;
  const [escape, digits] = code < 0x80 ? ['x', 2] : code < 0x10000 ? ['u', 4] : ['U', 8];
  return `'\\${escape}${code.toString(16).padStart(digits, '0')}'`;
}

/** Lexes one physical line. Only its first problem is kept: one bad line, one error. */
export function lexLine(src: string, line: number, lastLine: boolean): LexedLine {
  const out: LexedLine = { tokens: [], comment: null, error: null };
  const fail = (message: string, start: number, end: number): void => {
    out.error ??= { line, column: start + 1, endColumn: end + 1, message };
  };
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      out.comment = src.slice(i + 2);
      break;
    }
    if (src.startsWith('/*', i)) {
      fail('mod files must use // comments (not /* */ comments)', i, src.length);
      break;
    }
    const quoted = ch === '"' || ch === '`';
    const kind = quoted ? 'string' : PUNCTUATION.includes(ch) ? 'punct' : 'ident';
    const end = quoted ? scanString(src, i) : kind === 'punct' ? i + 1 : scanIdent(src, i);
    if (end < 0) {
      fail(`unexpected ${lastLine ? 'EOF' : 'newline'} in string`, i, src.length);
      break;
    }
    if (end === i) {
      const width = String.fromCodePoint(src.codePointAt(i) ?? 0).length;
      fail(`unexpected input character ${describeChar(src, i)}`, i, i + width);
      i += width;
      continue;
    }
    out.tokens.push({ kind, text: src.slice(i, end), column: i + 1, endColumn: end + 1 });
    i = end;
  }
  return out;
}

// ---- statements and blocks (read.go) ---------------------------------------------------

/** One statement as rule.go's add() sees it, with the comment text parseDirectiveComment would build. */
export interface Directive {
  verb: string;
  args: Token[];
  line: number;
  lineSpan: Span;
  inBlock: boolean;
  suffix: string | null; // the trailing comment, without "//"
  commentText: string;
}
/** Whole-line comments, with null for a blank line that modfile keeps as an empty comment. */
export type Comments = (string | null)[];
export interface OpenBlock {
  verb: string;
  known: boolean;
  start: Span;
  commentText: string;
  pending: Comments;
  hasLines: boolean;
}

/** A message quotes at most 60 characters of what it is about. */
export const shorten = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
export const isPunct = (tok: Token | undefined, text: string): boolean => tok?.kind === 'punct' && tok.text === text;
export const tokenSpan = (tok: Token, line: number): Span => ({ line, column: tok.column, endColumn: tok.endColumn });
export const joinComments = (comments: Comments): string =>
  comments
    .filter((c): c is string => c !== null)
    .map((c) => c.trim())
    .join('\n');

function directive(verb: string, args: Token[], lineSpan: Span, above: Comments, suffix: string | null, block: OpenBlock | null): Directive {
  const own = suffix === null ? above : [...above, suffix];
  // A line without comments of its own takes its block's (a retract rationale above `retract (`).
  const commentText = block !== null && own.length === 0 ? block.commentText : joinComments(own);
  return { verb, args, line: lineSpan.line, lineSpan, inBlock: block !== null, suffix, commentText };
}

function readTopLevelLine(
  lexed: LexedLine,
  span: Span,
  above: Comments,
  blockVerbs: ReadonlySet<string>,
  errors: GoModError[],
  visit: (d: Directive) => void,
): OpenBlock | null {
  const t = lexed.tokens;
  const n = t.length;
  if (isPunct(t[0], ')')) {
    errors.push({ ...span, message: "syntax error (unexpected ')': no block is open)" });
    return null;
  }
  // As in parseStmt: "(" ends a line to open a block, "( )" ends one to make an empty block; elsewhere it is a token.
  const opens = n >= 2 && isPunct(t[n - 1], '(');
  const empty = n >= 3 && isPunct(t[n - 2], '(') && isPunct(t[n - 1], ')');
  if (opens || empty) {
    const header = t.slice(0, n - (opens ? 1 : 2));
    const verb = header.map((tok) => tok.text).join(' ');
    const known = header.length === 1 && blockVerbs.has(verb);
    if (!known) errors.push({ ...span, message: `unknown block type: ${shorten(verb)}` });
    return opens ? { verb, known, start: span, commentText: joinComments(above), pending: [], hasLines: false } : null;
  }
  if (lexed.error === null && t[0]) visit(directive(t[0].text, t.slice(1), span, above, lexed.comment, null));
  return null;
}

function readBlockLine(block: OpenBlock, lexed: LexedLine, span: Span, errors: GoModError[], visit: (d: Directive) => void): OpenBlock | null {
  const t = lexed.tokens;
  if (t.length === 0) {
    // Like parseLineBlock, keep a blank line (once) as an empty comment: it stops the next line
    // from inheriting the block's comments, which is how Go reads retract rationales.
    const last = block.pending[block.pending.length - 1];
    if (lexed.comment !== null) block.pending.push(lexed.comment);
    else if (block.pending.length === 0 ? block.hasLines : last !== null) block.pending.push(null);
    return block;
  }
  if (isPunct(t[0], ')')) {
    const extra = t[1];
    if (extra) errors.push({ ...tokenSpan(extra, span.line), message: 'syntax error (expected newline after closing paren)' });
    return null;
  }
  const above = block.pending;
  block.pending = [];
  block.hasLines = true;
  if (block.known && lexed.error === null) visit(directive(block.verb, t, span, above, lexed.comment, block));
  return block;
}

/** Splits text into directives, reporting the lexer's and the block grammar's errors on the way. */
export function readDirectives(text: string, blockVerbs: ReadonlySet<string>, errors: GoModError[], visit: (d: Directive) => void): void {
  const lines = text.split('\n');
  let block: OpenBlock | null = null;
  let above: Comments = []; // whole-line comments directly above the next top-level statement
  for (let index = 0; index < lines.length; index++) {
    const lexed = lexLine(lines[index] ?? '', index + 1, index === lines.length - 1);
    if (lexed.error) errors.push(lexed.error);
    const first = lexed.tokens[0];
    const last = lexed.tokens[lexed.tokens.length - 1];
    const span = { line: index + 1, column: first?.column ?? 1, endColumn: last?.endColumn ?? 1 };
    if (block) {
      block = readBlockLine(block, lexed, span, errors, visit);
    } else if (!first) {
      // At top level a blank line separates a comment from the statement below it.
      if (lexed.comment === null) above = [];
      else above.push(lexed.comment);
    } else {
      block = readTopLevelLine(lexed, span, above, blockVerbs, errors, visit);
      above = [];
    }
  }
  if (block) errors.push({ ...block.start, message: `syntax error (unterminated block started at line ${block.start.line}; missing ')')` });
}
