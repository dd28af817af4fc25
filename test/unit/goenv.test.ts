// Table-driven tests for src/core/goenv.ts. Expected values come from Go itself: path.Match's and
// x/mod's own test tables, and outputs of Go 1.26's proxyList / url.Parse / proxy URL building
// (recorded by running the Go code), plus the examples in the failure catalog (§3).
import { strict as assert } from 'node:assert';
import {
  DEFAULT_GOPROXY,
  effectiveGoProxy,
  effectiveGoSumDb,
  effectiveNoProxy,
  effectiveNoSumDb,
  type GoEnv,
  parseGoEnvJson,
  usesSumDb,
} from '../../src/core/goenv';
import { parseGoProxy, proxiesForModule, shortGoProxy } from '../../src/core/goproxyList';
import { addPattern, matchPrefixPatterns, narrowestPrivatePattern, pathMatch, removePattern, suspiciousPatterns, trimPatterns } from '../../src/core/patterns';
import { tooBroadPattern } from '../../src/core/publicHosts';
import { decodeProxyUrl, escapeModulePath, unescapeModulePath } from '../../src/core/proxyUrls';

/** A compact, comparable form of a parsed list: "url:<url>" / kind, with "|" when it falls back on any error. */
function summarize(goproxy: string, gonoproxy = '', windows = false): { entries: string[]; errors: string[] } {
  const { entries, errors } = parseGoProxy(goproxy, gonoproxy, { windows });
  return {
    entries: entries.map((e) => `${e.kind === 'url' ? `url:${e.url}` : e.kind}${e.fallBackOnError ? '|' : ''}`),
    errors,
  };
}

describe('goenv', () => {
  describe('parseGoEnvJson', () => {
    const cases: { name: string; text: string; want: Record<string, string> | 'error' }[] = [
      {
        name: 'plain object',
        text: '{"GOPROXY":"https://proxy.golang.org,direct","GOPRIVATE":""}',
        want: { GOPROXY: 'https://proxy.golang.org,direct', GOPRIVATE: '' },
      },
      { name: 'BOM and surrounding whitespace', text: '\uFEFF\n {"GOFLAGS":"-mod=mod"}\n', want: { GOFLAGS: '-mod=mod' } },
      { name: 'non-string values dropped', text: '{"A":"x","B":1,"C":null,"D":["y"]}', want: { A: 'x' } },
      { name: '__proto__ stays an ordinary key', text: '{"__proto__":"p","GOOS":"linux"}', want: { ['__proto__']: 'p', GOOS: 'linux' } },
      { name: 'empty output', text: '  \n', want: 'error' },
      { name: 'not JSON (go printed an error)', text: 'go: unknown flag -json', want: 'error' },
      { name: 'truncated JSON', text: '{"GOPROXY":"https://proxy', want: 'error' },
      { name: 'array', text: '["GOPROXY"]', want: 'error' },
      { name: 'null', text: 'null', want: 'error' },
      { name: 'string', text: '"GOPROXY"', want: 'error' },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const got = parseGoEnvJson(c.text);
        if (c.want === 'error') {
          assert.ok('error' in got, `expected an error, got ${JSON.stringify(got)}`);
          assert.equal(typeof got.error, 'string');
        } else {
          assert.ok('env' in got, `expected an env, got ${JSON.stringify(got)}`);
          assert.deepEqual({ ...got.env }, c.want);
          assert.equal(Object.getPrototypeOf(got.env), Object.prototype);
        }
      });
    }
  });

  describe('parseGoProxy (Go proxyList, expectations recorded from Go 1.26)', () => {
    const missingScheme = (u: string) => `invalid proxy URL missing scheme: ${u}`;
    const badScheme = (u: string) => `invalid proxy URL scheme (must be https, http, file): ${u}`;
    const filePath = (u: string) => `invalid file:// proxy URL with non-path elements: ${u}`;
    const noEntries = 'GOPROXY list is not the empty string, but contains no entries';
    const cases: { goproxy: string; gonoproxy?: string; windows?: boolean; entries: string[]; errors?: string[] }[] = [
      { goproxy: 'https://proxy.golang.org,direct', entries: ['url:https://proxy.golang.org', 'direct'] },
      { goproxy: 'https://proxy.golang.org|direct', entries: ['url:https://proxy.golang.org|', 'direct'] },
      { goproxy: 'https://a.com|https://b.com,off', entries: ['url:https://a.com|', 'url:https://b.com', 'off'] },
      { goproxy: 'goproxy.cn,direct', entries: ['url:https://goproxy.cn', 'direct'] },
      { goproxy: 'localhost:3000', entries: ['url:https://localhost:3000'] },
      { goproxy: 'HTTPS://Proxy.Example.com', entries: ['url:HTTPS://Proxy.Example.com'] },
      { goproxy: 'https://user:pass@corp.example.com/go', entries: ['url:https://user:pass@corp.example.com/go'] },
      { goproxy: 'http://[::1]:8080', entries: ['url:http://[::1]:8080'] },
      { goproxy: 'file:///srv/proxy', entries: ['url:file:///srv/proxy'] },
      { goproxy: 'https://x.com/a b', entries: ['url:https://x.com/a b'] },
      // TrimSpace on each entry, empty entries skipped.
      { goproxy: ' https://a.com ,, direct ', entries: ['url:https://a.com', 'direct'] },
      { goproxy: 'https://a.com\t|\tdirect', entries: ['url:https://a.com|', 'direct'] },
      { goproxy: '\u0085https://a.com\u00a0', entries: ['url:https://a.com'] }, // Go's unicode.IsSpace, not JS trim
      // direct and off end the list; later entries are not even validated; a '|' after them is not recorded.
      { goproxy: 'off,https://x.com', entries: ['off'] },
      { goproxy: 'direct,ftp://x', entries: ['direct'] },
      { goproxy: 'direct|https://x.com', entries: ['direct'] },
      { goproxy: 'off|', entries: ['off'] },
      // The implicit noproxy entry: GONOPROXY set and GOPROXY not exactly "direct".
      { goproxy: 'https://proxy.golang.org,direct', gonoproxy: 'corp.com', entries: ['noproxy', 'url:https://proxy.golang.org', 'direct'] },
      { goproxy: 'direct', gonoproxy: 'corp.com', entries: ['direct'] },
      { goproxy: 'direct,', gonoproxy: 'corp.com', entries: ['noproxy', 'direct'] },
      { goproxy: 'off', gonoproxy: 'corp.com', entries: ['noproxy', 'off'] },
      // Errors, with Go's exact texts.
      { goproxy: '/srv/proxy', entries: [], errors: [missingScheme('/srv/proxy')] },
      { goproxy: '/srv/my proxy', entries: [], errors: [missingScheme('/srv/my%20proxy')] },
      { goproxy: '/srv/é[', entries: [], errors: [missingScheme('/srv/%C3%A9%5B')] }, // Redacted() re-escapes, upper-case hex
      { goproxy: '/srv#a#b', entries: [], errors: [missingScheme('/srv#a%23b')] },
      { goproxy: 'file:///srv#frag', entries: [], errors: [filePath('file:///srv#frag')] },
      { goproxy: 'https://%41.com', entries: [], errors: ['parse "https://%41.com": invalid URL escape "%41"'] }, // hosts may %-escape only non-ASCII
      { goproxy: 'https://%c3%a9.com', entries: ['url:https://%c3%a9.com'] },
      { goproxy: 'proxy', entries: [], errors: [missingScheme('proxy')] },
      { goproxy: 'DIRECT', entries: [], errors: [missingScheme('DIRECT')] },
      { goproxy: 'a,,b.com', entries: ['url:https://b.com'], errors: [missingScheme('a')] },
      { goproxy: 'ftp://x', entries: [], errors: [badScheme('ftp://x')] },
      { goproxy: 'ftp://user:pw@x.com', entries: [], errors: [badScheme('ftp://user:xxxxx@x.com')] },
      { goproxy: 'file:/srv/proxy', entries: [], errors: [filePath('file:/srv/proxy')] },
      { goproxy: 'file://host/srv', entries: [], errors: [filePath('file://host/srv')] },
      { goproxy: 'file:///srv/proxy?x', entries: [], errors: [filePath('file:///srv/proxy?x')] },
      { goproxy: 'file:relative', entries: [], errors: ['parse "https://file:relative": invalid port ":relative" after host'] },
      { goproxy: ':foo', entries: [], errors: ['parse "https://:foo": invalid port ":foo" after host'] },
      { goproxy: 'https://x.com:80:90', entries: [], errors: ['parse "https://x.com:80:90": invalid port ":80:90" after host'] },
      { goproxy: 'https://a b.com', entries: [], errors: ['parse "https://a b.com": invalid character " " in host name'] },
      { goproxy: 'http://[::1', entries: [], errors: ['parse "http://[::1": missing \']\' in host'] },
      { goproxy: 'a%zz.com', entries: [], errors: ['parse "https://a%zz.com": invalid URL escape "%zz"'] },
      { goproxy: 'https://x.com/%zz', entries: [], errors: ['parse "https://x.com/%zz": invalid URL escape "%zz"'] },
      { goproxy: '1http://x.com', entries: [], errors: ['parse "1http://x.com": first path segment in URL cannot contain colon'] },
      { goproxy: 'https://a\tb.com', entries: [], errors: ['parse "https://a\\tb.com": net/url: invalid control character in URL'] },
      { goproxy: 'é%2é', entries: [], errors: ['parse "é%2é": invalid URL escape "%2\\xc3"'] },
      { goproxy: '\uFEFFhttp://', entries: [], errors: ['parse "\\ufeffhttp://": first path segment in URL cannot contain colon'] },
      { goproxy: ',', entries: [], errors: [noEntries] },
      { goproxy: ' , ', entries: [], errors: [noEntries] },
      { goproxy: '', entries: [], errors: [noEntries] },
      { goproxy: '', gonoproxy: 'corp.com', entries: ['noproxy'], errors: [noEntries] },
      // Go stops at the first bad entry (errors[0]); we also name the others.
      { goproxy: '/a,/b', entries: [], errors: [missingScheme('/a'), missingScheme('/b')] },
      // filepath.IsAbs depends on the OS.
      { goproxy: 'C:\\proxy', windows: true, entries: [], errors: [badScheme('c:\\proxy')] },
      { goproxy: 'C:\\proxy', windows: false, entries: [], errors: ['parse "https://C:\\\\proxy": invalid port ":\\\\proxy" after host'] },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.goproxy)}${c.gonoproxy ? ` GONOPROXY=${c.gonoproxy}` : ''}${c.windows ? ' (windows)' : ''}`, () => {
        assert.deepEqual(summarize(c.goproxy, c.gonoproxy, c.windows), { entries: c.entries, errors: c.errors ?? [] });
      });
    }

    it('keeps the trimmed text of each entry as raw', () => {
      const { entries } = parseGoProxy(' goproxy.cn | direct ', 'x');
      assert.deepEqual(
        entries.map((e) => e.raw),
        ['', 'goproxy.cn', 'direct'],
      );
    });
  });

  describe('proxiesForModule', () => {
    const cases: { name: string; env: GoEnv; module: string; want: string[] }[] = [
      { name: 'default GOPROXY, public module', env: {}, module: 'rsc.io/quote', want: ['url:https://proxy.golang.org', 'direct'] },
      { name: 'empty GOPROXY means the go.env default', env: { GOPROXY: '' }, module: 'rsc.io/quote', want: ['url:https://proxy.golang.org', 'direct'] },
      {
        name: 'GOPRIVATE match goes noproxy then direct',
        env: { GOPRIVATE: 'github.com/acme' },
        module: 'github.com/acme/private',
        want: ['noproxy', 'direct'],
      },
      {
        name: 'GOPRIVATE non-match skips noproxy',
        env: { GOPRIVATE: 'github.com/acme' },
        module: 'github.com/other/x',
        want: ['url:https://proxy.golang.org', 'direct'],
      },
      {
        name: 'GONOPROXY=none overrides GOPRIVATE',
        env: { GOPRIVATE: 'github.com/acme', GONOPROXY: 'none' },
        module: 'github.com/acme/private',
        want: ['url:https://proxy.golang.org', 'direct'],
      },
      {
        name: 'GOPROXY=off still fetches GONOPROXY paths directly',
        env: { GOPROXY: 'off', GOPRIVATE: '*.corp.example.com' },
        module: 'git.corp.example.com/x',
        want: ['noproxy'],
      },
      { name: 'GOPROXY=off for a public path', env: { GOPROXY: 'off', GOPRIVATE: '*.corp.example.com' }, module: 'rsc.io/quote', want: ['off'] },
      { name: 'GOPROXY=direct gets no noproxy entry', env: { GOPROXY: 'direct', GOPRIVATE: 'github.com/acme' }, module: 'github.com/acme/x', want: ['direct'] },
      {
        name: 'private path and a proxy-only list: nothing can fetch it',
        env: { GOPROXY: 'https://corp.proxy', GOPRIVATE: 'github.com/acme' },
        module: 'github.com/acme/x',
        want: ['noproxy'],
      },
      {
        name: 'pipe kept on entries',
        env: { GOPROXY: 'https://a.example|https://b.example,direct' },
        module: 'rsc.io/quote',
        want: ['url:https://a.example|', 'url:https://b.example', 'direct'],
      },
      { name: 'invalid GOPROXY: Go tries nothing', env: { GOPROXY: '/srv/proxy' }, module: 'rsc.io/quote', want: [] },
      { name: '"go" is looked up as golang.org/toolchain', env: { GOPRIVATE: 'golang.org/toolchain' }, module: 'go', want: ['noproxy', 'direct'] },
      {
        name: 'GOHOSTOS=windows makes C:\\ absolute (then an invalid scheme)',
        env: { GOPROXY: 'C:\\proxy', GOHOSTOS: 'windows' },
        module: 'rsc.io/quote',
        want: [],
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const got = proxiesForModule(c.env, c.module).map((e) => `${e.kind === 'url' ? `url:${e.url}` : e.kind}${e.fallBackOnError ? '|' : ''}`);
        assert.deepEqual(got, c.want);
      });
    }
  });

  describe('matchPrefixPatterns', () => {
    // x/mod module_test.go TestMatchPrefixPatterns, verbatim.
    const goTable: [string, string, boolean][] = [
      ['', 'rsc.io/quote', false],
      ['/', 'rsc.io/quote', false],
      ['*/quote', 'rsc.io/quote', true],
      ['*/quo', 'rsc.io/quote', false],
      ['*/quo??', 'rsc.io/quote', true],
      ['*/quo*', 'rsc.io/quote', true],
      ['*quo*', 'rsc.io/quote', false],
      ['rsc.io', 'rsc.io/quote', true],
      ['*.io', 'rsc.io/quote', true],
      ['rsc.io/', 'rsc.io/quote', true],
      ['rsc', 'rsc.io/quote', false],
      ['rsc*', 'rsc.io/quote', true],
      ['rsc.io', 'rsc.io/quote/v3', true],
      ['*/quote', 'rsc.io/quote/v3', true],
      ['*/quote/', 'rsc.io/quote/v3', true],
      ['*/quote/*', 'rsc.io/quote/v3', true],
      ['*/quote/*/', 'rsc.io/quote/v3', true],
      ['*/v3', 'rsc.io/quote/v3', false],
      ['*/*/v3', 'rsc.io/quote/v3', true],
      ['*/*/*', 'rsc.io/quote/v3', true],
      ['*/*/*/', 'rsc.io/quote/v3', true],
      ['*/*/*', 'rsc.io/quote', false],
      ['*/*/*/', 'rsc.io/quote', false],
      ['*/*/*,,', 'rsc.io/quote', false],
      ['*/*/*,,*/quote', 'rsc.io/quote', true],
      [',,*/quote', 'rsc.io/quote', true],
    ];
    // The failure catalog's §3.2 rules.
    const catalogTable: [string, string, boolean][] = [
      ['*.corp.example.com', 'git.corp.example.com/x/y', true],
      ['*.corp.example.com', 'corp.example.com/x', false],
      ['github.com/acme', 'github.com/acme/anything/deeper', true],
      ['github.com/acme', 'github.com/acmecorp/x', false],
      ['github.com/acme/*', 'github.com/acme', false],
      ['github.com/acme/*', 'github.com/acme/x', true],
      ['github.com/*', 'github.com/acme/x', true],
      ['*', 'github.com/acme/x', true], // one element: the host
      ['*com', 'github.com/acme', true],
      ['github.com*', 'github.com/acme', true], // '*' does not cross '/', so it matches only within the host
      ['a.com, b.com', 'b.com/x', false], // no trimming: the second pattern is " b.com"
      ['a.com, b.com', 'a.com/x', true],
      ['a.com ,b.com', 'a.com/x', false],
      ['[', 'github.com/x', false], // malformed glob never matches
      ['[,github.com', 'github.com/x', true], // ... and does not stop the list
      ['github.com//', 'github.com/x', false], // only one trailing '/' is ignored
      ['GitHub.com', 'github.com/x', false], // case-sensitive
      ['github.com/acme', 'github.com', false], // not enough elements
      ['', '', false],
      [',/', '', false], // empty patterns are skipped, although path.Match("", "") is true
    ];
    for (const [globs, target, want] of [...goTable, ...catalogTable]) {
      it(`${JSON.stringify(globs)} vs ${target} → ${want}`, () => {
        assert.equal(matchPrefixPatterns(globs, target), want);
      });
    }
  });

  describe('pathMatch (Go path/match_test.go, verbatim)', () => {
    const table: [string, string, boolean, boolean][] = [
      ['abc', 'abc', true, false],
      ['*', 'abc', true, false],
      ['*c', 'abc', true, false],
      ['a*', 'a', true, false],
      ['a*', 'abc', true, false],
      ['a*', 'ab/c', false, false],
      ['a*/b', 'abc/b', true, false],
      ['a*/b', 'a/c/b', false, false],
      ['a*b*c*d*e*/f', 'axbxcxdxe/f', true, false],
      ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true, false],
      ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false, false],
      ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false, false],
      ['a*b?c*x', 'abxbbxdbxebxczzx', true, false],
      ['a*b?c*x', 'abxbbxdbxebxczzy', false, false],
      ['ab[c]', 'abc', true, false],
      ['ab[b-d]', 'abc', true, false],
      ['ab[e-g]', 'abc', false, false],
      ['ab[^c]', 'abc', false, false],
      ['ab[^b-d]', 'abc', false, false],
      ['ab[^e-g]', 'abc', true, false],
      ['a\\*b', 'a*b', true, false],
      ['a\\*b', 'ab', false, false],
      ['a?b', 'a☺b', true, false],
      ['a[^a]b', 'a☺b', true, false],
      ['a???b', 'a☺b', false, false],
      ['a[^a][^a][^a]b', 'a☺b', false, false],
      ['[a-ζ]*', 'α', true, false],
      ['*[a-ζ]', 'A', false, false],
      ['a?b', 'a/b', false, false],
      ['a*b', 'a/b', false, false],
      ['[\\]a]', ']', true, false],
      ['[\\-]', '-', true, false],
      ['[x\\-]', 'x', true, false],
      ['[x\\-]', '-', true, false],
      ['[x\\-]', 'z', false, false],
      ['[\\-x]', 'x', true, false],
      ['[\\-x]', '-', true, false],
      ['[\\-x]', 'a', false, false],
      ['[]a]', ']', false, true],
      ['[-]', '-', false, true],
      ['[x-]', 'x', false, true],
      ['[x-]', '-', false, true],
      ['[x-]', 'z', false, true],
      ['[-x]', 'x', false, true],
      ['[-x]', '-', false, true],
      ['[-x]', 'a', false, true],
      ['\\', 'a', false, true],
      ['[a-b-c]', 'a', false, true],
      ['[', 'a', false, true],
      ['[^', 'a', false, true],
      ['[^bc', 'a', false, true],
      ['a[', 'a', false, true],
      ['a[', 'ab', false, true],
      ['a[', 'x', false, true],
      ['a/b[', 'x', false, true],
      ['*x', 'xxx', true, false],
      // Not in Go's table; recorded from Go: a failed match still validates the rest of the pattern.
      ['x*[', 'a', false, true],
      ['a*b[', 'x', false, true],
      ['', '', true, false],
    ];
    for (const [pattern, name, matched, badPattern] of table) {
      it(`${JSON.stringify(pattern)} vs ${JSON.stringify(name)}`, () => {
        assert.deepEqual(pathMatch(pattern, name), { matched, badPattern });
      });
    }
  });

  describe('effective GONOPROXY / GONOSUMDB / GOPROXY / GOSUMDB', () => {
    const cases: { env: GoEnv; noProxy: string; noSumDb: string; goproxy: string; gosumdb: string }[] = [
      { env: {}, noProxy: '', noSumDb: '', goproxy: DEFAULT_GOPROXY, gosumdb: 'sum.golang.org' },
      { env: { GOPRIVATE: 'a.com' }, noProxy: 'a.com', noSumDb: 'a.com', goproxy: DEFAULT_GOPROXY, gosumdb: 'sum.golang.org' },
      { env: { GOPRIVATE: 'a.com', GONOPROXY: '', GONOSUMDB: '' }, noProxy: 'a.com', noSumDb: 'a.com', goproxy: DEFAULT_GOPROXY, gosumdb: 'sum.golang.org' },
      { env: { GOPRIVATE: 'a.com', GONOPROXY: 'none' }, noProxy: 'none', noSumDb: 'a.com', goproxy: DEFAULT_GOPROXY, gosumdb: 'sum.golang.org' },
      { env: { GOPRIVATE: 'a.com', GONOSUMDB: 'b.com' }, noProxy: 'a.com', noSumDb: 'b.com', goproxy: DEFAULT_GOPROXY, gosumdb: 'sum.golang.org' },
      { env: { GOPROXY: 'off', GOSUMDB: 'off' }, noProxy: '', noSumDb: '', goproxy: 'off', gosumdb: 'off' },
    ];
    for (const c of cases) {
      it(JSON.stringify(c.env), () => {
        assert.deepEqual(
          [effectiveNoProxy(c.env), effectiveNoSumDb(c.env), effectiveGoProxy(c.env), effectiveGoSumDb(c.env)],
          [c.noProxy, c.noSumDb, c.goproxy, c.gosumdb],
        );
      });
    }
  });

  describe('usesSumDb', () => {
    const cases: { name: string; env: GoEnv; module: string; want: boolean }[] = [
      { name: 'defaults', env: {}, module: 'rsc.io/quote', want: true },
      { name: 'GOSUMDB=off', env: { GOSUMDB: 'off' }, module: 'rsc.io/quote', want: false },
      { name: 'GOPRIVATE matches', env: { GOPRIVATE: 'github.com/acme' }, module: 'github.com/acme/x', want: false },
      { name: 'GOPRIVATE does not match', env: { GOPRIVATE: 'github.com/acme' }, module: 'github.com/other/x', want: true },
      { name: 'GONOSUMDB replaces GOPRIVATE', env: { GOPRIVATE: 'github.com/acme', GONOSUMDB: 'none' }, module: 'github.com/acme/x', want: true },
      { name: 'GONOSUMDB with a leading space never matches', env: { GONOSUMDB: 'a.com, github.com/acme' }, module: 'github.com/acme/x', want: true },
      { name: 'GOSUMDB=sum.golang.google.cn is still on', env: { GOSUMDB: 'sum.golang.google.cn' }, module: 'rsc.io/quote', want: true },
      { name: 'toolchain ignores GOSUMDB=off', env: { GOSUMDB: 'off' }, module: 'golang.org/toolchain', want: true },
      { name: 'toolchain ignores GONOSUMDB', env: { GONOSUMDB: 'golang.org' }, module: 'golang.org/toolchain', want: true },
      { name: 'toolchain via a single file:// GOPROXY', env: { GOSUMDB: 'off', GOPROXY: 'file:///tmp/distpack' }, module: 'golang.org/toolchain', want: false },
      {
        name: 'toolchain via file:// plus fallback is not exempt',
        env: { GOSUMDB: 'off', GOPROXY: 'file:///tmp/d,direct' },
        module: 'golang.org/toolchain',
        want: true,
      },
      {
        name: 'toolchain when running as the proxy',
        env: { GOSUMDB: 'off', GIT_HTTP_USER_AGENT: 'proxy.golang.org fetcher' },
        module: 'golang.org/toolchain',
        want: false,
      },
    ];
    for (const c of cases) {
      it(c.name, () => assert.equal(usesSumDb(c.env, c.module), c.want));
    }
  });

  describe('suspiciousPatterns', () => {
    const cases: { globs: string; want: { pattern: string; problem: 'whitespace' | 'bad-glob' }[] }[] = [
      { globs: '', want: [] },
      { globs: ',,', want: [] },
      { globs: 'github.com/acme,*.corp.example.com', want: [] },
      { globs: 'a.com, b.com', want: [{ pattern: ' b.com', problem: 'whitespace' }] },
      { globs: 'a.com\t,b.com', want: [{ pattern: 'a.com\t', problem: 'whitespace' }] },
      { globs: 'a.com /', want: [{ pattern: 'a.com /', problem: 'whitespace' }] },
      { globs: '\u00a0a.com', want: [{ pattern: '\u00a0a.com', problem: 'whitespace' }] },
      { globs: '\u0085a.com', want: [{ pattern: '\u0085a.com', problem: 'whitespace' }] }, // Go space, not JS trim()
      { globs: '\uFEFFa.com', want: [{ pattern: '\uFEFFa.com', problem: 'whitespace' }] },
      { globs: '[', want: [{ pattern: '[', problem: 'bad-glob' }] },
      { globs: 'a.com,github.com/[acme', want: [{ pattern: 'github.com/[acme', problem: 'bad-glob' }] },
      { globs: 'a\\', want: [{ pattern: 'a\\', problem: 'bad-glob' }] },
      { globs: '[a-b-c].com', want: [{ pattern: '[a-b-c].com', problem: 'bad-glob' }] },
      {
        globs: ' [',
        want: [
          { pattern: ' [', problem: 'whitespace' },
          { pattern: ' [', problem: 'bad-glob' },
        ],
      },
    ];
    for (const c of cases) {
      it(JSON.stringify(c.globs), () => assert.deepEqual(suspiciousPatterns(c.globs), c.want));
    }
  });

  describe('removePattern and tooBroadPattern (GOPRIVATE=github.com sends public modules to git)', () => {
    it('removes one pattern, with or without its trailing slash, and keeps the rest in order', () => {
      assert.equal(removePattern('github.com,corp.example.com', 'github.com'), 'corp.example.com');
      assert.equal(removePattern('a.com,github.com/,b.com', 'github.com'), 'a.com,b.com');
      assert.equal(removePattern('github.com', 'github.com'), '');
      assert.equal(removePattern('github.com/corp', 'github.com'), 'github.com/corp');
    });
    const cases: [string, Record<string, string>, string, ReturnType<typeof tooBroadPattern>][] = [
      ['a whole public host', { GOPRIVATE: 'github.com' }, 'github.com/google/uuid', { variable: 'GOPRIVATE', pattern: 'github.com' }],
      ['a glob over hosts', { GOPRIVATE: 'corp.example.com,*' }, 'golang.org/x/mod', { variable: 'GOPRIVATE', pattern: '*' }],
      ['an owner is not too broad', { GOPRIVATE: 'github.com/corp' }, 'github.com/corp/lib', null],
      ['a company host is not too broad', { GOPRIVATE: 'git.corp.example.com' }, 'git.corp.example.com/lib', null],
      ['GONOPROXY of its own', { GOPRIVATE: 'x.com', GONOPROXY: 'github.com' }, 'github.com/a/b', { variable: 'GONOPROXY', pattern: 'github.com' }],
      ['not covering the module', { GOPRIVATE: 'gitlab.com' }, 'github.com/a/b', null],
    ];
    for (const [name, env, modulePath, want] of cases) it(name, () => assert.deepEqual(tooBroadPattern(env, modulePath), want));
  });

  describe('trimPatterns', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['a.com,b.com', 'a.com,b.com'],
      ['a.com, b.com', 'a.com,b.com'],
      [' a.com , b.com/ ,, c.com /,', 'a.com,b.com/,c.com/'],
      ['\ta.com\u00a0', 'a.com'],
      ['\uFEFFa.com', 'a.com'],
      [' , ', ''],
    ];
    for (const [list, want] of cases) {
      it(JSON.stringify(list), () => {
        const got = trimPatterns(list);
        assert.equal(got, want);
        assert.deepEqual(
          suspiciousPatterns(got).filter((s) => s.problem === 'whitespace'),
          [],
        );
      });
    }
  });

  describe('addPattern', () => {
    const cases: { list: string; pattern: string; module?: string; want: string }[] = [
      { list: '', pattern: 'github.com/acme', want: 'github.com/acme' },
      { list: '  ', pattern: 'github.com/acme', want: 'github.com/acme' },
      { list: 'a.com', pattern: 'github.com/acme', want: 'a.com,github.com/acme' },
      { list: 'a.com,', pattern: 'github.com/acme', want: 'a.com,github.com/acme' },
      { list: 'a.com', pattern: ' github.com/acme ', want: 'a.com,github.com/acme' },
      { list: 'github.com/acme', pattern: 'github.com/acme', want: 'github.com/acme' },
      { list: 'github.com/acme/', pattern: 'github.com/acme', want: 'github.com/acme/' },
      { list: 'github.com', pattern: 'github.com/acme', want: 'github.com' }, // already covered
      { list: 'github.com/*', pattern: 'github.com/acme', want: 'github.com/*' },
      { list: '*.corp.example.com', pattern: 'git.corp.example.com', want: '*.corp.example.com' },
      { list: 'github.com/acme/lib', pattern: 'github.com/acme', want: 'github.com/acme/lib,github.com/acme' }, // narrower does not cover
      { list: ' github.com/acme', pattern: 'github.com/acme', want: ' github.com/acme,github.com/acme' }, // the spaced one never matches
      { list: 'a.com, b.com', pattern: 'c.com', want: 'a.com, b.com,c.com' }, // existing text kept; trimPatterns is its own fix
      { list: 'a.com', pattern: 'github.com/acme', module: 'a.com/x', want: 'a.com' },
      { list: 'a.com', pattern: '', want: 'a.com' },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.list)} + ${JSON.stringify(c.pattern)}`, () => assert.equal(addPattern(c.list, c.pattern, c.module), c.want));
    }
  });

  describe('narrowestPrivatePattern', () => {
    const cases: [string, string][] = [
      ['github.com/acme/private', 'github.com/acme'],
      ['github.com/acme/private/v2', 'github.com/acme'],
      ['github.com/Acme/x', 'github.com/Acme'],
      ['gitlab.com/group/subgroup/repo', 'gitlab.com/group'],
      ['bitbucket.org/team/repo', 'bitbucket.org/team'],
      ['codeberg.org/u/r', 'codeberg.org/u'],
      ['git.corp.example.com/team/lib', 'git.corp.example.com'],
      ['go.googlesource.com/tools', 'go.googlesource.com'],
      ['github.corp.example.com/org/repo', 'github.corp.example.com'],
      ['example.com', 'example.com'],
      ['github.com', 'github.com'],
      ['a*b.com/x', 'a\\*b.com'], // glob characters are escaped so the pattern still matches literally
      ['a,b.com/x', 'a?b.com'], // ',' cannot appear in a list entry
      ['/x', '/x'],
    ];
    for (const [module, want] of cases) {
      it(module, () => {
        const got = narrowestPrivatePattern(module);
        assert.equal(got, want);
        assert.ok(matchPrefixPatterns(got, module), `${got} must match ${module}`);
      });
    }
  });

  describe('shortGoProxy', () => {
    const cases: [string, string][] = [
      ['', 'proxy.golang.org → direct'],
      ['https://proxy.golang.org,direct', 'proxy.golang.org → direct'],
      ['https://goproxy.io|https://proxy.golang.org,direct', 'goproxy.io | proxy.golang.org → direct'],
      ['goproxy.cn', 'goproxy.cn'],
      ['off', 'off'],
      ['direct', 'direct'],
      ['http://u:p@10.0.0.1:3000/go,file:///srv/proxy,direct', 'http://10.0.0.1:3000 → file:///srv/proxy → direct'],
      ['https://u:secret@corp.example.com/go', 'corp.example.com'],
      ['ftp://x', 'invalid GOPROXY'],
      [',', 'invalid GOPROXY'],
    ];
    for (const [goproxy, want] of cases) {
      it(JSON.stringify(goproxy), () => assert.equal(shortGoProxy(goproxy), want));
    }
  });

  describe('module path escaping (x/mod escapeTests / badUnescape)', () => {
    const escapes: [string, string | null][] = [
      ['ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789', 'ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789'],
      ['github.com/GoogleCloudPlatform/omega', 'github.com/!google!cloud!platform/omega'],
      ['v1.0.0-RC1', 'v1.0.0-!r!c1'],
      ['example.com/a!b', null],
      ['example.com/é', null],
    ];
    for (const [path, want] of escapes) {
      it(`escape ${path}`, () => {
        assert.equal(escapeModulePath(path), want);
        if (want !== null) assert.equal(unescapeModulePath(want), path);
      });
    }
    const badUnescape = [
      'github.com/GoogleCloudPlatform/omega',
      'github.com/!google!cloud!platform!/omega',
      'github.com/!0google!cloud!platform/omega',
      'github.com/!_google!cloud!platform/omega',
      'github.com/!!google!cloud!platform/omega',
      'github.com/omega!',
      'example.com/é',
    ];
    for (const escaped of badUnescape) {
      it(`unescape rejects ${escaped}`, () => assert.equal(unescapeModulePath(escaped), null));
    }
  });

  describe('decodeProxyUrl', () => {
    const omega = 'github.com/GoogleCloudPlatform/omega';
    const artifactory = 'https://u:p@corp.example.com/artifactory/api/go/go.remote/';
    const cases: { name: string; url: string; base?: string | string[]; want: ReturnType<typeof decodeProxyUrl> }[] = [
      // URLs as Go 1.26's proxyRepo builds them (url.PathEscape turns '!' into %21).
      { name: 'info', url: 'https://proxy.golang.org/rsc.io/quote/@v/v1.5.2.info', want: { module: 'rsc.io/quote', version: 'v1.5.2', file: 'info' } },
      { name: 'mod', url: 'https://proxy.golang.org/rsc.io/quote/@v/v1.5.2.mod', want: { module: 'rsc.io/quote', version: 'v1.5.2', file: 'mod' } },
      { name: 'zip', url: 'https://proxy.golang.org/rsc.io/quote/@v/v1.5.2.zip', want: { module: 'rsc.io/quote', version: 'v1.5.2', file: 'zip' } },
      { name: 'list', url: 'https://proxy.golang.org/rsc.io/quote/@v/list', want: { module: 'rsc.io/quote', version: null, file: 'list' } },
      { name: 'latest', url: 'https://proxy.golang.org/rsc.io/quote/@latest', want: { module: 'rsc.io/quote', version: null, file: 'latest' } },
      {
        name: 'upper case via %21',
        url: 'https://proxy.golang.org/github.com/%21google%21cloud%21platform/omega/@v/v1.0.0-%21r%21c1.info',
        want: { module: omega, version: 'v1.0.0-RC1', file: 'info' },
      },
      {
        name: 'upper case via bare !',
        url: 'https://proxy.golang.org/github.com/!google!cloud!platform/omega/@v/list',
        want: { module: omega, version: null, file: 'list' },
      },
      {
        name: '+incompatible pseudo-version',
        url: 'https://proxy.golang.org/example.com/a~b_c.d/@v/v0.0.0-20190101000000-abcdef123456+incompatible.zip',
        want: { module: 'example.com/a~b_c.d', version: 'v0.0.0-20190101000000-abcdef123456+incompatible', file: 'zip' },
      },
      {
        name: 'query and fragment ignored',
        url: 'https://proxy.golang.org/rsc.io/quote/@v/list?x=1#y',
        want: { module: 'rsc.io/quote', version: null, file: 'list' },
      },
      {
        name: 'file:// proxy with an escaped space',
        url: 'file:///srv/my%20proxy/rsc.io/quote/@v/v1.5.2.mod',
        base: 'file:///srv/my proxy',
        want: { module: 'rsc.io/quote', version: 'v1.5.2', file: 'mod' },
      },
      {
        name: 'redacted credentials match the base',
        url: 'https://u:xxxxx@corp.example.com/artifactory/api/go/go.remote/github.com/%21google%21cloud%21platform/omega/@latest',
        base: artifactory,
        want: { module: omega, version: null, file: 'latest' },
      },
      {
        name: 'dotted base segment misleads the heuristic without a base',
        url: 'https://corp.example.com/artifactory/api/go/go.remote/rsc.io/quote/@v/list',
        want: { module: 'go.remote/rsc.io/quote', version: null, file: 'list' },
      },
      {
        name: 'first matching base of several',
        url: 'https://b.example/mirror/rsc.io/quote/@v/list',
        base: ['https://a.example', 'b.example/mirror'],
        want: { module: 'rsc.io/quote', version: null, file: 'list' },
      },
      { name: 'base from another host', url: 'https://proxy.golang.org/rsc.io/quote/@v/list', base: 'https://goproxy.cn', want: null },
      // sumdb lookups: direct, via a proxy, and with a path element named "lookup".
      {
        name: 'sumdb lookup',
        url: 'https://sum.golang.org/lookup/rsc.io/quote@v1.5.2',
        want: { module: 'rsc.io/quote', version: 'v1.5.2', file: 'sumdb-lookup' },
      },
      {
        name: 'sumdb lookup via proxy',
        url: 'https://proxy.golang.org/sumdb/sum.golang.org/lookup/github.com/!google!cloud!platform/omega@v1.0.0',
        base: 'https://goproxy.cn',
        want: { module: omega, version: 'v1.0.0', file: 'sumdb-lookup' },
      },
      {
        name: 'module path containing lookup',
        url: 'https://sum.golang.org/lookup/github.com/x/lookup/y@v1.0.0',
        want: { module: 'github.com/x/lookup/y', version: 'v1.0.0', file: 'sumdb-lookup' },
      },
      {
        name: 'proxy path containing lookup is not a sumdb lookup',
        url: 'https://proxy.golang.org/github.com/x/lookup/y/@v/v1.0.0.info',
        want: { module: 'github.com/x/lookup/y', version: 'v1.0.0', file: 'info' },
      },
      // Not module requests.
      { name: 'sumdb supported', url: 'https://proxy.golang.org/sumdb/sum.golang.org/supported', want: null },
      { name: 'sumdb tile', url: 'https://sum.golang.org/tile/8/0/x123/456', want: null },
      { name: 'go-get discovery', url: 'https://github.com/acme/private?go-get=1', want: null },
      { name: 'bad escape', url: 'https://proxy.golang.org/rsc.io/quote/@v/v1.5.2%zz.info', want: null },
      { name: 'upper case in an escaped path is invalid', url: 'https://proxy.golang.org/github.com/Acme/x/@v/list', want: null },
      { name: 'not a URL', url: 'rsc.io/quote@v1.5.2', want: null },
      { name: 'empty', url: '', want: null },
    ];
    for (const c of cases) {
      it(c.name, () => assert.deepEqual(decodeProxyUrl(c.url, c.base), c.want));
    }
  });
});
