// The class suite's own checks, and the root `after` hook that turns what the class tests observed
// (test/lab/classCoverage.ts) into a table. The suite never writes a tracked file: it writes the
// table to test-results/coverage.md and fails when that differs from the committed
// docs/coverage.md; `npm run coverage` (GDH_COVERAGE_WRITE=1) is the one way to update it. A run
// that did not reach every class test (a --grep, a single file) compares nothing.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { coverage, SUITE_COMMAND } from '../../lab/classScenarios';
import { goVersionsUnderTest } from '../../lab/goVersions';

const started = Date.now();
const selection = goVersionsUnderTest();
const repo = path.join(__dirname, '..', '..', '..');
const COMMITTED = path.join(repo, 'docs', 'coverage.md');
const OBSERVED = path.join(repo, 'test-results', 'coverage.md');

describe('failure classes: the suite itself', () => {
  it('runs with every Go it should (Go 1.21 from scripts/setup.sh is required)', () => {
    assert.equal(selection.missing, null, selection.missing ?? '');
    assert.ok(selection.gos.length > 0, 'no Go to test with');
  });

  it('has a test for every failure class that go mod download can produce', () => {
    assert.deepEqual(coverage.unregisteredClasses(), []);
  });
});

after(function () {
  if (!coverage.complete || selection.missing !== null) {
    console.log(
      `  (class suite: ${coverage.complete ? selection.missing : 'not every class test ran'}; ${path.relative(process.cwd(), COMMITTED)} not compared)`,
    );
    return;
  }
  coverage.write(OBSERVED, { command: SUITE_COMMAND });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (process.env.GDH_COVERAGE_WRITE === '1') {
    coverage.write(COMMITTED, { command: SUITE_COMMAND });
    console.log(`  (class suite: wrote ${path.relative(process.cwd(), COMMITTED)} in ${seconds} s)`);
    return;
  }
  const committed = fs.existsSync(COMMITTED) ? fs.readFileSync(COMMITTED, 'utf8') : '';
  const observed = fs.readFileSync(OBSERVED, 'utf8');
  assert.ok(
    committed === observed,
    `${path.relative(process.cwd(), COMMITTED)} differs from what the class suite observed (${path.relative(process.cwd(), OBSERVED)}): look at \`diff ${path.relative(process.cwd(), COMMITTED)} ${path.relative(process.cwd(), OBSERVED)}\`, then run \`${SUITE_COMMAND}\` to update it`,
  );
  console.log(`  (class suite: ${path.relative(process.cwd(), COMMITTED)} matches what it observed, ${seconds} s)`);
});
