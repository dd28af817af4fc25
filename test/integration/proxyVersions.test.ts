// After a proxy's 404 for a version, the engine asks go what the proxy has of the module
// (engine/proxyVersions.ts), with the real go against the lab's module proxy: the versions it lists
// rank the fixes, and a proxy whose version list never answers costs the diagnosis a bounded wait,
// not a hang, and leaves the plain order.

import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { diagnose } from '../../src/engine/diagnose';
import { createGoSandbox } from '../lab/goSandbox';
import { ModuleProxy } from '../lab/moduleProxy';
import { goModRequiring, HEALTHY } from '../lab/scenarios';

describe('a proxy 404 and what go lists of the module, with the real go', function () {
  this.timeout(60_000);
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function diagnoseMissingVersion(stallList: boolean) {
    const proxy = await ModuleProxy.start({ modules: [HEALTHY, { ...HEALTHY, version: 'v1.1.0' }] });
    if (stallList) proxy.addFault({ module: HEALTHY.path, file: 'list', fault: { kind: 'stall-headers' } });
    const sandbox = await createGoSandbox();
    // Where `go env -w` puts them, so the fixes are the ones a user gets.
    writeFileSync(sandbox.goenvFile, `GOPROXY=${proxy.url}\nGOSUMDB=off\n`);
    cleanups.push(async () => {
      await sandbox.cleanup();
      await proxy.close();
    });
    const root = sandbox.writeWorkspace('app', { 'go.mod': goModRequiring([{ path: HEALTHY.path, version: 'v1.9.9' }]) });
    const started = Date.now();
    const { report } = await diagnose({ root, env: sandbox.env, inactivitySeconds: 30 });
    const finding = report.findings.find((candidate) => candidate.module === HEALTHY.path);
    assert.ok(finding, JSON.stringify(report.findings));
    assert.equal(finding.class, 'proxy-not-found');
    return { finding, seconds: (Date.now() - started) / 1000 };
  }

  it('puts list-versions first, naming the newest version the proxy has, when it lists others', async () => {
    const { finding } = await diagnoseMissingVersion(false);
    assert.deepEqual(
      finding.fixes.map((fix) => fix.id),
      ['list-versions', 'goproxy-append-direct'],
    );
    assert.match(finding.message, /lists 2 other version\(s\) of example\.com\/healthy, the newest v1\.1\.0/);
  });

  it('gives up on a version list that never answers after 10 s, with the fixes in the plain order', async () => {
    const { finding, seconds } = await diagnoseMissingVersion(true);
    assert.ok(seconds < 25, `the diagnosis took ${seconds.toFixed(1)} s`);
    // The order without that evidence (a public-looking module: no GOPRIVATE).
    assert.deepEqual(
      finding.fixes.map((fix) => fix.id),
      ['goproxy-append-direct', 'list-versions'],
    );
  });
});
