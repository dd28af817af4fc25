// The trace parser and the module state on traces recorded from real runs of go
// (test/fixtures/traces, made by `npm run record-traces`), fed whole and in awkward chunks.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { JsonObjectStream, type DownloadResult } from '../../src/core/jsonStream';
import { DownloadState } from '../../src/core/moduleState';
import { parseTraceLine, TraceParser, MAX_LINE_CHARS, type TraceEvent } from '../../src/core/trace';

const TRACES = path.join(__dirname, '..', 'fixtures', 'traces');

interface Recorded {
  name: string;
  stderr: string;
  stdout: string;
  meta: { proxies: string[]; goMod: string; end: { kind: string } };
}

function recorded(name: string): Recorded {
  const read = (ext: string) => readFileSync(path.join(TRACES, `${name}.${ext}`), 'utf8');
  return { name, stderr: read('stderr'), stdout: read('stdout'), meta: JSON.parse(read('json')) as Recorded['meta'] };
}

function parseAll(text: string, chunkSize = text.length || 1): TraceEvent[] {
  const events: TraceEvent[] = [];
  const parser = new TraceParser((event) => events.push(event));
  for (let index = 0; index < text.length; index += chunkSize) parser.push(text.slice(index, index + chunkSize));
  parser.end();
  return events;
}

function requirementsOf(goMod: string): { path: string; version: string }[] {
  return [...goMod.matchAll(/^\t(\S+) (v\S+)$/gm)].map((match) => ({ path: match[1]!, version: match[2]! }));
}

function replay(trace: Recorded): DownloadState {
  const state = new DownloadState({ proxyBases: trace.meta.proxies, requirements: requirementsOf(trace.meta.goMod) });
  const parser = new TraceParser((event) => state.applyTrace(event));
  parser.push(trace.stderr);
  parser.end();
  const results = new JsonObjectStream({ result: (result) => state.applyResult(result), garbage: (text) => state.noteGarbage(text) });
  results.push(trace.stdout);
  results.end();
  state.finish({ stalled: trace.meta.end.kind === 'stalled' });
  return state;
}

describe('trace parser on recorded real traces', () => {
  const names = readdirSync(TRACES)
    .filter((file) => file.endsWith('.stderr'))
    .map((file) => file.replace(/\.stderr$/, ''));

  it('has recordings to test', () => {
    assert.ok(names.length >= 10, `found ${names.length} recordings`);
  });

  for (const name of names) {
    it(`${name}: gives the same events whole and in 7-character chunks, and none unknown`, () => {
      const { stderr } = recorded(name);
      const whole = parseAll(stderr);
      assert.deepEqual(parseAll(stderr, 7), whole);
      assert.deepEqual(
        whole.filter((event) => event.type === 'unknown'),
        [],
      );
    });
  }

  it('pairs every request start with its completion in a healthy run', () => {
    const events = parseAll(recorded('healthy').stderr);
    const starts = events.filter((event) => event.type === 'http-start').length;
    const done = events.filter((event) => event.type === 'http-done');
    assert.equal(starts, done.length);
    assert.ok(done.every((event) => event.type === 'http-done' && event.status === 200 && event.seconds >= 0));
  });

  it('reads the status text and duration of a 404', () => {
    const done = parseAll(recorded('proxy-404').stderr).find((event) => event.type === 'http-done' && event.status === 404);
    assert.ok(done && done.type === 'http-done');
    assert.equal(done.statusText, 'Not Found');
    assert.match(done.url, /example\.com\/missing\/@v\/v1\.0\.0\.mod$/);
  });

  it('keeps a multi-line go error with its server response as one block', () => {
    const errors = parseAll(recorded('private-sumdb').stderr).filter((event) => event.type === 'go-error');
    assert.equal(errors.length, 1);
    const text = (errors[0] as { text: string }).text;
    assert.match(text, /^go: corp\.example\.com\/team\/lib@v1\.2\.0: verifying go\.mod: /);
    assert.match(text, /\n\tserver response: not found: /);
  });

  it('keeps the whole SECURITY ERROR block of a go.sum mismatch, which has no "go:" prefix', () => {
    const errors = parseAll(recorded('checksum-mismatch').stderr).filter((event) => event.type === 'go-error');
    assert.equal(errors.length, 1);
    const text = (errors[0] as { text: string }).text;
    assert.match(text, /^verifying example\.com\/Other\/tool@v0\.4\.1: checksum mismatch/);
    assert.match(text, /SECURITY ERROR/);
    assert.match(text, /go help module-auth/);
  });

  it('reads a transport error with the URL quoted twice', () => {
    const error = parseAll(recorded('connection-refused').stderr).find((event) => event.type === 'http-error');
    assert.ok(error && error.type === 'http-error');
    assert.match(error.error, /connect: connection refused$/);
  });
});

describe('module state from recorded traces', () => {
  it('maps upper-case module paths back from %21-escaped proxy URLs', () => {
    const state = replay(recorded('healthy'));
    const other = state.find('example.com/Other/tool', 'v0.4.1');
    assert.ok(other);
    assert.equal(other.status, 'ok');
    assert.equal(other.requests.length, 3);
  });

  it('attributes a failed .mod fetch to its module even without a -json result', () => {
    const state = replay(recorded('proxy-410'));
    const other = state.find('example.com/Other/tool', 'v0.4.1');
    assert.equal(other?.status, 'failed');
    assert.match(other?.error ?? '', /410 Gone/);
  });

  it('files checksum-database requests under no module download', () => {
    const state = replay(recorded('private-sumdb'));
    assert.ok(state.otherRequests.some((request) => request.module === 'corp.example.com/team/lib' && request.status === 404));
    assert.ok(state.otherRequests.some((request) => request.url.endsWith('/supported')));
  });

  it('lists the answered zip of a stalled run as awaiting its body', () => {
    const trace = recorded('stall-body');
    const state = new DownloadState({ proxyBases: trace.meta.proxies, requirements: requirementsOf(trace.meta.goMod) });
    const parser = new TraceParser((event) => state.applyTrace(event));
    parser.push(trace.stderr);
    parser.end();
    const answered = state.answeredWithoutResult().filter((entry) => entry.file === 'zip');
    assert.deepEqual(answered.map((entry) => entry.module).sort(), ['example.com/healthy', 'example.com/slow']);
  });

  it('marks a module with a corrupt zip failed from its -json Error', () => {
    const state = replay(recorded('corrupt-zip'));
    assert.equal(state.find('example.com/Other/tool')?.status, 'failed');
    assert.equal(state.find('example.com/healthy')?.status, 'ok');
  });
});

describe('trace parser on odd input', () => {
  it('parses git lines of older and newer Go (with --end-of-options, before init)', () => {
    const lines = [
      'mkdir -p /gp/pkg/mod/cache/vcs # git3 https://github.com/acme/private',
      '# lock /gp/pkg/mod/cache/vcs/5f1c.lock',
      'cd /gp/pkg/mod/cache/vcs/5f1c; git ls-remote -q --end-of-options https://github.com/acme/private',
      '0.388s # cd /gp/pkg/mod/cache/vcs/5f1c; git ls-remote -q --end-of-options https://github.com/acme/private',
      "cd /gp/pkg/mod/cache/vcs/5f1c; git -c log.showsignature=false log --no-decorate -n1 '--format=format:%H %ct %D' refs/tags/v1.2.3 --",
      '# /gp/pkg/mod/cache/vcs/5f1c for git3 https://github.com/acme/private',
    ];
    const events = parseAll(lines.join('\n') + '\n');
    assert.deepEqual(
      events.map((event) => event.type),
      ['vcs-workdir', 'vcs-lock', 'vcs-start', 'vcs-done', 'vcs-start', 'vcs-workdir'],
    );
    assert.equal((events[3] as { seconds: number }).seconds, 0.388);
  });

  it('keeps unknown lines as unknown events and never throws on garbage', () => {
    const garbage = '\u0000\u0001binary\r\n# get\n# get : \n0.1s # cd\ncd\n\t\t\n{"Path":\n';
    const events = parseAll(garbage);
    assert.ok(events.some((event) => event.type === 'unknown'));
  });

  it('tolerates a trace cut in the middle of a line', () => {
    const events = parseAll('# get https://proxy.example/a/@v/v1.0.0.mod\n# get https://proxy.exa');
    assert.deepEqual(
      events.map((event) => event.type),
      ['http-start', 'http-start'],
    );
  });

  it('cuts a 5 MB line instead of keeping it whole', () => {
    const events = parseAll(`${'x'.repeat(5_000_000)}\n`);
    const texts = events.map((event) => ('text' in event ? event.text : ''));
    assert.ok(texts.every((text) => text.length < MAX_LINE_CHARS + 100));
  });

  it('recognises the status-line forms Go prints', () => {
    assert.deepEqual(parseTraceLine('# get https://p/x/@v/list: 404 testing (0.000s)'), {
      type: 'http-done',
      url: 'https://p/x/@v/list',
      status: 404,
      statusText: 'testing',
      seconds: 0,
    });
    assert.deepEqual(parseTraceLine('# get http://p/x: insecure'), { type: 'http-error', url: 'http://p/x', error: 'insecure' });
    assert.deepEqual(parseTraceLine('# get https://p/x/@v/v1.zip (offset 1024)'), { type: 'http-start', url: 'https://p/x/@v/v1.zip' });
  });
});

describe('-json result stream', () => {
  function collect(text: string, chunkSize: number): { results: DownloadResult[]; garbage: string[] } {
    const results: DownloadResult[] = [];
    const garbage: string[] = [];
    const stream = new JsonObjectStream({ result: (result) => results.push(result), garbage: (item) => garbage.push(item) });
    for (let index = 0; index < text.length; index += chunkSize) stream.push(text.slice(index, index + chunkSize));
    stream.end();
    return { results, garbage };
  }

  it('splits the recorded output into objects, whatever the chunking', () => {
    const { stdout } = recorded('corrupt-zip');
    const whole = collect(stdout, stdout.length);
    assert.equal(whole.results.length, 2);
    assert.deepEqual(collect(stdout, 3), whole);
  });

  it('handles braces and quotes inside strings', () => {
    const { results } = collect('{"Path":"a","Error":"x \\"}{\\" y"}\n{"Path":"b"}', 5);
    assert.deepEqual(
      results.map((result) => result.Path),
      ['a', 'b'],
    );
  });

  it('reports garbage between objects and objects of the wrong shape', () => {
    const { results, garbage } = collect('warning: something\n{"Path":1}\n{"Path":"ok"}\n{broken', 4);
    assert.equal(results.length, 1);
    assert.equal(garbage.length, 3);
  });
});
