// Findings become diagnostics on the exact go.mod line: the module path of its require (or
// replace) line, with a code that links to the README section of its class, and the go.sum lines
// as related information for a checksum mismatch. A clean re-run clears them.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { findingMessage } from '../core/i18n';
import { redact } from '../core/redact';
import type { Finding, Report } from '../core/types';
import { editorLang } from './i18n';
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

/**
 * The finding's own place on its line, as the engine found it when it read go.mod for this run:
 * no second parse here, which an edit made after the run would not match.
 */
export function rangeFor(finding: Finding): vscode.Range {
  const line = Math.max(0, (finding.line ?? 1) - 1);
  if (finding.column !== null && finding.endColumn !== null) return new vscode.Range(line, finding.column - 1, line, finding.endColumn - 1);
  // The whole line: the editor clamps the end to the line's length.
  return new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER);
}

async function goSumLocations(goModFile: string, finding: Finding): Promise<vscode.DiagnosticRelatedInformation[]> {
  if (finding.class !== 'checksum-mismatch' || !finding.module) return [];
  const goSum = path.join(path.dirname(goModFile), 'go.sum');
  const text = await readText(goSum);
  if (text === undefined) return [];
  const prefix = `${finding.module} ${finding.version ?? ''}`;
  return text
    .split('\n')
    .flatMap((line, index) =>
      line.startsWith(prefix)
        ? [
            new vscode.DiagnosticRelatedInformation(
              new vscode.Location(vscode.Uri.file(goSum), new vscode.Range(index, 0, index, line.length)),
              vscode.l10n.t('The checksum recorded in go.sum'),
            ),
          ]
        : [],
    );
}

export async function diagnosticsFor(report: Report, readmeUri: vscode.Uri): Promise<Map<string, vscode.Diagnostic[]>> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  const lang = editorLang();
  for (const finding of report.findings) {
    if (!finding.goModFile || finding.line === null) continue;
    // Findings are raw: the message is redacted here, where it is shown.
    const diagnostic = new vscode.Diagnostic(rangeFor(finding), redact(findingMessage(finding, lang)), SEVERITY[finding.severity]);
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
