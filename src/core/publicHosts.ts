// Hosts whose modules are public unless the user says otherwise: the big forges, Go's own hosts and
// well-known vanity hosts of public projects. A module there that fails is far more often gone,
// misspelt or refused than private, and marking a whole namespace there private would switch off
// the proxy and checksum verification for every module in it. So the ranking of causes (and the
// fixes offered first) differs for them; a GOPRIVATE/GONOPROXY pattern the user set always wins.

import { effectiveNoProxy, effectiveNoSumDb, type GoEnv } from './goenv';
import { matchPrefixPatterns } from './patterns';

const PUBLIC_HOSTS = new Set([
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'gitee.com',
  'git.sr.ht',
  'golang.org',
  'google.golang.org',
  'go.googlesource.com',
  'cloud.google.com',
  'gopkg.in',
  'k8s.io',
  'sigs.k8s.io',
  'go.uber.org',
  'go.etcd.io',
  'go.opentelemetry.io',
  'honnef.co',
  'launchpad.net',
  'gotest.tools',
  'go.mongodb.org',
  'nhooyr.io',
  'mvdan.cc',
  'rsc.io',
  'filippo.io',
  'dario.cat',
  'modernc.org',
]);

/** The default proxy and checksum database, and the storage behind them: never reached with credentials. */
export const PUBLIC_GO_SERVICES = new Set(['proxy.golang.org', 'sum.golang.org', 'storage.googleapis.com', 'index.golang.org']);

export function isPublicHost(host: string | null): boolean {
  return host !== null && PUBLIC_HOSTS.has(host.toLowerCase());
}

/** The user declared the module private (GOPRIVATE, or GONOPROXY / GONOSUMDB of their own). */
export function declaredPrivate(env: GoEnv, modulePath: string): boolean {
  return matchPrefixPatterns(effectiveNoProxy(env), modulePath) || matchPrefixPatterns(effectiveNoSumDb(env), modulePath);
}

/** Public unless declared private: on a public host, and no pattern of the user's covers it. */
export function looksPublic(env: GoEnv, modulePath: string | null): boolean {
  if (!modulePath) return false;
  const host = modulePath.split('/')[0] ?? '';
  return isPublicHost(host) && !declaredPrivate(env, modulePath);
}

/**
 * A GOPRIVATE/GONOPROXY pattern that covers this module and a whole public host (`github.com`,
 * `*`, `*.com`): it sends every public module there to its origin, past the proxy and the
 * checksum database. `variable` is the one to edit (GONOPROXY inherits GOPRIVATE when unset).
 */
export function tooBroadPattern(env: GoEnv, modulePath: string): { variable: 'GOPRIVATE' | 'GONOPROXY'; pattern: string } | null {
  const list = effectiveNoProxy(env);
  for (const raw of list.split(',')) {
    const pattern = raw.trim().replace(/\/$/, '');
    if (pattern === '' || pattern.includes('/') || !matchPrefixPatterns(pattern, modulePath)) continue;
    if (!isPublicHost(modulePath.split('/')[0] ?? null)) continue;
    if (isPublicHost(pattern) || /[*?[]/.test(pattern)) {
      const variable = (env.GONOPROXY ?? '').trim() !== '' && env.GONOPROXY !== env.GOPRIVATE ? 'GONOPROXY' : 'GOPRIVATE';
      return { variable, pattern };
    }
  }
  return null;
}

/** Hosts of forges that answer go-get for a prefix of a nested path, or only with credentials. */
export function forgeOf(host: string | null): 'gitlab' | 'azure' | 'bitbucket' | 'gitea' | null {
  if (!host) return null;
  const name = host.toLowerCase();
  if (name === 'dev.azure.com' || name.endsWith('.visualstudio.com')) return 'azure';
  if (name === 'bitbucket.org' || name.startsWith('bitbucket.')) return 'bitbucket';
  if (name === 'gitlab.com' || name.startsWith('gitlab.') || name.includes('.gitlab.')) return 'gitlab';
  if (name.startsWith('gitea.') || name === 'gitea.com') return 'gitea';
  return null;
}
