// Background runs: one RunScheduler for all module roots, each run a full diagnosis whose live
// updates and result go to the ResultsStore. Nothing runs in an untrusted workspace.

import * as vscode from 'vscode';
import { diagnose } from '../engine/diagnose';
import { RunScheduler } from '../engine/runScheduler';
import type { Log } from './log';
import type { ModuleRoot } from './moduleRoots';
import type { ResultsStore } from './resultsStore';
import { goProcessEnv, type Settings } from './settings';

/** Saves within this window become one run. */
const DEBOUNCE_MS = 400;

export class RunService implements vscode.Disposable {
  private readonly scheduler: RunScheduler;
  private roots: ModuleRoot[] = [];

  constructor(
    private readonly store: ResultsStore,
    private readonly log: Log,
    private readonly settings: () => Settings,
  ) {
    this.scheduler = new RunScheduler((root, signal) => this.run(root, signal), DEBOUNCE_MS);
  }

  get moduleRoots(): ModuleRoot[] {
    return this.roots;
  }

  get runsStarted(): number {
    return this.scheduler.runsStarted;
  }

  setRoots(roots: ModuleRoot[]): void {
    for (const gone of this.roots.filter((old) => !roots.some((root) => root.root === old.root))) this.scheduler.cancel(gone.root);
    this.roots = roots;
    this.store.setRoots(roots.map((root) => root.root));
  }

  request(root: string): void {
    if (vscode.workspace.isTrusted) this.scheduler.request(root);
  }

  runNow(root: string): Promise<void> {
    return vscode.workspace.isTrusted ? this.scheduler.runNow(root) : Promise.resolve();
  }

  async runAllNow(): Promise<void> {
    await Promise.all(this.roots.map((root) => this.runNow(root.root)));
  }

  cancel(root: string): void {
    this.scheduler.cancel(root);
  }

  /** Resolves when nothing is pending or running (for tests and the Diagnose command). */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  private async run(root: string, signal: AbortSignal): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    const settings = this.settings();
    const moduleRoot = this.roots.find((candidate) => candidate.root === root);
    this.store.startRun(root);
    this.log.info(`Checking module downloads in ${root}`);
    try {
      const { report, end } = await diagnose({
        root,
        env: goProcessEnv(settings),
        inactivitySeconds: settings.stallTimeoutSeconds,
        goroot: settings.goroot,
        alternateGoTool: settings.alternateGo,
        signal,
        workspaceModules: moduleRoot?.workspaceModules,
        onModule: (module) => this.store.updateModule(root, module),
        onStderr: this.log.traceSink(root),
      });
      if (end?.kind === 'cancelled') {
        this.log.info(`Run in ${root} cancelled`);
        this.store.finishRun(root, undefined, 'cancelled');
        return;
      }
      this.log.info(`${root}: ${report.modules.length} module(s), ${report.findings.length} finding(s) in ${report.durationSeconds.toFixed(1)} s`);
      for (const finding of report.findings) this.log.info(`  [${finding.class}] ${finding.module ?? ''} ${finding.message} (${finding.evidence[0]?.split('\n')[0] ?? ''})`);
      this.store.finishRun(root, report);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Checking ${root} failed: ${message}`);
      this.store.finishRun(root, undefined, message);
    }
  }

  dispose(): void {
    this.scheduler.dispose();
  }
}
