// Go's own download-failure scenarios: the cmd/go script tests of src/cmd/go/testdata/script in
// the Go under test, reproduced with the real go against servers this file starts on 127.0.0.1
// (test/lab/goScriptLab.ts: proxy_test.go's module proxy and checksum database serving Go's own
// testdata/mod, vcweb's vcs-test.golang.org, git over HTTPS for github.com and friends), and the
// product's diagnosis of each. One `it` per scenario, named `<script>: <what> [<row>]`, the row
// of docs/go-scenarios.md, which lists every scenario, which are not reproducible here and why,
// and what the product gets wrong.
//
// Every test asserts Go's own words (so it fails when the scenario is not reproduced), and the
// class, first fix and go.mod line only where the product gets them right: where it does not,
// docs/go-scenarios.md "Conditions found" says what it said and what it should say.
//
// Runs with the machine's Go; GDH_SCENARIO_GO=<path to another go> runs it with that one (to see
// which scenarios behave differently, e.g. with ~/.cache/go-dep-health/go1.21/bin/go).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FailureClass, Finding, Report } from '../../src/core/types';
import { diagnose } from '../../src/engine/diagnose';
import { createTestCa, type TestCa } from '../lab/certificates';
import { assertClean, deferCleanup, describeFindings, disposeCases, openCase, sharedDir, type CaseOptions, type ClassCase } from '../lab/classScenarios';
import { git } from '../lab/gitRepos';
import { GO, makeWritable } from '../lab/goSandbox';
import { buildGitRepo, GoTestProxy, pseudoTime, TEST_SUMDB_VERIFIER_KEY, VcsForge, writeFileProxy } from '../lab/goScriptLab';
import { goVersionsUnderTest } from '../lab/goVersions';
import { closedPort } from '../lab/scenarios';
import { gitSshCommand, SshGitServer } from '../lab/sshServer';

const wanted = process.env.GDH_SCENARIO_GO || GO;
const go = goVersionsUnderTest().gos.find((candidate) => candidate.bin === wanted);
if (!go) throw new Error(`GDH_SCENARIO_GO names ${wanted}, which is neither the machine's go nor a Go of goVersionsUnderTest()`);
/** `1\.26\.8`: the running Go's version as Go prints it in "(running go …)", for a RegExp. */
const RUNNING = go.version.replace(/^go/, '').replace(/\./g, '\\.');

/** A go.mod: module line 1, `go` line 3, `head` lines after it, then the require block. */
function goMod(requires: string[], options: { go?: string; head?: string[]; tail?: string[]; module?: string } = {}): string {
  return [
    `module ${options.module ?? 'example.com/m'}`,
    '',
    `go ${options.go ?? '1.21'}`,
    ...(options.head ?? []),
    '',
    'require (',
    ...requires.map((line) => `\t${line}`),
    ')',
    ...(options.tail ?? []),
    '',
  ].join('\n');
}

/** The 1-based line of go.mod text that is needle (trimmed), or else the first that contains it. */
function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const exact = lines.findIndex((line) => line.trim() === needle);
  const index = exact >= 0 ? exact : lines.findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `${needle} is in the go.mod`);
  return index + 1;
}

interface Outcome {
  report: Report;
  /** What go printed on stderr (per-module errors of -json runs are in the findings' evidence instead). */
  stderr: string;
}

/** The product's diagnosis of the case, as the CLI and the editor run it, with go's stderr kept. */
async function diagnoseCase(c: ClassCase, env: Record<string, string> = c.env): Promise<Outcome> {
  let stderr = '';
  const { report } = await diagnose({ root: c.root, env, inactivitySeconds: 20, alternateGoTool: c.goTool, onStderr: (chunk) => (stderr += chunk) });
  return { report, stderr };
}

interface Expected {
  /** Go's own words (the script's stderr expectation): proves the scenario was reproduced. */
  go: RegExp;
  /** The finding's module (null: a finding that names none); left out where the product gets it wrong. */
  module?: string | null;
  /** Its go.mod line; left out where the product gets it wrong. */
  line?: number | null;
  /** The class, given only where the product gets it right. */
  cls?: FailureClass;
  /** The first fix id, given only where the product gets it right. */
  first?: string;
  /** Fix ids the finding must offer (somewhere in its list). */
  offers?: string[];
}

/**
 * Go's words are in the diagnosis (a finding's evidence, or go's stderr), and the finding they
 * belong to has the expected module, line, class and fixes.
 */
function expectFinding(outcome: Outcome, expected: Expected): Finding {
  const { report, stderr } = outcome;
  const findings = describeFindings(report);
  const evidence = (finding: Finding) => finding.evidence.join('\n');
  assert.match(`${report.findings.map(evidence).join('\n')}\n${stderr}`, expected.go, `go's own words are in the diagnosis:\n${findings}\nstderr:\n${stderr}`);
  const candidates = report.findings.filter(
    (finding) => (expected.module === undefined || finding.module === expected.module) && (expected.cls === undefined || finding.class === expected.cls),
  );
  const finding = candidates.find((candidate) => expected.go.test(evidence(candidate))) ?? candidates[0];
  assert.ok(finding, `a finding for ${expected.module ?? 'the scenario'}${expected.cls ? ` of class ${expected.cls}` : ''}:\n${findings}`);
  if (expected.line !== undefined) assert.equal(finding.line, expected.line, `go.mod line:\n${findings}`);
  const ids = finding.fixes.map((fix) => fix.id);
  if (expected.first !== undefined) assert.equal(ids[0], expected.first, `first fix:\n${findings}`);
  for (const id of expected.offers ?? []) assert.ok(ids.includes(id), `offers ${id}:\n${findings}`);
  return finding;
}

/** Writes the go env file of a case anew (the settings a script changes between two commands). */
function setGoEnv(c: ClassCase, values: Record<string, string>): void {
  fs.writeFileSync(
    c.sandbox.goenvFile,
    Object.entries(values)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
  );
}

/** script_test.go's environment, with this file's proxy: GOPROXY=$proxy, the test checksum database through it. */
const scriptEnv = (proxy: GoTestProxy): Record<string, string> => ({ GOPROXY: proxy.url, GOSUMDB: TEST_SUMDB_VERIFIER_KEY, GOVCS: '*:all' });
/** What the direct-mode scripts set: GOPROXY=direct GOSUMDB=off (and script_test.go's GOVCS=*:all). */
const DIRECT = { GOPROXY: 'direct', GOSUMDB: 'off', GOVCS: '*:all' };

const open = (options: CaseOptions): Promise<ClassCase> => openCase(go, options);

describe("Go's script-test scenarios: the test module proxy of proxy_test.go and its checksum database", function () {
  this.timeout(60_000);
  let proxy: GoTestProxy;

  before(async () => {
    proxy = await GoTestProxy.start();
  });

  after(async () => {
    await proxy?.close();
  });

  afterEach(disposeCases);

  const withProxy = async (requires: string[], goEnv: Record<string, string> = {}, extra: Partial<CaseOptions> = {}) => {
    const mod = goMod(requires);
    const c = await open({ files: { 'go.mod': mod }, goEnv: { ...scriptEnv(proxy), ...goEnv }, ...extra });
    return { c, mod, outcome: await diagnoseCase(c) };
  };

  // ---- A: what the module proxy answers ---------------------------------------------------------

  it('a version query in go.mod (rsc.io/quote latest) is the version go resolved it to, listed once [C-20]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote latest']);
    const quote = outcome.report.modules.filter((module) => module.path === 'rsc.io/quote');
    assert.deepEqual(outcome.report.findings, [], 'nothing failed');
    assert.ok(!quote.some((module) => module.version === 'latest'), `the query is not a module of its own: ${JSON.stringify(quote)}`);
    const required = quote.filter((module) => !module.graphOnly);
    assert.equal(required.length, 1, `one requirement: ${JSON.stringify(quote)}`);
    assert.match(required[0]!.version, /^v\d+\.\d+\.\d+/);
    assert.equal(required[0]!.line, 6);
    assert.equal(required[0]!.status, 'ok');
    assert.ok(
      required[0]!.requests.some((request) => /\/@v\/list$|\/@latest$/.test(request.url)),
      `the requests that resolved the query stay with it: ${required[0]!.requests.map((request) => request.url).join(', ')}`,
    );
  });

  it('mod_proxy_list: GOPROXY=$proxy/404, which answers 404 with no body to every request [A1]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.0.0'], { GOPROXY: `${proxy.url}/404` });
    expectFinding(outcome, {
      go: /rsc\.io\/quote@v1\.0\.0: reading http:\/\/127\.0\.0\.1:\d+\/mod\/404\/rsc\.io\/quote\/@v\/v1\.0\.0\.(?:mod|info): 404 Not Found/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-not-found',
      first: 'goproxy-append-direct',
    });
  });

  it('mod_proxy_list: GOPROXY=$proxy/403,$proxy — "," does not walk past a 403 [A2]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.2.0'], { GOPROXY: `${proxy.url}/403,${proxy.url}` });
    expectFinding(outcome, {
      go: /reading \S+\/403\/rsc\.io\/\S+: 403 Forbidden/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-auth',
      first: 'proxy-credentials',
    });
  });

  it('mod_proxy_list: GOPROXY=$proxy/500,$proxy — "," does not walk past a 500 [A3]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.3.0'], { GOPROXY: `${proxy.url}/500,${proxy.url}` });
    expectFinding(outcome, {
      go: /reading \S+\/500\/rsc\.io\/\S+: 500 Internal Server Error/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-server-error',
      first: 'goproxy-fallthrough',
    });
  });

  it('mod_proxy_list: GOPROXY=$proxy/404,$proxy/410 — the last not-found answer is reported [A4]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.4.0'], { GOPROXY: `${proxy.url}/404,${proxy.url}/410` });
    expectFinding(outcome, {
      go: /reading \S+\/410\/rsc\.io\/\S+: 410 Gone/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-not-found',
      first: 'goproxy-append-direct',
    });
  });

  it('mod_proxy_list: "|" walks past a 403, a 500 and an unreachable https://0.0.0.0 (what goproxy-fallthrough writes) [A5]', async () => {
    for (const [status, version] of [
      ['403', 'v1.2.0'],
      ['500', 'v1.3.0'],
    ] as const) {
      const { outcome } = await withProxy([`rsc.io/quote ${version}`], { GOPROXY: `${proxy.url}/${status}|https://0.0.0.0|${proxy.url}` });
      assertClean(outcome.report, `GOPROXY=$proxy/${status}|https://0.0.0.0|$proxy`);
      assert.ok(proxy.requests.includes(`/mod/${status}/rsc.io/quote/@v/${version}.mod`), `go asked $proxy/${status} first`);
      await disposeCases();
    }
  });

  it('mod_download: a module whose host cannot exist (this.domain.is.invalid), answered 404 by the proxy [A6]', async () => {
    const { outcome } = await withProxy(['this.domain.is.invalid/somemodule v1.0.0']);
    expectFinding(outcome, {
      go: /this\.domain\.is\.invalid\/somemodule@v1\.0\.0: reading \S+: 404 Not Found\n\tserver response: 404 page not found/,
      module: 'this.domain.is.invalid/somemodule',
      line: 6,
      cls: 'proxy-not-found',
    });
  });

  it('mod_download: a version the proxy does not have (rsc.io/quote v1.999.999) [A7]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.999.999']);
    expectFinding(outcome, {
      go: /rsc\.io\/quote@v1\.999\.999: reading \S+\/v1\.999\.999\.(?:mod|info): 404 Not Found/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-not-found',
      first: 'list-versions',
      offers: ['list-versions'],
    });
  });

  it('mod_install_pkg_version: go.mod requires example.com/cmd v1.1.0-doesnotexist [A8]', async () => {
    const { outcome } = await withProxy(['example.com/cmd v1.1.0-doesnotexist']);
    expectFinding(outcome, {
      go: /example\.com\/cmd@v1\.1\.0-doesnotexist: reading http:\/\/\S+\/mod\/example\.com\/cmd\/@v\/v1\.1\.0-doesnotexist\.(?:mod|info): 404 Not Found\n\tserver response: 404 page not found/,
      module: 'example.com/cmd',
      line: 6,
      cls: 'proxy-not-found',
      first: 'list-versions',
      offers: ['list-versions'],
    });
  });

  it('mod_get_issue65363: a requirement four levels down (example.net/invalid) is 404 on the proxy [A9]', async () => {
    const mod = [
      'module example',
      '',
      'go 1.21',
      '',
      'replace (',
      '\texample.net/a v0.1.0 => ./a',
      '\texample.net/b v0.1.0 => ./b1',
      '\texample.net/b v0.2.0 => ./b2',
      '\texample.net/c v0.1.0 => ./c1',
      '\texample.net/c v0.2.0 => ./c2',
      '\texample.net/d v0.1.0 => ./d',
      ')',
      '',
      'require (',
      '\texample.net/a v0.1.0',
      '\texample.net/b v0.2.0',
      ')',
      '',
    ].join('\n');
    const c = await open({
      files: {
        'go.mod': mod,
        'a/go.mod': 'module example.net/a\n\ngo 1.18\n\nrequire example.net/b v0.2.0\n',
        'b1/go.mod': 'module example.net/b\n\ngo 1.16\n',
        'b2/go.mod': 'module example.net/b\n\ngo 1.16\n\nrequire example.net/c v0.2.0\n',
        'c1/go.mod': 'module example.net/c\n\ngo 1.18\n',
        'c2/go.mod': 'module example.net/c\n\ngo 1.18\n\nrequire example.net/d v0.1.0\n',
        'd/go.mod': 'module example.net/d\n\ngo 1.18\n\nrequire example.net/invalid v0.1.0\n',
      },
      goEnv: scriptEnv(proxy),
    });
    expectFinding(await diagnoseCase(c), {
      go: /example\.net\/d@v0\.1\.0 requires\n\texample\.net\/invalid@v0\.1\.0: reading \S+: 404 Not Found/,
      module: 'example.net/invalid',
      line: lineOf(mod, 'example.net/b v0.2.0'),
      cls: 'proxy-not-found',
    });
  });

  it('mod_proxy_invalid: GOPROXY=$proxy/invalid answers 200 "invalid"; go.mod asks for rsc.io/quote latest [A11]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote latest'], { GOPROXY: `${proxy.url}/invalid` });
    expectFinding(outcome, {
      go: /invalid response from proxy "http:\/\/127\.0\.0\.1:\d+\/mod\/invalid": invalid character 'i' looking for beginning of value/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-server-error',
    });
  });

  it('mod_proxy_invalid: GOPROXY=$proxy/invalid; go.mod asks for rsc.io/quote 1.5.2 (not canonical) [A12]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote 1.5.2'], { GOPROXY: `${proxy.url}/invalid` });
    expectFinding(outcome, {
      go: /version "1\.5\.2" invalid: invalid response from proxy "http:\/\/127\.0\.0\.1:\d+\/mod\/invalid": invalid character 'i' looking for beginning of value|rsc\.io\/quote@1\.5\.2: invalid version: invalid response from proxy/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-server-error',
    });
  });

  it('mod_query_empty: a file:// proxy whose .info is not JSON (badproxy) [A14]', async () => {
    const version = 'v0.0.0-20190624000000-123456abcdef';
    const c = await open({ files: { 'go.mod': goMod([`example.com/join/subpkg ${version}`]) }, goEnv: { ...scriptEnv(proxy), GOSUMDB: 'off' } });
    setGoEnv(c, {
      GOSUMDB: 'off',
      GOPROXY: writeFileProxy(path.join(c.sandbox.dir, 'badproxy'), {
        'example.com/join/subpkg/@v/list': `${version}\n`,
        [`example.com/join/subpkg/@v/${version}.info`]: 'This file is not valid JSON.\n',
        // go mod download reads .mod first (go get read .info first): without it, go stops at a missing file.
        [`example.com/join/subpkg/@v/${version}.mod`]: 'module example.com/join/subpkg\n',
      }),
    });
    expectFinding(await diagnoseCase(c), {
      go: /example\.com\/join\/subpkg@v0\.0\.0-20190624000000-123456abcdef: invalid response from proxy "file:\/\/\S+\/badproxy": invalid character 'T' looking for beginning of value/,
      module: 'example.com/join/subpkg',
      line: 6,
      cls: 'proxy-server-error',
    });
  });

  it('mod_query_empty: a file:// proxy whose @latest is an error text (gatekeeper); go.mod asks for latest [A15]', async () => {
    const c = await open({ files: { 'go.mod': goMod(['example.com/join/subpkg latest']) } });
    setGoEnv(c, {
      GOSUMDB: 'off',
      GOPROXY: writeFileProxy(path.join(c.sandbox.dir, 'gatekeeper'), {
        'example.com/join/subpkg/@v/list': '',
        'example.com/join/subpkg/@latest': 'ERROR: Latest version is forbidden.\n',
      }),
    });
    expectFinding(await diagnoseCase(c), {
      go: /module example\.com\/join\/subpkg: invalid response from proxy "file:\/\/\S+\/gatekeeper": invalid character 'E' looking for beginning of value/,
      module: 'example.com/join/subpkg',
      line: 6,
      cls: 'proxy-server-error',
    });
  });

  it('mod_download_too_many_redirects: GOPROXY=$proxy/redirect/11 redirects eleven times (/redirect/9 works) [A16]', async () => {
    const { c, outcome } = await withProxy(['rsc.io/quote v1.2.0'], { GOSUMDB: 'off', GOPROXY: `${proxy.url}/redirect/11` });
    expectFinding(outcome, {
      go: /rsc\.io\/quote@v1\.2\.0: Get "\/mod\/redirect\/1\/rsc\.io\/quote\/@v\/v1\.2\.0\.(?:mod|info)": stopped after 10 redirects/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-server-error',
    });
    setGoEnv(c, { GOSUMDB: 'off', GOPROXY: `${proxy.url}/redirect/9` });
    assertClean((await diagnoseCase(c)).report, 'GOPROXY=$proxy/redirect/9');
  });

  it('mod_file_proxy: GOPROXY=file:///nonexist, empty module cache [A17]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.5.1'], { GOPROXY: 'file:///nonexist' });
    expectFinding(outcome, {
      go: /rsc\.io\/quote@v1\.5\.1: reading file:\/\/\/nonexist\/rsc\.io\/quote\/@v\/v1\.5\.1\.(?:mod|info): no such file or directory/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-not-found',
      first: 'goproxy-append-direct',
    });
  });

  it('mod_fileproxy_vcs_missing_issue51589: the module cache as a file:// proxy, golang.org/x/text removed from it [A18]', async () => {
    const { c, outcome } = await withProxy(['rsc.io/quote v1.5.2']);
    assertClean(outcome.report, 'the first download fills the cache');
    const download = path.join(c.sandbox.gomodcache, 'cache', 'download');
    await makeWritable(path.join(download, 'golang.org'));
    fs.rmSync(path.join(download, 'golang.org', 'x', 'text'), { recursive: true });
    setGoEnv(c, { ...scriptEnv(proxy), GOPROXY: `file://${download}` });
    expectFinding(await diagnoseCase(c), {
      go: /rsc\.io\/sampler@v1\.3\.0 requires\n\tgolang\.org\/x\/text@v0\.0\.0-20170915032832-14c0d48ead0c: reading file:\/\/\S+\/pkg\/mod\/cache\/download\/golang\.org\/x\/text\/\S+: no such file or directory/,
      module: 'golang.org/x/text',
      line: 6,
      cls: 'proxy-not-found',
      first: 'goproxy-append-direct',
    });
  });

  it('mod_proxy_https: GOPROXY=<an absolute path without file://> [A19]', async () => {
    const { outcome } = await withProxy(['golang.org/x/text v0.3.0'], { GOPROXY: '/work/proxydir' });
    expectFinding(outcome, {
      go: /invalid proxy URL missing scheme: \/work\/proxydir/,
      module: 'golang.org/x/text',
      line: 6,
      cls: 'goproxy-config',
      first: 'goproxy-default',
    });
  });

  it('mod_gonoproxy: GOPROXY="," [A20]', async () => {
    const { outcome } = await withProxy(['golang.org/x/text v0.3.0'], { GOPROXY: ',' });
    expectFinding(outcome, {
      go: /golang\.org\/x\/text@v0\.3\.0: GOPROXY list is not the empty string, but contains no entries/,
      module: 'golang.org/x/text',
      line: 6,
      cls: 'goproxy-config',
      first: 'goproxy-default',
    });
  });

  it('mod_gonoproxy: GOPROXY=off, GONOPROXY=*/fortune, empty module cache [A21]', async () => {
    const { outcome } = await withProxy(['golang.org/x/text v0.3.0'], { GOPROXY: 'off', GONOPROXY: '*/fortune' });
    expectFinding(outcome, {
      go: /golang\.org\/x\/text@v0\.3\.0: module lookup disabled by GOPROXY=off/,
      module: 'golang.org/x/text',
      line: 6,
      cls: 'goproxy-config',
      offers: ['goproxy-unset'],
    });
  });

  it('work_goproxy_off: GOPROXY=off in a go.work workspace, empty module cache [A22]', async () => {
    const mod = goMod(['rsc.io/sampler v1.3.0'], { go: '1.21' });
    const c = await open({
      files: {
        'go.work': 'go 1.21\n\nuse (\n\t.\n\t./sub\n)\n',
        'go.mod': mod,
        'sub/go.mod': 'module example/sub\n\ngo 1.21\n\nrequire rsc.io/quote v1.5.1\n',
      },
      goEnv: { ...scriptEnv(proxy), GOPROXY: 'off' },
    });
    const outcome = await diagnoseCase(c);
    expectFinding(outcome, {
      go: /rsc\.io\/sampler@v1\.3\.0: module lookup disabled by GOPROXY=off/,
      module: 'rsc.io/sampler',
      line: lineOf(mod, 'rsc.io/sampler'),
      cls: 'goproxy-config',
      offers: ['goproxy-unset'],
    });
    // Checked on its own: the other workspace module's rsc.io/quote is not this go.mod's failure.
    assert.equal(outcome.report.findings.length, 1, describeFindings(outcome.report));
  });

  // ---- C: the checksum database -----------------------------------------------------------------

  it('mod_sumdb: GOSUMDB="<key> $proxy/sumdb-wrong" (every hash h1:wrong), go.mod hashes in go.sum [C1]', async () => {
    const text = 'golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c';
    const [textPath = '', textVersion = ''] = text.split(' ');
    const goSum = [proxy.goSum('rsc.io/quote', 'v1.5.2').split('\n')[1], proxy.goSum('rsc.io/sampler', 'v1.3.0'), proxy.goSum(textPath, textVersion)].join(
      '\n',
    );
    const c = await open({
      files: { 'go.mod': goMod(['rsc.io/quote v1.5.2']), 'go.sum': `${goSum}\n` },
      goEnv: { ...scriptEnv(proxy), GOSUMDB: `${TEST_SUMDB_VERIFIER_KEY} ${proxy.url}/sumdb-wrong` },
    });
    expectFinding(await diagnoseCase(c), {
      go: /rsc\.io\/quote@v1\.5\.2: verifying module: checksum mismatch\n\tdownloaded: h1:3fEykkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=\n\tlocalhost\.localdev\/sumdb: h1:wrong\n\nSECURITY ERROR\nThis download does NOT match the one reported by the checksum server\./,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'checksum-mismatch',
      first: 'checksum-investigate',
    });
  });

  it('mod_sumdb: GOSUMDB="<key> $proxy/sumdb-wrong", nothing in go.sum: the go.mod hash disagrees first [C2]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.5.2'], { GOSUMDB: `${TEST_SUMDB_VERIFIER_KEY} ${proxy.url}/sumdb-wrong` });
    expectFinding(outcome, {
      go: /rsc\.io\/quote@v1\.5\.2: verifying go\.mod: checksum mismatch\n\tdownloaded: h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe\+TKr0=\n\tlocalhost\.localdev\/sumdb: h1:wrong\n\nSECURITY ERROR\n/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'checksum-mismatch',
      first: 'checksum-investigate',
    });
  });

  it('mod_sumdb: the tree cached from sumdb-wrong, then the true database: "server misbehavior detected" [C3]', async () => {
    const { c } = await withProxy(['rsc.io/quote v1.5.2'], { GOSUMDB: `${TEST_SUMDB_VERIFIER_KEY} ${proxy.url}/sumdb-wrong` });
    setGoEnv(c, scriptEnv(proxy));
    c.writeGoMod(goMod(['rsc.io/fortune v1.0.0']));
    // Go names no module, so the finding names none and sits on the module line.
    const misbehavior = expectFinding(await diagnoseCase(c), {
      go: /SECURITY ERROR\ngo\.sum database server misbehavior detected![\s\S]*proof of misbehavior:/,
      module: null,
      line: 1,
      cls: 'module-cache',
      first: 'sumdb-state-reset',
    });
    const reset = misbehavior.fixes[0]!;
    assert.ok(
      reset.detail.kind === 'doc' && reset.detail.text.includes(`${c.sandbox.gopath}/pkg/sumdb/localhost.localdev`),
      `names the tree head to remove: ${JSON.stringify(reset.detail)}`,
    );
    // What mod_sumdb does to recover: `go clean -modcache` alone is not enough …
    assert.equal((await c.run(c.sandbox.go, ['clean', '-modcache'])).code, 0);
    const afterClean = await diagnoseCase(c);
    assert.match(
      afterClean.report.findings.flatMap((finding) => finding.evidence).join('\n'),
      /checking tree#\d+: downloaded inconsistent tile|misbehavior detected/,
      `still failing after go clean -modcache:\n${describeFindings(afterClean.report)}`,
    );
    assert.ok(
      afterClean.report.findings.some((finding) => finding.class === 'module-cache' && finding.fixes[0]?.id === 'sumdb-state-reset'),
      `the same answer after go clean -modcache:\n${describeFindings(afterClean.report)}`,
    );
    // … the tree head cached in $GOPATH/pkg/sumdb must go too.
    fs.rmSync(path.join(c.sandbox.gopath, 'pkg', 'sumdb'), { recursive: true });
    assertClean((await diagnoseCase(c)).report, 'without $GOPATH/pkg/sumdb');
  });

  it('mod_sum_absent: GOSUMDB="<key> $proxy/sumdb-redirect/rsc.io/quote@v1.0.0:" answers for another module [C4]', async () => {
    const { outcome } = await withProxy(['rsc.io/fortune v1.0.0'], { GOSUMDB: `${TEST_SUMDB_VERIFIER_KEY} ${proxy.url}/sumdb-redirect/rsc.io/quote@v1.0.0:` });
    expectFinding(outcome, {
      go: /rsc\.io\/fortune@v1\.0\.0: verifying (?:go\.mod|module): checksum missing from sumdb response\n\nSECURITY ERROR\nThis download does NOT match one reported by the checksum server\./,
      module: 'rsc.io/fortune',
      line: 6,
      cls: 'checksum-mismatch',
      first: 'checksum-investigate',
    });
  });

  it('mod_sumdb_cache: GOPROXY=$proxy/sumdb-503 serves modules but answers 503 for /sumdb/ [C5]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.5.2'], { GOPROXY: `${proxy.url}/sumdb-503` });
    expectFinding(outcome, {
      go: /rsc\.io\/quote@v1\.5\.2: verifying go\.mod: rsc\.io\/quote@v1\.5\.2\/go\.mod: reading http:\/\/127\.0\.0\.1:\d+\/mod\/sumdb-503\/sumdb\/localhost\.localdev\/sumdb\/supported: 503 Service Unavailable/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-server-error',
      first: 'sumdb-mirror',
    });
  });

  it('mod_sumdb_cache: GOPROXY=$proxy/sumdb-504 with GOINSECURE=rsc.io (which does not bypass the checksum database) [C6]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.5.2'], { GOPROXY: `${proxy.url}/sumdb-504`, GOINSECURE: 'rsc.io' });
    expectFinding(outcome, {
      go: /reading http:\/\/127\.0\.0\.1:\d+\/mod\/sumdb-504\/sumdb\/localhost\.localdev\/sumdb\/supported: 504 Gateway Timeout/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-server-error',
      first: 'sumdb-mirror',
    });
  });

  it('mod_sumdb_proxy: GOPROXY=$proxy/sumdb-404, so go asks https://localhost.localdev itself, a name that does not resolve [C8]', async () => {
    const { outcome } = await withProxy(['rsc.io/fortune v1.0.0'], { GOPROXY: `${proxy.url}/sumdb-404` });
    expectFinding(outcome, {
      go: /rsc\.io\/fortune@v1\.0\.0: verifying go\.mod: rsc\.io\/fortune@v1\.0\.0\/go\.mod: Get "https:\/\/localhost\.localdev\/sumdb\/lookup\/rsc\.io\/fortune@v1\.0\.0": dial tcp: lookup localhost\.localdev\b[^\n]*no such host/,
      module: 'rsc.io/fortune',
      line: 6,
      cls: 'sumdb-unreachable',
      first: 'sumdb-mirror',
    });
  });

  it('mod_sumdb_proxy: GOPROXY=$proxy/sumdb-404,$proxy/sumdb-503 reports the last error; "|" walks past it [C9]', async () => {
    const { c, outcome } = await withProxy(['rsc.io/fortune v1.0.0'], { GOPROXY: `${proxy.url}/sumdb-404,${proxy.url}/sumdb-503` });
    expectFinding(outcome, {
      go: /reading http:\/\/127\.0\.0\.1:\d+\/mod\/sumdb-503\/sumdb\/localhost\.localdev\/sumdb\/supported: 503 Service Unavailable/,
      module: 'rsc.io/fortune',
      line: 6,
      cls: 'proxy-server-error',
      first: 'sumdb-mirror',
    });
    setGoEnv(c, { ...scriptEnv(proxy), GOPROXY: `${proxy.url}/sumdb-503|https://0.0.0.0|${proxy.url}` });
    assertClean((await diagnoseCase(c)).report, 'GOPROXY=$proxy/sumdb-503|https://0.0.0.0|$proxy');
  });

  it('mod_sumdb_file_path: GOPROXY=file://<sumproxy>,$proxy — sumproxy claims sum.golang.org but has no lookups [C10]', async () => {
    const c = await open({ files: { 'go.mod': goMod(['rsc.io/quote v1.5.2']) } });
    const sumproxy = writeFileProxy(path.join(c.sandbox.dir, 'sumproxy'), {
      'README.md': 'This proxy contains no modules.\n',
      'sumdb/sum.golang.org/supported': 'This proxy blocks checksum downloads from sum.golang.org.\n',
    });
    setGoEnv(c, { GOSUMDB: 'sum.golang.org', GOPROXY: `${sumproxy},${proxy.url}` });
    expectFinding(await diagnoseCase(c), {
      go: /rsc\.io\/quote@v1\.5\.2: verifying go\.mod: rsc\.io\/quote@v1\.5\.2\/go\.mod: reading file:\/\/\S+\/sumproxy\/sumdb\/sum\.golang\.org\/lookup\/rsc\.io\/quote@v1\.5\.2: no such file or directory/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'sumdb-unreachable',
      first: 'sumdb-mirror',
    });
  });

  it('mod_sumdb_file_path: GOPROXY=file://<sumproxy> alone, the hashes already in go.sum [C11]', async () => {
    const c = await open({ files: { 'go.mod': goMod(['rsc.io/quote v1.5.2']), 'go.sum': proxy.goSum('rsc.io/quote', 'v1.5.2') } });
    setGoEnv(c, {
      GOSUMDB: 'sum.golang.org',
      GOPROXY: writeFileProxy(path.join(c.sandbox.dir, 'sumproxy'), {
        'README.md': 'This proxy contains no modules.\n',
        'sumdb/sum.golang.org/supported': '\n',
      }),
    });
    expectFinding(await diagnoseCase(c), {
      go: /rsc\.io\/quote@v1\.5\.2: reading file:\/\/\S+\/sumproxy\/rsc\.io\/quote\/@v\/v1\.5\.2\.mod: no such file or directory/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'proxy-not-found',
      first: 'goproxy-append-direct',
    });
  });

  it('mod_download_json: GOSUMDB=" /sumdb-wrong" (the script\'s $sumdb and $proxy are unset) [C12]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.5.0'], { GOSUMDB: ' /sumdb-wrong' });
    expectFinding(outcome, {
      go: /rsc\.io\/quote@v1\.5\.0: verifying go\.mod: invalid GOSUMDB: malformed verifier id/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'goproxy-config',
    });
  });

  it('gotoolchain_net: GOTOOLCHAIN=go1.999testmod with GOSUMDB=off — toolchains are always verified [C13]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.5.2'], { GOSUMDB: 'off' }, { env: { GOTOOLCHAIN: 'go1.999testmod' } });
    // GOTOOLCHAIN (the environment) asked for it, not go.mod: on the module line; GOSUMDB is what to change.
    const finding = expectFinding(outcome, {
      go: /golang\.org\/toolchain@v0\.0\.1-go1\.999testmod\.[a-z0-9-]+: verifying module: checksum database disabled by GOSUMDB=off/,
      module: null,
      line: 1,
      cls: 'toolchain',
      first: 'gosumdb-unset',
    });
    // The toolchain GOTOOLCHAIN asked for, and go's reason, not its progress line (was C-6).
    assert.match(finding.message, /the toolchain \(GOTOOLCHAIN=go1\.999testmod\) cannot be had/);
    assert.match(finding.message, /so no download was tried: go: download go1\.999testmod: /);
  });

  it('gotoolchain_net: GOTOOLCHAIN=go1.999testmod with GOSUMDB="<key> <a URL nothing answers>" and no cached tree [C14]', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const { outcome } = await withProxy(
      ['rsc.io/quote v1.5.2'],
      { GOSUMDB: `${TEST_SUMDB_VERIFIER_KEY} ${closed}` },
      { env: { GOTOOLCHAIN: 'go1.999testmod' } },
    );
    expectFinding(outcome, {
      go: /verifying module: golang\.org\/toolchain@v0\.0\.1-go1\.999testmod\.\S+: Get "http:\/\/127\.0\.0\.1:\d+\/(?:lookup|tile)\/\S+": dial tcp 127\.0\.0\.1:\d+: connect: connection refused/,
      module: null,
      line: 1,
      cls: 'toolchain',
      first: 'sumdb-mirror',
      offers: ['gosumdb-unset'],
    });
  });

  // ---- D: go.sum and the module cache -----------------------------------------------------------

  it('mod_verify: go.sum holds a wrong h1: for rsc.io/quote v1.1.0 [D1]', async () => {
    const c = await open({
      files: { 'go.mod': goMod(['rsc.io/quote v1.1.0']), 'go.sum': 'rsc.io/quote v1.1.0 h1:a3YaZoizPtXyv6ZsJ74oo2L4/bwOSTKMY7MAyo4O/1c=\n' },
      goEnv: scriptEnv(proxy),
    });
    expectFinding(await diagnoseCase(c), {
      go: /verifying rsc\.io\/quote@v1\.1\.0: checksum mismatch\n\tdownloaded: h1:a3YaZoizPtXyv6ZsJ74oo2L4\/bwOSTKMY7MAyo4O\/0c=\n\tgo\.sum:     h1:a3YaZoizPtXyv6ZsJ74oo2L4\/bwOSTKMY7MAyo4O\/1c=/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'checksum-mismatch',
      first: 'checksum-investigate',
    });
  });

  it('mod_verify: go.sum holds a wrong /go.mod hash [D2]', async () => {
    const c = await open({
      files: { 'go.mod': goMod(['rsc.io/quote v1.1.0']), 'go.sum': 'rsc.io/quote v1.1.0/go.mod h1:bwawxfHBFNV+L2hUp1rHADufV3IMtnDRdf1r5NINEl1=\n' },
      goEnv: scriptEnv(proxy),
    });
    expectFinding(await diagnoseCase(c), {
      go: /verifying rsc\.io\/quote@v1\.1\.0\/go\.mod: checksum mismatch\n\tdownloaded: h1:v83Ri\/njykPcgJltBc\/gEkJTmjTsNgtO1Y7vyIK1CQA=\n\tgo\.sum:     h1:bwawxfHBFNV\+L2hUp1rHADufV3IMtnDRdf1r5NINEl1=/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'checksum-mismatch',
      first: 'checksum-investigate',
    });
  });

  it("mod_overlay: go.sum says h1:garbage+hash (the overlay's go.sum, here a plain one) [D3]", async () => {
    const c = await open({
      files: { 'go.mod': goMod(['rsc.io/quote v1.5.0']), 'go.sum': 'rsc.io/quote v1.5.0/go.mod h1:garbage+hash\n' },
      goEnv: scriptEnv(proxy),
    });
    expectFinding(await diagnoseCase(c), {
      go: /verifying rsc\.io\/quote@v1\.5\.0\/go\.mod: checksum mismatch\n\tdownloaded: h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe\+TKr0=\n\tgo\.sum:     h1:garbage\+hash/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'checksum-mismatch',
      first: 'checksum-investigate',
    });
  });

  it("work_sum_mismatch: a workspace module's go.sum (a/go.sum) disagrees; found when a is checked on its own [D4]", async () => {
    const c = await open({
      files: {
        'go.work': 'go 1.21\n\nuse (\n\t.\n\t./a\n)\n',
        'go.mod': goMod(['rsc.io/sampler v1.3.0']),
        'a/go.mod': 'module example/a\n\ngo 1.21\n\nrequire rsc.io/sampler v1.3.0\n',
        'a/go.sum': 'rsc.io/sampler v1.3.0/go.mod h1:U1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=\n',
      },
      goEnv: scriptEnv(proxy),
    });
    // The product checks each workspace module on its own (GOWORK=off): a's go.sum is a's problem,
    // found when a is checked, on a/go.mod's line.
    const aMod = 'module example/a\n\ngo 1.21\n\nrequire rsc.io/sampler v1.3.0\n';
    const { report } = await diagnose({ root: path.join(c.root, 'a'), env: c.env, inactivitySeconds: 20, alternateGoTool: c.goTool });
    expectFinding(
      { report, stderr: '' },
      {
        go: /verifying rsc\.io\/sampler@v1\.3\.0\/go\.mod: checksum mismatch\n\tdownloaded: h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=\n\tgo\.sum:     h1:U1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=/,
        module: 'rsc.io/sampler',
        line: lineOf(aMod, 'rsc.io/sampler'),
        cls: 'checksum-mismatch',
        first: 'checksum-investigate',
      },
    );
  });

  it('malformed_gosum_issue62345: a go.sum line with five fields [D5]', async () => {
    const c = await open({
      files: {
        'go.mod': goMod(['rsc.io/quote v1.5.2']),
        'go.sum': `${proxy.goSum('rsc.io/quote', 'v1.5.2')}rsc.io/sampler v1.3.0 h1:x y z\n`,
      },
      goEnv: scriptEnv(proxy),
    });
    const finding = expectFinding(await diagnoseCase(c), {
      go: /malformed go\.sum:\n\S+go\.sum:3: wrong number of fields 5/,
      module: null,
      cls: 'gomod-syntax',
      first: 'gosum-repair',
    });
    // The path is the user's go.sum, never the temporary copy go ran on.
    assert.ok(finding.evidence[0]!.includes(`${path.join(c.root, 'go.sum')}:3: wrong number of fields 5`), finding.evidence[0]);
    assert.match(finding.message, /line 3: wrong number of fields 5/);
  });

  it('mod_download_partial: an empty zip in the cache, its extracted copy gone [D6]', async () => {
    const { c, outcome } = await withProxy(['rsc.io/quote v1.5.2']);
    assertClean(outcome.report, 'the first download');
    await makeWritable(c.sandbox.gomodcache);
    fs.rmSync(path.join(c.sandbox.gomodcache, 'rsc.io', 'quote@v1.5.2'), { recursive: true });
    fs.writeFileSync(path.join(c.sandbox.gomodcache, 'cache', 'download', 'rsc.io', 'quote', '@v', 'v1.5.2.zip'), '');
    expectFinding(await diagnoseCase(c), {
      go: /unzip \S+\/pkg\/mod\/cache\/download\/rsc\.io\/quote\/@v\/v1\.5\.2\.zip: zip: not a valid zip file/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'module-cache',
      first: 'clean-modcache',
    });
    assert.equal((await c.run(c.sandbox.go, ['clean', '-modcache'])).code, 0);
    assertClean((await diagnoseCase(c)).report, 'after go clean -modcache');
  });

  it('mod_gomodcache: GOMODCACHE= and GOPATH=:<dir> (first GOPATH entry empty) [D9]', async () => {
    const mod = goMod(['rsc.io/quote v1.0.0']);
    const c = await open({ files: { 'go.mod': mod }, goEnv: scriptEnv(proxy) });
    const env = { ...c.env, GOMODCACHE: '', GOPATH: `:${path.join(c.sandbox.dir, 'this', 'is', 'ignored')}` };
    // The checksum database client needs GOPATH first …
    expectFinding(await diagnoseCase(c, env), {
      go: /rsc\.io\/quote@v1\.0\.0: verifying go\.mod: \S+: initializing sumdb\.Client: could not locate sumdb file: missing \$GOPATH/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'module-cache',
      first: 'modcache-writable',
    });
    // … and with the hashes in go.sum, the module cache itself is missing: nothing to clean, a location to set.
    fs.writeFileSync(path.join(c.root, 'go.sum'), proxy.goSum('rsc.io/quote', 'v1.0.0'));
    expectFinding(await diagnoseCase(c, env), {
      go: /module cache not found: neither GOMODCACHE nor GOPATH is set/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'module-cache',
      first: 'modcache-writable',
    });
  });

  it('mod_gomodcache: GOMODCACHE names a regular file [D10]', async () => {
    const c = await open({ files: { 'go.mod': goMod(['rsc.io/quote v1.0.0']) }, goEnv: scriptEnv(proxy) });
    const file = path.join(c.sandbox.dir, 'modcachefile');
    fs.writeFileSync(file, '');
    expectFinding(await diagnoseCase(c, { ...c.env, GOMODCACHE: file }), {
      go: /could not create module cache: "\S+\/modcachefile" is not a directory/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'module-cache',
      first: 'modcache-writable',
    });
  });

  it('mod_cache_dir: GOMODCACHE="~/test" and "./test" (relative) [D11]', async () => {
    const c = await open({ files: { 'go.mod': goMod(['rsc.io/quote v1.0.0']) }, goEnv: scriptEnv(proxy) });
    for (const value of ['"~/test"', './test']) {
      const quoted = JSON.stringify(value).replace(/[.~/\\"]/g, '\\$&');
      expectFinding(await diagnoseCase(c, { ...c.env, GOMODCACHE: value }), {
        go: new RegExp(`GOMODCACHE entry is relative; must be absolute path: ${quoted}\\.`),
        module: 'rsc.io/quote',
        line: 6,
        cls: 'module-cache',
        first: 'modcache-writable',
      });
    }
  });

  it('mod_load_badzip: the proxy serves rsc.io/badzip, whose zip holds a file outside the module [D12]', async () => {
    const { outcome } = await withProxy(['rsc.io/badzip v1.0.0']);
    expectFinding(outcome, {
      go: /zip for rsc\.io\/badzip@v1\.0\.0 has unexpected file rsc\.io\/badzip@v1\.0\.0\.txt/,
      module: 'rsc.io/badzip',
      line: 6,
      cls: 'proxy-server-error',
    });
  });

  it('mod_bad_filenames: rsc.io/badfile1…5, zips with bad file names and case collisions [D13]', async () => {
    const mod = goMod([1, 2, 3, 4, 5].map((n) => `rsc.io/badfile${n} v1.0.0`));
    const c = await open({ files: { 'go.mod': mod }, goEnv: scriptEnv(proxy) });
    const outcome = await diagnoseCase(c);
    expectFinding(outcome, {
      go: /rsc\.io\/badfile1@v1\.0\.0: verifying \S+: checksum mismatch/,
      module: 'rsc.io/badfile1',
      line: 6,
      cls: 'checksum-mismatch',
    });
    // No one can use these versions: another version is the fix.
    expectFinding(outcome, {
      go: /unzip \S+badfile2\/@v\/v1\.0\.0\.zip: rsc\.io\/badfile2@v1\.0\.0\/☺\.go: malformed file path "☺\.go": invalid char '☺'/,
      module: 'rsc.io/badfile2',
      line: 7,
      cls: 'module-content',
      first: 'list-versions',
    });
    expectFinding(outcome, {
      go: /unzip \S+badfile4\/@v\/v1\.0\.0\.zip: rsc\.io\/badfile4@v1\.0\.0\/x\/y\.go: case-insensitive file name collision: "x\/Y\.go" and "x\/y\.go"/,
      module: 'rsc.io/badfile4',
      line: 9,
      cls: 'module-content',
      first: 'list-versions',
    });
  });

  // ---- H: module path and identity --------------------------------------------------------------

  it('mod_download: go.mod requires bad/path (no dot in the first path element) [H1]', async () => {
    const { outcome } = await withProxy(['bad/path v1.0.0']);
    expectFinding(outcome, {
      go: /bad\/path@v1\.0\.0: malformed module path "bad\/path": missing dot in first path element/,
      module: 'bad/path',
      line: 6,
      cls: 'module-path',
      first: 'check-path',
    });
  });

  it('mod_bad_domain: go.mod requires appengine [H3]', async () => {
    const { outcome } = await withProxy(['appengine v1.0.0']);
    expectFinding(outcome, {
      go: /malformed module path "appengine": missing dot in first path element/,
      module: 'appengine',
      line: 6,
      cls: 'module-path',
      first: 'check-path',
    });
  });

  it('mod_invalid_path: go.mod requires example.net/bad++ and example.com/dotname/.dot [H4]', async () => {
    for (const [modulePath, why] of [
      ['example.net/bad++', /malformed module path "example\.net\/bad\+\+": invalid char '\+'/],
      ['example.com/dotname/.dot', /malformed module path "example\.com\/dotname\/\.dot": leading dot in path element/],
    ] as const) {
      const { outcome } = await withProxy([`${modulePath} v1.0.0`]);
      expectFinding(outcome, { go: why, module: modulePath, line: 6, cls: 'module-path', first: 'check-path' });
      await disposeCases();
    }
  });

  it('mod_load_badchain: a → b → c, and c declares badchain.example.com/c [H5]', async () => {
    const { outcome } = await withProxy(['example.com/badchain/a v1.1.0']);
    expectFinding(outcome, {
      go: /example\.com\/badchain\/a@v1\.1\.0 requires\n\texample\.com\/badchain\/b@v1\.1\.0 requires\n\texample\.com\/badchain\/c@v1\.1\.0: parsing go\.mod:\n\tmodule declares its path as: badchain\.example\.com\/c\n\t        but was required as: example\.com\/badchain\/c/,
      module: 'example.com/badchain/c',
      line: 6,
      cls: 'module-path',
      first: 'module-path',
    });
  });

  it('mod_load_replace_mismatch: replace rsc.io/quote => example.com/quote, whose go.mod says rsc.io/Quote [H6]', async () => {
    const c = await open({
      files: { 'go.mod': 'module m\n\nrequire rsc.io/quote v1.5.2\n\nreplace rsc.io/quote v1.5.2 => example.com/quote v1.5.2\n' },
      goEnv: scriptEnv(proxy),
    });
    // The finding belongs on the replace line that chose the failing module.
    expectFinding(await diagnoseCase(c), {
      module: 'rsc.io/quote',
      line: 5,
      go: /go: rsc\.io\/quote@v1\.5\.2 \(replaced by example\.com\/quote@v1\.5\.2\): parsing go\.mod:\n\tmodule declares its path as: rsc\.io\/Quote\n\t        but was required as: rsc\.io\/quote/,
      cls: 'module-path',
      first: 'module-path',
    });
  });

  it('mod_retract_rename: example.com/retract/rename v1.9.0-new declares example.com/retract/newname [H7]', async () => {
    const { outcome } = await withProxy(['example.com/retract/rename v1.9.0-new']);
    expectFinding(outcome, {
      go: /module declares its path as: example\.com\/retract\/newname\n\t        but was required as: example\.com\/retract\/rename/,
      module: 'example.com/retract/rename',
      line: 6,
      cls: 'module-path',
      first: 'module-path',
    });
  });

  // ---- I: toolchains ----------------------------------------------------------------------------

  const withToolchain = (
    gotoolchain: string,
    requires = ['rsc.io/quote v1.5.2'],
    options: Parameters<typeof goMod>[1] = {},
    goEnv: Record<string, string> = {},
  ) => {
    const mod = goMod(requires, options);
    return open({ files: { 'go.mod': mod }, goEnv: { ...scriptEnv(proxy), ...goEnv }, env: { GOTOOLCHAIN: gotoolchain } }).then(async (c) => ({
      c,
      mod,
      outcome: await diagnoseCase(c),
    }));
  };

  it('gotoolchain_net: GOTOOLCHAIN=go1.9999x, which the proxy does not have [I1]', async () => {
    const { outcome } = await withToolchain('go1.9999x');
    // GOTOOLCHAIN in the environment asked for it: change it there first, then go env -u.
    const i1 = expectFinding(outcome, {
      go: /go: download go1\.9999x for \S+\/\S+: toolchain not available/,
      module: null,
      line: 1,
      cls: 'toolchain',
      first: 'env-set-in-process',
      offers: ['gotoolchain-value'],
    });
    assert.match(i1.message, /no download was tried: go: download go1\.9999x for \S+: toolchain not available\. GOTOOLCHAIN="go1\.9999x" asks/);
  });

  it('gotoolchain_issue66175: GOTOOLCHAIN=go1.22, a language version [I2]', async () => {
    const { outcome } = await withToolchain('go1.22');
    expectFinding(outcome, {
      go: /go: invalid toolchain: go1\.22 is a language version but not a toolchain version \(go1\.22\.x\)/,
      module: null,
      line: 1,
      cls: 'toolchain',
      first: 'env-set-in-process',
      offers: ['gotoolchain-value'],
    });
  });

  it('gotoolchain_issue66175: GOTOOLCHAIN=go1.20, which the proxy does not have [I3]', async () => {
    const { outcome } = await withToolchain('go1.20');
    expectFinding(outcome, {
      go: /go: download go1\.20 for \S+\/\S+: toolchain not available/,
      module: null,
      line: 1,
      cls: 'toolchain',
      offers: ['gotoolchain-value', 'toolchain'],
    });
  });

  it('gotoolchain_issue66175: GOTOOLCHAIN=go1.22.0, whose zip on the proxy has no bin/go [I4]', async () => {
    const { outcome } = await withToolchain('go1.22.0');
    expectFinding(outcome, {
      go: /go: download go1\.22\.0: stat \S+\/golang\.org\/toolchain@v0\.0\.1-go1\.22\.0\.\S+\/bin\/go: no such file or directory/,
      module: null,
      line: 1,
      cls: 'toolchain',
      offers: ['gotoolchain-value', 'toolchain'],
    });
  });

  it('gotoolchain_issue66175: GOTOOLCHAIN=go1.20+path, no go1.20 on PATH [I5]', async () => {
    const { outcome } = await withToolchain('go1.20+path');
    expectFinding(outcome, { go: /go: cannot find "go1\.20" in PATH/, module: null, line: 1, cls: 'toolchain', offers: ['gotoolchain-value'] });
  });

  it('gotoolchain_local: GOTOOLCHAIN=asdf [I6]', async () => {
    const { outcome } = await withToolchain('asdf');
    expectFinding(outcome, { go: /go: invalid GOTOOLCHAIN "asdf"/, module: null, line: 1, cls: 'toolchain', offers: ['gotoolchain-value'] });
  });

  it('gotoolchain_local: go.mod says go 1.700 and toolchain default (GOTOOLCHAIN=auto, then path) [I7]', async () => {
    for (const [gotoolchain, note] of [
      ['auto', ''],
      ['path', 'GOTOOLCHAIN=path; '],
    ] as const) {
      const { mod, outcome } = await withToolchain(gotoolchain, ['rsc.io/quote v1.5.2'], { go: '1.700', head: ['toolchain default'] });
      const finding = expectFinding(outcome, {
        go: new RegExp(`go\\.mod requires go >= 1\\.700 \\(running go ${RUNNING}; ${note}go\\.mod sets toolchain default\\)`),
        module: null,
        line: lineOf(mod, 'toolchain default'),
        cls: 'toolchain',
        first: 'toolchain',
      });
      assert.match(finding.message, /asks for \(go 1\.700, newer than go\S+ that ran\)/, 'the go line, since the toolchain line says default (was C-6)');
      await disposeCases();
    }
  });

  it('gotoolchain_loop: GOTOOLCHAIN=go1.99.1+path, and the go1.99.1 on PATH is this go under another name [I8]', async () => {
    const mod = goMod(['rsc.io/quote v1.5.2']);
    const c = await open({ files: { 'go.mod': mod }, goEnv: scriptEnv(proxy) });
    const bin = path.join(c.sandbox.dir, 'fake-toolchain');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'go1.99.1'), `#!/bin/sh\nexec ${c.sandbox.go} "$@"\n`, { mode: 0o755 });
    const outcome = await diagnoseCase(c, { ...c.env, PATH: `${bin}:${c.env.PATH}`, GOTOOLCHAIN: 'go1.99.1+path' });
    expectFinding(outcome, {
      go: new RegExp(`go: toolchain go${RUNNING} invoked to provide go1\\.99\\.1`),
      module: null,
      line: 1,
      cls: 'toolchain',
      offers: ['gotoolchain-value'],
    });
  });

  it('mod_get_future: rsc.io/future needs go 1.999, GOTOOLCHAIN=local [I9]', async () => {
    const { outcome } = await withToolchain('local', ['rsc.io/future v1.0.0']);
    expectFinding(outcome, {
      go: new RegExp(`rsc\\.io/future@v1\\.0\\.0: module rsc\\.io/future@v1\\.0\\.0 requires go >= 1\\.999 \\(running go ${RUNNING}; GOTOOLCHAIN=local\\)`),
      module: 'rsc.io/future',
      line: 6,
      cls: 'toolchain',
      first: 'toolchain',
      offers: ['gotoolchain-value', 'list-versions'],
    });
  });

  it('mod_download_exec_toolchain: GOTOOLCHAIN pinned to the running go, a dependency needs a newer one [I10]', async () => {
    const { outcome } = await withToolchain(go.version, ['rsc.io/future v1.0.0']);
    expectFinding(outcome, {
      go: new RegExp(`rsc\\.io/future@v1\\.0\\.0 requires go >= 1\\.999 \\(running go ${RUNNING}; GOTOOLCHAIN=${go.version.replace(/\./g, '\\.')}\\)`),
      module: 'rsc.io/future',
      line: 6,
      cls: 'toolchain',
      first: 'toolchain',
      offers: ['gotoolchain-value', 'list-versions'],
    });
  });

  it('mod_goline_too_new: go.mod says go 1.99999, GOTOOLCHAIN=local [I11]', async () => {
    const { outcome } = await withToolchain('local', ['rsc.io/quote v1.5.2'], { go: '1.99999' });
    expectFinding(outcome, {
      go: new RegExp(`go\\.mod requires go >= 1\\.99999 \\(running go ${RUNNING}; GOTOOLCHAIN=local\\)`),
      module: null,
      line: 3,
      cls: 'toolchain',
      first: 'toolchain',
    });
  });

  it('mod_toolchain_slash: go.mod says toolchain go1.999999-/run.sh [I13]', async () => {
    const { mod, outcome } = await withToolchain('auto', ['rsc.io/quote v1.5.2'], { head: ['toolchain go1.999999-/run.sh'] });
    expectFinding(outcome, {
      go: /invalid toolchain "go1\.999999-\/run\.sh" in go\.mod/,
      module: null,
      line: lineOf(mod, 'toolchain go1.999999'),
      cls: 'toolchain',
    });
  });

  it('(no script) go.mod says go 1.99.1, GOTOOLCHAIN=auto, GOPROXY=off [X6]', async () => {
    const { outcome } = await withToolchain('auto', ['rsc.io/quote v1.5.2'], { go: '1.99.1' }, { GOPROXY: 'off' });
    expectFinding(outcome, {
      go: /go: download go1\.99\.1 for \S+\/\S+: toolchain not available/,
      module: null,
      line: 3,
      cls: 'toolchain',
      first: 'goproxy-default',
    });
  });

  it('(no script) go.mod says toolchain go1.99, a language version, GOTOOLCHAIN=auto [X7]', async () => {
    const { mod, outcome } = await withToolchain('auto', ['rsc.io/quote v1.5.2'], { head: ['toolchain go1.99'] });
    expectFinding(outcome, {
      go: /invalid toolchain: go1\.99 is a language version but not a toolchain version \(go1\.99\.x\)/,
      module: null,
      line: lineOf(mod, 'toolchain go1.99'),
      cls: 'toolchain',
      first: 'toolchain',
    });
  });

  // ---- X: checked by hand in the draft (no script asserts them) ---------------------------------

  it('(no script) a file:// proxy whose .zip is not a zip [X5]', async () => {
    const c = await open({ files: { 'go.mod': goMod(['example.com/bad v1.0.0']) } });
    setGoEnv(c, {
      GOSUMDB: 'off',
      GOPROXY: writeFileProxy(path.join(c.sandbox.dir, 'fileproxy'), {
        'example.com/bad/@v/list': 'v1.0.0\n',
        'example.com/bad/@v/v1.0.0.info': '{"Version":"v1.0.0"}\n',
        'example.com/bad/@v/v1.0.0.mod': 'module example.com/bad\n',
        'example.com/bad/@v/v1.0.0.zip': 'garbage, not a zip\n',
      }),
    });
    // The zip came from the file:// folder in this run: the folder's fault, not the cache's.
    expectFinding(await diagnoseCase(c), { go: /^zip: not a valid zip file$/m, module: 'example.com/bad', line: 6, cls: 'proxy-server-error' });
  });

  it('(no script) GOSUMDB="a b c" [X8]', async () => {
    const { outcome } = await withProxy(['rsc.io/quote v1.5.0'], { GOSUMDB: 'a b c' });
    expectFinding(outcome, {
      go: /rsc\.io\/quote@v1\.5\.0: verifying go\.mod: invalid GOSUMDB: too many fields/,
      module: 'rsc.io/quote',
      line: 6,
      cls: 'goproxy-config',
    });
  });

  it('(no script) GOSUMDB=sum.golang.org, which does not resolve; a file:// proxy without /sumdb/ [X9]', async () => {
    const c = await open({ files: { 'go.mod': goMod(['example.com/good v1.0.0']) } });
    setGoEnv(c, {
      GOSUMDB: 'sum.golang.org',
      GOPROXY: writeFileProxy(path.join(c.sandbox.dir, 'fileproxy'), {
        'example.com/good/@v/list': 'v1.0.0\n',
        'example.com/good/@v/v1.0.0.info': '{"Version":"v1.0.0"}\n',
        'example.com/good/@v/v1.0.0.mod': 'module example.com/good\n',
      }),
    });
    expectFinding(await diagnoseCase(c), {
      go: /example\.com\/good@v1\.0\.0: verifying go\.mod: \S+: Get "https:\/\/sum\.golang\.org\/lookup\/example\.com\/good@v1\.0\.0": dial tcp: lookup sum\.golang\.org\b[^\n]*no such host/,
      module: 'example.com/good',
      line: 6,
      cls: 'sumdb-unreachable',
      offers: ['sumdb-mirror'],
    });
  });

  it('(no script) a pseudo-version with an 11-digit hash, through a file:// proxy [X12]', async () => {
    const c = await open({ files: { 'go.mod': goMod(['example.com/good v1.0.0-20170915032832-14c0d48ead0']) } });
    setGoEnv(c, { GOSUMDB: 'off', GOPROXY: writeFileProxy(path.join(c.sandbox.dir, 'fileproxy'), { 'example.com/good/@v/list': 'v1.0.0\n' }) });
    expectFinding(await diagnoseCase(c), {
      cls: 'proxy-not-found',
      go: /example\.com\/good@v1\.0\.0-20170915032832-14c0d48ead0: reading file:\/\/\S+\/example\.com\/good\/@v\/v1\.0\.0-20170915032832-14c0d48ead0\.mod: no such file or directory/,
      module: 'example.com/good',
      line: 6,
    });
  });
});

describe("Go's script-test scenarios: settings and tools, no server", function () {
  this.timeout(60_000);
  afterEach(disposeCases);

  /** A case whose PATH has the lab's git wrapper and go only: no hg, svn, bzr or fossil, whatever the machine has. */
  const bare = async (requires: string[], goEnv: Record<string, string>, options: { git?: boolean } = {}) => {
    const c = await open({ files: { 'go.mod': goMod(requires) }, goEnv });
    const gitDir = path.dirname(c.goTool);
    const env = { ...c.env, PATH: options.git === false ? path.dirname(c.sandbox.go) : `${gitDir}:${path.dirname(c.sandbox.go)}` };
    return diagnoseCase(c, env);
  };

  it('govcs: GOVCS forbids git for github.com/google/go-cmp (five settings of the script) [F1]', async () => {
    for (const [govcs, goprivate, kind] of [
      ['*:none', '', 'public'],
      ['public:all,private:none', 'github.com/google', 'private'],
      ['private:all,public:none', '', 'public'],
      ['github.com:svn|hg', '', 'public'],
      ['github.com/google/go-cmp/inner:git,github.com:svn|hg', '', 'public'],
    ] as const) {
      const outcome = await bare(['github.com/google/go-cmp v0.5.0'], { ...DIRECT, GOVCS: govcs, GOPRIVATE: goprivate });
      expectFinding(outcome, {
        go: new RegExp(`go: github\\.com/google/go-cmp@v0\\.5\\.0: GOVCS disallows using git for ${kind} github\\.com/google/go-cmp; see 'go help vcs'`),
        module: 'github.com/google/go-cmp',
        line: 6,
        cls: 'govcs',
        first: 'govcs-allow-git',
      });
      await disposeCases();
    }
  });

  it('govcs: GOVCS=git (no colon) [F2]', async () => {
    const outcome = await bare(['github.com/google/go-cmp v0.5.0'], { ...DIRECT, GOVCS: 'git' });
    expectFinding(outcome, {
      go: /github\.com\/google\/go-cmp@v0\.5\.0: malformed entry in GOVCS \(missing colon\): "git"/,
      module: 'github.com/google/go-cmp',
      line: 6,
      cls: 'govcs',
      first: 'govcs-value',
    });
  });

  it('govcs: GOVCS=github.com:hg,github.com:git (an unreachable pattern) [F3]', async () => {
    const outcome = await bare(['github.com/google/go-cmp v0.5.0'], { ...DIRECT, GOVCS: 'github.com:hg,github.com:git' });
    expectFinding(outcome, {
      go: /github\.com\/google\/go-cmp@v0\.5\.0: unreachable pattern in GOVCS: "github\.com:git" after "github\.com:hg"/,
      module: 'github.com/google/go-cmp',
      line: 6,
      cls: 'govcs',
      first: 'govcs-value',
    });
  });

  it("govcs: Go's default GOVCS and rsc.io/nonexist.svn/hello, .fossil/hello, .bzr/hello [F4]", async () => {
    for (const vcs of ['svn', 'fossil', 'bzr']) {
      const modulePath = `rsc.io/nonexist.${vcs}/hello`;
      const outcome = await bare([`${modulePath} v1.0.0`], { ...DIRECT, GOVCS: '' });
      expectFinding(outcome, {
        go: new RegExp(`${modulePath.replace(/\./g, '\\.')}@v1\\.0\\.0: GOVCS disallows using ${vcs} for public rsc\\.io/nonexist\\.${vcs}; see 'go help vcs'`),
        module: modulePath,
        line: 6,
        cls: 'govcs',
      });
      await disposeCases();
    }
  });

  it('govcs: GOVCS=public:hg and rsc.io/nonexist.git/hello [F5]', async () => {
    const outcome = await bare(['rsc.io/nonexist.git/hello v1.0.0'], { ...DIRECT, GOVCS: 'public:hg' });
    expectFinding(outcome, {
      go: /rsc\.io\/nonexist\.git\/hello@v1\.0\.0: GOVCS disallows using git for public rsc\.io\/nonexist\.git; see 'go help vcs'/,
      module: 'rsc.io/nonexist.git/hello',
      line: 6,
      cls: 'govcs',
      first: 'govcs-allow-git',
    });
  });

  it('(no script) GOVCS=git, github.com:hg,github.com:git and *:off for github.com/acme/lib [X10]', async () => {
    for (const govcs of ['git', 'github.com:hg,github.com:git']) {
      expectFinding(await bare(['github.com/acme/lib v1.0.0'], { ...DIRECT, GOVCS: govcs }), {
        go: /github\.com\/acme\/lib@v1\.0\.0: (?:malformed entry|unreachable pattern) in GOVCS/,
        module: 'github.com/acme/lib',
        line: 6,
        cls: 'govcs',
        first: 'govcs-value',
      });
      await disposeCases();
    }
    expectFinding(await bare(['github.com/acme/lib v1.0.0'], { ...DIRECT, GOVCS: '*:off' }), {
      go: /GOVCS disallows using git for public github\.com\/acme\/lib/,
      module: 'github.com/acme/lib',
      line: 6,
      cls: 'govcs',
      first: 'govcs-allow-git',
    });
  });

  it('mod_vcs_missing: launchpad.net/gocheck needs bzr, which is not on PATH [E19]', async () => {
    const outcome = await bare(['launchpad.net/gocheck v0.0.0-20140225173054-eb6ee6f84d0a'], DIRECT);
    expectFinding(outcome, {
      go: /bzr branch --use-existing-dir -- https:\/\/launchpad\.net\/gocheck \. in \S+: exec: "bzr": executable file not found in \$PATH/,
      module: 'launchpad.net/gocheck',
      line: 6,
      cls: 'vcs-missing',
      first: 'install-vcs',
    });
  });

  it('(no script) github.com/acme/lib fetched directly, no git on PATH [X1]', async () => {
    const outcome = await bare(['github.com/acme/lib v1.0.0'], DIRECT, { git: false });
    expectFinding(outcome, {
      go: /github\.com\/acme\/lib@v1\.0\.0: unable to resolve git version: failed to execute git version: exec: "git": executable file not found in \$PATH/,
      module: 'github.com/acme/lib',
      line: 6,
      cls: 'vcs-missing',
      first: 'install-git',
    });
  });

  it('(no script) example.com/repo.git fetched directly, no git on PATH [X2]', async () => {
    const outcome = await bare(['example.com/repo.git v1.0.0'], DIRECT, { git: false });
    expectFinding(outcome, {
      go: /go: missing Git command\. See https:\/\/golang\.org\/s\/gogetcmd/,
      module: 'example.com/repo.git',
      line: 6,
      cls: 'vcs-missing',
      first: 'install-git',
    });
  });

  it('(no script) example.com/repo.hg, .bzr, .svn: Mercurial, Bazaar, Subversion not on PATH [X3]', async () => {
    for (const [suffix, tool] of [
      ['hg', 'Mercurial'],
      ['bzr', 'Bazaar'],
      ['svn', 'Subversion'],
    ] as const) {
      const outcome = await bare([`example.com/repo.${suffix} v1.0.0`], DIRECT);
      expectFinding(outcome, { go: new RegExp(`go: missing ${tool} command\\. See https://golang\\.org/s/gogetcmd`) });
      expectFinding(outcome, {
        go: new RegExp(`example\\.com/repo\\.${suffix}@v1\\.0\\.0: no secure protocol found for repository`),
        module: `example.com/repo.${suffix}`,
        line: 6,
        cls: 'vcs-missing',
        first: 'install-vcs',
      });
      await disposeCases();
    }
  });

  it('(no script) example.com/repo.fossil, fossil not on PATH [X4]', async () => {
    const outcome = await bare(['example.com/repo.fossil v1.0.0'], DIRECT);
    expectFinding(outcome, {
      go: /example\.com\/repo\.fossil@v1\.0\.0: fossil clone -- https:\/\/example\.com\/repo \.fossil in \S+: exec: "fossil": executable file not found in \$PATH/,
      module: 'example.com/repo.fossil',
      line: 6,
      cls: 'vcs-missing',
      first: 'install-vcs',
    });
  });
});

describe("Go's script-test scenarios: vcs-test.golang.org (vcweb) and git over HTTPS", function () {
  this.timeout(60_000);
  let shared: Awaited<ReturnType<typeof sharedDir>>;
  let ca: TestCa;
  let forge: VcsForge;
  let gitRoot: string;
  /** Commit hashes of the repositories, by repository and commit name. */
  const commits: Record<string, Record<string, string>> = {};
  const TEXT_TIME = '2017-09-15T03:28:32Z';

  before(async () => {
    shared = await sharedDir();
    ca = await createTestCa(path.join(shared.dir, 'ca'));
    gitRoot = path.join(shared.dir, 'git');
    const lib = (modulePath: string, note = '') => ({ 'go.mod': `module ${modulePath}\n\ngo 1.21\n`, 'lib.go': `package lib // ${note}\n` });
    const tagged = (name: string, modulePath: string, tag = 'v1.0.0') =>
      buildGitRepo(gitRoot, name, { [tag]: { files: lib(modulePath, tag), refs: [`refs/tags/${tag}`, 'refs/heads/main'] } });
    commits.term = await tagged('github.com/golang/term.git', 'github.com/golang/term', 'v0.1.0');
    commits.acme = await tagged('github.com/acme/lib.git', 'github.com/acme/lib');
    commits.hello = await tagged('vcs-test.golang.org/git/hello.git', 'vcs-test.golang.org/git/hello.git');
    commits.retract = await tagged('vcs-test.golang.org/git/retract-pseudo.git', 'vcs-test.golang.org/git/retract-pseudo.git');
    commits.hellogo = await tagged('vcs-test.golang.org/git/hellogo.git', 'vcs-test.golang.org/go/hello');
    await buildGitRepo(gitRoot, 'github.com/golang/notexist.git', {
      v: { files: { 'subdir/go.mod': 'module github.com/golang/notexist/subdir\n' }, refs: ['refs/tags/subdir/v0.1.0', 'refs/heads/main'] },
    });
    // A commit only a Gerrit-like change ref holds, and that ref hidden from clients (as go.googlesource.com does).
    commits.unreachable = await buildGitRepo(gitRoot, 'vcs-test.golang.org/git/unreachable-hash.git', {
      v1: { files: lib('vcs-test.golang.org/git/unreachable-hash.git'), refs: ['refs/tags/v1.0.0', 'refs/heads/main'] },
      change: {
        parent: 'v1',
        files: lib('vcs-test.golang.org/git/unreachable-hash.git', 'change'),
        refs: ['refs/changes/24/41624/3'],
        date: '2024-02-01T00:00:00Z',
      },
    });
    await git(['config', '--file', path.join(gitRoot, 'vcs-test.golang.org/git/unreachable-hash.git', 'config'), 'uploadpack.hideRefs', 'refs/changes']);
    // golang.org/x/text as mod_invalid_version knows it: v0.1.0, a commit after it (with unicode/, no go.mod there) and v0.2.0 on another branch.
    const text = (note: string, extra: Record<string, string> = {}) => ({
      'go.mod': 'module golang.org/x/text\n',
      'doc.go': `package text // ${note}\n`,
      ...extra,
    });
    commits.text = await buildGitRepo(gitRoot, 'go.googlesource.com/text.git', {
      v010: { files: text('v0.1.0'), refs: ['refs/tags/v0.1.0'], date: '2017-01-01T00:00:00Z' },
      commit: { parent: 'v010', files: text('14c0d48ead0c', { 'unicode/unicode.go': 'package unicode\n' }), refs: ['refs/heads/master'], date: TEXT_TIME },
      v020: { parent: 'v010', files: text('v0.2.0'), refs: ['refs/tags/v0.2.0'], date: '2017-10-01T00:00:00Z' },
    });
    // lz4 v2.0.8 and an untagged commit after it, both with a go.mod that says github.com/pierrec/lz4 (no /v2).
    const lz4 = (note: string) => ({ 'go.mod': 'module github.com/pierrec/lz4\n', 'lz4.go': `package lz4 // ${note}\n` });
    commits.lz4 = await buildGitRepo(gitRoot, 'github.com/pierrec/lz4.git', {
      v208: { files: lz4('v2.0.8'), refs: ['refs/tags/v2.0.8'], date: '2019-02-01T00:00:00Z' },
      next: { parent: 'v208', files: lz4('9a39efadad3d'), refs: ['refs/heads/master'], date: '2019-02-09T15:56:47Z' },
    });
    await buildGitRepo(gitRoot, 'github.com/russross/blackfriday.git', {
      v152: { files: { 'block.go': 'package blackfriday\n' }, refs: ['refs/tags/v1.5.2'] },
      v200: {
        parent: 'v152',
        files: { 'go.mod': 'module github.com/russross/blackfriday/v2\n', 'block.go': 'package blackfriday\n' },
        refs: ['refs/tags/v2.0.0', 'refs/heads/master'],
      },
    });
    commits.gogit = await buildGitRepo(gitRoot, 'gopkg.in/src-d/go-git.v3.git', {
      v320: { files: { 'go.mod': 'module gopkg.in/src-d/go-git.v3\n' }, refs: ['refs/tags/v3.2.0'] },
      v4: { parent: 'v320', files: { 'go.mod': 'module gopkg.in/src-d/go-git.v4\n' }, refs: ['refs/heads/master'], date: '2019-08-01T15:22:48Z' },
    });
    forge = await VcsForge.start({
      ca,
      gitRoot,
      hosts: ['vcs-test.golang.org', 'github.com', 'golang.org', 'gopkg.in', 'go.googlesource.com'],
      // GitHub answers 401 for a repository that does not exist, as for a private one.
      gitAuth: { 'github.com/golang/nonexist.git': { user: 'lab-user', password: 'lab-password' } },
    });
    const goImport = (prefix: string, repo: string) => `<!DOCTYPE html>\n<meta name="go-import" content="${prefix} git ${repo}">\n`;
    forge.pages.set('golang.org/x/text', goImport('golang.org/x/text', 'https://go.googlesource.com/text'));
    forge.pages.set('golang.org/x/text/unicode', goImport('golang.org/x/text', 'https://go.googlesource.com/text'));
    forge.pages.set('gopkg.in/src-d/go-git.v3', goImport('gopkg.in/src-d/go-git.v3', 'https://gopkg.in/src-d/go-git.v3'));
    // get_404_meta: a go-import tag served with status 404 still counts (and makes go ask GOAUTH first).
    forge.pages.set('vcs-test.golang.org/go/hello', { status: 404, html: goImport('vcs-test.golang.org/go/hello', 'https://vcs-test.golang.org/git/hellogo') });
  });

  after(async () => {
    await forge?.close();
    await shared?.cleanup();
  });

  afterEach(disposeCases);

  const OR401 = 'vcs-test.golang.org/auth/or401 v0.0.0-20190405155051-52df474c8a8b';
  const onForge = async (requires: string[], goEnv: Record<string, string> = DIRECT, env: Record<string, string> = {}) => {
    const mod = goMod(requires);
    const c = await open({ files: { 'go.mod': mod }, goEnv, env: { ...forge.env, ...env } });
    return { c, mod };
  };
  const emptyNetrc = (c: ClassCase): string => {
    const file = path.join(c.sandbox.dir, 'empty-netrc');
    fs.writeFileSync(file, '');
    return file;
  };
  const writeNetrc = (c: ClassCase): void =>
    fs.writeFileSync(path.join(c.sandbox.home, '.netrc'), 'machine vcs-test.golang.org login aladdin password opensesame\n', { mode: 0o600 });
  const hex12 = (hash: string | undefined) => (hash ?? '').slice(0, 12);

  // ---- B: go-get pages, GOAUTH, .netrc ----------------------------------------------------------

  it('mod_auth: vcs-test.golang.org/auth/or401 answers the go-get request 401 (NETRC empty); a ~/.netrc line fixes it [B1]', async () => {
    const { c } = await onForge([OR401], { ...DIRECT, GOVCS: '*:off' });
    expectFinding(await diagnoseCase(c, { ...c.env, NETRC: emptyNetrc(c) }), {
      go: /unrecognized import path "vcs-test\.golang\.org\/auth\/or401": reading https:\/\/vcs-test\.golang\.org\/auth\/or401\?go-get=1: 401 Unauthorized\n\tserver response: ACCESS DENIED, buddy/,
      module: 'vcs-test.golang.org/auth/or401',
      line: 6,
      cls: 'proxy-auth',
      first: 'goget-credentials',
    });
    // What goget-credentials says: a ~/.netrc line for the host of the go-get request.
    writeNetrc(c);
    assertClean((await diagnoseCase(c)).report, 'with ~/.netrc');
    assert.ok(
      forge.requests.some((request) => request.path.startsWith('/auth/or401/') && request.user === 'aladdin'),
      "go sent ~/.netrc's credentials to the `mod` proxy the go-import tag names",
    );
  });

  it('mod_auth: vcs-test.golang.org/auth/or404 hides itself behind 404 "File? What file?" [B2]', async () => {
    const { c } = await onForge(['vcs-test.golang.org/auth/or404 v0.0.0-20190405155004-2234c475880e'], { ...DIRECT, GOVCS: '*:off' });
    expectFinding(await diagnoseCase(c, { ...c.env, NETRC: emptyNetrc(c) }), {
      go: /reading https:\/\/vcs-test\.golang\.org\/auth\/or404\?go-get=1: 404 Not Found\n\tserver response: File\? What file\?/,
      module: 'vcs-test.golang.org/auth/or404',
      line: 6,
      cls: 'import-path',
      first: 'check-path',
      offers: ['goget-credentials'],
    });
  });

  it('goauth_netrc: NETRC names a missing file, and GOAUTH=off with a valid ~/.netrc [B3]', async () => {
    const { c } = await onForge([OR401]);
    const or401 = /reading https:\/\/vcs-test\.golang\.org\/auth\/or401\?go-get=1: 401 Unauthorized\n\tserver response: ACCESS DENIED, buddy/;
    expectFinding(await diagnoseCase(c, { ...c.env, NETRC: path.join(c.sandbox.dir, 'missing') }), {
      go: or401,
      module: 'vcs-test.golang.org/auth/or401',
      line: 6,
      cls: 'proxy-auth',
      first: 'goget-credentials',
    });
    writeNetrc(c);
    setGoEnv(c, { ...DIRECT, GOAUTH: 'off' });
    expectFinding(await diagnoseCase(c), { go: or401, module: 'vcs-test.golang.org/auth/or401', line: 6, cls: 'proxy-auth', first: 'goauth-unset' });
  });

  it('goauth_netrc: GOAUTH="off; netrc" [B4]', async () => {
    const { c } = await onForge([OR401], { ...DIRECT, GOAUTH: 'off; netrc' });
    expectFinding(await diagnoseCase(c), {
      go: /go: GOAUTH=off cannot be combined with other authentication commands \(GOAUTH=off; netrc\)/,
      module: null,
      cls: 'env-conflict',
      offers: ['goauth-value'],
    });
  });

  it('goauth_netrc: NETRC= and HOME= — only a warning under -x, the download works [B5]', async () => {
    const { c } = await onForge(['vcs-test.golang.org/go/hello v1.0.0']);
    const outcome = await diagnoseCase(c, { ...c.env, NETRC: '', HOME: '' });
    assert.match(outcome.stderr, /GOAUTH=netrc: \$HOME is not defined/);
    assertClean(outcome.report, 'a warning is no failure');
  });

  it('goauth_git: GOAUTH=git, "git gitDir", "git relative" [B6]', async () => {
    const { c } = await onForge([OR401]);
    fs.mkdirSync(path.join(c.root, 'relative'));
    for (const goauth of ['git', 'git gitDir', 'git relative']) {
      setGoEnv(c, { ...DIRECT, GOAUTH: goauth });
      expectFinding(await diagnoseCase(c), {
        go: /go: GOAUTH=git dir method requires an absolute path to the git working directory/,
        module: null,
        cls: 'env-conflict',
        offers: ['goauth-value'],
      });
    }
  });

  it('goauth_git: GOAUTH="git <dir>" with an empty credential store: git\'s "terminal prompts disabled" in the -x log [B7]', async () => {
    const { c } = await onForge([OR401]);
    await git(['init', '--quiet', c.root]);
    await git(['config', '--file', path.join(c.root, '.git', 'config'), 'credential.helper', 'store --file=.git-credentials']);
    setGoEnv(c, { ...DIRECT, GOAUTH: `git ${c.root}` });
    const outcome = await diagnoseCase(c);
    assert.match(
      outcome.stderr,
      /GOAUTH encountered errors for https:\/\/vcs-test\.golang\.org\/auth\/or401\?go-get=1:\n {2}GOAUTH=git \S+: 'git credential fill' failed/,
    );
    expectFinding(outcome, {
      go: /401 Unauthorized\n\tserver response: ACCESS DENIED, buddy/,
      module: 'vcs-test.golang.org/auth/or401',
      line: 6,
      cls: 'proxy-auth',
      first: 'goget-credentials',
      offers: ['goauth-value'],
    });
  });

  it('goauth_userauth: GOAUTH=<a command that prints wrong credentials> [B8]', async () => {
    const { c } = await onForge([OR401], { ...DIRECT, GOAUTH: 'invalid' });
    const bin = path.join(c.sandbox.dir, 'goauth-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'invalid'), '#!/bin/sh\nprintf "https://vcs-test.golang.org\\n\\nAuthorization: Basic invalid\\n\\n"\n', { mode: 0o755 });
    expectFinding(await diagnoseCase(c, { ...c.env, PATH: `${bin}:${c.env.PATH}` }), {
      go: /or401\?go-get=1: 401 Unauthorized\n\tserver response: ACCESS DENIED, buddy/,
      module: 'vcs-test.golang.org/auth/or401',
      line: 6,
      cls: 'proxy-auth',
      first: 'goauth-value',
    });
  });

  it('mod_proxy_errors: a 404 whose text body has 16 lines, and one of 800 characters [B10, B11]', async () => {
    for (const [name, body] of [
      ['ormanylines', /server response:\n\tline 1\n(?:\tline \d\n){7}\t\[Truncated: too many lines\.\]/],
      ['oronelongline', /server response: \[Truncated: too long\.\]/],
    ] as const) {
      const { c } = await onForge([`vcs-test.golang.org/auth/${name} v1.0.0`]);
      expectFinding(await diagnoseCase(c, { ...c.env, NETRC: emptyNetrc(c) }), {
        go: body,
        module: `vcs-test.golang.org/auth/${name}`,
        line: 6,
        cls: 'import-path',
        first: 'check-path',
      });
      await disposeCases();
    }
  });

  it('mod_proxy_errors: vcs-test.golang.org/go/modauth404 names a `mod` proxy that answers 404 without credentials [B12]', async () => {
    const { c } = await onForge(['vcs-test.golang.org/go/modauth404 latest']);
    expectFinding(await diagnoseCase(c, { ...c.env, NETRC: emptyNetrc(c) }), {
      go: /module vcs-test\.golang\.org\/go\/modauth404: reading https:\/\/vcs-test\.golang\.org\/auth\/or404\/vcs-test\.golang\.org\/go\/modauth404\/@v\/list: 404 Not Found\n\tserver response: File\? What file\?/,
      module: 'vcs-test.golang.org/go/modauth404',
      line: 6,
      cls: 'proxy-not-found',
      first: 'proxy-credentials',
      offers: ['check-path'],
    });
  });

  // ---- C7: the checksum database asked directly -------------------------------------------------

  it('mod_sumdb_proxy: GOPROXY=direct and GOSUMDB=<name+key>, so go asks https://localhost.localdev, which does not resolve [C7]', async () => {
    const { c } = await onForge(['github.com/acme/lib v1.0.0'], { GOPROXY: 'direct', GOSUMDB: TEST_SUMDB_VERIFIER_KEY }, { NO_PROXY: 'localhost.localdev' });
    expectFinding(await diagnoseCase(c), {
      go: /github\.com\/acme\/lib@v1\.0\.0: verifying go\.mod: \S+: Get "https:\/\/localhost\.localdev\/sumdb\/lookup\/github\.com\/acme\/lib@v1\.0\.0": dial tcp: lookup localhost\.localdev\b[^\n]*no such host/,
      module: 'github.com/acme/lib',
      line: 6,
      cls: 'sumdb-unreachable',
      offers: ['sumdb-mirror'],
    });
  });

  // ---- E: direct mode with git ------------------------------------------------------------------

  const prompted =
    /git ls-remote -q --end-of-options https:\/\/github\.com\/golang\/nonexist in \S+: exit status 128:\n\tfatal: could not read Username for 'https:\/\/github\.com': terminal prompts disabled\nConfirm the import path was entered correctly\.\nIf this is a private repository, see https:\/\/golang\.org\/doc\/faq#git_https for additional information\./;

  it('mod_download_private_vcs: github.com/golang/nonexist — GitHub asks for credentials [E1]', async () => {
    const { c } = await onForge(['github.com/golang/nonexist v1.0.0']);
    expectFinding(await diagnoseCase(c), {
      go: prompted,
      module: 'github.com/golang/nonexist',
      line: 6,
      cls: 'repo-not-found',
      offers: ['check-path', 'git-credentials'],
    });
  });

  it('mod_download_private_vcs: github.com/golang/term at a commit it does not have [E2]', async () => {
    const { c } = await onForge(['github.com/golang/term 86186f3aba07ed0212cfb944f3398997d2d07c6b']);
    expectFinding(await diagnoseCase(c), {
      go: /github\.com\/golang\/term@86186f3aba07ed0212cfb944f3398997d2d07c6b: invalid version: unknown revision 86186f3aba07ed0212cfb944f3398997d2d07c6b/,
      module: 'github.com/golang/term',
      line: 6,
      cls: 'unknown-revision',
      first: 'list-versions',
    });
  });

  it('mod_download_private_vcs: github.com/golang/nonexist at the branch query master [E3]', async () => {
    const { c } = await onForge(['github.com/golang/nonexist master']);
    const outcome = await diagnoseCase(c);
    assert.doesNotMatch(outcome.report.findings.flatMap((finding) => finding.evidence).join('\n'), /unknown revision/);
    expectFinding(outcome, { go: prompted, module: 'github.com/golang/nonexist', line: 6, cls: 'repo-not-found', offers: ['check-path', 'git-credentials'] });
  });

  it('mod_download_private_vcs: insteadOf git@github.com: and GIT_SSH_COMMAND=false (ssh fails without a word) [E4]', async () => {
    const { c } = await onForge(['github.com/golang/nonexist master'], DIRECT, { GIT_SSH_COMMAND: 'false' });
    await git(['config', '--file', c.sandbox.gitConfigGlobal, 'url.git@github.com:.insteadOf', 'https://github.com/']);
    const outcome = await diagnoseCase(c);
    assert.doesNotMatch(outcome.report.findings.flatMap((finding) => finding.evidence).join('\n'), /unknown revision/);
    expectFinding(outcome, {
      go: /exit status 128:\n\tfatal: Could not read from remote repository\.\n\t\n\tPlease make sure you have the correct access rights\n\tand the repository exists\./,
      module: 'github.com/golang/nonexist',
      line: 6,
      cls: 'ssh-auth',
      offers: ['ssh-key', 'insteadof-remove'],
    });
    // go repeats the failure in its complaint about the go.mod line: more evidence, not a second finding on line 1.
    assert.equal(outcome.report.findings.length, 1, describeFindings(outcome.report));
  });

  it('mod_download_issue51114: github.com/golang/notexist/subdir over ssh (insteadOf), a key the server refuses [E5]', async () => {
    const ssh = await SshGitServer.start({ reposRoot: gitRoot });
    deferCleanup(() => ssh.stop());
    const { c } = await onForge(['github.com/golang/notexist/subdir v0.1.0']);
    const knownHosts = await ssh.writeKnownHosts(path.join(c.sandbox.dir, 'known_hosts'));
    await git(['config', '--file', c.sandbox.gitConfigGlobal, `url.${ssh.baseUrl}github.com/.insteadOf`, 'https://github.com/']);
    const outcome = await diagnoseCase(c, { ...c.env, GIT_SSH_COMMAND: gitSshCommand({ key: ssh.strangerKey.privateKey, knownHosts }) });
    expectFinding(outcome, {
      go: /github\.com\/golang\/notexist\/subdir@v0\.1\.0: reading github\.com\/golang\/notexist\/subdir\/go\.mod at revision subdir\/v0\.1\.0: git ls-remote -q --end-of-options https:\/\/github\.com\/golang\/notexist in \S+: exit status 128:\n\t\S+: Permission denied \(publickey\)\./,
      module: 'github.com/golang/notexist/subdir',
      line: 6,
      cls: 'ssh-auth',
      first: 'ssh-key',
    });
  });

  it('mod_missing_repo: the go-import tag of missingrepo-git names a git repository that does not exist [E6]', async () => {
    const { c } = await onForge(['vcs-test.golang.org/go/missingrepo/missingrepo-git v1.0.0']);
    expectFinding(await diagnoseCase(c), {
      go: /vcs-test\.golang\.org\/go\/missingrepo\/missingrepo-git@v1\.0\.0: \S+ \S+ at revision v1\.0\.0: git ls-remote -q --end-of-options https:\/\/vcs-test\.golang\.org\/git\/missingrepo in \S+: exit status 128:\n\tfatal: repository 'https:\/\/vcs-test\.golang\.org\/git\/missingrepo\/' not found/,
      module: 'vcs-test.golang.org/go/missingrepo/missingrepo-git',
      line: 6,
      cls: 'repo-not-found',
      offers: ['check-path'],
    });
  });

  it('mod_insecure_issue63845: golang.org/nonexist.git — https says not found, ssh fails (GIT_SSH_COMMAND=false), git:// is never tried [E7]', async () => {
    const { c } = await onForge(['golang.org/nonexist.git v1.0.0'], { GOPRIVATE: 'golang.org' }, { GIT_SSH_COMMAND: 'false', CURLOPT_TIMEOUT_MS: '100' });
    const outcome = await diagnoseCase(c);
    for (const url of ['https://golang.org/nonexist', 'git+ssh://golang.org/nonexist', 'ssh://golang.org/nonexist'])
      assert.ok(outcome.stderr.includes(`git ls-remote ${url}`), `go probed ${url}`);
    assert.doesNotMatch(outcome.stderr, /git ls-remote git:\/\//);
    expectFinding(outcome, {
      go: /golang\.org\/nonexist\.git@v1\.0\.0: no secure protocol found for repository/,
      module: 'golang.org/nonexist.git',
      line: 6,
      cls: 'repo-not-found',
      first: 'check-path',
    });
  });

  it('reuse_git: vcs-test.golang.org/git/hello.git/v9 at the query latest (no v9 tags) [E8]', async () => {
    const { c } = await onForge(['vcs-test.golang.org/git/hello.git/v9 latest']);
    expectFinding(await diagnoseCase(c), {
      go: /no matching versions for query "latest"/,
      module: 'vcs-test.golang.org/git/hello.git/v9',
      line: 6,
      cls: 'unknown-revision',
      first: 'list-versions',
    });
  });

  it('reuse_git: vcs-test.golang.org/git/hello.git at v0.0.0-20220101120101-123456789abc [E9]', async () => {
    const { c } = await onForge(['vcs-test.golang.org/git/hello.git v0.0.0-20220101120101-123456789abc']);
    expectFinding(await diagnoseCase(c), {
      go: /vcs-test\.golang\.org\/git\/hello\.git@v0\.0\.0-20220101120101-123456789abc: invalid version: unknown revision 123456789abc/,
      module: 'vcs-test.golang.org/git/hello.git',
      line: 6,
      cls: 'unknown-revision',
      first: 'list-versions',
    });
  });

  it('mod_retract_pseudo_base: a pseudo-version derived from the tag v1.0.0 of its own commit [E11]', async () => {
    const { c } = await onForge([`vcs-test.golang.org/git/retract-pseudo.git v1.0.1-0.${pseudoTime()}-${hex12(commits.retract?.['v1.0.0'])}`]);
    expectFinding(await diagnoseCase(c), {
      go: /invalid pseudo-version: tag \(v1\.0\.0\) found on revision [0-9a-f]{12} is already canonical, so should not be replaced with a pseudo-version derived from that tag/,
      module: 'vcs-test.golang.org/git/retract-pseudo.git',
      line: 6,
      cls: 'unknown-revision',
      first: 'list-versions',
    });
  });

  it('mod_invalid_version: golang.org/x/text at pseudo-versions edited by hand (nine of the script) [E12]', async () => {
    const commit = commits.text?.commit ?? '';
    const time = pseudoTime(TEXT_TIME);
    for (const [version, why] of [
      [`v0.1.1-0.${time}-${commit.slice(0, 11)}`, /invalid pseudo-version: revision is shorter than canonical \(expected [0-9a-f]{12}\)/],
      [`v0.1.1-0.${time}-${commit}`, /invalid pseudo-version: revision is longer than canonical \(expected [0-9a-f]{12}\)/],
      [`v0.1.1-0.20190915032832-${hex12(commit)}`, /invalid pseudo-version: does not match version-control timestamp \(expected 20170915032832\)/],
      [`v1.999.999-0.${time}-${hex12(commit)}`, /invalid pseudo-version: preceding tag \(v1\.999\.998\) not found/],
      [`v1.0.0-${time}-${hex12(commit)}`, /invalid pseudo-version: major version without preceding tag must be v0, not v1/],
      [`v0.0.0-0.${time}-${hex12(commit)}`, /invalid pseudo-version: version before v0\.0\.0 would have negative patch number/],
      [`v0.2.1-0.${time}-${hex12(commit)}`, /invalid pseudo-version: revision [0-9a-f]{12} is not a descendent of preceding tag \(v0\.2\.0\)/],
      [`v0.2.1-0.20171001000000-${hex12(commits.text?.v020)}`, /invalid pseudo-version: tag \(v0\.2\.0\) found on revision [0-9a-f]{12} is already canonical/],
      ['v1.999999.0', /golang\.org\/x\/text@v1\.999999\.0: reading golang\.org\/x\/text\/go\.mod at revision v1\.999999\.0: unknown revision v1\.999999\.0/],
    ] as const) {
      const { c } = await onForge([`golang.org/x/text ${version}`]);
      expectFinding(await diagnoseCase(c), { go: why, module: 'golang.org/x/text', line: 6, cls: 'unknown-revision', first: 'list-versions' });
      await disposeCases();
    }
  });

  it('mod_invalid_version: a subdirectory without go.mod, +incompatible on v0, +incompatible on a module with go.mod [E13]', async () => {
    const commit = hex12(commits.text?.commit);
    const time = pseudoTime(TEXT_TIME);
    const { c: unicode } = await onForge([`golang.org/x/text/unicode v0.0.0-${time}-${commit}`]);
    expectFinding(await diagnoseCase(unicode), {
      go: new RegExp(`invalid version: missing golang\\.org/x/text/unicode/go\\.mod at revision ${commit}`),
      module: 'golang.org/x/text/unicode',
      cls: 'module-path',
      first: 'check-path',
      line: 6,
    });
    await disposeCases();
    for (const [requirement, modulePath, why] of [
      [
        `golang.org/x/text v0.1.1-0.${time}-${commit}+incompatible`,
        'golang.org/x/text',
        /invalid version: \+incompatible suffix not allowed: major version v0 is compatible/,
      ],
      [
        `github.com/pierrec/lz4 v2.0.9-0.20190209155647-${hex12(commits.lz4?.next)}+incompatible`,
        'github.com/pierrec/lz4',
        /invalid version: module contains a go\.mod file, so module path must match major version \("github\.com\/pierrec\/lz4\/v2"\)/,
      ],
    ] as const) {
      const { c } = await onForge([requirement]);
      expectFinding(await diagnoseCase(c), { go: why, module: modulePath, line: 6, cls: 'module-path', first: 'module-path' });
      await disposeCases();
    }
  });

  it('mod_invalid_version: go.mod requires golang.org/x/text at a v2 pseudo-version [E14]', async () => {
    const { c, mod } = await onForge([`golang.org/x/text v2.1.1-0.${pseudoTime(TEXT_TIME)}-${hex12(commits.text?.commit)}`]);
    const outcome = await diagnoseCase(c);
    const finding = expectFinding(outcome, {
      go: /require golang\.org\/x\/text: version "v2\.1\.1-0\.20170915032832-[0-9a-f]{12}" invalid: should be v0 or v1, not v2/,
      line: lineOf(mod, 'golang.org/x/text'),
      cls: 'gomod-syntax',
    });
    assert.deepEqual(
      finding.fixes.map((fix) => fix.id),
      [],
    );
  });

  it('mod_get_hash: a commit that only a hidden change ref (refs/changes/…) holds [E15]', async () => {
    const change = commits.unreachable?.change ?? '';
    for (const version of [`v1.0.1-0.${pseudoTime('2024-02-01T00:00:00Z')}-${hex12(change)}`, change]) {
      const { c } = await onForge([`vcs-test.golang.org/git/unreachable-hash.git ${version}`]);
      expectFinding(await diagnoseCase(c), {
        go: new RegExp(`unknown revision ${version.length === 40 ? change : hex12(change)}`),
        module: 'vcs-test.golang.org/git/unreachable-hash.git',
        line: 6,
        cls: 'unknown-revision',
        first: 'list-versions',
      });
      await disposeCases();
    }
  });

  it('mod_prefer_compatible: github.com/russross/blackfriday at the queries patch and v2.0 [E16]', async () => {
    const { c } = await onForge(['github.com/russross/blackfriday patch']);
    expectFinding(await diagnoseCase(c), {
      go: /can't query version "patch" of module github\.com\/russross\/blackfriday: no existing version is required/,
      module: 'github.com/russross/blackfriday',
      line: 6,
      cls: 'unknown-revision',
      first: 'list-versions',
    });
    await disposeCases();
    const { c: v2 } = await onForge(['github.com/russross/blackfriday v2.0']);
    expectFinding(await diagnoseCase(v2), {
      go: /module github\.com\/russross\/blackfriday: no matching versions for query "v2\.0"/,
      module: 'github.com/russross/blackfriday',
      line: 6,
      cls: 'unknown-revision',
      first: 'list-versions',
    });
  });

  it('mod_replace_gopkgin: gopkg.in/src-d/go-git.v3 replaced by a revision whose go.mod says .v4 [E17]', async () => {
    const replaced = `v3.0.0-20190801152248-${hex12(commits.gogit?.v4)}`;
    const c = await open({
      files: {
        'go.mod': `module m\n\ngo 1.21\n\nrequire gopkg.in/src-d/go-git.v3 v3.2.0\n\nreplace gopkg.in/src-d/go-git.v3 v3.2.0 => gopkg.in/src-d/go-git.v3 ${replaced}\n`,
      },
      goEnv: DIRECT,
      env: forge.env,
    });
    // The finding belongs on the replace line (7) that chose the failing revision.
    expectFinding(await diagnoseCase(c), {
      module: 'gopkg.in/src-d/go-git.v3',
      line: 7,
      go: new RegExp(
        `gopkg\\.in/src-d/go-git\\.v3@v3\\.2\\.0 \\(replaced by gopkg\\.in/src-d/go-git\\.v3@${replaced}\\): version "${replaced}" invalid: go\\.mod has non-\\.\\.\\.\\.v3 module path "gopkg\\.in/src-d/go-git\\.v4" at revision [0-9a-f]{12}`,
      ),
      cls: 'module-path',
      first: 'module-path',
    });
  });

  // ---- G: insecure transport --------------------------------------------------------------------

  const insecureRedirect =
    /unrecognized import path "vcs-test\.golang\.org\/insecure\/go\/insecure": https fetch: Get "http:\/\/vcs-test\.golang\.org\/go\/insecure\?go-get=1": redirected from secure URL https:\/\/vcs-test\.golang\.org\/insecure\/go\/insecure\?go-get=1 to insecure URL http:\/\/vcs-test\.golang\.org\/go\/insecure\?go-get=1/;

  it('mod_download_insecure_redirect: the go-get page of insecure/go/insecure redirects https to http [G1]', async () => {
    const { c } = await onForge(['vcs-test.golang.org/insecure/go/insecure v1.0.0']);
    expectFinding(await diagnoseCase(c), {
      go: insecureRedirect,
      module: 'vcs-test.golang.org/insecure/go/insecure',
      line: 6,
      cls: 'insecure-transport',
      first: 'insecure',
    });
  });

  it('mod_get_insecure_redirect: the same redirect with GOPRIVATE=vcs-test.golang.org [G2]', async () => {
    const { c } = await onForge(['vcs-test.golang.org/insecure/go/insecure v1.0.0'], { GOPRIVATE: 'vcs-test.golang.org' });
    expectFinding(await diagnoseCase(c), {
      go: insecureRedirect,
      module: 'vcs-test.golang.org/insecure/go/insecure',
      line: 6,
      cls: 'insecure-transport',
      first: 'insecure',
    });
  });

  it('(no script) GOAUTH="off; netrc" and github.com/acme/lib over git: go makes no request of its own, so GOAUTH is never read [X11]', async () => {
    const { c } = await onForge(['github.com/acme/lib v1.0.0'], { ...DIRECT, GOAUTH: 'off; netrc' });
    const outcome = await diagnoseCase(c);
    assert.doesNotMatch(outcome.stderr, /GOAUTH=off cannot be combined/);
    assertClean(outcome.report, 'GOAUTH is not read for git');
  });
});
