// HTTPS_PROXY / HTTP_PROXY / NO_PROXY exactly as Go reads them (golang.org/x/net/http/httpproxy):
// which forward proxy, if any, a request to a URL goes through. Pure: used by the probes, so a
// probe takes the same path through the network as `go` would.

import { BlockList, isIP } from 'node:net';
import { domainToASCII } from 'node:url';

export interface ForwardProxy {
  url: URL;
  source: 'HTTPS_PROXY' | 'HTTP_PROXY';
}

/** The forward proxy Go would use for this URL, or null for a direct connection. */
export function forwardProxyFor(target: URL, env: Record<string, string | undefined>): ForwardProxy | null {
  const source = target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  const url = parseProxyUrl(envAny(env, source, source.toLowerCase()));
  if (url === null) return null;
  return useProxy(target, envAny(env, 'NO_PROXY', 'no_proxy')) ? { url, source } : null;
}

/** The first of the names that is set and not empty (getEnvAny). */
function envAny(env: Record<string, string | undefined>, ...names: string[]): string {
  for (const name of names) {
    const value = env[name];
    if (value) return value;
  }
  return '';
}

/** parseProxy: "host:port" without a scheme means http://host:port; anything unparsable means no proxy. */
function parseProxyUrl(value: string): URL | null {
  if (value === '') return null;
  const parse = (text: string) => {
    try {
      return new URL(text);
    } catch {
      return null;
    }
  };
  const url = parse(value);
  if (url !== null && url.host !== '') return url;
  return parse(`http://${value}`);
}

type NoProxyRule = { kind: 'all' } | { kind: 'ip'; list: BlockList; port: string } | { kind: 'domain'; suffix: string; matchHost: boolean; port: string };

/** useProxy: localhost and loopback IPs never go through a proxy; then NO_PROXY decides. */
function useProxy(target: URL, noProxy: string): boolean {
  const host = hostnameOf(target).toLowerCase();
  const port = String(portOf(target));
  if (host === 'localhost') return false;
  const family = isIP(host);
  if (family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6')) return false;
  return !parseNoProxy(noProxy).some((rule) => {
    if (rule.kind === 'all') return true;
    if (rule.kind === 'ip') return family !== 0 && rule.list.check(host, family === 4 ? 'ipv4' : 'ipv6') && (rule.port === '' || rule.port === port);
    const matches = family === 0 && (host.endsWith(rule.suffix) || (rule.matchHost && host === rule.suffix.slice(1)));
    return matches && (rule.port === '' || rule.port === port);
  });
}

const LOOPBACK = (() => {
  const list = new BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
  return list;
})();

/** httpproxy config.init: "*", CIDRs, IPs with optional ports, and domains (".x", "*.x" subdomains only; "x" also itself). */
function parseNoProxy(value: string): NoProxyRule[] {
  const rules: NoProxyRule[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return [{ kind: 'all' }];
    const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
    const cidrFamily = cidr ? isIP(cidr[1]!) : 0;
    if (cidr && cidrFamily !== 0 && Number(cidr[2]) <= (cidrFamily === 4 ? 32 : 128)) {
      rules.push({ kind: 'ip', list: blockListOf(cidr[1]!, cidrFamily, Number(cidr[2])), port: '' });
      continue;
    }
    const split = splitHostPort(entry);
    if (split !== null && split.host === '') continue;
    const host = split?.host ?? entry;
    const port = split?.port ?? '';
    const ipFamily = isIP(host);
    if (ipFamily !== 0) {
      rules.push({ kind: 'ip', list: blockListOf(host, ipFamily, ipFamily === 4 ? 32 : 128), port });
      continue;
    }
    const bare = host.startsWith('*.') ? host.slice(1) : host;
    const matchHost = !bare.startsWith('.');
    const suffix = matchHost ? `.${bare}` : bare;
    rules.push({ kind: 'domain', suffix: domainToASCII(suffix) || suffix, matchHost, port });
  }
  return rules;
}

function blockListOf(address: string, family: number, prefix: number): BlockList {
  const list = new BlockList();
  list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list;
}

/** net.SplitHostPort: "[v6]:port" or "host:port" with exactly one colon; null when there is no port. */
function splitHostPort(text: string): { host: string; port: string } | null {
  if (text.startsWith('[')) {
    const match = /^\[([^\]]*)\]:([^:]*)$/.exec(text);
    return match ? { host: match[1]!, port: match[2]! } : null;
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0 || text.indexOf(':') !== colon) return null;
  return { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

/** WHATWG keeps IPv6 literals in brackets; sockets and certificate checks want them bare. */
export function hostnameOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : url.protocol === 'socks5:' || url.protocol === 'socks5h:' ? 1080 : 80;
}
