// UI tests of the packaged extension, as a user sees it: the .vsix from `npm run package` is
// installed into a fresh code-server on 127.0.0.1, the lab's demo workspace is opened in Debian's
// Chromium (playwright-core), and every check goes through the page. Three sessions: trusted
// (trusted.ts), untrusted (untrusted.ts) and Chinese (chinese.ts: VS Code's display language set to
// Simplified Chinese), each with its own lab, sandbox and code-server.
//
//   npm run test:ui            (scripts/setup.sh editor, npm run package, then this file)
//   tsx test/e2e/ui/runUi.ts [--vsix FILE] [--deadline SECONDS] [--only trusted|untrusted|chinese]
//
// Writes test-results/ui/NN-step.png for every step, docs/NAME.png for the README pictures, and
// logs-<session>/ (code-server's output, the browser console, the server's logs folder with the
// extension host's log) when a step fails. Ends with the line `ui: N passed, N failed`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { vsixPath } from '../../../scripts/package';
import { Run, Session, withTimeout, type StepResult } from './harness';
import { openDemoLab, type DemoLab } from './lab';
import { chineseSteps } from './chinese';
import { trustedSteps } from './trusted';
import { untrustedSteps } from './untrusted';

export const repoRoot = path.resolve(__dirname, '../../..');

export interface UiRunOptions {
  vsix?: string;
  resultsDir?: string;
  /** The whole run, both sessions; no step starts after it, a running one is abandoned. */
  deadlineSeconds?: number;
  /** Run one session only. */
  only?: 'trusted' | 'untrusted' | 'chinese';
}

export interface UiRunResult {
  passed: number;
  failed: number;
  results: StepResult[];
  durationMs: number;
  resultsDir: string;
}

type Steps = (run: Run, session: Session, lab: DemoLab, options: { tmp: string; vsix: string }) => Promise<void>;

/** What is running now, so a signal or the watchdog can stop it from wherever the run is. */
const live = new Set<Session>();

async function runSession(run: Run, name: string, steps: Steps, vsix: string, labOptions: Parameters<typeof openDemoLab>[0] = {}): Promise<void> {
  const session = new Session(name);
  const tmp = mkdtempSync(path.join(tmpdir(), `gdh-ui-${name}-`));
  let lab: DemoLab | undefined;
  live.add(session);
  try {
    lab = await withTimeout(openDemoLab(labOptions), 60_000, 'starting the lab');
    await steps(run, session, lab, { tmp, vsix });
  } catch (error) {
    run.fail(`${name}-lab`, error); // the steps catch their own errors: this is the lab
  } finally {
    await withTimeout(session.close(run.resultsDir), 20_000, `stopping the ${name} code-server`).catch((error: unknown) => console.error(String(error)));
    session.workbench?.server.killNow(); // whatever of its process group is left
    live.delete(session);
    await lab?.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function runUiSuite(options: UiRunOptions = {}): Promise<UiRunResult> {
  const started = Date.now();
  const vsix = path.resolve(options.vsix ?? vsixPath);
  const resultsDir = path.resolve(options.resultsDir ?? path.join(repoRoot, 'test-results/ui'));
  rmSync(resultsDir, { recursive: true, force: true }); // only this run's pictures and logs
  const run = new Run(resultsDir, started + (options.deadlineSeconds ?? 420) * 1000);
  console.log(`UI tests: ${path.relative(process.cwd(), vsix)} in code-server, results in ${path.relative(process.cwd(), resultsDir)}/`);
  // Trusted with runOn "manual": nothing runs until the view's Check Now link is clicked (the first step).
  if (options.only === undefined || options.only === 'trusted') await runSession(run, 'trusted', trustedSteps, vsix, { runOn: 'manual' });
  if (options.only === undefined || options.only === 'untrusted') await runSession(run, 'untrusted', untrustedSteps, vsix);
  // The display language set to Simplified Chinese; checks only when asked, like the trusted session.
  if (options.only === undefined || options.only === 'chinese') await runSession(run, 'chinese', chineseSteps, vsix, { runOn: 'manual' });
  return { passed: run.results.length - run.failed, failed: run.failed, results: run.results, durationMs: Date.now() - started, resultsDir };
}

function killLive(): void {
  for (const session of live) session.workbench?.server.killNow();
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { vsix: { type: 'string' }, deadline: { type: 'string' }, only: { type: 'string' } } });
  const deadlineSeconds = values.deadline ? Number(values.deadline) : 420;
  if (!(deadlineSeconds > 0)) throw new Error(`--deadline wants seconds, got ${values.deadline}`);
  if (values.only !== undefined && values.only !== 'trusted' && values.only !== 'untrusted' && values.only !== 'chinese')
    throw new Error('--only wants trusted, untrusted or chinese');
  // code-server runs detached (its own process group): it must not outlive an interrupted run.
  process.once('exit', killLive);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  // The last resort, should cleanup itself hang: the steps' deadline plus time to stop everything.
  setTimeout(
    () => {
      console.error('ui: the run did not end 60 s after its deadline; stopping it');
      console.log('ui: 0 passed, 1 failed');
      process.exit(1);
    },
    (deadlineSeconds + 60) * 1000,
  ).unref();

  const result = await runUiSuite({ vsix: values.vsix, deadlineSeconds, only: values.only });
  if (result.failed > 0) console.log(`\nScreenshots and logs of the failures: ${path.relative(process.cwd(), result.resultsDir)}/`);
  console.log(`\nUI tests took ${(result.durationMs / 1000).toFixed(1)} s`);
  console.log(`ui: ${result.passed} passed, ${result.failed} failed`);
  if (result.passed + result.failed === 0) console.error('ui: no step ran');
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}

if (require.main === module) {
  // Exit explicitly: a leftover handle (a browser pipe that did not close) must not keep us alive.
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      console.log('ui: 0 passed, 1 failed');
      process.exit(1);
    },
  );
}
