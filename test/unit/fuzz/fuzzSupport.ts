// Shared by the fuzz tests: how many inputs to try, the seeds (recorded real traces, real go.mod
// texts, real error texts), mutations of those seeds, and a linear-time check by ratio.
//
// Short mode (the unit suite): a few hundred inputs per property from a fixed seed, so the suite is
// reproducible. Long mode (`npm run fuzz`): FUZZ_RUNS inputs per property (100,000 by default there)
// from a random seed, printed by fast-check when something fails; FUZZ_SEED replays one.

import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TraceParser } from '../../../src/core/trace';

const SHORT_SEED = 20_261_122;

export const LONG_MODE = process.env.FUZZ_RUNS !== undefined && process.env.FUZZ_RUNS !== '';

/** fast-check parameters: `short` runs in the unit suite, FUZZ_RUNS in long mode. */
export function fuzzRuns(short: number): { numRuns: number; seed?: number } {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : LONG_MODE ? undefined : SHORT_SEED;
  const numRuns = LONG_MODE ? Math.max(1, Number(process.env.FUZZ_RUNS)) : short;
  return seed === undefined ? { numRuns } : { numRuns, seed };
}

/** Mocha timeout for a property: generous in long mode, where a property runs for minutes. */
export function fuzzTimeout(shortMs: number): number {
  return LONG_MODE ? 0 : shortMs;
}

// ---- seeds --------------------------------------------------------------------------------

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'traces');
const CORPUS = path.join(__dirname, 'corpus');

export interface RecordedTrace {
  name: string;
  stderr: string;
  stdout: string;
  proxies: string[];
  goMod: string;
}

export function recordedTraces(): RecordedTrace[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.stderr'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.stderr$/, '');
      const read = (ext: string) => readFileSync(path.join(FIXTURES, `${name}.${ext}`), 'utf8');
      const meta = JSON.parse(read('json')) as { proxies: string[]; goMod: string };
      return { name, stderr: read('stderr'), stdout: read('stdout'), proxies: meta.proxies, goMod: meta.goMod };
    });
}

/** Real go.mod and go.work texts: Go's own (corpus/gomod.json) and the recorded scenarios'. */
export function goModTexts(): string[] {
  const corpus = JSON.parse(readFileSync(path.join(CORPUS, 'gomod.json'), 'utf8')) as { files: { text: string }[] };
  return [...corpus.files.map((file) => file.text), ...recordedTraces().map((trace) => trace.goMod)];
}

/** Verbatim pieces of Go's, git's and ssh's error messages (corpus/errorFragments.json). */
export function errorFragments(): string[] {
  return (JSON.parse(readFileSync(path.join(CORPUS, 'errorFragments.json'), 'utf8')) as { fragments: string[] }).fragments;
}

/** The `go: …` error blocks of the recorded traces, as the parser hands them to the classifier. */
export function recordedErrors(): string[] {
  const errors: string[] = [];
  for (const trace of recordedTraces()) {
    const parser = new TraceParser((event) => {
      if (event.type === 'go-error') errors.push(event.text);
    });
    parser.push(trace.stderr);
    parser.end();
  }
  return errors;
}

export function linesOf(texts: string[]): string[] {
  return [...new Set(texts.flatMap((text) => text.split('\n')).filter((line) => line !== ''))];
}

// ---- mutations ----------------------------------------------------------------------------

/** Odd characters and tokens that parsers trip on. */
export const ODD_TOKENS = [
  '\r',
  '\t',
  '\v',
  '\f',
  '\u3000',
  '\n',
  '\n\n',
  ' ',
  '\u0000',
  '\u00a0',
  '\u2028',
  '\ufeff',
  'ÿ',
  '😀',
  '\ud800',
  '"',
  '`',
  '\\',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  ': ',
  '@',
  '@v',
  '/',
  '//',
  '/*',
  '%21',
  '%',
  '…',
  'v1.2.3',
  'v0.0.0-20240101000000-abcdefabcdef',
  '+incompatible',
  '=>',
];

type Mutation =
  | { kind: 'delete-lines'; at: number; count: number }
  | { kind: 'duplicate-line'; at: number; times: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'insert-line'; at: number; text: string }
  | { kind: 'insert-text'; at: number; text: string }
  | { kind: 'delete-text'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'crlf' };

function mutation(dictionary: string[]): fc.Arbitrary<Mutation> {
  const position = fc.nat({ max: 1_000_000 });
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...dictionary) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_TOKENS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  return fc.oneof(
    fc.record({ kind: fc.constant('delete-lines' as const), at: position, count: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('duplicate-line' as const), at: position, times: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant('swap-lines' as const), a: position, b: position }),
    fc.record({ kind: fc.constant('insert-line' as const), at: position, text }),
    fc.record({ kind: fc.constant('insert-text' as const), at: position, text }),
    fc.record({ kind: fc.constant('delete-text' as const), at: position, count: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: position }),
    fc.record({ kind: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 16 }), times: fc.integer({ min: 2, max: 400 }) }),
    fc.constant({ kind: 'crlf' as const }),
  );
}

export function applyMutation(text: string, change: Mutation): string {
  const lines = text.split('\n');
  const line = (at: number) => at % Math.max(1, lines.length);
  const char = (at: number) => at % (text.length + 1);
  switch (change.kind) {
    case 'delete-lines':
      lines.splice(line(change.at), change.count);
      return lines.join('\n');
    case 'duplicate-line': {
      const index = line(change.at);
      lines.splice(index, 0, ...Array<string>(change.times).fill(lines[index] ?? ''));
      return lines.join('\n');
    }
    case 'swap-lines': {
      const a = line(change.a);
      const b = line(change.b);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'insert-line':
      lines.splice(line(change.at), 0, change.text);
      return lines.join('\n');
    case 'insert-text':
      return text.slice(0, char(change.at)) + change.text + text.slice(char(change.at));
    case 'delete-text':
      return text.slice(0, char(change.at)) + text.slice(char(change.at) + change.count);
    case 'truncate':
      return text.slice(0, char(change.at));
    case 'repeat': {
      const start = char(change.at);
      const piece = text.slice(start, start + change.length) || 'x';
      return text.slice(0, start) + piece.repeat(change.times) + text.slice(start);
    }
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
  }
}

/** A seed from the corpus with up to `maxChanges` mutations applied (none, sometimes: the seed itself). */
export function mutated(seeds: string[], dictionary: string[], maxChanges = 6): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation(dictionary), { maxLength: maxChanges }))
    .map(([seed, changes]) => changes.reduce(applyMutation, seed));
}

/** Where to cut a text into chunks: the same text, split at these (sorted, deduplicated) offsets. */
export const chunkCuts = fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 24 });

export function chunked(text: string, cuts: number[]): string[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let previous = 0;
  for (const offset of offsets) {
    chunks.push(text.slice(previous, offset));
    previous = offset;
  }
  chunks.push(text.slice(previous));
  return chunks;
}

// ---- linear time --------------------------------------------------------------------------

/**
 * How much longer `run(8×)` takes than `run(1×)`. The 1× input runs 8 times in a row, so that both
 * timed blocks do the same amount of work if the code is linear and last about as long: a busy
 * machine then disturbs both alike. Blocks alternate in order, after a warm-up; the best of each
 * is kept. Linear code gives about 8 and quadratic code 64; the tests allow 24, which a loaded
 * machine (other suites running beside this one measured 19.5) stays under and a quadratic step
 * never does. A ratio, never an absolute time.
 */
export function growthRatio(build: (scale: number) => unknown, run: (input: never) => void, { rounds = 7, factor = 8 } = {}): number {
  const small = build(1) as never;
  const large = build(factor) as never;
  const smallBlock = () => {
    for (let repeat = 0; repeat < factor; repeat++) run(small);
  };
  const time = (block: () => void) => {
    const start = process.hrtime.bigint();
    block();
    return Number(process.hrtime.bigint() - start);
  };
  smallBlock();
  run(large);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      bestSmall = Math.min(bestSmall, time(smallBlock));
      bestLarge = Math.min(
        bestLarge,
        time(() => run(large)),
      );
    } else {
      bestLarge = Math.min(
        bestLarge,
        time(() => run(large)),
      );
      bestSmall = Math.min(bestSmall, time(smallBlock));
    }
  }
  return (factor * bestLarge) / Math.max(bestSmall, 1);
}

export const LINEAR_BUDGET = 24;

/**
 * Asserts that 8× the input takes at most LINEAR_BUDGET × the time. FUZZ_VERBOSE=1 prints every
 * ratio, to see how close a run came.
 */
export function assertLinear(what: string, build: (scale: number) => unknown, run: (input: never) => void): void {
  const ratio = growthRatio(build, run);
  if (process.env.FUZZ_VERBOSE) console.log(`      ${what}: 8× the input took ${ratio.toFixed(1)}× the time`);
  if (ratio > LINEAR_BUDGET) throw new Error(`${what}: 8× the input took ${ratio.toFixed(1)}× the time (budget ${LINEAR_BUDGET}×)`);
}
