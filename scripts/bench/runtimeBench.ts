// Behaviours measured with the real engine against the lab: how soon after its last byte a
// stalled body becomes a `stall` finding, that a body arriving slowly but steadily never does, and
// how many `go` runs a storm of go.mod saves costs (RunScheduler with the editor's own debounce,
// SAVE_DEBOUNCE_MS).

import { appendFile } from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { diagnose } from '../../src/engine/diagnose';
import { RunScheduler, SAVE_DEBOUNCE_MS } from '../../src/engine/runScheduler';
import { createGoSandbox } from '../../test/lab/goSandbox';
import { ModuleProxy } from '../../test/lab/moduleProxy';
import { BULKY_PATH, goModRequiring, HEALTHY, openScenario, SLOW, slowLinkScenario } from '../../test/lab/scenarios';

export interface StallResult {
  stallTimeoutSeconds: number;
  stallDiagnosisSeconds: number;
  finding: string;
}

export async function benchStall(limitSeconds: number): Promise<StallResult> {
  const proxy = await ModuleProxy.start({ modules: [HEALTHY, SLOW] });
  proxy.addFault({ module: SLOW.path, file: 'zip', fault: { kind: 'stall-body', afterBytes: 200 } });
  const sandbox = await createGoSandbox({ env: { GOPROXY: proxy.url, GONOSUMDB: 'example.com' } });
  try {
    const goSum = [...proxy.goSumLines(HEALTHY.path, HEALTHY.version), ...proxy.goSumLines(SLOW.path, SLOW.version)].join('\n') + '\n';
    const root = sandbox.writeWorkspace('app', { 'go.mod': goModRequiring([HEALTHY, SLOW]), 'go.sum': goSum });
    let lastByteAt: number | undefined;
    // Resolves once the first 200 bytes of the zip are on the wire: the last bytes go will get.
    void proxy.waitForStall(`/${SLOW.path}/@v/${SLOW.version}.zip`).then(() => (lastByteAt = performance.now()));
    const { report } = await diagnose({ root, env: sandbox.env, inactivitySeconds: limitSeconds });
    const foundAt = performance.now();
    const stall = report.findings.find((finding) => finding.class === 'stall' && finding.module === SLOW.path);
    if (!stall || lastByteAt === undefined) throw new Error(`no stall finding for ${SLOW.path}: ${report.findings.map((finding) => finding.class).join(', ')}`);
    return { stallTimeoutSeconds: limitSeconds, stallDiagnosisSeconds: (foundAt - lastByteAt) / 1000, finding: stall.message };
  } finally {
    await proxy.close();
    await sandbox.cleanup();
  }
}

export interface SlowBodyResult {
  stallTimeoutSeconds: number;
  zipBytes: number;
  bytesPerSecond: number;
  /** Stall findings for a body that never stopped arriving: must be 0. */
  slowBodyFalseStalls: number;
  /** The module's status in the report (ok when the whole body arrived). */
  status: string | null;
  diagnosisSeconds: number;
}

/**
 * A zip served at a steady rate for much longer than the inactivity limit (go prints nothing while
 * it arrives): the diagnosis must wait for it and report no stall.
 */
export async function benchSlowBody(options: { limitSeconds: number; bytesPerSecond: number; seconds: number }): Promise<SlowBodyResult> {
  const zipBytes = options.bytesPerSecond * options.seconds;
  const chosen = slowLinkScenario({ zipBytes, bytesPerSecond: options.bytesPerSecond, inactivitySeconds: options.limitSeconds });
  const opened = await openScenario(chosen);
  try {
    const started = performance.now();
    const { report } = await diagnose({ root: opened.root, env: opened.env, inactivitySeconds: options.limitSeconds });
    return {
      stallTimeoutSeconds: options.limitSeconds,
      zipBytes,
      bytesPerSecond: options.bytesPerSecond,
      slowBodyFalseStalls: report.findings.filter((finding) => finding.class === 'stall').length,
      status: report.modules.find((module) => module.path === BULKY_PATH)?.status ?? null,
      diagnosisSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await opened.dispose();
  }
}

export interface StormResult {
  saves: number;
  withinSeconds: number;
  debounceMs: number;
  saveStormRuns: number;
  diagnoses: number;
}

export async function benchSaveStorm(options: { saves: number; withinSeconds: number }): Promise<StormResult> {
  const proxy = await ModuleProxy.start({ modules: [HEALTHY] });
  const sandbox = await createGoSandbox({ env: { GOPROXY: proxy.url, GONOSUMDB: 'example.com' } });
  try {
    const root = sandbox.writeWorkspace('app', {
      'go.mod': goModRequiring([HEALTHY]),
      'go.sum': proxy.goSumLines(HEALTHY.path, HEALTHY.version).join('\n') + '\n',
    });
    let goRuns = 0;
    const scheduler = new RunScheduler(async (moduleRoot, signal) => {
      await diagnose({ root: moduleRoot, env: sandbox.env, inactivitySeconds: 30, signal, onSpawn: () => goRuns++ });
    }, SAVE_DEBOUNCE_MS);
    const gap = (options.withinSeconds * 1000) / options.saves;
    for (let save = 0; save < options.saves; save++) {
      await appendFile(path.join(root, 'go.mod'), '\n');
      scheduler.request(root);
      await sleep(gap);
    }
    await scheduler.idle();
    scheduler.dispose();
    return {
      saves: options.saves,
      withinSeconds: options.withinSeconds,
      debounceMs: SAVE_DEBOUNCE_MS,
      saveStormRuns: goRuns,
      diagnoses: scheduler.runsStarted,
    };
  } finally {
    await proxy.close();
    await sandbox.cleanup();
  }
}
