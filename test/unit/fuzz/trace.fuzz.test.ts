// Fuzzing the streaming side: the trace parser, the -json splitter and the module state, fed
// mutated recordings of real runs and generated traces. Properties: never throws; the same events
// whatever the chunk boundaries; the same reading as the regular expressions that define the
// grammar (and as the state before it was indexed); bounded output; linear time.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { JsonObjectStream, type DownloadResult } from '../../../src/core/jsonStream';
import { erroredModule, failedGitCommand } from '../../../src/core/errorAttribution';
import { DownloadState, MAX_OTHER_REQUESTS, MAX_RECORDS_PER_MODULE } from '../../../src/core/moduleState';
import { MAX_LINE_CHARS, parseTraceLine, TraceParser, type TraceEvent, type TraceListener } from '../../../src/core/trace';
import { chunkCuts, chunked, fuzzRuns, fuzzTimeout, assertLinear } from './fuzzSupport';
import { ReferenceDownloadState, referenceErroredModule } from './reference/moduleStateReference';
import { ReferenceTraceParser, referenceParseTraceLine } from './reference/traceRegex';
import { PROXY, REQUIREMENTS, stdoutText, TRACE_DICTIONARY, traceText, TRACES } from './traceInputs';

interface Parsed {
  events: TraceEvent[];
  lines: number;
}

function parse(chunks: string[], Parser: new (listener: TraceListener) => { push(chunk: string): void; end(): void; linesSeen: number } = TraceParser): Parsed {
  const events: TraceEvent[] = [];
  const parser = new Parser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, lines: parser.linesSeen };
}

function splitJson(chunks: string[]): { results: DownloadResult[]; garbage: string[] } {
  const results: DownloadResult[] = [];
  const garbage: string[] = [];
  const stream = new JsonObjectStream({ result: (result) => results.push(result), garbage: (text) => garbage.push(text) });
  for (const chunk of chunks) stream.push(chunk);
  stream.end();
  return { results, garbage };
}

const lineCount = (text: string) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
const longestLine = (text: string) => text.split('\n').reduce((longest, line) => Math.max(longest, line.length), 0);
/** A trace with one very long line somewhere: what clipping and chunking must agree on. */
const withLongLine = fc
  .tuple(traceText, fc.nat(), fc.constantFrom('x', 'go: a@v1: ', '# get ', '\r', 'ab\r'), fc.integer({ min: MAX_LINE_CHARS - 2, max: MAX_LINE_CHARS * 6 }))
  .map(([text, at, piece, length]) => {
    const lines = text.split('\n');
    lines.splice(at % (lines.length + 1), 0, piece.repeat(Math.ceil(length / piece.length)).slice(0, length));
    return lines.join('\n');
  });
const anyTrace = fc.oneof({ weight: 6, arbitrary: traceText }, { weight: 1, arbitrary: withLongLine });

describe('fuzz: trace parser', function () {
  this.timeout(fuzzTimeout(20_000));

  it('gives the same events, and counts the same lines, whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(anyTrace, chunkCuts, (text, cuts) => {
        const whole = parse([text]);
        assert.deepStrictEqual(parse(chunked(text, cuts)), whole);
        assert.equal(whole.lines, lineCount(text));
      }),
      fuzzRuns(200),
    );
  });

  it('keeps its events within bounds: statuses, durations, URLs, clipped lines, capped blocks', () => {
    fc.assert(
      fc.property(anyTrace, (text) => {
        for (const event of parse([text]).events) {
          if (event.type === 'http-done') {
            assert.ok(Number.isInteger(event.status) && event.status >= 0 && event.status <= 999, `status ${event.status}`);
            assert.ok(Number.isFinite(event.seconds) && event.seconds >= 0, `seconds ${event.seconds}`);
          }
          switch (event.type) {
            case 'http-done':
            case 'http-start':
            case 'http-error':
              assert.ok(event.url.length > 0 && !/\s/.test(event.url), `url ${JSON.stringify(event.url)}`);
              break;
            case 'go-error':
            case 'go-warning': {
              const lines = event.text.split('\n');
              assert.ok(lines.length <= 201, `${lines.length} lines in one block`);
              assert.ok(lines.every((line) => line.length <= MAX_LINE_CHARS + 40));
              break;
            }
            case 'unknown':
            case 'toolchain':
              assert.ok(event.text.trim() !== '' && event.text.length <= MAX_LINE_CHARS + 40);
              break;
            default:
              break;
          }
        }
      }),
      fuzzRuns(200),
    );
  });

  it('reads every trace as the regular expressions that define the grammar do (the parser before tuning)', () => {
    fc.assert(
      fc.property(traceText, (text) => {
        fc.pre(longestLine(text) <= MAX_LINE_CHARS * 4); // beyond that the old parser depended on chunking
        assert.deepStrictEqual(parse([text]), parse([text], ReferenceTraceParser));
      }),
      fuzzRuns(200),
    );
  });

  it('reads single lines, mutated hot-path lines included, as the expressions do', () => {
    const hot = fc.oneof(
      fc.constantFrom(...TRACE_DICTIONARY),
      fc
        .tuple(
          fc.constantFrom(...TRACE_DICTIONARY),
          fc.nat(),
          fc.constantFrom(' ', '\t', '\u00a0', ':', '(', ')', 's', '.', '0', '9', '', 'x', '\r', ' (', '): '),
        )
        .map(([line, at, piece]) => {
          const cut = at % (line.length + 1);
          return line.slice(0, cut) + piece + line.slice(cut);
        }),
      fc.tuple(fc.constantFrom('# get ', '# get x: ', 'verifying ', '# '), fc.string({ unit: 'binary', maxLength: 30 })).map(([head, tail]) => head + tail),
    );
    fc.assert(
      fc.property(hot, (line) => {
        assert.deepStrictEqual(parseTraceLine(line), referenceParseTraceLine(line));
      }),
      fuzzRuns(2000),
    );
  });

  it('regression: a go error line longer than 64 KiB is one clipped event in any chunks (it was split at the 64 KiB mark)', () => {
    const head = 'go: example.com/a@v1.0.0: ';
    const text = `${head}${'x'.repeat(100_000)}\n# get https://p/a/@v/v1.0.0.mod\n`;
    const whole = parse([text]);
    assert.deepEqual(
      whole.events.map((event) => event.type),
      ['go-error', 'http-start'],
    );
    for (const size of [1_000, 4_096, 65_536, 70_000])
      assert.deepStrictEqual(
        parse(
          chunked(
            text,
            Array.from({ length: Math.ceil(text.length / size) }, (_, index) => (index + 1) * size),
          ),
        ),
        whole,
      );
    const error = whole.events[0] as { text: string };
    assert.ok(error.text.endsWith(`… [${head.length + 100_000 - MAX_LINE_CHARS} more characters]`), error.text.slice(-40));
  });

  it('regression: a line ending in \\r\\n that overflows counts its characters as one line fed whole does', () => {
    const text = `${'y'.repeat(MAX_LINE_CHARS + 5)}\r\n`;
    assert.deepStrictEqual(parse(chunked(text, [3, MAX_LINE_CHARS, MAX_LINE_CHARS + 5])), parse([text]));
  });
});

describe('fuzz: -json splitter', function () {
  this.timeout(fuzzTimeout(20_000));

  it('gives the same results and garbage whatever the chunking; every result has a string Path', () => {
    fc.assert(
      fc.property(stdoutText, chunkCuts, (text, cuts) => {
        const whole = splitJson([text]);
        assert.deepStrictEqual(splitJson(chunked(text, cuts)), whole);
        assert.ok(whole.results.every((result) => typeof result.Path === 'string'));
      }),
      fuzzRuns(200),
    );
  });

  it('regression: text between objects that never ends a line is kept bounded', () => {
    const { garbage } = splitJson([`${'w'.repeat(1_000_000)}`, '{"Path":"a"}']);
    assert.equal(garbage.length, 1);
    assert.ok(garbage[0]!.length < 5_000, `${garbage[0]!.length} characters kept`);
  });
});

/** Runs one trace and its -json output through a state; returns what a report is made of. */
function replay(state: DownloadState | ReferenceDownloadState, events: TraceEvent[], results: DownloadResult[], garbage: string[], stalled: boolean) {
  for (const event of events) state.applyTrace(event);
  for (const result of results) state.applyResult(result);
  for (const text of garbage) state.noteGarbage(text);
  const inFlight = state.inFlight().map(({ module, kind, what }) => ({ module, kind, what }));
  const answered = state.answeredWithoutResult();
  state.finish({ stalled, unfinished: answered.slice(0, 1).map((entry) => entry.module) });
  return {
    modules: state.modules(),
    inFlight,
    answered,
    otherRequests: state.otherRequests,
    goErrors: state.goErrors,
    unknownLines: state.unknownLines,
    garbage: state.garbage,
  };
}

describe('fuzz: module state', function () {
  this.timeout(fuzzTimeout(20_000));
  const options = () => ({ proxyBases: [PROXY], requirements: REQUIREMENTS, now: () => 0 });
  const run = fc.tuple(traceText, stdoutText, fc.boolean());

  it('never throws, settles every module, and stays within its caps', () => {
    fc.assert(
      fc.property(run, ([stderr, stdout, stalled]) => {
        const { results, garbage } = splitJson([stdout]);
        const state = new DownloadState(options());
        const outcome = replay(state, parse([stderr]).events, results, garbage, stalled);
        for (const module of outcome.modules) {
          assert.ok(['ok', 'cached', 'failed', 'stalled', 'skipped'].includes(module.status), `${module.path}: ${module.status}`);
          assert.ok(module.requests.length <= MAX_RECORDS_PER_MODULE && module.commands.length <= MAX_RECORDS_PER_MODULE);
        }
        assert.ok(
          outcome.otherRequests.length <= MAX_OTHER_REQUESTS &&
            outcome.unknownLines.length <= 50 &&
            outcome.garbage.length <= 50 &&
            outcome.goErrors.length <= 500,
        );
      }),
      fuzzRuns(200),
    );
  });

  it('reads every run as the state did before it was indexed (below the caps, where nothing is dropped)', () => {
    fc.assert(
      fc.property(run, ([stderr, stdout, stalled]) => {
        const { results, garbage } = splitJson([stdout]);
        const { events } = parse([stderr]);
        const indexed = replay(new DownloadState(options()), events, results, garbage, stalled);
        const reference = replay(new ReferenceDownloadState(options()), events, results, garbage, stalled);
        fc.pre(
          reference.otherRequests.length < MAX_OTHER_REQUESTS &&
            reference.modules.every((module) => module.requests.length < MAX_RECORDS_PER_MODULE && module.commands.length < MAX_RECORDS_PER_MODULE),
        );
        assert.deepStrictEqual(indexed, reference);
      }),
      fuzzRuns(200),
    );
  });

  it('names the failed module and the failed git command as the expressions did', () => {
    const piece = fc.constantFrom(
      'go: ',
      'verifying ',
      'module ',
      'a',
      'b/c',
      '@',
      '@v',
      'v1.0.0',
      ': ',
      ':',
      ' ',
      '\t',
      '\n',
      '\n\t',
      ' requires\n',
      ' requires',
      'git ',
      ' in ',
      '/tmp/x',
      ': exit status ',
      '128',
      'x@v1: ',
    );
    const errorText = fc.oneof(
      fc.array(piece, { maxLength: 24 }).map((parts) => parts.join('')),
      fc.constantFrom(...TRACE_DICTIONARY),
    );
    fc.assert(
      fc.property(errorText, (text) => {
        assert.deepStrictEqual(erroredModule(text), referenceErroredModule(text));
        const match = /(git [^\n]*?) in \S+: exit status (\d+)/.exec(text);
        assert.deepStrictEqual(failedGitCommand(text), match ? { command: match[1], exitCode: Number(match[2]) } : null);
      }),
      fuzzRuns(3000),
    );
  });

  it('regression: keeps the answered zip of a module past the per-module cap (evicting it turned a downloaded module into a skipped one)', () => {
    const base = `${PROXY}/example.com/many/@v/v1.0.0`;
    const state = new DownloadState({ proxyBases: [PROXY], requirements: [{ path: 'example.com/many', version: 'v1.0.0' }], now: () => 0 });
    const request = (url: string, status: number) => {
      state.applyTrace({ type: 'http-start', url });
      state.applyTrace({ type: 'http-done', url, status, statusText: '', seconds: 0.01 });
    };
    request(`${base}.zip`, 200);
    for (let retry = 0; retry < MAX_RECORDS_PER_MODULE; retry++) request(`${base}.info`, retry % 2 === 0 ? 200 : 304);
    state.finish({ stalled: false });
    const [module] = state.modules();
    assert.equal(module?.requests.length, MAX_RECORDS_PER_MODULE);
    assert.ok(
      module.requests.some((record) => record.url === `${base}.zip`),
      'the zip record is kept',
    );
    assert.equal(module.status, 'ok');
  });
});

describe('fuzz: linear time of the streaming side', function () {
  this.timeout(fuzzTimeout(30_000));

  /** The recorded traces, with every module renamed per copy, `scale` times as many copies. */
  function realTrace(scale: number, copies = 20): string {
    const parts: string[] = [];
    for (let copy = 0; copy < copies * scale; copy++) for (const trace of TRACES) parts.push(trace.stderr.replace(/example\.com\//g, `example.com/c${copy}/`));
    return parts.join('');
  }

  it('parses 8× a trace (recorded lines, 8× the modules) in at most 24× the time, in 64 KiB chunks', () => {
    assertLinear(
      'TraceParser on recorded lines',
      (scale) =>
        chunked(
          realTrace(scale),
          Array.from({ length: 30 * scale }, (_, index) => index * 65_536),
        ),
      (chunks: string[]) => parse(chunks),
    );
  });

  it('regression: follows git commands of 8× the modules in at most 24× the time (it scanned every module per command)', () => {
    const events = (scale: number) => {
      const list: TraceEvent[] = [];
      for (let index = 0; index < 150 * scale; index++) {
        const dir = `/gp/pkg/mod/cache/vcs/${index}`;
        const repo = `https://git.example.com/team${index}/repo`;
        list.push(
          { type: 'vcs-workdir', dir, vcs: 'git3', repo },
          { type: 'vcs-start', dir, command: `git ls-remote -q ${repo}` },
          { type: 'vcs-done', dir, command: `git ls-remote -q ${repo}`, seconds: 0.1 },
        );
        list.push({
          type: 'go-error',
          text: `go: module git.example.com/team${index}/repo: git ls-remote -q ${repo} in ${dir}: exit status 128:\n\tfatal: nope`,
        });
      }
      const requirements = Array.from({ length: 150 * scale }, (_, index) => ({ path: `git.example.com/team${index}/repo`, version: 'v1.0.0' }));
      return { list, requirements };
    };
    assertLinear('DownloadState with git commands', events, ({ list, requirements }: ReturnType<typeof events>) => {
      const state = new DownloadState({ proxyBases: [], requirements, now: () => 0 });
      for (const event of list) state.applyTrace(event);
    });
  });

  it('regression: takes a line that never ends in 16-character chunks in linear time (it rescanned the line so far per chunk)', () => {
    assertLinear(
      'TraceParser on one unending line',
      (scale) =>
        chunked(
          'z'.repeat(20_000 * scale),
          Array.from({ length: 1_250 * scale }, (_, index) => index * 16),
        ),
      (chunks: string[]) => parse(chunks),
    );
  });

  it('regression: attributes go errors full of `@` and `git … in` in linear time (two expressions backtracked quadratically)', () => {
    const texts = (scale: number) => [
      `go: ${'a@'.repeat(1_000 * scale)} requires\n\tb@v1: x`,
      `go: ${'a@v'.repeat(600 * scale)}`,
      `go: a@v1.0.0: ${'git  in x:'.repeat(200 * scale)}`,
      `verifying ${'@v'.repeat(900 * scale)}: x`,
    ];
    assertLinear('DownloadState on go errors', texts, (list: string[]) => {
      const state = new DownloadState({ proxyBases: [], requirements: [{ path: 'a', version: 'v1.0.0' }], now: () => 0 });
      for (let repeat = 0; repeat < 5; repeat++) for (const text of list) state.applyTrace({ type: 'go-error', text });
    });
  });

  it('regression: reads lines that end like a status line but have no `(` in linear time, in one push (the search for `(` ran past the line)', () => {
    assertLinear(
      'TraceParser on status lines without a duration',
      (scale) => '# get http://p/a: 200 OKs)\n'.repeat(1_500 * scale),
      (text: string) => parse([text]),
    );
  });

  it('splits 8× the -json output in at most 24× the time', () => {
    const stdout = TRACES.map((trace) => trace.stdout).join('');
    assertLinear(
      'JsonObjectStream',
      (scale) =>
        chunked(
          `${stdout.repeat(10 * scale)}${'garbage '.repeat(500 * scale)}`,
          Array.from({ length: 10 * scale }, (_, index) => index * 4_096),
        ),
      (chunks: string[]) => splitJson(chunks),
    );
  });
});
