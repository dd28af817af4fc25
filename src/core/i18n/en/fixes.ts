// What a fix is called and, for guidance, what it says: the commands, values and URLs are
// arguments. fixes.ts plans the fixes with these ids.

export const enFixes = {
  'fix.shadowedEnv.title': 'Unset {variable} in the environment that starts VS Code or the shell',
  'fix.shadowedEnv.text':
    '{variable} is set in the process environment to "{processValue}", which overrides "{fileValue}" from `go env -w`. Remove it from your shell profile or from go.toolsEnvVars.',
  'fix.trimPatterns.title': 'Remove the spaces from {variable}',
  'fix.addPattern.title': 'Add {pattern} to {variable}',
  'fix.gonosumdbAdd.title': 'Add {pattern} to GONOSUMDB (keep fetching it through the proxy)',
  'fix.appendDirect.title': 'Append ",direct" to GOPROXY',
  'fix.fallThrough.title': 'Fall through to the next GOPROXY entry on any error ("," → "|")',
  'fix.setGoproxy.title': 'Set GOPROXY to {value}',
  'fix.goauthUnset.title': 'Remove GOAUTH from the Go env file (go env -u GOAUTH: back to netrc)',
  'fix.goauthValue.title': 'Write GOAUTH as go reads it',
  'fix.goauthValue.text':
    'GOAUTH is a list of commands separated by ";": `netrc`, `git <absolute dir>`, or a command of your own; `off` stands alone. An empty entry (a leading or doubled ";") is an error.',
  'fix.gotoolchainUnset.title': 'Remove GOTOOLCHAIN from the Go env file (go env -u GOTOOLCHAIN: back to auto)',
  'fix.unset.title': 'Remove {variable} from the Go env file (go env -u {variable})',
  'fix.insteadOfSsh.title': 'Fetch {host} over SSH (git insteadOf rule)',
  'fix.insteadOfRemove.title': 'Remove the git rule {key} {value}',
  'fix.word.theHost': 'the host',
  'fix.gitCredentials.title': 'Give git credentials for {where}',
  'fix.gitCredentials.text':
    'git asked for a username and could not prompt. Let a git credential helper supply a token (your OS keychain, Git Credential Manager, or `gh auth setup-git`), or add a line for {where} to ~/.netrc. Never put a token into GOPROXY or an insteadOf URL.',
  'fix.word.theProxy': 'the proxy',
  'fix.proxyCredentials.https': 'Go sends credentials only over HTTPS, so first point GOPROXY at the https:// URL of this proxy. ',
  'fix.proxyCredentials.title': 'Give Go credentials for {where}',
  'fix.proxyCredentials.text':
    '{https}Go sends credentials from ~/.netrc (or the command named by GOAUTH) to HTTPS proxies. Add a `machine {machine} login <user> password <token>` line to ~/.netrc, or configure GOAUTH.',
  'fix.sshKnownHost.title': 'Check and trust the SSH host key of {host}',
  'fix.sshKnownHost.why': 'Compare the printed key with the one your Git host publishes, then append it to ~/.ssh/known_hosts.',
  'fix.sshKey.title': 'Make an SSH key available for {host}',
  'fix.sshKey.text':
    'Load your key into ssh-agent (`ssh-add`) and register its public half with the Git host. Go runs ssh in batch mode, so it cannot ask for a passphrase.',
  'fix.sshBatchMode.title': 'Add -o BatchMode=yes to your GIT_SSH_COMMAND',
  'fix.sshBatchMode.text':
    'Go adds BatchMode only to the ssh command it picks itself; yours ("{command}") lets ssh wait for a passphrase or a yes/no answer that nobody can give while go runs. Add -o BatchMode=yes to it.',
  'fix.goImport.title': 'Serve a go-import meta tag, or use a path that names the repository',
  'fix.goImport.text':
    'For a path on its own host, Go asks https://<path>?go-get=1 for <meta name="go-import" content="<prefix> git <repository URL>">. Serve that tag (with credentials: ~/.netrc or GOAUTH), or require the module by a path ending in .git.',
  'fix.word.theModuleCache': 'the module cache',
  'fix.modCacheWritable.title': 'Make the module cache writable, or use another one',
  'fix.modCacheWritable.text':
    'Go must write to {cache}. Give your user ownership of it (it may belong to another user or a container), or point GOMODCACHE at a folder you can write (go env -w GOMODCACHE=<folder>).',
  'fix.sumdbStateReset.title': 'Reset the cached state of {db} ({gopath}/pkg/sumdb/{db})',
  'fix.sumdbStateReset.text':
    'Remove {gopath}/pkg/sumdb/{db} (the tree head go remembers) and {cache}/cache/download/sumdb/{db} (its cached tiles), then run again: go starts from what {db} serves now. go clean -modcache alone leaves the tree head in place.',
  'fix.cleanModCache.title': 'Remove the module cache (go clean -modcache)',
  'fix.cleanModCache.why': 'The cache is rebuilt on the next download.',
  'fix.installGit.title': 'Install git',
  'fix.installGit.text': 'Go fetches modules that no proxy serves with git. Install git and make sure it is on PATH.',
  'fix.installGo.title': 'Install Go or point the extension at it',
  'fix.installGo.text': 'Install Go from go.dev/dl, or set `go.goroot` / `go.alternateTools` in your settings to the Go you use.',
  'fix.checksum.title': 'Find out why the checksums differ (do not turn verification off)',
  'fix.checksum.text':
    'The downloaded code is not what go.sum or the checksum database recorded. That can mean a re-tagged release, a proxy serving different code, or tampering. Check with the module author; if a private module was legitimately re-tagged, delete its lines from go.sum and run `go mod download` again.',
  'fix.toolchain.title': 'Install the Go version go.mod asks for, or let Go download it',
  'fix.toolchain.text': 'Install that Go release, or allow Go to fetch it: GOTOOLCHAIN=auto with a GOPROXY and GOSUMDB that can reach golang.org/toolchain.',
  'fix.govcsUnset.title': "Remove GOVCS from the Go env file (go env -u GOVCS: back to Go's default)",
  'fix.govcsAllow.title': 'Allow {vcs} for {pattern} in GOVCS',
  'fix.envSetInProcess.unset': 'unset {variable}',
  'fix.envSetInProcess.remove': 'remove {variable}',
  'fix.envSetInProcess.title': '{variable} is set in the environment: change it there ({wanted})',
  'fix.envSetInProcess.text':
    'The environment go runs with sets {variable}="{set}", and that overrides `go env -w`, so "{title}" alone would change nothing. Change it where it is set: your shell profile, the CI job\'s environment, or go.toolsEnvVars in VS Code settings ({change}); or remove it there and apply the fix.',
  'fix.narrow.title': 'Remove "{pattern}" from {variable}: it sends every public module there to its origin (then add only your own, e.g. {example})',
  'fix.addAll.covers': ' (covers {count} modules)',
  'fix.addAll.title': 'Add {patterns} to GOPRIVATE{covers}',
  'fix.sumdbMirror.title': 'Use a reachable checksum database',
  'fix.sumdbMirror.text':
    'If sum.golang.org is blocked, use a proxy that serves /sumdb/ or GOSUMDB=sum.golang.google.cn. Turning GOSUMDB off removes protection and is not recommended.',
  'fix.httpProxy.title': 'Check HTTPS_PROXY, its credentials and NO_PROXY',
  'fix.httpProxy.text':
    'Go uses HTTPS_PROXY/HTTP_PROXY/NO_PROXY; git uses its own http.proxy. Check the proxy address, that it allows CONNECT, and put internal hosts in NO_PROXY.',
  'fix.tlsTrust.title': 'Trust the certificate authority',
  'fix.tlsTrust.text':
    "Install your organisation's CA in the system trust store, or point SSL_CERT_FILE at it (git: `git config --global http.sslCAInfo <pem>`). GOINSECURE does not affect proxies or the checksum database.",
  'fix.checkPath.title': 'Check the module path and your access',
  'fix.checkPath.text': 'Check the spelling and case of the path, and that your credentials can see the repository.',
  'fix.proxyRefusesVersion.title': 'Ask the operator of {where} about this version, or require another',
  'fix.proxyRefusesVersion.text':
    '{where} refuses this version of {module} on purpose. Require a version it serves (`go list -m -versions {module}` lists what it offers), or ask its operator why this one is blocked and whether it can be allowed. Marking a public module private (GOPRIVATE) would not help: it switches off the proxy and checksum verification for it.',
  'fix.listVersions.title': 'See which versions exist',
  'fix.listVersions.text': 'Run `go list -m -versions {module}` and require one of them.',
  'fix.insecure.title': 'Serve the module over HTTPS',
  'fix.insecure.text': 'Fix the server to use HTTPS. GOINSECURE=<pattern> allows plain HTTP for direct fetches of matching modules only.',
  'fix.modulePath.title': 'Require the path the module declares',
  'fix.modulePath.text': "Use the path in the module's own go.mod (with /vN for major versions 2 and above), or add a replace for a fork.",
  'fix.goproxyReachable.choice': 'Use a GOPROXY that answers from here: {choice}',
  'fix.goproxyReachable.title': 'Use a GOPROXY that answers from your network',
  'fix.goproxyReachable.text':
    "The proxy in GOPROXY cannot be reached from here (a firewall, a country-wide block, a VPN). Use one that can: your company's proxy, or a public mirror such as https://goproxy.cn,direct or https://goproxy.io,direct. The GOPROXY item in the status bar probes each choice before you pick it.",
  'fix.word.theServer': 'the server',
  'fix.networkCheck.dns':
    "The name {where} could not be looked up: the DNS resolver itself failed or is unreachable (check /etc/resolv.conf, the VPN, a container's network settings). No Go setting fixes that.",
  'fix.networkCheck.connect':
    '{where} did not answer from this network (a firewall, a VPN, a proxy Go is not told about). Check that the machine can reach it; HTTPS_PROXY/NO_PROXY tell Go about a proxy it must use.',
  'fix.networkCheck.tls':
    'The TLS handshake with {where} did not finish: a middlebox, a flaky link or an overloaded server. Retry, or check the network path (VPN, tethering, firewall).',
  'fix.networkCheck.refused':
    '{where} refused this network (its answer says so): a VPN or Tor exit, a region, or an organisation policy. Try from another network, or use a proxy you are allowed to use.',
  'fix.networkCheck.title': 'Check the network path to {where}',
  'fix.gogetCredentials.nested':
    "Without credentials {where} answers go's ?go-get=1 request for a nested group with only the first two path elements, so go asks git for the wrong repository. ",
  'fix.gogetCredentials.only': "{where} answers go's ?go-get=1 request only when it carries credentials. ",
  'fix.gogetCredentials.title': 'Give go credentials for {where} (~/.netrc or GOAUTH)',
  'fix.gogetCredentials.text':
    "{why}Add `machine {where} login <user> password <token>` to ~/.netrc (a token with read access), or set GOAUTH; git's own credential helper is not asked for this request.",
  'fix.vcsSuffix.title': 'Require the module by a path ending in .git',
  'fix.vcsSuffix.text':
    "A path that ends in .git names the repository, and go fetches it with git without asking a go-get page ({example}); the module's own go.mod must declare that path.",
  'fix.word.theModule': 'the module',
  'fix.sumdbRetagged.title': 'Use another version of {module}, or ask its author for a new tag',
  'fix.sumdbRetagged.text':
    'The public checksum database (and proxy) could not fetch this version: a tag that was deleted and re-created, pushed after the first request, or that the mirror cannot package. Require another version (go list -m -versions), or ask the author to publish a new tag. GOPRIVATE would only switch verification off for a public module.',
  'fix.installVcs.title': 'Install {tool}',
  'fix.installVcs.text':
    'The module is fetched with {tool}, which is not installed or not on PATH. Install it, or require a fork of the module hosted with git.',
  'fix.goSumRepair.titleLine': ' (line {line})',
  'fix.goSumRepair.title': 'Repair go.sum{line}',
  'fix.goSumRepair.text': 'Delete the malformed line{line} from go.sum, or run `go mod tidy`, which rewrites go.sum from go.mod and verifies every hash again.',
  'fix.moduleLine.title': 'Add a module line to go.mod',
  'fix.moduleLine.text': 'Give go.mod its module path: `go mod edit -module=example.com/mod` (the path your imports use).',
  'fix.sumdbMirror.choice': 'Use a checksum database that answers from here: GOSUMDB={choice}',
  'fix.upgrade.title': 'Upgrade {module} to {version}',
  'fix.leaveRetracted.title': 'Move {module} to {version}, the newest version that is not retracted',
  'fix.leaveRetracted.latest': 'Move {module} to its newest version that is not retracted',
  'fix.deprecatedReplacement.title': 'Read about {replacement}, which the author of {module} names instead',
  'fix.deprecatedReplacement.text':
    'The author of {module} deprecated it and points to {replacement}. Moving to it means changing your imports: it is a different module.',

  'fixError.envFile': 'cannot find the go env file: {error}',
  'fixError.goenvOff': 'GOENV=off: go env -w cannot write settings. Unset GOENV to use fixes that change Go settings.',
  'fixError.gitConfig': 'git config failed: {error}',
  'fixError.goEnv': 'go env failed: {error}',
  'fixError.goGet': 'go get failed: {error}',
  'fixError.undo': 'undo failed: {error}',
  'fixError.isCommand': '"{title}" is a command to run yourself: {command}',
  'fixError.isGuidance': '"{title}" is guidance, not a change: {text}',
  'fixError.cannotApply': '"{title}" cannot be applied',
  'fixError.changedSince.left': '{file} changed after the fix wrote it; undo would discard those changes, so it was left as it is.',
  'fixError.changedSince.nothing': '{file} changed after the fix wrote it; undo would discard those changes, so nothing was undone.',
} as const;
