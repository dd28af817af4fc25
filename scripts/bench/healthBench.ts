// The health pass against a bare `go list -m -u -json all` of the same module graph: several
// hundred modules served by the lab (in a process of its own; three versions each, every tenth
// retracting the required one, every seventh deprecated), the module cache warm (downloaded once
// before), the health pass's own cache empty each time (so it does its real work), alternating
// which goes first after one warm-up pair; the median of the pairs' ratios. Then the time the pass
// adds to a diagnosis when everything is warm (the module cache and the pass's cache, as on a
// second save): the median of several passes right after a warm diagnosis.

import { diagnose, type Diagnosis } from '../../src/engine/diagnose';
import { checkHealth } from '../../src/engine/health';
import { HealthCache } from '../../src/engine/healthCache';
import { failureText, runProcess, succeeded } from '../../src/engine/processes';
import { startLab } from './engineBench';
import { createGoSandbox, GO } from '../../test/lab/goSandbox';
import { healthGoMod, manyHealthModules } from '../../test/lab/healthLab';

export interface HealthBenchResult {
  modules: number;
  pairs: number;
  goListSeconds: number[];
  healthSeconds: number[];
  pairRatios: number[];
  healthVsGoList: number;
  /** Download diagnosis alone, warm, and the health pass after it with its cache warm. */
  warmDiagnosisSeconds: number;
  healthExtraSeconds: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The bare `go list -m -u -json all`, on the app's own go.mod, started as this tool starts every
 * process (processes.ts: a session of its own, as a command typed in a terminal has): with the
 * kernel's autogroup scheduling, a process in the benchmark's own session would share its CPU
 * share with nothing, while the pass's go runs in a session of its own, and on a loaded machine
 * that alone moved the ratio by 0.2.
 */
async function goList(root: string, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const result = await runProcess({ command: GO, args: ['list', '-m', '-u', '-json', 'all'], cwd: root, env, onStdout: () => undefined });
  if (!succeeded(result)) throw new Error(`go list -m -u failed: ${failureText(result, 'go list')}`);
  return (performance.now() - started) / 1000;
}

async function healthPass(diagnosis: Diagnosis, env: Record<string, string>, cache: HealthCache, expected: number): Promise<number> {
  const started = performance.now();
  // As the CLI and the editor run it: right after the diagnosis, with the module graph it read.
  const checked = await checkHealth({ report: diagnosis.report, graph: diagnosis.graph, env, inactivitySeconds: 120, cache });
  const seconds = (performance.now() - started) / 1000;
  const answered = checked.health?.modules.filter((module) => module.status === 'ok').length ?? 0;
  if (answered !== expected) throw new Error(`the health pass answered for ${answered} of ${expected} modules: ${checked.health?.error ?? ''}`);
  return seconds;
}

export async function benchHealth(options: { modules: number; pairs: number; log: (line: string) => void }): Promise<HealthBenchResult> {
  const lab = await startLab(options.modules, 'health');
  const { requires } = manyHealthModules(options.modules);
  // GONOSUMDB: go.sum has every hash the app needs, and nothing may ever ask the real checksum database.
  const sandbox = await createGoSandbox({ env: { GOPROXY: lab.url, GONOSUMDB: 'example.com/bulk' } });
  try {
    const root = sandbox.writeWorkspace('app', { 'go.mod': healthGoMod(requires), 'go.sum': lab.goSum });
    const diagnosis = await diagnose({ root, env: sandbox.env, inactivitySeconds: 120 }); // warms the module cache
    const goListSeconds: number[] = [];
    const healthSeconds: number[] = [];
    for (let pair = -1; pair < options.pairs; pair++) {
      const listFirst = pair % 2 === 0;
      const runList = () => goList(root, sandbox.env);
      const runHealth = () => healthPass(diagnosis, sandbox.env, new HealthCache(null), options.modules);
      const first = listFirst ? await runList() : await runHealth();
      const second = listFirst ? await runHealth() : await runList();
      const [list, health] = listFirst ? [first, second] : [second, first];
      options.log(`  ${pair < 0 ? 'warm-up' : `pair ${pair + 1}/${options.pairs}`}: go list -m -u ${list.toFixed(2)} s, health pass ${health.toFixed(2)} s`);
      if (pair < 0) continue;
      goListSeconds.push(list);
      healthSeconds.push(health);
    }
    // Warm: the pass's cache holds every answer (a second save within the hour).
    const cache = new HealthCache(null);
    await healthPass(diagnosis, sandbox.env, cache, options.modules);
    const diagnoses: number[] = [];
    const extras: number[] = [];
    for (let round = 0; round < Math.max(3, options.pairs); round++) {
      const started = performance.now();
      const warm = await diagnose({ root, env: sandbox.env, inactivitySeconds: 120 });
      diagnoses.push((performance.now() - started) / 1000);
      extras.push(await healthPass(warm, sandbox.env, cache, options.modules));
    }
    options.log(
      `  warm: diagnosis ${median(diagnoses).toFixed(2)} s, then the health pass ${median(extras).toFixed(2)} s (cached answers, the diagnosis's graph: nothing left to ask go)`,
    );
    const pairRatios = healthSeconds.map((seconds, pair) => seconds / goListSeconds[pair]!);
    return {
      modules: options.modules,
      pairs: options.pairs,
      goListSeconds,
      healthSeconds,
      pairRatios,
      healthVsGoList: median(pairRatios),
      warmDiagnosisSeconds: median(diagnoses),
      healthExtraSeconds: median(extras),
    };
  } finally {
    await sandbox.cleanup();
    await lab.stop();
  }
}

if (require.main === module)
  void benchHealth({ modules: Number(process.argv[2] ?? 400), pairs: Number(process.argv[3] ?? 5), log: (line) => process.stderr.write(`${line}\n`) }).then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
  );
