// The values of go.mod directives as golang.org/x/mod/modfile rule.go (and module, semver) checks
// them: quoted strings, module paths and their major-version suffixes, versions. Each problem is
// reported with modfile's words; a value that fails yields null.

import type { Token } from './gomodRead';

export type Report = (message: string, at?: Token) => void;
export const ESCAPES = new Map(Object.entries({ a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' }));
export const HEX_WIDTHS = new Map([
  ['x', 2],
  ['u', 4],
  ['U', 8],
]);

/** strconv.Unquote for a lexed "..." token; null for invalid syntax. */
export function unquote(raw: string): string | null {
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body.charAt(i + 1);
    const simple = ESCAPES.get(e);
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
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
export function parseString(text: string): { value: string } | { error: string } {
  if (text.startsWith('"')) {
    const value = text.length >= 2 ? unquote(text) : null;
    return value === null ? { error: 'invalid syntax' } : { value };
  }
  return /["'`]/.test(text) ? { error: 'unquoted string cannot contain quote' } : { value: text };
}

export function stringArg(tok: Token, report: Report): string | null {
  const parsed = parseString(tok.text);
  if ('value' in parsed) return parsed.value;
  report(`invalid quoted string: ${parsed.error}`, tok);
  return null;
}

export const SEMVER = /^v(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
export const GO_VERSION = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
export const TOOLCHAIN = /^default$|^go1($|\.)/;

/** semver.IsValid restricted to full vMAJOR.MINOR.PATCH, which is what module.CanonicalVersion keeps. */
export function isFullSemver(v: string): boolean {
  const match = SEMVER.exec(v);
  return match !== null && !(match[1] ?? '').split('.').some((id) => /^0[0-9]+$/.test(id));
}

/** module.SplitPathVersion's major suffix: "/v2", ".v1" for gopkg.in, "" for none, null if malformed. */
export function pathMajor(path: string): string | null {
  if (path.startsWith('gopkg.in/')) return /\.v(?:0|[1-9][0-9]*(?:-unstable)?)$/.exec(path)?.[0] ?? null;
  const major = /\/v[0-9.]+$/.exec(path)?.[0] ?? '';
  return major.includes('.') || major.startsWith('/v0') || major === '/v1' ? null : major;
}

/** module.CheckPathMajor, as the reason after `invalid: `, or null when they agree. */
export function majorMismatch(version: string, major: string): string | null {
  if (major.startsWith('.v') && major.endsWith('-unstable')) return null;
  if (major === '.v1' && version.startsWith('v0.0.0-')) return null;
  const actual = version.slice(0, version.indexOf('.'));
  if (major === '') return actual === 'v0' || actual === 'v1' || version.endsWith('+incompatible') ? null : `should be v0 or v1, not ${actual}`;
  return actual === major.slice(1) ? null : `should be ${major.slice(1)}, not ${actual}`;
}

/** A simplified module.CheckPath: catches typos and paste accidents, not every rule Go has. */
export function pathProblem(path: string): string | null {
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

export const isDirectoryPath = (p: string): boolean => p === '.' || p === '..' || /^(?:\.{1,2}[\\/]|[\\/]|[A-Za-z]:)/.test(p);
export const errorPrefix = (verb: string, path: string): string => (path ? `${verb} ${path}: ` : `${verb}: `);

/**
 * A module path as modfile reads it: any (possibly quoted) token. modfile does not judge the path
 * itself (a leading dot, a `$`): go does when it uses it ("malformed module path"), and its words
 * are more precise than a parser's, so the judgement is left to go's answer.
 */
export function pathArg(tok: Token, report: Report): string | null {
  return stringArg(tok, report);
}

/** A module path with its major-version suffix checked, as require, exclude and replace need it. */
export function modulePathArg(verb: string, tok: Token, report: Report): { path: string; major: string } | null {
  const path = pathArg(tok, report);
  const major = path === null ? null : pathMajor(path);
  if (path !== null && major === null) report(`${errorPrefix(verb, path)}invalid module path`, tok);
  return path === null || major === null ? null : { path, major };
}

/** rule.go's parseVersion: a canonical version (build metadata other than +incompatible dropped), or null. */
export function versionArg(verb: string, path: string, major: string | null, tok: Token, report: Report): string | null {
  const parsed = parseString(tok.text);
  const raw = 'value' in parsed ? parsed.value : tok.text;
  if ('error' in parsed) {
    report(`${errorPrefix(verb, path)}version ${JSON.stringify(raw)} invalid: ${parsed.error}`, tok);
    return null;
  }
  // go reads go.mod with a version fixer: `latest`, a branch or a commit hash is resolved (and
  // rewritten) by go, which reports what it cannot resolve ("go.mod:5: unknown revision …").
  if (!isFullSemver(raw)) return raw;
  const problem = null;
  const plus = raw.indexOf('+');
  const version = plus >= 0 && raw.slice(plus) !== '+incompatible' ? raw.slice(0, plus) : raw;
  const reason = problem ?? (major === null ? null : majorMismatch(version, major));
  if (reason) report(`${errorPrefix(verb, path)}version ${JSON.stringify(raw)} invalid: ${reason}`, tok);
  return reason ? null : version;
}
