// The one way this tool starts a process (engine/processes.ts), with real child processes: a stderr
// written to a file instead of a pipe (what the health pass's `go list -x` uses) still reaches the
// caller, and its growth still counts as a sign of life for the inactivity limit.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runProcess } from '../../src/engine/processes';

/** A node child that writes `lines` lines to stderr, `gapMs` apart, then waits `thenMs` and exits. */
function writer(lines: number, gapMs: number, thenMs: number) {
  const script = `let n = 0; const t = setInterval(() => { process.stderr.write('line ' + n + '\\n'); if (++n === ${lines}) { clearInterval(t); setTimeout(() => process.exit(0), ${thenMs}); } }, ${gapMs});`;
  return { command: process.execPath, args: ['-e', script] };
}

describe('runProcess with stderr to a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gdh-processes-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands the whole stderr to onStderr once the process ends, and a growing file keeps it alive past the inactivity limit', async () => {
    const chunks: string[] = [];
    // 10 lines 150 ms apart: 1.5 s in all, more than twice the 600 ms limit, but never 600 ms without growth.
    const result = await runProcess({
      ...writer(10, 150, 0),
      cwd: dir,
      env: { PATH: process.env.PATH },
      inactivityMs: 600,
      stderrFile: path.join(dir, 'stderr.txt'),
      onStderr: (chunk) => chunks.push(chunk),
    });
    assert.deepEqual(result.end, { kind: 'exited', exitCode: 0 });
    assert.equal(chunks.length, 1, 'one piece, at the end');
    assert.equal(chunks[0], Array.from({ length: 10 }, (_, n) => `line ${n}\n`).join(''));
  });

  it('ends a process whose file stops growing after the inactivity limit, and still gives what it wrote', async () => {
    const started = Date.now();
    const result = await runProcess({
      ...writer(1, 10, 30_000),
      cwd: dir,
      env: { PATH: process.env.PATH },
      inactivityMs: 500,
      stderrFile: path.join(dir, 'stderr.txt'),
    });
    assert.deepEqual(result.end, { kind: 'stalled', idleSeconds: 0.5 });
    assert.ok(Date.now() - started < 10_000, `stopped after ${Date.now() - started} ms, not when the child would have exited`);
    assert.equal(result.stderr, 'line 0\n', 'collected into the result without onStderr');
  });
});
