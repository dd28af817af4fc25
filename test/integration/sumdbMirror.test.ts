// A checksum database out of reach: the GOSUMDB choices a probe shows answering from here become
// the fix (the CLI's --sumdb-choice, by default sum.golang.google.cn, the mirror of sum.golang.org
// that answers in mainland China), and without such evidence the fix is only guidance. The real go
// against Go's own test checksum database (test/lab/goScriptLab.ts), GOSUMDB pointing at a closed
// port first.

import { strict as assert } from 'node:assert';
import { fixTitle, render } from '../../src/core/i18n';
import type { Report } from '../../src/core/types';
import { applyFix } from '../../src/engine/applyFix';
import { diagnose } from '../../src/engine/diagnose';
import { assertClean, describeFindings, disposeCases, openCase, type ClassCase } from '../lab/classScenarios';
import { GO } from '../lab/goSandbox';
import { GoTestProxy, TEST_SUMDB_VERIFIER_KEY } from '../lab/goScriptLab';
import { goVersionsUnderTest } from '../lab/goVersions';
import { closedPort } from '../lab/scenarios';

const go = goVersionsUnderTest().gos.find((candidate) => candidate.bin === GO)!;

describe('a checksum database out of reach: a GOSUMDB that answers from here, only with a probe as evidence', function () {
  this.timeout(60_000);
  let proxy: GoTestProxy;

  before(async () => {
    proxy = await GoTestProxy.start();
  });

  after(async () => {
    await proxy?.close();
  });

  afterEach(disposeCases);

  async function unreachable(): Promise<ClassCase> {
    const closed = `http://127.0.0.1:${await closedPort()}`;
    return openCase(go, {
      files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n\nrequire rsc.io/quote v1.5.2\n' },
      goEnv: { GOPROXY: proxy.url, GOSUMDB: `${TEST_SUMDB_VERIFIER_KEY} ${closed}`, GOVCS: '*:all' },
    });
  }

  const run = async (c: ClassCase, sumDbChoices: string[]): Promise<Report> =>
    (await diagnose({ root: c.root, env: c.env, inactivitySeconds: 20, alternateGoTool: c.goTool, sumDbChoices })).report;

  it('offers go env -w GOSUMDB=<the choice that answered>, and that fix makes the re-run clean', async () => {
    const c = await unreachable();
    const silent = `${TEST_SUMDB_VERIFIER_KEY} http://127.0.0.1:${await closedPort()}`;
    const answering = `${TEST_SUMDB_VERIFIER_KEY} ${proxy.url}/sumdb-direct`;
    const report = await run(c, [silent, answering]);
    const finding = report.findings.find((candidate) => candidate.fixes.some((fix) => fix.id === 'sumdb-mirror'));
    assert.ok(finding, `a finding offers sumdb-mirror:\n${describeFindings(report)}`);
    const fix = finding.fixes.find((candidate) => candidate.id === 'sumdb-mirror')!;
    assert.equal(fix.kind, 'go-env', 'with a probe that answered, a setting to apply');
    assert.deepEqual(
      fix.detail.kind === 'go-env' ? [fix.detail.variable, fix.detail.value] : [],
      ['GOSUMDB', answering],
      'the choice that answered, not the silent one',
    );
    assert.equal(fix.title, `Use a checksum database that answers from here: GOSUMDB=${answering}`);
    assert.equal(fixTitle(fix, 'zh-CN'), `使用一个从这里能访问的校验和数据库：GOSUMDB=${answering}`);
    await applyFix(fix, { goPath: c.goTool, env: c.env, cwd: c.root });
    assertClean(await run(c, []), 'after GOSUMDB was set to the database that answered');
  });

  it('without a choice that answers, names the mirror as guidance and applies nothing', async () => {
    const c = await unreachable();
    const report = await run(c, [`${TEST_SUMDB_VERIFIER_KEY} http://127.0.0.1:${await closedPort()}`]);
    const fix = report.findings.flatMap((finding) => finding.fixes).find((candidate) => candidate.id === 'sumdb-mirror');
    assert.ok(fix, `a finding offers sumdb-mirror:\n${describeFindings(report)}`);
    assert.equal(fix.kind, 'doc');
    assert.match(fix.detail.kind === 'doc' ? fix.detail.text : '', /GOSUMDB=sum\.golang\.google\.cn/);
    // In Chinese, the advice names what developers in China use for both.
    const chinese = fix.detail.kind === 'doc' && fix.detail.textId ? render('zh-CN', { id: fix.detail.textId, args: fix.detail.textArgs ?? {} }) : '';
    assert.match(chinese, /GOSUMDB=sum\.golang\.google\.cn（sum\.golang\.org 在中国大陆可以访问的官方镜像）/);
    assert.match(chinese, /https:\/\/goproxy\.cn/);
  });
});
