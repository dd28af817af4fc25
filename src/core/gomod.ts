// A go.mod / go.work parser that keeps positions. It follows golang.org/x/mod/modfile:
// read.go for the lexer and the block grammar, rule.go for what each directive accepts,
// and uses modfile's messages. Unlike modfile it never stops at the first problem: each
// one becomes a GoModError and parsing resumes on the next line, so an editor can show
// them all. Lines are split on "\n" only; "\r" is blank space, as in Go.

/** 1-based line; 1-based columns in UTF-16 code units (as an editor counts); endColumn exclusive. */
export interface Span { line: number; column: number; endColumn: number }
export interface GoModError { line: number; column: number; endColumn: number; message: string }
/** pathSpan and versionSpan cover the raw tokens, quotes included; lineSpan runs from the first token to the last, without a trailing comment. */
export interface GoModRequire { path: string; version: string; indirect: boolean; line: number; pathSpan: Span; versionSpan: Span; lineSpan: Span; inBlock: boolean }
export interface GoModReplace { oldPath: string; oldVersion: string | null; newPath: string; newVersion: string | null; line: number; pathSpan: Span; lineSpan: Span }
export interface GoModExclude { path: string; version: string; line: number }
export interface GoModRetract { low: string; high: string; rationale: string; line: number }
export interface GoModTool { path: string; line: number }
export interface GoModGodebug { key: string; value: string; line: number }
export interface GoModFile {
  module: { path: string; line: number; pathSpan: Span; deprecated: string | null } | null;
  go: { version: string; line: number } | null;
  toolchain: { name: string; line: number } | null;
  godebug: GoModGodebug[]; requires: GoModRequire[]; replaces: GoModReplace[]; excludes: GoModExclude[];
  retracts: GoModRetract[]; tools: GoModTool[]; ignores: { path: string; line: number }[];
  errors: GoModError[];
}
export interface GoWorkFile {
  go: GoModFile['go']; toolchain: GoModFile['toolchain']; godebug: GoModGodebug[];
  uses: { path: string; line: number }[]; replaces: GoModReplace[]; errors: GoModError[];
}

// ---- lexer (read.go) -------------------------------------------------------------------

interface Token { kind: 'ident' | 'string' | 'punct'; text: string; column: number; endColumn: number }
interface LexedLine { tokens: Token[]; comment: string | null; error: GoModError | null }

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
function lexLine(src: string, line: number, lastLine: boolean): LexedLine {
  const out: LexedLine = { tokens: [], comment: null, error: null };
  const fail = (message: string, start: number, end: number): void => {
    out.error ??= { line, column: start + 1, endColumn: end + 1, message };
  };
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    if (src.startsWith('//', i)) { out.comment = src.slice(i + 2); break; }
    if (src.startsWith('/*', i)) { fail('mod files must use // comments (not /* */ comments)', i, src.length); break; }
    const quoted = ch === '"' || ch === '`';
    const kind = quoted ? 'string' : PUNCTUATION.includes(ch) ? 'punct' : 'ident';
    const end = quoted ? scanString(src, i) : kind === 'punct' ? i + 1 : scanIdent(src, i);
    if (end < 0) { fail(`unexpected ${lastLine ? 'EOF' : 'newline'} in string`, i, src.length); break; }
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
interface Directive {
  verb: string; args: Token[]; line: number; lineSpan: Span; inBlock: boolean;
  suffix: string | null; // the trailing comment, without "//"
  commentText: string;
}
/** Whole-line comments, with null for a blank line that modfile keeps as an empty comment. */
type Comments = (string | null)[];
interface OpenBlock { verb: string; known: boolean; start: Span; commentText: string; pending: Comments; hasLines: boolean }

const isPunct = (tok: Token | undefined, text: string): boolean => tok?.kind === 'punct' && tok.text === text;
const tokenSpan = (tok: Token, line: number): Span => ({ line, column: tok.column, endColumn: tok.endColumn });
const joinComments = (comments: Comments): string =>
  comments.filter((c): c is string => c !== null).map((c) => c.trim()).join('\n');

function directive(verb: string, args: Token[], lineSpan: Span, above: Comments, suffix: string | null, block: OpenBlock | null): Directive {
  const own = suffix === null ? above : [...above, suffix];
  // A line without comments of its own takes its block's (a retract rationale above `retract (`).
  const commentText = block !== null && own.length === 0 ? block.commentText : joinComments(own);
  return { verb, args, line: lineSpan.line, lineSpan, inBlock: block !== null, suffix, commentText };
}

function readTopLevelLine(lexed: LexedLine, span: Span, above: Comments, blockVerbs: ReadonlySet<string>,
  errors: GoModError[], visit: (d: Directive) => void): OpenBlock | null {
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

function readBlockLine(block: OpenBlock, lexed: LexedLine, span: Span, errors: GoModError[],
  visit: (d: Directive) => void): OpenBlock | null {
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
function readDirectives(text: string, blockVerbs: ReadonlySet<string>, errors: GoModError[], visit: (d: Directive) => void): void {
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

// ---- values (rule.go, module, semver) -------------------------------------------------

type Report = (message: string, at?: Token) => void;
const ESCAPES = new Map(Object.entries({ a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' }));
const HEX_WIDTHS = new Map([['x', 2], ['u', 4], ['U', 8]]);

/** strconv.Unquote for a lexed "..." token; null for invalid syntax. */
function unquote(raw: string): string | null {
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i);
    if (ch !== '\\') { out += ch; continue; }
    const e = body.charAt(i + 1);
    const simple = ESCAPES.get(e);
    if (simple !== undefined) { out += simple; i++; continue; }
    // \ooo (three octal digits), \xhh, \uhhhh, \Uhhhhhhhh: a byte for the first two, a code point otherwise.
    const octal = e >= '0' && e <= '7';
    const [start, width] = octal ? [i + 1, 3] : [i + 2, HEX_WIDTHS.get(e) ?? 0];
    const digits = body.slice(start, start + width);
    const valid = width > 0 && digits.length === width && (octal ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/).test(digits);
    const code = valid ? parseInt(digits, octal ? 8 : 16) : -1;
    const max = octal || e === 'x' ? 0xff : 0x10ffff;
    if (code < 0 || code > max || (code >= 0xd800 && code < 0xe000)) return null;
    out += String.fromCodePoint(code);
    i = start + width - 1;
  }
  return out;
}

/** rule.go's parseString: "..." is unquoted; any other quote character (backquotes too) is refused. */
function parseString(text: string): { value: string } | { error: string } {
  if (text.startsWith('"')) {
    const value = text.length >= 2 ? unquote(text) : null;
    return value === null ? { error: 'invalid syntax' } : { value };
  }
  return /["'`]/.test(text) ? { error: 'unquoted string cannot contain quote' } : { value: text };
}

function stringArg(tok: Token, report: Report): string | null {
  const parsed = parseString(tok.text);
  if ('value' in parsed) return parsed.value;
  report(`invalid quoted string: ${parsed.error}`, tok);
  return null;
}

const SEMVER = /^v(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const GO_VERSION = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
const TOOLCHAIN = /^default$|^go1($|\.)/;

/** semver.IsValid restricted to full vMAJOR.MINOR.PATCH, which is what module.CanonicalVersion keeps. */
function isFullSemver(v: string): boolean {
  const match = SEMVER.exec(v);
  return match !== null && !(match[1] ?? '').split('.').some((id) => /^0[0-9]+$/.test(id));
}

/** module.SplitPathVersion's major suffix: "/v2", ".v1" for gopkg.in, "" for none, null if malformed. */
function pathMajor(path: string): string | null {
  if (path.startsWith('gopkg.in/')) return /\.v(?:0|[1-9][0-9]*(?:-unstable)?)$/.exec(path)?.[0] ?? null;
  const major = /\/v[0-9.]+$/.exec(path)?.[0] ?? '';
  return major.includes('.') || major.startsWith('/v0') || major === '/v1' ? null : major;
}

/** module.CheckPathMajor, as the reason after `invalid: `, or null when they agree. */
function majorMismatch(version: string, major: string): string | null {
  if (major.startsWith('.v') && major.endsWith('-unstable')) return null;
  if (major === '.v1' && version.startsWith('v0.0.0-')) return null;
  const actual = version.slice(0, version.indexOf('.'));
  if (major === '') return actual === 'v0' || actual === 'v1' || version.endsWith('+incompatible') ? null : `should be v0 or v1, not ${actual}`;
  return actual === major.slice(1) ? null : `should be ${major.slice(1)}, not ${actual}`;
}

/** A simplified module.CheckPath: catches typos and paste accidents, not every rule Go has. */
function pathProblem(path: string): string | null {
  if (path === '') return 'empty string';
  const bad = /[^A-Za-z0-9._~+/-]/u.exec(path);
  if (bad) return `invalid char ${JSON.stringify(bad[0])}`;
  if (path.startsWith('/')) return 'leading slash';
  if (path.endsWith('/')) return 'trailing slash';
  for (const elem of path.split('/')) {
    if (elem === '') return 'double slash';
    if (elem.startsWith('.')) return `leading dot in path element ${JSON.stringify(elem)}`;
    if (elem.endsWith('.')) return `trailing dot in path element ${JSON.stringify(elem)}`;
  }
  return null;
}

const isDirectoryPath = (p: string): boolean => p === '.' || p === '..' || /^(?:\.{1,2}[\\/]|[\\/]|[A-Za-z]:)/.test(p);
const errorPrefix = (verb: string, path: string): string => (path ? `${verb} ${path}: ` : `${verb}: `);
const shorten = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

function pathArg(tok: Token, report: Report): string | null {
  const path = stringArg(tok, report);
  const problem = path === null ? null : pathProblem(path);
  if (problem) report(`malformed module path ${JSON.stringify(path)}: ${problem}`, tok);
  return problem ? null : path;
}

/** A module path with its major-version suffix checked, as require, exclude and replace need it. */
function modulePathArg(verb: string, tok: Token, report: Report): { path: string; major: string } | null {
  const path = pathArg(tok, report);
  const major = path === null ? null : pathMajor(path);
  if (path !== null && major === null) report(`${errorPrefix(verb, path)}invalid module path`, tok);
  return path === null || major === null ? null : { path, major };
}

/** rule.go's parseVersion: a canonical version (build metadata other than +incompatible dropped), or null. */
function versionArg(verb: string, path: string, major: string | null, tok: Token, report: Report): string | null {
  const parsed = parseString(tok.text);
  const raw = 'value' in parsed ? parsed.value : tok.text;
  const problem = 'error' in parsed ? parsed.error : isFullSemver(raw) ? null : 'must be of the form v1.2.3';
  const plus = raw.indexOf('+');
  const version = plus >= 0 && raw.slice(plus) !== '+incompatible' ? raw.slice(0, plus) : raw;
  const reason = problem ?? (major === null ? null : majorMismatch(version, major));
  if (reason) report(`${errorPrefix(verb, path)}version ${JSON.stringify(raw)} invalid: ${reason}`, tok);
  return reason ? null : version;
}

// ---- directives (rule.go) -------------------------------------------------------------

const onlyArg = (d: Directive): Token | null => (d.args.length === 1 ? d.args[0] ?? null : null);

function readReplace(d: Directive, report: Report): GoModReplace | null {
  const t = d.args;
  const arrow = t[1]?.text === '=>' ? 1 : 2;
  const oldTok = t[0];
  const newTok = t[arrow + 1];
  if (!oldTok || !newTok || t.length > arrow + 3 || t[arrow]?.text !== '=>') {
    report(`usage: ${d.verb} module/path [v1.2.3] => other/module v1.4 or ${d.verb} module/path [v1.2.3] => ../local/directory`);
    return null;
  }
  const old = modulePathArg(d.verb, oldTok, report);
  const oldVersionTok = arrow === 2 ? t[1] : undefined;
  const oldVersion = old && oldVersionTok ? versionArg(d.verb, old.path, old.major, oldVersionTok, report) : null;
  if (!old || (oldVersionTok && oldVersion === null)) return null;
  const newPath = stringArg(newTok, report);
  const newVersionTok = t[arrow + 2];
  if (newPath === null) return null;
  const entry = (newVersion: string | null): GoModReplace => ({ oldPath: old.path, oldVersion, newPath, newVersion,
    line: d.line, pathSpan: tokenSpan(oldTok, d.line), lineSpan: d.lineSpan });
  if (!newVersionTok) {
    if (isDirectoryPath(newPath)) return entry(null);
    report(newPath.includes('@') ? "replacement module must match format 'path version', not 'path@version'"
      : 'replacement module without version must be directory path (rooted or starting with . or ..)', newTok);
    return null;
  }
  const newVersion = versionArg(d.verb, newPath, null, newVersionTok, report);
  if (newVersion === null) return null;
  if (isDirectoryPath(newPath)) {
    report(`replacement module directory path ${JSON.stringify(newPath)} cannot have version`, newVersionTok);
    return null;
  }
  return pathArg(newTok, report) === null ? null : entry(newVersion);
}

/** rule.go's parseVersionInterval: `v1.2.3` or `[v1.0.0, v1.2.0]`, and nothing after it. */
function readRetract(d: Directive, report: Report): GoModRetract | null {
  const t = d.args;
  const version = (i: number, missing: string): string | null => {
    const tok = t[i];
    if (!tok) report(missing);
    return tok ? versionArg('retract', '', null, tok, report) : null;
  };
  if (!t[0] || t[0].text === '(') { report("expected '[' or version"); return null; }
  const interval = t[0].text === '[';
  const low = version(interval ? 1 : 0, "expected version after '['");
  if (low === null) return null;
  if (interval && t[2]?.text !== ',') { report("expected ',' after version"); return null; }
  const high = interval ? version(3, "expected version after ','") : low;
  if (high === null) return null;
  if (interval && t[4]?.text !== ']') { report("expected ']' after version"); return null; }
  const extra = t[interval ? 5 : 1];
  if (extra) { report(`unexpected token after version: ${JSON.stringify(extra.text)}`, extra); return null; }
  return { low, high, rationale: d.commentText, line: d.line };
}

/** go, toolchain, godebug and replace read the same in go.mod and go.work; false for any other verb. */
function addShared(d: Directive, file: GoWorkFile | GoModFile, report: Report): boolean {
  const arg = onlyArg(d);
  switch (d.verb) {
    case 'go':
      if (file.go) report('repeated go statement');
      else if (!arg) report('go directive expects exactly one argument');
      else if (!GO_VERSION.test(arg.text)) report(`invalid go version '${arg.text}': must match format 1.23.0`, arg);
      else file.go = { version: arg.text, line: d.line };
      return true;
    case 'toolchain':
      if (file.toolchain) report('repeated toolchain statement');
      else if (!arg) report('toolchain directive expects exactly one argument');
      else if (!TOOLCHAIN.test(arg.text)) report(`invalid toolchain version '${arg.text}': must match format go1.23.0 or default`, arg);
      else file.toolchain = { name: arg.text, line: d.line };
      return true;
    case 'godebug': {
      const eq = arg && !/["`',]/.test(arg.text) ? arg.text.indexOf('=') : -1;
      if (!arg || eq < 0) report('usage: godebug key=value');
      else file.godebug.push({ key: arg.text.slice(0, eq), value: arg.text.slice(eq + 1), line: d.line });
      return true;
    }
    case 'replace': {
      const replace = readReplace(d, report);
      if (replace) file.replaces.push(replace);
      return true;
    }
    default:
      return false;
  }
}

function addRequireOrExclude(d: Directive, mod: GoModFile, report: Report): void {
  const [pathTok, versionTok] = d.args;
  if (d.args.length !== 2 || !pathTok || !versionTok) { report(`usage: ${d.verb} module/path v1.2.3`); return; }
  const mp = modulePathArg(d.verb, pathTok, report);
  const version = mp && versionArg(d.verb, mp.path, mp.major, versionTok, report);
  if (!mp || version === null) return;
  if (d.verb === 'exclude') { mod.excludes.push({ path: mp.path, version, line: d.line }); return; }
  mod.requires.push({ path: mp.path, version, indirect: isIndirect(d.suffix), line: d.line, pathSpan: tokenSpan(pathTok, d.line),
    versionSpan: tokenSpan(versionTok, d.line), lineSpan: d.lineSpan, inBlock: d.inBlock });
}

/** `// indirect` or `// indirect; other words`, exactly as rule.go's isIndirect reads it. */
function isIndirect(suffix: string | null): boolean {
  const fields = suffix === null ? [] : suffix.trim().split(/\s+/);
  return (fields.length === 1 && fields[0] === 'indirect') || (fields.length > 1 && fields[0] === 'indirect;');
}

/** The first paragraph starting "Deprecated:" (rule.go's deprecatedRE), without backtracking. */
function deprecation(text: string): string | null {
  for (let at = text.indexOf('Deprecated:'); at >= 0; at = text.indexOf('Deprecated:', at + 1)) {
    if (at !== 0 && !(at >= 2 && text.startsWith('\n\n', at - 2))) continue;
    let start = at + 'Deprecated:'.length;
    while (text.charAt(start) === ' ') start++;
    const end = text.indexOf('\n\n', start);
    return text.slice(start, end < 0 ? text.length : end) || null;
  }
  return null;
}

function addModDirective(d: Directive, mod: GoModFile, moduleSeen: boolean, report: Report): void {
  if (addShared(d, mod, report)) return;
  const arg = onlyArg(d);
  switch (d.verb) {
    case 'module': {
      if (moduleSeen) { report('repeated module statement'); return; }
      if (!arg) { report('usage: module module/path'); return; }
      const path = pathArg(arg, report);
      if (path !== null) mod.module = { path, line: d.line, pathSpan: tokenSpan(arg, d.line), deprecated: deprecation(d.commentText) };
      return;
    }
    case 'require': case 'exclude': addRequireOrExclude(d, mod, report); return;
    case 'retract': { const retract = readRetract(d, report); if (retract) mod.retracts.push(retract); return; }
    case 'tool': case 'ignore': {
      const path = arg ? stringArg(arg, report) : null;
      if (!arg) report(`${d.verb} directive expects exactly one argument`);
      if (path !== null) (d.verb === 'tool' ? mod.tools : mod.ignores).push({ path, line: d.line });
      return;
    }
    default: report(`unknown directive: ${shorten(d.verb)}`);
  }
}

// ---- entry points ----------------------------------------------------------------------

const MOD_BLOCKS: ReadonlySet<string> = new Set(['module', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']);
const WORK_BLOCKS: ReadonlySet<string> = new Set(['godebug', 'use', 'replace']);

function reporter(d: Directive, errors: GoModError[]): Report {
  return (message, at) => { errors.push({ ...(at ? tokenSpan(at, d.line) : d.lineSpan), message }); };
}

/** Like modfile's recover in parse(): a bug here becomes an error value, never an exception. */
function guarded(errors: GoModError[], run: () => void): void {
  try {
    run();
  } catch (err: unknown) {
    errors.push({ line: 1, column: 1, endColumn: 1, message: `internal error: ${String(err)}` });
  }
}

export function parseGoMod(text: string): GoModFile {
  const mod: GoModFile = { module: null, go: null, toolchain: null, godebug: [], requires: [], replaces: [],
    excludes: [], retracts: [], tools: [], ignores: [], errors: [] };
  // Go counts a module statement even when it is malformed, so a second one is still "repeated".
  let moduleSeen = false;
  guarded(mod.errors, () => readDirectives(text, MOD_BLOCKS, mod.errors, (d) => {
    addModDirective(d, mod, moduleSeen, reporter(d, mod.errors));
    moduleSeen ||= d.verb === 'module';
  }));
  return mod;
}

export function parseGoWork(text: string): GoWorkFile {
  const work: GoWorkFile = { go: null, toolchain: null, godebug: [], uses: [], replaces: [], errors: [] };
  guarded(work.errors, () => readDirectives(text, WORK_BLOCKS, work.errors, (d) => {
    const report = reporter(d, work.errors);
    if (addShared(d, work, report)) return;
    if (d.verb !== 'use') { report(`unknown directive: ${shorten(d.verb)}`); return; }
    const arg = onlyArg(d);
    const path = arg ? stringArg(arg, report) : null;
    if (!arg) report('usage: use local/dir');
    if (path !== null) work.uses.push({ path, line: d.line });
  }));
  return work;
}

/** The first requirement of each path, per parsed file: the classifier asks once per finding. */
const requiresByPath = new WeakMap<GoModFile, { count: number; byPath: Map<string, GoModRequire> }>();

/** The line of `require <path>` for that module path (exact path match), or null. */
export function findRequire(mod: GoModFile, modulePath: string): GoModRequire | null {
  let index = requiresByPath.get(mod);
  // Rebuilt if requirements were added since (a parsed file is not meant to change, but may).
  if (!index || index.count !== mod.requires.length) {
    const byPath = new Map<string, GoModRequire>();
    for (const require of mod.requires) if (!byPath.has(require.path)) byPath.set(require.path, require);
    index = { count: mod.requires.length, byPath };
    requiresByPath.set(mod, index);
  }
  return index.byPath.get(modulePath) ?? null;
}

/** The replace whose old path (and old version, when the replace names one) matches, or null. */
export function findReplace(mod: GoModFile, modulePath: string, version: string): GoModReplace | null {
  // As in the go command, a replacement of that exact version wins over one for every version.
  const forPath = mod.replaces.filter((r) => r.oldPath === modulePath);
  return forPath.find((r) => r.oldVersion === version) ?? forPath.find((r) => r.oldVersion === null) ?? null;
}
