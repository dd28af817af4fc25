// Module paths as they appear in proxy and checksum-database URLs (module.EscapePath), and the
// reverse: which module, version and file a URL in go's trace asks for. Pure: never throws.

import { goTrimSpace } from './goText';
import { withImplicitScheme } from './goproxyList';
import { goUnescape, unescapeProblem } from './goUrl';

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
