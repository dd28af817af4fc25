// What the UI shows, per module root: whether a run is going on, the modules as they update
// live, and the last finished report. Features subscribe to its change event instead of to
// each other.

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
}

export class ResultsStore implements vscode.Disposable {
  private readonly results = new Map<string, RootResult>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  get roots(): string[] {
    return [...this.results.keys()].sort();
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
      result = { root, running: false, modules: new Map(), report: undefined, problem: undefined };
      this.results.set(root, result);
    }
    return result;
  }

  /** Roots that exist: new ones appear (empty), gone ones are dropped. */
  setRoots(roots: string[]): void {
    const wanted = new Set(roots);
    for (const root of [...this.results.keys()]) {
      if (!wanted.has(root)) {
        this.results.delete(root);
        this.changed.fire(root);
      }
    }
    for (const root of roots) {
      if (!this.results.has(root)) {
        this.entry(root);
        this.changed.fire(root);
      }
    }
  }

  startRun(root: string): void {
    const result = this.entry(root);
    result.running = true;
    result.modules = new Map();
    result.problem = undefined;
    this.changed.fire(root);
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
    this.changed.fire(root);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
