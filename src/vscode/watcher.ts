// When to check: on start and when go.mod/go.work files appear, change or are saved (and opened,
// with runOn "openAndSave"). Roots are rediscovered when such files come or go, and when a go.mod
// is opened or saved that no known root holds: the file watcher can miss a new file (VS Code's
// watcher stops delivering when the system runs out of inotify instances), and a go.mod the user
// is editing must not go unchecked because of that.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { findModuleRoots, rootsForFile } from './moduleRoots';
import type { RunService } from './runService';
import type { Settings } from './settings';

const GO_FILES = new Set(['go.mod', 'go.work']);

function isGoFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && GO_FILES.has(path.basename(uri.fsPath));
}

export async function refreshRoots(runs: RunService): Promise<void> {
  const scan = runs.beginRootsScan();
  const roots = await findModuleRoots();
  runs.setRoots(roots, scan);
  await vscode.commands.executeCommand('setContext', 'goDependencyHealth.noModules', roots.length === 0);
}

export function register(context: vscode.ExtensionContext, runs: RunService, settings: () => Settings): void {
  const requestFor = (uri: vscode.Uri) => {
    for (const root of rootsForFile(uri, runs.moduleRoots)) runs.request(root.root);
  };
  const rediscover = async (uri: vscode.Uri) => {
    await refreshRoots(runs);
    if (settings().runOn !== 'manual') requestFor(uri);
  };
  const unknownGoMod = (uri: vscode.Uri) => path.basename(uri.fsPath) === 'go.mod' && rootsForFile(uri, runs.moduleRoots).length === 0;
  const watcher = vscode.workspace.createFileSystemWatcher('**/{go.mod,go.work}');
  watcher.onDidCreate(rediscover, undefined, context.subscriptions);
  watcher.onDidDelete(() => void refreshRoots(runs), undefined, context.subscriptions);
  context.subscriptions.push(watcher);
  vscode.workspace.onDidSaveTextDocument(
    (document) => {
      if (!isGoFile(document.uri)) return;
      if (unknownGoMod(document.uri)) return void refreshRoots(runs).then(() => settings().runOn !== 'manual' && requestFor(document.uri));
      if (settings().runOn === 'manual') return;
      // A saved go.work may change which modules belong together; a go.mod only needs its check.
      if (path.basename(document.uri.fsPath) === 'go.work') void rediscover(document.uri);
      else requestFor(document.uri);
    },
    undefined,
    context.subscriptions,
  );
  vscode.workspace.onDidOpenTextDocument(
    (document) => {
      if (!isGoFile(document.uri)) return;
      if (unknownGoMod(document.uri)) return void refreshRoots(runs).then(() => settings().runOn === 'openAndSave' && requestFor(document.uri));
      if (settings().runOn === 'openAndSave') requestFor(document.uri);
    },
    undefined,
    context.subscriptions,
  );
  vscode.workspace.onDidChangeWorkspaceFolders(() => void refreshRoots(runs), undefined, context.subscriptions);
  vscode.workspace.onDidGrantWorkspaceTrust(
    () => {
      if (settings().runOn !== 'manual') for (const root of runs.moduleRoots) runs.request(root.root);
    },
    undefined,
    context.subscriptions,
  );
}

/** The first check, after activation has returned: activation itself stays light. */
export function startInitialCheck(runs: RunService, settings: () => Settings): void {
  setTimeout(() => {
    void refreshRoots(runs).then(() => {
      if (settings().runOn === 'openAndSave') for (const root of runs.moduleRoots) runs.request(root.root);
    });
  }, 0);
}
