// Runs the extension-host tests (test/e2e/host/*.test.ts) inside a real VS Code, offline:
// code-server's extension host runs mocha (index.ts) and Debian's Chromium, driven by
// playwright-core, plays the desktop window. Needs `npm run build` and scripts/setup.sh editor first (npm run test:host does both).
//
//   tsx test/e2e/host/runHostTests.ts [--workspace DIR] [--env KEY=VALUE]... [--grep RE]
//                                     [--untrusted] [--timeout SECONDS]
// The same from the environment: GDH_E2E_WORKSPACE, GDH_E2E_ENV (JSON object), GDH_E2E_GREP,
// GDH_E2E_UNTRUSTED=1, GDH_E2E_TIMEOUT. Writes test-results/host/result.json; on failure also a
// screenshot and the logs there. Exit code 0 when every test passed.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { format, parseArgs } from 'node:util';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './codeServer';
import { bundledIndex, bundleHostTests, createSmokeWorkspace, ENV_GREP, ENV_OUTPUT_MARK, ENV_RESULTS, ENV_UNTRUSTED, repoRoot } from './support';

export interface HostRunOptions {
  /** Folder to open; default: a fresh folder with a go.mod. */
  workspace?: string;
  /** Extra environment for code-server and so for the extension host (e.g. GOPROXY of a lab proxy). */
  env?: Record<string, string>;
  grep?: string;
  untrusted?: boolean;
  timeoutSeconds?: number;
  resultsDir?: string;
}

interface MochaSummary {
  passed: number;
  failed: number;
  pending: number;
  tests: unknown[];
}

export interface HostRunResult {
  outcome: 'passed' | 'failed' | 'timeout' | 'error';
  exitCode: number;
  error?: string;
  durationMs: number;
  timingsMs: Record<string, number>;
  mocha?: MochaSummary;
}

interface WorkbenchLog {
  relativePath: string;
  contents: string;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** index.ts starts every line of the extension host's console with this (see relayConsole). */
const HOST_OUTPUT_MARK = '[ext-host] ';

/** What the run started, so it can be photographed and stopped from wherever it got stuck. */
interface Run {
  server?: CodeServer;
  browser?: Browser;
  page?: Page;
  serverLog: string[];
  browserLog: string[];
  workbenchLogs: WorkbenchLog[];
  timingsMs: Record<string, number>;
  relay: Promise<void>;
}

export async function runHostTests(options: HostRunOptions = {}): Promise<HostRunResult> {
  const started = Date.now();
  const resultsDir = options.resultsDir ?? path.join(repoRoot, 'test-results/host');
  rmSync(resultsDir, { recursive: true, force: true }); // only this run's artifacts
  mkdirSync(resultsDir, { recursive: true });
  const tmp = mkdtempSync(path.join(tmpdir(), 'gdh-e2e-'));
  const run: Run = { serverLog: [], browserLog: [], workbenchLogs: [], timingsMs: {}, relay: Promise.resolve() };
  // code-server runs detached, so it would outlive this process if it were interrupted.
  const killOnExit = () => {
    run.server?.killNow();
    rmSync(tmp, { recursive: true, force: true });
  };
  const killOnSignal = () => process.exit(130); // runs the 'exit' handler
  process.once('exit', killOnExit).once('SIGINT', killOnSignal).once('SIGTERM', killOnSignal);

  const timeoutMs = (options.timeoutSeconds ?? 180) * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<HostRunResult['outcome']>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const work = execute(run, options, tmp);
  work.catch(() => undefined); // after a timeout its rejection (from the cleanup below) is expected
  let outcome: HostRunResult['outcome'];
  let error: string | undefined;
  try {
    outcome = await Promise.race([work, timedOut]);
    if (outcome === 'timeout') error = `timed out after ${timeoutMs / 1000} s (the workbench never reported the end of the tests)`;
  } catch (caught) {
    outcome = 'error';
    error = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
  }
  clearTimeout(timer);
  await withTimeout(run.relay, 2_000); // print what the extension host said before the summary

  const mocha = readJson<MochaSummary>(path.join(tmp, 'mocha-results.json'));
  // The suites are switched on by environment variables: a run in which none was on must not pass.
  if (outcome === 'passed' && !(mocha && mocha.passed > 0)) {
    outcome = 'failed';
    error = mocha ? 'no test ran (are the suites this run needs switched on?)' : 'the extension host wrote no test results';
  }
  if (outcome !== 'passed') await keepEvidence(run, resultsDir, error);
  await withTimeout(run.browser?.close() ?? Promise.resolve(), 10_000);
  await withTimeout(run.server?.stop() ?? Promise.resolve(), 10_000);
  process.off('exit', killOnExit).off('SIGINT', killOnSignal).off('SIGTERM', killOnSignal);
  rmSync(tmp, { recursive: true, force: true });

  const result: HostRunResult = { outcome, exitCode: outcome === 'passed' ? 0 : 1, error, durationMs: Date.now() - started, timingsMs: run.timingsMs, mocha };
  writeFileSync(path.join(resultsDir, 'result.json'), JSON.stringify(result, null, 2));
  return result;
}

async function execute(run: Run, options: HostRunOptions, tmp: string): Promise<HostRunResult['outcome']> {
  const lap = timer(run.timingsMs);
  await bundleHostTests();
  lap('bundle');

  const workspace = path.resolve(options.workspace ?? createSmokeWorkspace(tmp));
  const env: Record<string, string> = {
    ...options.env,
    [ENV_RESULTS]: path.join(tmp, 'mocha-results.json'),
    [ENV_UNTRUSTED]: options.untrusted ? '1' : '0', // so tests know which trust state to expect
    [ENV_OUTPUT_MARK]: HOST_OUTPUT_MARK,
  };
  if (options.grep) env[ENV_GREP] = options.grep;
  const server = (run.server = await startCodeServer({ tmp, env, untrusted: !!options.untrusted, log: (chunk) => run.serverLog.push(chunk) }));
  lap('codeServerStart');

  run.browser = await chromium.launch({ executablePath: process.env.GDH_E2E_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = (run.page = await run.browser.newPage({ viewport: { width: 1280, height: 800 } }));
  lap('browserStart');

  // The workbench calls this when the extension host has run the tests: 0 means all passed.
  const exit = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number, logs: WorkbenchLog[]) => {
      run.workbenchLogs = logs ?? [];
      resolve(code);
    });
  });
  page.on('console', (message) => (run.relay = run.relay.then(() => relayConsole(run, message))));
  page.on('pageerror', (pageError) => run.browserLog.push(`[pageerror] ${pageError.stack ?? pageError.message}`));

  // Both paths must be vscode-remote URIs: bare paths leave the workbench looking for an extension
  // host that can launch the test runner, forever.
  const remote = (file: string) => `vscode-remote://127.0.0.1:${server.port}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(bundledIndex)],
    ['skipWelcome', 'true'],
  ];
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  const code = await exit;
  lap('tests');
  return code === 0 ? 'passed' : 'failed';
}

/**
 * The extension host's console arrives in the page as console.log('%c INFO', 'color: …', format,
 * ...args), as does the workbench's own log: print the lines index.ts marked as the extension
 * host's (all with GDH_E2E_VERBOSE=1); keep everything for the failure logs.
 */
async function relayConsole(run: Run, message: ConsoleMessage): Promise<void> {
  const args = (await Promise.all(message.args().map((arg) => arg.jsonValue())).catch(() => [message.text()])) as unknown[];
  const styled = typeof args[0] === 'string' && args[0].startsWith('%c');
  const text = styled ? format(...args.slice(2)) : format(...args);
  run.browserLog.push(`[${message.type()}]${styled ? String(args[0]).slice(2) : ''} ${text}`);
  if (text.startsWith(HOST_OUTPUT_MARK)) process.stdout.write(`${text.slice(HOST_OUTPUT_MARK.length)}\n`);
  else if (process.env.GDH_E2E_VERBOSE === '1') process.stdout.write(`[workbench] ${text}\n`);
}

async function keepEvidence(run: Run, resultsDir: string, error: string | undefined): Promise<void> {
  if (run.page) {
    await withTimeout(run.page.screenshot({ path: path.join(resultsDir, 'screenshot.png') }), 10_000).catch(() => undefined);
  }
  writeFileSync(path.join(resultsDir, 'code-server.log'), run.serverLog.join(''));
  writeFileSync(path.join(resultsDir, 'browser-console.log'), `${run.browserLog.join('\n')}\n${error ?? ''}\n`);
  for (const log of run.workbenchLogs) {
    const file = path.join(resultsDir, 'workbench-logs', log.relativePath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, log.contents);
  }
  // The server side's logs, among them the extension host's own.
  if (run.server) cpSync(path.join(run.server.userDataDir, 'logs'), path.join(resultsDir, 'server-logs'), { recursive: true, force: true });
}

function timer(timings: Record<string, number>): (name: string) => void {
  let last = Date.now();
  return (name) => {
    timings[name] = Date.now() - last;
    last = Date.now();
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let handle: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (handle = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(handle));
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function parseOptions(argv: string[]): HostRunOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      workspace: { type: 'string' },
      env: { type: 'string', multiple: true },
      grep: { type: 'string' },
      untrusted: { type: 'boolean' },
      timeout: { type: 'string' },
    },
  });
  const env: Record<string, string> = process.env.GDH_E2E_ENV ? (JSON.parse(process.env.GDH_E2E_ENV) as Record<string, string>) : {};
  for (const pair of values.env ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--env wants KEY=VALUE, got ${pair}`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const timeout = values.timeout ?? process.env.GDH_E2E_TIMEOUT;
  if (timeout && !(Number(timeout) > 0)) throw new Error(`--timeout wants seconds, got ${timeout}`);
  return {
    workspace: values.workspace ?? process.env.GDH_E2E_WORKSPACE,
    env,
    grep: values.grep ?? process.env.GDH_E2E_GREP,
    untrusted: values.untrusted ?? process.env.GDH_E2E_UNTRUSTED === '1',
    timeoutSeconds: timeout ? Number(timeout) : undefined,
  };
}

async function main(): Promise<number> {
  const result = await runHostTests(parseOptions(process.argv.slice(2)));
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const timings = Object.entries(result.timingsMs)
    .map(([name, ms]) => `${name} ${seconds(ms)}`)
    .join(', ');
  if (result.error) console.error(`\nhost tests: ${result.outcome}: ${result.error}`);
  if (result.exitCode !== 0) console.error(`Screenshot and logs: ${path.relative(process.cwd(), path.join(repoRoot, 'test-results/host'))}/`);
  console.log(`\nExtension-host tests in code-server: ${result.outcome} in ${seconds(result.durationMs)} (${timings})`);
  const { passed = 0, failed = 0, pending = 0 } = result.mocha ?? {};
  // The plain closing line that CI reads.
  console.log(`host: ${passed} passed, ${failed} failed, ${pending} skipped`);
  return result.exitCode;
}

if (require.main === module) {
  // Exit explicitly: a leftover handle (a browser pipe that did not close) must not keep us alive.
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
