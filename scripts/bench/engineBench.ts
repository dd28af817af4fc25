// A full diagnosis against a bare `go mod download -x -json` of the same module graph: several
// hundred modules served by the lab (in a process of its own), an empty module cache every time,
// the two alternating (go first in even pairs, the engine first in odd ones) after one warm-up
// pair. Each pair gives a ratio (its two runs are seconds apart, so they see the same machine);
// the median of those ratios is reported. On these machines a run can take 2 s one minute and 5 s
// a few minutes later: a ratio of medians taken across the whole run would mostly measure that.

import { spawn } from 'node:child_process';
import { failureText, runProcess, succeeded } from '../../src/engine/processes';
import { once } from 'node:events';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { diagnose } from '../../src/engine/diagnose';
import { createGoSandbox, GO, type GoSandbox } from '../../test/lab/goSandbox';
import { goModRequiring } from '../../test/lab/scenarios';
import { benchModules } from './labServer';

export interface EngineResult {
  modules: number;
  pairs: number;
  goSeconds: number[];
  engineSeconds: number[];
  goMedianSeconds: number;
  engineMedianSeconds: number;
  /** engine ÷ go within each pair. */
  pairRatios: number[];
  engineVsGo: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export interface Lab {
  url: string;
  goSum: string;
  stop(): Promise<void>;
}

/** The bench's module proxy, in a process of its own (labServer.ts); `health` serves the health pass's modules too. */
export async function startLab(modules: number, kind: 'download' | 'health' = 'download'): Promise<Lab> {
  const args = [path.join(__dirname, 'labServer.ts'), String(modules), ...(kind === 'health' ? ['health'] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  const { url, goSum } = JSON.parse(first) as { url: string; goSum: string };
  return {
    url,
    goSum,
    async stop() {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

async function workspace(lab: Lab, modules: number): Promise<{ sandbox: GoSandbox; root: string }> {
  // GONOSUMDB: go.sum has every hash, and nothing may ever ask the real checksum database.
  const sandbox = await createGoSandbox({ env: { GOPROXY: lab.url, GONOSUMDB: 'bench.example' } });
  const root = sandbox.writeWorkspace('app', { 'go.mod': goModRequiring(benchModules(modules)), 'go.sum': lab.goSum });
  return { sandbox, root };
}

/**
 * A bare `go mod download`, started as every process of this tool is (processes.ts: a session of its
 * own, like a terminal command): with the kernel's autogroup scheduling, a go started in the
 * benchmark's own session is favoured on a loaded machine, which skewed the ratio.
 */
async function timeBareGo(root: string, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const result = await runProcess({
    command: GO,
    args: ['mod', 'download', '-x', '-json'],
    cwd: root,
    env,
    onStdout: () => undefined,
    onStderr: () => undefined,
  });
  const seconds = (performance.now() - started) / 1000;
  if (!succeeded(result)) throw new Error(`go mod download failed: ${failureText(result, 'go mod download')}`);
  return seconds;
}

async function timeEngine(root: string, env: Record<string, string>, modules: number, expected: 'ok' | 'cached'): Promise<number> {
  const started = performance.now();
  const { report } = await diagnose({ root, env, inactivitySeconds: 120 });
  const seconds = (performance.now() - started) / 1000;
  const fetched = report.modules.filter((module) => module.status === expected).length;
  if (fetched !== modules || report.findings.length > 0)
    throw new Error(
      `the diagnosis found ${fetched} of ${modules} modules ${expected}, findings: ${report.findings.map((finding) => finding.class).join(', ')}`,
    );
  return seconds;
}

async function bareGo(lab: Lab, modules: number): Promise<number> {
  const { sandbox, root } = await workspace(lab, modules);
  try {
    return await timeBareGo(root, sandbox.env);
  } finally {
    await sandbox.cleanup();
  }
}

async function engine(lab: Lab, modules: number): Promise<number> {
  const { sandbox, root } = await workspace(lab, modules);
  try {
    return await timeEngine(root, sandbox.env, modules, 'ok');
  } finally {
    await sandbox.cleanup();
  }
}

export interface WarmResult {
  modules: number;
  pairs: number;
  goSeconds: number[];
  engineSeconds: number[];
  /** engine − go within each pair. */
  pairOverheads: number[];
  warmOverheadSeconds: number;
}

/**
 * A full module cache: one sandbox is filled once, then a bare `go mod download -x -json` and a
 * full diagnosis take turns on it (alternating which goes first). What the engine adds to go when
 * there is nothing to download — go env, the copy of go.mod, reading the trace, the report — is the
 * difference within each pair; the median of those is reported.
 */
export async function benchWarmOverhead(options: { modules: number; pairs: number; log: (line: string) => void }): Promise<WarmResult> {
  const lab = await startLab(options.modules);
  const { sandbox, root } = await workspace(lab, options.modules);
  const goSeconds: number[] = [];
  const engineSeconds: number[] = [];
  try {
    await timeBareGo(root, sandbox.env); // fills the module cache
    for (let pair = -1; pair < options.pairs; pair++) {
      const goFirst = pair % 2 === 0;
      const first = goFirst ? await timeBareGo(root, sandbox.env) : await timeEngine(root, sandbox.env, options.modules, 'cached');
      const second = goFirst ? await timeEngine(root, sandbox.env, options.modules, 'cached') : await timeBareGo(root, sandbox.env);
      const [go, diagnosis] = goFirst ? [first, second] : [second, first];
      options.log(`  ${pair < 0 ? 'warm-up' : `pair ${pair + 1}/${options.pairs}`}: go ${go.toFixed(3)} s, engine ${diagnosis.toFixed(3)} s`);
      if (pair < 0) continue;
      goSeconds.push(go);
      engineSeconds.push(diagnosis);
    }
  } finally {
    await sandbox.cleanup();
    await lab.stop();
  }
  const pairOverheads = engineSeconds.map((seconds, pair) => seconds - goSeconds[pair]!);
  return { modules: options.modules, pairs: options.pairs, goSeconds, engineSeconds, pairOverheads, warmOverheadSeconds: median(pairOverheads) };
}

export async function benchEngineVsGo(options: { modules: number; pairs: number; log: (line: string) => void }): Promise<EngineResult> {
  const lab = await startLab(options.modules);
  const goSeconds: number[] = [];
  const engineSeconds: number[] = [];
  try {
    for (let pair = -1; pair < options.pairs; pair++) {
      const goFirst = pair % 2 === 0;
      const first = goFirst ? await bareGo(lab, options.modules) : await engine(lab, options.modules);
      const second = goFirst ? await engine(lab, options.modules) : await bareGo(lab, options.modules);
      const [go, diagnosis] = goFirst ? [first, second] : [second, first];
      options.log(`  ${pair < 0 ? 'warm-up' : `pair ${pair + 1}/${options.pairs}`}: go ${go.toFixed(2)} s, engine ${diagnosis.toFixed(2)} s`);
      if (pair < 0) continue;
      goSeconds.push(go);
      engineSeconds.push(diagnosis);
    }
  } finally {
    await lab.stop();
  }
  const goMedianSeconds = median(goSeconds);
  const engineMedianSeconds = median(engineSeconds);
  const pairRatios = engineSeconds.map((seconds, pair) => seconds / goSeconds[pair]!);
  return {
    modules: options.modules,
    pairs: options.pairs,
    goSeconds,
    engineSeconds,
    goMedianSeconds,
    engineMedianSeconds,
    pairRatios,
    engineVsGo: median(pairRatios),
  };
}
