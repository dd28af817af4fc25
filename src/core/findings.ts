// The one way to build a finding, and where on go.mod it belongs. Findings are raw: real values,
// the user's own words; redaction happens where text leaves (report.ts, the editor's renderers).

import { findReplace, findRequire, type GoModFile, type Span } from './gomod';
import { render, type Message } from './i18n';
import type { FailureClass, Finding, PlannedFix, Severity } from './types';

/** A parsed go.mod and the file it came from. */
export interface GoModSource {
  file: string;
  parsed: GoModFile;
}

/** A place on a go.mod line: 1-based line, 1-based columns in UTF-16 code units, endColumn exclusive; null columns: the whole line. */
export interface GoModPlace {
  line: number;
  column: number | null;
  endColumn: number | null;
}

const spanning = (from: Span, to: Span): GoModPlace => ({ line: from.line, column: from.column, endColumn: to.endColumn });

/**
 * Where a module's finding belongs: its require line (from the module path to the end of the
 * line), else its replace line, else the line of the requirement that pulled it in, else the
 * `module` line.
 */
export function placeFor(goMod: GoModSource | null, path: string | null, version: string | null, requiredBy?: { path: string } | null): GoModPlace | null {
  if (!goMod) return null;
  const { parsed } = goMod;
  if (path) {
    const require = findRequire(parsed, path);
    if (require) return spanning(require.pathSpan, require.lineSpan);
    const replace = findReplace(parsed, path, version ?? '') ?? parsed.replaces.find((candidate) => candidate.newPath === path) ?? null;
    if (replace) return spanning(replace.pathSpan, replace.lineSpan);
    const parent = requiredBy ? findRequire(parsed, requiredBy.path) : null;
    if (parent) return spanning(parent.pathSpan, parent.lineSpan);
  }
  return moduleLine(goMod);
}

/** A line go named (`go.mod:5: …`): the requirement or replacement on it, else the whole line. */
export function goModLine(goMod: GoModSource | null, line: number): GoModPlace | null {
  if (!goMod) return null;
  const entry = [...goMod.parsed.requires, ...goMod.parsed.replaces].find((candidate) => candidate.line === line);
  return entry ? spanning(entry.pathSpan, entry.lineSpan) : { line, column: null, endColumn: null };
}

/** The `module` line, for findings about the module as a whole. */
export function moduleLine(goMod: GoModSource | null): GoModPlace | null {
  const module = goMod?.parsed.module;
  return module ? { line: module.line, column: module.pathSpan.column, endColumn: module.pathSpan.endColumn } : null;
}

/** The `toolchain` line, else the `go` line, else the `module` line. */
export function toolchainLine(goMod: GoModSource | null): GoModPlace | null {
  const parsed = goMod?.parsed;
  const directive = parsed?.toolchain ?? parsed?.go;
  return directive ? spanning(directive.lineSpan, directive.lineSpan) : moduleLine(goMod);
}

export interface FindingOptions {
  class: FailureClass;
  /** Default: error. */
  severity?: Severity;
  module?: { path: string; version: string | null } | null;
  /** The go.mod the finding is about; its file names the finding's goModFile. */
  goMod: GoModSource | null;
  /** The go.mod's path when it could not be read (there is no goMod then). */
  goModFile?: string;
  /** Where on go.mod; default: where the module's requirement is (placeFor), or nowhere without a module. */
  place?: GoModPlace | null;
  /** One sentence a person understands, as a message of the catalogue; raw (redacted where it is shown). */
  message: Message;
  /** Go's and git's own words, verbatim. */
  evidence?: string[];
  fixes?: PlannedFix[];
  /** The module that required this one, when Go said so: the finding then sits on that line. */
  requiredBy?: { path: string } | null;
}

export function makeFinding(options: FindingOptions): Finding {
  const module = options.module ?? null;
  const place = options.place !== undefined ? options.place : module ? placeFor(options.goMod, module.path, module.version, options.requiredBy) : null;
  return {
    class: options.class,
    severity: options.severity ?? 'error',
    module: module?.path ?? null,
    version: module?.version || null,
    goModFile: options.goMod?.file ?? options.goModFile ?? null,
    line: place?.line ?? null,
    column: place?.column ?? null,
    endColumn: place?.endColumn ?? null,
    // English in `message` (the JSON contract), the id and arguments for every other language.
    message: render('en', options.message),
    messageId: options.message.id,
    messageArgs: options.message.args,
    evidence: options.evidence ?? [],
    fixes: options.fixes ?? [],
  };
}
