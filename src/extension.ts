// Wires the features together. Each feature lives in its own file under src/vscode/ and owns
// its disposables; nothing is created at import time, and the first check starts after
// activation has returned.

import * as vscode from 'vscode';
import * as codeActions from './vscode/codeActions';
import * as commands from './vscode/commands';
import { deepProbe, probeProxyValue } from './vscode/deepProbe';
import * as diagnoseCommand from './vscode/diagnoseCommand';
import * as diagnostics from './vscode/diagnostics';
import { FixService } from './vscode/fixService';
import * as hover from './vscode/hover';
import { Log } from './vscode/log';
import { ProxyHealth } from './vscode/proxyHealth';
import { ResultsStore } from './vscode/resultsStore';
import { RunService } from './vscode/runService';
import { affectsSettings, readSettings, type Settings } from './vscode/settings';
import * as statusBar from './vscode/statusBar';
import * as treeView from './vscode/treeView';
import * as watcher from './vscode/watcher';

/** What the extension hands its tests (through `activate`'s return value). */
export interface ExtensionApi {
  store: ResultsStore;
  runs: RunService;
  fixes: FixService;
  tree: treeView.ModuleTreeProvider;
  health: ProxyHealth;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  let settings: Settings = readSettings();
  const currentSettings = () => settings;
  vscode.workspace.onDidChangeConfiguration((event) => affectsSettings(event) && (settings = readSettings()), undefined, context.subscriptions);

  const log = new Log();
  const store = new ResultsStore();
  const runs = new RunService(store, log, currentSettings);
  const fixes = new FixService(store, runs, log, currentSettings);
  const health = new ProxyHealth(store);
  context.subscriptions.push(log, store, runs, health, fixes);

  diagnostics.register(context, store);
  codeActions.register(context, store);
  hover.register(context, store);
  const tree = treeView.register(context, store);
  statusBar.register(context, health);
  diagnoseCommand.register(context, { store, runs, deepProbe: (report, signal) => deepProbe(report, currentSettings(), signal) });
  commands.register(context, {
    store,
    log,
    fixes,
    runs,
    health,
    settings: currentSettings,
    probe: (goproxy, signal) => probeProxyValue(goproxy, currentSettings(), signal),
  });
  watcher.register(context, runs, currentSettings);
  watcher.startInitialCheck(runs, currentSettings);
  return { store, runs, fixes, tree, health };
}

export function deactivate(): void {
  // Every feature registered its disposables with the context; disposing them stops all runs.
}
