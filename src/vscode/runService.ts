// Background runs: one RunScheduler for all module roots, each run a full diagnosis whose live
// updates and result go to the ResultsStore. Nothing runs in an untrusted workspace.

import * as vscode from 'vscode';
import { COMMON_GOSUMDB_CHOICES } from '../core/goenv';
import { healthTurnedOff, withPreviousHealth } from '../core/health';
import type { Report } from '../core/types';
import { diagnose } from '../engine/diagnose';
import { checkHealth } from '../engine/health';
import { RunScheduler, SAVE_DEBOUNCE_MS } from '../engine/runScheduler';
import type { Log } from './log';
import type { ModuleRoot } from './moduleRoots';
import type { ResultsStore } from './resultsStore';
import { goProcessEnv, type Settings } from './settings';

/** Findings written to the log per run. */
const FINDINGS_LOGGED = 50;

export class RunService implements vscode.Disposable {
  private readonly scheduler: RunScheduler;
  private roots: ModuleRoot[] = [];
  /** Scans of the workspace for module roots, numbered as they start (see setRoots). */
  private scansStarted = 0;
  private scanApplied = 0;

  constructor(
    private readonly store: ResultsStore,
    /** Public for the extension-host tests, which check that the log stays bounded. */
    readonly log: Log,
    private readonly settings: () => Settings,
  ) {
    this.scheduler = new RunScheduler((root, signal) => this.run(root, signal), SAVE_DEBOUNCE_MS);
  }

  get moduleRoots(): ModuleRoot[] {
    return this.roots;
  }

  get runsStarted(): number {
    return this.scheduler.runsStarted;
  }

  /** Numbers a scan for module roots before it starts, for setRoots. */
  beginRootsScan(): number {
    return ++this.scansStarted;
  }

  /**
   * The roots a scan found. Scans run concurrently (a burst of created go.mod files starts one
   * each) and may finish out of order: a result older than the one applied is dropped, or it would
   * remove a root found since and cancel the check just requested for it.
   */
  setRoots(roots: ModuleRoot[], scan = this.beginRootsScan()): void {
    if (scan < this.scanApplied) return;
    this.scanApplied = scan;
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
    const trace = this.log.traceSink(root);
    try {
      const { report, end, graph, goMod } = await diagnose({
        root,
        env: goProcessEnv(settings),
        inactivitySeconds: settings.stallTimeoutSeconds,
        goroot: settings.goroot,
        alternateGoTool: settings.alternateGo,
        signal,
        workspaceModules: moduleRoot?.workspaceModules,
        proxyChoices: settings.proxyChoices,
        sumDbChoices: [...COMMON_GOSUMDB_CHOICES],
        onModule: (module) => this.store.updateModule(root, module),
        onStderr: (chunk) => trace.push(chunk),
      });
      trace.end();
      if (end?.kind === 'cancelled') {
        this.log.info(`Run in ${root} cancelled`);
        this.store.finishRun(root, undefined, 'cancelled');
        return;
      }
      this.log.info(`${root}: ${report.modules.length} module(s), ${report.findings.length} finding(s) in ${report.durationSeconds.toFixed(1)} s`);
      // The report has every finding; the log names the first ones (a go.mod of 2,000 failing requirements must not log 2,000 lines per run).
      for (const finding of report.findings.slice(0, FINDINGS_LOGGED))
        this.log.info(`  [${finding.class}] ${finding.module ?? ''} ${finding.message} (${finding.evidence[0]?.split('\n')[0] ?? ''})`);
      if (report.findings.length > FINDINGS_LOGGED) this.log.info(`  … and ${report.findings.length - FINDINGS_LOGGED} more finding(s): see the Problems view`);
      // Until its health pass answers, the last pass's answers stay for the modules still there.
      this.store.finishRun(root, settings.checkHealth ? withPreviousHealth(report, this.store.get(root)?.report, goMod) : healthTurnedOff(report, 'off'));
      // The download report is out first; the health pass follows in the same run, so a new run cancels it.
      if (settings.checkHealth && !signal.aborted) await this.checkHealth(root, report, graph, signal);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Checking ${root} failed: ${message}`);
      this.store.finishRun(root, undefined, message);
    }
  }

  private async checkHealth(root: string, report: Report, graph: string | null, signal: AbortSignal): Promise<void> {
    const settings = this.settings();
    this.store.startHealth(root);
    try {
      const checked = await checkHealth({
        report,
        graph,
        env: goProcessEnv(settings),
        workspaceModules: this.roots.find((candidate) => candidate.root === root)?.workspaceModules,
        inactivitySeconds: settings.stallTimeoutSeconds,
        signal,
      });
      if (signal.aborted) {
        this.store.finishHealth(root, undefined);
        return;
      }
      const health = checked.health!;
      const count = (test: (module: (typeof health.modules)[number]) => boolean) => health.modules.filter(test).length;
      this.log.info(
        `${root}: health of ${health.modules.length} module(s) in ${health.durationSeconds.toFixed(1)} s: ${count((module) => module.retracted !== null)} retracted, ${count((module) => module.deprecated !== null)} deprecated, ${count((module) => module.update !== null)} with a newer version, ${count((module) => module.status === 'unknown')} unknown${health.skipped ? ` (${health.skipped})` : ''}`,
      );
      this.store.finishHealth(root, checked);
    } catch (error) {
      this.log.error(`Checking the health of ${root} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.store.finishHealth(root, undefined);
    }
  }

  dispose(): void {
    this.scheduler.dispose();
  }
}
