// Fixes planned as data. Nothing here applies anything: the CLI and the editor show a fix exactly
// as planned (command, before and after) and only then apply it. Two rules hold for every fix:
// it never writes a credential, and it never turns verification off to hide a security problem.

import { DEFAULT_GOPROXY, type GoEnv } from './goenv';
import { addPattern, narrowestPrivatePattern, removePattern, trimPatterns } from './patterns';
import { redact } from './redact';
import type { Finding, PlannedFix } from './types';

export const DOCS = {
  privateModules: 'https://go.dev/ref/mod#private-modules',
  goproxy: 'https://go.dev/ref/mod#goproxy-protocol',
  gitHttps: 'https://go.dev/doc/faq#git_https',
  goauth: 'https://pkg.go.dev/cmd/go#hdr-GOAUTH_environment_variable',
  moduleAuth: 'https://go.dev/ref/mod#authenticating',
  toolchains: 'https://go.dev/doc/toolchain',
  govcs: 'https://go.dev/ref/mod#vcs-govcs',
  install: 'https://go.dev/doc/install',
  gitInstall: 'https://git-scm.com/downloads',
  modCache: 'https://go.dev/ref/mod#module-cache',
} as const;

export { DEFAULT_GOPROXY };

/** `go get module@version`: the only fix that writes the user's go.mod and go.sum. */
export function goGetArgv(module: string, version: string): string[] {
  return ['go', 'get', `${module}@${version}`];
}

function goGet(id: string, title: string, module: string, version: string, from: string | null): PlannedFix {
  return { id, title, kind: 'go-get', detail: { kind: 'go-get', module, version, from } };
}

/** The newest version of the module's major version (go list -u's answer). */
export function upgradeModule(module: string, version: string, from: string | null): PlannedFix {
  return goGet('go-get-upgrade', `Upgrade ${module} to ${version}`, module, version, from);
}

/**
 * Off a retracted version: to the newest of its major version that is not retracted when go named
 * one, else to `latest`, which go resolves to the newest version not retracted (a downgrade when
 * the author retracted the newest ones).
 */
export function leaveRetracted(module: string, update: string | null, from: string | null): PlannedFix {
  return update
    ? goGet('go-get-unretracted', `Move ${module} to ${update}, the newest version that is not retracted`, module, update, from)
    : goGet('go-get-unretracted', `Move ${module} to its newest version that is not retracted`, module, 'latest', from);
}

/** A deprecated module whose author names what to use instead. */
export function deprecatedReplacementDoc(module: string, replacement: string): PlannedFix {
  return doc(
    'deprecated-replacement',
    `Read about ${replacement}, which the author of ${module} names instead`,
    `The author of ${module} deprecated it and points to ${replacement}. Moving to it means changing your imports: it is a different module.`,
    `https://pkg.go.dev/${replacement}`,
  );
}

/** `go env -w NAME=value`, or `go env -u NAME` when value is null: the only way fixes touch Go settings. */
export function goEnvArgv(variable: string, value: string | null): string[] {
  return value === null ? ['go', 'env', '-u', variable] : ['go', 'env', '-w', `${variable}=${value}`];
}

/** `git config --global --add`/`--unset` for one value of a multi-valued key (insteadOf rules are). */
export function gitConfigArgv(action: 'add' | 'remove', key: string, value: string): string[] {
  const exactly = `^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  return action === 'add' ? ['git', 'config', '--global', '--add', key, value] : ['git', 'config', '--global', '--unset', key, exactly];
}

function setGoEnv(id: string, title: string, variable: string, value: string | null, env: GoEnv): PlannedFix {
  return { id, title, kind: 'go-env', detail: { kind: 'go-env', variable, value, previous: env[variable] ?? '' } };
}

function doc(id: string, title: string, text: string, url: string): PlannedFix {
  return { id, title, kind: 'doc', detail: { kind: 'doc', text, url } };
}

function command(id: string, title: string, argv: string[], why: string): PlannedFix {
  return { id, title, kind: 'command', detail: { kind: 'command', argv, why } };
}

export function goprivateAdd(env: GoEnv, modulePath: string): PlannedFix {
  const pattern = narrowestPrivatePattern(modulePath);
  return setGoEnv('goprivate-add', `Add ${pattern} to GOPRIVATE`, 'GOPRIVATE', addPattern(env.GOPRIVATE ?? '', pattern), env);
}

export function gonosumdbAdd(env: GoEnv, modulePath: string): PlannedFix {
  const pattern = narrowestPrivatePattern(modulePath);
  return setGoEnv(
    'gonosumdb-add',
    `Add ${pattern} to GONOSUMDB (keep fetching it through the proxy)`,
    'GONOSUMDB',
    addPattern(env.GONOSUMDB ?? '', pattern),
    env,
  );
}

export function trimPatternList(env: GoEnv, variable: string): PlannedFix {
  return setGoEnv(`${variable.toLowerCase()}-trim`, `Remove the spaces from ${variable}`, variable, trimPatterns(env[variable] ?? ''), env);
}

/**
 * A GOPROXY that holds credentials (`https://user:token@…`) is never rewritten by a fix: the new
 * value would copy the secret, and every report shows it redacted, so applying it would write
 * `***` instead. The proxy-credentials guidance (move them to ~/.netrc) is the way out.
 */
function holdsCredentials(value: string): boolean {
  return redact(value) !== value;
}

/** `a,b` → `a,b,direct`: let modules no proxy has be fetched from their origin. */
export function goproxyAppendDirect(env: GoEnv): PlannedFix | null {
  const current = env.GOPROXY ?? '';
  if (/(^|[,|])\s*(direct|off)\s*$/.test(current) || current.trim() === '' || holdsCredentials(current)) return null;
  return setGoEnv('goproxy-append-direct', 'Append ",direct" to GOPROXY', 'GOPROXY', `${current},direct`, env);
}

/**
 * `a,b` → `a|b`: with `,` Go moves on only after a 404/410, so a proxy that is down or refuses
 * stops everything; with `|` Go moves on after any error.
 */
export function goproxyFallThrough(env: GoEnv): PlannedFix | null {
  const current = env.GOPROXY ?? '';
  if (!current.includes(',') || holdsCredentials(current)) return null;
  return setGoEnv('goproxy-fallthrough', 'Fall through to the next GOPROXY entry on any error ("," → "|")', 'GOPROXY', current.replace(/,/g, '|'), env);
}

export function goproxyUseDefault(env: GoEnv): PlannedFix | null {
  if ((env.GOPROXY ?? '') === DEFAULT_GOPROXY) return null;
  return setGoEnv('goproxy-default', `Set GOPROXY to ${DEFAULT_GOPROXY}`, 'GOPROXY', DEFAULT_GOPROXY, env);
}

/** `go env -u GOAUTH`: back to Go's default (`netrc`), which reads ~/.netrc. */
export function goauthUnset(env: GoEnv): PlannedFix {
  return setGoEnv('goauth-unset', 'Remove GOAUTH from the Go env file (go env -u GOAUTH: back to netrc)', 'GOAUTH', null, env);
}

/** What GOAUTH accepts, for a value go refused. */
export function goauthDoc(): PlannedFix {
  return doc(
    'goauth-value',
    'Write GOAUTH as go reads it',
    'GOAUTH is a list of commands separated by ";": `netrc`, `git <absolute dir>`, or a command of your own; `off` stands alone. An empty entry (a leading or doubled ";") is an error.',
    DOCS.goauth,
  );
}

/** `go env -u GOTOOLCHAIN`: back to Go's default (auto), which follows go.mod. */
export function gotoolchainUnset(env: GoEnv): PlannedFix {
  return setGoEnv('gotoolchain-value', 'Remove GOTOOLCHAIN from the Go env file (go env -u GOTOOLCHAIN: back to auto)', 'GOTOOLCHAIN', null, env);
}

export function gosumdbUnset(env: GoEnv): PlannedFix {
  return setGoEnv('gosumdb-unset', 'Remove GOSUMDB from the Go env file (go env -u GOSUMDB)', 'GOSUMDB', null, env);
}

export function goproxyUnset(env: GoEnv): PlannedFix {
  return setGoEnv('goproxy-unset', 'Remove GOPROXY from the Go env file (go env -u GOPROXY)', 'GOPROXY', null, env);
}

/** `url."ssh://git@host/".insteadOf https://host/`: fetch over SSH with the user's key instead. */
export function insteadOfSshAdd(host: string): PlannedFix {
  return {
    id: 'insteadof-ssh-add',
    title: `Fetch ${host} over SSH (git insteadOf rule)`,
    kind: 'git-config',
    detail: { kind: 'git-config', action: 'add', key: `url.ssh://git@${host}/.insteadOf`, value: `https://${host}/` },
  };
}

export function insteadOfRemove(key: string, value: string): PlannedFix {
  return {
    id: 'insteadof-remove',
    title: `Remove the git rule ${key} ${value}`,
    kind: 'git-config',
    detail: { kind: 'git-config', action: 'remove', key, value },
  };
}

export function gitCredentialsDoc(host: string | null): PlannedFix {
  const where = host ?? 'the host';
  return doc(
    'git-credentials',
    `Give git credentials for ${where}`,
    `git asked for a username and could not prompt. Let a git credential helper supply a token (your OS keychain, Git Credential Manager, or \`gh auth setup-git\`), or add a line for ${where} to ~/.netrc. Never put a token into GOPROXY or an insteadOf URL.`,
    DOCS.gitHttps,
  );
}

/**
 * Where Go finds credentials for a proxy: a ~/.netrc line whose machine is the proxy's host, with
 * its port when the URL has one (Go matches host:port), or GOAUTH. Go never sends credentials over
 * plain http, so an http:// proxy needs its https URL first.
 */
export function proxyCredentialsDoc(url: string | null): PlannedFix {
  let machine: string | null = null;
  let plainHttp = false;
  try {
    const parsed = url ? new URL(url) : null;
    machine = parsed?.host || null;
    plainHttp = parsed?.protocol === 'http:';
  } catch {
    machine = null;
  }
  const where = machine ?? '<host>';
  const https = plainHttp ? 'Go sends credentials only over HTTPS, so first point GOPROXY at the https:// URL of this proxy. ' : '';
  return doc(
    'proxy-credentials',
    `Give Go credentials for ${machine ?? 'the proxy'}`,
    `${https}Go sends credentials from ~/.netrc (or the command named by GOAUTH) to HTTPS proxies. Add a \`machine ${where} login <user> password <token>\` line to ~/.netrc, or configure GOAUTH.`,
    DOCS.goauth,
  );
}

export function sshKeyscan(host: string, port: string | null): PlannedFix {
  const argv = port ? ['ssh-keyscan', '-p', port, host] : ['ssh-keyscan', host];
  return command(
    'ssh-known-host',
    `Check and trust the SSH host key of ${host}`,
    argv,
    'Compare the printed key with the one your Git host publishes, then append it to ~/.ssh/known_hosts.',
  );
}

export function sshKeyDoc(host: string | null): PlannedFix {
  return doc(
    'ssh-key',
    `Make an SSH key available for ${host ?? 'the host'}`,
    'Load your key into ssh-agent (`ssh-add`) and register its public half with the Git host. Go runs ssh in batch mode, so it cannot ask for a passphrase.',
    DOCS.gitHttps,
  );
}

export function sshBatchModeDoc(command: string): PlannedFix {
  return doc(
    'ssh-batch-mode',
    'Add -o BatchMode=yes to your GIT_SSH_COMMAND',
    `Go adds BatchMode only to the ssh command it picks itself; yours ("${command}") lets ssh wait for a passphrase or a yes/no answer that nobody can give while go runs. Add -o BatchMode=yes to it.`,
    DOCS.gitHttps,
  );
}

export function goImportDoc(): PlannedFix {
  return doc(
    'go-import',
    'Serve a go-import meta tag, or use a path that names the repository',
    'For a path on its own host, Go asks https://<path>?go-get=1 for <meta name="go-import" content="<prefix> git <repository URL>">. Serve that tag (with credentials: ~/.netrc or GOAUTH), or require the module by a path ending in .git.',
    'https://go.dev/ref/mod#vcs-find',
  );
}

export function modCacheWritableDoc(cache: string | null): PlannedFix {
  return doc(
    'modcache-writable',
    'Make the module cache writable, or use another one',
    `Go must write to ${cache ?? 'the module cache'}. Give your user ownership of it (it may belong to another user or a container), or point GOMODCACHE at a folder you can write (go env -w GOMODCACHE=<folder>).`,
    DOCS.modCache,
  );
}

/** Reset the checksum database state cached on this machine: its tree head and its tiles. */
export function sumdbStateResetDoc(env: GoEnv): PlannedFix {
  const gopath = (env.GOPATH ?? '').split(/[:;]/)[0] || '$GOPATH';
  const cache = env.GOMODCACHE || `${gopath}/pkg/mod`;
  const db = (env.GOSUMDB ?? '').trim().split(/\s+/)[0]?.split('+')[0] || 'sum.golang.org';
  return doc(
    'sumdb-state-reset',
    `Reset the cached state of ${db} (${gopath}/pkg/sumdb/${db})`,
    `Remove ${gopath}/pkg/sumdb/${db} (the tree head go remembers) and ${cache}/cache/download/sumdb/${db} (its cached tiles), then run again: go starts from what ${db} serves now. go clean -modcache alone leaves the tree head in place.`,
    'https://go.dev/ref/mod#checksum-database',
  );
}

export function cleanModCache(): PlannedFix {
  return command('clean-modcache', 'Remove the module cache (go clean -modcache)', ['go', 'clean', '-modcache'], 'The cache is rebuilt on the next download.');
}

export function installGit(): PlannedFix {
  return doc('install-git', 'Install git', 'Go fetches modules that no proxy serves with git. Install git and make sure it is on PATH.', DOCS.gitInstall);
}

export function installGo(): PlannedFix {
  return doc(
    'install-go',
    'Install Go or point the extension at it',
    'Install Go from go.dev/dl, or set `go.goroot` / `go.alternateTools` in your settings to the Go you use.',
    DOCS.install,
  );
}

export function checksumDoc(): PlannedFix {
  return doc(
    'checksum-investigate',
    'Find out why the checksums differ (do not turn verification off)',
    'The downloaded code is not what go.sum or the checksum database recorded. That can mean a re-tagged release, a proxy serving different code, or tampering. Check with the module author; if a private module was legitimately re-tagged, delete its lines from go.sum and run `go mod download` again.',
    DOCS.moduleAuth,
  );
}

export function toolchainDoc(): PlannedFix {
  return doc(
    'toolchain',
    'Install the Go version go.mod asks for, or let Go download it',
    'Install that Go release, or allow Go to fetch it: GOTOOLCHAIN=auto with a GOPROXY and GOSUMDB that can reach golang.org/toolchain.',
    DOCS.toolchains,
  );
}

/** `go env -u GOVCS`: back to Go's default (public:git|hg,private:all). */
export function govcsUnset(env: GoEnv): PlannedFix {
  return setGoEnv('govcs-value', "Remove GOVCS from the Go env file (go env -u GOVCS: back to Go's default)", 'GOVCS', null, env);
}

/** GOVCS allowing the tool Go refused (git unless the error names another) for the module's pattern. */
export function govcsAllow(env: GoEnv, modulePath: string, vcs = 'git'): PlannedFix {
  const pattern = narrowestPrivatePattern(modulePath);
  const current = env.GOVCS ?? '';
  const value = current ? `${pattern}:${vcs},${current}` : `${pattern}:${vcs}`;
  return setGoEnv('govcs-allow-git', `Allow ${vcs} for ${pattern} in GOVCS`, 'GOVCS', value, env);
}

export function shadowedEnvDoc(variable: string, processValue: string, fileValue: string): PlannedFix {
  return doc(
    'env-shadowed',
    `Unset ${variable} in the environment that starts VS Code or the shell`,
    `${variable} is set in the process environment to "${processValue}", which overrides "${fileValue}" from \`go env -w\`. Remove it from your shell profile or from go.toolsEnvVars.`,
    'https://pkg.go.dev/cmd/go#hdr-Print_Go_environment_information',
  );
}

/**
 * A `go env -w` does nothing for a variable the environment go runs with already sets (the
 * environment wins): before each such fix, say where the change takes effect.
 */
export function whereFixesTakeEffect(fixes: PlannedFix[], processEnv: Record<string, string | undefined>): PlannedFix[] {
  const told = new Set<string>();
  return fixes.flatMap((planned) => {
    if (planned.detail.kind !== 'go-env') return [planned];
    const { variable, value } = planned.detail;
    const set = processEnv[variable];
    // Go treats an empty OS value as unset.
    if (!set) return [planned];
    if (told.has(variable)) return [planned];
    told.add(variable);
    const wanted = value === null ? `unset ${variable}` : `${variable}=${value}`;
    return [
      doc(
        'env-set-in-process',
        `${variable} is set in the environment: change it there (${wanted})`,
        `The environment go runs with sets ${variable}="${set}", and that overrides \`go env -w\`, so "${planned.title}" alone would change nothing. Change it where it is set: your shell profile, the CI job's environment, or go.toolsEnvVars in VS Code settings (${value === null ? `remove ${variable}` : `${variable}=${value}`}); or remove it there and apply the fix.`,
        'https://pkg.go.dev/cmd/go#hdr-Print_Go_environment_information',
      ),
      planned,
    ];
  });
}

/** Take a pattern that covers a whole public host out of GOPRIVATE/GONOPROXY. */
export function privatePatternNarrow(env: GoEnv, variable: 'GOPRIVATE' | 'GONOPROXY', pattern: string): PlannedFix {
  return setGoEnv(
    'goprivate-narrow',
    `Remove "${pattern}" from ${variable}: it sends every public module there to its origin (then add only your own, e.g. ${pattern.includes('*') ? 'corp.example.com' : `${pattern}/your-org`})`,
    variable,
    removePattern(env[variable] ?? '', pattern),
    env,
  );
}

/** Fixes whose value is a pattern list, which the user may narrow or widen before applying. */
export const PATTERN_FIX_IDS: ReadonlySet<string> = new Set(['goprivate-add', 'gonosumdb-add']);

/** A pattern fix with another pattern than the planned one (the editor lets the user edit it). */
export function withPattern(fix: PlannedFix, pattern: string): PlannedFix {
  if (!PATTERN_FIX_IDS.has(fix.id) || fix.detail.kind !== 'go-env') return fix;
  const detail = fix.detail;
  return { ...fix, title: `Add ${pattern} to ${detail.variable}`, detail: { ...detail, value: addPattern(detail.previous, pattern) } };
}

/** `go env -w GOPROXY=<value>`: a choice of the GOPROXY switcher. */
export function goproxySet(value: string, previous: string): PlannedFix {
  return { id: 'goproxy-set', title: `Set GOPROXY to ${value}`, kind: 'go-env', detail: { kind: 'go-env', variable: 'GOPROXY', value, previous } };
}

/**
 * Every GOPRIVATE addition the findings of one go.mod offer, as one fix: the patterns are combined
 * into one value. The title counts patterns, not findings: two modules under one prefix are one
 * pattern. Null when no finding offers one, or every pattern is in GOPRIVATE already.
 */
export function privatePatternsAdd(findings: readonly Finding[]): { fix: PlannedFix; patterns: string[]; modules: string[] } | null {
  const planned = findings.flatMap((finding) =>
    finding.fixes
      .filter((fix) => fix.id === 'goprivate-add' && fix.detail.kind === 'go-env' && finding.module !== null)
      .map((fix) => ({ module: finding.module!, fix })),
  );
  const first = planned[0];
  if (!first || first.fix.detail.kind !== 'go-env') return null;
  const previous = first.fix.detail.previous;
  const modules = [...new Set(planned.map((entry) => entry.module))];
  const patterns = [...new Set(modules.map(narrowestPrivatePattern))].filter((pattern) => pattern !== '' && addPattern(previous, pattern) !== previous);
  if (patterns.length === 0) return null;
  const value = patterns.reduce((list, pattern) => addPattern(list, pattern), previous);
  const covers = modules.length > patterns.length ? ` (covers ${modules.length} modules)` : '';
  return {
    fix: {
      id: 'goprivate-add-all',
      title: `Add ${patterns.join(', ')} to GOPRIVATE${covers}`,
      kind: 'go-env',
      detail: { kind: 'go-env', variable: 'GOPRIVATE', value, previous },
    },
    patterns,
    modules,
  };
}

// Guidance for the classes where no setting is the fix: the words live here, with the other fixes.

export function sumdbMirrorDoc(): PlannedFix {
  return doc(
    'sumdb-mirror',
    'Use a reachable checksum database',
    'If sum.golang.org is blocked, use a proxy that serves /sumdb/ or GOSUMDB=sum.golang.google.cn. Turning GOSUMDB off removes protection and is not recommended.',
    DOCS.moduleAuth,
  );
}

export function httpProxyDoc(): PlannedFix {
  return doc(
    'http-proxy',
    'Check HTTPS_PROXY, its credentials and NO_PROXY',
    'Go uses HTTPS_PROXY/HTTP_PROXY/NO_PROXY; git uses its own http.proxy. Check the proxy address, that it allows CONNECT, and put internal hosts in NO_PROXY.',
    'https://pkg.go.dev/net/http#ProxyFromEnvironment',
  );
}

export function tlsTrustDoc(): PlannedFix {
  return doc(
    'tls-trust',
    'Trust the certificate authority',
    "Install your organisation's CA in the system trust store, or point SSL_CERT_FILE at it (git: `git config --global http.sslCAInfo <pem>`). GOINSECURE does not affect proxies or the checksum database.",
    'https://pkg.go.dev/crypto/x509#SystemCertPool',
  );
}

export function checkPathDoc(): PlannedFix {
  return doc(
    'check-path',
    'Check the module path and your access',
    'Check the spelling and case of the path, and that your credentials can see the repository.',
    DOCS.gitHttps,
  );
}

/** A proxy that refuses a version by policy: another version, its operator, or a proxy that serves it. */
export function proxyRefusesVersionDoc(server: string | null, modulePath: string | null): PlannedFix {
  const where = server ?? 'the proxy';
  const module = modulePath ?? '<module>';
  return doc(
    'proxy-refuses-version',
    `Ask the operator of ${where} about this version, or require another`,
    `${where} refuses this version of ${module} on purpose. Require a version it serves (\`go list -m -versions ${module}\` lists what it offers), or ask its operator why this one is blocked and whether it can be allowed. Marking a public module private (GOPRIVATE) would not help: it switches off the proxy and checksum verification for it.`,
    DOCS.goproxy,
  );
}

export function listVersionsDoc(modulePath: string | null): PlannedFix {
  return doc(
    'list-versions',
    'See which versions exist',
    `Run \`go list -m -versions ${modulePath ?? '<module>'}\` and require one of them.`,
    'https://go.dev/ref/mod#go-list-m',
  );
}

export function insecureDoc(): PlannedFix {
  return doc(
    'insecure',
    'Serve the module over HTTPS',
    'Fix the server to use HTTPS. GOINSECURE=<pattern> allows plain HTTP for direct fetches of matching modules only.',
    DOCS.privateModules,
  );
}

export function modulePathDoc(): PlannedFix {
  return doc(
    'module-path',
    'Require the path the module declares',
    "Use the path in the module's own go.mod (with /vN for major versions 2 and above), or add a replace for a fork.",
    'https://go.dev/ref/mod#module-path',
  );
}

/**
 * A GOPROXY that answers from where the user is. With a probe's evidence (choices that answered),
 * the first of them as a `go env -w`; without, guidance naming the usual answers.
 */
export function goproxyReachable(env: GoEnv, answering: readonly string[]): PlannedFix {
  const choice = answering.find((value) => value !== (env.GOPROXY ?? '') && !holdsCredentials(value));
  if (choice) return setGoEnv('goproxy-reachable', `Use a GOPROXY that answers from here: ${choice}`, 'GOPROXY', choice, env);
  return doc(
    'goproxy-reachable',
    'Use a GOPROXY that answers from your network',
    "The proxy in GOPROXY cannot be reached from here (a firewall, a country-wide block, a VPN). Use one that can: your company's proxy, or a public mirror such as https://goproxy.cn,direct or https://goproxy.io,direct. The GOPROXY item in the status bar probes each choice before you pick it.",
    DOCS.goproxy,
  );
}

/** The network itself: nothing in Go's settings fixes a resolver, route or firewall that fails. */
export function networkCheckDoc(host: string | null, what: 'dns' | 'connect' | 'tls' | 'refused'): PlannedFix {
  const where = host ?? 'the server';
  const text = {
    dns: `The name ${where} could not be looked up: the DNS resolver itself failed or is unreachable (check /etc/resolv.conf, the VPN, a container's network settings). No Go setting fixes that.`,
    connect: `${where} did not answer from this network (a firewall, a VPN, a proxy Go is not told about). Check that the machine can reach it; HTTPS_PROXY/NO_PROXY tell Go about a proxy it must use.`,
    tls: `The TLS handshake with ${where} did not finish: a middlebox, a flaky link or an overloaded server. Retry, or check the network path (VPN, tethering, firewall).`,
    refused: `${where} refused this network (its answer says so): a VPN or Tor exit, a region, or an organisation policy. Try from another network, or use a proxy you are allowed to use.`,
  }[what];
  return doc('network-check', `Check the network path to ${where}`, text, 'https://go.dev/ref/mod#module-proxy');
}

/** Credentials for go's own go-get request to a forge (GitLab, Azure DevOps, Bitbucket): ~/.netrc or GOAUTH. */
export function gogetCredentialsDoc(host: string | null, nested: boolean): PlannedFix {
  const where = host ?? '<host>';
  const why = nested
    ? `Without credentials ${where} answers go's ?go-get=1 request for a nested group with only the first two path elements, so go asks git for the wrong repository. `
    : `${where} answers go's ?go-get=1 request only when it carries credentials. `;
  return doc(
    'goget-credentials',
    `Give go credentials for ${where} (~/.netrc or GOAUTH)`,
    `${why}Add \`machine ${where} login <user> password <token>\` to ~/.netrc (a token with read access), or set GOAUTH; git's own credential helper is not asked for this request.`,
    DOCS.goauth,
  );
}

/** Require the module by a path that names the repository (`.git`, Azure DevOps `_git`), so go asks no go-get page. */
export function vcsSuffixPathDoc(modulePath: string | null, forge: string | null): PlannedFix {
  const example = forge === 'azure' ? 'dev.azure.com/<org>/<project>/_git/<repo>.git' : `${modulePath ?? '<host>/<group>/<repo>'}.git`;
  return doc(
    'vcs-suffix-path',
    'Require the module by a path ending in .git',
    `A path that ends in .git names the repository, and go fetches it with git without asking a go-get page (${example}); the module's own go.mod must declare that path.`,
    'https://go.dev/ref/mod#vcs-find',
  );
}

/** The checksum database has no record of this version of a public module: it could not fetch or package it. */
export function sumdbRetaggedDoc(modulePath: string | null): PlannedFix {
  return doc(
    'sumdb-retagged',
    `Use another version of ${modulePath ?? 'the module'}, or ask its author for a new tag`,
    'The public checksum database (and proxy) could not fetch this version: a tag that was deleted and re-created, pushed after the first request, or that the mirror cannot package. Require another version (go list -m -versions), or ask the author to publish a new tag. GOPRIVATE would only switch verification off for a public module.',
    DOCS.moduleAuth,
  );
}

/** Install the version-control tool go needs for this module (Mercurial, Subversion, Bazaar, Fossil). */
export function installVcsDoc(tool: string): PlannedFix {
  return doc(
    'install-vcs',
    `Install ${tool}`,
    `The module is fetched with ${tool}, which is not installed or not on PATH. Install it, or require a fork of the module hosted with git.`,
    'https://go.dev/ref/mod#vcs',
  );
}

/** A go.mod without a `module` line. */
/** A go.sum line go cannot read: its hashes are recomputed by go mod tidy. */
export function goSumRepairDoc(line: number | null): PlannedFix {
  return doc(
    'gosum-repair',
    `Repair go.sum${line !== null ? ` (line ${line})` : ''}`,
    `Delete the malformed line${line !== null ? ` (${line})` : ''} from go.sum, or run \`go mod tidy\`, which rewrites go.sum from go.mod and verifies every hash again.`,
    'https://go.dev/ref/mod#go-sum-files',
  );
}

export function moduleLineDoc(): PlannedFix {
  return doc(
    'module-path',
    'Add a module line to go.mod',
    'Give go.mod its module path: `go mod edit -module=example.com/mod` (the path your imports use).',
    'https://go.dev/ref/mod#go-mod-file-module',
  );
}
