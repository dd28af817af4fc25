// Module states + Go environment + go.mod positions → findings: what failed, why, on which go.mod
// line, and the fixes that would help. Each class gets a sentence a person understands; the raw
// error stays in the evidence.

import { classifyError, hostOf, serverOf, type ErrorFacts } from './errorClass';
import * as fix from './fixes';
import { findReplace, findRequire, type GoModFile } from './gomod';
import { parseGoProxy, proxiesForModule, usesSumDb, type GoEnv } from './goenv';
import type { InFlight, ModuleState } from './moduleState';
import { redact } from './redact';
import type { FailureClass, Finding, PlannedFix, Severity } from './types';
import { compareGoVersions } from './versions';

export interface GoModSource {
  file: string;
  parsed: GoModFile;
}

export interface ClassifyInput {
  modules: ModuleState[];
  /** Final `go: …` errors that no module claimed. */
  unattributedErrors: string[];
  unknownLines: string[];
  env: GoEnv;
  goMod: GoModSource | null;
  /** Set when the run was stopped for inactivity. */
  stall: { seconds: number; inFlight: InFlight[] } | null;
  /** `url.<base>.insteadOf` rules from the user's git config, to explain and undo ssh rewrites. */
  insteadOf?: { key: string; value: string }[];
  /** go exited non-zero (or could not start) while no module failed: something still went wrong. */
  exitCode: number | null;
  /** The user's own GIT_SSH_COMMAND, when set: Go then adds no `-o BatchMode=yes` to it. */
  gitSshCommand?: string | null;
  /** `go env GOVERSION` of the go that ran (go1.26.8), to compare with what go.mod asks for. */
  goVersion?: string | null;
}

export function classify(input: ClassifyInput): Finding[] {
  const findings: Finding[] = [];
  for (const module of input.modules) {
    if (module.status === 'stalled' && input.stall) findings.push(stallFinding(input, module));
    else if (module.status === 'failed' && module.error) findings.push(moduleFinding(input, module, module.error));
  }
  if (input.stall && !findings.some((finding) => finding.class === 'stall')) findings.push(stallFinding(input, null));
  for (const text of new Set(input.unattributedErrors)) {
    const unattributed = moduleFinding(input, null, text);
    // Go repeats some errors without naming a module (`go: missing Git command`): when a module's
    // finding already has that class, the line is more evidence for it, not another problem.
    const same = findings.find((finding) => finding.class === unattributed.class && finding.module !== null);
    if (same) same.evidence.push(...unattributed.evidence.filter((line) => !same.evidence.includes(line)));
    else findings.push(unattributed);
  }
  if (findings.length === 0 && input.exitCode !== null && input.exitCode !== 0) findings.push(unknownFinding(input));
  return findings;
}

/** The go.mod line a finding belongs on: the require, else the replace, else the requirement that pulled it in, else `module`. */
export function lineFor(goMod: GoModSource | null, path: string | null, version: string | null, requiredBy?: { path: string } | null): number | null {
  if (!goMod) return null;
  const { parsed } = goMod;
  if (path) {
    const require = findRequire(parsed, path);
    if (require) return require.line;
    const replace = findReplace(parsed, path, version ?? '') ?? parsed.replaces.find((candidate) => candidate.newPath === path) ?? null;
    if (replace) return replace.line;
    if (requiredBy) {
      const parent = findRequire(parsed, requiredBy.path);
      if (parent) return parent.line;
    }
  }
  return parsed.module?.line ?? null;
}

function finding(input: ClassifyInput, module: ModuleState | null, cls: FailureClass, message: string, evidence: string[], fixes: PlannedFix[], severity: Severity = 'error'): Finding {
  return {
    class: cls,
    severity,
    module: module?.path ?? null,
    version: module?.version || null,
    goModFile: input.goMod?.file ?? null,
    line: lineFor(input.goMod, module?.path ?? null, module?.version ?? null, module?.requiredBy),
    message: redact(message),
    evidence: evidence.map(redact),
    fixes: fixes.map((planned) => ({ ...planned, title: redact(planned.title) })),
  };
}

/**
 * "zip: not a valid zip file" is a corrupt cache, unless the zip was downloaded in this very run:
 * then the proxy served bytes that are not a zip.
 */
function refine(facts: ErrorFacts, module: ModuleState | null, errorText: string): ErrorFacts {
  if (facts.class !== 'module-cache' || !/\bzip: /.test(errorText)) return facts;
  const servedZip = module?.requests.find((request) => request.status === 200 && request.url.endsWith('.zip'));
  return servedZip ? { class: 'proxy-server-error', url: servedZip.url, status: null } : facts;
}

function moduleFinding(input: ClassifyInput, module: ModuleState | null, errorText: string): Finding {
  const facts = refine(classifyError(errorText), module, errorText);
  const name = module ? `${module.path}${module.version ? `@${module.version}` : ''}` : 'A module';
  const { message, fixes } = explain(input, module, { ...facts, text: errorText }, name);
  const found = finding(input, module, facts.class, message, evidenceFor(module, errorText), fixes);
  // A toolchain that cannot be had is the go.mod's `toolchain` (or `go`) line's doing.
  if (facts.class === 'toolchain' && !module) found.line = input.goMod?.parsed.toolchain?.line ?? input.goMod?.parsed.go?.line ?? found.line;
  return found;
}

function evidenceFor(module: ModuleState | null, errorText: string): string[] {
  const failedRequests = (module?.requests ?? [])
    .filter((request) => request.error !== null)
    .map((request) => `GET ${request.url}: ${request.error}`);
  return [errorText, ...failedRequests.slice(0, 5)];
}

interface Explanation {
  message: string;
  fixes: PlannedFix[];
}

function present(...fixes: (PlannedFix | null)[]): PlannedFix[] {
  return fixes.filter((candidate): candidate is PlannedFix => candidate !== null);
}

function explain(input: ClassifyInput, module: ModuleState | null, facts: ErrorFacts & { text: string }, name: string): Explanation {
  const { env } = input;
  const path = module?.path ?? null;
  const host = facts.url ? hostOf(facts.url) : path ? hostOf(path) : null;
  const server = serverOf(facts.url) ?? host;
  const servedByProxy = module?.requests.some((request) => request.status === 200 && /\/@v\/[^/]+\.(?:mod|info|zip)$/.test(request.url)) ?? false;
  switch (facts.class) {
    case 'private-module-sumdb':
      return {
        message: `${name} looks private: the public checksum database does not know it (${facts.status ?? 404}). Tell Go it is private with GOPRIVATE${servedByProxy ? ', or, since your proxy serves it, with GONOSUMDB' : ''}.`,
        fixes: path ? (servedByProxy ? [fix.gonosumdbAdd(env, path), fix.goprivateAdd(env, path)] : [fix.goprivateAdd(env, path), fix.gonosumdbAdd(env, path)]) : [],
      };
    case 'sumdb-unreachable':
      // For a private module, skip the database for it: GONOSUMDB when the proxy serves it
      // (GOPRIVATE would also stop Go from using that proxy), else GOPRIVATE. Public modules need
      // a reachable database.
      return {
        message: `The checksum database could not be reached to verify ${name}. If the module is private, tell Go not to look it up there; otherwise use a checksum database you can reach.`,
        fixes: present(path ? (servedByProxy ? fix.gonosumdbAdd(env, path) : fix.goprivateAdd(env, path)) : null, fix.genericDoc('sumdb-mirror', 'Use a reachable checksum database', 'If sum.golang.org is blocked, use a proxy that serves /sumdb/ or GOSUMDB=sum.golang.google.cn. Turning GOSUMDB off removes protection and is not recommended.', fix.DOCS.moduleAuth)),
      };
    case 'checksum-mismatch':
      return { message: `SECURITY: the code downloaded for ${name} does not match the recorded checksum. Do not turn verification off; find out why it changed.`, fixes: [fix.checksumDoc()] };
    case 'proxy-not-found':
      return explainNotFound(input, module, facts, name);
    case 'proxy-auth':
      return {
        message: `${server ?? 'The proxy'} refused ${name} (${facts.status ?? '401/403'}): it needs credentials Go did not send.`,
        fixes: present(fix.proxyCredentialsDoc(facts.url), path ? fix.goprivateAdd(env, path) : null),
      };
    case 'proxy-server-error':
      return { message: `${server ?? 'The proxy'} failed while serving ${name}${facts.status ? ` (${facts.status})` : ''}.`, fixes: present(fix.goproxyFallThrough(env), fix.goproxyUseDefault(env)) };
    case 'goproxy-config':
      return { message: `GOPROXY ("${env.GOPROXY ?? ''}") does not allow downloading ${name}.`, fixes: present(fix.goproxyUseDefault(env), fix.goproxyUnset(env)) };
    case 'dns':
      return { message: `The host ${host ?? ''} could not be found (DNS) while fetching ${name}.`.replace('host  ', 'host '), fixes: networkFixes(input, host, path) };
    case 'connection-refused':
      return { message: `Nothing is listening at ${server ?? 'the address'} (connection refused) while fetching ${name}.`, fixes: networkFixes(input, host, path) };
    case 'connect-timeout':
      return { message: `Connecting to ${server ?? 'the server'} timed out while fetching ${name}.`, fixes: networkFixes(input, host, path) };
    case 'http-proxy':
      return { message: `The HTTP proxy from HTTPS_PROXY/HTTP_PROXY failed while fetching ${name}.`, fixes: [fix.genericDoc('http-proxy', 'Check HTTPS_PROXY, its credentials and NO_PROXY', 'Go uses HTTPS_PROXY/HTTP_PROXY/NO_PROXY; git uses its own http.proxy. Check the proxy address, that it allows CONNECT, and put internal hosts in NO_PROXY.', 'https://pkg.go.dev/net/http#ProxyFromEnvironment')] };
    case 'tls-certificate':
      return { message: `The TLS certificate of ${server ?? 'the server'} is not trusted (unknown authority, expired, or for another host).`, fixes: [fix.genericDoc('tls-trust', 'Trust the certificate authority', 'Install your organisation\'s CA in the system trust store, or point SSL_CERT_FILE at it (git: `git config --global http.sslCAInfo <pem>`). GOINSECURE does not affect proxies or the checksum database.', 'https://pkg.go.dev/crypto/x509#SystemCertPool')] };
    case 'git-auth': {
      // git names the URL it asked credentials for, after the user's insteadOf rules: credentials
      // belong to that host; an insteadOf rule is written for the module's own host.
      const moduleHost = path ? hostOf(path) : host;
      return {
        message: `git needs credentials for ${host ?? 'the repository'} to fetch ${name} and has none.`,
        fixes: present(fix.gitCredentialsDoc(host), moduleHost ? fix.insteadOfSshAdd(moduleHost) : null, path && !privateCovered(env, path) ? fix.goprivateAdd(env, path) : null),
      };
    }
    case 'ssh-auth': {
      const target = sshTarget(facts.text, host);
      return { message: `The SSH key was refused by ${target.host ?? 'the server'} while fetching ${name}.${batchModeNote(input)}`, fixes: present(fix.sshKeyDoc(target.host), ...sshRuleRemovals(input, path), batchModeFix(input)) };
    }
    case 'ssh-host-key': {
      const target = sshTarget(facts.text, host);
      return {
        message: `The SSH host key of ${target.host ?? 'the server'}${target.port ? ` (port ${target.port})` : ''} is not known (or changed), so git refused to connect.${batchModeNote(input)}`,
        fixes: present(target.host ? fix.sshKeyscan(target.host, target.port) : null, batchModeFix(input)),
      };
    }
    case 'repo-not-found':
      return { message: `The repository for ${name} was not found, or is not visible with these credentials.`, fixes: [fix.genericDoc('check-path', 'Check the module path and your access', 'Check the spelling and case of the path, and that your credentials can see the repository.', fix.DOCS.gitHttps)] };
    case 'vcs-missing':
      return { message: `git is not installed (or not on PATH), and ${name} must be fetched with git.`, fixes: [fix.installGit()] };
    case 'unknown-revision':
      return { message: `The version of ${name} does not exist: no such tag, branch or commit.`, fixes: path ? [fix.genericDoc('list-versions', 'See which versions exist', `Run \`go list -m -versions ${path}\` and require one of them.`, 'https://go.dev/ref/mod#go-list-m')] : [] };
    case 'import-path':
      return { message: `Go could not find the repository behind ${name} (no go-import meta tag, or no secure protocol worked).`, fixes: present(fix.goImportDoc(), path && !privateCovered(env, path) ? fix.goprivateAdd(env, path) : null) };
    case 'insecure-transport':
      return { message: `Go refused an insecure (plain HTTP) URL or redirect while fetching ${name}.`, fixes: [fix.genericDoc('insecure', 'Serve the module over HTTPS', 'Fix the server to use HTTPS. GOINSECURE=<pattern> allows plain HTTP for direct fetches of matching modules only.', fix.DOCS.privateModules)] };
    case 'govcs':
      return { message: `GOVCS does not allow git for ${name}.`, fixes: path ? [fix.govcsAllow(env, path)] : [] };
    case 'module-path':
      return { message: `${name} has a module path problem: it is malformed, or its go.mod declares another path.`, fixes: [fix.genericDoc('module-path', 'Require the path the module declares', 'Use the path in the module\'s own go.mod (with /vN for major versions 2 and above), or add a replace for a fork.', 'https://go.dev/ref/mod#module-path')] };
    case 'module-cache':
      // Removing an unwritable cache fails the same way; ownership (or another GOMODCACHE) is the fix.
      if (UNWRITABLE.test(facts.text)) return { message: `The module cache is not writable (${env.GOMODCACHE ?? 'GOMODCACHE'}), so ${name} cannot be stored.`, fixes: [fix.modCacheWritableDoc(env.GOMODCACHE ?? null)] };
      return { message: `The module cache is corrupt (${env.GOMODCACHE ?? 'GOMODCACHE'}): ${name} cannot be read from it.`, fixes: [fix.cleanModCache()] };
    case 'toolchain':
      return { message: `The Go toolchain that go.mod asks for${toolchainAsked(input)} could not be obtained.`, fixes: [fix.toolchainDoc()] };
    case 'go-missing':
      return { message: 'No usable `go` command was found.', fixes: [fix.installGo()] };
    case 'git-failure':
      // A git command that failed inside Go's own clone ($GOMODCACHE/cache/vcs) points at that clone.
      if (inVcsCache(facts.text, env)) return { message: `git failed in Go's cached clone of the repository while fetching ${name}; the clone in the module cache looks damaged.`, fixes: [fix.cleanModCache()] };
      return { message: `git failed while fetching ${name}.`, fixes: [] };
    default:
      return { message: `Downloading ${name} failed for a reason this tool does not recognise yet.`, fixes: [] };
  }
}

/** " (go 1.27.0, newer than go1.26.8 that ran)": what go.mod's toolchain or go line asks for, against the go that ran. */
function toolchainAsked(input: ClassifyInput): string {
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

function explainNotFound(input: ClassifyInput, module: ModuleState | null, facts: ErrorFacts, name: string): Explanation {
  const { env } = input;
  const entries = module ? proxiesForModule(env, module.path) : parseGoProxy(env.GOPROXY ?? '').entries;
  const endsDirect = entries.some((entry) => entry.kind === 'direct' || entry.kind === 'noproxy');
  const fixes = present(endsDirect ? null : fix.goproxyAppendDirect(env), module && !privateCovered(env, module.path) ? fix.goprivateAdd(env, module.path) : null);
  const why = endsDirect ? 'and the direct fetch found nothing either' : 'and GOPROXY has no "direct" entry to fall back to';
  return { message: `No GOPROXY entry has ${name} (${facts.status ?? 404}), ${why}. If it is private, add it to GOPRIVATE; otherwise check the version exists.`, fixes };
}

/** For an unreachable proxy: fall through with `|`, or go back to the default proxy. */
function networkFixes(input: ClassifyInput, host: string | null, path: string | null): PlannedFix[] {
  const isProxyHost = host !== null && parseGoProxy(input.env.GOPROXY ?? '').entries.some((entry) => entry.kind === 'url' && hostOf(entry.url) === host);
  if (isProxyHost) return present(fix.goproxyFallThrough(input.env), fix.goproxyUseDefault(input.env));
  return present(path && !privateCovered(input.env, path) ? fix.goprivateAdd(input.env, path) : null);
}

/**
 * The user's `insteadOf` rules that send this module to ssh: the rule's value is a prefix of a URL
 * Go asks git for (`https://<path>`, or the ssh forms Go probes) and its base is an ssh URL.
 */
function sshRuleRemovals(input: ClassifyInput, modulePath: string | null): PlannedFix[] {
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
function lacksBatchMode(input: ClassifyInput): boolean {
  const command = input.gitSshCommand ?? '';
  return command.trim() !== '' && !/BatchMode[= ]+yes/i.test(command);
}

function batchModeNote(input: ClassifyInput): string {
  return lacksBatchMode(input) ? ' Your GIT_SSH_COMMAND does not set -o BatchMode=yes (Go adds it only to the ssh command it chooses itself), so ssh may stop to ask a question nobody can answer.' : '';
}

function batchModeFix(input: ClassifyInput): PlannedFix | null {
  return lacksBatchMode(input) ? fix.sshBatchModeDoc(input.gitSshCommand ?? '') : null;
}

/** The error names a git command run in Go's own clone under $GOMODCACHE/cache/vcs. */
function inVcsCache(text: string, env: GoEnv): boolean {
  const dir = / in (\S+): (?:exit status \d+|signal: \w+)/.exec(text)?.[1];
  if (!dir) return false;
  const cache = env.GOMODCACHE ? `${env.GOMODCACHE.replace(/\/+$/, '')}/cache/vcs/` : '/cache/vcs/';
  return dir.includes(cache);
}

function stallFinding(input: ClassifyInput, module: ModuleState | null): Finding {
  const stall = input.stall!;
  const waiting = stall.inFlight.filter((entry) => module === null || entry.module === module.path);
  const first = waiting[0];
  const name = module ? `${module.path}${module.version ? `@${module.version}` : ''}` : 'the download';
  const host = first && first.kind !== 'command' ? hostOf(first.what) : null;
  const message = `No progress for ${stall.seconds} s on ${name}: ${first ? describeWait(first) : 'waiting with nothing printed'}. Go has no timeout here and would wait forever, so the run was stopped.`;
  const fixes = networkFixes(input, host, module?.path ?? null);
  return finding(input, module, 'stall', message, waiting.map(describeWait), fixes);
}

function describeWait(entry: InFlight): string {
  switch (entry.kind) {
    case 'request':
      return `GET ${entry.what} got no response`;
    case 'body':
      return `GET ${entry.what} answered 200 OK, then its body stopped arriving`;
    case 'command':
      return `${entry.what} is still running`;
  }
}

function unknownFinding(input: ClassifyInput): Finding {
  const message = `go mod download failed (exit status ${input.exitCode}) and the output was not recognised.`;
  return finding(input, null, 'unknown', message, input.unknownLines.slice(0, 20), []);
}
