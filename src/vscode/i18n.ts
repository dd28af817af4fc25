// The editor's display language for the texts the core renders (findings, fixes, reports). The
// editor's own words go through vscode.l10n.t (l10n/bundle.l10n.<language>.json), which VS Code
// picks from the same vscode.env.language.

import * as vscode from 'vscode';
import { langFromLocale, type Lang } from '../core/i18n';

export function editorLang(): Lang {
  return langFromLocale(vscode.env.language) ?? 'en';
}
