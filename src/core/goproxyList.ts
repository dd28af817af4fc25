// The GOPROXY list as Go reads it (cmd/go/internal/modfetch/proxy.go proxyList, TryProxies): its
// entries, which of them Go tries for a module (GONOPROXY), and short and credential-free forms of
// a value for people. Pure: never throws on odd input.

import { DEFAULT_GOPROXY, effectiveGoProxy, effectiveNoProxy, type GoEnv } from './goenv';
import { goTrimSpace } from './goText';
import { goUrlString, parseGoUrl } from './goUrl';
import { matchPrefixPatterns } from './patterns';

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
export function withImplicitScheme(entry: string, windows: boolean): string {
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
      const onlyPath =
        parsed.opaque === '' && parsed.user === null && parsed.host === '' && parsed.query === null && parsed.fragment === null && !parsed.omitHost;
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
  return matchPrefixPatterns(noProxy, path) ? entries.filter((e) => e.kind === 'noproxy' || e.kind === 'direct') : entries.filter((e) => e.kind !== 'noproxy');
}

/** A GOPROXY list with the user:password@ of every URL entry taken out (for a value a person edits and writes back). */
export function withoutCredentials(goproxy: string): string {
  return goproxy.replace(/([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/@,|]*@/gi, '$1');
}

/** A short display form of a GOPROXY value for a status bar, e.g. "proxy.golang.org → direct". '' means the default. */
export function shortGoProxy(goproxy: string): string {
  const { entries, errors } = parseGoProxy(goproxy === '' ? DEFAULT_GOPROXY : goproxy);
  if (errors.length > 0) return 'invalid GOPROXY';
  return entries.map((e, i) => `${entryLabel(e)}${i === entries.length - 1 ? '' : e.fallBackOnError ? ' | ' : ' → '}`).join('');
}

function entryLabel(entry: ProxyEntry): string {
  if (entry.kind !== 'url') return entry.kind;
  const parsed = parseGoUrl(entry.url);
  if ('error' in parsed) return entry.raw;
  if (parsed.scheme === 'https') return parsed.host;
  // Plain http and file:// are worth seeing as such; never show credentials.
  return parsed.scheme === 'http' ? `http://${parsed.host}` : goUrlString(parsed, true);
}
