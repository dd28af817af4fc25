// Fuzzing the go.mod / go.work parser with Go's own go.mod texts (and the recorded scenarios'),
// mutated, and with generated ones. Properties: it never throws (nor hits its own guard); every
// position it reports is inside the text; the spans of requirements cover exactly their tokens;
// "\r" is blank space (CRLF files read the same); linear time.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseGoMod, parseGoWork, type GoModFile, type Span } from '../../../src/core/gomod';
import { fuzzRuns, fuzzTimeout, goModTexts, assertLinear, linesOf, mutated } from './fuzzSupport';

const SEEDS = goModTexts();
const TOKENS = [
  'module',
  'go',
  'toolchain',
  'godebug',
  'require',
  'exclude',
  'replace',
  'retract',
  'tool',
  'ignore',
  'use',
  '(',
  ')',
  '[',
  ']',
  ',',
  '=>',
  '// indirect',
  '// Deprecated: use v2',
  '"',
  '`',
  '"example.com/q\\u00e9"',
  'example.com/a',
  'example.com/a/v2',
  'gopkg.in/yaml.v3',
  'v1.2.3',
  'v2.0.0+incompatible',
  'v0.0.0-20240101000000-abcdefabcdef',
  'v1.2',
  '1.21',
  '1.21.0',
  'go1.22.1',
  'default',
  '../local',
  '/abs',
  'C:\\dir',
  'key=value',
  '/*',
  '*/',
];
const DICTIONARY = [...linesOf(SEEDS), ...TOKENS];

const generatedLine = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('require', 'exclude', '\t', 'require ('),
      fc.constantFrom('example.com/a', 'example.com/a/v2', '"example.com/b"', 'gopkg.in/x.v1', 'bad path', ''),
      fc.constantFrom('v1.2.3', 'v2.0.0', 'v1.0.0+meta', 'v1.2', '"v1.0.0"', ''),
      fc.constantFrom('', ' // indirect', ' // indirect; x', ' //'),
    )
    .map((parts) => parts.join(' ')),
  fc
    .tuple(
      fc.constantFrom('replace', '\t'),
      fc.constantFrom('example.com/a', 'example.com/a v1.0.0'),
      fc.constantFrom('=>', '=', ''),
      fc.constantFrom('../a', 'example.com/b v1.0.0', 'example.com/b@v1.0.0', 'example.com/b'),
    )
    .map((parts) => parts.join(' ')),
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 30 }),
);

const goModText = fc.oneof(
  { weight: 4, arbitrary: mutated(SEEDS, DICTIONARY) },
  { weight: 2, arbitrary: fc.array(generatedLine, { maxLength: 30 }).map((lines) => lines.join('\n')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

function checkSpan(span: Span, lines: string[], what: string): void {
  assert.ok(Number.isInteger(span.line) && span.line >= 1 && span.line <= lines.length, `${what}: line ${span.line} of ${lines.length}`);
  const length = lines[span.line - 1]!.length;
  assert.ok(
    span.column >= 1 && span.column <= span.endColumn && span.endColumn <= length + 1,
    `${what}: columns ${span.column}-${span.endColumn} on a line of ${length}`,
  );
}

function checkPositions(parsed: GoModFile | ReturnType<typeof parseGoWork>, text: string): void {
  const lines = text.split('\n');
  for (const error of parsed.errors) {
    checkSpan(error, lines, `error "${error.message}"`);
    assert.doesNotMatch(error.message, /^internal error/, 'the parser threw and its guard caught it');
  }
  for (const replace of parsed.replaces) {
    checkSpan(replace.pathSpan, lines, 'replace path');
    checkSpan(replace.lineSpan, lines, 'replace line');
  }
  if (!('requires' in parsed)) return;
  for (const require of parsed.requires) {
    for (const span of [require.pathSpan, require.versionSpan, require.lineSpan]) checkSpan(span, lines, `require ${require.path}`);
    const raw = lines[require.line - 1]!.slice(require.pathSpan.column - 1, require.pathSpan.endColumn - 1);
    assert.ok(raw === require.path || (raw.startsWith('"') && raw.endsWith('"')), `the path span holds ${JSON.stringify(raw)}, not ${require.path}`);
    // A canonical version, or what go resolves itself (a query, a branch, a commit): the raw token, unquoted.
    const rawVersion = lines[require.line - 1]!.slice(require.versionSpan.column - 1, require.versionSpan.endColumn - 1);
    assert.ok(
      /^v\d+\.\d+\.\d+/.test(require.version) || rawVersion === require.version || rawVersion.startsWith('"'),
      `version ${require.version} from ${rawVersion}`,
    );
  }
  if (parsed.module) checkSpan(parsed.module.pathSpan, lines, 'module path');
}

/** What must not change when every newline becomes CRLF ("\r" is blank space to Go). */
function essentials(parsed: GoModFile) {
  return {
    module: parsed.module?.path ?? null,
    go: parsed.go?.version ?? null,
    requires: parsed.requires.map(({ path, version, indirect, line, pathSpan }) => ({ path, version, indirect, line, column: pathSpan.column })),
    replaces: parsed.replaces.map(({ oldPath, oldVersion, newPath, newVersion, line }) => ({ oldPath, oldVersion, newPath, newVersion, line })),
    errors: parsed.errors.map(({ line, column, message }) => ({ line, column, message })),
  };
}

describe('fuzz: go.mod parser', function () {
  this.timeout(fuzzTimeout(20_000));

  it('never throws, and every position it reports is inside the text', () => {
    fc.assert(
      fc.property(goModText, (text) => {
        checkPositions(parseGoMod(text), text);
        checkPositions(parseGoWork(text), text);
      }),
      fuzzRuns(400),
    );
  });

  it('reads a CRLF file as the same file', () => {
    fc.assert(
      fc.property(goModText, (text) => {
        fc.pre(!text.includes('\r'));
        assert.deepStrictEqual(essentials(parseGoMod(text.replace(/\n/g, '\r\n'))), essentials(parseGoMod(text)));
      }),
      fuzzRuns(300),
    );
  });

  it('finds every requirement of the real go.mod files it reads without errors', () => {
    /** A naive second reading: `require a v` lines and two-word lines of `require (` blocks. */
    const naive = (text: string) => {
      let block: string | null = null;
      let count = 0;
      for (const line of text.split('\n')) {
        const words = line
          .replace(/\/\/.*$/, '')
          .trim()
          .split(/\s+/)
          .filter(Boolean);
        if (block !== null) {
          if (words[0] === ')') block = null;
          else if (block === 'require' && words.length === 2) count++;
        } else if (words.length === 2 && words[1] === '(') block = words[0]!;
        else if (words[0] === 'require' && words.length === 3) count++;
      }
      return count;
    };
    let clean = 0;
    for (const text of SEEDS) {
      const parsed = parseGoMod(text);
      checkPositions(parsed, text);
      if (parsed.errors.length > 0) continue;
      clean++;
      assert.equal(parsed.requires.length, naive(text), text);
    }
    assert.ok(clean >= SEEDS.length / 2, `only ${clean} of ${SEEDS.length} real files read without errors`);
  });

  it('parses 8× the requirements, comments, blank lines and an unterminated block in at most 24× the time', () => {
    const block = SEEDS.find((text) => text.includes('require (')) ?? SEEDS[0]!;
    const build = (scale: number) => {
      const requires = Array.from({ length: 250 * scale }, (_, index) => `\texample.com/m${index} v1.0.${index} // indirect`).join('\n');
      return [
        `module example.com/app\n\ngo 1.21\n\nrequire (\n${requires}\n)\n`,
        `${'// a comment line\n\n'.repeat(250 * scale)}module example.com/app\n`,
        `require (\n${'"unterminated\n'.repeat(250 * scale)}`,
        `require ${'a '.repeat(500 * scale)}\n`,
        block.repeat(scale * 4),
      ];
    };
    assertLinear('parseGoMod', build, (texts: string[]) => texts.forEach((text) => parseGoMod(text)));
  });
});
