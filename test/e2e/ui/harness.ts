// A small step runner for the UI suite: the steps of one session share a workbench and run in
// order (each builds on what the one before left on screen), so mocha's independent tests do not
// fit. Every step has a time limit, the run has a deadline, each step leaves a screenshot
// (test-results/ui/NN-name.png), and a failing step also leaves the session's logs.

import { cpSync, existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { Ui } from './pages/ui';
import { openWorkbench, type OpenOptions, type Workbench } from './server';

export interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

/** Resolves with the promise, or rejects after `ms` (the promise is left to settle on its own). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result within ${(ms / 1000).toFixed(1)} s`)), ms)));
  promise.catch(() => undefined); // its late rejection, after the timeout won, is not news
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Resolves once `check(contents of file)` holds: checked now and on every change in the file's
 * folder (watching the folder also sees a file replaced by a rename), or rejects after `ms`.
 */
export function waitForFile(file: string, check: (text: string) => boolean, ms: number, what: string): Promise<void> {
  const holds = () => {
    try {
      return check(readFileSync(file, 'utf8'));
    } catch {
      return false; // missing for a moment while it is replaced
    }
  };
  return new Promise((resolve, reject) => {
    const watcher = watch(path.dirname(file), () => {
      if (!holds()) return;
      finish();
      resolve();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${what}: not within ${ms / 1000} s`));
    }, ms);
    const finish = () => {
      clearTimeout(timer);
      watcher.close();
    };
    if (holds()) {
      finish();
      resolve();
    }
  });
}

export class Run {
  readonly results: StepResult[] = [];
  private counter = 0;

  /**
   * @param resultsDir where screenshots and logs go (test-results/ui)
   * @param deadline   epoch ms after which no step starts and a running one is abandoned
   */
  constructor(
    readonly resultsDir: string,
    readonly deadline: number,
  ) {
    mkdirSync(path.join(resultsDir, 'docs'), { recursive: true });
  }

  get failed(): number {
    return this.results.filter((result) => !result.ok).length;
  }

  /**
   * Runs one step of a session: at most `limitMs` (and never past the deadline), then a
   * full-page screenshot whether it passed or not. A step after a session failed to open is
   * reported as not run; `opens` marks the step that opens it.
   */
  async step(session: Session, name: string, limitMs: number, body: () => Promise<void>, options: { opens?: boolean } = {}): Promise<boolean> {
    const label = `${String(++this.counter).padStart(2, '0')}-${name}`;
    const started = Date.now();
    const left = this.deadline - started;
    let error: string | undefined;
    if (!session.workbench && !options.opens) error = `not run: the ${session.name} workbench did not open`;
    else if (left <= 0) error = 'not run: the run deadline has passed';
    else {
      try {
        await withTimeout(body(), Math.min(limitMs, left), label);
      } catch (caught) {
        error = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
      }
    }
    const ms = Date.now() - started;
    this.results.push({ name: label, ok: error === undefined, ms, error });
    console.log(`${error === undefined ? '  ✓' : '  ✗'} ${label} (${(ms / 1000).toFixed(1)} s)`);
    const page = session.workbench?.page;
    if (page) await withTimeout(page.screenshot({ path: path.join(this.resultsDir, `${label}.png`) }), 10_000, 'screenshot').catch(() => undefined);
    if (error !== undefined) {
      console.log(`      ${error.split('\n').slice(0, 8).join('\n      ')}`);
      session.keepLogs(this.resultsDir);
    }
    return error === undefined;
  }

  /** Records a failure outside any step (the lab would not start). */
  fail(name: string, error: unknown): void {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.results.push({ name, ok: false, ms: 0, error: text });
    console.log(`  ✗ ${name}\n      ${text.split('\n').slice(0, 8).join('\n      ')}`);
  }

  /** A cropped picture for the README (test-results/ui/docs/NAME.png; `npm run screenshots` copies them). */
  async docShot(target: Page | Locator, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
    const file = path.join(this.resultsDir, 'docs', `${name}.png`);
    if ('screenshot' in target && 'goto' in target) await target.screenshot({ path: file, clip });
    else await target.screenshot({ path: file });
  }
}

/** One code-server session (trusted or untrusted) as the steps see it. */
export class Session {
  workbench: Workbench | undefined;
  /** Set by a failing step: the logs are copied again when the session closes, complete. */
  failed = false;
  private pages: Ui | undefined;
  private tmp: string | undefined;
  private readonly serverLog: string[] = [];
  private readonly browserLog: string[] = [];

  constructor(readonly name: string) {}

  async open(options: Omit<OpenOptions, 'serverLog' | 'browserLog'>): Promise<void> {
    this.tmp = options.tmp;
    this.workbench = await openWorkbench({ ...options, serverLog: this.serverLog, browserLog: this.browserLog });
    this.pages = new Ui(this.workbench.page);
  }

  get ui(): Ui {
    if (!this.pages) throw new Error(`the ${this.name} workbench is not open`);
    return this.pages;
  }

  /** Stops code-server and the browser; keeps the complete logs when a step failed. */
  async close(resultsDir: string): Promise<void> {
    if (this.failed) this.keepLogs(resultsDir);
    await this.workbench?.close();
  }

  /** code-server's output, the browser console and the server's logs folder (the extension host's log is in it). */
  keepLogs(resultsDir: string): void {
    this.failed = true;
    if (!this.tmp) return;
    const dir = path.join(resultsDir, `logs-${this.name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'code-server.log'), this.serverLog.join(''));
    writeFileSync(path.join(dir, 'browser-console.log'), `${this.browserLog.join('\n')}\n`);
    const logs = path.join(this.tmp, 'user-data', 'logs');
    if (existsSync(logs)) cpSync(logs, path.join(dir, 'server-logs'), { recursive: true, force: true });
  }
}
