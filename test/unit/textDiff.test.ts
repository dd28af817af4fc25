// The unified diff the upgrade preview shows for go.mod and go.sum: exact hunks, and a diff that
// applied to the old text gives the new one (checked with a small applier, on random edits).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { unifiedDiff } from '../../src/core/textDiff';

/** Applies a unified diff to text (what `patch` does), for checking. */
function apply(before: string, diff: string[]): string {
  const lines = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let at = 0;
  for (const line of diff.slice(2)) {
    const hunk = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (hunk) {
      const start = Number(hunk[2]) === 0 ? Number(hunk[1]) : Number(hunk[1]) - 1;
      while (at < start) out.push(lines[at++]!);
      continue;
    }
    const body = line.slice(1);
    if (line.startsWith(' ')) {
      assert.equal(lines[at], body, 'context matches');
      out.push(lines[at++]!);
    } else if (line.startsWith('-')) {
      assert.equal(lines[at], body, 'removed line matches');
      at++;
    } else out.push(body);
  }
  while (at < lines.length) out.push(lines[at++]!);
  return out.length ? `${out.join('\n')}\n` : '';
}

describe('unified diff', () => {
  it('shows a changed require line with three lines of context', () => {
    const before = 'module m\n\ngo 1.21\n\nrequire (\n\ta v1.0.0\n\tb v1.0.0\n)\n';
    const after = 'module m\n\ngo 1.21\n\nrequire (\n\ta v1.1.0\n\tb v1.0.0\n)\n';
    assert.deepEqual(unifiedDiff('go.mod', before, after), [
      '--- a/go.mod',
      '+++ b/go.mod',
      '@@ -3,6 +3,6 @@',
      ' go 1.21',
      ' ',
      ' require (',
      '-\ta v1.0.0',
      '+\ta v1.1.0',
      ' \tb v1.0.0',
      ' )',
    ]);
  });

  it('is empty for equal texts, and shows a new file as added', () => {
    assert.deepEqual(unifiedDiff('go.sum', 'x\n', 'x\n'), []);
    assert.deepEqual(unifiedDiff('go.sum', null, 'a h1:x\n'), ['--- /dev/null', '+++ b/go.sum', '@@ -0,0 +1,1 @@', '+a h1:x']);
  });

  it('applied to the old text gives the new one', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', ''), { maxLength: 30 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const before = a.length ? `${a.join('\n')}\n` : '';
        const after = b.length ? `${b.join('\n')}\n` : '';
        const diff = unifiedDiff('f', before, after);
        assert.equal(diff.length === 0 ? before : apply(before, diff), after);
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('stays fast on a go.sum of 20,000 lines with changes spread through it', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `example.com/m${i} v1.0.0 h1:${i}`);
    const after = before.map((line, i) => (i % 1000 === 0 ? line.replace('v1.0.0', 'v1.1.0') : line));
    const started = Date.now();
    const diff = unifiedDiff('go.sum', `${before.join('\n')}\n`, `${after.join('\n')}\n`);
    assert.equal(diff.filter((line) => line.startsWith('+e')).length, 20);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });
});
