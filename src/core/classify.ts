// Module states + Go environment + go.mod positions → findings: what failed, why, on which go.mod
// line, and the fixes that would help. The class comes from Go's words (errorClass.ts), the
// sentence and the fixes from the class's entry in explanations.ts; the raw error stays in the
// evidence.

import { replacementNamed } from './errorAttribution';
import { classifyError, hostOf, type ErrorFacts } from './errorClass';
import { explain, networkFixes, sendsToSsh, toolchainSetByEnv, type Explanation, type ExplainInput } from './explanations';
import { goModLine, makeFinding, moduleLine, toolchainLine, type GoModPlace } from './findings';
import { privatePatternNarrow } from './fixes';
import type { GoEnv } from './goenv';
import { proxiesForModule } from './goproxyList';
import { findReplace } from './gomod';
import type { InFlight, ModuleState } from './moduleState';
import { declaredPrivate, isPublicHost, looksPublic, tooBroadPattern } from './publicHosts';
import { msg, render, type Message, type MessageArg } from './i18n';
import type { FailureClass, Finding, PlannedFix } from './types';
import { formatBytes, formatRate } from './units';

export interface ClassifyInput extends ExplainInput {
  modules: ModuleState[];
  /** Final `go: …` errors that no module claimed. */
  unattributedErrors: string[];
  unknownLines: string[];
  /** Set when the run was stopped for inactivity. */
  stall: { seconds: number; inFlight: InFlight[] } | null;
  /** go exited non-zero (or could not start) while no module failed: something still went wrong. */
  exitCode: number | null;
}

export function classify(input: ClassifyInput): Finding[] {
  const findings: Finding[] = [];
  for (const module of input.modules) {
    if (module.status === 'stalled' && input.stall) findings.push(stallFinding(input, module));
    else if (module.status === 'failed' && module.error) findings.push(moduleFinding(input, module, module.error));
  }
  if (input.stall && !findings.some((finding) => finding.class === 'stall')) findings.push(stallFinding(input, null));
  for (const text of new Set(input.unattributedErrors)) {
    // `go: missing Mercurial command` beside `X.hg@v: no secure protocol found`: X's tool is missing.
    const owners = vcsToolOwners(input, findings, text);
    if (owners.length > 0) {
      for (const owner of owners) findings[owner.index] = moduleFinding(input, owner.module, `${owner.module.error}\n${text}`);
      continue;
    }
    // An error that names a module already found failing (go's `errors parsing go.mod:` repeats it):
    // more evidence for that finding, not a second problem on line 1.
    const named = findings.find((finding) => finding.module !== null && namesModule(text, finding.module));
    if (named) {
      if (!named.evidence.includes(text)) named.evidence.push(text);
      continue;
    }
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

/** Failures to reach a module's origin at all (its host, the network on the way, the tool). */
const UNREACHED_ORIGIN: ReadonlySet<FailureClass> = new Set<FailureClass>([
  'dns',
  'connection-refused',
  'connect-timeout',
  'http-proxy',
  'tls-certificate',
  'ssh-auth',
  'ssh-host-key',
  'vcs-missing',
  'govcs',
  'stall',
]);
/** The origin answered, but not with the module: the pattern may be why it was asked, or not. */
const ORIGIN_ANSWERED: ReadonlySet<FailureClass> = new Set<FailureClass>(['git-auth', 'repo-not-found', 'import-path', 'git-failure']);

/**
 * A public module that went to its origin only because a GOPRIVATE/GONOPROXY pattern covers its
 * whole host (GOPRIVATE=github.com). When the origin could not be reached the pattern is the cause
 * to name first; when the origin answered (no such repository, credentials asked for) it is one
 * more thing to check, after the usual fixes.
 */
function blameTooBroadPattern(input: ClassifyInput, modulePath: string, cls: FailureClass, explained: Explanation): Explanation {
  const first = UNREACHED_ORIGIN.has(cls);
  const broad = first || ORIGIN_ANSWERED.has(cls) ? tooBroadPattern(input.env, modulePath) : null;
  if (!broad) return explained;
  const narrow = privatePatternNarrow(input.env, broad.variable, broad.pattern);
  const others = explained.fixes.filter((planned) => planned.id !== 'goprivate-add');
  const host = modulePath.split('/')[0];
  if (first) {
    return {
      message: msg('classify.broadFirst', {
        variable: broad.variable,
        pattern: broad.pattern,
        host: host ?? '',
        module: modulePath,
        message: explained.message,
      }),
      fixes: [narrow, ...others],
    };
  }
  return {
    message: msg('classify.broadAfter', { message: explained.message, variable: broad.variable, pattern: broad.pattern, host: host ?? '', module: modulePath }),
    fixes: [...others, narrow],
  };
}

/** The text names this module path as a whole (`path@v`, `path:`, `require path:`), not a longer path. */
function namesModule(text: string, modulePath: string): boolean {
  for (let at = text.indexOf(modulePath); at >= 0; at = text.indexOf(modulePath, at + 1)) {
    const before = at === 0 ? ' ' : text[at - 1]!;
    const after = text[at + modulePath.length] ?? ' ';
    if (/[\s"(]/.test(before) && /[@:\s"]/.test(after)) return true;
  }
  return false;
}

const VCS_SUFFIX: Record<string, string> = { Git: '.git', Mercurial: '.hg', Subversion: '.svn', Bazaar: '.bzr', Fossil: '.fossil' };

/**
 * The modules a `go: missing <Tool> command` line is about: those whose path names that tool's
 * repository (`host/repo.hg/…`) and that failed finding a protocol for it.
 */
function vcsToolOwners(input: ClassifyInput, findings: Finding[], text: string): { index: number; module: ModuleState }[] {
  const tool = /^go: missing (\w+) command/.exec(text)?.[1];
  const suffix = tool ? VCS_SUFFIX[tool] : undefined;
  if (!suffix) return [];
  return findings.flatMap((candidate, index) => {
    const module = input.modules.find((state) => state.path === candidate.module && state.error !== null);
    const namesTool = module && (module.path.endsWith(suffix) || module.path.includes(`${suffix}/`));
    return module && namesTool && candidate.class === 'import-path' ? [{ index, module }] : [];
  });
}

function finding(
  input: ClassifyInput,
  module: ModuleState | null,
  cls: FailureClass,
  message: Message,
  evidence: string[],
  fixes: PlannedFix[],
  place?: GoModPlace | null,
): Finding {
  return makeFinding({
    class: cls,
    module: module ? { path: module.path, version: module.version || null } : null,
    requiredBy: module?.requiredBy,
    goMod: input.goMod,
    place: place !== undefined ? place : module ? undefined : moduleLine(input.goMod),
    message,
    evidence,
    fixes,
  });
}

/**
 * Where Go's words alone do not decide, the rest of the run does:
 * - "zip: not a valid zip file" is a corrupt cache, unless the zip was downloaded in this very run:
 *   then the proxy served bytes that are not a zip;
 * - git asking for credentials it cannot prompt for is what GitHub-like hosts answer for a
 *   repository that does not exist as much as for a private one: for a module on a public host
 *   that the user has not declared private, a missing repository is the likelier cause.
 */
function refine(facts: ErrorFacts, module: ModuleState | null, errorText: string, input: ClassifyInput): ErrorFacts {
  const env = input.env;
  if (facts.class === 'module-cache' && /\bzip: /.test(errorText)) {
    const servedZip = module?.requests.find((request) => request.status === 200 && request.url.endsWith('.zip'));
    if (servedZip) return { class: 'proxy-server-error', url: servedZip.url, status: null };
    // A file:// GOPROXY leaves no request in the trace: the zip came from its folder.
    const fileEntry = module ? proxiesForModule(env, module.path).find((entry) => entry.kind === 'url' && entry.url.startsWith('file://')) : undefined;
    return fileEntry?.kind === 'url' ? { class: 'proxy-server-error', url: fileEntry.url, status: null } : facts;
  }
  if (facts.class === 'git-auth' && PROMPTED.test(errorText) && !REFUSED.test(errorText) && publicRepository(env, module?.path ?? null, errorText)) {
    return { ...facts, class: 'repo-not-found' };
  }
  // git's generic ssh failure with nothing from ssh or the server before it, for a module an insteadOf
  // rule sends to ssh: the ssh connection failed, not the clone in the cache.
  if (facts.class === 'git-failure' && SILENT_SSH.test(errorText) && sendsToSsh(input, module?.path ?? null)) return { ...facts, class: 'ssh-auth' };
  // A checksum database other than sum.golang.org (or a proxy's mirror of it) that answers 404 for
  // a lookup is out of service, not ignorant of one private module.
  if (
    facts.class === 'private-module-sumdb' &&
    facts.url !== null &&
    !/^https?:\/\/sum\.golang\.(?:org|google\.cn)\/|\/sumdb\/sum\.golang\.org\//.test(facts.url)
  ) {
    return { ...facts, class: 'sumdb-unreachable' };
  }
  return facts;
}

/** `exit status 128:` then git's own "Could not read from remote repository" at once: ssh said nothing. */
const SILENT_SSH = /exit status \d+:\n\s*fatal: Could not read from remote repository\./;
const PROMPTED = /terminal prompts disabled|could not read Username|No such device or address/;
const REFUSED = /Authentication failed|Invalid username or|Password authentication is not supported|HTTP Basic: Access denied/;

/**
 * The module is not declared private, and the repository is on a public host: the module's own, or
 * the one git was sent to (a vanity path's go-import tag can point at GitHub).
 */
function publicRepository(env: GoEnv, modulePath: string | null, errorText: string): boolean {
  if (modulePath !== null && declaredPrivate(env, modulePath)) return false;
  const repository = namedRepository(errorText);
  return looksPublic(env, modulePath) || (repository !== null && isPublicHost(repository.split('/')[0] ?? null));
}

/** The repository git asked credentials for, as a module-like path (`https://github.com/a/b` → github.com/a/b). */
function namedRepository(text: string): string | null {
  const url = /could not read Username for '([^']+)'/.exec(text)?.[1];
  return url ? url.replace(/^[a-z+]+:\/\//, '').replace(/\/+$/, '') || null : null;
}

function moduleFinding(input: ClassifyInput, module: ModuleState | null, errorText: string): Finding {
  const facts = refine(classifyError(errorText), module, errorText, input);
  // A replacement that failed: the finding names both, on the replace line that chose it.
  const replacement = module ? replacementNamed(errorText) : null;
  const replaceLine = replacement && module ? replaceLineOf(input, module) : null;
  const versioned = module ? `${module.path}${module.version ? `@${module.version}` : ''}` : null;
  const name: MessageArg = versioned === null ? msg('name.someModule') : replacement ? msg('name.replaced', { module: versioned, replacement }) : versioned;
  const explained = explain(input, module, { ...facts, text: errorText }, name);
  const { message, fixes } = module ? blameTooBroadPattern(input, module.path, facts.class, explained) : explained;
  // A toolchain that cannot be had is the go.mod's `toolchain` (or `go`) line's doing; an error go
  // found while reading go.mod (a version it could not resolve) names its line: `go.mod:5: …`.
  // (Only when it names this go.mod: a dependency's go.mod has lines of its own.)
  const named = module ? null : /(?:^|\s)(\S*go\.mod):(\d+): /.exec(errorText);
  const namedLine = named && (named[1] === 'go.mod' || named[1] === input.goMod?.file) ? Number(named[2]) : null;
  const place =
    replaceLine ??
    (namedLine !== null
      ? goModLine(input.goMod, namedLine)
      : facts.class === 'toolchain' && !module && toolchainSetByEnv(input.env, errorText) === null
        ? toolchainLine(input.goMod)
        : undefined);
  return finding(input, module, facts.class, message, evidenceFor(module, errorText), fixes, place);
}

/** The replace line that applies to this module, spanning its old path. */
function replaceLineOf(input: ClassifyInput, module: ModuleState): GoModPlace | null {
  const replace = input.goMod ? findReplace(input.goMod.parsed, module.path, module.version) : null;
  return replace ? { line: replace.line, column: replace.pathSpan.column, endColumn: replace.lineSpan.endColumn } : null;
}

function evidenceFor(module: ModuleState | null, errorText: string): string[] {
  const failedRequests = (module?.requests ?? []).filter((request) => request.error !== null).map((request) => `GET ${request.url}: ${request.error}`);
  return [errorText, ...failedRequests.slice(0, 5)];
}

function stallFinding(input: ClassifyInput, module: ModuleState | null): Finding {
  const stall = input.stall!;
  const waiting = stall.inFlight.filter((entry) => module === null || entry.module === module.path);
  const first = waiting[0];
  const name = module ? `${module.path}${module.version ? `@${module.version}` : ''}` : msg('name.theDownload');
  const host = first && first.kind !== 'command' ? hostOf(first.what) : null;
  const message = msg('classify.stall', { seconds: stall.seconds, name, wait: first ? describeWait(first) : msg('wait.nothing') });
  const fixes = networkFixes(input, host, module?.path ?? null);
  // The evidence is the record of what was in flight, in English like Go's own words beside it.
  return finding(
    input,
    module,
    'stall',
    message,
    waiting.map((entry) => render('en', describeWait(entry))),
    fixes,
  );
}

function describeWait(entry: InFlight): Message {
  switch (entry.kind) {
    case 'request':
      return msg('wait.request', { url: entry.what });
    case 'body': {
      const received = entry.received;
      if (!received || received.bytes === 0) return msg('wait.body', { url: entry.what });
      const rate = received.seconds ? msg('wait.rate', { rate: formatRate(received.bytes / received.seconds) }) : '';
      return msg('wait.bodyPartial', { url: entry.what, bytes: formatBytes(received.bytes), rate });
    }
    case 'command':
      return msg('wait.command', { command: entry.what });
  }
}

function unknownFinding(input: ClassifyInput): Finding {
  const message = msg('classify.unknown', { code: input.exitCode ?? '' });
  return finding(input, null, 'unknown', message, input.unknownLines.slice(0, 20), []);
}
