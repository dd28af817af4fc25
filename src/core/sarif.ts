// The report as SARIF 2.1.0, the subset GitHub code scanning accepts: one rule per failure class
// (what it means, what to do, its README section), one result per finding on the exact go.mod
// span, paths relative to the repository root (%SRCROOT%), a fingerprint that survives edits above
// the line. No `fixes`: a SARIF fix must carry file edits, and GitHub rejects the whole upload for
// one that does not — our fixes change the Go environment, not go.mod, so they go in the text.

import type * as Sarif from 'sarif';
import { pathToFileURL } from 'node:url';
import { ciLocation, ciMessage, fingerprints, type CiContext } from './ciFindings';
import { CLASS_DOCS, classHelpUri, plainText, TOOL } from './classDocs';
import { redactDeep } from './redact';
import { FAILURE_CLASSES, type FailureClass, type Finding, type Report, type Severity } from './types';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The key of our partialFingerprints entry; versioned, so a change of recipe starts new identities. */
export const FINGERPRINT_KEY = 'goDependencyHealth/v1';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function rule(failureClass: FailureClass): Sarif.ReportingDescriptor {
  const doc = CLASS_DOCS[failureClass];
  const helpUri = classHelpUri(failureClass);
  return {
    // No `name`: SARIF wants it to differ from the id, and the class id is already the readable name.
    id: failureClass,
    shortDescription: { text: sentence(capitalised(plainText(doc.meaning))) },
    fullDescription: { text: `${sentence(capitalised(plainText(doc.meaning)))} ${sentence(plainText(doc.whatToDo))}` },
    help: {
      text: `${sentence(plainText(doc.whatToDo))} More: ${helpUri}`,
      markdown: `${sentence(doc.whatToDo)}\n\n[More about \`${failureClass}\`](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['go', 'go-modules', 'dependencies'] },
  };
}

/** A relative URI reference: each path segment percent-encoded, the slashes kept. */
const relativeUri = (relativePath: string) => relativePath.split('/').map(encodeURIComponent).join('/');

function result(finding: Finding, fingerprint: string, context: CiContext): Sarif.Result {
  const location = ciLocation(finding, context);
  const artifactLocation: Sarif.ArtifactLocation =
    location.relativePath !== null ? { uri: relativeUri(location.relativePath), uriBaseId: SRCROOT } : { uri: pathToFileURL(location.absolutePath).href };
  const region: Sarif.Region = { startLine: location.line };
  if (location.column !== null && location.endColumn !== null) Object.assign(region, { startColumn: location.column, endColumn: location.endColumn });
  return {
    ruleId: finding.class,
    ruleIndex: FAILURE_CLASSES.indexOf(finding.class),
    level: LEVEL[finding.severity],
    kind: 'fail',
    message: { text: ciMessage(finding) },
    locations: [{ physicalLocation: { artifactLocation, region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    properties: { module: finding.module, version: finding.version, evidence: finding.evidence.slice(0, 6) },
  };
}

/** A folder as a file: URI ending in `/`, as SARIF wants a base URI. */
function directoryUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** The report as a SARIF log (an object: the CLI serialises it). Every string redacted. */
export function reportSarif(report: Report, context: CiContext): Sarif.Log {
  const ids = fingerprints(report.findings, context);
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            fullName: TOOL.fullName,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            informationUri: TOOL.homepage,
            rules: FAILURE_CLASSES.map(rule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.repoRoot) } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((finding, index) => result(finding, ids[index]!, context)),
      },
    ],
  };
  return redactDeep(log);
}

/** The SARIF log as the file CI uploads. */
export function formatSarif(report: Report, context: CiContext): string {
  return `${JSON.stringify(reportSarif(report, context), null, 2)}\n`;
}
