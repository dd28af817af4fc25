// The CLI's progress line, frame by frame: what it says, that it fits the terminal, that a
// credential in what it names never shows, and that stop() leaves a clean line.

import { strict as assert } from 'node:assert';
import { ProgressLine, progressLineFor, progressText } from '../../src/cli/progress';
import type { LiveProgress } from '../../src/engine/downloadProgress';

const ARRIVING: LiveProgress = {
  modulesKnown: 40,
  modulesDone: 12,
  bytes: 3_400_000,
  bytesPerSecond: 1_100_000,
  current: { kind: 'body', what: 'https://proxy.example/example.com/big/@v/v1.2.3.zip', module: 'example.com/big', bytes: 3_000_000, quietSeconds: 0.2 },
};

describe('the progress line', () => {
  it('says modules done of known, bytes at their rate, and what the run waits on', () => {
    assert.equal(progressText(null, 0, 80), '⠋ starting go');
    assert.equal(progressText(ARRIVING, 1, 120), '⠙ 12/40 modules · 3.4 MB at 1.1 MB/s · example.com/big v1.2.3.zip 3.0 MB');
    assert.equal(progressText({ ...ARRIVING, bytes: 0, bytesPerSecond: 0, current: null }, 2, 80), '⠹ 12/40 modules');
    const stopped = { ...ARRIVING.current!, quietSeconds: 7.6 };
    assert.equal(
      progressText({ ...ARRIVING, bytesPerSecond: 0, current: stopped }, 4, 120),
      '⠼ 12/40 modules · 3.4 MB · no new bytes for 7 s · example.com/big v1.2.3.zip 3.0 MB',
    );
    const command = { kind: 'command' as const, what: 'git fetch -f origin refs/heads/*:refs/heads/*', module: null, bytes: null, quietSeconds: null };
    assert.equal(
      progressText({ ...ARRIVING, bytes: 5_000, bytesPerSecond: 0, current: command }, 3, 120),
      '⠸ 12/40 modules · 5.0 kB · git fetch -f origin refs/heads/*:refs/heads/*',
    );
  });

  it('fits the terminal, and never shows a credential', () => {
    const text = progressText(ARRIVING, 0, 30);
    assert.equal(text.length, 29);
    assert.ok(text.endsWith('…'));
    const secret = { kind: 'request' as const, what: 'https://user:s3cret@proxy.corp/example.com/x/@v/list', module: null, bytes: null, quietSeconds: null };
    assert.match(progressText({ ...ARRIVING, current: secret }, 0, 200), /GET https:\/\/user:\*\*\*@proxy\.corp\//);
    assert.doesNotMatch(progressText({ ...ARRIVING, current: secret }, 0, 200), /s3cret/);
  });

  it('draws on its own timer, and stop() erases the line it drew', () => {
    const written: string[] = [];
    const line = progressLineFor({ write: (text) => written.push(text), columns: () => undefined }, true)!;
    line.start();
    line.update(ARRIVING);
    line.stop();
    line.stop();
    assert.deepEqual(written, ['\r\x1b[2K⠋ starting go', '\r\x1b[2K']);
    assert.equal(progressLineFor(null, true), null, 'not without a terminal');
    assert.equal(progressLineFor({ write: () => undefined, columns: () => 80 }, false), null, 'not for a report machines read');
    assert.ok(line instanceof ProgressLine);
  });
});
