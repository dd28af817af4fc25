// The test runner the extension host loads (`extensionTestsPath`): runs mocha over the bundled
// *.test.js files next to it. The host reports pass/fail from run()'s promise; the details go to
// the console (relayed by the launcher) and to a JSON file for machines.
import { readdirSync, writeFileSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

// mocha 12 is an ES module; this is its CommonJS entry, loadable with require() on any Node the
// extension host runs (code-server's Node 24, the desktop's Electron Node).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would bundle mocha's ES module entry, which the extension host cannot load
const Mocha = require('mocha/lib/mocha.cjs') as typeof import('mocha');

interface TestResult {
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

/**
 * In code-server the extension host's console reaches the launcher through the workbench's log,
 * mixed with the workbench's own chatter: the launcher asks (GDH_E2E_OUTPUT_MARK) for a prefix on
 * every line it should print. The desktop host prints the console as it is.
 */
function markConsole(mark: string): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const descriptors = methods.map((name) => Object.getOwnPropertyDescriptor(console, name));
  methods.forEach((name) => {
    const forward = console[name].bind(console);
    const marked = (...args: unknown[]) => forward(mark + format(...args));
    // The extension host made these getters with a setter that ignores assignments.
    Object.defineProperty(console, name, { configurable: true, get: () => marked, set: () => undefined });
  });
  // Reporters print through the console.log that mocha saved when it loaded.
  const base = Mocha.reporters.Base as unknown as { consoleLog: typeof console.log };
  const mochaLog = base.consoleLog;
  base.consoleLog = console.log;
  return () => {
    methods.forEach((name, index) => Object.defineProperty(console, name, descriptors[index]!));
    base.consoleLog = mochaLog;
  };
}

/**
 * Points a stack at the .ts lines. Node would do it by itself, but the extension host replaces
 * Error.prepareStackTrace, which turns Node's own mapping off; the bundles carry inline maps.
 */
function mapStack(stack: string): string {
  // Mocha has already made the paths relative to the working folder.
  return stack.replace(/([^\s()]+\.js):(\d+):(\d+)/g, (whole, file: string, line: string, column: string) => {
    const origin = findSourceMap(path.resolve(file))?.findOrigin(Number(line), Number(column));
    if (!origin || !('fileName' in origin)) return whole;
    const source = origin.fileName.startsWith('file:') ? fileURLToPath(origin.fileName) : origin.fileName;
    return `${path.relative(process.cwd(), source)}:${origin.lineNumber}:${origin.columnNumber}`;
  });
}

export function run(): Promise<void> {
  // Names as in support.ts (not imported from there: that would bundle esbuild into the host).
  const resultsFile = process.env.GDH_E2E_RESULTS;
  const grep = process.env.GDH_E2E_GREP;
  const mark = process.env.GDH_E2E_OUTPUT_MARK;
  process.setSourceMapsEnabled(true); // so that findSourceMap knows the test files (see mapStack)
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, forbidOnly: true });
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }

  const unmarkConsole = mark ? markConsole(mark) : () => undefined;
  const results: TestResult[] = [];
  const started = Date.now();
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const noTest = failures === 0 && !results.some((result) => result.state === 'passed');
      if (noTest) console.error(grep ? `No test matches ${grep}` : 'No test ran');
      unmarkConsole();
      if (resultsFile) {
        const count = (state: TestResult['state']) => results.filter((result) => result.state === state).length;
        const summary = { passed: count('passed'), failed: count('failed'), pending: count('pending'), durationMs: Date.now() - started, tests: results };
        writeFileSync(resultsFile, JSON.stringify(summary, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else if (noTest)
        reject(new Error('no test ran')); // a typo in a grep must not pass
      else resolve();
    });
    runner.on('pass', (test) => results.push({ fullTitle: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('pending', (test) => results.push({ fullTitle: test.fullTitle(), state: 'pending' }));
    // Also fires for hooks (before/after), which then count as the failure they are.
    runner.on('fail', (test, error: Error) => {
      if (error.stack) error.stack = mapStack(error.stack); // before the reporter prints it at the end
      results.push({ fullTitle: test.fullTitle(), state: 'failed', durationMs: test.duration, error: error.stack ?? String(error) });
    });
  }).catch((error: unknown) => {
    unmarkConsole(); // idempotent; also when a test file threw while loading
    throw error;
  });
}
