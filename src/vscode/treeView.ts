// "Module Downloads": per module root, each module with its status, version and time, and its
// health once the health pass has answered (retracted, deprecated, a newer version); expanded,
// its requests, git commands and error, then its health: when it was published, the newest of its
// major version, why this version, and the chain that requires it ("required by"). Modules of the
// build the download did not fetch appear too. Updates live while a run goes on (throttled, so a
// thousand-module run does not flood the view).

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiveStatus, ModuleState } from '../core/moduleState';
import { findingMessage, storedText, t } from '../core/i18n';
import { redact } from '../core/redact';
import { healthBadges, healthFacts, type HealthLineKind } from '../core/healthText';
import type { CommandRecord, ModuleHealth, ModuleReport, RequestRecord } from '../core/types';
import { editorLang } from './i18n';
import type { ResultsStore, RootResult } from './resultsStore';

export type TreeNode =
  | { kind: 'root'; root: string }
  | { kind: 'module'; root: string; module: ModuleView }
  | { kind: 'request'; request: RequestRecord }
  | { kind: 'command'; command: CommandRecord }
  | { kind: 'error'; root: string; module: ModuleView; text: string }
  | { kind: 'health'; fact: HealthLineKind; text: string }
  | { kind: 'message'; text: string; icon: string };

/** A module as the tree shows it: live state during a run, report entry after. */
export interface ModuleView {
  path: string;
  version: string;
  status: LiveStatus;
  requests: RequestRecord[];
  commands: CommandRecord[];
  error: string | null;
  line: number | null;
  /** What the health pass found (after the run), null before or without it. */
  health: ModuleHealth | null;
  /** In the build's module graph, but not among the modules the download fetched. */
  graphOnly: boolean;
}

const HEALTH_ICONS: Record<HealthLineKind, [string, string | undefined]> = {
  published: ['calendar', undefined],
  unknown: ['question', undefined],
  retracted: ['warning', 'list.warningForeground'],
  deprecated: ['warning', 'list.warningForeground'],
  update: ['arrow-up', undefined],
  newest: ['check', undefined],
  selected: ['versions', undefined],
  requiredBy: ['type-hierarchy-sub', undefined],
};

const ICONS: Record<LiveStatus, [string, string | undefined]> = {
  ok: ['pass', 'testing.iconPassed'],
  cached: ['database', undefined],
  failed: ['error', 'testing.iconFailed'],
  stalled: ['debug-pause', 'list.warningForeground'],
  skipped: ['circle-slash', undefined],
  pending: ['circle-outline', undefined],
  fetching: ['loading~spin', undefined],
};

const REFRESH_MS = 150;

function fromLive(module: ModuleState): ModuleView {
  return {
    path: module.path,
    version: module.version,
    status: module.status,
    requests: module.requests,
    commands: module.commands,
    error: module.error,
    line: null,
    health: null,
    graphOnly: false,
  };
}

function fromReport(module: ModuleReport, health: ReadonlyMap<string, ModuleHealth>): ModuleView {
  const own = health.get(module.path);
  return { ...module, health: own && own.version === module.version ? own : null, graphOnly: false };
}

/** A module of the build the download did not fetch (a requirement of a requirement, a version MVS raised away from). */
function fromHealth(health: ModuleHealth): ModuleView {
  return { path: health.path, version: health.version, status: 'skipped', requests: [], commands: [], error: null, line: null, health, graphOnly: true };
}

export function modulesOf(result: RootResult): ModuleView[] {
  if (result.running || !result.report) return [...result.modules.values()].map(fromLive).sort((a, b) => a.path.localeCompare(b.path));
  const health = new Map((result.report.health?.modules ?? []).map((module) => [module.path, module]));
  const modules = result.report.modules.map((module) => fromReport(module, health));
  const shown = new Set(modules.map((module) => `${module.path}@${module.version}`));
  for (const module of health.values()) if (!shown.has(`${module.path}@${module.version}`)) modules.push(fromHealth(module));
  return modules.sort((a, b) => a.path.localeCompare(b.path) || a.version.localeCompare(b.version));
}

function seconds(module: ModuleView): number {
  return [...module.requests.map((request) => request.seconds ?? 0), ...module.commands.map((command) => command.seconds ?? 0)].reduce(
    (sum, value) => sum + value,
    0,
  );
}

export class ModuleTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ResultsStore) {
    this.subscription = vscode.Disposable.from(
      store.onDidChange(() => this.scheduleRefresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleRefresh()),
    );
  }

  private scheduleRefresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire(undefined);
    }, REFRESH_MS);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    // Empty, so the view shows its welcome text: in an untrusted workspace nothing runs.
    if (!vscode.workspace.isTrusted) return [];
    if (!node) {
      const roots = this.store.roots;
      // Nothing checked yet (runOn "manual", or before the first check): empty, so the view shows
      // its welcome text with a Check Now link instead of a row that says the same less usefully.
      if (roots.every((root) => neverChecked(this.store.get(root)))) return [];
      if (roots.length === 1) return this.getChildren({ kind: 'root', root: roots[0]! });
      return roots.map((root) => ({ kind: 'root', root }));
    }
    if (node.kind === 'root') return this.rootChildren(node.root);
    if (node.kind !== 'module') return [];
    const children: TreeNode[] = [
      ...node.module.requests.map((request): TreeNode => ({ kind: 'request', request })),
      ...node.module.commands.map((command): TreeNode => ({ kind: 'command', command })),
    ];
    if (node.module.error) children.push({ kind: 'error', root: node.root, module: node.module, text: node.module.error });
    if (node.module.health)
      for (const fact of healthFacts(node.module.health, new Date(), editorLang())) children.push({ kind: 'health', fact: fact.kind, text: fact.text });
    return children;
  }

  private rootChildren(root: string): TreeNode[] {
    const result = this.store.get(root);
    if (!result) return [];
    const modules = modulesOf(result).map((module): TreeNode => ({ kind: 'module', root, module }));
    if (modules.length > 0) return modules;
    if (result.running) return [{ kind: 'message', text: vscode.l10n.t('Checking…'), icon: 'loading~spin' }];
    if (result.problem && result.problem !== 'cancelled')
      return [{ kind: 'message', text: vscode.l10n.t('Could not check: {0}', redact(result.problem)), icon: 'warning' }];
    const findings = result.report?.findings ?? [];
    const lang = editorLang();
    if (findings.length > 0)
      return findings.map((finding): TreeNode => ({ kind: 'message', text: redact(`${finding.class}: ${findingMessage(finding, lang)}`), icon: 'error' }));
    return [{ kind: 'message', text: result.report ? vscode.l10n.t('No module dependencies') : vscode.l10n.t('Not checked yet'), icon: 'info' }];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'root': {
        const result = this.store.get(node.root);
        const item = new vscode.TreeItem(path.basename(node.root), vscode.TreeItemCollapsibleState.Expanded);
        item.description = result?.running
          ? vscode.l10n.t('checking…')
          : result?.checkingHealth
            ? t(editorLang(), 'health.checking')
            : vscode.workspace.asRelativePath(node.root);
        item.iconPath = new vscode.ThemeIcon(result?.running ? 'loading~spin' : 'folder');
        item.contextValue = 'root';
        item.id = `root:${node.root}`;
        return item;
      }
      case 'module':
        return this.moduleItem(node.root, node.module);
      case 'request': {
        const { request } = node;
        const outcome =
          request.error !== null ? storedText(request.error, editorLang()) : request.status === null ? vscode.l10n.t('waiting…') : String(request.status);
        const item = new vscode.TreeItem(`GET ${redact(request.url)}`);
        item.description = `${redact(outcome)}${request.seconds !== null ? ` · ${request.seconds.toFixed(3)} s` : ''}`;
        item.iconPath = new vscode.ThemeIcon(request.error ? 'error' : request.status === null ? 'loading~spin' : 'globe');
        item.tooltip = `${redact(request.url)}\n${redact(outcome)}`;
        item.contextValue = 'request';
        return item;
      }
      case 'command': {
        const { command } = node;
        const item = new vscode.TreeItem(redact(command.command));
        item.description = [
          command.seconds !== null ? `${command.seconds.toFixed(3)} s` : vscode.l10n.t('running…'),
          command.exitCode !== null ? vscode.l10n.t('exit {0}', command.exitCode) : '',
        ]
          .filter(Boolean)
          .join(' · ');
        item.iconPath = new vscode.ThemeIcon(command.exitCode && command.exitCode !== 0 ? 'error' : 'terminal');
        item.contextValue = 'command';
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(redact(node.text.split('\n')[0] ?? ''));
        item.tooltip = redact(node.text);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
        item.contextValue = 'error';
        return item;
      }
      case 'health': {
        const item = new vscode.TreeItem(redact(node.text));
        const [icon, color] = HEALTH_ICONS[node.fact];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        item.tooltip = redact(node.text);
        item.contextValue = `health.${node.fact}`;
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.text;
        return item;
      }
    }
  }

  private moduleItem(root: string, module: ModuleView): vscode.TreeItem {
    const hasChildren = module.requests.length + module.commands.length > 0 || module.error !== null || module.health !== null;
    const item = new vscode.TreeItem(module.path, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const [icon, color] = module.graphOnly ? ['type-hierarchy-sub', undefined] : ICONS[module.status];
    const unwell = module.health && (module.health.retracted !== null || module.health.deprecated !== null);
    item.iconPath = new vscode.ThemeIcon(icon, unwell ? new vscode.ThemeColor('list.warningForeground') : color ? new vscode.ThemeColor(color) : undefined);
    const time = seconds(module);
    const lang = editorLang();
    const badges = module.health ? healthBadges(module.health, lang) : [];
    const status = module.graphOnly ? t(lang, 'health.inGraphOnly') : t(lang, `status.${module.status}`);
    item.description = [module.version, status, ...(time > 0 ? [`${time.toFixed(2)} s`] : []), ...badges].join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(module.path).appendMarkdown('** ').appendText(`${module.version}\n\n${status}`);
    if (badges.length > 0) tooltip.appendMarkdown('\n\n').appendText(redact(badges.join(' · ')));
    if (module.error) tooltip.appendMarkdown('\n\n').appendCodeblock(redact(module.error));
    item.tooltip = tooltip;
    item.contextValue = `module.${module.graphOnly ? 'graph' : module.status}${module.health?.update ? '.upgradable' : ''}`;
    item.id = `module:${root}:${module.path}@${module.version}`;
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function register(context: vscode.ExtensionContext, store: ResultsStore): ModuleTreeProvider {
  const provider = new ModuleTreeProvider(store);
  const view = vscode.window.createTreeView('goDependencyHealth.modules', { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(provider, view);
  return provider;
}

function neverChecked(result: RootResult | undefined): boolean {
  return !result || (!result.running && result.report === undefined && result.problem === undefined);
}
