import { strict as assert } from 'node:assert';
import { findReplace, findRequire, parseGoMod, parseGoWork, type GoModFile } from '../../src/core/gomod';

/** Parses text that must be free of errors. */
function clean(text: string): GoModFile {
  const mod = parseGoMod(text);
  assert.deepEqual(mod.errors, [], `unexpected errors for:\n${text}`);
  return mod;
}

const errorsOf = (text: string): [number, number, string][] => parseGoMod(text).errors.map((e) => [e.line, e.column, e.message]);

/** Deterministic PRNG (mulberry32) so a fuzz failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseGoMod: directives', () => {
  const rows: { name: string; text: string; pick: (m: GoModFile) => unknown; want: unknown }[] = [
    { name: 'module, single line', text: 'module example.com/m\n', pick: (m) => [m.module?.path, m.module?.line], want: ['example.com/m', 1] },
    { name: 'module with a Go-escaped quoted path', text: 'module "example.com/\\u006d\\x2fx"', pick: (m) => m.module?.path, want: 'example.com/m/x' },
    { name: 'module in block form', text: 'module (\n\texample.com/m\n)\n', pick: (m) => [m.module?.path, m.module?.line], want: ['example.com/m', 2] },
    {
      name: 'go and toolchain',
      text: 'go 1.21rc1\ntoolchain go1.22.3\n',
      pick: (m) => [m.go, m.toolchain],
      want: [
        { version: '1.21rc1', line: 1, lineSpan: { line: 1, column: 1, endColumn: 11 } },
        { name: 'go1.22.3', line: 2, lineSpan: { line: 2, column: 1, endColumn: 19 } },
      ],
    },
    { name: 'toolchain default', text: 'toolchain default', pick: (m) => m.toolchain?.name, want: 'default' },
    {
      name: 'godebug single and block, value keeps later =',
      text: 'godebug panicnil=1\ngodebug (\n\tdefault=go1.21\n\tx=a=b\n)\n',
      pick: (m) => m.godebug.map((g) => [g.key, g.value, g.line]),
      want: [
        ['panicnil', '1', 1],
        ['default', 'go1.21', 3],
        ['x', 'a=b', 4],
      ],
    },
    {
      name: 'require single line and block, with inBlock',
      text: 'require example.com/a v1.0.0\nrequire (\n\texample.com/b v1.2.3\n\texample.com/c v0.1.0\n)\n',
      pick: (m) => m.requires.map((r) => [r.path, r.version, r.line, r.inBlock]),
      want: [
        ['example.com/a', 'v1.0.0', 1, false],
        ['example.com/b', 'v1.2.3', 3, true],
        ['example.com/c', 'v0.1.0', 4, true],
      ],
    },
    {
      name: 'several blocks of the same directive',
      text: 'require (\n\texample.com/a v1.0.0\n)\n\nrequire (\n\texample.com/b v1.0.0 // indirect\n)\nexclude (\n\texample.com/a v0.9.0\n)\nexclude (\n\texample.com/a v0.9.1\n)\n',
      pick: (m) => [m.requires.map((r) => r.path), m.excludes.map((e) => e.version)],
      want: [
        ['example.com/a', 'example.com/b'],
        ['v0.9.0', 'v0.9.1'],
      ],
    },
    {
      name: '// indirect marking follows rule.go isIndirect',
      text: 'require (\n\ta.com/a v1.0.0 // indirect\n\ta.com/b v1.0.0 //indirect\n\ta.com/c v1.0.0 // indirect; for tests\n\ta.com/d v1.0.0 // indirect for tests\n\ta.com/e v1.0.0 // Indirect\n\ta.com/f v1.0.0 // indirect;\n\ta.com/g v1.0.0\n)\n',
      pick: (m) => m.requires.map((r) => r.indirect),
      want: [true, true, true, false, false, false, false],
    },
    {
      name: 'quoted version, pseudo-version, +incompatible, prerelease; other build metadata dropped as Go does',
      text: 'require (\n\ta.com/a "v1.0.0"\n\ta.com/b v0.0.0-20191109021931-daa7c04131f5\n\ta.com/c v2.0.1+incompatible\n\ta.com/d v1.0.0-rc.1\n\ta.com/e v1.0.0+build.5\n)\n',
      pick: (m) => m.requires.map((r) => r.version),
      want: ['v1.0.0', 'v0.0.0-20191109021931-daa7c04131f5', 'v2.0.1+incompatible', 'v1.0.0-rc.1', 'v1.0.0'],
    },
    {
      name: 'major-version suffixes: /v2 and gopkg.in .vN',
      text: 'require (\n\texample.com/a/v2 v2.3.0\n\tgopkg.in/yaml.v3 v3.0.1\n\tgopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405\n)\n',
      pick: (m) => m.requires.map((r) => r.path),
      want: ['example.com/a/v2', 'gopkg.in/yaml.v3', 'gopkg.in/check.v1'],
    },
    {
      name: 'replace: every shape of old and new side',
      text: [
        'replace example.com/a => ../a',
        'replace example.com/b v1.0.0 => ./b',
        'replace example.com/c => example.com/cc v1.1.0',
        'replace example.com/d v1.0.0 => example.com/dd v1.2.0',
        'replace example.com/e => /abs/e',
        'replace example.com/f => C:\\src\\f',
        'replace example.com/g => .',
      ].join('\n'),
      pick: (m) => m.replaces.map((r) => [r.oldPath, r.oldVersion, r.newPath, r.newVersion]),
      want: [
        ['example.com/a', null, '../a', null],
        ['example.com/b', 'v1.0.0', './b', null],
        ['example.com/c', null, 'example.com/cc', 'v1.1.0'],
        ['example.com/d', 'v1.0.0', 'example.com/dd', 'v1.2.0'],
        ['example.com/e', null, '/abs/e', null],
        ['example.com/f', null, 'C:\\src\\f', null],
        ['example.com/g', null, '.', null],
      ],
    },
    {
      name: 'replace block',
      text: 'replace (\n\texample.com/a => ../a\n\texample.com/b v1.0.0 => example.com/c v1.0.1\n)\n',
      pick: (m) => m.replaces.map((r) => [r.oldPath, r.line]),
      want: [
        ['example.com/a', 2],
        ['example.com/b', 3],
      ],
    },
    {
      name: 'exclude single and block',
      text: 'exclude example.com/a v1.0.0\nexclude (\n\texample.com/b v1.1.0\n)\n',
      pick: (m) => m.excludes,
      want: [
        { path: 'example.com/a', version: 'v1.0.0', line: 1 },
        { path: 'example.com/b', version: 'v1.1.0', line: 3 },
      ],
    },
    {
      name: 'retract single version and interval',
      text: 'retract v1.0.1\nretract [v1.0.0, v1.2.0]\n',
      pick: (m) => m.retracts.map((r) => [r.low, r.high, r.line]),
      want: [
        ['v1.0.1', 'v1.0.1', 1],
        ['v1.0.0', 'v1.2.0', 2],
      ],
    },
    {
      name: 'retract rationale: comments above and trailing',
      text: '// Published too early.\n// Use v1.0.2.\nretract v1.0.1 // really\n\n// separated by a blank line\n\nretract v1.0.3\n',
      pick: (m) => m.retracts.map((r) => r.rationale),
      want: ['Published too early.\nUse v1.0.2.\nreally', ''],
    },
    {
      name: "retract rationale: block lines without comments take the block's, unless a blank line precedes them (as Go)",
      text: '// bad builds\nretract (\n\tv1.0.0\n\n\tv1.1.0\n\t// own reason\n\tv1.2.0\n\t[v1.3.0, v1.3.5] // trailing\n)\n',
      pick: (m) => m.retracts.map((r) => r.rationale),
      want: ['bad builds', '', 'own reason', 'trailing'],
    },
    {
      name: 'tool and ignore, single and block',
      text: 'tool golang.org/x/tools/cmd/stringer\ntool (\n\texample.com/gen\n)\nignore ./node_modules\nignore (\n\t"./with space"\n\t"./q\\"uote"\n)\n',
      pick: (m) => [m.tools, m.ignores],
      want: [
        [
          { path: 'golang.org/x/tools/cmd/stringer', line: 1 },
          { path: 'example.com/gen', line: 3 },
        ],
        [
          { path: './node_modules', line: 5 },
          { path: './with space', line: 7 },
          { path: './q"uote', line: 8 },
        ],
      ],
    },
    {
      name: 'comments anywhere, including one glued to a token and after each block paren',
      text: '// head\nmodule example.com/m // trailing\n\nrequire ( // opens\n\t// inside\n\texample.com/a v1.0.0//indirect\n\texample.com/b v1.0.0 // after\n) // closes\n// tail',
      pick: (m) => [m.module?.path, m.requires.map((r) => [r.path, r.indirect]), m.errors],
      want: [
        'example.com/m',
        [
          ['example.com/a', true],
          ['example.com/b', false],
        ],
        [],
      ],
    },
    {
      name: 'empty block',
      text: 'require ()\nrequire ( )\n',
      pick: (m) => [m.requires.length, m.errors.length],
      want: [0, 0],
    },
    { name: 'empty and blank inputs', text: '\n\n  \t\n', pick: (m) => [m.module, m.errors.length], want: [null, 0] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const mod = parseGoMod(row.text);
      assert.deepEqual(row.pick(mod), row.want);
    });
  }

  it('the whole of a typical go.mod has no errors', () => {
    const mod = clean(
      'module example.com/m\n\ngo 1.22.1\n\ntoolchain go1.22.3\n\nrequire (\n\tgithub.com/a/b v1.4.0\n\tgolang.org/x/mod v0.17.0 // indirect\n)\n',
    );
    assert.deepEqual([mod.module?.path, mod.go?.version, mod.requires.length], ['example.com/m', '1.22.1', 2]);
  });
});

describe('parseGoMod: Deprecated comment on the module', () => {
  const rows: [string, string, string | null][] = [
    ['comment directly above', '// Deprecated: use example.com/b\nmodule example.com/m', 'use example.com/b'],
    ['trailing comment', 'module example.com/m // Deprecated: trailing', 'trailing'],
    ['paragraph among others, ended by an empty //', '// intro\n//\n// Deprecated: gone\n// for good\n//\n// after\nmodule example.com/m', 'gone\nfor good'],
    ['not at the start of a paragraph', '// intro\n// Deprecated: no\nmodule example.com/m', null],
    ['separated from the module by a blank line', '// Deprecated: far\n\nmodule example.com/m', null],
    ['empty message', '// Deprecated:\nmodule example.com/m', null],
    ['no comment', 'module example.com/m', null],
  ];
  for (const [name, text, want] of rows) {
    it(name, () => assert.equal(clean(text).module?.deprecated, want));
  }
});

describe('parseGoMod: positions', () => {
  it('records path, version and line spans for a single-line require, excluding the comment', () => {
    const [r] = clean('require example.com/a v1.0.0 // indirect\n').requires;
    assert.deepEqual(
      [r?.pathSpan, r?.versionSpan, r?.lineSpan],
      [
        { line: 1, column: 9, endColumn: 22 },
        { line: 1, column: 23, endColumn: 29 },
        { line: 1, column: 1, endColumn: 29 },
      ],
    );
  });

  it('records spans for a tab-indented block line', () => {
    const r = clean('module m\n\nrequire (\n\t  example.com/a   v1.0.0\n)\n').requires[0];
    assert.deepEqual([r?.line, r?.pathSpan, r?.lineSpan], [4, { line: 4, column: 4, endColumn: 17 }, { line: 4, column: 4, endColumn: 26 }]);
  });

  it('spans of a quoted path cover the raw token, quotes and escapes included', () => {
    const r = clean('require "example.com/\\u0061" v1.0.0').requires[0];
    assert.deepEqual([r?.path, r?.pathSpan, r?.versionSpan.column], ['example.com/a', { line: 1, column: 9, endColumn: 29 }, 30]);
  });

  it('records the replace old-path span and the module path span', () => {
    const mod = clean('module   example.com/m\nreplace example.com/a v1.0.0 => ../a\n');
    assert.deepEqual(mod.module?.pathSpan, { line: 1, column: 10, endColumn: 23 });
    assert.deepEqual(
      [mod.replaces[0]?.pathSpan, mod.replaces[0]?.lineSpan],
      [
        { line: 2, column: 9, endColumn: 22 },
        { line: 2, column: 1, endColumn: 37 },
      ],
    );
  });

  it('counts columns in UTF-16 code units, as an editor does', () => {
    // "😀" is two UTF-16 units: the \x01 after "junk😀 x" sits at offset 8.
    assert.deepEqual(errorsOf('module m\njunk😀 x\x01'), [[2, 9, "unexpected input character '\\x01'"]]);
  });

  it('parses CRLF files exactly like LF files, without counting the \\r', () => {
    const lf = 'module example.com/m // Deprecated: old\n\nrequire (\n\texample.com/a v1.0.0 // indirect\n)\nretract v1.0.0 // oops\n';
    const crlf = parseGoMod(lf.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf, clean(lf));
    assert.deepEqual([crlf.requires[0]?.lineSpan.endColumn, crlf.retracts[0]?.rationale], [22, 'oops']);
  });
});

describe('parseGoMod: errors (message as Go words it, line, column)', () => {
  const rows: [string, string, [number, number, string][]][] = [
    ['unknown directive', 'module m\nrequires example.com/a v1.0.0', [[2, 1, 'unknown directive: requires']]],
    [
      'unknown block type, its lines skipped',
      'module m\ngo (\n\t1.21\n)\nrequire x.com/a (\n)',
      [
        [2, 1, 'unknown block type: go'],
        [5, 1, 'unknown block type: require x.com/a'],
      ],
    ],
    [
      'block opened and never closed',
      'module m\nrequire (\n\texample.com/a v1.0.0\n',
      [[2, 1, "syntax error (unterminated block started at line 2; missing ')')"]],
    ],
    ['missing version, single line', 'require example.com/a', [[1, 1, 'usage: require module/path v1.2.3']]],
    ['missing version, in a block', 'require (\n\texample.com/a\n)', [[2, 2, 'usage: require module/path v1.2.3']]],
    ['stray )', 'module m\n)\n', [[2, 1, "syntax error (unexpected ')': no block is open)"]]],
    ['text after a closing paren', 'require (\n\texample.com/a v1.0.0\n) x', [[3, 3, 'syntax error (expected newline after closing paren)']]],
    ['unterminated string before a newline', 'require "example.com/a v1.0.0\nmodule m', [[1, 9, 'unexpected newline in string']]],
    ['unterminated string at end of file', 'module m\nrequire example.com/a `v1.0.0', [[2, 23, 'unexpected EOF in string']]],
    ['binary bytes', 'module m\n\x00\x01\x02\ngo 1.21', [[2, 1, "unexpected input character '\\x00'"]]],
    ['non-breaking space is not blank space in Go', 'module\u00a0m', [[1, 7, "unexpected input character '\\u00a0'"]]],
    ['/* comments', 'module m /* old */', [[1, 10, 'mod files must use // comments (not /* */ comments)']]],
    [
      'backquoted path: the lexer takes it, rule.go refuses it',
      'require `example.com/a` v1.0.0',
      [[1, 9, 'invalid quoted string: unquoted string cannot contain quote']],
    ],
    ['quote inside an unquoted token', "require example.com/'a' v1.0.0", [[1, 9, 'invalid quoted string: unquoted string cannot contain quote']]],
    [
      'invalid escapes in a quoted path: unknown, surrogate, octal over \\377',
      'require "example.com/\\q" v1.0.0\nrequire "example.com/\\ud800" v1.0.0\nrequire "example.com/\\400" v1.0.0',
      [
        [1, 9, 'invalid quoted string: invalid syntax'],
        [2, 9, 'invalid quoted string: invalid syntax'],
        [3, 9, 'invalid quoted string: invalid syntax'],
      ],
    ],
    [
      'major version must match the path',
      'require a.com/x/v2 v1.0.0\nrequire a.com/y v2.0.0\nexclude gopkg.in/yaml.v2 v3.0.0',
      [
        [1, 20, 'require a.com/x/v2: version "v1.0.0" invalid: should be v2, not v1'],
        [2, 17, 'require a.com/y: version "v2.0.0" invalid: should be v0 or v1, not v2'],
        [3, 26, 'exclude gopkg.in/yaml.v2: version "v3.0.0" invalid: should be v2, not v3'],
      ],
    ],
    [
      'malformed major suffix',
      'require a.com/x/v1 v1.0.0\nrequire gopkg.in/yaml v1.0.0\nrequire a.com/y/v0 v0.1.0',
      [
        [1, 9, 'require a.com/x/v1: invalid module path'],
        [2, 9, 'require gopkg.in/yaml: invalid module path'],
        [3, 9, 'require a.com/y/v0: invalid module path'],
      ],
    ],
    [
      'repeated module, go and toolchain',
      'module a\nmodule b\ngo 1.21\ngo 1.22\ntoolchain go1.21.0\ntoolchain go1.22.0',
      [
        [2, 1, 'repeated module statement'],
        [4, 1, 'repeated go statement'],
        [6, 1, 'repeated toolchain statement'],
      ],
    ],
    [
      'bad go and toolchain values',
      'go 1.21.0.1\ngo\ntoolchain 1.21',
      [
        [1, 4, "invalid go version '1.21.0.1': must match format 1.23.0"],
        [2, 1, 'go directive expects exactly one argument'],
        [3, 11, "invalid toolchain version '1.21': must match format go1.23.0 or default"],
      ],
    ],
    [
      'godebug without = or with a quote',
      'godebug x\ngodebug "a=b"',
      [
        [1, 1, 'usage: godebug key=value'],
        [2, 1, 'usage: godebug key=value'],
      ],
    ],
    [
      'replace mistakes',
      'replace a.com/x\nreplace a.com/x => a.com/y\nreplace a.com/x => a.com/y@v1.0.0\nreplace a.com/x => ../y v1.0.0',
      [
        [1, 1, 'usage: replace module/path [v1.2.3] => other/module v1.4 or replace module/path [v1.2.3] => ../local/directory'],
        [2, 20, 'replacement module without version must be directory path (rooted or starting with . or ..)'],
        [3, 20, "replacement module must match format 'path version', not 'path@version'"],
        [4, 25, 'replacement module directory path "../y" cannot have version'],
      ],
    ],
    [
      'retract mistakes',
      'retract\nretract [v1.0.0 v1.2.0]\nretract [v1.0.0,\nretract [v1.0.0, v1.2.0\nretract v1.0.0 extra',
      [
        [1, 1, "expected '[' or version"],
        [2, 1, "expected ',' after version"],
        [3, 1, "expected version after ','"],
        [4, 1, "expected ']' after version"],
        [5, 16, 'unexpected token after version: "extra"'],
      ],
    ],
    [
      'tool and ignore take exactly one argument',
      'tool\nignore a b',
      [
        [1, 1, 'tool directive expects exactly one argument'],
        [2, 1, 'ignore directive expects exactly one argument'],
      ],
    ],
  ];
  for (const [name, text, want] of rows) {
    it(name, () => assert.deepEqual(errorsOf(text), want));
  }

  it('keeps going after errors: good lines around bad ones are still parsed', () => {
    const mod = parseGoMod('module example.com/m\nbogus\nrequire (\n\texample.com/a\n\texample.com/b v1.0.0\n\t\x07\n)\n)\nrequire example.com/c v1.0.0\n');
    assert.deepEqual(
      mod.requires.map((r) => r.path),
      ['example.com/b', 'example.com/c'],
    );
    assert.deepEqual(
      mod.errors.map((e) => e.line),
      [2, 4, 6, 8],
    );
  });

  it('gives every error an editor range on its line', () => {
    const mod = parseGoMod('require "example.com/a v1.0.0\nrequire example.com/a/v2 v1.0.0\n');
    assert.deepEqual(
      mod.errors.map((e) => [e.line, e.column, e.endColumn]),
      [
        [1, 9, 30],
        [2, 26, 32],
      ],
    );
  });

  // Checked against go 1.26.8: `go mod download` reads go.mod with a version fixer (it resolves a
  // query such as latest, a branch or a commit, and says what it cannot resolve: "go.mod:5: …"),
  // and modfile does not judge module paths (go does, when it uses one: "malformed module path").
  // A parser stricter than go would report "go.mod cannot be parsed" where go gives a precise answer.
  it('accepts what go accepts: versions go resolves itself, and paths only go judges', () => {
    const text =
      'module ""\nrequire (\n\ta.com/a v1\n\ta.com/b 1.0.0\n\ta.com/c master\n\ta.com/d v1.0.0-01\n\ta.com/e 4d3f2a1\n\t"a.com/x y" v1.0.0\n\t/a.com v1.0.0\n\t.example.com/x v1.0.0\n\texa$mple.com/x v1.0.0\n)\nreplace a.com/x => a.com/y latest\nexclude a.com/z latest\nretract [v1.0.0, latest]\n';
    const mod = parseGoMod(text);
    assert.deepEqual(mod.errors, []);
    assert.deepEqual(
      mod.requires.map((r) => [r.path, r.version]),
      [
        ['a.com/a', 'v1'],
        ['a.com/b', '1.0.0'],
        ['a.com/c', 'master'],
        ['a.com/d', 'v1.0.0-01'],
        ['a.com/e', '4d3f2a1'],
        ['a.com/x y', 'v1.0.0'],
        ['/a.com', 'v1.0.0'],
        ['.example.com/x', 'v1.0.0'],
        ['exa$mple.com/x', 'v1.0.0'],
      ],
    );
    assert.deepEqual([mod.replaces[0]?.newVersion, mod.excludes[0]?.version, mod.retracts[0]?.high], ['latest', 'latest', 'latest']);
  });

  it('does not echo an entire junk line back in a message', () => {
    const [error] = parseGoMod('x'.repeat(10_000)).errors;
    assert.ok(error && error.message.length < 100, error?.message);
  });
});

describe('findRequire and findReplace', () => {
  // Parsed inside each test, so a parser bug fails these tests instead of the whole file's loading.
  const fixture = (): GoModFile =>
    clean(
      [
        'require (\n\texample.com/a v1.0.0\n\texample.com/ab v1.0.0\n)',
        'replace example.com/a => ../a',
        'replace example.com/a v1.0.0 => ../a-pinned',
        'replace example.com/b v2.0.0+incompatible => ../b',
      ].join('\n'),
    );

  it('finds a require by exact path only', () => {
    const mod = fixture();
    assert.deepEqual([findRequire(mod, 'example.com/a')?.line, findRequire(mod, 'example.com/ab')?.line], [2, 3]);
    assert.equal(findRequire(mod, 'example.com'), null);
  });

  it('prefers the replace for that exact version over the one for every version', () => {
    const mod = fixture();
    assert.equal(findReplace(mod, 'example.com/a', 'v1.0.0')?.newPath, '../a-pinned');
    assert.equal(findReplace(mod, 'example.com/a', 'v1.1.0')?.newPath, '../a');
  });

  it('returns null when only a replace for another version exists', () => {
    const mod = fixture();
    assert.equal(findReplace(mod, 'example.com/b', 'v1.0.0'), null);
    assert.equal(findReplace(mod, 'example.com/b', 'v2.0.0+incompatible')?.newPath, '../b');
    assert.equal(findReplace(mod, 'example.com/zzz', 'v1.0.0'), null);
  });
});

describe('parseGoWork', () => {
  it('reads go, toolchain, godebug, use (single and block) and replace', () => {
    const work = parseGoWork(
      'go 1.22\ntoolchain go1.22.1\ngodebug (\n\thttp2client=0\n)\nuse ./a\nuse (\n\t./b\n\t"./c d" // comment\n)\nreplace example.com/x v1.0.0 => ./x\n',
    );
    assert.deepEqual(work, {
      go: { version: '1.22', line: 1, lineSpan: { line: 1, column: 1, endColumn: 8 } },
      toolchain: { name: 'go1.22.1', line: 2, lineSpan: { line: 2, column: 1, endColumn: 19 } },
      godebug: [{ key: 'http2client', value: '0', line: 4 }],
      uses: [
        { path: './a', line: 6 },
        { path: './b', line: 8 },
        { path: './c d', line: 9 },
      ],
      replaces: [
        {
          oldPath: 'example.com/x',
          oldVersion: 'v1.0.0',
          newPath: './x',
          newVersion: null,
          line: 11,
          pathSpan: { line: 11, column: 9, endColumn: 22 },
          lineSpan: { line: 11, column: 1, endColumn: 36 },
        },
      ],
      errors: [],
    });
  });

  it('rejects go.mod-only directives and blocks, and bad use lines', () => {
    const work = parseGoWork('module m\nrequire (\n\tx.com/a v1.0.0\n)\nuse\nuse (\n\t./a ./b\n');
    assert.deepEqual(
      work.errors.map((e) => [e.line, e.message]),
      [
        [1, 'unknown directive: module'],
        [2, 'unknown block type: require'],
        [5, 'usage: use local/dir'],
        [7, 'usage: use local/dir'],
        [6, "syntax error (unterminated block started at line 6; missing ')')"],
      ],
    );
  });
});

describe('parseGoMod: robustness', function () {
  this.timeout(30_000);
  const sample =
    'module example.com/m // Deprecated: x\n\ngo 1.22\ngodebug a=b\nrequire (\n\texample.com/a v1.0.0 // indirect\n\t"example.com/b" v0.0.0-20191109021931-daa7c04131f5\n)\nreplace example.com/a v1.0.0 => ../a\nretract [v1.0.0, v1.0.1] // why\ntool example.com/t\n';
  const alphabet = [
    '(',
    ')',
    '[',
    ']',
    ',',
    '"',
    '`',
    '\\',
    '/',
    '//',
    '/*',
    ' ',
    '\t',
    '\n',
    '\r\n',
    '=>',
    'v1.0.0',
    'require',
    'replace',
    'retract',
    'module',
    'go',
    '\x00',
    '\uffff',
    '😀',
    '\ud800',
    'a',
    '.',
    '-',
    '+',
  ];

  function assertWellFormed(text: string, mod: GoModFile): void {
    const lineCount = text.split('\n').length;
    for (const e of mod.errors) {
      assert.ok(
        e.line >= 1 && e.line <= lineCount && e.column >= 1 && e.endColumn >= e.column,
        `bad error position ${JSON.stringify(e)} for ${JSON.stringify(text)}`,
      );
    }
    for (const r of mod.requires) assert.ok(r.pathSpan.endColumn > r.pathSpan.column && r.line <= lineCount);
  }

  it('never throws on thousands of random and mutated inputs, and keeps positions in range', () => {
    const next = random(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    for (let n = 0; n < 4000; n++) {
      let text: string;
      if (n % 2 === 0) {
        text = Array.from({ length: Math.floor(next() * 60) }, () => pick(alphabet)).join('');
      } else {
        const chars = [...sample];
        for (let k = 0; k < 1 + Math.floor(next() * 8); k++) {
          const at = Math.floor(next() * chars.length);
          const op = next();
          if (op < 0.33) chars.splice(at, 1);
          else if (op < 0.66) chars.splice(at, 0, pick(alphabet));
          else chars[at] = String.fromCharCode(Math.floor(next() * 0x3000));
        }
        text = chars.join('');
      }
      assertWellFormed(text, parseGoMod(text));
      assert.doesNotThrow(() => parseGoWork(text));
    }
  });

  it('parses a 20,000-requirement go.mod well under 5 s', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `\texample.com/mod${i} v1.${i}.0 // indirect`);
    const text = `module example.com/big\n\ngo 1.22\n\nrequire (\n${lines.join('\n')}\n)\n`;
    const started = Date.now();
    const mod = parseGoMod(text);
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual([mod.requires.length, mod.errors.length, mod.requires[19_999]?.line], [20_000, 0, 20_005]);
  });

  it('stays fast on inputs built to trigger backtracking or quadratic work', () => {
    const inputs = [
      `require example.com/a v1.0.0-${'a.'.repeat(50_000)}!`,
      `go 1.${'1'.repeat(100_000)}x`,
      `module ${'/v'.repeat(50_000)}`,
      `// Deprecated:${'\n//'.repeat(20_000)}\nmodule m`,
      `${'// c\n'.repeat(20_000)}retract (\n${'\tv1.0.0\n'.repeat(20_000)})`,
      '"'.repeat(100_000),
      `require "${'\\'.repeat(100_001)}`,
      '\x01'.repeat(100_000),
      '('.repeat(50_000) + '\n' + ')\n'.repeat(50_000),
    ];
    for (const text of inputs) {
      const started = Date.now();
      parseGoMod(text);
      assert.ok(Date.now() - started < 5000, `slow on ${JSON.stringify(text.slice(0, 40))}`);
    }
  });
});
