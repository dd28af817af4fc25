// Module states + Go environment + go.mod positions → findings: what failed, why, on which go.mod
// line, and the fixes that would help. The class comes from Go's words (errorClass.ts), the
// sentence and the fixes from the class's entry in explanations.ts; the raw error stays in the
// evidence.

import { replacementNamed } from './errorAttribution';
import { classifyError, hostOf, type ErrorFacts } from './errorClass';
import { explain, networkFixes, type ExplainInput } from './explanations';
import { goModLine, makeFinding, moduleLine, toolchainLine, type GoModPlace } from './findings';
import type { GoEnv } from './goenv';
import { findReplace } from './gomod';
import type { InFlight, ModuleState } from './moduleState';
import { declaredPrivate, isPublicHost, looksPublic } from './publicHosts';
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

function finding(
  input: ClassifyInput,
  module: ModuleState | null,
  cls: FailureClass,
  message: string,
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
function refine(facts: ErrorFacts, module: ModuleState | null, errorText: string, env: GoEnv): ErrorFacts {
  if (facts.class === 'module-cache' && /\bzip: /.test(errorText)) {
    const servedZip = module?.requests.find((request) => request.status === 200 && request.url.endsWith('.zip'));
    return servedZip ? { class: 'proxy-server-error', url: servedZip.url, status: null } : facts;
  }
  if (facts.class === 'git-auth' && PROMPTED.test(errorText) && !REFUSED.test(errorText) && publicRepository(env, module?.path ?? null, errorText)) {
    return { ...facts, class: 'repo-not-found' };
  }
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
  const facts = refine(classifyError(errorText), module, errorText, input.env);
  // A replacement that failed: the finding names both, on the replace line that chose it.
  const replacement = module ? replacementNamed(errorText) : null;
  const replaceLine = replacement && module ? replaceLineOf(input, module) : null;
  const name = module ? `${module.path}${module.version ? `@${module.version}` : ''}${replacement ? ` (replaced by ${replacement})` : ''}` : 'A module';
  const { message, fixes } = explain(input, module, { ...facts, text: errorText }, name);
  // A toolchain that cannot be had is the go.mod's `toolchain` (or `go`) line's doing; an error go
  // found while reading go.mod (a version it could not resolve) names its line: `go.mod:5: …`.
  // (Only when it names this go.mod: a dependency's go.mod has lines of its own.)
  const named = module ? null : /(?:^|\s)(\S*go\.mod):(\d+): /.exec(errorText);
  const namedLine = named && (named[1] === 'go.mod' || named[1] === input.goMod?.file) ? Number(named[2]) : null;
  const place =
    replaceLine ?? (namedLine !== null ? goModLine(input.goMod, namedLine) : facts.class === 'toolchain' && !module ? toolchainLine(input.goMod) : undefined);
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
    case 'body': {
      const received = entry.received;
      if (!received || received.bytes === 0) return `GET ${entry.what} answered 200 OK, then its body stopped arriving`;
      const rate = received.seconds ? ` at ${formatRate(received.bytes / received.seconds)}` : '';
      return `GET ${entry.what} answered 200 OK; ${formatBytes(received.bytes)} of its body arrived${rate}, then it stopped arriving`;
    }
    case 'command':
      return `${entry.what} is still running`;
  }
}

function unknownFinding(input: ClassifyInput): Finding {
  const message = `go mod download failed (exit status ${input.exitCode}) and the output was not recognised.`;
  return finding(input, null, 'unknown', message, input.unknownLines.slice(0, 20), []);
}
