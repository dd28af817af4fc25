// What the UI shows, per module root: whether a run is going on, the modules as they update
// live, and the last finished report. Features subscribe to its change events instead of to
// each other: onDidChange for everything (the tree, which shows modules live), onDidChangeRun
// only when a run starts or ends or a root comes or goes (what the diagnostics and the status bar
// show changes only then; a run of 2,000 modules fires onDidChange some 12,000 times).

import * as vscode from 'vscode';
import type { ModuleState } from '../core/moduleState';
import type { Report } from '../core/types';

export interface RootResult {
  root: string;
  running: boolean;
  /** Live module states of the current (or last) run, keyed by path@version. */
  modules: Map<string, ModuleState>;
  report: Report | undefined;
  /** Set when the last run could not produce a report (for the tree and the status bar). */
  problem: string | undefined;
  /** The health pass that follows the download report is running. */
  checkingHealth: boolean;
}

export class ResultsStore implements vscode.Disposable {
  private readonly results = new Map<string, RootResult>();
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly runChanged = new vscode.EventEmitter<string>();
  private subscribers = 0;
  private sortedRoots: string[] | undefined;

  /** Any change of a root: a run started or ended, a module updated, a root came or went. */
  readonly onDidChange: vscode.Event<string> = this.counted(this.changed.event);
  /** A run started or ended, or a root came or went (not every module update). */
  readonly onDidChangeRun: vscode.Event<string> = this.counted(this.runChanged.event);

  /** Subscriptions to either event that are not disposed yet (the extension-host tests check none leak). */
  get listenerCount(): number {
    return this.subscribers;
  }

  private counted(event: vscode.Event<string>): vscode.Event<string> {
    return (listener, thisArgs, disposables) => {
      const subscription = event(listener, thisArgs);
      this.subscribers++;
      let disposed = false;
      const counted = {
        dispose: () => {
          if (disposed) return;
          disposed = true;
          this.subscribers--;
          subscription.dispose();
        },
      };
      disposables?.push(counted);
      return counted;
    };
  }

  /** Sorted once per change of the set of roots: the status bar asks on every change. */
  get roots(): readonly string[] {
    this.sortedRoots ??= [...this.results.keys()].sort();
    return this.sortedRoots;
  }

  get(root: string): RootResult | undefined {
    return this.results.get(root);
  }

  all(): RootResult[] {
    return this.roots.map((root) => this.results.get(root)!);
  }

  private entry(root: string): RootResult {
    let result = this.results.get(root);
    if (!result) {
      result = { root, running: false, modules: new Map(), report: undefined, problem: undefined, checkingHealth: false };
      this.results.set(root, result);
      this.sortedRoots = undefined;
    }
    return result;
  }

  /** Roots that exist: new ones appear (empty), gone ones are dropped. */
  setRoots(roots: string[]): void {
    const wanted = new Set(roots);
    for (const root of [...this.results.keys()]) {
      if (!wanted.has(root)) {
        this.results.delete(root);
        this.sortedRoots = undefined;
        this.fireRun(root);
      }
    }
    for (const root of roots) {
      if (!this.results.has(root)) {
        this.entry(root);
        this.fireRun(root);
      }
    }
  }

  startRun(root: string): void {
    const result = this.entry(root);
    result.running = true;
    result.checkingHealth = false;
    result.modules = new Map();
    result.problem = undefined;
    this.fireRun(root);
  }

  updateModule(root: string, module: ModuleState): void {
    const result = this.entry(root);
    result.modules.set(`${module.path}@${module.version}`, module);
    this.changed.fire(root);
  }

  finishRun(root: string, report: Report | undefined, problem?: string): void {
    const result = this.entry(root);
    result.running = false;
    if (report) result.report = report;
    result.problem = problem;
    this.fireRun(root);
  }

  /** The download report is out; its health pass starts. */
  startHealth(root: string): void {
    this.entry(root).checkingHealth = true;
    this.fireRun(root);
  }

  /** The health pass ended: the report with its health replaces the download's (undefined: keep that one). */
  finishHealth(root: string, report: Report | undefined): void {
    const result = this.entry(root);
    result.checkingHealth = false;
    if (report) result.report = report;
    this.fireRun(root);
  }

  private fireRun(root: string): void {
    this.changed.fire(root);
    this.runChanged.fire(root);
  }

  dispose(): void {
    this.changed.dispose();
    this.runChanged.dispose();
  }
}
