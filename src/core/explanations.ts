// What each failure class means for the user, one entry per class: the sentence a person
// understands and the fixes, in order of likelihood. The classifier (classify.ts) picks the class
// from Go's words; this table explains it with what else the run knows (the environment, the
// module's requests, the user's git rules). Raw text: redacted where it is shown.

import type { ErrorFacts } from './errorClass';
import { hostOf, serverOf, serverResponse } from './errorClass';
import type { GoModSource } from './findings';
import * as fix from './fixes';
import { effectiveGoProxy, usesSumDb, type GoEnv } from './goenv';
import { parseGoProxy, proxiesForModule } from './goproxyList';
import type { ModuleState } from './moduleState';
import { forgeOf, isPublicHost, looksPublic, PUBLIC_GO_SERVICES } from './publicHosts';
import { msg, type Message, type MessageArg } from './i18n';
import type { FailureClass, PlannedFix } from './types';
import { compareGoVersions } from './versions';

/** What the explanations need of a run, besides the failing module. */
export interface ExplainInput {
  env: GoEnv;
  goMod: GoModSource | null;
  /** `url.<base>.insteadOf` rules from the user's git config, to explain and undo ssh rewrites. */
  insteadOf?: { key: string; value: string }[];
  /** The user's own GIT_SSH_COMMAND, when set: Go then adds no `-o BatchMode=yes` to it. */
  gitSshCommand?: string | null;
  /** `go env GOVERSION` of the go that ran (go1.26.8), to compare with what go.mod asks for. */
  goVersion?: string | null;
  /** GOPROXY choices that a probe showed answering from here (for a proxy out of reach). */
  reachableProxies?: readonly string[];
  /** GOSUMDB choices whose database a probe showed answering from here (for a checksum database out of reach). */
  reachableSumDbs?: readonly string[];
  /** The versions go lists for a module whose version a proxy answered 404 for (`go list -m -versions`). */
  proxyVersions?: ReadonlyMap<string, readonly string[]>;
}

export interface Explanation {
  message: Message;
  fixes: PlannedFix[];
}

/** The fixes that apply, in order, each id once (two reasons can plan the same fix). */
function present(...fixes: (PlannedFix | null)[]): PlannedFix[] {
  const seen = new Set<string>();
  const fresh = (candidate: PlannedFix) => {
    const keys = [candidate.id, effectOf(candidate)];
    if (keys.some((key) => seen.has(key))) return false;
    for (const key of keys) seen.add(key);
    return true;
  };
  return fixes.filter((candidate): candidate is PlannedFix => candidate !== null && fresh(candidate));
}

/**
 * What a fix changes: two fixes that make the same change (a proxy probed as answering that is also
 * the default) are offered once, under the first one's title.
 */
function effectOf(candidate: PlannedFix): string {
  const detail = candidate.detail;
  if (detail.kind === 'go-env') return `go env -w ${detail.variable}=${detail.value ?? ''}`;
  if (detail.kind === 'git-config') return `git config ${detail.action} ${detail.key} ${detail.value}`;
  return `fix ${candidate.id}`;
}

export interface ExplainContext {
  input: ExplainInput;
  module: ModuleState | null;
  facts: ErrorFacts & { text: string };
  /** "path@version" (and its replacement), or the message "a module". */
  name: MessageArg;
  path: string | null;
  /** The host the error names, else the module's. */
  host: string | null;
  /** host:port the error names, else the host. */
  server: string | null;
  /** The module's own files came from a proxy in this run. */
  servedByProxy: boolean;
  env: GoEnv;
}

type Explainer = (c: ExplainContext) => Explanation;

const EXPLAIN: Partial<Record<FailureClass, Explainer>> = {
  'private-module-sumdb': (c) => {
    const { facts, name, path, servedByProxy, env } = c;
    const said = serverSaid(facts.text);
    // What the database said when it tried to fetch the module decides: words of a private
    // repository (credentials, no such host), or of a version it could not fetch or package.
    const privateWords = PRIVATE_WORDS.test(said);
    // Only for a module on a public host: for another host, a private module is the likelier cause.
    if (!privateWords && path !== null && looksPublic(env, path)) {
      return {
        message: msg('explain.sumdbPublic', { name, status: facts.status ?? 410, said: shortSaid(said) || msg('explain.sumdbPublic.unsaid') }),
        fixes: present(fix.sumdbRetaggedDoc(path), fix.listVersionsDoc(path)),
      };
    }
    return {
      message: msg('explain.sumdbPrivate', {
        name: capitalized(name),
        status: facts.status ?? 404,
        said: saidClause(said),
        viaProxy: servedByProxy ? msg('explain.sumdbPrivate.viaProxy') : '',
      }),
      fixes: path
        ? servedByProxy
          ? [fix.gonosumdbAdd(env, path), fix.goprivateAdd(env, path)]
          : [fix.goprivateAdd(env, path), fix.gonosumdbAdd(env, path)]
        : [],
    };
  },
  'sumdb-unreachable': ({ input, name, path, servedByProxy, env }) => {
    // A public module needs a database that answers from here; only a private one is better
    // skipped: GONOSUMDB when the proxy serves it (GOPRIVATE would stop Go using that proxy).
    const isPrivate = path !== null && !looksPublic(env, path) && !isPublicHost(hostOf(path));
    const skip = isPrivate && path ? (servedByProxy ? fix.gonosumdbAdd(env, path) : fix.goprivateAdd(env, path)) : null;
    return {
      message: msg(isPrivate ? 'explain.sumdbUnreachable.private' : 'explain.sumdbUnreachable', { name }),
      fixes: present(skip, fix.sumdbMirror(env, input.reachableSumDbs), fix.goproxyReachable(env, input.reachableProxies ?? [])),
    };
  },
  'checksum-mismatch': ({ name }) => {
    return {
      message: msg('explain.checksumMismatch', { name }),
      fixes: [fix.checksumDoc()],
    };
  },
  'proxy-not-found': ({ input, module, facts, name }) => {
    return explainNotFound(input, module, facts, name);
  },
  'proxy-auth': ({ input, facts, name, path, server, host, env }) => {
    const said = serverSaid(facts.text);
    // The public proxy never wants credentials: its 401/403 is about where the request came from.
    if (host !== null && PUBLIC_GO_SERVICES.has(host)) {
      return {
        message: msg('explain.publicRefused', { who: server ?? host, name, status: facts.status ?? 403, said: saidClause(said) }),
        fixes: present(fix.networkCheckDoc(host, 'refused'), fix.goproxyReachable(env, [])),
      };
    }
    // Go's own go-get request to a forge or vanity host (not a GOPROXY entry): credentials for go, not for git.
    const goGet = isGoGetRequest(facts.url, facts.text) || (host !== null && !isProxyEntry(env, host));
    const credentials = goGet ? fix.gogetCredentialsDoc(host, false) : fix.proxyCredentialsDoc(facts.url);
    const who = server ?? host ?? msg(goGet ? 'word.theServer' : 'word.theProxy');
    // GOAUTH decides what go sends: off sends nothing; a command or git's helper sent what it had.
    // Go before 1.24 has no GOAUTH: it ignores the variable (and reads ~/.netrc).
    const goauthRead = !input.goVersion || compareGoVersions(input.goVersion, 'go1.24') >= 0;
    const goauth = goauthRead ? (env.GOAUTH ?? '').trim() : '';
    if (goauth === 'off') {
      return {
        message: msg('explain.goauthOff', { who, name, status: facts.status ?? '401/403' }),
        fixes: present(fix.goauthUnset(env), credentials),
      };
    }
    if (goauth !== '' && goauth !== 'netrc') {
      const custom = goauth.split(';').some((command) => !['netrc', 'git', 'off', ''].includes(command.trim().split(/\s+/)[0] ?? ''));
      return {
        message: msg('explain.goauthRefused', {
          who,
          name,
          status: facts.status ?? '401/403',
          goauth,
          why: msg(custom ? 'explain.goauthRefused.command' : 'explain.goauthRefused.git'),
        }),
        fixes: custom ? present(fix.goauthDoc(), credentials) : present(credentials, fix.goauthDoc()),
      };
    }
    if (goGet) {
      return {
        message: msg('explain.gogetRefused', { who, name, status: facts.status ?? '401/403' }),
        fixes: present(credentials, path && !privateCovered(env, path) ? fix.goprivateAdd(env, path) : null),
      };
    }
    const goprivate = path && !looksPublic(env, path) ? fix.goprivateAdd(env, path) : null;
    // 403 alone does not say whether it wants credentials or refuses this version: both, credentials first.
    if (facts.status === 403) {
      return {
        message: msg('explain.proxy403', { who: server ?? msg('word.theProxy'), name, said: saidClause(said, 'quoted') }),
        fixes: present(fix.proxyCredentialsDoc(facts.url), fix.proxyRefusesVersionDoc(server, path), goprivate),
      };
    }
    return {
      message: msg('explain.proxyAuth', { who: server ?? msg('word.theProxy'), name, status: facts.status ?? '401/403' }),
      fixes: present(fix.proxyCredentialsDoc(facts.url), goprivate),
    };
  },
  // A proxy that will not serve this version (its policy, a curation rule, a version it withdrew):
  // credentials would not change its answer, and GOPRIVATE would only switch off the proxy and the
  // checksum database for a public module.
  'env-conflict': (context) => {
    const { facts, env } = context;
    if (/GOAUTH/.test(facts.text)) {
      return {
        message: msg('explain.goauthValue', { value: env.GOAUTH !== undefined ? msg('clause.quotedValue', { value: env.GOAUTH }) : '' }),
        fixes: present(fix.goauthUnset(env), fix.goauthDoc()),
      };
    }
    return unrecognised(context);
  },
  'proxy-refused': ({ facts, name, path, server, host }) => {
    const said = serverSaid(facts.text);
    return {
      message: msg('explain.proxyRefused', {
        who: server ?? host ?? msg('word.theProxy'),
        name,
        status: facts.status ?? 403,
        said: saidClause(said, 'quoted'),
      }),
      fixes: present(fix.proxyRefusesVersionDoc(server ?? host, path), fix.listVersionsDoc(path)),
    };
  },
  'proxy-server-error': ({ input, facts, name, server, host, env }) => {
    // Its mirror of the checksum database (/sumdb/…) is broken: use the database another way.
    if (/\/sumdb\/|malformed record data|checking tree#/.test(facts.text)) {
      return {
        message: msg('explain.sumdbMirrorBroken', { who: server ?? msg('word.theProxy'), status: statusClause(facts.status), name }),
        fixes: present(fix.sumdbMirror(env, input.reachableSumDbs), fix.goproxyUseDefault(env)),
      };
    }
    // Go checks every file of a module zip is under module@version/: a source archive is not a module zip.
    if (/zip for \S+ has unexpected file/.test(facts.text)) {
      return {
        message: msg('explain.notAModuleZip', { who: server ?? msg('word.theProxy'), name }),
        fixes: present(fix.goproxyUseDefault(env), fix.goproxyFallThrough(env)),
      };
    }
    if (facts.text.includes('stopped after 10 redirects')) {
      return {
        message: msg('explain.redirectLoop', { who: server ?? msg('word.theServer'), name }),
        fixes: present(fix.goproxyFallThrough(env), fix.goproxyUseDefault(env)),
      };
    }
    // The connection broke while reading (reset, EOF): the path to the proxy, or the proxy.
    const broken = /connection reset by peer|unexpected EOF|stream error/.test(facts.text);
    return {
      message: msg('explain.proxyFailed', {
        who: server ?? msg('word.theProxy'),
        name,
        detail: facts.status ? statusClause(facts.status) : broken ? msg('explain.proxyFailed.broken') : '',
      }),
      fixes: broken ? networkFixes(input, host, null) : present(fix.goproxyFallThrough(env), fix.goproxyUseDefault(env)),
    };
  },
  'goproxy-config': ({ input, facts, name, env }) => {
    if (/GOSUMDB/.test(facts.text)) {
      return {
        message: msg('explain.gosumdbValue', { value: env.GOSUMDB ? msg('clause.quotedValue', { value: env.GOSUMDB }) : '', name }),
        fixes: present(fix.sumdbMirror(env, input.reachableSumDbs), fix.gosumdbUnset(env)),
      };
    }
    return {
      message: msg('explain.goproxyValue', { value: env.GOPROXY ?? '', name }),
      fixes: present(fix.goproxyUseDefault(env), fix.goproxyUnset(env)),
    };
  },
  dns: ({ input, facts, name, path, host }) => {
    const resolverFailed = RESOLVER_FAILED.test(facts.text);
    return {
      message: resolverFailed
        ? host
          ? msg('explain.dnsResolver', { host, name })
          : msg('explain.dnsResolver.noHost', { name })
        : host
          ? msg('explain.dns', { host, name })
          : msg('explain.dns.noHost', { name }),
      // A resolver that fails is the network's; a name it does not know may be a proxy off the VPN: fall through first.
      fixes: resolverFailed
        ? present(fix.networkCheckDoc(host, 'dns'), ...networkFixes(input, host, path))
        : present(...networkFixes(input, host, path), fix.networkCheckDoc(host, 'dns')),
    };
  },
  'connection-refused': ({ input, name, path, host, server }) => {
    return {
      message: msg('explain.connectionRefused', { where: server ?? msg('word.theAddress'), name }),
      fixes: networkFixes(input, host, path),
    };
  },
  'connect-timeout': ({ input, facts, name, path, host, server }) => {
    const handshake = /TLS handshake timeout/.test(facts.text);
    const reading = /\bread tcp |read: (?:operation|connection) timed out/.test(facts.text);
    return {
      message: msg(handshake ? 'explain.timeout.handshake' : reading ? 'explain.timeout.read' : 'explain.timeout.connect', {
        where: server ?? msg('word.theServerLower'),
        name,
      }),
      fixes: handshake
        ? host !== null && nextEntryIsProxy(input.env, host)
          ? present(...networkFixes(input, host, path), fix.networkCheckDoc(host, 'tls'))
          : present(fix.networkCheckDoc(host, 'tls'), ...networkFixes(input, host, path))
        : networkFixes(input, host, path, reading ? 'read' : 'connect'),
    };
  },
  'http-proxy': ({ name }) => {
    return { message: msg('explain.httpProxy', { name }), fixes: [fix.httpProxyDoc()] };
  },
  'tls-certificate': ({ input, facts, server, host, env }) => {
    // An expired (or not yet valid) certificate is the server's to renew; an unknown authority is
    // usually a corporate proxy whose CA this machine does not trust.
    const serversFault = /expired|not yet valid/.test(facts.text);
    const onProxy = host !== null && isProxyEntry(env, host);
    return {
      message: msg(serversFault ? 'explain.tls.invalid' : 'explain.tls.untrusted', { where: server ?? msg('word.theServerLower') }),
      fixes: serversFault && onProxy ? [fix.goproxyReachable(env, input.reachableProxies ?? []), fix.tlsTrustDoc()] : [fix.tlsTrustDoc()],
    };
  },
  'git-auth': ({ facts, name, path, host, env }) => {
    // git names the URL it asked credentials for, after the user's insteadOf rules: credentials
    // belong to that host; an insteadOf rule is written for the module's own host.
    const moduleHost = path ? hostOf(path) : host;
    const nestedGitLab = forgeOf(moduleHost) === 'gitlab' && path !== null && path.split('/').length > 3;
    return {
      message: msg('explain.gitAuth', {
        where: host ?? msg('word.theRepository'),
        name,
        accepted: CREDENTIALS_REFUSED.test(facts.text) ? msg('explain.gitAuth.accepted') : '',
      }),
      fixes: present(
        nestedGitLab ? fix.gogetCredentialsDoc(moduleHost, true) : null,
        fix.gitCredentialsDoc(host),
        moduleHost ? fix.insteadOfSshAdd(moduleHost) : null,
        path && !privateCovered(env, path) ? fix.goprivateAdd(env, path) : null,
      ),
    };
  },
  'ssh-auth': ({ input, facts, name, path, host }) => {
    const target = sshTarget(facts.text, host);
    // git's own words only: ssh itself printed nothing (a GIT_SSH_COMMAND that fails, an agent with no key).
    const silent = !/Permission denied|Load key|sign_and_send_pubkey/.test(facts.text);
    return {
      message: silent
        ? msg('explain.sshSilent', { to: target.host ? msg('explain.sshSilent.to', { host: target.host }) : '', name, batch: batchModeNote(input) })
        : msg('explain.sshKey', { where: target.host ?? msg('word.theServerLower'), name, batch: batchModeNote(input) }),
      fixes: present(fix.sshKeyDoc(target.host), ...sshRuleRemovals(input, path), batchModeFix(input)),
    };
  },
  'ssh-host-key': ({ input, facts, host }) => {
    const target = sshTarget(facts.text, host);
    return {
      message: msg('explain.sshHostKey', {
        where: target.host ?? msg('word.theServerLower'),
        port: target.port ? msg('explain.sshHostKey.port', { port: target.port }) : '',
        batch: batchModeNote(input),
      }),
      fixes: present(target.host ? fix.sshKeyscan(target.host, target.port) : null, batchModeFix(input)),
    };
  },
  'repo-not-found': ({ input, facts, name, path, env }) => {
    const moduleHost = path ? hostOf(path) : null;
    // GitLab answers go-get for a nested group, without credentials, with only its first two path
    // elements: go then asks git for a repository that does not exist.
    const gitlabSays = /The project you were looking for could not be found/.test(facts.text);
    if ((forgeOf(moduleHost) === 'gitlab' || gitlabSays) && (path === null ? gitlabSays : path.split('/').length > 3)) {
      return {
        message: msg('explain.gitlabNested', { host: moduleHost ?? 'GitLab', name }),
        fixes: present(fix.gogetCredentialsDoc(moduleHost, true), fix.vcsSuffixPathDoc(path, 'gitlab'), fix.gitCredentialsDoc(moduleHost)),
      };
    }
    const askedForCredentials = CREDENTIAL_PROMPT.test(facts.text);
    const noProxy = path !== null && !proxiesForModule(env, path).some((entry) => entry.kind === 'url');
    const copyOnProxy = noProxy && env.GOPROXY !== undefined ? fix.goproxyUseDefault(env) : null;
    return {
      message: askedForCredentials
        ? msg('explain.repoAskedCredentials', { name, copy: copyOnProxy ? msg('explain.repoAskedCredentials.copy') : '' })
        : msg('explain.repoNotFound', { name }),
      fixes: present(
        copyOnProxy,
        fix.checkPathDoc(),
        askedForCredentials ? fix.gitCredentialsDoc(moduleHost) : null,
        askedForCredentials && path && !privateCovered(input.env, path) ? fix.goprivateAdd(input.env, path) : null,
      ),
    };
  },
  'vcs-missing': ({ facts, name }) => {
    const tool = missingVcs(facts.text);
    return {
      message: msg('explain.vcsMissing', { tool, name }),
      fixes: [tool === 'git' ? fix.installGit() : fix.installVcsDoc(tool)],
    };
  },
  'unknown-revision': ({ name, path, host, env }) => {
    // A proxy other than the public one that lacks a tag the origin has: the public proxy may have it.
    const viaOtherProxy = host !== null && isProxyEntry(env, host) && !PUBLIC_GO_SERVICES.has(host);
    return {
      message: msg('explain.unknownRevision', { name, where: viaOtherProxy ? msg('explain.unknownRevision.on', { host }) : '' }),
      fixes: present(viaOtherProxy ? fix.goproxyUseDefault(env) : null, fix.listVersionsDoc(path)),
    };
  },
  'import-path': ({ facts, name, path, host, env }) => {
    const moduleHost = path ? hostOf(path) : host;
    const forge = forgeOf(moduleHost);
    // A forge answers go-get only with credentials (Azure DevOps: 203), or for a prefix of the path.
    if (forge !== null) {
      const namesRepository = path !== null && /(?:\.git|\/_git\/)/.test(path);
      return {
        message: msg('explain.forgeGoGet', {
          host: moduleHost ?? '',
          name,
          code: /\b203\b/.test(facts.text) ? msg('explain.forgeGoGet.203') : '',
          advice: msg(namesRepository ? 'explain.forgeGoGet.credentials' : 'explain.forgeGoGet.path'),
        }),
        fixes: namesRepository
          ? present(fix.gogetCredentialsDoc(moduleHost, false), fix.vcsSuffixPathDoc(path, forge))
          : present(fix.vcsSuffixPathDoc(path, forge), fix.gogetCredentialsDoc(moduleHost, false)),
      };
    }
    // The go-get page itself answered 404 with words of its own (a bare 404 is a vanity host that
    // lost its page: the tag is the fix): the path is wrong, or the host hides a private repository
    // from requests without credentials.
    const said404 = /\?go-get=1: 404 /.test(facts.text) ? serverSaid(facts.text) : '';
    if (said404) {
      const said = said404;
      return {
        message: msg('explain.goget404', {
          host: moduleHost ?? msg('word.theHost'),
          name,
          said: said ? msg('clause.saidParen', { said: shortSaid(said) }) : '',
        }),
        fixes: present(fix.checkPathDoc(), fix.gogetCredentialsDoc(moduleHost, false)),
      };
    }
    return {
      message: msg('explain.importPath', { name }),
      fixes: present(fix.goImportDoc(), path && !privateCovered(env, path) && !looksPublic(env, path) ? fix.goprivateAdd(env, path) : null),
    };
  },
  'insecure-transport': ({ name }) => {
    return { message: msg('explain.insecure', { name }), fixes: [fix.insecureDoc()] };
  },
  govcs: ({ facts, name, path, env }) => {
    // GOVCS that go cannot read: nothing is disallowed yet, the value itself is wrong.
    if (/(?:malformed|unreachable|empty) (?:entry|pattern) in GOVCS/.test(facts.text)) {
      return {
        message: msg('explain.govcsValue', { value: env.GOVCS ? msg('clause.quotedValue', { value: env.GOVCS }) : '', name }),
        fixes: [fix.govcsUnset(env)],
      };
    }
    const vcs = /GOVCS disallows using (\w+)/.exec(facts.text)?.[1] ?? 'git';
    return { message: msg('explain.govcs', { vcs, name }), fixes: path ? [fix.govcsAllow(env, path, vcs)] : [] };
  },
  'module-content': ({ facts, name, path }) => {
    return {
      message: msg('explain.moduleContent', {
        name: capitalized(name),
        what: msg(/case-insensitive/.test(facts.text) ? 'explain.moduleContent.case' : 'explain.moduleContent.characters'),
      }),
      fixes: [fix.listVersionsDoc(path)],
    };
  },
  'module-path': ({ facts, name }) => {
    if (/missing \S+\/go\.mod at revision/.test(facts.text)) {
      return {
        message: msg('explain.notAModule', { name: capitalized(name) }),
        fixes: [fix.checkPathDoc(), fix.modulePathDoc()],
      };
    }
    // "missing dot in first path element": a path that is not one (a typo, a missing host).
    // A path go rejects by its characters or shape (no dot in the host, '+', a leading dot): not a module path.
    const notAPath =
      /malformed module path "[^"]*": (?:missing dot in first path element|invalid char|leading dot|trailing dot|empty path element|leading slash|trailing slash|double slash)/.test(
        facts.text,
      );
    return {
      message: msg('explain.modulePath', { name: capitalized(name), what: msg(notAPath ? 'explain.modulePath.notAPath' : 'explain.modulePath.declared') }),
      fixes: notAPath ? [fix.checkPathDoc(), fix.modulePathDoc()] : [fix.modulePathDoc()],
    };
  },
  'gomod-syntax': ({ facts }) => {
    const goSum = /^malformed go\.sum:\n\S*?(go\.sum):(\d+): (.*)$/m.exec(facts.text);
    if (/^malformed go\.sum:/m.test(facts.text)) {
      return {
        message: msg('explain.goSum', { where: goSum ? msg('explain.goSum.line', { line: goSum[2]!, text: goSum[3]! }) : '' }),
        fixes: [fix.goSumRepairDoc(goSum ? Number(goSum[2]) : null)],
      };
    }
    const noModule = /missing module declaration|no module declaration/.test(facts.text);
    return { message: msg(noModule ? 'explain.noModuleLine' : 'explain.goModUnreadable'), fixes: noModule ? [fix.moduleLineDoc()] : [] };
  },
  'module-cache': ({ facts, name, env }) => {
    // The checksum database's state kept on this machine contradicts the server: an interrupted
    // write, or a tree from another server (a GOSUMDB or proxy mirror used before). Its head is in
    // $GOPATH/pkg/sumdb, outside the module cache, so go clean -modcache alone does not help.
    if (/misbehavior detected|downloaded inconsistent tile/.test(facts.text)) {
      return {
        message: msg('explain.sumdbState', { name }),
        fixes: [fix.sumdbStateResetDoc(env), fix.cleanModCache()],
      };
    }
    // GOMODCACHE/GOPATH unset, relative or a file: nothing is corrupt, the location is unusable.
    if (UNUSABLE_CACHE.test(facts.text)) {
      return {
        message: msg('explain.modCacheLocation', {
          cache: env.GOMODCACHE ? msg('clause.equalsValue', { value: env.GOMODCACHE }) : '',
          gopath: env.GOPATH ? msg('clause.equalsValue', { value: env.GOPATH }) : '',
          name,
        }),
        fixes: [fix.modCacheWritableDoc(env.GOMODCACHE || null)],
      };
    }
    // Removing an unwritable cache fails the same way; ownership (or another GOMODCACHE) is the fix.
    if (UNWRITABLE.test(facts.text))
      return {
        message: msg('explain.modCacheUnwritable', { cache: env.GOMODCACHE ?? 'GOMODCACHE', name }),
        fixes: [fix.modCacheWritableDoc(env.GOMODCACHE ?? null)],
      };
    return { message: msg('explain.modCacheCorrupt', { cache: env.GOMODCACHE ?? 'GOMODCACHE', name }), fixes: [fix.cleanModCache()] };
  },
  toolchain: ({ input, facts }) => {
    const { env } = input;
    // Go verifies every toolchain it downloads against the checksum database, whatever GOSUMDB says.
    if (/checksum database disabled by GOSUMDB=off/.test(facts.text)) {
      return {
        message: msg('explain.toolchainSumdbOff', { asked: toolchainAsked(input, facts.text) }),
        fixes: present(fix.gosumdbUnset(env), fix.toolchainDoc()),
      };
    }
    if (
      /golang\.org\/toolchain@\S+: verifying module: [^\n]*(?:dial tcp|connection refused|no such host|i\/o timeout|TLS handshake|: 5\d\d )/.test(facts.text)
    ) {
      return {
        message: msg('explain.toolchainSumdbUnreachable', {
          value: env.GOSUMDB ? msg('clause.equalsValue', { value: env.GOSUMDB }) : '',
          asked: toolchainAsked(input, facts.text),
        }),
        fixes: present(fix.sumdbMirror(env, input.reachableSumDbs), fix.gosumdbUnset(env), fix.toolchainDoc()),
      };
    }
    const setting = toolchainSetByEnv(env, facts.text);
    if (setting !== null) {
      return {
        message: msg('explain.gotoolchainValue', { setting }),
        fixes: present(fix.gotoolchainUnset(env), fix.toolchainDoc()),
      };
    }
    // A dependency (not this go.mod) needs a newer Go: say which, and what keeps go from switching.
    const needs = /(\S+@\S+) requires go >= (\S+) \(running go (\S+?)(?:; GOTOOLCHAIN=([^;)]+))?[;)]/.exec(facts.text);
    if (needs && !needs[1]!.startsWith('go.mod')) {
      const pinned = needs[4] !== undefined && needs[4] !== 'auto' && !needs[4].endsWith('+auto');
      return {
        message: msg('explain.toolchainDependency', {
          module: needs[1]!,
          needed: needs[2]!,
          running: needs[3]!,
          pinned: pinned ? msg('explain.toolchainDependency.pinned', { setting: needs[4]! }) : '',
        }),
        fixes: present(fix.toolchainDoc(), pinned ? fix.gotoolchainUnset(env) : null, fix.listVersionsDoc(needs[1]!.split('@')[0] ?? null)),
      };
    }
    // Toolchains are the module golang.org/toolchain, fetched through GOPROXY: off or direct cannot.
    const proxy = (env.GOPROXY ?? '').trim();
    if (/toolchain not available/.test(facts.text) && (proxy === 'off' || proxy === 'direct')) {
      return {
        message: msg('explain.toolchainProxy', { asked: toolchainAsked(input, facts.text), proxy }),
        fixes: present(fix.goproxyUseDefault(env), fix.toolchainDoc()),
      };
    }
    return { message: msg('explain.toolchain', { asked: toolchainAsked(input, facts.text) }), fixes: [fix.toolchainDoc()] };
  },
  'go-missing': () => {
    return { message: msg('explain.goMissing'), fixes: [fix.installGo()] };
  },
  'git-failure': ({ facts, name, env }) => {
    // A git command that failed inside Go's own clone ($GOMODCACHE/cache/vcs) points at that clone.
    if (inVcsCache(facts.text, env))
      return {
        message: msg('explain.gitCachedClone', { name }),
        fixes: [fix.cleanModCache()],
      };
    return { message: msg('explain.gitFailure', { name }), fixes: [] };
  },
};

export function explain(input: ExplainInput, module: ModuleState | null, facts: ErrorFacts & { text: string }, name: MessageArg): Explanation {
  const path = module?.path ?? null;
  const host = facts.url ? hostOf(facts.url) : likelyServer(input.env, path);
  const context: ExplainContext = {
    input,
    module,
    facts,
    name,
    path,
    host,
    server: serverOf(facts.url) ?? host,
    servedByProxy: module?.requests.some((request) => request.status === 200 && /\/@v\/[^/]+\.(?:mod|info|zip)$/.test(request.url)) ?? false,
    env: input.env,
  };
  return (EXPLAIN[facts.class] ?? unrecognised)(context);
}

function unrecognised({ name }: ExplainContext): Explanation {
  return { message: msg('explain.unrecognised', { name }), fixes: [] };
}

/**
 * The GOTOOLCHAIN value an error is about, when the value (not go.mod) asked for the toolchain:
 * `invalid GOTOOLCHAIN "asdf"`, or a version that GOTOOLCHAIN names and go could not download,
 * find on PATH, or tell apart from a language version. Null for auto/local/path.
 */
export function toolchainSetByEnv(env: GoEnv, text: string): string | null {
  const value = (env.GOTOOLCHAIN ?? '').trim();
  const named = /invalid GOTOOLCHAIN "([^"]*)"/.exec(text)?.[1];
  if (named !== undefined) return named;
  const base = value.replace(/\+(?:auto|path)$/, '');
  if (base === '' || ['auto', 'local', 'path'].includes(base)) return null;
  const mentioned = [`download ${base}`, `invalid toolchain: ${base} `, `cannot find "${base}" in PATH`, `invoked to provide ${base}`].some((words) =>
    text.includes(words),
  );
  return mentioned ? value : null;
}

/** " (go 1.27.0, newer than go1.26.8 that ran)": what go.mod's toolchain or go line asks for, against the go that ran. */
function toolchainAsked(input: ExplainInput, text = ''): MessageArg {
  // GOTOOLCHAIN, when it (not go.mod) asked for the toolchain; else go.mod's toolchain line (unless
  // `default`, which defers to the go line) or its go line.
  const fromEnv = text ? toolchainSetByEnv(input.env, text) : null;
  if (fromEnv !== null) return msg('clause.toolchainEnv', { setting: fromEnv });
  const parsed = input.goMod?.parsed;
  const toolchain = parsed?.toolchain?.name;
  const asked = toolchain && toolchain !== 'default' ? toolchain : parsed?.go ? `go ${parsed.go.version}` : null;
  if (!asked) return '';
  const running = input.goVersion ?? null;
  const newer = running !== null && compareGoVersions(asked.replace(' ', ''), running) > 0 ? msg('clause.toolchainNewer', { running }) : '';
  return msg('clause.toolchainAsked', { asked, newer });
}

function privateCovered(env: GoEnv, path: string): boolean {
  return !usesSumDb({ ...env, GOSUMDB: env.GOSUMDB || 'sum.golang.org' }, path);
}

function explainNotFound(input: ExplainInput, module: ModuleState | null, facts: ErrorFacts & { text: string }, name: MessageArg): Explanation {
  const { env } = input;
  // The proxy says what its own fetch from the origin met: a missing (or private) repository of a public-looking module.
  const said = serverSaid(facts.text);
  if (
    module &&
    looksPublic(env, module.path) &&
    /could not read Username|terminal prompts disabled|Repository not found|repository '[^']*' not found/.test(said)
  ) {
    return {
      message: msg('explain.notFoundNoRepository', { name, status: facts.status ?? 404, said: shortSaid(said) }),
      fixes: present(fix.checkPathDoc(), !privateCovered(env, module.path) ? fix.goprivateAdd(env, module.path) : null),
    };
  }
  const entries = module ? proxiesForModule(env, module.path) : parseGoProxy(env.GOPROXY ?? '').entries;
  const endsDirect = entries.some((entry) => entry.kind === 'direct' || entry.kind === 'noproxy');
  // A module proxy that the module's own go-import tag names (`mod`), not a GOPROXY entry: it may hide
  // a module from requests without credentials, as private registries do.
  const urlHost = facts.url && !facts.url.startsWith('file://') ? hostOf(facts.url) : null;
  if (urlHost !== null && !isProxyEntry(env, urlHost) && /^module \S+: reading /m.test(facts.text.replace(/^go: /, ''))) {
    return {
      message: msg('explain.notFoundImportProxy', { name, server: serverOf(facts.url) ?? urlHost, status: facts.status ?? 404 }),
      fixes: present(fix.proxyCredentialsDoc(facts.url), fix.checkPathDoc()),
    };
  }
  // A file:// entry (an offline build's copy of a module cache) serves only what was put in it.
  if (facts.url?.startsWith('file://')) {
    return {
      message: msg('explain.notFoundFile', { folder: fileEntryOf(env, facts.url), name, noLater: endsDirect ? '' : msg('explain.notFoundFile.noLater') }),
      fixes: present(endsDirect ? null : fix.goproxyAppendDirect(env)),
    };
  }
  // The proxy lists other versions of the module: it knows the module, so the version is the
  // likelier cause; GOPRIVATE would only take a module it serves away from it.
  const listed = module?.version ? (input.proxyVersions?.get(module.path) ?? null) : null;
  if (module?.version && listed !== null && listed.length > 0 && !listed.includes(module.version)) {
    return {
      message: msg('explain.notFound.versionMissing', {
        name,
        status: facts.status ?? 404,
        count: listed.length,
        module: module.path,
        newest: listed[listed.length - 1]!,
      }),
      fixes: present(fix.listVersionsDoc(module.path), endsDirect ? null : fix.goproxyAppendDirect(env)),
    };
  }
  // The proxy knows no version of it at all (its list is 404 too): it does not serve the module, the
  // module is private, or the path is not right. The order of the plain 404 (a proxy that lacks a
  // public module is passed by "direct"), with the path to check instead of a list that would be empty.
  if (module && listed !== null && listed.length === 0) {
    return {
      message: msg('explain.notFound.moduleUnknown', { name, status: facts.status ?? 404, module: module.path }),
      fixes: present(
        endsDirect ? null : fix.goproxyAppendDirect(env),
        !privateCovered(env, module.path) ? fix.goprivateAdd(env, module.path) : null,
        fix.checkPathDoc(),
      ),
    };
  }
  const fixes = present(
    endsDirect ? null : fix.goproxyAppendDirect(env),
    module && !privateCovered(env, module.path) ? fix.goprivateAdd(env, module.path) : null,
    module?.version ? fix.listVersionsDoc(module.path) : null,
  );
  const why = msg(endsDirect ? 'explain.notFound.direct' : 'explain.notFound.noDirect');
  return {
    message: msg('explain.notFound', { name, status: facts.status ?? 404, why }),
    fixes,
  };
}

/**
 * For a server out of reach. The public proxy or checksum database: a proxy that answers from here
 * (it is blocked in some countries and networks). Another GOPROXY entry: fall through with `|` to
 * the next, or go back to the default. A module's own host, fetched directly: the network, and
 * GOPRIVATE only for a module that does not look public.
 */
export function networkFixes(input: ExplainInput, host: string | null, path: string | null, during: 'connect' | 'read' = 'connect'): PlannedFix[] {
  const { env } = input;
  const reachable = fix.goproxyReachable(env, input.reachableProxies ?? []);
  // A connection that was made and then broke: the path to the server, not where it is.
  if (during === 'read') return present(fix.networkCheckDoc(host, 'connect'), reachable);
  if (host !== null && PUBLIC_GO_SERVICES.has(host)) return present(reachable, fix.goproxyFallThrough(env));
  if (host !== null && isProxyEntry(env, host)) {
    // "," → "|" helps when another proxy follows; before `direct` only, a proxy that answers is the fix.
    const anotherProxyNext = nextEntryIsProxy(env, host);
    return anotherProxyNext
      ? present(fix.goproxyFallThrough(env), reachable, fix.goproxyUseDefault(env))
      : present(reachable, fix.goproxyFallThrough(env), fix.goproxyUseDefault(env));
  }
  return present(fix.networkCheckDoc(host, 'connect'), path && !privateCovered(env, path) && !looksPublic(env, path) ? fix.goprivateAdd(env, path) : null);
}

/** The GOPROXY entry after the one on this host is another proxy URL. */
function nextEntryIsProxy(env: GoEnv, host: string): boolean {
  const entries = parseGoProxy(effectiveGoProxy(env)).entries;
  const at = entries.findIndex((entry) => entry.kind === 'url' && hostOf(entry.url) === host);
  return at >= 0 && entries[at + 1]?.kind === 'url';
}

/**
 * The server a module's request went to when the error names none: the first GOPROXY entry, for a
 * module Go fetches through the proxy (the first request of a run goes there); else the module's host.
 */
function likelyServer(env: GoEnv, path: string | null): string | null {
  const entries = path ? proxiesForModule(env, path) : parseGoProxy(effectiveGoProxy(env)).entries;
  const first = entries[0];
  if (first?.kind === 'url') return hostOf(first.url);
  return path ? hostOf(path) : null;
}

/** The host is one of GOPROXY's URL entries (GOPROXY as Go reads it: the default when unset). */
function isProxyEntry(env: GoEnv, host: string): boolean {
  return parseGoProxy(effectiveGoProxy(env)).entries.some((entry) => entry.kind === 'url' && hostOf(entry.url) === host);
}

/** The file:// GOPROXY entry a URL was read from (the URL itself when none matches). */
function fileEntryOf(env: GoEnv, url: string): string {
  const entry = parseGoProxy(env.GOPROXY ?? '').entries.find((candidate) => candidate.kind === 'url' && url.startsWith(candidate.url));
  return entry?.kind === 'url' ? entry.url : url;
}

/** Go's own `?go-get=1` request (the go-get page of a forge or vanity host), not a proxy's. */
function isGoGetRequest(url: string | null, text: string): boolean {
  return (url !== null && url.includes('go-get=1')) || /\?go-get=1/.test(text) || /^go: module \S+: reading /m.test(text);
}

/** What the server said about its own failure (`server response: …`), on one line. */
function serverSaid(text: string): string {
  return serverResponse(text)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

/** A sentence may start with the module's name, or with "a module" when none is known. */
function capitalized(name: MessageArg): MessageArg {
  return typeof name === 'object' && name.id === 'name.someModule' ? msg('name.someModuleStart') : name;
}

/** ": <what the server said>" (or `: "<…>"`), or nothing. */
function saidClause(said: string, style: 'plain' | 'quoted' = 'plain'): MessageArg {
  return said ? msg(style === 'quoted' ? 'clause.saidQuoted' : 'clause.said', { said: shortSaid(said) }) : '';
}

/** " (<status>)", or nothing. */
function statusClause(status: number | null): MessageArg {
  return status ? msg('clause.status', { status }) : '';
}

/** A server's words, cut for a sentence (the evidence keeps them whole). */
function shortSaid(said: string): string {
  return said.length > 160 ? `${said.slice(0, 157)}…` : said;
}

/** git or a server speaking of a private repository: credentials asked for or refused, a host only the user can reach. */
const PRIVATE_WORDS =
  /could not read Username|terminal prompts disabled|Authentication failed|Repository not found|unrecognized import path|no such host|unable to connect|Permission denied|401|403|not authorized/i;
/** git prompted for credentials it could not ask for. */
const CREDENTIAL_PROMPT = /terminal prompts disabled|could not read Username|No such device or address|cannot prompt|askpass/i;
/** Credentials were sent and refused (as opposed to none at all). */
const CREDENTIALS_REFUSED = /Authentication failed|Invalid username or|Password authentication is not supported|HTTP Basic: Access denied/;
/** The lookup reached no resolver, or the resolver itself failed (as opposed to a name that does not exist). */
const RESOLVER_FAILED = /lookup \S+ on \S+: (?!no such host)|server misbehaving|getaddrinfow|Temporary failure in name resolution/;

/** The version-control tool go's error names: Go says "Git", "Mercurial", "Bazaar"…, older Go "git", "hg"…. */
function missingVcs(text: string): string {
  const named = /missing (\w+) command/i.exec(text)?.[1] ?? /exec: "(\w+)": executable file not found/.exec(text)?.[1] ?? 'git';
  const names: Record<string, string> = {
    git: 'git',
    hg: 'Mercurial (hg)',
    mercurial: 'Mercurial (hg)',
    svn: 'Subversion (svn)',
    subversion: 'Subversion (svn)',
    bzr: 'Bazaar (bzr)',
    bazaar: 'Bazaar (bzr)',
    fossil: 'Fossil',
  };
  return names[named.toLowerCase()] ?? named;
}

/**
 * The user's `insteadOf` rules that send this module to ssh: the rule's value is a prefix of a URL
 * Go asks git for (`https://<path>`, or the ssh forms Go probes) and its base is an ssh URL.
 */
/** A git `insteadOf` rule of the user's sends this module's fetch to ssh. */
export function sendsToSsh(input: ExplainInput, modulePath: string | null): boolean {
  return sshRuleRemovals(input, modulePath).length > 0;
}

function sshRuleRemovals(input: ExplainInput, modulePath: string | null): PlannedFix[] {
  if (!modulePath) return [];
  const asked = ['https', 'git+ssh', 'ssh'].map((scheme) => `${scheme}://${modulePath}`);
  return (input.insteadOf ?? [])
    .filter((rule) => SSH_BASE.test(insteadOfBase(rule.key)) && rule.value !== '' && asked.some((url) => url.startsWith(rule.value)))
    .map((rule) => fix.insteadOfRemove(rule.key, rule.value));
}

const SSH_BASE = /^(?:ssh:\/\/|git\+ssh:\/\/|[^/:@\s]+@[^/:\s]+:)/;
const UNWRITABLE = /permission denied|read-only file system|operation not permitted/i;
const UNUSABLE_CACHE =
  /missing \$GOPATH|neither GOMODCACHE nor GOPATH is set|could not create module cache: .* is not a directory|GOMODCACHE entry is relative/;

/** `url.<base>.insteadof` → `<base>`. */
function insteadOfBase(key: string): string {
  return key.replace(/^url\./i, '').replace(/\.insteadof$/i, '');
}

/**
 * The ssh server git really contacted: from ssh's own words (`host key is known for [h]:p`), else
 * from the URL the engine saw git use after insteadOf (`git connects to ssh://u@h:p/…`), else the
 * module's host.
 */
export function sshTarget(text: string, fallbackHost: string | null): { host: string | null; port: string | null } {
  const known = /host key (?:is known )?for (\[[^\]\s]+\]:\d+|[^\s]+?)(?: |\.? |$)/im.exec(text)?.[1];
  if (known) {
    const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(known);
    return bracketed ? { host: bracketed[1]!, port: bracketed[2] === '22' ? null : bracketed[2]! } : { host: known, port: null };
  }
  const connects = /git connects to (\S+?)\)/.exec(text)?.[1];
  if (connects) {
    const url = /^(?:ssh|git\+ssh):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?\//.exec(connects);
    if (url) return { host: url[1]!.replace(/^\[|\]$/g, ''), port: url[2] && url[2] !== '22' ? url[2] : null };
    const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)/.exec(connects);
    if (scp) return { host: scp[1]!, port: null };
  }
  return { host: fallbackHost, port: null };
}

/** A GIT_SSH_COMMAND of the user's own gets no `-o BatchMode=yes` from Go: ssh may then wait for an answer. */
function lacksBatchMode(input: ExplainInput): boolean {
  const command = input.gitSshCommand ?? '';
  return command.trim() !== '' && !/BatchMode[= ]+yes/i.test(command);
}

function batchModeNote(input: ExplainInput): MessageArg {
  return lacksBatchMode(input) ? msg('explain.batchMode') : '';
}

function batchModeFix(input: ExplainInput): PlannedFix | null {
  return lacksBatchMode(input) ? fix.sshBatchModeDoc(input.gitSshCommand ?? '') : null;
}

/** The error names a git command run in Go's own clone under $GOMODCACHE/cache/vcs. */
function inVcsCache(text: string, env: GoEnv): boolean {
  const dir = / in (\S+): (?:exit status \d+|signal: \w+)/.exec(text)?.[1];
  if (!dir) return false;
  const cache = env.GOMODCACHE ? `${env.GOMODCACHE.replace(/\/+$/, '')}/cache/vcs/` : '/cache/vcs/';
  return dir.includes(cache);
}
