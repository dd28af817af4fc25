// The report's module list with the real go: the same list with an empty module cache and a full
// one (go fetches, and so shows in its trace, only what is not in the cache yet), the modules go
// downloads told from those it only read for the module graph, and every module on a go.mod line.

import { strict as assert } from 'node:assert';
import type { Report } from '../../src/core/types';
import { diagnose } from '../../src/engine/diagnose';
import { goVersionsUnderTest } from '../lab/goVersions';
import { GRAPH, GRAPH_SCENARIO, openScenario, requireLine } from '../lab/scenarios';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const listed = (report: Report) =>
  report.modules.map((module) => ({ module: `${module.path}@${module.version}`, graphOnly: module.graphOnly, line: module.line }));

for (const go of goVersionsUnderTest().gos)
  describe(`the module list with the real go (${go.label})`, function () {
    this.timeout(60_000);

    it('is the same with an empty module cache and a full one, tells downloaded modules from those read for the graph, and puts each on a line', async () => {
      const opened = await openScenario(GRAPH_SCENARIO, { go: go.bin });
      cleanups.push(opened.dispose);
      const run = async () => (await diagnose({ root: opened.root, env: opened.env, inactivitySeconds: 30 })).report;
      const cold = await run();
      const warm = await run();
      assert.deepEqual(cold.findings, []);
      assert.deepEqual(warm.findings, []);
      const expected = [
        ...GRAPH.required.map((module, index) => ({ module: `${module.path}@${module.version}`, graphOnly: false, line: requireLine(index) })),
        // Read for the graph only, each on the line of the requirement that brings it in (old, the third).
        ...GRAPH.graphOnly
          .map((module) => ({ module: `${module.path}@${module.version}`, graphOnly: true, line: requireLine(2) }))
          .sort((a, b) => (a.module < b.module ? -1 : 1)),
      ];
      assert.deepEqual(listed(cold), expected);
      assert.deepEqual(listed(warm), expected);
      // What differs is only where each came from: fetched at first, the module cache after.
      assert.deepEqual(
        cold.modules.map((module) => module.status),
        expected.map(() => 'ok'),
      );
      assert.deepEqual(
        warm.modules.map((module) => module.status),
        expected.map(() => 'cached'),
      );
      const oldChild = cold.modules.find((module) => module.path === GRAPH.graphOnly[0]!.path)!;
      assert.deepEqual(
        oldChild.requests.map((request) => request.url.slice(request.url.lastIndexOf('/') + 1)),
        [`${GRAPH.graphOnly[0]!.version}.mod`],
        'only its go.mod was fetched',
      );
    });
  });
