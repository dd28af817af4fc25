// The health pass's reading of go's answers (go list -m -u -json -e -retracted and go mod graph,
// recorded from go 1.26 and 1.21 on the health lab: test/fixtures/health, scripts/record-health.ts)
// and the findings it makes: retracted and deprecated warnings on the right go.mod line, their
// fixes, and the chain a transitive download failure names.
import { render } from '../../src/core/i18n';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  answerOf,
  composeHealth,
  healthFindings,
  isListedModule,
  mergeHealth,
  parseListedModules,
  replacementIn,
  withChains,
  withPreviousHealth,
  type ListedAnswer,
  type ListedModule,
} from '../../src/core/health';
import { HEALTH_SKIPPED, healthLines, NO_RATIONALE, retractedMessage, selectedText, whyLines } from '../../src/core/healthText';
import { parseGoMod } from '../../src/core/gomod';
import { GraphIndex, parseModGraph } from '../../src/core/modGraph';
import { buildReport, formatReportText } from '../../src/core/report';
import type { Finding, ModuleHealth } from '../../src/core/types';
import { healthGoMod, healthLine, HEALTH_REQUIRES, MAJORS } from '../lab/healthLab';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'health');
const goMod = { file: '/w/go.mod', parsed: parseGoMod(healthGoMod()) };

function listed(go: string): ListedModule[] {
  const { modules, garbage } = parseListedModules(readFileSync(path.join(FIXTURES, `${go}.list.json`), 'utf8'));
  assert.deepEqual(garbage, []);
  assert.equal(modules.length, 12, 'the main module and the 11 of the build');
  return modules;
}

function compose(go: string): ModuleHealth[] {
  const graph = parseModGraph(readFileSync(path.join(FIXTURES, `${go}.graph`), 'utf8'));
  const answers = new Map<string, ListedAnswer>();
  for (const module of listed(go)) {
    const answer = answerOf(module);
    if (answer) answers.set(module.Path, answer);
  }
  return composeHealth({ versions: graph.selected, answers, cached: new Map(), graph: new GraphIndex(graph), goMod, noAnswer: 'no answer' });
}

const byPath = (modules: ModuleHealth[], modulePath: string) => modules.find((module) => module.path === modulePath)!;

for (const go of ['go1.26', 'go1.21']) {
  describe(`health from go's answers (${go}, recorded)`, () => {
    const modules = compose(go);

    it('reads a retraction with the rationale of the directive that covers the version', () => {
      const health = byPath(modules, 'example.com/retracted');
      assert.deepEqual(health.retracted, ['Data race in the cache.']);
      // v1.2.0 (newest) retracts itself, so the newest not retracted is v1.1.5.
      assert.deepEqual(health.update, { version: 'v1.1.5', time: '2023-04-10T00:00:00Z' });
      assert.equal(health.time, '2023-03-10T00:00:00Z');
    });

    it("keeps go's placeholder for a retraction without a comment, and the message says no reason was given", () => {
      const health = byPath(modules, 'example.com/norationale');
      assert.deepEqual(health.retracted, [NO_RATIONALE]);
      assert.match(render('en', retractedMessage(health, null)), /retracted by its author \(no reason given\)\. v0\.2\.0 is the newest/);
    });

    it('reads the deprecation message of the newest go.mod', () => {
      assert.equal(byPath(modules, 'example.com/deprecated').deprecated, 'use example.com/successor instead.');
    });

    it('offers the newest of the same major version: no pre-release, no /v2; a pre-release only from a pre-release', () => {
      assert.equal(byPath(modules, 'example.com/prerelease').update?.version, 'v0.5.0-rc.2');
      assert.equal(byPath(modules, 'example.com/pseudo').update, null);
      assert.equal(byPath(modules, 'example.com/pseudotagged').update?.version, 'v0.1.0');
      assert.equal(byPath(modules, 'example.com/base').update?.version, 'v1.3.0');
    });

    it("gives a module whose lookup failed go's own error, and every other module its answer", () => {
      const majors = byPath(modules, MAJORS);
      assert.equal(majors.status, 'unknown');
      assert.match(majors.error ?? '', /loading module retractions for example\.com\/majors@v1\.0\.0: .*500 Internal Server Error/);
      assert.equal(modules.filter((module) => module.status === 'ok').length, modules.length - 1);
    });

    it('says why base is at v1.2.0 when go.mod asks for v1.0.0', () => {
      const base = byPath(modules, 'example.com/base');
      assert.equal(base.required, 'v1.0.0');
      assert.equal(base.version, 'v1.2.0');
      assert.equal(base.selectedBy, 'example.com/raiser@v1.0.0');
      assert.equal(
        selectedText(base),
        'go.mod requires v1.0.0, but example.com/raiser@v1.0.0 requires example.com/base@v1.2.0, the highest version required, so it is selected.',
      );
    });

    it('puts retracted and deprecated warnings on the require lines, a transitive one on the line that pulls it in', () => {
      const findings = healthFindings(modules, goMod);
      const summary = findings.map((finding) => [finding.class, finding.module, finding.line, finding.severity]);
      assert.deepEqual(summary, [
        ['retracted', 'example.com/deepretracted', healthLine('example.com/middle'), 'warning'],
        ['deprecated', 'example.com/deprecated', healthLine('example.com/deprecated'), 'warning'],
        ['retracted', 'example.com/norationale', healthLine('example.com/norationale'), 'warning'],
        ['retracted', 'example.com/retracted', healthLine('example.com/retracted'), 'warning'],
      ]);
      const deep = findings[0]!;
      assert.match(deep.message, /It is required through example\.com\/healthapp → example\.com\/middle@v1\.0\.0 → example\.com\/deepretracted@v1\.0\.0\./);
      assert.deepEqual(
        deep.fixes.map((fix) => fix.detail),
        [{ kind: 'go-get', module: 'example.com/deepretracted', version: 'v1.1.0', from: 'v1.0.0' }],
      );
      const deprecated = findings[1]!;
      assert.deepEqual(
        deprecated.fixes.map((fix) => [fix.id, fix.detail.kind === 'doc' ? fix.detail.url : null]),
        [['deprecated-replacement', 'https://pkg.go.dev/example.com/successor']],
      );
    });
  });
}

function health(overrides: Partial<ModuleHealth>): ModuleHealth {
  return {
    path: 'example.com/x',
    version: 'v1.0.0',
    required: 'v1.0.0',
    time: null,
    status: 'ok',
    error: null,
    retracted: null,
    deprecated: null,
    update: null,
    selectedBy: 'example.com/app',
    chain: ['example.com/app', 'example.com/x@v1.0.0'],
    cached: false,
    ...overrides,
  };
}

describe('health rules', () => {
  it("reads go list's objects one after another, braces and quotes inside strings included, and keeps what is not a module as garbage", () => {
    const text = [
      'go: downloading example.com/a v1.0.0',
      '{\n\t"Path": "a",\n\t"Version": "v1.0.0",\n\t"Deprecated": "use \\"b\\" {not a brace}"\n}',
      '{"Path": 7}',
      '{"Path": "c", "Error": {"Err": "x"}}',
      '{"Path": "cut',
    ].join('\n');
    const { modules, garbage } = parseListedModules(text);
    assert.deepEqual(
      modules.map((module) => [module.Path, module.Deprecated ?? module.Error?.Err]),
      [
        ['a', 'use "b" {not a brace}'],
        ['c', 'x'],
      ],
    );
    assert.deepEqual(garbage, ['go: downloading example.com/a v1.0.0', '{"Path": 7}', '{"Path": "cut']);
  });

  it('does not trust what is not a module go listed', () => {
    assert.equal(isListedModule({ Path: 'a', Error: 'a string' }), false);
    assert.equal(isListedModule({ Path: 'a', Retracted: 'one' }), false);
    assert.equal(isListedModule({ Path: 'a', Update: { Path: 'a' } }), false);
    assert.equal(isListedModule({ Version: 'v1.0.0' }), false);
    assert.equal(isListedModule({ Path: 'a', Version: 'v1.0.0', Update: { Path: 'a', Version: 'v1.1.0' }, Retracted: ['x'], Error: { Err: 'e' } }), true);
  });

  it('ignores an Update that is not newer in Go version order (pseudo-versions and +incompatible included)', () => {
    const answer = (version: string, update: string) => answerOf({ Path: 'a', Version: version, Update: { Path: 'a', Version: update } });
    const facts = (result: ReturnType<typeof answerOf>) => (result?.kind === 'facts' ? result.facts : null);
    assert.equal(facts(answer('v1.2.0', 'v1.1.0'))?.update, null);
    assert.equal(facts(answer('v0.1.0', 'v0.0.0-20240101000000-abcdefabcdef'))?.update, null);
    assert.equal(facts(answer('v0.0.0-20240101000000-abcdefabcdef', 'v0.1.0'))?.update?.version, 'v0.1.0');
    assert.equal(facts(answer('v2.0.0+incompatible', 'v2.1.0+incompatible'))?.update?.version, 'v2.1.0+incompatible');
    assert.equal(answerOf({ Path: 'app', Main: true }), null);
  });

  it('answers from the cache, and says "unknown" with the reason when there is no answer at all', () => {
    const modules = composeHealth({
      versions: new Map([
        ['a', 'v1.0.0'],
        ['b', 'v2.0.0'],
      ]),
      answers: new Map(),
      cached: new Map([['a@v1.0.0', { time: null, retracted: ['bad'], deprecated: null, update: null }]]),
      graph: null,
      goMod: null,
      noAnswer: 'go list failed',
    });
    assert.deepEqual(
      modules.map((module) => [module.path, module.status, module.cached, module.error, module.retracted]),
      [
        ['a', 'ok', true, null, ['bad']],
        ['b', 'unknown', false, 'go list failed', null],
      ],
    );
  });

  it('names the successor module a deprecation message points to', () => {
    assert.equal(replacementIn('use example.com/successor instead.', 'example.com/old'), 'example.com/successor');
    assert.equal(replacementIn('Use github.com/new/thing/v2.', 'github.com/old/thing'), 'github.com/new/thing/v2');
    assert.equal(replacementIn('no longer maintained', 'example.com/old'), null);
    assert.equal(replacementIn('example.com/old is frozen; see example.com/old/v2', 'example.com/old'), 'example.com/old/v2');
  });

  it('names the chain on a transitive download failure, not on a direct one', () => {
    const failure = (module: string): Finding => ({
      class: 'proxy-not-found',
      severity: 'error',
      module,
      version: 'v1.0.0',
      goModFile: '/w/go.mod',
      line: 6,
      column: null,
      endColumn: null,
      message: 'Not found.',
      evidence: [],
      fixes: [],
    });
    const modules = [
      health({ path: 'example.com/missing', required: null, chain: ['example.com/healthapp', 'example.com/middle@v1.0.0', 'example.com/missing@v1.0.0'] }),
      health({ path: HEALTH_REQUIRES[0]!.path, chain: ['example.com/healthapp', `${HEALTH_REQUIRES[0]!.path}@v1.1.0`] }),
    ];
    const [transitive, direct] = withChains([failure('example.com/missing'), failure(HEALTH_REQUIRES[0]!.path)], modules, goMod);
    assert.equal(transitive!.message, 'Not found. It is required through example.com/healthapp → example.com/middle@v1.0.0 → example.com/missing@v1.0.0.');
    assert.equal(direct!.message, 'Not found.');
  });

  it('merges into the report: health set, findings sorted errors first then by line', () => {
    const report = buildReport({
      root: '/w',
      go: { kind: 'found', path: '/go', version: 'go1.26.8' },
      env: {},
      modules: [],
      findings: [],
      goMod,
      durationSeconds: 0,
    });
    const merged = mergeHealth(
      report,
      {
        skipped: null,
        modules: [health({ path: HEALTH_REQUIRES[1]!.path, retracted: ['r'] }), health({ path: HEALTH_REQUIRES[0]!.path, deprecated: 'gone' })],
        graph: 'go mod graph',
        error: null,
        durationSeconds: 0.1,
      },
      goMod,
    );
    assert.deepEqual(
      merged.findings.map((finding) => [finding.class, finding.line]),
      [
        ['deprecated', 6],
        ['retracted', 7],
      ],
    );
    assert.equal(merged.health?.graph, 'go mod graph');
    assert.equal(report.health, null, 'the report given is not changed');
  });

  it('words the hover and why lines from the same facts', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const lines = healthLines(
      health({ time: '2024-01-01T00:00:00Z', update: { version: 'v1.3.0', time: '2025-06-01T00:00:00Z' }, retracted: [NO_RATIONALE] }),
      now,
    );
    assert.deepEqual(lines, [
      'example.com/x v1.0.0 — published 2024-01-01, 2 years ago',
      'Retracted by its author (no reason given).',
      'Newest of v1: v1.3.0 available (2025-06-01)',
      'Why this version: v1.0.0 is what go.mod requires.',
      'Why this module: required by example.com/app → example.com/x@v1.0.0',
    ]);
    assert.deepEqual(whyLines(undefined, 'example.com/nope'), ['example.com/nope is not in the build of this module (go mod graph does not list it).']);
  });

  it('carries the last answers into a re-check until its pass answers, only while go.mod still requires what they were about', () => {
    const text = 'module example.com/app\n\ngo 1.21\n\nrequire example.com/x v1.0.0\n';
    const goMod = { file: '/m/go.mod', parsed: parseGoMod(text) };
    const download = buildReport({ root: '/m', go: { kind: 'found' }, env: {}, modules: [], findings: [], goMod, durationSeconds: 1 });
    const retracted = health({ retracted: ['Broken.'] });
    const previous = { ...download, health: { skipped: null, modules: [retracted], graph: 'go mod graph', error: null, durationSeconds: 1 } };
    const carried = withPreviousHealth(download, previous, goMod);
    assert.deepEqual(
      carried.findings.map((finding) => [finding.class, finding.line]),
      [['retracted', 5]],
    );
    const moved = { file: '/m/go.mod', parsed: parseGoMod(text.replace('v1.0.0', 'v1.1.0')) };
    assert.equal(withPreviousHealth(download, previous, moved), download, 'another version required: nothing carried');
    const off = { ...download, health: { skipped: HEALTH_SKIPPED.off, modules: [], graph: null, error: null, durationSeconds: 0 } };
    assert.equal(withPreviousHealth(off, previous, goMod), off, 'its own health is kept');
  });

  it("says go's error once in the Health section when the pass failed on one module", () => {
    const why = 'verifying go.mod: corp.example.com/lib@v1.0.0/go.mod: reading https://sum.golang.org/lookup/corp.example.com/lib@v1.0.0: 404 Not Found';
    const failed = health({ path: 'corp.example.com/lib', status: 'unknown', error: `loading module retractions for corp.example.com/lib@v1.0.0: ${why}` });
    const report = {
      ...buildReport({ root: '/m', go: { kind: 'found' }, env: {}, modules: [], findings: [], goMod: null, durationSeconds: 1 }),
      health: { skipped: null, modules: [failed], graph: null, error: `go: corp.example.com/lib@v1.0.0: ${why}`, durationSeconds: 1 },
    };
    assert.equal(formatReportText(report).split('404 Not Found').length - 1, 1, formatReportText(report));
    const other = { ...report, health: { ...report.health, error: 'go: go.mod: no such file or directory' } };
    assert.match(formatReportText(other), /\(go: go\.mod: no such file or directory\)/, 'an error of its own is still said');
  });

  it("words the same facts in Chinese, the versions, dates, chains and the author's words as they are", () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const module = health({
      time: '2024-01-01T00:00:00Z',
      required: 'v0.9.0',
      selectedBy: 'example.com/raiser@v1.0.0',
      update: { version: 'v1.3.0', time: '2025-06-01T00:00:00Z' },
      retracted: ['Published too early.'],
      deprecated: 'use example.com/y instead',
    });
    assert.deepEqual(healthLines(module, now, 'zh-CN'), [
      'example.com/x v1.0.0 — 发布于 2024-01-01，2 年前',
      '已被作者撤回：“Published too early.”',
      '已弃用：use example.com/y instead',
      'v1 的最新版本：v1.3.0 可用（2025-06-01）',
      '为什么是这个版本：go.mod 要求 v0.9.0，但 example.com/raiser@v1.0.0 要求 example.com/x@v1.0.0，这是被要求的最高版本，所以选中了它。',
      '为什么需要这个模块：通过 example.com/app → example.com/x@v1.0.0 引入',
    ]);
    assert.deepEqual(whyLines(module, module.path, 'zh-CN').slice(1), [
      '  选中原因：go.mod 要求 v0.9.0，但 example.com/raiser@v1.0.0 要求 example.com/x@v1.0.0，这是被要求的最高版本，所以选中了它。',
      '  最短依赖链：example.com/app → example.com/x@v1.0.0',
    ]);
    const report = {
      ...buildReport({ root: '/m', go: { kind: 'found' }, env: {}, modules: [], findings: [], goMod: null, durationSeconds: 1 }),
      health: { skipped: null, modules: [module, health({ path: 'example.com/quiet' })], graph: null, error: null, durationSeconds: 1 },
    };
    const text = formatReportText(report, { lang: 'zh-CN' });
    assert.match(text, /健康状况（构建中的 2 个模块）：\n {2}example\.com\/x v1\.0\.0 {2}已撤回，已弃用，v1\.3\.0 可用\n/);
    assert.match(text, /另外 1 个模块：已是最新，未被撤回，未被弃用。/);
    const skipped = { ...report, health: { ...report.health, skipped: HEALTH_SKIPPED.proxyOff, modules: [] } };
    assert.match(formatReportText(skipped, { lang: 'zh-CN' }), /健康状况：未检查（GOPROXY=off：go 不查询任何东西/);
    assert.match(formatReportText(skipped), /Health: not checked \(GOPROXY=off: go looks nothing up/);
  });
});
