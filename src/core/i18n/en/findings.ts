// What a finding says: one sentence per case, with the module, the request and the setting as
// arguments (raw; redacted where shown). The classes' entries (explanations.ts) and the findings
// the engine makes itself (diagnose.ts, envChecks.ts) take their words from here.

export const enFindings = {
  'gomod.unparsable': 'go.mod cannot be parsed: {error} (line {line}, column {column}).',
  'gomod.unreadable': 'go.mod cannot be read, so nothing was checked: {error}',
  'go.failed': 'The `go` command did not work (`{what}` failed), so no download was tried: {error}',
  'go.failedBecause': '{prefix}. {message}',
  'go.noCopy':
    'No download was tried: the temporary copy of go.mod and go.sum that go runs on could not be made ({error}). go was not run on your own go.mod and go.sum, which it would change.',
  'go.notFound': 'The `go` command was not found, so downloads cannot be checked. Install Go or set its path.',
  'go.notWorking': 'The `go` command did not work, so downloads cannot be checked.',

  'env.patternSpaces': '{variable} has patterns with spaces ({patterns}); Go does not trim them, so they never match.',
  'env.patternMalformed': '{variable} has malformed patterns ({patterns}) that never match.',
  'env.shadowed': '{variable} from `go env -w` ("{fileValue}") is ignored: the environment sets {variable}="{processValue}".',
  'name.someModule': 'a module',
  'name.someModuleStart': 'A module',
  'name.replaced': '{module} (replaced by {replacement})',
  'name.theDownload': 'the download',
  'word.theProxy': 'The proxy',
  'word.theServer': 'The server',
  'word.theServerLower': 'the server',
  'word.theAddress': 'the address',
  'word.theRepository': 'the repository',
  'word.theHost': 'The host',
  'clause.said': ': {said}',
  'clause.saidQuoted': ': "{said}"',
  'clause.saidParen': ' ("{said}")',
  'clause.quotedValue': ' ("{value}")',
  'clause.equalsValue': '="{value}"',
  'clause.status': ' ({status})',
  'clause.toolchainAsked': ' ({asked}{newer})',
  'clause.toolchainEnv': ' (GOTOOLCHAIN={setting})',
  'clause.toolchainNewer': ', newer than {running} that ran',
  'explain.sumdbPublic':
    'The checksum database has no record of {name} ({status}) and says why: {said}. The module looks public: the version cannot be fetched or packaged by the mirror (a tag deleted and re-created, pushed after the first request, or missing), not private. GOPRIVATE would only switch verification off for it.',
  'explain.sumdbPublic.unsaid': 'it could not fetch this version',
  'explain.sumdbPrivate':
    '{name} looks private: the public checksum database does not know it ({status}){said}. Tell Go it is private with GOPRIVATE{viaProxy}.',
  'explain.sumdbPrivate.viaProxy': ', or, since your proxy serves it, with GONOSUMDB',
  'explain.sumdbUnreachable.private':
    'The checksum database could not be reached to verify {name}. If the module is private, tell Go not to look it up there; otherwise use a checksum database (or a proxy that serves it) that answers from here.',
  'explain.sumdbUnreachable':
    'The checksum database could not be reached to verify {name}. Use a checksum database (or a proxy that serves it) that answers from here.',
  'explain.checksumMismatch':
    'SECURITY: the code downloaded for {name} does not match the recorded checksum. Do not turn verification off; find out why it changed.',
  'explain.publicRefused':
    "{who} refused {name} ({status}){said}. It needs no credentials: it refuses this network (a VPN or Tor exit, a region, an organisation's policy) or this version.",
  'explain.goauthOff': '{who} refused {name} ({status}), and GOAUTH=off keeps go from sending any credentials, ~/.netrc included.',
  'explain.goauthRefused': '{who} refused {name} ({status}) with the credentials GOAUTH ("{goauth}") gave go, or with none: {why}.',
  'explain.goauthRefused.command': 'the command GOAUTH runs printed none it accepts',
  'explain.goauthRefused.git': "git's credential helper had none for it",
  'explain.gogetRefused': "{who} refused go's request for {name} ({status}): it answers only with credentials, which go reads from ~/.netrc or GOAUTH.",
  'explain.proxy403':
    '{who} refused {name} (403{said}): either it needs credentials Go did not send, or it refuses this version by its own policy — its answer does not say which.',
  'explain.proxyAuth': '{who} refused {name} ({status}): it needs credentials Go did not send.',
  'explain.goauthValue': 'go stopped before downloading anything: GOAUTH{value} is not a value it can use.',
  'explain.proxyRefused':
    '{who} refuses to serve {name} ({status}){said}. It answered, so this is its decision about this version (a policy, a curation rule, a version withdrawn), not missing credentials.',
  'explain.sumdbMirrorBroken': '{who} answered for the checksum database with something that is not the database{status} while verifying {name}.',
  'explain.notAModuleZip':
    '{who} served a zip for {name} that is not a module zip: its files are not under {name}/ (a source archive of the repository?). Clearing the module cache does not help; another proxy does.',
  'explain.redirectLoop': '{who} redirects in a loop for {name}: go gave up after 10 redirects. "," does not fall through on this; "|" does.',
  'explain.proxyFailed': '{who} failed while serving {name}{detail}.',
  'explain.proxyFailed.broken': ' (the connection broke)',
  'explain.gosumdbValue':
    'GOSUMDB{value} is not a checksum database Go can use, so {name} cannot be verified: a name other than sum.golang.org needs its verifier key ("name+hash+key").',
  'explain.goproxyValue': 'GOPROXY ("{value}") does not allow downloading {name}.',
  'explain.dnsResolver': 'The name {host} could not be looked up while fetching {name}: the DNS resolver itself failed or cannot be reached.',
  'explain.dnsResolver.noHost': 'The name could not be looked up while fetching {name}: the DNS resolver itself failed or cannot be reached.',
  'explain.dns': 'The host {host} could not be found (DNS) while fetching {name}.',
  'explain.dns.noHost': 'The host could not be found (DNS) while fetching {name}.',
  'explain.connectionRefused': 'Nothing is listening at {where} (connection refused) while fetching {name}.',
  'explain.timeout.handshake': 'The TLS handshake with {where} timed out while fetching {name}.',
  'explain.timeout.read': 'Reading from {where} timed out while fetching {name}.',
  'explain.timeout.connect': 'Connecting to {where} timed out while fetching {name}.',
  'explain.httpProxy': 'The HTTP proxy from HTTPS_PROXY/HTTP_PROXY failed while fetching {name}.',
  'explain.tls.invalid': 'The TLS certificate of {where} is not valid (expired, or not yet valid).',
  'explain.tls.untrusted': 'The TLS certificate of {where} is not trusted (unknown authority, or for another host).',
  'explain.gitAuth': 'git needs credentials for {where} to fetch {name} and has none{accepted}.',
  'explain.gitAuth.accepted': ' that it accepts',
  'explain.sshSilent':
    "git's ssh connection{to} failed without a word from ssh while fetching {name} (an insteadOf rule sends it to ssh): the ssh command, its key or agent.{batch}",
  'explain.sshSilent.to': ' to {host}',
  'explain.sshKey': 'The SSH key was refused by {where} while fetching {name}.{batch}',
  'explain.batchMode':
    ' Your GIT_SSH_COMMAND does not set -o BatchMode=yes (Go adds it only to the ssh command it chooses itself), so ssh may stop to ask a question nobody can answer.',
  'explain.sshHostKey': 'The SSH host key of {where}{port} is not known (or changed), so git refused to connect.{batch}',
  'explain.sshHostKey.port': ' (port {port})',
  'explain.gitlabNested':
    "{host} says the repository of {name} cannot be found: for a project in a nested group, GitLab answers go's go-get request without credentials with only the first two path elements, so go asks git for the wrong repository.",
  'explain.repoAskedCredentials':
    'git asked for credentials to fetch {name}, which is what GitHub-like hosts answer for a repository that does not exist (a typo, a wrong owner or case, renamed or deleted) as much as for a private one. The module is not declared private (GOPRIVATE), so the path is the likelier cause.{copy}',
  'explain.repoAskedCredentials.copy': ' GOPROXY sends it to git directly: the public proxy keeps copies of modules whose repositories were deleted.',
  'explain.repoNotFound': 'The repository for {name} was not found, or is not visible with these credentials.',
  'explain.vcsMissing': '{tool} is not installed (or not on PATH), and {name} must be fetched with it.',
  'explain.unknownRevision': 'The version of {name} does not exist{where}: no such tag, branch or commit.',
  'explain.unknownRevision.on': ' on {host}',
  'explain.forgeGoGet': "{host} did not answer go's go-get request for {name} with the repository{code}: {advice}.",
  'explain.forgeGoGet.203': ' (203: it wants credentials)',
  'explain.forgeGoGet.credentials': 'it answers only with credentials',
  'explain.forgeGoGet.path': 'require the module by a path that names the repository, or give go credentials for it',
  'explain.goget404':
    "{host} answered go's go-get request for {name} with 404{said}: no such path there, or a private repository it shows only with credentials.",
  'explain.importPath': 'Go could not find the repository behind {name} (no go-import meta tag, or no secure protocol worked).',
  'explain.insecure': 'Go refused an insecure (plain HTTP) URL or redirect while fetching {name}.',
  'explain.govcsValue':
    'go cannot read GOVCS{value}, so it fetches nothing directly ({name} included): each entry is pattern:vcs|vcs, and a pattern that an earlier one covers is never reached.',
  'explain.govcs': 'GOVCS does not allow {vcs} for {name}.',
  'explain.moduleContent':
    '{name} holds file names go will not extract ({what}): no one can build with this version, whatever the proxy or cache; require another.',
  'explain.moduleContent.case': 'two names that differ only in case',
  'explain.moduleContent.characters': 'characters a module file name may not have',
  'explain.notAModule':
    '{name} is not a module at that revision: its path names a directory of another module (no go.mod there). Require the module that contains it.',
  'explain.modulePath': '{name} has a module path problem: {what}.',
  'explain.modulePath.notAPath': 'the path is not a module path (check its spelling and host)',
  'explain.modulePath.declared': 'it is malformed, or its go.mod declares another path',
  'explain.goSum': 'go could not read go.sum{where}: delete that line, or run `go mod tidy` to rewrite go.sum.',
  'explain.goSum.line': ' (line {line}: {text})',
  'explain.noModuleLine': 'go.mod has no module line.',
  'explain.goModUnreadable': 'go could not read go.mod.',
  'explain.sumdbState':
    'The checksum database state kept on this machine disagrees with what the checksum database serves now, so {name} cannot be verified: it was damaged (an interrupted write) or came from another server you used before. Rarely, a server lied: if it happens again after a reset, report it.',
  'explain.modCacheLocation':
    'go cannot use the module cache location (GOMODCACHE{cache}, GOPATH{gopath}): it must be an absolute path to a folder, so {name} cannot be stored.',
  'explain.modCacheUnwritable': 'The module cache is not writable ({cache}), so {name} cannot be stored.',
  'explain.modCacheCorrupt': 'The module cache is corrupt ({cache}): {name} cannot be read from it.',
  'explain.toolchainSumdbOff':
    'go verifies every Go toolchain it downloads against the checksum database, and GOSUMDB=off leaves it none, so the toolchain{asked} cannot be had.',
  'explain.toolchainSumdbUnreachable':
    'The checksum database (GOSUMDB{value}) that must verify the Go toolchain could not be reached, so the toolchain{asked} cannot be had.',
  'explain.gotoolchainValue':
    'GOTOOLCHAIN="{setting}" asks for a Go toolchain go cannot use or find (go.mod does not ask for it): set GOTOOLCHAIN to auto, local, or a release such as go1.22.0.',
  'explain.toolchainProxy':
    'The Go toolchain that go.mod asks for{asked} is downloaded as the module golang.org/toolchain through a module proxy, and GOPROXY={proxy} cannot fetch it.',
  'explain.toolchain': 'The Go toolchain that go.mod asks for{asked} could not be obtained.',
  'explain.goMissing': 'No usable `go` command was found.',
  'explain.gitCachedClone': "git failed in Go's cached clone of the repository while fetching {name}; the clone in the module cache looks damaged.",
  'explain.gitFailure': 'git failed while fetching {name}.',
  'explain.unrecognised': 'Downloading {name} failed for a reason this tool does not recognise yet.',
  'explain.notFoundNoRepository':
    'No GOPROXY entry has {name} ({status}), and the proxy says why: its fetch from the origin found no repository it could read ({said}). The repository is likely gone, renamed or misspelt (or private).',
  'explain.notFoundImportProxy':
    "The module proxy that {name}'s go-import tag names ({server}) answered {status}: it may show the module only with credentials, or the path is wrong.",
  'explain.notFoundFile':
    'The folder GOPROXY names ({folder}) has no {name}: a file:// GOPROXY serves only what was copied into it, and go treats the missing file as "not found".{noLater}',
  'explain.notFoundFile.noLater': ' No later GOPROXY entry is there to try.',
  'explain.notFound': 'No GOPROXY entry has {name} ({status}), {why}. If it is private, add it to GOPRIVATE; otherwise check the version exists.',
  'explain.notFound.versionMissing':
    'No GOPROXY entry has {name} ({status}), but the proxy lists {count} other version(s) of {module}, the newest {newest}: it knows the module, so the version is the likelier cause. Require a version it has; `go list -m -versions {module}` lists them.',
  'explain.notFound.moduleUnknown':
    'No GOPROXY entry has {name} ({status}), and the proxy knows no version of {module} at all: the proxy does not serve it, it is private (tell Go with GOPRIVATE, and it is fetched from its own server), or its path is not right.',
  'explain.notFound.direct': 'and the direct fetch found nothing either',
  'explain.notFound.noDirect': 'and GOPROXY has no "direct" entry to fall back to',
  'classify.broadFirst':
    '{variable} has "{pattern}", which covers every module on {host}, public ones too: go fetched {module} from its origin instead of the proxy, and that failed. {message}',
  'classify.broadAfter':
    '{message} ({variable} has "{pattern}", which sends every module on {host} to its origin, past the proxy: if {module} is public, that pattern is too broad.)',
  'classify.stall': 'No progress for {seconds} s on {name}: {wait}. Go has no timeout here and would wait forever, so the run was stopped.',
  'wait.request': 'GET {url} got no response',
  'wait.body': 'GET {url} answered 200 OK, then its body stopped arriving',
  'wait.bodyPartial': 'GET {url} answered 200 OK; {bytes} of its body arrived{rate}, then it stopped arriving',
  'wait.rate': ' at {rate}',
  'wait.command': '{command} is still running',
  'wait.nothing': 'waiting with nothing printed',
  'classify.unknown': 'go mod download failed (exit status {code}) and the output was not recognised.',
  'explain.toolchainDependency':
    '{module} requires go >= {needed}, newer than the go that ran (go {running}){pinned}: install that Go, let go switch, or require an older version of it.',
  'explain.toolchainDependency.pinned': ', and GOTOOLCHAIN={setting} keeps go from switching to a newer toolchain',
  'health.retracted': '{module} is retracted by its author{rationale}{through}{move}',
  'health.rationale': ': {rationales}{end}',
  'health.rationale.none': ' (no reason given).',
  'health.period': '.',
  'health.through': ' It is required through {chain}.',
  'health.retracted.move': ' {version} is the newest version that is not retracted.',
  'health.deprecated': '{module} is deprecated by its author: {message}{end}{through}',
  'health.withChain': '{message}{through}',
} as const;
