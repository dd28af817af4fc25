// Findings become diagnostics on the exact go.mod line: the module path of its require (or
// replace) line, with a code that links to the README section of its class, and the go.sum lines
// as related information for a checksum mismatch. A clean re-run clears them.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseGoMod, type GoModFile } from '../core/gomod';
import type { Finding, Report } from '../core/types';
import type { ResultsStore } from './resultsStore';

export const DIAGNOSTIC_SOURCE = 'Go Dependency Health';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

async function readText(file: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
  } catch {
    return undefined;
  }
}

/** The first require or replace entry on each line (a go.mod of 2,000 requirements has 2,000 findings to place). */
const entriesByLine = new WeakMap<GoModFile, Map<number, GoModFile['requires'][number] | GoModFile['replaces'][number]>>();

function entryOnLine(goMod: GoModFile, line: number): GoModFile['requires'][number] | GoModFile['replaces'][number] | undefined {
  let byLine = entriesByLine.get(goMod);
  if (!byLine) {
    byLine = new Map();
    for (const entry of [...goMod.requires, ...goMod.replaces]) if (!byLine.has(entry.line)) byLine.set(entry.line, entry);
    entriesByLine.set(goMod, byLine);
  }
  return byLine.get(line);
}

/** The module path on its require/replace line when the finding names one, else the line's text. */
export function rangeFor(finding: Finding, goMod: GoModFile | undefined, lines: string[]): vscode.Range {
  const line = Math.max(0, (finding.line ?? 1) - 1);
  const entry = goMod && finding.module ? entryOnLine(goMod, line + 1) : undefined;
  if (entry) return new vscode.Range(line, entry.pathSpan.column - 1, line, entry.lineSpan.endColumn - 1);
  const text = lines[line] ?? '';
  const start = text.length - text.trimStart().length;
  return new vscode.Range(line, start, line, Math.max(start + 1, text.trimEnd().length));
}

async function goSumLocations(goModFile: string, finding: Finding): Promise<vscode.DiagnosticRelatedInformation[]> {
  if (finding.class !== 'checksum-mismatch' || !finding.module) return [];
  const goSum = path.join(path.dirname(goModFile), 'go.sum');
  const text = await readText(goSum);
  if (text === undefined) return [];
  const prefix = `${finding.module} ${finding.version ?? ''}`;
  return text.split('\n').flatMap((line, index) =>
    line.startsWith(prefix) ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(goSum), new vscode.Range(index, 0, index, line.length)), 'The checksum recorded in go.sum')] : [],
  );
}

export async function diagnosticsFor(report: Report, readmeUri: vscode.Uri): Promise<Map<string, vscode.Diagnostic[]>> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  const parsed = new Map<string, { goMod: GoModFile | undefined; lines: string[] }>();
  for (const finding of report.findings) {
    if (!finding.goModFile || finding.line === null) continue;
    let file = parsed.get(finding.goModFile);
    if (!file) {
      const text = (await readText(finding.goModFile)) ?? '';
      file = { goMod: parseGoMod(text), lines: text.split('\n') };
      parsed.set(finding.goModFile, file);
    }
    const diagnostic = new vscode.Diagnostic(rangeFor(finding, file.goMod, file.lines), finding.message, SEVERITY[finding.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: finding.class, target: readmeUri.with({ fragment: `class-${finding.class}` }) };
    const related = await goSumLocations(finding.goModFile, finding);
    if (related.length > 0) diagnostic.relatedInformation = related;
    const list = byFile.get(finding.goModFile) ?? [];
    list.push(diagnostic);
    byFile.set(finding.goModFile, list);
  }
  return byFile;
}

export function register(context: vscode.ExtensionContext, store: ResultsStore): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('go-dependency-health');
  const readme = vscode.Uri.joinPath(context.extensionUri, 'README.md');
  /** Files each root last put diagnostics on, so a clean re-run clears exactly those. */
  const filesByRoot = new Map<string, string[]>();
  const update = async (root: string) => {
    const result = store.get(root);
    if (result?.running) return;
    const files = result?.report ? await diagnosticsFor(result.report, readme) : new Map<string, vscode.Diagnostic[]>();
    for (const file of filesByRoot.get(root) ?? []) if (!files.has(file)) collection.delete(vscode.Uri.file(file));
    for (const [file, diagnostics] of files) collection.set(vscode.Uri.file(file), diagnostics);
    filesByRoot.set(root, [...files.keys()]);
  };
  // Diagnostics come from finished reports: module updates during a run change nothing here.
  store.onDidChangeRun((root) => void update(root), undefined, context.subscriptions);
  context.subscriptions.push(collection);
  return collection;
}
