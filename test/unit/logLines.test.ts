// The log's view of go's output: whole lines, redacted before they are cut, bounded per line and
// per run — whatever the pipe's chunk boundaries.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { boundedLine, LogLineSplitter, type LogLimits } from '../../src/core/logLines';
import { chunkCuts, chunked, fuzzRuns } from './fuzz/fuzzSupport';

const LIMITS: LogLimits = { maxLineChars: 200, maxRunChars: 5_000 };

function logged(chunks: string[], limits = LIMITS): string[] {
  const lines: string[] = [];
  const splitter = new LogLineSplitter(limits, (line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

const TRACE = [
  '# get https://proxy.golang.org/example.com/a/@v/v1.0.0.mod',
  'cd /tmp/gopath/pkg/mod/cache/vcs/abc; git ls-remote -q https://alice:S3cretPassw0rd@git.corp.example/team/lib',
  "fatal: unable to access 'https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/acme/x/': 403",
  '# get https://proxy.golang.org/example.com/a/@v/v1.0.0.mod: 200 OK (0.012s)',
].join('\r\n');

describe('log lines', () => {
  it('redacts a credential URL that a chunk boundary splits', () => {
    const at = TRACE.indexOf('S3cret') + 3;
    const lines = logged([TRACE.slice(0, at), TRACE.slice(at)]);
    assert.equal(lines.length, 4);
    assert.ok(
      lines.every((line) => !line.includes('S3cret') && !line.includes('ghp_') && !line.endsWith('\r')),
      lines.join('\n'),
    );
    assert.match(lines[1]!, /https:\/\/alice:\*\*\*@git\.corp\.example/);
  });

  it('never leaves a secret in the clear, whatever the chunking, and each line is bounded', () => {
    fc.assert(
      fc.property(chunkCuts, (cuts) => {
        const lines = logged(chunked(`${TRACE}\n${TRACE}`, cuts));
        assert.equal(lines.length, 8);
        for (const line of lines) {
          assert.ok(!line.includes('S3cret') && !line.includes('ghp_'), line);
          assert.ok(line.length <= LIMITS.maxLineChars + 40, `${line.length} characters`);
        }
      }),
      fuzzRuns(300),
    );
  });

  it('cuts the run at whole lines, so the limit never halves a credential', () => {
    const lines = logged(Array.from({ length: 200 }, () => `${TRACE}\n`));
    assert.equal(lines.at(-1), `… trace cut at ${LIMITS.maxRunChars} characters`);
    const body = lines.slice(0, -1);
    assert.ok(body.join('').length <= LIMITS.maxRunChars);
    assert.ok(
      body.every((line) => !line.includes('S3cret') && !line.includes('alice:S')),
      body.find((line) => line.includes('alice:S')),
    );
  });

  it('keeps the head of a 5 MB line, says how much more there was', () => {
    const huge = `go: example.com/huge@v1.0.0: ${'x'.repeat(5_000_000)}`;
    const chunks = chunked(
      `${huge}\nnext line\n`,
      Array.from({ length: 80 }, (_, index) => index * 65_536),
    );
    const lines = logged(chunks);
    assert.equal(lines.length, 2);
    assert.ok(lines[0]!.startsWith('go: example.com/huge@v1.0.0: xxx'));
    assert.ok(lines[0]!.endsWith(`… [${huge.length - LIMITS.maxLineChars} more characters]`), lines[0]!.slice(-60));
    assert.equal(lines[1], 'next line');
  });

  it('logs a last line without a newline at the end, and skips blank lines', () => {
    assert.deepEqual(logged(['first\n\n  \nla', 'st']), ['first', 'last']);
  });

  it('boundedLine redacts before it cuts', () => {
    const line = `${'a'.repeat(150)} https://bob:Hunter2Hunter2@corp.example/x ${'b'.repeat(300)}`;
    const bounded = boundedLine(line, 180);
    assert.ok(!bounded.includes('Hunter2'), bounded);
    assert.ok(bounded.startsWith(`${'a'.repeat(150)} https://bob:***@`));
    assert.match(bounded, /… \[\d+ more characters\]$/);
  });
});
