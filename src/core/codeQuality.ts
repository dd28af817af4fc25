// The report as a GitLab Code Quality report (the Code Climate issue subset GitLab reads): the
// merge request's widget and diff show each finding on its go.mod line. GitLab keeps one issue per
// fingerprint, so every finding has its own (ciFindings.fingerprints).

import { ciLocation, ciMessage, ciTitle, fingerprints, type CiContext } from './ciFindings';
import { CLASS_DOCS, classHelpUri } from './classDocs';
import { redactDeep } from './redact';
import type { Finding, Report, Severity } from './types';

/** GitLab's scale is info, minor, major, critical, blocker: a module that cannot be downloaded breaks the build. */
const SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'critical', warning: 'minor', info: 'info' };

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  content: { body: string };
  categories: string[];
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

function issue(finding: Finding, fingerprint: string, context: CiContext): CodeQualityIssue {
  const location = ciLocation(finding, context);
  const doc = CLASS_DOCS[finding.class];
  return {
    type: 'issue',
    check_name: finding.class,
    // The widget shows one line: the headline and the sentence; the fixes are in the body.
    description: `${ciTitle(finding)} — ${finding.message}`,
    content: { body: `${ciMessage(finding)}\n\n${doc.whatToDo} ([${finding.class}](${classHelpUri(finding.class)}))` },
    categories: [finding.class === 'checksum-mismatch' ? 'Security' : 'Bug Risk'],
    fingerprint,
    severity: SEVERITY[finding.severity],
    location: { path: location.relativePath ?? location.absolutePath, lines: { begin: location.line, end: location.line } },
  };
}

/** The issues (the CLI serialises them), every string redacted. */
export function reportCodeQuality(report: Report, context: CiContext): CodeQualityIssue[] {
  const ids = fingerprints(report.findings, context);
  return redactDeep(report.findings.map((finding, index) => issue(finding, ids[index]!, context)));
}

export function formatCodeQuality(report: Report, context: CiContext): string {
  return `${JSON.stringify(reportCodeQuality(report, context), null, 2)}\n`;
}
