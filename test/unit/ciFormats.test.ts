// The CI formats as pure renderers: SARIF (checked against the SARIF 2.1.0 schema and GitHub's
// upload rules), GitHub workflow annotations (read back the way the runner reads them) and GitLab
// Code Quality — each on the exact go.mod span, relative to the repository root, with a stable
// identity, escaped, and redacted.

import { strict as assert } from 'node:assert';
import { fingerprints, type CiContext } from '../../src/core/ciFindings';
import { CLASS_DOCS, TOOL } from '../../src/core/classDocs';
import { reportCodeQuality } from '../../src/core/codeQuality';
import { annotation, formatGithubAnnotations } from '../../src/core/githubAnnotations';
import { buildReport, mergeReports } from '../../src/core/report';
import { FINGERPRINT_KEY, reportSarif } from '../../src/core/sarif';
import { FAILURE_CLASSES, type Finding, type Report } from '../../src/core/types';
import { githubUploadProblems, schemaProblems } from '../support/sarifChecks';

const SECRET = 'ghp_Pl4ntedT0kenAbcdefghij0123456789';
const REPO = '/repo';
const context: CiContext = { repoRoot: REPO, fallbackGoMod: '/repo/svc/a/go.mod' };

function finding(overrides: Partial<Finding>): Finding {
  return {
    class: 'private-module-sumdb',
    severity: 'error',
    module: 'corp.example.com/team/lib',
    version: 'v1.2.0',
    goModFile: '/repo/svc/a/go.mod',
    line: 7,
    column: 2,
    endColumn: 34,
    message: 'corp.example.com/team/lib@v1.2.0 looks private.',
    evidence: [],
    fixes: [
      {
        id: 'goprivate-add',
        title: 'Add corp.example.com to GOPRIVATE',
        kind: 'go-env',
        detail: { kind: 'go-env', variable: 'GOPRIVATE', value: 'corp.example.com', previous: '' },
      },
    ],
    ...overrides,
  };
}

function reportOf(findings: Finding[], root = '/repo/svc/a'): Report {
  return buildReport({
    root,
    go: { kind: 'found', path: '/usr/local/go/bin/go', version: 'go1.26.8' },
    env: {},
    modules: [],
    findings,
    goMod: null,
    durationSeconds: 1,
  });
}

/** A finding whose every string carries the planted token, as go's words or a user's setting might. */
const leaky = finding({
  class: 'proxy-auth',
  module: 'example.com/a',
  line: 8,
  message: `reading https://x-access-token:${SECRET}@git.corp/a: 401 "quoted" \\ and a tab\t`,
  evidence: [`GET https://u:${SECRET}@proxy.corp/example.com/a/@v/v1.0.0.mod: 401`],
  fixes: [
    {
      id: 'netrc',
      title: `Put ${SECRET} in .netrc`,
      kind: 'doc',
      detail: { kind: 'doc', text: `machine proxy.corp password ${SECRET}`, url: 'https://go.dev/ref/mod' },
    },
  ],
});

describe('SARIF', () => {
  const report = reportOf([
    finding({}),
    leaky,
    finding({
      class: 'env-conflict',
      severity: 'warning',
      module: null,
      version: null,
      line: 1,
      column: 8,
      endColumn: 30,
      message: 'GOPRIVATE has a space',
      fixes: [],
    }),
    finding({
      class: 'go-missing',
      severity: 'info',
      module: null,
      version: null,
      goModFile: null,
      line: null,
      column: null,
      endColumn: null,
      message: 'no go',
    }),
  ]);
  const log = reportSarif(report, context);
  const [run] = log.runs;
  const results = run!.results!;

  it('is valid SARIF 2.1.0 that GitHub code scanning takes', () => {
    assert.deepEqual(schemaProblems(log), []);
    assert.deepEqual(githubUploadProblems(log), []);
    assert.deepEqual(schemaProblems(JSON.parse(JSON.stringify(log))), [], 'the same once serialised');
  });

  it('would be refused with a fix that edits no file, or a result with no location (the checks above can fail)', () => {
    const withFix = JSON.parse(JSON.stringify(log)) as typeof log;
    withFix.runs[0]!.results![0]!.fixes = [{ description: { text: 'go env -w GOPRIVATE=corp.example.com' } } as never];
    assert.match(schemaProblems(withFix).join('\n'), /fixes\/0: must have required property 'artifactChanges'/);
    assert.match(githubUploadProblems(withFix).join('\n'), /has `fixes`/);
    const nowhere = JSON.parse(JSON.stringify(log)) as typeof log;
    delete nowhere.runs[0]!.results![0]!.locations;
    assert.match(githubUploadProblems(nowhere).join('\n'), /no location/);
  });

  it('has one rule per failure class, with the README description, the fixes in words, and the README anchor', () => {
    const rules = run!.tool.driver.rules!;
    assert.deepEqual(
      rules.map((rule) => rule.id),
      [...FAILURE_CLASSES],
    );
    const rule = rules.find((candidate) => candidate.id === 'private-module-sumdb')!;
    assert.equal(rule.shortDescription!.text, 'A private module was looked up in the public checksum database (404/410).');
    assert.ok(rule.fullDescription!.text.startsWith(rule.shortDescription!.text));
    assert.equal(rule.help!.markdown!.split('\n')[0], `${CLASS_DOCS['private-module-sumdb'].whatToDo}`);
    assert.doesNotMatch(rule.help!.text, /`/, 'the text form has no Markdown');
    assert.equal(rule.helpUri, `${TOOL.homepage}#class-private-module-sumdb`);
    assert.equal(run!.tool.driver.version, TOOL.version);
  });

  it('puts each result on the exact span of its go.mod line, relative to the repository root', () => {
    const first = results[0]!;
    assert.equal(first.ruleId, 'private-module-sumdb');
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations![0]!.physicalLocation, {
      artifactLocation: { uri: 'svc/a/go.mod', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 2, endColumn: 34 },
    });
    assert.equal(run!.originalUriBaseIds!['%SRCROOT%']!.uri, 'file:///repo/');
    assert.equal(run!.columnKind, 'utf16CodeUnits', 'our columns are UTF-16 code units, endColumn exclusive, as SARIF says by default');
    assert.deepEqual(
      results.map((result) => result.level),
      ['error', 'error', 'warning', 'note'],
    );
  });

  it('puts a finding with no go.mod on the root go.mod, and a file outside the repository as an absolute URI', () => {
    assert.deepEqual(results[3]!.locations![0]!.physicalLocation, {
      artifactLocation: { uri: 'svc/a/go.mod', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    const outside = reportSarif(reportOf([finding({ goModFile: '/elsewhere/my mod/go.mod' })]), context);
    assert.deepEqual(outside.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation, { uri: 'file:///elsewhere/my%20mod/go.mod' });
    assert.deepEqual(schemaProblems(outside), []);
    const spaced = reportSarif(reportOf([finding({ goModFile: '/repo/my mod/go.mod' })]), context);
    assert.equal(spaced.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'my%20mod/go.mod', 'a relative URI, percent-encoded');
  });

  it('writes the fixes into the message, never as SARIF fixes', () => {
    const first = results[0]!;
    assert.equal(
      first.message.text,
      'corp.example.com/team/lib@v1.2.0 looks private.\nFixes:\n- Add corp.example.com to GOPRIVATE: go env -w GOPRIVATE=corp.example.com',
    );
    assert.ok(results.every((result) => !('fixes' in result)));
  });

  it('gives each finding a fingerprint that survives a move to another line and a version bump, and differs between findings', () => {
    const ids = results.map((result) => result.partialFingerprints![FINGERPRINT_KEY]);
    assert.equal(new Set(ids).size, ids.length);
    const moved = reportSarif(reportOf([finding({ line: 12, version: 'v1.3.0', message: 'other words' })]), context);
    assert.equal(moved.runs[0]!.results![0]!.partialFingerprints![FINGERPRINT_KEY], ids[0]);
    const [a, b] = fingerprints([finding({}), finding({})], context);
    assert.notEqual(a, b, 'two identical findings still get an identity each');
    const otherModule = fingerprints([finding({ module: 'corp.example.com/team/other' })], context)[0];
    assert.notEqual(otherModule, ids[0]);
  });

  it('keeps any text as JSON (quotes, backslashes, tabs) and redacts every string', () => {
    const text = JSON.stringify(log);
    assert.ok(!text.includes(SECRET), 'the planted token is nowhere in the SARIF');
    assert.match(results[1]!.message.text ?? '', /"quoted" \\ and a tab\t/);
    assert.match(results[1]!.message.text ?? '', /x-access-token:\*\*\*@git\.corp/);
    assert.match(JSON.stringify(results[1]!.properties), /u:\*\*\*@proxy\.corp/);
  });
});

/** Reads a workflow command as the Actions runner does (ActionCommand.TryParseV2), undoing the toolkit's escapes. */
function parseWorkflowCommand(line: string): { command: string; properties: Record<string, string>; message: string } | null {
  const match = /^::([^\s:]+)(?: ([^]*?))?::([^]*)$/.exec(line);
  if (!match) return null;
  const unescape = (text: string, property: boolean) => {
    let out = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
    if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
    return out.replace(/%25/g, '%');
  };
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const equals = pair.indexOf('=');
    properties[pair.slice(0, equals)] = unescape(pair.slice(equals + 1), true);
  }
  return { command: match[1]!, properties, message: unescape(match[3]!, false) };
}

describe('GitHub annotations', () => {
  it('puts an error on the go.mod line and span, relative to the repository root', () => {
    const line = annotation(finding({}), context);
    assert.equal(
      line,
      '::error file=svc/a/go.mod,line=7,endLine=7,col=2,endColumn=33,title=private-module-sumdb%3A corp.example.com/team/lib@v1.2.0::corp.example.com/team/lib@v1.2.0 looks private.%0AFixes:%0A- Add corp.example.com to GOPRIVATE: go env -w GOPRIVATE=corp.example.com',
    );
    assert.deepEqual(parseWorkflowCommand(line)!.properties, {
      file: 'svc/a/go.mod',
      line: '7',
      endLine: '7',
      col: '2',
      endColumn: '33',
      title: 'private-module-sumdb: corp.example.com/team/lib@v1.2.0',
    });
  });

  it('escapes what would end a property or the command, so the runner reads back exactly the message', () => {
    const message = 'a, b: 100% done\r\nline two ::error file=evil::injected\n';
    const tricky = finding({ module: 'example.com/a,b:c', version: null, message, fixes: [] });
    const lines = formatGithubAnnotations(reportOf([tricky]), context).split('\n');
    assert.equal(lines.length, 2, 'one line (and the final newline): a newline in go text never starts a new command');
    const parsed = parseWorkflowCommand(lines[0]!)!;
    assert.equal(parsed.message, message);
    assert.equal(parsed.properties.title, 'private-module-sumdb: example.com/a,b:c');
    assert.equal(parsed.properties.file, 'svc/a/go.mod');
  });

  it('uses warning and notice for the lesser severities, the whole line without a span, and no file outside the repository', () => {
    assert.match(
      annotation(finding({ severity: 'warning', column: null, endColumn: null }), context),
      /^::warning file=svc\/a\/go\.mod,line=7,endLine=7,title=/,
    );
    assert.match(annotation(finding({ severity: 'info' }), context), /^::notice /);
    const outside = annotation(finding({ goModFile: '/elsewhere/go.mod' }), context);
    assert.match(outside, /^::error title=[^,]*::\/elsewhere\/go\.mod:7: /, 'the message names the file the annotation cannot point at');
  });

  it('redacts messages, titles and fixes', () => {
    const text = formatGithubAnnotations(reportOf([leaky]), context);
    assert.ok(!text.includes(SECRET), text);
    assert.match(text, /x-access-token%3A\*\*\*@|x-access-token:\*\*\*@/);
  });
});

describe('GitLab Code Quality', () => {
  it('has the fields the merge request widget reads, on the go.mod line relative to the repository root', () => {
    const [issue] = reportCodeQuality(reportOf([finding({})]), context);
    assert.deepEqual(Object.keys(issue!).sort(), ['categories', 'check_name', 'content', 'description', 'fingerprint', 'location', 'severity', 'type']);
    assert.equal(issue!.type, 'issue');
    assert.equal(issue!.check_name, 'private-module-sumdb');
    assert.equal(issue!.description, 'private-module-sumdb: corp.example.com/team/lib@v1.2.0 — corp.example.com/team/lib@v1.2.0 looks private.');
    assert.deepEqual(issue!.location, { path: 'svc/a/go.mod', lines: { begin: 7, end: 7 } });
    assert.equal(issue!.severity, 'critical');
    assert.match(issue!.content.body, /go env -w GOPRIVATE=corp\.example\.com/);
    assert.match(issue!.content.body, /#class-private-module-sumdb\)\)$/);
    assert.match(issue!.fingerprint, /^[0-9a-f]{32}$/);
  });

  it('maps severities, keeps every fingerprint unique, and redacts', () => {
    const issues = reportCodeQuality(
      reportOf([finding({}), finding({}), finding({ severity: 'warning' }), finding({ severity: 'info', goModFile: null, line: null }), leaky]),
      context,
    );
    assert.deepEqual(
      issues.map((issue) => issue.severity),
      ['critical', 'critical', 'critical', 'minor', 'info'],
      'errors first: the report is sorted',
    );
    assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, issues.length);
    assert.deepEqual(issues[4]!.location, { path: 'svc/a/go.mod', lines: { begin: 1, end: 1 } }, 'no go.mod: the root go.mod');
    assert.ok(!JSON.stringify(issues).includes(SECRET));
  });
});

describe('several module roots as one report', () => {
  it('keeps every root, and sorts the findings of all of them by severity, file and line', () => {
    const a = reportOf(
      [finding({ goModFile: '/repo/svc/b/go.mod', severity: 'warning' }), finding({ goModFile: '/repo/svc/b/go.mod', line: 9 })],
      '/repo/svc/b',
    );
    const b = reportOf([finding({ line: 8 })], '/repo/svc/a');
    const merged = mergeReports([a, b], '/repo/svc');
    assert.equal(merged.root, '/repo/svc');
    assert.deepEqual(merged.roots, ['/repo/svc/b', '/repo/svc/a']);
    assert.deepEqual(
      merged.findings.map((item) => `${item.severity} ${item.goModFile}:${item.line}`),
      ['error /repo/svc/a/go.mod:8', 'error /repo/svc/b/go.mod:9', 'warning /repo/svc/b/go.mod:7'],
    );
    assert.equal(merged.durationSeconds, 2);
    assert.equal(mergeReports([a], '/repo'), a, 'one root: its own report, unchanged');
  });
});
