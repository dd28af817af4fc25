// What the CI formats (SARIF, GitHub annotations, GitLab Code Quality) share about a finding: where
// it is, relative to the repository root; an identity that survives unrelated edits and re-runs;
// and its text, with the fixes written out (CI shows text, it applies nothing). Raw in, raw out:
// each format redacts what it renders.

import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { fixAsCommand } from './fixRender';
import type { Finding } from './types';

export interface CiContext {
  /** The repository root (absolute): file paths in the output are relative to it. */
  repoRoot: string;
  /**
   * The go.mod a finding without one is put on (the report root's): every CI format wants a file.
   * diagnose() names a go.mod in every finding; this is for the few that cannot have one.
   */
  fallbackGoMod: string;
}

export interface CiLocation {
  /** Relative to the repository root, with `/`; null when the file is outside it. */
  relativePath: string | null;
  absolutePath: string;
  /** 1-based; 1 when the finding has no line. */
  line: number;
  /** 1-based UTF-16 columns, endColumn exclusive; null: the whole line. */
  column: number | null;
  endColumn: number | null;
}

export function ciLocation(finding: Finding, context: CiContext): CiLocation {
  const absolutePath = path.resolve(context.repoRoot, finding.goModFile ?? context.fallbackGoMod);
  const relative = path.relative(context.repoRoot, absolutePath);
  const outside = relative === '' || relative.startsWith('..') || path.isAbsolute(relative);
  const hasSpan = finding.line !== null && finding.column !== null && finding.endColumn !== null && finding.endColumn > finding.column;
  return {
    relativePath: outside ? null : relative.split(path.sep).join('/'),
    absolutePath,
    line: finding.line ?? 1,
    column: hasSpan ? finding.column : null,
    endColumn: hasSpan ? finding.endColumn : null,
  };
}

/**
 * One identity per finding, stable across runs: the class, the module and the file — not the line
 * (a go.mod edit above it moves it), not the version (a bump that still fails is the same problem).
 * A finding about no module adds its message with the numbers taken out (durations, counts).
 * Identical keys in one report are told apart by their order, since the formats need them unique.
 */
export function fingerprints(findings: readonly Finding[], context: CiContext): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const location = ciLocation(finding, context);
    const subject = finding.module ?? `message:${finding.message.replace(/\d+(\.\d+)?/g, '#')}`;
    const key = [finding.class, subject, location.relativePath ?? location.absolutePath].join('\n');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256')
      .update(occurrence === 0 ? key : `${key}\n#${occurrence}`)
      .digest('hex')
      .slice(0, 32);
  });
}

/** "proxy-auth: corp.example.com/lib@v1.2.0" — the headline CI shows above the message. */
export function ciTitle(finding: Finding): string {
  const subject = finding.module ? `${finding.module}${finding.version ? `@${finding.version}` : ''}` : null;
  return subject ? `${finding.class}: ${subject}` : finding.class;
}

const FIXES_HEADING = 'Fixes:';

/** The finding's sentence, then each fix as a line with the command to run (or the guidance). */
export function ciMessage(finding: Finding): string {
  if (finding.fixes.length === 0) return finding.message;
  return [finding.message, FIXES_HEADING, ...finding.fixes.map((fix) => `- ${fix.title}: ${fixAsCommand(fix)}`)].join('\n');
}
