// A port of the parts of Go's net/url.Parse and URL.String that GOPROXY validation depends on:
// which entries Go refuses, with which words, and how Go prints a URL with its password redacted.
// Pure: never throws on odd input.

import { goQuote, goQuoteBytes } from './goText';

export interface GoUrl {
  scheme: string;
  opaque: string;
  user: { name: string; password: string | null } | null;
  host: string;
  omitHost: boolean;
  rawPath: string;
  query: string | null;
  fragment: string | null;
}

export function parseGoUrl(rawUrl: string): GoUrl | { error: string } {
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
export function unescapeProblem(s: string, mode: 'host' | 'other'): string | null {
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
export function goUnescape(s: string): string {
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
export function goUrlString(url: GoUrl, redact: boolean): string {
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
