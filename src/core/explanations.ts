// What each failure class means for the user, one entry per class: the sentence a person
// understands and the fixes, in order of likelihood. The classifier (classify.ts) picks the class
// from Go's words; this table explains it with what else the run knows (the environment, the
// module's requests, the user's git rules). Raw text: redacted where it is shown.

import type { ErrorFacts } from './errorClass';
import { hostOf, serverOf } from './errorClass';
import type { GoModSource } from './findings';
import * as fix from './fixes';
import { usesSumDb, type GoEnv } from './goenv';
import { parseGoProxy, proxiesForModule } from './goproxyList';
import type { ModuleState } from './moduleState';
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
}

export interface Explanation {
  message: string;
  fixes: PlannedFix[];
}

function present(...fixes: (PlannedFix | null)[]): PlannedFix[] {
  return fixes.filter((candidate): candidate is PlannedFix => candidate !== null);
}

export interface ExplainContext {
  input: ExplainInput;
  module: ModuleState | null;
  facts: ErrorFacts & { text: string };
  /** "path@version", or "A module". */
  name: string;
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
  'private-module-sumdb': ({ facts, name, path, servedByProxy, env }) => {
    return {
      message: `${name} looks private: the public checksum database does not know it (${facts.status ?? 404}). Tell Go it is private with GOPRIVATE${servedByProxy ? ', or, since your proxy serves it, with GONOSUMDB' : ''}.`,
      fixes: path
        ? servedByProxy
          ? [fix.gonosumdbAdd(env, path), fix.goprivateAdd(env, path)]
          : [fix.goprivateAdd(env, path), fix.gonosumdbAdd(env, path)]
        : [],
    };
  },
  'sumdb-unreachable': ({ name, path, servedByProxy, env }) => {
    // For a private module, skip the database for it: GONOSUMDB when the proxy serves it
    // (GOPRIVATE would also stop Go from using that proxy), else GOPRIVATE. Public modules need
    // a reachable database.
    return {
      message: `The checksum database could not be reached to verify ${name}. If the module is private, tell Go not to look it up there; otherwise use a checksum database you can reach.`,
      fixes: present(path ? (servedByProxy ? fix.gonosumdbAdd(env, path) : fix.goprivateAdd(env, path)) : null, fix.sumdbMirrorDoc()),
    };
  },
  'checksum-mismatch': ({ name }) => {
    return {
      message: `SECURITY: the code downloaded for ${name} does not match the recorded checksum. Do not turn verification off; find out why it changed.`,
      fixes: [fix.checksumDoc()],
    };
  },
  'proxy-not-found': ({ input, module, facts, name }) => {
    return explainNotFound(input, module, facts, name);
  },
  'proxy-auth': ({ facts, name, path, server, env }) => {
    return {
      message: `${server ?? 'The proxy'} refused ${name} (${facts.status ?? '401/403'}): it needs credentials Go did not send.`,
      fixes: present(fix.proxyCredentialsDoc(facts.url), path ? fix.goprivateAdd(env, path) : null),
    };
  },
  'proxy-server-error': ({ facts, name, server, env }) => {
    return {
      message: `${server ?? 'The proxy'} failed while serving ${name}${facts.status ? ` (${facts.status})` : ''}.`,
      fixes: present(fix.goproxyFallThrough(env), fix.goproxyUseDefault(env)),
    };
  },
  'goproxy-config': ({ name, env }) => {
    return {
      message: `GOPROXY ("${env.GOPROXY ?? ''}") does not allow downloading ${name}.`,
      fixes: present(fix.goproxyUseDefault(env), fix.goproxyUnset(env)),
    };
  },
  dns: ({ input, name, path, host }) => {
    return {
      message: `The host ${host ?? ''} could not be found (DNS) while fetching ${name}.`.replace('host  ', 'host '),
      fixes: networkFixes(input, host, path),
    };
  },
  'connection-refused': ({ input, name, path, host, server }) => {
    return {
      message: `Nothing is listening at ${server ?? 'the address'} (connection refused) while fetching ${name}.`,
      fixes: networkFixes(input, host, path),
    };
  },
  'connect-timeout': ({ input, name, path, host, server }) => {
    return { message: `Connecting to ${server ?? 'the server'} timed out while fetching ${name}.`, fixes: networkFixes(input, host, path) };
  },
  'http-proxy': ({ name }) => {
    return { message: `The HTTP proxy from HTTPS_PROXY/HTTP_PROXY failed while fetching ${name}.`, fixes: [fix.httpProxyDoc()] };
  },
  'tls-certificate': ({ server }) => {
    return {
      message: `The TLS certificate of ${server ?? 'the server'} is not trusted (unknown authority, expired, or for another host).`,
      fixes: [fix.tlsTrustDoc()],
    };
  },
  'git-auth': ({ name, path, host, env }) => {
    // git names the URL it asked credentials for, after the user's insteadOf rules: credentials
    // belong to that host; an insteadOf rule is written for the module's own host.
    const moduleHost = path ? hostOf(path) : host;
    return {
      message: `git needs credentials for ${host ?? 'the repository'} to fetch ${name} and has none.`,
      fixes: present(
        fix.gitCredentialsDoc(host),
        moduleHost ? fix.insteadOfSshAdd(moduleHost) : null,
        path && !privateCovered(env, path) ? fix.goprivateAdd(env, path) : null,
      ),
    };
  },
  'ssh-auth': ({ input, facts, name, path, host }) => {
    const target = sshTarget(facts.text, host);
    return {
      message: `The SSH key was refused by ${target.host ?? 'the server'} while fetching ${name}.${batchModeNote(input)}`,
      fixes: present(fix.sshKeyDoc(target.host), ...sshRuleRemovals(input, path), batchModeFix(input)),
    };
  },
  'ssh-host-key': ({ input, facts, host }) => {
    const target = sshTarget(facts.text, host);
    return {
      message: `The SSH host key of ${target.host ?? 'the server'}${target.port ? ` (port ${target.port})` : ''} is not known (or changed), so git refused to connect.${batchModeNote(input)}`,
      fixes: present(target.host ? fix.sshKeyscan(target.host, target.port) : null, batchModeFix(input)),
    };
  },
  'repo-not-found': ({ name }) => {
    return { message: `The repository for ${name} was not found, or is not visible with these credentials.`, fixes: [fix.checkPathDoc()] };
  },
  'vcs-missing': ({ name }) => {
    return { message: `git is not installed (or not on PATH), and ${name} must be fetched with git.`, fixes: [fix.installGit()] };
  },
  'unknown-revision': ({ name, path }) => {
    return { message: `The version of ${name} does not exist: no such tag, branch or commit.`, fixes: path ? [fix.listVersionsDoc(path)] : [] };
  },
  'import-path': ({ name, path, env }) => {
    return {
      message: `Go could not find the repository behind ${name} (no go-import meta tag, or no secure protocol worked).`,
      fixes: present(fix.goImportDoc(), path && !privateCovered(env, path) ? fix.goprivateAdd(env, path) : null),
    };
  },
  'insecure-transport': ({ name }) => {
    return { message: `Go refused an insecure (plain HTTP) URL or redirect while fetching ${name}.`, fixes: [fix.insecureDoc()] };
  },
  govcs: ({ name, path, env }) => {
    return { message: `GOVCS does not allow git for ${name}.`, fixes: path ? [fix.govcsAllow(env, path)] : [] };
  },
  'module-path': ({ name }) => {
    return { message: `${name} has a module path problem: it is malformed, or its go.mod declares another path.`, fixes: [fix.modulePathDoc()] };
  },
  'module-cache': ({ facts, name, env }) => {
    // Removing an unwritable cache fails the same way; ownership (or another GOMODCACHE) is the fix.
    if (UNWRITABLE.test(facts.text))
      return {
        message: `The module cache is not writable (${env.GOMODCACHE ?? 'GOMODCACHE'}), so ${name} cannot be stored.`,
        fixes: [fix.modCacheWritableDoc(env.GOMODCACHE ?? null)],
      };
    return { message: `The module cache is corrupt (${env.GOMODCACHE ?? 'GOMODCACHE'}): ${name} cannot be read from it.`, fixes: [fix.cleanModCache()] };
  },
  toolchain: ({ input }) => {
    return { message: `The Go toolchain that go.mod asks for${toolchainAsked(input)} could not be obtained.`, fixes: [fix.toolchainDoc()] };
  },
  'go-missing': () => {
    return { message: 'No usable `go` command was found.', fixes: [fix.installGo()] };
  },
  'git-failure': ({ facts, name, env }) => {
    // A git command that failed inside Go's own clone ($GOMODCACHE/cache/vcs) points at that clone.
    if (inVcsCache(facts.text, env))
      return {
        message: `git failed in Go's cached clone of the repository while fetching ${name}; the clone in the module cache looks damaged.`,
        fixes: [fix.cleanModCache()],
      };
    return { message: `git failed while fetching ${name}.`, fixes: [] };
  },
};

export function explain(input: ExplainInput, module: ModuleState | null, facts: ErrorFacts & { text: string }, name: string): Explanation {
  const path = module?.path ?? null;
  const host = facts.url ? hostOf(facts.url) : path ? hostOf(path) : null;
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
  return { message: `Downloading ${name} failed for a reason this tool does not recognise yet.`, fixes: [] };
}

/** " (go 1.27.0, newer than go1.26.8 that ran)": what go.mod's toolchain or go line asks for, against the go that ran. */
function toolchainAsked(input: ExplainInput): string {
  const parsed = input.goMod?.parsed;
  const asked = parsed?.toolchain?.name ?? (parsed?.go ? `go ${parsed.go.version}` : null);
  if (!asked) return '';
  const running = input.goVersion ?? null;
  const newer = running !== null && compareGoVersions(asked.replace(' ', ''), running) > 0 ? `, newer than ${running} that ran` : '';
  return ` (${asked}${newer})`;
}

function privateCovered(env: GoEnv, path: string): boolean {
  return !usesSumDb({ ...env, GOSUMDB: env.GOSUMDB || 'sum.golang.org' }, path);
}

function explainNotFound(input: ExplainInput, module: ModuleState | null, facts: ErrorFacts, name: string): Explanation {
  const { env } = input;
  const entries = module ? proxiesForModule(env, module.path) : parseGoProxy(env.GOPROXY ?? '').entries;
  const endsDirect = entries.some((entry) => entry.kind === 'direct' || entry.kind === 'noproxy');
  const fixes = present(
    endsDirect ? null : fix.goproxyAppendDirect(env),
    module && !privateCovered(env, module.path) ? fix.goprivateAdd(env, module.path) : null,
  );
  const why = endsDirect ? 'and the direct fetch found nothing either' : 'and GOPROXY has no "direct" entry to fall back to';
  return {
    message: `No GOPROXY entry has ${name} (${facts.status ?? 404}), ${why}. If it is private, add it to GOPRIVATE; otherwise check the version exists.`,
    fixes,
  };
}

/** For an unreachable proxy: fall through with `|`, or go back to the default proxy. */
export function networkFixes(input: ExplainInput, host: string | null, path: string | null): PlannedFix[] {
  const isProxyHost = host !== null && parseGoProxy(input.env.GOPROXY ?? '').entries.some((entry) => entry.kind === 'url' && hostOf(entry.url) === host);
  if (isProxyHost) return present(fix.goproxyFallThrough(input.env), fix.goproxyUseDefault(input.env));
  return present(path && !privateCovered(input.env, path) ? fix.goprivateAdd(input.env, path) : null);
}

/**
 * The user's `insteadOf` rules that send this module to ssh: the rule's value is a prefix of a URL
 * Go asks git for (`https://<path>`, or the ssh forms Go probes) and its base is an ssh URL.
 */
function sshRuleRemovals(input: ExplainInput, modulePath: string | null): PlannedFix[] {
  if (!modulePath) return [];
  const asked = ['https', 'git+ssh', 'ssh'].map((scheme) => `${scheme}://${modulePath}`);
  return (input.insteadOf ?? [])
    .filter((rule) => SSH_BASE.test(insteadOfBase(rule.key)) && rule.value !== '' && asked.some((url) => url.startsWith(rule.value)))
    .map((rule) => fix.insteadOfRemove(rule.key, rule.value));
}

const SSH_BASE = /^(?:ssh:\/\/|git\+ssh:\/\/|[^/:@\s]+@[^/:\s]+:)/;
const UNWRITABLE = /permission denied|read-only file system/i;

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

function batchModeNote(input: ExplainInput): string {
  return lacksBatchMode(input)
    ? ' Your GIT_SSH_COMMAND does not set -o BatchMode=yes (Go adds it only to the ssh command it chooses itself), so ssh may stop to ask a question nobody can answer.'
    : '';
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
