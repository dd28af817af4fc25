// GOSUMDB as Go reads it (modfetch/sumdb.go dbDial), and how Go reaches the checksum database
// through the GOPROXY list (dbClient.initBase over TryProxies). Pure: the probes act on it.

import { DEFAULT_GOSUMDB } from './goenv';
import type { ProxyEntry } from './goproxyList';
import type { EndpointProbe } from './probeReport';

export type SumDbConfig = { kind: 'off' } | { kind: 'invalid'; error: string } | { kind: 'db'; name: string; url: string | null };

/** modfetch dbDial: "name[+hash+key] [url]"; sum.golang.google.cn is an alias reached directly. */
export function parseGoSumDb(value: string): SumDbConfig {
  const gosumdb = value === 'sum.golang.google.cn' ? 'sum.golang.org https://sum.golang.google.cn' : value;
  if (gosumdb === 'off') return { kind: 'off' };
  const fields = gosumdb.split(/\s+/).filter((field) => field !== '');
  const key = fields[0];
  if (key === undefined) return { kind: 'invalid', error: 'missing GOSUMDB' };
  if (fields.length > 2) return { kind: 'invalid', error: 'invalid GOSUMDB: too many fields' };
  // Only sum.golang.org is known by name; any other database needs its full verifier key.
  if (key !== DEFAULT_GOSUMDB && !key.includes('+')) return { kind: 'invalid', error: 'invalid GOSUMDB: malformed verifier id' };
  return { kind: 'db', name: key.split('+')[0]!, url: fields[1] ?? null };
}

export type SumDbRoute = { kind: 'direct' } | { kind: 'proxy'; proxyUrl: string } | { kind: 'unavailable'; failed: EndpointProbe };

/**
 * modfetch dbClient.initBase over TryProxies: the first proxy answering 200 on /supported serves
 * the database; 404/410 (or an error on a '|' entry) tries the next; `direct` goes direct; any
 * other failure, when nothing reaches `direct`, leaves Go without a checksum database.
 */
export function sumDbRoute(entries: readonly ProxyEntry[], probes: ReadonlyMap<string, EndpointProbe>): SumDbRoute {
  let failed: EndpointProbe | null = null;
  for (const entry of entries) {
    if (entry.kind === 'noproxy') continue;
    if (entry.kind === 'direct') return { kind: 'direct' };
    if (entry.kind === 'off') break;
    const probe = probes.get(entry.url);
    if (probe === undefined) continue;
    if (probe.httpStatus === 200) return { kind: 'proxy', proxyUrl: entry.url };
    if (probe.httpStatus === 404 || probe.httpStatus === 410) continue;
    failed ??= probe;
    if (!entry.fallBackOnError) break;
  }
  return failed === null ? { kind: 'direct' } : { kind: 'unavailable', failed };
}
