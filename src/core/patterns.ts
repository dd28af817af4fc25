// GOPRIVATE / GONOPROXY / GONOSUMDB / GOINSECURE / GOVCS patterns, exactly as Go matches them
// (golang.org/x/mod/module.MatchPrefixPatterns on top of path.Match), and the edits the fixes make
// to such lists. Pure: never throws on odd input.

import { trimPatternSpace } from './goText';

/**
 * Go's module.MatchPrefixPatterns exactly: comma list, NO whitespace trimming, empty patterns
 * skipped, trailing '/' ignored, a pattern with N slashes matched with path.Match against the first
 * N+1 elements, malformed globs never match.
 */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  for (const rawGlob of globs.split(',')) {
    const glob = rawGlob.endsWith('/') ? rawGlob.slice(0, -1) : rawGlob;
    if (glob === '') continue;
    const prefix = firstElements(target, countSlashes(glob) + 1);
    if (prefix !== null && pathMatch(glob, prefix).matched) return true;
  }
  return false;
}

function countSlashes(s: string): number {
  return s.split('/').length - 1;
}

/** The first n '/'-separated elements of target, or null when it has fewer. */
function firstElements(target: string, n: number): string | null {
  const elements = target.split('/');
  return elements.length < n ? null : elements.slice(0, n).join('/');
}

/**
 * Go's path.Match (*, ?, [...] with ^ negation and ranges, \\ escapes). badPattern mirrors
 * ErrBadPattern: like Go, a bad pattern is only reported if matching gets that far.
 */
export function pathMatch(pattern: string, name: string): { matched: boolean; badPattern: boolean } {
  const NO = { matched: false, badPattern: false };
  const BAD = { matched: false, badPattern: true };
  // Code points stand in for Go's runes; literal byte comparison is equivalent for valid UTF-8.
  let pat = Array.from(pattern);
  let str = Array.from(name);
  outer: while (pat.length > 0) {
    const { star, chunk, rest } = scanChunk(pat);
    pat = rest;
    if (star && chunk.length === 0) return { matched: !str.includes('/'), badPattern: false }; // trailing * stays within one element
    const here = matchChunk(chunk, str);
    if (here.ok && (here.rest.length === 0 || pat.length > 0)) {
      str = here.rest;
      continue;
    }
    if (here.bad) return BAD;
    if (star) {
      // Let the star swallow 1..k characters, never a '/'.
      for (let i = 0; i < str.length && str[i] !== '/'; i++) {
        const skipped = matchChunk(chunk, str.slice(i + 1));
        if (skipped.ok) {
          if (pat.length === 0 && skipped.rest.length > 0) continue; // the last chunk must exhaust the name
          str = skipped.rest;
          continue outer;
        }
        if (skipped.bad) return BAD;
      }
    }
    // Before answering "no", Go checks that the rest of the pattern is well-formed.
    while (pat.length > 0) {
      const next = scanChunk(pat);
      pat = next.rest;
      if (matchChunk(next.chunk, []).bad) return BAD;
    }
    return NO;
  }
  return { matched: str.length === 0, badPattern: false };
}

/** The next non-star segment, possibly preceded by stars ('*' inside [...] does not end it). */
function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let start = 0;
  while (pattern[start] === '*') start++;
  const star = start > 0;
  let inRange = false;
  for (let i = start; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 < pattern.length) i++;
    } else if (c === '[') {
      inRange = true;
    } else if (c === ']') {
      inRange = false;
    } else if (c === '*' && !inRange) {
      return { star, chunk: pattern.slice(start, i), rest: pattern.slice(i) };
    }
  }
  return { star, chunk: pattern.slice(start), rest: [] };
}

interface ChunkResult {
  ok: boolean;
  bad: boolean;
  rest: string[];
}

/**
 * Whether chunk (literals, ?, classes) matches the start of s. After a mismatch it keeps walking the
 * chunk only to detect a malformed pattern, exactly like Go.
 */
function matchChunk(chunk: string[], sIn: string[]): ChunkResult {
  const BAD: ChunkResult = { ok: false, bad: true, rest: [] };
  let ci = 0;
  let si = 0;
  let failed = false;
  while (ci < chunk.length) {
    failed = failed || si >= sIn.length;
    const c = chunk[ci];
    if (c === '[') {
      const r: number = failed ? 0 : (sIn[si++]?.codePointAt(0) ?? 0);
      ci++;
      const negated = chunk[ci] === '^';
      if (negated) ci++;
      let match = false;
      let ranges = 0;
      for (;;) {
        if (chunk[ci] === ']' && ranges > 0) {
          ci++;
          break;
        }
        const lo = getEsc(chunk, ci);
        if (lo === null) return BAD;
        ci = lo.next;
        let hi = lo.rune;
        if (chunk[ci] === '-') {
          const h = getEsc(chunk, ci + 1);
          if (h === null) return BAD;
          ci = h.next;
          hi = h.rune;
        }
        match = match || (lo.rune <= r && r <= hi);
        ranges++;
      }
      failed = failed || match === negated;
    } else if (c === '?') {
      if (!failed) failed = sIn[si++] === '/';
      ci++;
    } else {
      if (c === '\\') {
        ci++;
        if (ci >= chunk.length) return BAD;
      }
      if (!failed) failed = chunk[ci] !== sIn[si++];
      ci++;
    }
  }
  return failed ? { ok: false, bad: false, rest: [] } : { ok: true, bad: false, rest: sIn.slice(si) };
}

/** A possibly-escaped character inside [...]; null is ErrBadPattern (including "nothing after it"). */
function getEsc(chunk: string[], at: number): { rune: number; next: number } | null {
  let i = at;
  const first = chunk[i];
  if (first === undefined || first === '-' || first === ']') return null;
  if (first === '\\') {
    i++;
    if (i >= chunk.length) return null;
  }
  const rune = chunk[i]?.codePointAt(0) ?? 0;
  const next = i + 1;
  return next >= chunk.length ? null : { rune, next };
}

/** Patterns that can never match because of surrounding whitespace, or are malformed globs. */
export function suspiciousPatterns(globs: string): { pattern: string; problem: 'whitespace' | 'bad-glob' }[] {
  const found: { pattern: string; problem: 'whitespace' | 'bad-glob' }[] = [];
  for (const pattern of globs.split(',')) {
    const glob = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
    if (glob === '') continue; // Go skips empty patterns: harmless
    // Checked on the slash-stripped glob: in "a.com /" the space is what Go compares.
    if (trimPatternSpace(glob) !== glob) found.push({ pattern, problem: 'whitespace' });
    // Matching against "" makes path.Match walk and validate the whole pattern.
    if (pathMatch(glob, '').badPattern) found.push({ pattern, problem: 'bad-glob' });
  }
  return found;
}

/** Same list with whitespace removed around each pattern, and the then-empty entries dropped. */
export function trimPatterns(list: string): string {
  return list
    .split(',')
    .map(trimOnePattern)
    .filter((p) => p !== '')
    .join(',');
}

/** Also trims before a trailing '/', which Go strips before matching ("a.com /" is "a.com "). */
function trimOnePattern(pattern: string): string {
  const trimmed = trimPatternSpace(pattern);
  if (!trimmed.endsWith('/')) return trimmed;
  const core = trimPatternSpace(trimmed.slice(0, -1));
  return core === '' ? '' : `${core}/`;
}

/**
 * Appends a pattern to a comma list without duplicating it and without introducing whitespace.
 * Unchanged when an existing pattern already covers it (or covers modulePath, when given).
 */
export function addPattern(list: string, pattern: string, modulePath?: string): string {
  const added = trimPatternSpace(pattern);
  if (added === '') return list;
  const withoutSlash = (p: string) => (p.endsWith('/') ? p.slice(0, -1) : p);
  if (list.split(',').some((p) => withoutSlash(p) === withoutSlash(added))) return list;
  // A pattern that matches a literal prefix as a module path covers everything under it.
  if (modulePath !== undefined ? matchPrefixPatterns(list, modulePath) : !/[*?[\\]/.test(added) && matchPrefixPatterns(list, added)) {
    return list;
  }
  if (trimPatternSpace(list) === '') return added;
  return list.endsWith(',') ? `${list}${added}` : `${list},${added}`;
}

/** The list without one pattern (compared without a trailing '/'); the others keep their order. */
export function removePattern(list: string, pattern: string): string {
  const bare = (p: string) => trimPatternSpace(p).replace(/\/$/, '');
  return list
    .split(',')
    .filter((p) => bare(p) !== bare(pattern))
    .join(',');
}

/** Hosts where the first path element is an account, so `host/owner` is the narrowest useful pattern. */
const OWNER_REPO_HOSTS = new Set([
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'gitea.com',
  'gitee.com',
  'git.sr.ht',
  'dev.azure.com',
  'framagit.org',
]);

/**
 * The narrowest sensible GOPRIVATE pattern that covers a module: host/owner on well-known hosting
 * sites, otherwise the host. Always satisfies matchPrefixPatterns(result, modulePath) for a
 * non-empty path ('' cannot be matched by any pattern and yields '').
 */
export function narrowestPrivatePattern(modulePath: string): string {
  const [host = '', owner] = modulePath.split('/');
  const elements = OWNER_REPO_HOSTS.has(host.toLowerCase()) && owner !== undefined && owner !== '' ? [host, owner] : [host];
  const candidate = elements.map(escapeGlobLiteral).join('/');
  if (candidate !== '' && matchPrefixPatterns(candidate, modulePath)) return candidate;
  // Odd paths (leading '/', empty host): the whole path, literally, still matches itself.
  return escapeGlobLiteral(modulePath);
}

/** Makes a path element match itself literally; ',' cannot be escaped in a list, so '?' stands in. */
function escapeGlobLiteral(element: string): string {
  return element.replace(/[*?[\\]/g, '\\$&').replace(/,/g, '?');
}
