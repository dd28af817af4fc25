// The Go environment as the go command sees it: the variables asked of `go env`, their defaults,
// and whether Go consults the checksum database for a module. The GOPROXY list, the URL rules it
// depends on, the GOPRIVATE-style patterns and the proxy URLs live beside it (goproxyList.ts,
// goUrl.ts, patterns.ts, proxyUrls.ts). Every rule is ported from Go's source (cmd/go/internal/
// modfetch/proxy.go, repo.go, sumdb.go, cmd/go/internal/cfg/cfg.go) because the point is to
// explain what Go did, so "close enough" would explain the wrong thing.
// Pure: never throws on odd input.

import { matchPrefixPatterns } from './patterns';

export type GoEnv = Readonly<Record<string, string>>;

/** What $GOROOT/go.env supplies when GOPROXY / GOSUMDB are unset (an empty OS variable counts as unset). */
export const DEFAULT_GOPROXY = 'https://proxy.golang.org,direct';
export const DEFAULT_GOSUMDB = 'sum.golang.org';

/** GOPROXY values worth offering when the proxy in use is out of reach (the editor's proxyChoices default to these too). */
export const COMMON_GOPROXY_CHOICES = ['https://proxy.golang.org,direct', 'https://goproxy.io,direct', 'https://goproxy.cn,direct'] as const;

/**
 * GOSUMDB values worth offering when the checksum database is out of reach: sum.golang.google.cn
 * is sum.golang.org's own mirror (same key), reachable from mainland China. Offered only when a
 * probe shows it answering.
 */
export const COMMON_GOSUMDB_CHOICES = ['sum.golang.google.cn'] as const;

/**
 * The same choices in the order a user of that language would try them: in Chinese, the mirror most
 * developers in China use (goproxy.cn) first, since proxy.golang.org is blocked there. Only the
 * order changes: a probe still decides which of them answers, and the first that does is the fix.
 */
export function goproxyChoicesFor(lang: string): string[] {
  return lang === 'zh-CN' ? ['https://goproxy.cn,direct', 'https://goproxy.io,direct', 'https://proxy.golang.org,direct'] : [...COMMON_GOPROXY_CHOICES];
}

/**
 * The variables asked of `go env -json`. Naming them matters: a bare `go env -json` also works out
 * the cgo flags (CGO_CFLAGS…, GOGCCFLAGS), which runs the C compiler and took 0.2–0.3 s per run with
 * an empty build cache, more than a whole download of a small module graph. None of these is one of
 * those costly ones. A name an older Go does not know comes back as "".
 */
export const GO_ENV_VARIABLES = [
  'GOVERSION',
  'GOROOT',
  'GOPATH',
  'GOENV',
  'GOMOD',
  'GOWORK',
  'GOMODCACHE',
  'GOCACHE',
  'GOFLAGS',
  'GO111MODULE',
  'GOPROXY',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOSUMDB',
  'GOINSECURE',
  'GOVCS',
  'GOAUTH',
  'GOTOOLCHAIN',
  'GOOS',
  'GOARCH',
  'GOHOSTOS',
  'GOHOSTARCH',
  'GOTELEMETRY',
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
