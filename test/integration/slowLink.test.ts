// A slow link with the real go: go prints nothing while a body arrives, so silence in its trace is
// not a stall. A body that keeps arriving, however slowly, must finish; one that stops must still be
// named within the limit (plus a second), with what arrived before it stopped.

import { strict as assert } from 'node:assert';
import type { Report } from '../../src/core/types';
import { diagnose } from '../../src/engine/diagnose';
import { goVersionsUnderTest } from '../lab/goVersions';
import { BULKY_PATH, HEALTHY, openScenario, slowLinkScenario } from '../lab/scenarios';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const statusOf = (report: Report, modulePath: string) => report.modules.find((module) => module.path === modulePath)?.status;

for (const go of goVersionsUnderTest().gos)
  describe(`a slow link with the real go (${go.label})`, function () {
    this.timeout(60_000);

    it('lets a body that arrives slowly but steadily finish, however long go stays silent', async () => {
      // 48 kB at 12 kB/s: four seconds of silence from go, four times the inactivity limit.
      const chosen = slowLinkScenario({ zipBytes: 48_000, bytesPerSecond: 12_000, inactivitySeconds: 1 });
      const opened = await openScenario(chosen, { go: go.bin });
      cleanups.push(opened.dispose);
      const started = performance.now();
      const { report, end } = await diagnose({ root: opened.root, env: opened.env, inactivitySeconds: chosen.inactivitySeconds! });
      const seconds = (performance.now() - started) / 1000;
      assert.deepEqual(
        report.findings.map((finding) => `${finding.class}: ${finding.message}`),
        [],
      );
      assert.deepEqual(end, { kind: 'exited', exitCode: 0 });
      assert.equal(statusOf(report, BULKY_PATH), 'ok');
      assert.equal(statusOf(report, HEALTHY.path), 'ok');
      assert.ok(seconds > 3, `the body took ${seconds.toFixed(1)} s: longer than the limit, or this proves nothing`);
    });

    it('names a body that stops after a slow start within the limit plus a second, with the bytes and throughput it saw', async () => {
      const chosen = slowLinkScenario({ zipBytes: 48_000, bytesPerSecond: 12_000, stopAfterBytes: 18_000, inactivitySeconds: 1 });
      const opened = await openScenario(chosen, { go: go.bin });
      cleanups.push(opened.dispose);
      let lastByteAt: number | undefined;
      void opened.prepared.proxies[0]!.waitForStall(`${BULKY_PATH}@v1.0.0`).then(() => (lastByteAt = performance.now()));
      const { report } = await diagnose({ root: opened.root, env: opened.env, inactivitySeconds: chosen.inactivitySeconds! });
      const foundAt = performance.now();
      assert.ok(lastByteAt !== undefined, 'the proxy sent its last bytes');
      const stalls = report.findings.filter((finding) => finding.class === 'stall');
      assert.equal(stalls.length, 1, JSON.stringify(report.findings.map((finding) => [finding.class, finding.message])));
      const stall = stalls[0]!;
      assert.equal(stall.module, BULKY_PATH);
      assert.equal(statusOf(report, BULKY_PATH), 'stalled');
      const afterLastByte = (foundAt - lastByteAt) / 1000;
      assert.ok(afterLastByte <= chosen.inactivitySeconds! + 1, `named ${afterLastByte.toFixed(2)} s after the last byte`);
      // 18,000 bytes arrived, at about 12 kB/s, before the body stopped.
      assert.match(stall.message, /18(\.0)? kB of its body arrived/);
      assert.match(stall.message, /1[0-3](\.\d)? kB\/s/);
    });
  });
