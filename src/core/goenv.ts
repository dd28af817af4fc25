// The Go environment as the go command sees it: GOPROXY lists, GOPRIVATE-style patterns, GOSUMDB.
// Every rule is ported from Go's source (cmd/go/internal/modfetch/proxy.go, repo.go, sumdb.go,
// cmd/go/internal/cfg/cfg.go, golang.org/x/mod/module, path.Match, net/url) because the point of
// this file is to explain what Go did, so "close enough" would explain the wrong thing.
// Pure: node built-ins only, never throws on odd input.

export type GoEnv = Readonly<Record<string, string>>;

/** What $GOROOT/go.env supplies when GOPROXY / GOSUMDB are unset (an empty OS variable counts as unset). */
export const DEFAULT_GOPROXY = 'https://proxy.golang.org,direct';
export const DEFAULT_GOSUMDB = 'sum.golang.org';

/**
 * The variables asked of `go env -json`. Naming them matters: a bare `go env -json` also works out
 * the cgo flags (CGO_CFLAGS…, GOGCCFLAGS), which runs the C compiler and took 0.2–0.3 s per run with
 * an empty build cache, more than a whole download of a small module graph. None of these is one of
 * those costly ones. A name an older Go does not know comes back as "".
 */
export const GO_ENV_VARIABLES = [
  'GOVERSION', 'GOROOT', 'GOPATH', 'GOENV', 'GOMOD', 'GOWORK', 'GOMODCACHE', 'GOCACHE', 'GOFLAGS',
  'GO111MODULE', 'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB', 'GOINSECURE', 'GOVCS',
  'GOAUTH', 'GOTOOLCHAIN', 'GOOS', 'GOARCH', 'GOHOSTOS', 'GOHOSTARCH', 'GOTELEMETRY',
] as const;

/** Parses the stdout of `go env -json`; never throws. Non-string values are dropped (Go only emits strings). */
export function parseGoEnvJson(text: string): { env: GoEnv } | { error: string } {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return { error: 'go env -json printed nothing' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    return { error: `go env -json output is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'go env -json output is not a JSON object' };
  }
  // fromEntries defines own properties, so a "__proto__" key cannot change the prototype.
  const pairs = Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string');
  return { env: Object.freeze(Object.fromEntries(pairs)) };
}

// ---------------------------------------------------------------------------------------------
// Defaults (cfg.go: GONOPROXY and GONOSUMDB fall back to GOPRIVATE only when empty)

export function effectiveGoProxy(env: GoEnv): string {
  return nonEmpty(env.GOPROXY) ?? DEFAULT_GOPROXY;
}
export function effectiveGoSumDb(env: GoEnv): string {
  return nonEmpty(env.GOSUMDB) ?? DEFAULT_GOSUMDB;
}
/** GONOPROXY/GONOSUMDB default to GOPRIVATE when empty. */
export function effectiveNoProxy(env: GoEnv): string {
  return nonEmpty(env.GONOPROXY) ?? env.GOPRIVATE ?? '';
}
export function effectiveNoSumDb(env: GoEnv): string {
  return nonEmpty(env.GONOSUMDB) ?? env.GOPRIVATE ?? '';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

// ---------------------------------------------------------------------------------------------
// GOPROXY list (proxy.go proxyList)

export type ProxyEntry =
  | { kind: 'url'; url: string; raw: string; fallBackOnError: boolean }
  | { kind: 'direct'; raw: string; fallBackOnError: boolean }
  | { kind: 'off'; raw: string; fallBackOnError: boolean }
  | { kind: 'noproxy'; raw: ''; fallBackOnError: boolean };

/**
 * `errors[0]` is exactly the message Go prints (after `go: <module>@<version>: `). Go stops at the
 * first bad entry; we keep validating the rest so one report can name every bad entry, and
 * `entries` then holds only the valid ones. Any error means Go fails every lookup.
 */
export interface ProxyListResult {
  entries: ProxyEntry[];
  errors: string[];
}

export interface ParseGoProxyOptions {
  /** filepath.IsAbs follows the host OS: on Windows `C:\proxy` is absolute, so it gets no `https://`. */
  windows?: boolean;
}

const NO_ENTRIES = 'GOPROXY list is not the empty string, but contains no entries';

/**
 * Go's proxyList(): split on , and |, TrimSpace each entry, skip empty ones, `direct`/`off` end the
 * list, a bare host gets https://, allowed schemes http/https/file. The value is taken literally:
 * '' is an error here, as in Go; use effectiveGoProxy() to apply the go.env default first.
 */
export function parseGoProxy(goproxy: string, gonoproxy = '', options: ParseGoProxyOptions = {}): ProxyListResult {
  const entries: ProxyEntry[] = [];
  const errors: string[] = [];
  // Compared untrimmed, as Go does: "direct," still gets the implicit noproxy entry.
  if (gonoproxy !== '' && goproxy !== 'direct') entries.push({ kind: 'noproxy', raw: '', fallBackOnError: false });

  for (const { text, fallBackOnError } of splitProxyList(goproxy)) {
    const raw = goTrimSpace(text);
    if (raw === '') continue;
    if (raw === 'off' || raw === 'direct') {
      // Both end the list (Go ignores later entries "for forward-compatibility"), and Go does not
      // record a '|' after them: there is nothing left to fall back to.
      entries.push({ kind: raw, raw, fallBackOnError: false });
      break;
    }
    const url = withImplicitScheme(raw, options.windows ?? false);
    const problem = checkProxyUrl(url);
    if (problem !== null) errors.push(problem);
    else entries.push({ kind: 'url', url, raw, fallBackOnError });
  }
  const onlyNoproxy = entries.length === 1 && entries[0]?.kind === 'noproxy';
  if (errors.length === 0 && (entries.length === 0 || onlyNoproxy)) errors.push(NO_ENTRIES);
  return { entries, errors };
}

/** The separator after an entry decides its fallBackOnError: '|' yes, ',' (or the end) no. */
function splitProxyList(goproxy: string): { text: string; fallBackOnError: boolean }[] {
  const parts: { text: string; fallBackOnError: boolean }[] = [];
  let rest = goproxy;
  while (rest !== '') {
    const i = rest.search(/[,|]/);
    if (i < 0) {
      parts.push({ text: rest, fallBackOnError: false });
      break;
    }
    parts.push({ text: rest.slice(0, i), fallBackOnError: rest[i] === '|' });
    rest = rest.slice(i + 1);
  }
  return parts;
}

/** Single words are reserved for Go's keywords; anything with ".:/" but no ":/" that is not absolute gets https://. */
function withImplicitScheme(entry: string, windows: boolean): string {
  const looksLikeHost = /[.:/]/.test(entry) && !entry.includes(':/');
  const absolute = entry.startsWith('/') || (windows && /^(?:[A-Za-z]:[\\/]|[\\/]{2})/.test(entry));
  return looksLikeHost && !absolute ? `https://${entry}` : entry;
}

/** newProxyRepo's checks, with url.Parse errors in Go's wording. */
function checkProxyUrl(url: string): string | null {
  const parsed = parseGoUrl(url);
  if ('error' in parsed) return parsed.error;
  const redacted = goUrlString(parsed, true);
  switch (parsed.scheme) {
    case 'http':
    case 'https':
      return null;
    case 'file': {
      const onlyPath = parsed.opaque === '' && parsed.user === null && parsed.host === '' && parsed.query === null &&
        parsed.fragment === null && !parsed.omitHost;
      return onlyPath ? null : `invalid file:// proxy URL with non-path elements: ${redacted}`;
    }
    case '':
      return `invalid proxy URL missing scheme: ${redacted}`;
    default:
      return `invalid proxy URL scheme (must be https, http, file): ${redacted}`;
  }
}

/** Which entries Go would try for this module path, in order, honouring GONOPROXY (noproxy/direct only). */
export function proxiesForModule(env: GoEnv, modulePath: string): ProxyEntry[] {
  const noProxy = effectiveNoProxy(env);
  const { entries, errors } = parseGoProxy(effectiveGoProxy(env), noProxy, { windows: env.GOHOSTOS === 'windows' });
  if (errors.length > 0) return []; // Go fails before trying anything
  // repo.go lookup: "go" and "toolchain" are looked up as golang.org/toolchain.
  const path = modulePath === 'go' || modulePath === 'toolchain' ? 'golang.org/toolchain' : modulePath;
  // Entries that answer errNoproxy / errUseProxy at once (both "not exist") are not really tried.
  return matchPrefixPatterns(noProxy, path)
    ? entries.filter((e) => e.kind === 'noproxy' || e.kind === 'direct')
    : entries.filter((e) => e.kind !== 'noproxy');
}

/** A short display form of a GOPROXY value for a status bar, e.g. "proxy.golang.org → direct". '' means the default. */
export function shortGoProxy(goproxy: string): string {
  const { entries, errors } = parseGoProxy(goproxy === '' ? DEFAULT_GOPROXY : goproxy);
  if (errors.length > 0) return 'invalid GOPROXY';
  return entries
    .map((e, i) => `${entryLabel(e)}${i === entries.length - 1 ? '' : e.fallBackOnError ? ' | ' : ' → '}`)
    .join('');
}

function entryLabel(entry: ProxyEntry): string {
  if (entry.kind !== 'url') return entry.kind;
  const parsed = parseGoUrl(entry.url);
  if ('error' in parsed) return entry.raw;
  if (parsed.scheme === 'https') return parsed.host;
  // Plain http and file:// are worth seeing as such; never show credentials.
  return parsed.scheme === 'http' ? `http://${parsed.host}` : goUrlString(parsed, true);
}

// ---------------------------------------------------------------------------------------------
// A port of the parts of Go's net/url.Parse and URL.String that GOPROXY validation depends on.

interface GoUrl {
  scheme: string;
  opaque: string;
  user: { name: string; password: string | null } | null;
  host: string;
  omitHost: boolean;
  rawPath: string;
  query: string | null;
  fragment: string | null;
}

function parseGoUrl(rawUrl: string): GoUrl | { error: string } {
  const hash = rawUrl.indexOf('#');
  const beforeFragment = hash < 0 ? rawUrl : rawUrl.slice(0, hash);
  const fail = (url: string, message: string) => ({ error: `parse ${goQuote(url)}: ${message}` });
  const result = parseWithoutFragment(beforeFragment);
  if (typeof result === 'string') return fail(beforeFragment, result);
  if (hash >= 0) {
    const fragment = rawUrl.slice(hash + 1);
    const bad = unescapeProblem(fragment, 'other');
    if (bad !== null) return fail(rawUrl, bad);
    if (fragment !== '') result.fragment = fragment;
  }
  return result;
}

/** Returns the error text on failure (net/url parse()). */
function parseWithoutFragment(raw: string): GoUrl | string {
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'net/url: invalid control character in URL';
  const url: GoUrl = { scheme: '', opaque: '', user: null, host: '', omitHost: false, rawPath: '', query: null, fragment: null };
  if (raw === '*') return { ...url, rawPath: '*' };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw);
  if (raw.startsWith(':')) return 'missing protocol scheme';
  let rest = raw;
  if (scheme?.[1] !== undefined) {
    url.scheme = scheme[1].toLowerCase();
    rest = raw.slice(scheme[0].length);
  }
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    url.query = '';
    rest = rest.slice(0, -1);
  } else if (rest.includes('?')) {
    url.query = rest.slice(rest.indexOf('?') + 1);
    rest = rest.slice(0, rest.indexOf('?'));
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return { ...url, opaque: rest };
    if ((rest.split('/')[0] ?? '').includes(':')) return 'first path segment in URL cannot contain colon';
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const problem = parseAuthority(url, authority);
    if (problem !== null) return problem;
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  const bad = unescapeProblem(rest, 'other');
  if (bad !== null) return bad;
  url.rawPath = rest;
  return url;
}

function parseAuthority(url: GoUrl, authority: string): string | null {
  const at = authority.lastIndexOf('@');
  const hostProblem = checkHost(url.scheme, authority.slice(at + 1));
  if (hostProblem !== null) return hostProblem;
  url.host = authority.slice(at + 1);
  if (at < 0) return null;
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return 'net/url: invalid userinfo';
  const colon = userinfo.indexOf(':');
  const name = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const password = colon < 0 ? null : userinfo.slice(colon + 1);
  const bad = unescapeProblem(name, 'other') ?? (password === null ? null : unescapeProblem(password, 'other'));
  if (bad !== null) return bad;
  url.user = { name: goUnescape(name), password: password === null ? null : goUnescape(password) };
  return null;
}

/** net/url parseHost: IP literals, the port (strict first colon for http/https), host characters. */
function checkHost(scheme: string, host: string): string | null {
  const open = host.lastIndexOf('[');
  if (open > 0) return 'invalid IP-literal';
  let colonPort = '';
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    colonPort = host.slice(close + 1);
  } else if (host.includes(':')) {
    const strict = scheme === 'http' || scheme === 'https';
    colonPort = host.slice(strict ? host.indexOf(':') : host.lastIndexOf(':'));
  }
  if (!/^(?::[0-9]*)?$/.test(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
  // Deviation: the IPv6 literal itself is not validated (Go runs netip.ParseAddr on it).
  return open === 0 ? null : unescapeProblem(host, 'host');
}

/**
 * net/url unescape's validation: malformed %-escapes, and in a host only non-ASCII may be %-escaped.
 * Works on UTF-8 bytes like Go, so "%2é" reports the escape as "%2\xc3".
 */
function unescapeProblem(s: string, mode: 'host' | 'other'): string | null {
  // Outside a host only `%` escapes can be wrong: most paths have none (and need no byte copy).
  if (mode === 'other' && !s.includes('%')) return null;
  const bytes = Buffer.from(s, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x25 /* % */) {
      const hi = bytes[i + 1];
      const lo = bytes[i + 2];
      if (hi === undefined || lo === undefined || !isHexByte(hi) || !isHexByte(lo)) {
        return `invalid URL escape ${goQuoteBytes(bytes.subarray(i, i + 3))}`;
      }
      if (mode === 'host' && parseInt(String.fromCharCode(hi), 16) < 8 && !(hi === 0x32 && lo === 0x35)) {
        return `invalid URL escape ${goQuoteBytes(bytes.subarray(i, i + 3))}`;
      }
      i += 2;
    } else if (mode === 'host' && b < 0x80 && !HOST_KEEP.test(String.fromCharCode(b))) {
      return `invalid character ${goQuote(String.fromCharCode(b))} in host name`;
    }
  }
  return null;
}

function isHexByte(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}

/** Decodes %XX as bytes then UTF-8; assumes unescapeProblem() passed. */
function goUnescape(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // ASCII is its own byte: no Buffer per character (that made decoding a URL cost ~50 µs).
      const code = s.charCodeAt(i);
      if (code < 0x80) bytes.push(code);
      else bytes.push(...Buffer.from(s.charAt(i), 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Escapes every byte outside `keep` as %XX with upper-case hex, as net/url's escape does. */
function goEscape(s: string, keep: RegExp): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && keep.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const PATH_KEEP = /[A-Za-z0-9\-._~$&+,/:;=@]/;
const USER_KEEP = /[A-Za-z0-9\-._~$&+,;=]/;
const HOST_KEEP = /[A-Za-z0-9\-._~!"$&'()*+,;=:<>[\]]/;
const VALID_ENCODED_PATH = /^[A-Za-z0-9\-._~$&+,/:;=@!'()*[\]%]*$/;

const FRAGMENT_KEEP = /[A-Za-z0-9\-._~!$&()*+,/:;=?@]/;
const VALID_ENCODED_FRAGMENT = /^[A-Za-z0-9\-._~!$&'()*+,/:;=?@[\]%]*$/;

function escapedFragment(raw: string): string {
  return VALID_ENCODED_FRAGMENT.test(raw) ? raw : goEscape(goUnescape(raw), FRAGMENT_KEEP);
}

/** URL.String() (and Redacted(), which replaces a set password with "xxxxx"). */
function goUrlString(url: GoUrl, redact: boolean): string {
  let out = url.scheme === '' ? '' : `${url.scheme}:`;
  if (url.opaque !== '') {
    out += url.opaque;
  } else {
    const path = VALID_ENCODED_PATH.test(url.rawPath) ? url.rawPath : goEscape(goUnescape(url.rawPath), PATH_KEEP);
    if ((url.scheme !== '' || url.host !== '' || url.user !== null) && !(url.omitHost && url.host === '' && url.user === null)) {
      if (url.host !== '' || path !== '' || url.user !== null) out += '//';
      if (url.user !== null) {
        const password = url.user.password === null ? '' : `:${redact ? 'xxxxx' : goEscape(url.user.password, USER_KEEP)}`;
        out += `${goEscape(url.user.name, USER_KEEP)}${password}@`;
      }
      out += goEscape(goUnescape(url.host), HOST_KEEP);
    }
    if (path !== '' && !path.startsWith('/') && url.host !== '') out += '/';
    if (out === '' && (path.split('/')[0] ?? '').includes(':')) out += './';
    out += path;
  }
  if (url.query !== null) out += `?${url.query}`;
  if (url.fragment !== null) out += `#${escapedFragment(url.fragment)}`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// GOPRIVATE / GONOPROXY / GONOSUMDB / GOINSECURE patterns

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

/** True when Go would consult the checksum database for this module (sumdb.go useSumDB). */
export function usesSumDb(env: GoEnv, modulePath: string): boolean {
  if (modulePath === 'golang.org/toolchain') {
    // Toolchains cannot be listed in go.sum, so sumdb is required even with GOSUMDB=off, except for
    // a single file:// GOPROXY (distpack tests) or when running as the proxy itself.
    const goproxy = effectiveGoProxy(env);
    const singleFileProxy = goproxy.startsWith('file://') && !/[,|]/.test(goproxy);
    const asProxy = (env.GIT_HTTP_USER_AGENT ?? '').includes('proxy.golang.org');
    if (!singleFileProxy && !asProxy) return true;
  }
  return effectiveGoSumDb(env) !== 'off' && !matchPrefixPatterns(effectiveNoSumDb(env), modulePath);
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

// ---------------------------------------------------------------------------------------------
// Module path escaping and proxy / sumdb URLs

/** module.escapeString: upper-case letters become '!' + lower-case; null where Go refuses ('!' or non-ASCII). */
export function escapeModulePath(path: string): string | null {
  if (/[!\u0080-\uffff]/.test(path)) return null;
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** module.unescapeString: '!x' becomes 'X'; null for upper-case letters, a bad '!' or non-ASCII. */
export function unescapeModulePath(escaped: string): string | null {
  if (/[A-Z\u0080-\uffff]/.test(escaped) || /![^a-z]|!$/.test(escaped)) return null;
  return escaped.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

export type ProxyFileKind = 'info' | 'mod' | 'zip' | 'list' | 'latest' | 'sumdb-lookup';

/** A request decoded back into the module it was for. version is null for 'list' and 'latest'. */
export interface DecodedRequest {
  module: string;
  version: string | null;
  file: ProxyFileKind;
}

/**
 * Maps a GOPROXY request URL (…/<escaped path>/@v/<escaped version>.info|.mod|.zip, …/@v/list,
 * …/@latest) or a sumdb lookup (…/lookup/<path>@<version>, also via <proxy>/sumdb/<name>/) back to
 * the module. Pass the GOPROXY entries as proxyBase: the module path starts right after a matching
 * base. Without one, it is assumed to start at the first path segment containing a dot (Go requires
 * a dot in the first element), which misfires when the proxy's own path has a dotted segment
 * (Artifactory's `…/api/go/go.remote/`). Null when the URL is neither kind of request.
 */
export function decodeProxyUrl(url: string, proxyBase?: string | readonly string[]): DecodedRequest | null {
  const target = splitUrl(url);
  if (target === null) return null;
  const lookup = decodeSumDbLookup(target.path); // sum.golang.org is not under the proxy base
  if (lookup !== null) return lookup;
  if (proxyBase === undefined) return decodeModuleRequest(target.path, false);
  for (const candidate of typeof proxyBase === 'string' ? [proxyBase] : proxyBase) {
    const base = splitProxyBase(candidate);
    if (base === null || base.origin !== target.origin) continue;
    const basePath = base.path;
    if (!target.path.startsWith(`${basePath}/`)) continue;
    const decoded = decodeModuleRequest(target.path.slice(basePath.length), true);
    if (decoded !== null) return decoded;
  }
  return null;
}

/**
 * A GOPROXY entry split as splitUrl does, without its trailing slashes. Remembered: the engine asks
 * with the same few entries for every request of a run (splitting them again was a third of the
 * time the module state spent per trace line). Bounded, as any string may be passed.
 */
const proxyBases = new Map<string, { origin: string; path: string } | null>();

function splitProxyBase(candidate: string): { origin: string; path: string } | null {
  let base = proxyBases.get(candidate);
  if (base === undefined) {
    const split = splitUrl(withImplicitScheme(goTrimSpace(candidate), false));
    base = split === null ? null : { origin: split.origin, path: split.path.replace(/\/+$/, '') };
    if (proxyBases.size >= 64) proxyBases.clear();
    proxyBases.set(candidate, base);
  }
  return base;
}

/**
 * scheme://host (lower-cased, credentials dropped, since traces show them redacted) and the
 * percent-decoded path, without query or fragment. Module paths never contain '%', '@' or a
 * decoded '/', so decoding first is safe and lets "my proxy" and "my%20proxy" compare equal.
 */
function splitUrl(url: string): { origin: string; path: string } | null {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/.exec(goTrimSpace(url));
  if (m === null) return null;
  const authority = m[2] ?? '';
  const rawPath = m[3] ?? '';
  if (unescapeProblem(rawPath, 'other') !== null) return null;
  const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  return { origin: `${(m[1] ?? '').toLowerCase()}://${host}`, path: goUnescape(rawPath) };
}

function decodeModuleRequest(path: string, pathIsModuleRelative: boolean): DecodedRequest | null {
  const m = /^(.*?)\/@(?:v\/(list)|(latest)|v\/([^/]+)\.(info|mod|zip))$/.exec(path);
  if (m === null) return null;
  const module = decodeModulePart(m[1] ?? '', pathIsModuleRelative);
  if (module === null) return null;
  if (m[2] !== undefined) return { module, version: null, file: 'list' };
  if (m[3] !== undefined) return { module, version: null, file: 'latest' };
  const version = unescapeModulePath(m[4] ?? '');
  if (version === null || version === '') return null;
  return { module, version, file: m[5] as 'info' | 'mod' | 'zip' };
}

/** The sumdb client asks for /lookup/<escaped path>@<escaped version> (a go.mod check drops "/go.mod"). */
function decodeSumDbLookup(path: string): DecodedRequest | null {
  const m = /\/lookup\/([^@]+)@([^@/]+)$/.exec(path);
  if (m === null) return null;
  const module = unescapeModulePath(m[1] ?? '');
  const version = unescapeModulePath(m[2] ?? '');
  if (module === null || version === null || !isPlausibleModulePath(module)) return null;
  return { module, version, file: 'sumdb-lookup' };
}

function decodeModulePart(raw: string, relative: boolean): string | null {
  const segments = raw.replace(/^\/+/, '').split('/');
  const start = relative ? 0 : segments.findIndex((s) => s.includes('.'));
  if (start < 0) return null;
  const module = unescapeModulePath(segments.slice(start).join('/'));
  return module !== null && isPlausibleModulePath(module) ? module : null;
}

function isPlausibleModulePath(path: string): boolean {
  return path !== '' && !path.split('/').includes('');
}

// ---------------------------------------------------------------------------------------------
// Small Go-compatible string helpers

/** unicode.IsSpace, which strings.TrimSpace uses (it differs from JS trim: U+0085 yes, U+FEFF no). */
const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && GO_SPACE.includes(s.charAt(start))) start++;
  while (end > start && GO_SPACE.includes(s.charAt(end - 1))) end--;
  return s.slice(start, end);
}

/** For patterns we also strip a stray BOM: it can never be part of a module path either. */
function trimPatternSpace(s: string): string {
  return goTrimSpace(s.replace(/^\uFEFF+|\uFEFF+$/g, '')).replace(/^\uFEFF+|\uFEFF+$/g, '');
}

/** strconv.Quote of raw bytes: invalid UTF-8 shows as \\xNN. */
function goQuoteBytes(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes)) return goQuote(text);
  let out = '"';
  for (const b of bytes) out += b < 0x80 ? goQuote(String.fromCharCode(b)).slice(1, -1) : `\\x${b.toString(16).padStart(2, '0')}`;
  return `${out}"`;
}

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols (and ASCII space, checked separately). */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** strconv.Quote. */
function goQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (named[ch] !== undefined) out += named[ch];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (ch === ' ' || GO_PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
