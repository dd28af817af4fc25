// The hover of a go.mod `require` line: the module's health from the last health pass — when its
// version was published, retracted or deprecated, the newest of its major version with an
// "Upgrade to …" link, why this version is selected and why the module is in the build — and the
// modules it pulls in that are retracted or deprecated. Author texts are shown as text, never as
// Markdown; only the upgrade command is trusted.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseGoMod } from '../core/gomod';
import { healthLines, pullsInLine, upgradeLabel } from '../core/healthText';
import { t } from '../core/i18n';
import { splitNode } from '../core/modGraph';
import { redact } from '../core/redact';
import type { ModuleHealth } from '../core/types';
import { editorLang } from './i18n';
import type { ResultsStore } from './resultsStore';

export const UPGRADE_COMMAND = 'goDependencyHealth.upgradeModule';

/**
 * Text shown as itself in Markdown: every punctuation character that could start Markdown is
 * escaped, and '@' outside URLs too — the renderer would otherwise turn `lib@v1.2.0` into a mail
 * link (inside a URL it links, the escape would show).
 */
export function markdownText(text: string): string {
  return text
    .split(/(https?:\/\/\S+)/)
    .map((part, index) => part.replace(index % 2 === 1 ? /[\\`*_{}[\]()#+\-.!~|<>&]/g : /[\\`*_{}[\]()#+\-.!~|<>&@]/g, '\\$&'))
    .join('');
}

/** What the upgrade command receives. */
export interface UpgradeReference {
  root: string;
  module: string;
  version: string;
}

/** The command link of the upgrade action for a module with a newer version. */
export function upgradeLink(root: string, health: ModuleHealth): string | null {
  if (!health.update) return null;
  const reference: UpgradeReference = { root, module: health.path, version: health.update.version };
  return `[${upgradeLabel(health, editorLang())}](command:${UPGRADE_COMMAND}?${encodeURIComponent(JSON.stringify([reference]))})`;
}

/** The health of the module required on this line of the document, and the modules it pulls in that are unwell. */
export function healthOnLine(
  store: ResultsStore,
  document: vscode.TextDocument,
  line: number,
): { module: ModuleHealth; pulled: ModuleHealth[]; span: vscode.Range } | null {
  const root = path.dirname(document.uri.fsPath);
  const health = store.get(root)?.report?.health;
  if (!health) return null;
  // The document as it is now: an edit made since the run moves lines.
  const require = parseGoMod(document.getText()).requires.find((candidate) => candidate.line === line + 1);
  if (!require) return null;
  const module = health.modules.find((candidate) => candidate.path === require.path);
  if (!module) return null;
  const pulled = health.modules.filter(
    (candidate) =>
      candidate.required === null &&
      candidate.chain !== null &&
      candidate.chain.length > 2 &&
      splitNode(candidate.chain[1]!).path === require.path &&
      (candidate.retracted !== null || candidate.deprecated !== null),
  );
  const span = new vscode.Range(line, require.pathSpan.column - 1, line, require.lineSpan.endColumn - 1);
  return { module, pulled, span };
}

class HealthHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: ResultsStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const root = path.dirname(document.uri.fsPath);
    const result = this.store.get(root);
    const found = healthOnLine(this.store, document, position.line);
    if (!found) {
      if (!result?.checkingHealth) return undefined;
      return new vscode.Hover(new vscode.MarkdownString().appendText(t(editorLang(), 'health.pending')));
    }
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [UPGRADE_COMMAND] };
    const lang = editorLang();
    const lines = [...healthLines(found.module, new Date(), lang), ...found.pulled.map((pulled) => pullsInLine(pulled, lang))];
    // Author texts (rationales, deprecation messages) are text, not Markdown.
    lines.forEach((line, index) => {
      const text = markdownText(redact(line));
      markdown.appendMarkdown(index === 0 ? `**${text}**` : `\n\n${text}`);
    });
    const link = upgradeLink(root, found.module);
    if (link) markdown.appendMarkdown(`\n\n${link}`);
    return new vscode.Hover(markdown, found.span);
  }
}

export function register(context: vscode.ExtensionContext, store: ResultsStore): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider([{ scheme: 'file', pattern: '**/go.mod' }], new HealthHoverProvider(store)));
}
