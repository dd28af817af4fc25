// The extension-host suites against the module lab: starts the demo workspace's lab proxy and
// sandbox (test/lab/scenarios.ts), then runs the host tests in code-server — once trusted
// (features.test.ts, smoke.test.ts), once in Restricted Mode (untrusted.test.ts) — with the
// extension's Go pointed into the sandbox; then the load and fault suite (load.test.ts) in a
// workspace of its own (runLoad.ts). Prints one closing line for all runs.
// Then the health suite (health.test.ts) in the lab's health app.
//   tsx test/e2e/host/runWithLab.ts [--only trusted|untrusted|load|health] [--grep RE]

import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createGoSandbox, GO } from '../../lab/goSandbox';
import { HEALTH_MODULES, healthGoMod } from '../../lab/healthLab';
import { ModuleProxy } from '../../lab/moduleProxy';
import { DEMO, openScenario } from '../../lab/scenarios';
import { runHostTests, type HostRunResult } from './runHostTests';
import { PASSED_ON, runLoadHostTests } from './runLoad';

async function runOnce(untrusted: boolean, grep: string | undefined): Promise<HostRunResult> {
  const opened = await openScenario(DEMO);
  try {
    const settingsDir = path.join(opened.root, '.vscode');
    mkdirSync(settingsDir, { recursive: true });
    writeFileSync(
      path.join(settingsDir, 'settings.json'),
      // go.goroot, as a Go extension user sets it: the server resolves the extension host's PATH
      // from a login shell of the sandbox HOME, which does not know /usr/local/go/bin.
      `${JSON.stringify({ 'go.goroot': path.dirname(path.dirname(GO)), 'goDependencyHealth.stallTimeoutSeconds': DEMO.inactivitySeconds, 'goDependencyHealth.proxyChoices': [opened.env.GOPROXY, 'direct', 'off'] }, null, 2)}\n`,
    );
    const env: Record<string, string> = { GDH_E2E_LAB: '1' };
    for (const key of PASSED_ON) if (opened.env[key] !== undefined) env[key] = opened.env[key]!;
    return await runHostTests({ workspace: opened.root, env, untrusted, grep, resultsDir: path.join('test-results', untrusted ? 'host-untrusted' : 'host') });
  } finally {
    await opened.dispose();
  }
}

/** The health app (test/lab/healthLab.ts) served by its own lab proxy, in a sandbox of its own. */
async function runHealth(grep: string | undefined): Promise<HostRunResult> {
  const proxy = await ModuleProxy.start({ modules: HEALTH_MODULES });
  // No go.sum for the lab's modules: the checksum database is not asked (GOSUMDB=off).
  const sandbox = await createGoSandbox({ env: { GOPROXY: proxy.url, GOSUMDB: 'off' } });
  try {
    const root = sandbox.writeWorkspace('healthapp', {
      'go.mod': healthGoMod(),
      // Checked when the tests ask (and after a fix): opening go.mod for a hover starts no run under them.
      '.vscode/settings.json': `${JSON.stringify({ 'go.goroot': path.dirname(path.dirname(GO)), 'goDependencyHealth.runOn': 'manual' }, null, 2)}\n`,
    });
    const env: Record<string, string> = { GDH_E2E_HEALTH: '1', GOSUMDB: 'off' };
    for (const key of PASSED_ON) if (sandbox.env[key] !== undefined) env[key] = sandbox.env[key];
    return await runHostTests({ workspace: root, env, grep, resultsDir: path.join('test-results', 'host-health') });
  } finally {
    await sandbox.cleanup();
    await proxy.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, grep: { type: 'string' } } });
  const results: HostRunResult[] = [];
  const only = values.only;
  if (only !== undefined && !['trusted', 'untrusted', 'load', 'health'].includes(only))
    throw new Error(`--only wants trusted, untrusted, load or health, got ${only}`);
  if (only === undefined || only === 'trusted') results.push(await runOnce(false, values.grep));
  if (only === undefined || only === 'untrusted') results.push(await runOnce(true, values.grep));
  if (only === undefined || only === 'load') results.push(await runLoadHostTests({ grep: values.grep }));
  if (only === undefined || only === 'health') results.push(await runHealth(values.grep));
  const sum = (key: 'passed' | 'failed') => results.reduce((total, result) => total + (result.mocha?.[key] ?? 0), 0);
  for (const result of results) if (result.error) console.error(`host tests: ${result.outcome}: ${result.error}`);
  console.log(`extension host (trusted + untrusted + load + health): ${sum('passed')} passed, ${sum('failed')} failed`);
  return results.every((result) => result.exitCode === 0) ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
