// Fixes planned as data. Nothing here applies anything: the CLI and the editor show a fix exactly
// as planned (command, before and after) and only then apply it. Two rules hold for every fix:
// it never writes a credential, and it never turns verification off to hide a security problem.

import { DEFAULT_GOPROXY, type GoEnv } from './goenv';
import { addPattern, narrowestPrivatePattern, removePattern, trimPatterns } from './patterns';
import { msg, render, type Message } from './i18n';
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

function goGet(id: string, title: Message, module: string, version: string, from: string | null): PlannedFix {
  return { id, ...titled(title), kind: 'go-get', detail: { kind: 'go-get', module, version, from } };
}

/** The newest version of the module's major version (go list -u's answer). */
export function upgradeModule(module: string, version: string, from: string | null): PlannedFix {
  return goGet('go-get-upgrade', msg('fix.upgrade.title', { module, version }), module, version, from);
}

/**
 * Off a retracted version: to the newest of its major version that is not retracted when go named
 * one, else to `latest`, which go resolves to the newest version not retracted (a downgrade when
 * the author retracted the newest ones).
 */
export function leaveRetracted(module: string, update: string | null, from: string | null): PlannedFix {
  return update
    ? goGet('go-get-unretracted', msg('fix.leaveRetracted.title', { module, version: update }), module, update, from)
    : goGet('go-get-unretracted', msg('fix.leaveRetracted.latest', { module }), module, 'latest', from);
}

/** A deprecated module whose author names what to use instead. */
export function deprecatedReplacementDoc(module: string, replacement: string): PlannedFix {
  return doc(
    'deprecated-replacement',
    msg('fix.deprecatedReplacement.title', { replacement, module }),
    msg('fix.deprecatedReplacement.text', { replacement, module }),
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

/** A fix's title: in English, and as the message other languages render. */
function titled(title: Message): Pick<PlannedFix, 'title' | 'titleId' | 'titleArgs'> {
  return { title: render('en', title), titleId: title.id, titleArgs: title.args };
}

function setGoEnv(id: string, title: Message, variable: string, value: string | null, env: GoEnv): PlannedFix {
  return { id, ...titled(title), kind: 'go-env', detail: { kind: 'go-env', variable, value, previous: env[variable] ?? '' } };
}

function doc(id: string, title: Message, text: Message, url: string): PlannedFix {
  return { id, ...titled(title), kind: 'doc', detail: { kind: 'doc', text: render('en', text), textId: text.id, textArgs: text.args, url } };
}

function command(id: string, title: Message, argv: string[], why: Message): PlannedFix {
  return { id, ...titled(title), kind: 'command', detail: { kind: 'command', argv, why: render('en', why), whyId: why.id, whyArgs: why.args } };
}

export function goprivateAdd(env: GoEnv, modulePath: string): PlannedFix {
  const pattern = narrowestPrivatePattern(modulePath);
  return setGoEnv('goprivate-add', msg('fix.addPattern.title', { pattern, variable: 'GOPRIVATE' }), 'GOPRIVATE', addPattern(env.GOPRIVATE ?? '', pattern), env);
}

export function gonosumdbAdd(env: GoEnv, modulePath: string): PlannedFix {
  const pattern = narrowestPrivatePattern(modulePath);
  return setGoEnv('gonosumdb-add', msg('fix.gonosumdbAdd.title', { pattern }), 'GONOSUMDB', addPattern(env.GONOSUMDB ?? '', pattern), env);
}

export function trimPatternList(env: GoEnv, variable: string): PlannedFix {
  return setGoEnv(`${variable.toLowerCase()}-trim`, msg('fix.trimPatterns.title', { variable }), variable, trimPatterns(env[variable] ?? ''), env);
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
  return setGoEnv('goproxy-append-direct', msg('fix.appendDirect.title'), 'GOPROXY', `${current},direct`, env);
}

/**
 * `a,b` → `a|b`: with `,` Go moves on only after a 404/410, so a proxy that is down or refuses
 * stops everything; with `|` Go moves on after any error.
 */
export function goproxyFallThrough(env: GoEnv): PlannedFix | null {
  const current = env.GOPROXY ?? '';
  if (!current.includes(',') || holdsCredentials(current)) return null;
  return setGoEnv('goproxy-fallthrough', msg('fix.fallThrough.title'), 'GOPROXY', current.replace(/,/g, '|'), env);
}

export function goproxyUseDefault(env: GoEnv): PlannedFix | null {
  if ((env.GOPROXY ?? '') === DEFAULT_GOPROXY) return null;
  return setGoEnv('goproxy-default', msg('fix.setGoproxy.title', { value: DEFAULT_GOPROXY }), 'GOPROXY', DEFAULT_GOPROXY, env);
}

/** `go env -u GOAUTH`: back to Go's default (`netrc`), which reads ~/.netrc. */
export function goauthUnset(env: GoEnv): PlannedFix {
  return setGoEnv('goauth-unset', msg('fix.goauthUnset.title'), 'GOAUTH', null, env);
}

/** What GOAUTH accepts, for a value go refused. */
export function goauthDoc(): PlannedFix {
  return doc('goauth-value', msg('fix.goauthValue.title'), msg('fix.goauthValue.text'), DOCS.goauth);
}

/** `go env -u GOTOOLCHAIN`: back to Go's default (auto), which follows go.mod. */
export function gotoolchainUnset(env: GoEnv): PlannedFix {
  return setGoEnv('gotoolchain-value', msg('fix.gotoolchainUnset.title'), 'GOTOOLCHAIN', null, env);
}

export function gosumdbUnset(env: GoEnv): PlannedFix {
  return setGoEnv('gosumdb-unset', msg('fix.unset.title', { variable: 'GOSUMDB' }), 'GOSUMDB', null, env);
}

export function goproxyUnset(env: GoEnv): PlannedFix {
  return setGoEnv('goproxy-unset', msg('fix.unset.title', { variable: 'GOPROXY' }), 'GOPROXY', null, env);
}

/** `url."ssh://git@host/".insteadOf https://host/`: fetch over SSH with the user's key instead. */
export function insteadOfSshAdd(host: string): PlannedFix {
  return {
    id: 'insteadof-ssh-add',
    ...titled(msg('fix.insteadOfSsh.title', { host })),
    kind: 'git-config',
    detail: { kind: 'git-config', action: 'add', key: `url.ssh://git@${host}/.insteadOf`, value: `https://${host}/` },
  };
}

export function insteadOfRemove(key: string, value: string): PlannedFix {
  return {
    id: 'insteadof-remove',
    ...titled(msg('fix.insteadOfRemove.title', { key, value })),
    kind: 'git-config',
    detail: { kind: 'git-config', action: 'remove', key, value },
  };
}

export function gitCredentialsDoc(host: string | null): PlannedFix {
  const where = host ?? msg('fix.word.theHost');
  return doc('git-credentials', msg('fix.gitCredentials.title', { where }), msg('fix.gitCredentials.text', { where }), DOCS.gitHttps);
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
  const https = plainHttp ? msg('fix.proxyCredentials.https') : '';
  return doc(
    'proxy-credentials',
    msg('fix.proxyCredentials.title', { where: machine ?? msg('fix.word.theProxy') }),
    msg('fix.proxyCredentials.text', { https, machine: where }),
    DOCS.goauth,
  );
}

export function sshKeyscan(host: string, port: string | null): PlannedFix {
  const argv = port ? ['ssh-keyscan', '-p', port, host] : ['ssh-keyscan', host];
  return command('ssh-known-host', msg('fix.sshKnownHost.title', { host }), argv, msg('fix.sshKnownHost.why'));
}

export function sshKeyDoc(host: string | null): PlannedFix {
  return doc('ssh-key', msg('fix.sshKey.title', { host: host ?? msg('fix.word.theHost') }), msg('fix.sshKey.text'), DOCS.gitHttps);
}

export function sshBatchModeDoc(command: string): PlannedFix {
  return doc('ssh-batch-mode', msg('fix.sshBatchMode.title'), msg('fix.sshBatchMode.text', { command }), DOCS.gitHttps);
}

export function goImportDoc(): PlannedFix {
  return doc('go-import', msg('fix.goImport.title'), msg('fix.goImport.text'), 'https://go.dev/ref/mod#vcs-find');
}

export function modCacheWritableDoc(cache: string | null): PlannedFix {
  return doc(
    'modcache-writable',
    msg('fix.modCacheWritable.title'),
    msg('fix.modCacheWritable.text', { cache: cache ?? msg('fix.word.theModuleCache') }),
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
    msg('fix.sumdbStateReset.title', { db, gopath }),
    msg('fix.sumdbStateReset.text', { db, gopath, cache }),
    'https://go.dev/ref/mod#checksum-database',
  );
}

export function cleanModCache(): PlannedFix {
  return command('clean-modcache', msg('fix.cleanModCache.title'), ['go', 'clean', '-modcache'], msg('fix.cleanModCache.why'));
}

export function installGit(): PlannedFix {
  return doc('install-git', msg('fix.installGit.title'), msg('fix.installGit.text'), DOCS.gitInstall);
}

export function installGo(): PlannedFix {
  return doc('install-go', msg('fix.installGo.title'), msg('fix.installGo.text'), DOCS.install);
}

export function checksumDoc(): PlannedFix {
  return doc('checksum-investigate', msg('fix.checksum.title'), msg('fix.checksum.text'), DOCS.moduleAuth);
}

export function toolchainDoc(): PlannedFix {
  return doc('toolchain', msg('fix.toolchain.title'), msg('fix.toolchain.text'), DOCS.toolchains);
}

/** `go env -u GOVCS`: back to Go's default (public:git|hg,private:all). */
export function govcsUnset(env: GoEnv): PlannedFix {
  return setGoEnv('govcs-value', msg('fix.govcsUnset.title'), 'GOVCS', null, env);
}

/** GOVCS allowing the tool Go refused (git unless the error names another) for the module's pattern. */
export function govcsAllow(env: GoEnv, modulePath: string, vcs = 'git'): PlannedFix {
  const pattern = narrowestPrivatePattern(modulePath);
  const current = env.GOVCS ?? '';
  const value = current ? `${pattern}:${vcs},${current}` : `${pattern}:${vcs}`;
  return setGoEnv('govcs-allow-git', msg('fix.govcsAllow.title', { vcs, pattern }), 'GOVCS', value, env);
}

export function shadowedEnvDoc(variable: string, processValue: string, fileValue: string): PlannedFix {
  return doc(
    'env-shadowed',
    msg('fix.shadowedEnv.title', { variable }),
    msg('fix.shadowedEnv.text', { variable, processValue, fileValue }),
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
    const wanted = value === null ? msg('fix.envSetInProcess.unset', { variable }) : `${variable}=${value}`;
    const change = value === null ? msg('fix.envSetInProcess.remove', { variable }) : `${variable}=${value}`;
    const plannedTitle = planned.titleId ? { id: planned.titleId, args: planned.titleArgs ?? {} } : planned.title;
    return [
      doc(
        'env-set-in-process',
        msg('fix.envSetInProcess.title', { variable, wanted }),
        msg('fix.envSetInProcess.text', { variable, set, title: plannedTitle, change }),
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
    msg('fix.narrow.title', { pattern, variable, example: pattern.includes('*') ? 'corp.example.com' : `${pattern}/your-org` }),
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
  return {
    ...fix,
    ...titled(msg('fix.addPattern.title', { pattern, variable: detail.variable })),
    detail: { ...detail, value: addPattern(detail.previous, pattern) },
  };
}

/** `go env -w GOPROXY=<value>`: a choice of the GOPROXY switcher. */
export function goproxySet(value: string, previous: string): PlannedFix {
  return {
    id: 'goproxy-set',
    ...titled(msg('fix.setGoproxy.title', { value })),
    kind: 'go-env',
    detail: { kind: 'go-env', variable: 'GOPROXY', value, previous },
  };
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
  const covers = modules.length > patterns.length ? msg('fix.addAll.covers', { count: modules.length }) : '';
  return {
    fix: {
      id: 'goprivate-add-all',
      ...titled(msg('fix.addAll.title', { patterns: patterns.join(', '), covers })),
      kind: 'go-env',
      detail: { kind: 'go-env', variable: 'GOPRIVATE', value, previous },
    },
    patterns,
    modules,
  };
}

// Guidance for the classes where no setting is the fix: the words live here, with the other fixes.

/**
 * A checksum database that answers from where the user is. With a probe's evidence (GOSUMDB
 * choices whose database answered, such as sum.golang.google.cn, the mirror of sum.golang.org
 * reachable from mainland China), the first of them as a `go env -w`; without, guidance.
 */
export function sumdbMirror(env: GoEnv, answering: readonly string[] = []): PlannedFix {
  const choice = answering.find((value) => value !== (env.GOSUMDB ?? '') && !holdsCredentials(value));
  if (choice) return setGoEnv('sumdb-mirror', msg('fix.sumdbMirror.choice', { choice }), 'GOSUMDB', choice, env);
  return sumdbMirrorDoc();
}

export function sumdbMirrorDoc(): PlannedFix {
  return doc('sumdb-mirror', msg('fix.sumdbMirror.title'), msg('fix.sumdbMirror.text'), DOCS.moduleAuth);
}

export function httpProxyDoc(): PlannedFix {
  return doc('http-proxy', msg('fix.httpProxy.title'), msg('fix.httpProxy.text'), 'https://pkg.go.dev/net/http#ProxyFromEnvironment');
}

export function tlsTrustDoc(): PlannedFix {
  return doc('tls-trust', msg('fix.tlsTrust.title'), msg('fix.tlsTrust.text'), 'https://pkg.go.dev/crypto/x509#SystemCertPool');
}

export function checkPathDoc(): PlannedFix {
  return doc('check-path', msg('fix.checkPath.title'), msg('fix.checkPath.text'), DOCS.gitHttps);
}

/** A proxy that refuses a version by policy: another version, its operator, or a proxy that serves it. */
export function proxyRefusesVersionDoc(server: string | null, modulePath: string | null): PlannedFix {
  const where = server ?? msg('fix.word.theProxy');
  const module = modulePath ?? '<module>';
  return doc('proxy-refuses-version', msg('fix.proxyRefusesVersion.title', { where }), msg('fix.proxyRefusesVersion.text', { where, module }), DOCS.goproxy);
}

export function listVersionsDoc(modulePath: string | null): PlannedFix {
  return doc(
    'list-versions',
    msg('fix.listVersions.title'),
    msg('fix.listVersions.text', { module: modulePath ?? '<module>' }),
    'https://go.dev/ref/mod#go-list-m',
  );
}

export function insecureDoc(): PlannedFix {
  return doc('insecure', msg('fix.insecure.title'), msg('fix.insecure.text'), DOCS.privateModules);
}

export function modulePathDoc(): PlannedFix {
  return doc('module-path', msg('fix.modulePath.title'), msg('fix.modulePath.text'), 'https://go.dev/ref/mod#module-path');
}

/**
 * A GOPROXY that answers from where the user is. With a probe's evidence (choices that answered),
 * the first of them as a `go env -w`; without, guidance naming the usual answers.
 */
export function goproxyReachable(env: GoEnv, answering: readonly string[]): PlannedFix {
  const choice = answering.find((value) => value !== (env.GOPROXY ?? '') && !holdsCredentials(value));
  if (choice) return setGoEnv('goproxy-reachable', msg('fix.goproxyReachable.choice', { choice }), 'GOPROXY', choice, env);
  return doc('goproxy-reachable', msg('fix.goproxyReachable.title'), msg('fix.goproxyReachable.text'), DOCS.goproxy);
}

/** The network itself: nothing in Go's settings fixes a resolver, route or firewall that fails. */
export function networkCheckDoc(host: string | null, what: 'dns' | 'connect' | 'tls' | 'refused'): PlannedFix {
  const where = host ?? msg('fix.word.theServer');
  const text = msg(`fix.networkCheck.${what}`, { where });
  return doc('network-check', msg('fix.networkCheck.title', { where }), text, 'https://go.dev/ref/mod#module-proxy');
}

/** Credentials for go's own go-get request to a forge (GitLab, Azure DevOps, Bitbucket): ~/.netrc or GOAUTH. */
export function gogetCredentialsDoc(host: string | null, nested: boolean): PlannedFix {
  const where = host ?? '<host>';
  const why = msg(nested ? 'fix.gogetCredentials.nested' : 'fix.gogetCredentials.only', { where });
  return doc('goget-credentials', msg('fix.gogetCredentials.title', { where }), msg('fix.gogetCredentials.text', { why, where }), DOCS.goauth);
}

/** Require the module by a path that names the repository (`.git`, Azure DevOps `_git`), so go asks no go-get page. */
export function vcsSuffixPathDoc(modulePath: string | null, forge: string | null): PlannedFix {
  const example = forge === 'azure' ? 'dev.azure.com/<org>/<project>/_git/<repo>.git' : `${modulePath ?? '<host>/<group>/<repo>'}.git`;
  return doc('vcs-suffix-path', msg('fix.vcsSuffix.title'), msg('fix.vcsSuffix.text', { example }), 'https://go.dev/ref/mod#vcs-find');
}

/** The checksum database has no record of this version of a public module: it could not fetch or package it. */
export function sumdbRetaggedDoc(modulePath: string | null): PlannedFix {
  return doc(
    'sumdb-retagged',
    msg('fix.sumdbRetagged.title', { module: modulePath ?? msg('fix.word.theModule') }),
    msg('fix.sumdbRetagged.text'),
    DOCS.moduleAuth,
  );
}

/** Install the version-control tool go needs for this module (Mercurial, Subversion, Bazaar, Fossil). */
export function installVcsDoc(tool: string): PlannedFix {
  return doc('install-vcs', msg('fix.installVcs.title', { tool }), msg('fix.installVcs.text', { tool }), 'https://go.dev/ref/mod#vcs');
}

/** A go.mod without a `module` line. */
/** A go.sum line go cannot read: its hashes are recomputed by go mod tidy. */
export function goSumRepairDoc(line: number | null): PlannedFix {
  return doc(
    'gosum-repair',
    msg('fix.goSumRepair.title', { line: line !== null ? msg('fix.goSumRepair.titleLine', { line }) : '' }),
    msg('fix.goSumRepair.text', { line: line !== null ? msg('clause.status', { status: line }) : '' }),
    'https://go.dev/ref/mod#go-sum-files',
  );
}

export function moduleLineDoc(): PlannedFix {
  return doc('module-path', msg('fix.moduleLine.title'), msg('fix.moduleLine.text'), 'https://go.dev/ref/mod#go-mod-file-module');
}
