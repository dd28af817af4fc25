// The status-bar GOPROXY item: the effective value in short form, its health, a spinner while a
// check runs; a click opens the GOPROXY switcher.

import * as vscode from 'vscode';
import { shortGoProxy } from '../core/goproxyList';
import { redact } from '../core/redact';
import type { Health, ProxyHealth } from './proxyHealth';

const HEALTH_ICON: Record<Health, string> = { ok: '$(pass)', slow: '$(watch)', failing: '$(error)', unknown: '$(cloud)' };
const HEALTH_COLOR: Partial<Record<Health, vscode.ThemeColor>> = {
  failing: new vscode.ThemeColor('statusBarItem.errorBackground'),
  slow: new vscode.ThemeColor('statusBarItem.warningBackground'),
};

export function statusText(goproxy: string | undefined, health: Health, running: boolean): string {
  const value = goproxy === undefined ? 'GOPROXY' : shortGoProxy(redact(goproxy));
  return `${running ? '$(sync~spin)' : HEALTH_ICON[health]} ${value}`;
}

export function register(context: vscode.ExtensionContext, health: ProxyHealth): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('goDependencyHealth.goproxy', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Go Dependency Health: GOPROXY';
  item.command = 'goDependencyHealth.chooseGoProxy';
  const render = () => {
    const outcome = health.outcome;
    item.text = statusText(health.goproxy, outcome.health, health.running);
    item.backgroundColor = health.running ? undefined : HEALTH_COLOR[outcome.health];
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = { enabledCommands: ['goDependencyHealth.chooseGoProxy', 'goDependencyHealth.diagnose', 'goDependencyHealth.showLog'] };
    tooltip.appendMarkdown(`**GOPROXY** \`${redact(health.goproxy ?? vscode.l10n.t('(not read yet)'))}\`\n\n`);
    tooltip.appendMarkdown(health.running ? `${vscode.l10n.t('Checking module downloads…')}\n\n` : `${redact(outcome.label).replace(/[*_`[\]]/g, '')}\n\n`);
    tooltip.appendMarkdown(
      `[$(cloud) ${vscode.l10n.t('Choose GOPROXY')}](command:goDependencyHealth.chooseGoProxy) · [$(pulse) ${vscode.l10n.t('Diagnose')}](command:goDependencyHealth.diagnose) · [$(output) ${vscode.l10n.t('Log')}](command:goDependencyHealth.showLog)`,
    );
    item.tooltip = tooltip;
    item.show();
  };
  health.onDidChange(render, undefined, context.subscriptions);
  render();
  context.subscriptions.push(item);
  return item;
}
