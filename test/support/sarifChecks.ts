// What a SARIF file must be for GitHub code scanning to take it, checked three ways:
// - the SARIF 2.1.0 JSON schema, as Microsoft's SARIF SDK ships it (npm @microsoft/sarif-multitool-*),
//   with ajv;
// - the rules GitHub documents for uploads ("SARIF support for code scanning", its upload limits,
//   and what upload-sarif rejects: a result without a location, a `fixes` entry without file edits);
// - Microsoft's SARIF Multitool `validate` with its GitHub ingestion rules (GH…) and SARIF rules,
//   the validator GitHub's own docs point to (integration tests only: it is a program to run).

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';

const MULTITOOL_PACKAGE = '@microsoft/sarif-multitool-linux';

function packageDir(): string {
  return path.dirname(require.resolve(`${MULTITOOL_PACKAGE}/package.json`));
}

let compiled: ReturnType<Ajv2020['compile']> | undefined;

/** Schema errors, as "path: message" lines; empty when the log is valid SARIF 2.1.0. */
export function schemaProblems(log: unknown): string[] {
  if (!compiled) {
    const schema = JSON.parse(fs.readFileSync(path.join(packageDir(), 'sarif-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled(log) ? [] : (compiled.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? error.keyword}`);
}

/** GitHub's documented limits and requirements for an upload, as sentences; empty when it would be taken. */
export function githubUploadProblems(log: Sarif.Log): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (log.version !== '2.1.0') fail('version', `is ${String(log.version)}, GitHub takes 2.1.0`);
  if (log.runs.length > 20) fail('runs', 'more than 20 runs');
  log.runs.forEach((run, runIndex) => {
    const at = `runs[${runIndex}]`;
    const driver = run.tool.driver;
    if (!driver.name) fail(`${at}.tool.driver`, 'no name');
    if (!driver.version && !driver.semanticVersion) fail(`${at}.tool.driver`, 'no version');
    const rules = driver.rules ?? [];
    if (rules.length > 25_000) fail(`${at}.tool.driver.rules`, 'more than 25,000 rules');
    const ruleIds = rules.map((rule) => rule.id);
    if (new Set(ruleIds).size !== ruleIds.length) fail(`${at}.tool.driver.rules`, 'duplicate rule ids');
    rules.forEach((rule, index) => {
      const where = `${at}.tool.driver.rules[${index}] (${rule.id})`;
      if (!rule.shortDescription?.text) fail(where, 'no shortDescription (shown at the top of an alert)');
      if (!rule.fullDescription?.text) fail(where, 'no fullDescription (shown at the top of an alert)');
      if (!rule.help?.text) fail(where, 'no help');
      if (!rule.helpUri || !/^https:\/\/[^\s]+$/.test(rule.helpUri)) fail(where, `helpUri ${String(rule.helpUri)} is not an absolute https URL`);
      const tags = (rule.properties?.tags ?? []) as unknown[];
      if (tags.length > 20) fail(where, 'more than 20 tags');
    });
    const results = run.results ?? [];
    if (results.length > 25_000) fail(`${at}.results`, 'more than 25,000 results');
    results.forEach((result, index) => {
      const where = `${at}.results[${index}]`;
      if (!result.ruleId || !ruleIds.includes(result.ruleId)) fail(where, `ruleId ${String(result.ruleId)} is not a rule of the driver`);
      if (result.ruleIndex !== undefined && ruleIds[result.ruleIndex] !== result.ruleId) fail(where, 'ruleIndex does not point at its ruleId');
      if (!result.message.text) fail(where, 'no message text');
      if (result.level !== undefined && !['none', 'note', 'warning', 'error'].includes(result.level)) fail(where, `level ${result.level}`);
      if ('fixes' in result) fail(where, 'has `fixes` (GitHub rejects the upload when a fix has no artifactChanges; ours never has file edits)');
      const fingerprints = Object.values(result.partialFingerprints ?? {});
      if (fingerprints.length === 0 || fingerprints.some((value) => typeof value !== 'string' || value === ''))
        fail(where, 'no partialFingerprints (GitHub then computes its own from the file, which moves with the line)');
      const locations = result.locations ?? [];
      if (locations.length === 0) fail(where, 'no location (upload-sarif: "expected at least one location")');
      if (locations.length > 1000) fail(where, 'more than 1,000 locations');
      locations.forEach((location, locationIndex) => {
        const physical = location.physicalLocation;
        const there = `${where}.locations[${locationIndex}]`;
        if (!physical?.artifactLocation?.uri) {
          fail(there, 'no artifactLocation.uri ("expected artifact location")');
          return;
        }
        const { uri, uriBaseId } = physical.artifactLocation;
        const absolute = /^[a-z][a-z0-9+.-]*:/i.test(uri);
        if (uriBaseId !== undefined && absolute) fail(there, `uri ${uri} is absolute but has a uriBaseId`);
        if (uriBaseId === undefined && !absolute) fail(there, `relative uri ${uri} without a uriBaseId`);
        if (uriBaseId !== undefined && uriBaseId !== '%SRCROOT%') fail(there, `uriBaseId ${uriBaseId} (GitHub resolves %SRCROOT%, the checkout)`);
        if (uri.startsWith('/') || uri.startsWith('../')) fail(there, `uri ${uri} does not stay inside the repository`);
        const region = physical.region;
        if (!region?.startLine || region.startLine < 1) fail(there, 'no startLine');
        if (region?.startColumn !== undefined && region.endColumn !== undefined && region.endColumn <= region.startColumn)
          fail(there, 'endColumn is not after startColumn');
      });
    });
  });
  return problems;
}

/** The SARIF Multitool binary of this platform (an optional dependency: npm installs the one that runs here). */
export function multitoolPath(): string {
  return path.join(packageDir(), 'Sarif.Multitool');
}

/**
 * Runs `Sarif.Multitool validate --rule-kind Gh;Sarif` on a file and returns what it reported:
 * every error and warning line (the GitHub rules report errors; SARIF's own style rules, warnings).
 */
export async function multitoolProblems(sarifFile: string): Promise<string[]> {
  const output = `${sarifFile}.validation.sarif`;
  const printed = await new Promise<string>((resolve, reject) => {
    execFile(
      multitoolPath(),
      ['validate', '--rule-kind', 'Gh;Sarif', '--output', output, sarifFile],
      { timeout: 60_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DOTNET_CLI_TELEMETRY_OPTOUT: '1' } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}${stderr}`)) : resolve(`${stdout}${stderr}`)),
    );
  });
  fs.rmSync(output, { force: true });
  if (!/Analysis completed successfully/.test(printed)) throw new Error(`the SARIF Multitool did not finish:\n${printed}`);
  return printed.split('\n').filter((line) => /: (error|warning) [A-Z]+\d+:/.test(line));
}
