// The report as GitHub Actions workflow commands (`::error file=…,line=…::message`): printed in a
// step's log, each becomes an annotation on that go.mod line of the pull request, with no upload.
// Escaped as the Actions toolkit escapes them, so no text of go's can end the command or start
// another one (a newline in a message is %0A, never a new line of the log).

import { ciLocation, ciMessage, ciTitle, type CiContext } from './ciFindings';
import { redact } from './redact';
import type { Finding, Report, Severity } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** The message after `::`: %, CR and LF escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which would end it. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(finding: Finding, context: CiContext): string {
  const location = ciLocation(finding, context);
  const properties: [string, string | number][] = [];
  // A file outside the repository cannot be annotated: the message still names it.
  if (location.relativePath !== null) {
    properties.push(['file', location.relativePath], ['line', location.line], ['endLine', location.line]);
    // GitHub's columns: 1-based, the end column is the last character's (ours is the one after it).
    if (location.column !== null && location.endColumn !== null) properties.push(['col', location.column], ['endColumn', location.endColumn - 1]);
  }
  properties.push(['title', redact(ciTitle(finding))]);
  const where = location.relativePath === null && finding.goModFile ? `${finding.goModFile}:${location.line}: ` : '';
  const fields = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[finding.severity]} ${fields}::${escapeData(redact(where + ciMessage(finding)))}`;
}

/** One annotation per finding, one per line, redacted. */
export function formatGithubAnnotations(report: Report, context: CiContext): string {
  return report.findings.map((finding) => `${annotation(finding, context)}\n`).join('');
}
