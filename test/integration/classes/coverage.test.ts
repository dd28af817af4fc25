// The class suite's own checks, and the root `after` hook that writes docs/coverage.md from what
// the class tests observed (test/lab/classCoverage.ts). A run that did not reach every class test
// (a --grep, a single file) leaves the table as it is.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { coverage, SUITE_COMMAND } from '../../lab/classScenarios';
import { goVersionsUnderTest } from '../../lab/goVersions';

const started = Date.now();
const selection = goVersionsUnderTest();
const OUTPUT = process.env.GDH_COVERAGE_OUT || path.join(__dirname, '..', '..', '..', 'docs', 'coverage.md');
/** The committed table has a column per Go: a run with fewer Gos (no Go 1.21 here) writes it only when asked to. */
const WRITES_TABLE = Boolean(process.env.GDH_COVERAGE_OUT) || (selection.missing === null && selection.gos.some((go) => go.minor === 21) && selection.gos.length >= 2);

describe('failure classes: the suite itself', () => {
  it('runs with every Go it should (in CI, Go 1.21 from scripts/setup-go-versions.sh is required)', () => {
    assert.equal(selection.missing, null, selection.missing ?? '');
    assert.ok(selection.gos.length > 0, 'no Go to test with');
  });

  it('has a test for every failure class that go mod download can produce', () => {
    assert.deepEqual(coverage.unregisteredClasses(), []);
  });
});

after(function () {
  if (!coverage.complete || !WRITES_TABLE) {
    const why = coverage.complete ? 'Go 1.21 did not run (scripts/setup-go-versions.sh; or set GDH_COVERAGE_OUT)' : 'not every class test ran';
    console.log(`  (class suite: ${why}; ${path.relative(process.cwd(), OUTPUT)} left as it is)`);
    return;
  }
  coverage.write(OUTPUT, { command: SUITE_COMMAND });
  console.log(`  (class suite: wrote ${path.relative(process.cwd(), OUTPUT)} in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
});
