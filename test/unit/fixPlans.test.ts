// The fix planners (core/fixes.ts), table by table: what each plans from a given environment and
// findings, and its title, which must say what the fix does.
import { strict as assert } from 'node:assert';
import {
  goproxySet,
  PATTERN_FIX_IDS,
  privatePatternsAdd,
  withPattern,
  goprivateAdd,
  gonosumdbAdd,
  goproxyAppendDirect,
  goproxyFallThrough,
  leaveRetracted,
  upgradeModule,
} from '../../src/core/fixes';
import { fixAsCommand, previewLines } from '../../src/core/fixRender';
import { withoutCredentials } from '../../src/core/goproxyList';
import type { Finding } from '../../src/core/types';

function findingFor(module: string, env: Record<string, string>): Finding {
  return {
    class: 'private-module-sumdb',
    severity: 'error',
    module,
    version: 'v1.0.0',
    goModFile: '/w/go.mod',
    line: 3,
    column: 2,
    endColumn: 20,
    message: 'm',
    evidence: [],
    fixes: [goprivateAdd(env, module)],
  };
}

describe('fix planners', () => {
  describe('privatePatternsAdd ("fix all")', () => {
    const cases: { name: string; env: Record<string, string>; modules: string[]; title: string | null; value?: string }[] = [
      {
        name: 'two modules under one prefix: one pattern, and the title says so',
        env: {},
        modules: ['corp.example.com/team/a', 'corp.example.com/team/b'],
        title: 'Add corp.example.com to GOPRIVATE (covers 2 modules)',
        value: 'corp.example.com',
      },
      {
        name: 'two hosts: two patterns',
        env: {},
        modules: ['corp.example.com/a', 'git.acme.dev/b'],
        title: 'Add corp.example.com, git.acme.dev to GOPRIVATE',
        value: 'corp.example.com,git.acme.dev',
      },
      {
        name: 'owner/repo hosts keep the owner',
        env: {},
        modules: ['github.com/acme/a', 'github.com/acme/b', 'github.com/other/c'],
        title: 'Add github.com/acme, github.com/other to GOPRIVATE (covers 3 modules)',
        value: 'github.com/acme,github.com/other',
      },
      {
        name: 'keeps what GOPRIVATE has',
        env: { GOPRIVATE: 'a.com' },
        modules: ['corp.example.com/a'],
        title: 'Add corp.example.com to GOPRIVATE',
        value: 'a.com,corp.example.com',
      },
      { name: 'nothing left to add', env: { GOPRIVATE: 'corp.example.com' }, modules: ['corp.example.com/a'], title: null },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const all = privatePatternsAdd(c.modules.map((module) => findingFor(module, c.env)));
        if (c.title === null) return assert.equal(all, null);
        assert.ok(all);
        assert.equal(all.fix.title, c.title);
        assert.ok(all.fix.detail.kind === 'go-env');
        assert.equal(all.fix.detail.value, c.value);
        assert.equal(
          all.patterns.length,
          c.value!.split(',').length - (c.env.GOPRIVATE ? c.env.GOPRIVATE.split(',').length : 0),
          'the patterns it names are the ones it adds',
        );
      });
    }
    it('plans nothing without a GOPRIVATE fix on offer', () => {
      assert.equal(privatePatternsAdd([{ ...findingFor('corp.example.com/a', {}), fixes: [] }]), null);
    });
  });

  it('withPattern: an edited pattern changes the title and the value, and only of pattern fixes', () => {
    const planned = goprivateAdd({ GOPRIVATE: 'a.com' }, 'corp.example.com/team/lib');
    const edited = withPattern(planned, '*.example.com');
    assert.equal(edited.title, 'Add *.example.com to GOPRIVATE');
    assert.ok(edited.detail.kind === 'go-env' && edited.detail.value === 'a.com,*.example.com');
    assert.ok(PATTERN_FIX_IDS.has(gonosumdbAdd({}, 'x.com/a').id));
    const other = goproxySet('direct', 'https://proxy.golang.org,direct');
    assert.equal(withPattern(other, 'x'), other);
  });

  it("goproxySet: the switcher's choice as a go env -w fix, previous value kept for the preview", () => {
    const fix = goproxySet('https://goproxy.cn,direct', 'https://proxy.golang.org,direct');
    assert.deepEqual(fix.detail, { kind: 'go-env', variable: 'GOPROXY', value: 'https://goproxy.cn,direct', previous: 'https://proxy.golang.org,direct' });
  });

  it('never rewrites a GOPROXY that holds credentials (the new value would write them again)', () => {
    const env = { GOPROXY: 'https://alice:tok3n@proxy.corp/go' };
    assert.equal(goproxyAppendDirect(env), null);
    assert.equal(goproxyFallThrough({ GOPROXY: 'https://alice:tok3n@proxy.corp/go,https://proxy.golang.org' }), null);
    assert.equal(goproxyAppendDirect({ GOPROXY: 'https://proxy.corp/go' })?.detail.kind, 'go-env');
  });

  it('withoutCredentials: what the switcher pre-fills for a person to edit', () => {
    const table: [string, string][] = [
      ['https://alice:tok3n@proxy.corp/go,direct', 'https://proxy.corp/go,direct'],
      ['https://token@a.com|http://u:p@b.com:8080,off', 'https://a.com|http://b.com:8080,off'],
      ['https://proxy.golang.org,direct', 'https://proxy.golang.org,direct'],
      ['file:///srv/proxy', 'file:///srv/proxy'],
    ];
    for (const [value, want] of table) assert.equal(withoutCredentials(value), want, value);
  });

  it('renders a preview as redacted lines, the same for the CLI and the editor', () => {
    const lines = previewLines({
      fixId: 'goproxy-set',
      title: 'Set GOPROXY to https://a.com',
      commands: ['go env -w GOPROXY=https://a.com'],
      changes: [{ target: '/h/.config/go/env', name: 'GOPROXY', before: 'https://alice:tok3n@proxy.corp', after: 'https://a.com' }],
      warnings: ['GOPROXY is set in the environment ("https://bob:pw2@x.com")'],
      noop: false,
    });
    assert.deepEqual(lines, [
      'Fix: Set GOPROXY to https://a.com',
      '  runs:   go env -w GOPROXY=https://a.com',
      '  in:     /h/.config/go/env',
      '  GOPROXY: https://alice:***@proxy.corp  →  https://a.com',
      '  warning: GOPROXY is set in the environment ("https://bob:***@x.com")',
    ]);
  });
});

describe('go get fixes', () => {
  it('moves off a retracted version to the version go named, else to latest', () => {
    const named = leaveRetracted('example.com/a', 'v1.1.5', 'v1.1.0');
    assert.deepEqual(
      [named.id, named.kind, named.title, fixAsCommand(named)],
      ['go-get-unretracted', 'go-get', 'Move example.com/a to v1.1.5, the newest version that is not retracted', 'go get example.com/a@v1.1.5'],
    );
    assert.equal(fixAsCommand(leaveRetracted('example.com/a', null, 'v1.2.0')), 'go get example.com/a@latest');
    assert.equal(upgradeModule('example.com/a', 'v1.3.0', 'v1.0.0').title, 'Upgrade example.com/a to v1.3.0');
  });

  it('previews the diff of go.mod and go.sum under the command', () => {
    const fix = upgradeModule('example.com/a', 'v1.3.0', 'v1.0.0');
    const lines = previewLines({
      fixId: fix.id,
      title: fix.title,
      commands: [fixAsCommand(fix)],
      changes: [],
      diffs: ['--- a/go.mod', '+++ b/go.mod', '@@ -1,1 +1,1 @@', '-require example.com/a v1.0.0', '+require example.com/a v1.3.0'],
      warnings: [],
      noop: false,
    });
    assert.deepEqual(lines, [
      'Fix: Upgrade example.com/a to v1.3.0',
      '  runs:   go get example.com/a@v1.3.0',
      '  changes:',
      '    --- a/go.mod',
      '    +++ b/go.mod',
      '    @@ -1,1 +1,1 @@',
      '    -require example.com/a v1.0.0',
      '    +require example.com/a v1.3.0',
    ]);
  });
});
