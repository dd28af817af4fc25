// Which failure class an error text belongs to. The rules are ordered: the first that matches
// wins, most specific first. Two orderings matter: the checksum database's 404 answer quotes the
// git error it hit ("terminal prompts disabled"), so sumdb rules come before git rules; and an
// HTTP(S)_PROXY failure also says "connection refused", so `proxyconnect` comes before that.
// Texts come from Go's source and from git and OpenSSH (shared/failure-catalog.md §2).

import type { FailureClass } from './types';

export interface ErrorFacts {
  class: FailureClass;
  /** The URL the error names (a proxy, sumdb or git URL), when there is one. */
  url: string | null;
  /** The HTTP status the error names, when there is one. */
  status: number | null;
}

interface Rule {
  class: FailureClass;
  test: (text: string) => boolean;
}

const has =
  (...needles: (string | RegExp)[]) =>
  (text: string) =>
    needles.some((needle) => (typeof needle === 'string' ? text.includes(needle) : needle.test(text)));

/** A checksum-database lookup that failed with a status: sum.golang.org itself, or a proxy's /sumdb/<db>/ mirror. */
const SUMDB_LOOKUP = /reading (\S+\/lookup\/\S+?): (\d{3})/;
const SUMDB_FAILURE = /verifying (?:module|go\.mod): |\/sumdb\/[^/\s]+\/supported|sum\.golang\.org|\/sumdb\/[^/\s]+\/lookup\//;
/** A proxy's mirror of the checksum database answered with something that is not the database (a missing tile, a malformed record). */
const SUMDB_MIRROR_BROKEN =
  /reading https?:\/\/(?!sum\.golang\.org\/)\S+\/sumdb\/\S+\/tile\/\S+: \d{3}|reading https?:\/\/(?!sum\.golang\.org\/)\S+\/sumdb\/\S+: 5\d\d|malformed record data|checking tree#\d+ against tree#\d+/;

/** The line vcsRecheck.ts appends when git's own probe, run again, failed. */
const RECHECKED_GIT_FAILURE = /\(run again to see why[^)\n]*\): exit status \d+/;

/**
 * Packages of Go's standard library that a Go too old to have them reads as module paths
 * ("malformed module path "embed": missing dot in first path element"): the toolchain is the problem.
 */
const NEWER_STD =
  /malformed module path "(?:embed|io\/fs|slices|maps|cmp|log\/slog|iter|unique|structs|weak|testing\/synctest|crypto\/ecdh|crypto\/mlkem|crypto\/hkdf|crypto\/pbkdf2|crypto\/sha3|math\/rand\/v2|go\/version|net\/netip|runtime\/metrics|encoding\/json\/v2)"/;

/** Resolver failures: the name lookup itself failed, whatever the words after it. */
const LOOKUP_FAILED =
  /\blookup \S+ on \S+: |\blookup \S+: (?:no such host|server misbehaving|Temporary failure|i\/o timeout|connection refused|no route to host|network is unreachable)|getaddrinfow|Could not resolve host|Could not resolve hostname|Temporary failure in name resolution|Name or service not known|no such host|server misbehaving/;

const RULES: Rule[] = [
  { class: 'go-missing', test: has(/^go: no usable go/, 'executable file not found in $PATH: go') },
  // A local database that the server contradicts is a damaged cache (power loss), not a tampered download.
  { class: 'module-cache', test: has('go.sum database server misbehavior detected', 'downloaded inconsistent tile') },
  // A GOMODCACHE/GOPATH go cannot use at all (unset, relative, a file): before any sumdb rule, which its words mention.
  {
    class: 'module-cache',
    test: has(
      'missing $GOPATH',
      'neither GOMODCACHE nor GOPATH is set',
      /could not create module cache: .* is not a directory/,
      'GOMODCACHE entry is relative',
    ),
  },
  { class: 'checksum-mismatch', test: has('SECURITY ERROR', /verifying \S+: checksum mismatch/, 'checksum mismatch') },
  // A module zip that is not laid out as one (`has unexpected file`) was packaged by whoever served it.
  { class: 'proxy-server-error', test: has(SUMDB_MIRROR_BROKEN, /zip for \S+ has unexpected file/) },
  {
    class: 'private-module-sumdb',
    test: (text) => {
      const m = SUMDB_LOOKUP.exec(text);
      return m !== null && (m[2] === '404' || m[2] === '410');
    },
  },
  {
    class: 'toolchain',
    test: has(
      'toolchain not available',
      /go: download go\d\S* for /,
      /requires go >= \S+ \(running go/,
      'invalid toolchain',
      'invalid GOTOOLCHAIN',
      'too many toolchain switches',
      // GOTOOLCHAIN=<version>+path: go looks for that toolchain on PATH, and checks it is that version.
      /cannot find "go\S+" in PATH/,
      /toolchain go\S+ invoked to provide go/,
      'golang.org/toolchain@',
      NEWER_STD,
    ),
  },
  {
    class: 'http-proxy',
    test: has(
      'proxyconnect tcp:',
      'Proxy Authentication Required',
      /Received HTTP code \d+ from proxy after CONNECT/,
      'Failed to connect to proxy',
      'Could not resolve proxy',
    ),
  },
  // GOAUTH that go cannot use (Go 1.24+ stops at once): a setting at odds with itself.
  {
    class: 'env-conflict',
    test: has(/^go: GOAUTH(?:=off cannot be combined| encountered an empty command|=git dir method requires|=git encountered an error)/m),
  },
  // A malformed or missing GOSUMDB is configuration, like a GOPROXY Go refuses.
  { class: 'goproxy-config', test: has('missing GOSUMDB', /invalid GOSUMDB/, /malformed verifier id/, /GOSUMDB=off\b[^\n]*toolchain/) },
  { class: 'sumdb-unreachable', test: (text) => SUMDB_FAILURE.test(text) && !/^go: [^\n]*: reading [^\n]*\/@v\//.test(text) },
  {
    class: 'tls-certificate',
    test: has('x509: ', 'tls: failed to verify certificate', 'SSL certificate problem', 'server certificate verification failed', 'certificate verify failed'),
  },
  {
    class: 'goproxy-config',
    test: has('module lookup disabled by GOPROXY=off', 'GOPROXY list is not the empty string', 'invalid proxy URL', 'invalid file:// proxy URL'),
  },
  { class: 'govcs', test: has('GOVCS disallows', /malformed entry in GOVCS/, /unreachable pattern in GOVCS/, /empty entry in GOVCS/) },
  {
    class: 'insecure-transport',
    test: has('redirected from secure URL', 'insecure URL', 'refusing to pass credentials to insecure URL', 'uses insecure protocol'),
  },
  { class: 'ssh-host-key', test: has('Host key verification failed', 'REMOTE HOST IDENTIFICATION HAS CHANGED', /No \S+ host key is known/) },
  { class: 'ssh-auth', test: has('Permission denied (publickey', 'Permission denied, please try again', 'Load key', 'sign_and_send_pubkey') },
  {
    class: 'git-auth',
    test: has(
      'terminal prompts disabled',
      'could not read Username',
      'could not read Password',
      'Authentication failed for',
      'HTTP Basic: Access denied',
      /The requested URL returned error: 40[13]/,
      'Invalid username or password',
      'Invalid username or token',
      'Password authentication is not supported',
      'Support for password authentication was removed',
      'Cannot prompt because user interactivity has been disabled',
    ),
  },
  {
    class: 'repo-not-found',
    test: has(
      'Repository not found',
      /fatal: repository '[^']*' not found/,
      'does not appear to be a git repository',
      /The requested URL returned error: 404/,
      'The project you were looking for could not be found',
      /TF401019/,
      /remote: Not Found/,
    ),
  },
  // Go names the tool as Git, Mercurial, Subversion, Bazaar or Fossil (older Go: git, hg, …).
  {
    class: 'vcs-missing',
    test: has(/missing (?:git|hg|svn|bzr|fossil|Mercurial|Subversion|Bazaar|Fossil) command/i, /exec: "(?:git|hg|svn|bzr|fossil)": executable file not found/),
  },
  { class: 'dns', test: has(LOOKUP_FAILED) },
  {
    class: 'connection-refused',
    test: has('connection refused', 'Connection refused', /Failed to connect to \S+ port \d+: Connection refused/, 'actively refused it'),
  },
  {
    class: 'connect-timeout',
    test: has(
      'i/o timeout',
      'TLS handshake timeout',
      'Connection timed out',
      'connection timed out',
      'Client.Timeout exceeded',
      'Operation timed out',
      'operation timed out',
      'connection attempt failed',
      '连接尝试失败',
      'no route to host',
      'network is unreachable',
      /Failed to connect to \S+ port \d+/,
    ),
  },
  {
    class: 'module-cache',
    test: has(
      'zip: not a valid zip file',
      'zip: checksum error',
      'unexpected ziphash',
      'missing ziphash',
      'could not create module cache',
      'module cache not found',
      "can't find or create lock file",
      'writing stat cache',
      /exists with wrong content/,
      /mkdir \S+: permission denied/,
      /open \S*\/pkg\/mod\/\S*: permission denied/,
      /: permission denied/,
      /(?:cannot open|could not lock config file|unable to create|cannot create) \S+: Permission denied/,
      'read-only file system',
      /(?:mkdir|open|rename|chmod|remove|unlinkat|lock) \S+: operation not permitted/,
      'no space left on device',
    ),
  },
  // This version's zip holds file names no one can use: go refuses to extract it, for everyone.
  { class: 'module-content', test: has(/malformed file path "[^"]*": /, 'case-insensitive file name collision') },
  {
    class: 'module-path',
    test: has(
      'malformed module path',
      'module declares its path as',
      /has post-v\d+ module path/,
      /has non-\S+ module path/,
      'module path must match major version',
      'major version must be compatible',
      '+incompatible suffix not allowed',
      'invalid module path',
      // The path names a directory of another module at that revision, not a module.
      /missing \S+\/go\.mod at revision/,
    ),
  },
  { class: 'gomod-syntax', test: has('missing module declaration', 'no module declaration in go.mod', /^malformed go\.sum:/m) },
  {
    class: 'unknown-revision',
    test: has(
      'unknown revision',
      'invalid pseudo-version',
      'no matching versions for query',
      'ambiguous revision',
      'revision does not exist locally',
      // A query relative to the current version (`patch`, `upgrade`) of a module nothing requires yet.
      /can't query version "[^"]*" of module \S+: no existing version is required/,
    ),
  },
  // git failed for another reason on the probe the engine re-ran behind "no secure protocol found".
  { class: 'git-failure', test: has(RECHECKED_GIT_FAILURE) },
  // A go-get page that wants credentials: go's own request, answered 401/403 (not a missing tag).
  { class: 'proxy-auth', test: has(/reading \S+\?go-get=1: 40[13] /) },
  {
    class: 'import-path',
    test: has(
      'unrecognized import path',
      'no go-import meta tags',
      'no secure protocol found',
      'no protocol found for repository',
      'invalid repo root',
      /unknown vcs "/,
    ),
  },
  { class: 'proxy-refused', test: has(/reading \S+: 451 /, /unexpected status \(\S+\): 451/) },
  { class: 'proxy-auth', test: has(/reading \S+: 40[13] /, /: 40[13] (?:Unauthorized|Forbidden)/, /unexpected status \(\S+\): 40[13]/) },
  {
    class: 'proxy-not-found',
    test: has(
      /reading file:\/\/\S+: no such file or directory/,
      /reading \S+: 4(?:04|10) /,
      /: 4(?:04|10) (?:Not Found|Gone)/,
      /unexpected status \(\S+\): 4(?:04|10)/,
    ),
  },
  {
    class: 'proxy-server-error',
    test: has(
      /reading \S+: 5\d\d/,
      /unexpected status \(\S+\): (?:5\d\d|400)/,
      'invalid response from proxy',
      // A redirect loop: Go's HTTP client gives up; nothing here is insecure.
      'stopped after 10 redirects',
      'proxy returned info for version',
      'downloaded zip file too large',
      /invalid character '.' looking for beginning of value/,
      /read "[^"]+": /,
      'unexpected EOF',
      'connection reset by peer',
    ),
  },
  { class: 'git-failure', test: has(/exit status \d+/, /signal: \w+/, /^fatal: /m) },
];

/**
 * What a server said about its own failure (`\tserver response: …`) describes the server's
 * problem, not ours: proxy.golang.org's 404 for a private module quotes its own git error. Rules
 * match Go's text without it.
 */
export function withoutServerResponse(text: string): string {
  return text.replace(/\n\tserver response:[^\n]*(?:\n\t[^\n]*)*/g, '');
}

/** The class of one error text, with the URL and status it names. Never throws. */
export function classifyError(text: string): ErrorFacts {
  const own = withoutServerResponse(text);
  const rule = RULES.find((candidate) => candidate.test(own));
  const facts: ErrorFacts = { class: rule?.class ?? 'unknown', url: namedUrl(own), status: namedStatus(own) };
  // A 403 whose body speaks of a policy is a refusal of this version, not a request for credentials.
  if (facts.class === 'proxy-auth' && facts.status === 403 && REFUSAL_WORDS.test(serverResponse(text))) return { ...facts, class: 'proxy-refused' };
  return facts;
}

/**
 * Words of a proxy refusing a version on purpose: proxy.golang.org's "not available" for a version
 * it withdrew, and the policy, curation and firewall answers of Artifactory, Nexus and the like.
 */
const REFUSAL_WORDS =
  /not available|block|polic|curat|violat|not allowed|disallow|quarantin|vulnerab|firewall|malicious|complian|not approved|prohibit|banned|embargo|legal reasons/i;

/** What the server said about its answer (`\tserver response: …` lines), or ''. */
export function serverResponse(text: string): string {
  const at = text.indexOf('server response:');
  return at < 0 ? '' : text.slice(at + 'server response:'.length);
}

function namedUrl(text: string): string | null {
  const reading =
    /reading (\S+?): \d{3}/.exec(text) ??
    /reading (file:\/\/\S+?): /.exec(text) ??
    /unexpected status \((\S+)\): \d{3}/.exec(text) ??
    /(?:Get|read) "([^"]+)"/.exec(text) ??
    // Go before 1.14 did not quote the URL; GOPATH-era go named it with its status alone.
    /\bGet (https?:\/\/\S+?): /.exec(text) ??
    /(https?:\/\/\S+?): \d{3} [A-Z]/.exec(text) ??
    /unable to access '([^']+)'/.exec(text) ??
    /could not read (?:Username|Password) for '([^']+)'/.exec(text);
  return reading?.[1] ?? null;
}

function namedStatus(text: string): number | null {
  const status = /reading \S+?: (\d{3})\b/.exec(text) ?? /unexpected status \(\S+\): (\d{3})\b/.exec(text) ?? /returned error: (\d{3})/.exec(text);
  return status ? Number(status[1]) : null;
}

/** The host of a URL or of a `host/path` module path, without port; null when there is none. */
export function hostOf(urlOrPath: string): string | null {
  try {
    const url = new URL(urlOrPath.includes('://') ? urlOrPath : `https://${urlOrPath}`);
    return url.hostname || null;
  } catch {
    return null;
  }
}

/** host:port of a URL, for messages that must tell two servers on one host apart. */
export function serverOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}
