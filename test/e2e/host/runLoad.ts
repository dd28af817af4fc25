// The load and fault suite (load.test.ts) in a code-server workspace of its own: a lab proxy
// serving the modules of 20 module roots, one whose zip stalls once, and one go.mod of 2,000
// requirements (every 20th served, the rest missing); fake `go` programs (fixtures/fake-go) as
// GOROOTs the tests switch to. The workspace starts without any go.mod, so the extension is not
// active until the first test activates it and times that; the tests then write the roots into
// it. The workspace checks only when asked (runOn: manual): the file watcher still finds the new
// roots, but its events (late ones too, on a busy machine) cannot start a run of their own in the
// middle of a test; each test starts its runs itself. What the tests need (paths, file contents)
// is handed over in a JSON plan file.
//   tsx test/e2e/host/runLoad.ts [--grep RE]

import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createGoSandbox, GO } from '../../lab/goSandbox';
import { ModuleProxy, type LabModule } from '../../lab/moduleProxy';
import { goModRequiring, HEALTHY } from '../../lab/scenarios';
import { runHostTests, type HostRunResult } from './runHostTests';
import { repoRoot } from './support';

/** What the extension host needs from the sandbox: Go's and git's settings, nothing else. */
export const PASSED_ON = ['GOPROXY', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GOENV', 'GOTOOLCHAIN', 'GOFLAGS', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'HOME'];

export const LOAD_RESULTS = path.join(repoRoot, 'test-results', 'host-load');
/** Where the activation test writes its timing (`npm run bench` reads it). */
export const ACTIVATION_FILE = path.join(LOAD_RESULTS, 'activation.json');
/** Where the save-storm test writes its count of runs (`npm run bench` reads it). */
export const SAVE_STORM_FILE = path.join(LOAD_RESULTS, 'save-storm.json');

export const FAKE_GOS = ['garbage', 'hang', 'exit', 'huge-line'] as const;

export interface RootPlan {
  dir: string;
  files: Record<string, string>;
}

/** Handed to load.test.ts through GDH_E2E_LOAD_PLAN. */
/** Every root lies in the workspace; the tests write them. */
export interface LoadPlan {
  roots: RootPlan[];
  stallRoot: RootPlan & { module: string };
  /** The root the save storm edits: created by that test alone, so no other test's file events reach it. */
  stormRoot: RootPlan;
  bigRoot: RootPlan & { requirements: number; missing: number };
  faultRoot: RootPlan;
  realGoroot: string;
  fakeGoroots: Record<(typeof FAKE_GOS)[number], string>;
  pidFile: string;
  /** A FIFO the 5 MB-line go waits on before it ends its line (fixtures/fake-go/huge-line.sh). */
  releaseFifo: string;
  stallLimitSeconds: number;
}

const ROOTS = 20;
const BIG = 2_000;
const STALL_LIMIT = 3;

function rootModule(index: number): LabModule {
  return { path: `load.example/r${String(index).padStart(2, '0')}`, version: 'v1.0.0', files: { 'r.go': `package r\n\nconst N = ${index}\n` } };
}

function bigModule(index: number): LabModule {
  return { path: `load.example/big/m${String(index).padStart(4, '0')}`, version: 'v1.0.0', files: { 'm.go': 'package m\n' } };
}

export async function runLoadHostTests(options: { grep?: string } = {}): Promise<HostRunResult> {
  const sandbox = await createGoSandbox();
  const slow: LabModule = { path: 'load.example/slow', version: 'v1.0.0', files: { 'slow.go': `package slow\n\n// ${'padding '.repeat(4000)}\n` } };
  const big = Array.from({ length: BIG }, (_, index) => bigModule(index));
  const served = big.filter((_, index) => index % 20 === 0);
  const roots = Array.from({ length: ROOTS }, (_, index) => rootModule(index + 1));
  const proxy = await ModuleProxy.start({ modules: [HEALTHY, slow, ...roots, ...served], sumdb: { mode: 'not-found' } });
  // The first run of the stall root stalls mid-body (the test kills it there); later ones go through.
  proxy.addFault({ module: slow.path, file: 'zip', fault: { kind: 'stall-body', afterBytes: 200 }, times: 1 });
  try {
    const sums = (modules: LabModule[]) => modules.flatMap((module) => proxy.goSumLines(module.path, module.version)).join('\n') + '\n';
    const workspace = sandbox.writeWorkspace('load', {
      '.vscode/settings.json': `${JSON.stringify({ 'go.goroot': path.dirname(path.dirname(GO)), 'goDependencyHealth.stallTimeoutSeconds': 15, 'goDependencyHealth.runOn': 'manual' }, null, 2)}\n`,
      'README.txt': 'The extension-host load tests write go.mod files here as they go.\n',
    });
    const fakeGoroots = Object.fromEntries(
      FAKE_GOS.map((name) => {
        const goroot = path.join(sandbox.dir, 'fake-go', name);
        mkdirSync(path.join(goroot, 'bin'), { recursive: true });
        const go = path.join(goroot, 'bin', 'go');
        copyFileSync(path.join(__dirname, 'fixtures', 'fake-go', `${name}.sh`), go);
        chmodSync(go, 0o755); // whatever mode the checkout gave the fixture
        return [name, goroot];
      }),
    ) as LoadPlan['fakeGoroots'];
    const root = (name: string, files: Record<string, string>): RootPlan => ({ dir: path.join(workspace, name), files });
    const plan: LoadPlan = {
      roots: roots.map((module, index) =>
        root(`roots/r${String(index + 1).padStart(2, '0')}`, { 'go.mod': goModRequiring([HEALTHY, module]), 'go.sum': sums([HEALTHY, module]) }),
      ),
      stallRoot: { ...root('stall', { 'go.mod': goModRequiring([slow]), 'go.sum': sums([slow]) }), module: slow.path },
      bigRoot: { ...root('big', { 'go.mod': goModRequiring(big), 'go.sum': sums(served) }), requirements: BIG, missing: BIG - served.length },
      faultRoot: root('faults', { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': sums([HEALTHY]) }),
      stormRoot: root('storm', { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': sums([HEALTHY]) }),
      realGoroot: path.dirname(path.dirname(GO)),
      fakeGoroots,
      pidFile: path.join(sandbox.dir, 'fake-go', 'pids'),
      releaseFifo: path.join(sandbox.dir, 'fake-go', 'release'),
      stallLimitSeconds: STALL_LIMIT,
    };
    execFileSync('mkfifo', [plan.releaseFifo]);
    const planFile = path.join(sandbox.dir, 'load-plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    mkdirSync(LOAD_RESULTS, { recursive: true });
    const env: Record<string, string> = {
      GDH_E2E_LOAD: '1',
      GDH_E2E_LOAD_PLAN: planFile,
      GDH_E2E_ACTIVATION_OUT: ACTIVATION_FILE,
      GDH_E2E_SAVE_STORM_OUT: SAVE_STORM_FILE,
      GOPROXY: proxy.url,
    };
    for (const key of PASSED_ON) if (key !== 'GOPROXY' && sandbox.env[key] !== undefined) env[key] = sandbox.env[key]!;
    return await runHostTests({ workspace, env, grep: options.grep, resultsDir: LOAD_RESULTS, timeoutSeconds: 300 });
  } finally {
    await proxy.close();
    await sandbox.cleanup();
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { grep: { type: 'string' } } });
  runLoadHostTests({ grep: values.grep }).then(
    (result) => {
      console.log(
        `load suite: ${result.outcome}, ${result.mocha?.passed ?? 0} passed, ${result.mocha?.failed ?? 0} failed in ${(result.durationMs / 1000).toFixed(1)} s`,
      );
      process.exit(result.exitCode);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
