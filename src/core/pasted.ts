// An error a person pasted (from a terminal, a CI log, an issue thread), diagnosed by the same code
// that reads a live run: the trace parser, the module state and the classifier. A paste is a
// rendition of go's output, not the output itself, so it is first put back into go's shape: CRLF
// line ends, continuation lines indented with spaces instead of go's tab (web pages and chat render
// tabs that way), quote markers and CI timestamps in front of every line. Go versions before 1.17
// did not start their errors with `go: ` (`go get: …`, `<file>:<line>:<col>: …`, `package …:`):
// when no line of the paste reads as one of go's errors, the whole paste is classified as one.

import { classify, type ClassifyInput } from './classify';
import { erroredModule } from './errorAttribution';
import type { GoModSource } from './findings';
import type { GoEnv } from './goenv';
import { parseGoProxy } from './goproxyList';
import { DownloadState, type ModuleState } from './moduleState';
import { TraceParser } from './trace';
import type { Finding } from './types';

export interface PastedInput {
  /** What the person pasted. */
  text: string;
  /** The Go environment, as far as it is known (GOPROXY, GOPRIVATE, …). */
  env?: GoEnv;
  goMod?: GoModSource | null;
  goVersion?: string | null;
}

/** Prefixes a log adds to every line: `> ` quotes, GitHub Actions and BuildKit timestamps, `#12 3.45 ` steps. */
const LINE_PREFIX = /^(?:> ?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?|#\d+ \d+(?:\.\d+)? )/;

/**
 * Older go (and go run by other tools) puts other words before an error than `go: `: the command
 * (`go get X: …`, `go mod download: …`), a source position (`main.go:4:2: …`, `go.mod:13: …`), or
 * `build X: `. They are what `go: ` is now.
 */
const ERROR_PREFIX =
  /^(?:go (?:get|mod download|mod tidy|build|install|list|run|test|vet|mod why|mod graph)(?: [^:\s]*)?|\S+\.go:\d+:\d+|\S*go\.mod:\d+|build \S+): (?=\S)/;

/** Progress lines, not errors: `go: downloading x v1`, `go: finding x v1`, `go: extracting x v1`. */
const PROGRESS = /^go: (?:downloading|finding|extracting|found) \S+ \S+$|^go: error loading module requirements$/;

/** The paste, back in the shape go prints: one line per line, continuation lines tab-indented, error lines starting `go: `. */
export function normalizePasted(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // Strip a prefix only when (nearly) every non-blank line carries it: one line that merely starts with `> ` keeps it.
  const filled = lines.filter((line) => line.trim() !== '');
  const prefixed = filled.filter((line) => LINE_PREFIX.test(line)).length;
  const strip = filled.length > 0 && prefixed >= Math.max(1, filled.length - 1);
  const shaped = lines
    .map((line) => (strip ? line.replace(LINE_PREFIX, '') : line))
    .map((line) => line.replace(/[ \t]+$/, ''))
    .map((line) => (/^ {2,}\S/.test(line) ? `\t${line.trimStart()}` : line))
    .map((line) => line.replace(ERROR_PREFIX, 'go: '))
    .filter((line) => !PROGRESS.test(line));
  // After an error line, what follows until a blank line or the next line of go's own belongs to
  // it (git's and the server's words), though the paste lost its indentation.
  let inError = false;
  return shaped
    .map((line) => {
      if (line === '') {
        inError = false;
        return line;
      }
      if (OWN_LINE.test(line)) {
        inError = /^(?:go: |verifying )/.test(line);
        return line;
      }
      return inError && !line.startsWith('\t') ? `\t${line}` : line;
    })
    .join('\n');
}

/** Lines go prints on its own: errors, trace lines, SECURITY ERROR. */
const OWN_LINE = /^(?:go: |verifying |# |cd |\d+\.\d+s # |mkdir |SECURITY ERROR|\t)/;

/** Findings for a pasted error, errors first. */
export function diagnosePasted(input: PastedInput): Finding[] {
  const text = normalizePasted(input.text);
  const env = input.env ?? {};
  const state = new DownloadState({
    proxyBases: parseGoProxy(env.GOPROXY ?? '').entries.flatMap((entry) => (entry.kind === 'url' ? [entry.url] : [])),
    requirements: [],
  });
  const parser = new TraceParser((event) => state.applyTrace(event));
  parser.push(`${text}\n`);
  parser.end();
  state.finish({ stalled: false });
  const modules = state.modules();
  const claimed = new Set(modules.flatMap((module) => (module.error ? [module.error] : [])));
  const base: Omit<ClassifyInput, 'modules' | 'unattributedErrors'> = {
    unknownLines: [...state.unknownLines, ...state.garbage],
    env,
    goMod: input.goMod ?? null,
    stall: null,
    exitCode: 1,
    goVersion: input.goVersion ?? null,
  };
  const unattributed = state.goErrors.filter((error) => !claimed.has(error));
  // A paste of one error that names its module only in older words: the module is the one it names.
  if (modules.every((module) => module.error === null) && unattributed.length > 0) {
    const named = firstNamedModule(unattributed.join('\n'));
    if (named) return byClass(classify({ ...base, modules: [failedModule(named, unattributed.join('\n'))], unattributedErrors: [] }));
  }
  const findings = classify({ ...base, modules, unattributedErrors: unattributed });
  if (findings.some((finding) => finding.class !== 'unknown')) return byClass(findings);
  // Nothing read as one of go's error blocks: the paste as a whole is the error.
  const whole = text.trim();
  const named = firstNamedModule(whole);
  return byClass(classify({ ...base, modules: named ? [failedModule(named, whole)] : [], unattributedErrors: named ? [] : [whole] }));
}

function failedModule(named: NonNullable<ReturnType<typeof erroredModule>>, error: string): ModuleState {
  return { path: named.path, version: named.version, status: 'failed', listed: false, requests: [], commands: [], error, requiredBy: named.requiredBy };
}

/** Recognised classes before `unknown`, in the order found. */
function byClass(findings: Finding[]): Finding[] {
  return [...findings.filter((finding) => finding.class !== 'unknown'), ...findings.filter((finding) => finding.class === 'unknown')];
}

/** `reading X/go.mod at revision V`, `require X: version "V" invalid`, `X@V: `: how older messages name the module. */
const NAMED = [
  /reading (\S+?)\/go\.mod at revision (\S+?):/,
  /require (\S+): version "([^"]+)" invalid/,
  /\b([a-z0-9][\w.-]*\.[a-z]{2,}(?:\/[^\s@:]+)+)@(v[^\s:@]+)/,
];
/** GOPATH-era `package X: …` and `unrecognized import path "X"` name a path without a version. */
const NAMED_PATH = [/^package (\S+?):/m, /unrecognized import path "([^"]+)"/, /^go: module (\S+?):/m, /\/lookup\/(\S+?)@/];

/** The first module the paste names, with its version when it says one. */
function firstNamedModule(text: string): ReturnType<typeof erroredModule> {
  for (const line of text.split('\n')) {
    const found = erroredModule(line);
    if (found) return found;
  }
  for (const pattern of NAMED) {
    const match = pattern.exec(text);
    if (match) return { path: match[1]!, version: match[2]!, requiredBy: null };
  }
  for (const pattern of NAMED_PATH) {
    const match = pattern.exec(text);
    if (match) return { path: match[1]!.replace(/!([a-z])/g, (_whole, letter: string) => letter.toUpperCase()), version: '', requiredBy: null };
  }
  return null;
}
