// The one fix that writes go.mod and go.sum — `go get module@version` — with the real go (1.26 and
// 1.21) against the health lab: the preview is the exact diff of both files (made on copies, the
// user's files untouched), the fix applied through the shared FixSession and its journal, a fresh
// pass no longer finds the retraction, and undo restores both files byte for byte — or refuses,
// touching nothing, when they changed after the upgrade.

import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { upgradeModule } from '../../src/core/fixes';
import { previewLines, type FixPreview } from '../../src/core/fixRender';
import type { PlannedFix } from '../../src/core/types';
import { FixError, previewFix } from '../../src/engine/applyFix';
import { diagnose } from '../../src/engine/diagnose';
import { FixSession } from '../../src/engine/fixSession';
import { checkHealth } from '../../src/engine/health';
import { HealthCache } from '../../src/engine/healthCache';
import { UndoJournal } from '../../src/engine/undoJournal';
import { createGoSandbox } from '../lab/goSandbox';
import { goVersionsUnderTest } from '../lab/goVersions';
import { HEALTH_MODULES, MAJORS, RETRACTED } from '../lab/healthLab';
import { ModuleProxy } from '../lab/moduleProxy';

// Odd spacing and a comment go's formatter would not keep: undo must bring back these exact bytes.
const GO_MOD = `module example.com/upgradeapp\n\ngo 1.21\n\n// pinned on purpose\nrequire   ${RETRACTED}   v1.1.0\nrequire ${MAJORS} v1.0.0\n`;

for (const go of goVersionsUnderTest().gos) {
  describe(`upgrade with go get (${go.label})`, function () {
    this.timeout(90_000);
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
    });

    async function open() {
      const proxy = await ModuleProxy.start({ modules: HEALTH_MODULES });
      const sandbox = await createGoSandbox({ go: go.bin, env: { GOPROXY: proxy.url, GOSUMDB: 'off' } });
      cleanups.push(async () => {
        await sandbox.cleanup();
        await proxy.close();
      });
      const goSum = [...proxy.goSumLines(RETRACTED, 'v1.1.0'), ...proxy.goSumLines(MAJORS, 'v1.0.0'), ''].join('\n');
      const root = sandbox.writeWorkspace('app', { 'go.mod': GO_MOD, 'go.sum': goSum });
      const context = { goPath: go.bin, env: sandbox.env, cwd: root };
      const session = new FixSession(context, new UndoJournal(path.join(sandbox.dir, 'undo.json')));
      const healthOf = async () => {
        const { report } = await diagnose({ root, env: sandbox.env, inactivitySeconds: 30, alternateGoTool: go.bin });
        return checkHealth({ report, env: sandbox.env, inactivitySeconds: 30, cache: new HealthCache(null) });
      };
      return { root, context, session, healthOf, files: () => [readFileSync(path.join(root, 'go.mod')), readFileSync(path.join(root, 'go.sum'))] };
    }

    it('shows the exact diff of go.mod and go.sum first, applies it, and undo restores both files byte for byte', async () => {
      const app = await open();
      const [goModBefore, goSumBefore] = app.files();
      const report = await app.healthOf();
      const finding = report.findings.find((candidate) => candidate.class === 'retracted' && candidate.module === RETRACTED);
      const fix = finding?.fixes[0];
      assert.ok(fix && fix.detail.kind === 'go-get');
      let shown: FixPreview[] = [];
      const outcome = await app.session.apply([fix], {
        confirm: (previews) => {
          shown = previews;
          // Asked before anything is written.
          assert.deepEqual(app.files(), [goModBefore, goSumBefore]);
          return Promise.resolve(true);
        },
        recheck: () => Promise.resolve(),
      });
      assert.equal(outcome.kind, 'applied');
      const diff = shown[0]!.diffs ?? [];
      assert.ok(diff.includes('--- a/go.mod') && diff.includes('+++ b/go.mod'), diff.join('\n'));
      assert.ok(diff.includes('--- a/go.sum'));
      assert.ok(diff.some((line) => line.startsWith('-') && line.includes(`${RETRACTED}`) && line.includes('v1.1.0')));
      assert.ok(diff.some((line) => line.startsWith(`+${RETRACTED} v1.1.5 h1:`)));
      assert.match(previewLines(shown[0]!).join('\n'), /runs: {3}go get example\.com\/retracted@v1\.1\.5\n {2}changes:\n {4}--- a\/go\.mod/);
      // The preview is what the fix did: applying the diff's + lines gives today's files.
      const goMod = readFileSync(path.join(app.root, 'go.mod'), 'utf8');
      assert.match(goMod, new RegExp(`${RETRACTED} v1\\.1\\.5`));
      for (const line of diff.filter((candidate) => candidate.startsWith('+') && !candidate.startsWith('+++'))) {
        const text = line.slice(1);
        assert.ok(goMod.includes(text) || readFileSync(path.join(app.root, 'go.sum'), 'utf8').includes(text), `${text} is in the files`);
      }
      const after = await app.healthOf();
      assert.deepEqual(
        after.findings.filter((candidate) => candidate.class === 'retracted'),
        [],
        'the fresh pass finds no retraction',
      );
      const undone = await app.session.undoLast(() => Promise.resolve());
      assert.equal(undone.kind, 'undone');
      const [goModAfterUndo, goSumAfterUndo] = app.files();
      assert.ok(goModAfterUndo!.equals(goModBefore!), 'go.mod byte for byte');
      assert.ok(goSumAfterUndo!.equals(goSumBefore!), 'go.sum byte for byte');
    });

    it('leaves the files alone while previewing, and says when the upgrade changes nothing', async () => {
      const app = await open();
      const [goModBefore, goSumBefore] = app.files();
      const preview = await previewFix(upgradeModule(MAJORS, 'v1.3.0', 'v1.0.0'), app.context);
      assert.ok(
        (preview.diffs ?? []).some((line) => line === `+require ${MAJORS} v1.3.0`),
        (preview.diffs ?? []).join('\n'),
      );
      assert.deepEqual(app.files(), [goModBefore, goSumBefore]);
      const same: PlannedFix = upgradeModule(MAJORS, 'v1.0.0', 'v1.0.0');
      const outcome = await app.session.apply([same], { confirm: () => Promise.reject(new Error('not asked for a no-op')), recheck: () => Promise.resolve() });
      assert.equal(outcome.kind, 'noop');
    });

    it('refuses to undo, touching nothing, when go.mod changed after the upgrade', async () => {
      const app = await open();
      const outcome = await app.session.apply([upgradeModule(MAJORS, 'v1.3.0', 'v1.0.0')], {
        confirm: () => Promise.resolve(true),
        recheck: () => Promise.resolve(),
      });
      assert.equal(outcome.kind, 'applied');
      const edited = `${readFileSync(path.join(app.root, 'go.mod'), 'utf8')}// my own edit\n`;
      writeFileSync(path.join(app.root, 'go.mod'), edited);
      const goSum = readFileSync(path.join(app.root, 'go.sum'));
      await assert.rejects(
        app.session.undoLast(() => Promise.resolve()),
        (error: unknown) => error instanceof FixError && /go\.mod changed after the fix wrote it/.test(error.message),
      );
      assert.equal(readFileSync(path.join(app.root, 'go.mod'), 'utf8'), edited);
      assert.ok(readFileSync(path.join(app.root, 'go.sum')).equals(goSum));
    });

    it('reports go’s own words when go get fails, and leaves the files as they were', async () => {
      const app = await open();
      const [goModBefore, goSumBefore] = app.files();
      await assert.rejects(
        app.session.apply([upgradeModule(MAJORS, 'v9.9.9', 'v1.0.0')], { confirm: () => Promise.resolve(true), recheck: () => Promise.resolve() }),
        (error: unknown) => error instanceof FixError && /go get failed: .*v9\.9\.9/.test(error.message),
      );
      assert.deepEqual(app.files(), [goModBefore, goSumBefore]);
    });
  });
}
