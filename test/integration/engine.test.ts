// The engine against the real `go` and the lab: each scenario is reproduced for real, and the
// diagnosis must name the right class, module, go.mod line and fixes.

import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { matchPrefixPatterns } from '../../src/core/patterns';
import type { Finding, Report } from '../../src/core/types';
import { applyFix } from '../../src/engine/applyFix';
import { diagnose } from '../../src/engine/diagnose';
import { GO } from '../lab/goSandbox';
import { HEALTHY, MISSING, OTHER, PARENT, PRIVATE, SLOW, openScenario, requireLine, scenario } from '../lab/scenarios';

interface Run {
  report: Report;
  root: string;
  goPid: number | null;
  proxies: { requests: { path: string }[] }[];
  goSumBefore: string | null;
  goSumAfter: string | null;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

async function run(name: string, options: { env?: Record<string, string> } = {}): Promise<Run> {
  const chosen = scenario(name);
  const opened = await openScenario(chosen);
  cleanups.push(opened.dispose);
  let goPid: number | null = null;
  const goSum = path.join(opened.root, 'go.sum');
  const goSumBefore = readIfExists(goSum);
  const { report } = await diagnose({
    root: opened.root,
    env: { ...opened.env, ...options.env },
    inactivitySeconds: chosen.inactivitySeconds ?? 30,
    alternateGoTool: opened.prepared.goPath,
    onSpawn: (pid) => (goPid = pid),
  });
  return { report, root: opened.root, goPid, proxies: opened.prepared.proxies, goSumBefore, goSumAfter: readIfExists(goSum) };
}

function only(report: Report, cls: Finding['class']): Finding {
  const matching = report.findings.filter((finding) => finding.class === cls);
  assert.equal(matching.length, 1, `expected one ${cls} finding, got: ${JSON.stringify(report.findings.map((finding) => [finding.class, finding.module]))}`);
  return matching[0]!;
}

function statusOf(report: Report, modulePath: string): string | undefined {
  return report.modules.find((module) => module.path === modulePath)?.status;
}

function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('engine with the real go', function () {
  this.timeout(60_000);

  it('reports a healthy download as fetchable, with every request recorded', async () => {
    const { report, goSumBefore, goSumAfter } = await run('healthy');
    assert.deepEqual(report.findings, []);
    assert.equal(statusOf(report, HEALTHY.path), 'ok');
    assert.equal(statusOf(report, OTHER.path), 'ok');
    const other = report.modules.find((module) => module.path === OTHER.path)!;
    assert.equal(other.line, requireLine(1));
    assert.deepEqual(other.requests.map((request) => [path.extname(request.url), request.status]).sort(), [
      ['.info', 200],
      ['.mod', 200],
      ['.zip', 200],
    ]);
    assert.ok(other.requests.every((request) => typeof request.seconds === 'number'));
    // The user's go.sum is never touched: go ran on a copy.
    assert.equal(goSumAfter, goSumBefore);
  });

  it('reports modules already in the cache as cached on a second run', async () => {
    const chosen = scenario('healthy');
    const opened = await openScenario(chosen);
    cleanups.push(opened.dispose);
    await diagnose({ root: opened.root, env: opened.env, inactivitySeconds: 30 });
    const { report } = await diagnose({ root: opened.root, env: opened.env, inactivitySeconds: 30 });
    assert.equal(statusOf(report, HEALTHY.path), 'cached');
    assert.deepEqual(report.findings, []);
  });

  it('classifies a proxy 404 with no direct fallback as proxy-not-found and offers ",direct"', async () => {
    const { report } = await run('proxy-404');
    const finding = only(report, 'proxy-not-found');
    assert.equal(finding.module, MISSING.path);
    assert.equal(finding.line, requireLine(1));
    assert.ok(finding.fixes.some((fix) => fix.id === 'goproxy-append-direct' && fix.detail.kind === 'go-env' && fix.detail.value?.endsWith(',direct')));
  });

  it('puts a failing transitive module on the line of the requirement that pulls it in', async () => {
    const { report } = await run('transitive-404');
    const finding = only(report, 'proxy-not-found');
    assert.equal(finding.module, MISSING.path);
    assert.equal(finding.line, requireLine(1), `on the line of ${PARENT.path}`);
    assert.equal(statusOf(report, PARENT.path), 'ok');
    assert.equal(statusOf(report, HEALTHY.path), 'ok');
  });

  it('cancels a run on request: go and its children are killed and nothing is reported as failed', async () => {
    const chosen = scenario('stall-body');
    const opened = await openScenario(chosen);
    cleanups.push(opened.dispose);
    const controller = new AbortController();
    let goPid: number | null = null;
    const stalling = opened.prepared.proxies[0]!.waitForStall('v0.3.0.zip');
    const diagnosis = diagnose({ root: opened.root, env: opened.env, inactivitySeconds: 60, signal: controller.signal, onSpawn: (pid) => (goPid = pid) });
    await stalling;
    controller.abort();
    const { report, end } = await diagnosis;
    assert.deepEqual(end, { kind: 'cancelled' });
    assert.ok(goPid !== null);
    assert.equal(processGroupAlive(goPid), false);
    assert.ok(report.findings.every((finding) => finding.class !== 'stall'));
    assert.equal(statusOf(report, SLOW.path), 'skipped');
  });

  it('classifies 410 Gone as proxy-not-found on the right line', async () => {
    const { report } = await run('proxy-410');
    const finding = only(report, 'proxy-not-found');
    assert.equal(finding.module, OTHER.path);
    assert.equal(finding.line, requireLine(1));
    assert.match(finding.message, /410/);
  });

  it('falls through "," on 404 to the next proxy, which serves the module', async () => {
    const { report, proxies } = await run('comma-404-falls-through');
    assert.deepEqual(report.findings, []);
    assert.equal(statusOf(report, HEALTHY.path), 'ok');
    assert.ok(proxies[0]!.requests.length > 0 && proxies[1]!.requests.length > 0, 'both proxies were asked');
  });

  it('stops at "," on a 500 and offers "|" to fall through', async () => {
    const { report, proxies } = await run('comma-500-stops');
    const finding = only(report, 'proxy-server-error');
    assert.equal(finding.module, HEALTHY.path);
    assert.equal(proxies[1]!.requests.length, 0, 'the second proxy is never asked after a 500');
    const fallThrough = finding.fixes.find((fix) => fix.id === 'goproxy-fallthrough');
    assert.ok(fallThrough && fallThrough.detail.kind === 'go-env');
    assert.match(fallThrough.detail.value ?? '', /^http:\/\/127\.0\.0\.1:\d+\|http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('falls through "|" on a 500', async () => {
    const { report, proxies } = await run('pipe-500-falls-through');
    assert.deepEqual(report.findings, []);
    assert.ok(proxies[1]!.requests.length > 0);
  });

  it('explains a private module unknown to the checksum database and offers a GOPRIVATE pattern that covers it', async () => {
    const { report } = await run('private-sumdb');
    const finding = only(report, 'private-module-sumdb');
    assert.equal(finding.module, PRIVATE.path);
    assert.equal(finding.line, requireLine(1));
    const goprivate = finding.fixes.find((fix) => fix.id === 'goprivate-add');
    assert.ok(goprivate && goprivate.detail.kind === 'go-env' && goprivate.detail.variable === 'GOPRIVATE');
    assert.ok(matchPrefixPatterns(goprivate.detail.value ?? '', PRIVATE.path), `${goprivate.detail.value} covers ${PRIVATE.path}`);
    assert.ok(!matchPrefixPatterns(goprivate.detail.value ?? '', HEALTHY.path), 'and not the public module');
  });

  it('stops a body that stalls after 200 OK within the limit, names it, and leaves no process behind', async () => {
    const started = Date.now();
    const { report, goPid } = await run('stall-body');
    const elapsed = (Date.now() - started) / 1000;
    const finding = only(report, 'stall');
    assert.equal(finding.module, SLOW.path);
    assert.equal(finding.line, requireLine(1));
    assert.match(finding.message, /v0\.3\.0\.zip/);
    assert.match(finding.message, /body/);
    assert.equal(statusOf(report, SLOW.path), 'stalled');
    assert.equal(statusOf(report, HEALTHY.path), 'ok');
    assert.ok(elapsed < 2 + 10, `diagnosis took ${elapsed}s with a 2s limit`);
    assert.ok(goPid !== null);
    assert.equal(processGroupAlive(goPid), false, 'go and its children are gone');
  });

  it('classifies connection refused and suggests a reachable GOPROXY', async () => {
    const { report } = await run('connection-refused');
    const finding = only(report, 'connection-refused');
    assert.equal(finding.module, HEALTHY.path);
    assert.equal(finding.line, requireLine(0));
    assert.ok(finding.fixes.some((fix) => fix.id === 'goproxy-default'));
  });

  it('classifies an unresolvable proxy host as dns', async () => {
    const { report } = await run('dns');
    const finding = only(report, 'dns');
    assert.match(finding.message, /goproxy\.nonexistent\.invalid/);
    assert.equal(finding.line, requireLine(0));
  });

  it('classifies 401 as proxy-auth and never plans to store a credential', async () => {
    const { report } = await run('proxy-401');
    const finding = only(report, 'proxy-auth');
    assert.ok(finding.fixes.some((fix) => fix.id === 'proxy-credentials' && fix.kind === 'doc'));
    for (const fix of finding.fixes) {
      if (fix.detail.kind === 'go-env') assert.doesNotMatch(fix.detail.value ?? '', /@|password|token/i);
    }
  });

  it('reports a go.sum mismatch as checksum-mismatch with no fix that weakens verification', async () => {
    const { report } = await run('checksum-mismatch');
    const finding = only(report, 'checksum-mismatch');
    assert.equal(finding.module, OTHER.path);
    assert.equal(finding.line, requireLine(1));
    assert.ok(finding.evidence.some((line) => line.includes('SECURITY ERROR')));
    for (const fix of finding.fixes) {
      assert.notEqual(fix.kind, 'go-env', `no environment change is offered for a checksum mismatch: ${fix.id}`);
      assert.notEqual(fix.kind, 'git-config');
    }
  });

  it('blames the proxy, not the cache, for a zip that is not a zip', async () => {
    const { report } = await run('corrupt-zip');
    const finding = only(report, 'proxy-server-error');
    assert.equal(finding.module, OTHER.path);
    assert.equal(statusOf(report, HEALTHY.path), 'ok');
  });

  it('turns a malformed go.mod into a gomod-syntax finding on its line, without running go', async () => {
    const { report, goPid } = await run('malformed-gomod');
    const finding = only(report, 'gomod-syntax');
    assert.equal(finding.line, 4);
    assert.match(finding.message, /requir/);
    assert.equal(goPid, null, 'go mod download did not run');
  });

  it('still checks every module when one fails while loading the module graph (the demo workspace)', async () => {
    const { report } = await run('demo');
    assert.equal(only(report, 'private-module-sumdb').module, PRIVATE.path);
    const stall = only(report, 'stall');
    assert.equal(stall.module, SLOW.path);
    assert.equal(stall.line, requireLine(2));
    assert.equal(statusOf(report, HEALTHY.path), 'ok');
    assert.equal(statusOf(report, PRIVATE.path), 'failed');
    assert.equal(statusOf(report, SLOW.path), 'stalled');
  });

  it('checks a go.work member on its own: siblings are not failures, and no go.work.sum or go.sum is written', async () => {
    const opened = await openScenario(scenario('healthy'));
    cleanups.push(opened.dispose);
    const workspace = path.join(opened.sandbox.dir, 'ws');
    mkdirSync(path.join(workspace, 'a'), { recursive: true });
    mkdirSync(path.join(workspace, 'b'), { recursive: true });
    writeFileSync(path.join(workspace, 'go.work'), 'go 1.21\n\nuse (\n\t./a\n\t./b\n)\n');
    writeFileSync(
      path.join(workspace, 'a', 'go.mod'),
      `module example.com/a\n\ngo 1.21\n\nrequire (\n\t${HEALTHY.path} ${HEALTHY.version}\n\texample.com/b v0.0.0\n)\n`,
    );
    writeFileSync(path.join(workspace, 'b', 'go.mod'), 'module example.com/b\n\ngo 1.21\n');
    const goSum = readFileSync(path.join(opened.root, 'go.sum'), 'utf8');
    writeFileSync(path.join(workspace, 'a', 'go.sum'), goSum);
    const { report } = await diagnose({
      root: path.join(workspace, 'a'),
      env: opened.env,
      inactivitySeconds: 30,
      workspaceModules: ['example.com/a', 'example.com/b'],
    });
    assert.deepEqual(report.findings, []);
    assert.equal(statusOf(report, HEALTHY.path), 'ok');
    assert.equal(statusOf(report, 'example.com/b'), undefined);
    assert.deepEqual(readdirSync(workspace).sort(), ['a', 'b', 'go.work']);
    assert.equal(readFileSync(path.join(workspace, 'a', 'go.sum'), 'utf8'), goSum);
  });

  it("checks a module under a go.work that does not list it on its own: the workspace's other requirements are not its failures", async () => {
    const opened = await openScenario(scenario('healthy'));
    cleanups.push(opened.dispose);
    const workspace = path.join(opened.sandbox.dir, 'ws');
    mkdirSync(path.join(workspace, 'a'), { recursive: true });
    mkdirSync(path.join(workspace, 'other'), { recursive: true });
    writeFileSync(path.join(workspace, 'go.work'), 'go 1.21\n\nuse ./other\n');
    writeFileSync(path.join(workspace, 'a', 'go.mod'), `module example.com/a\n\ngo 1.21\n\nrequire ${HEALTHY.path} ${HEALTHY.version}\n`);
    writeFileSync(path.join(workspace, 'a', 'go.sum'), readFileSync(path.join(opened.root, 'go.sum'), 'utf8'));
    writeFileSync(path.join(workspace, 'other', 'go.mod'), `module example.com/other\n\ngo 1.21\n\nrequire ${MISSING.path} ${MISSING.version}\n`);
    const { report } = await diagnose({ root: path.join(workspace, 'a'), env: opened.env, inactivitySeconds: 30 });
    assert.deepEqual(
      report.findings.map((finding) => [finding.class, finding.module, finding.evidence[0]]),
      [],
      "nothing of the workspace's other module is blamed on a/go.mod",
    );
    assert.equal(statusOf(report, HEALTHY.path), 'ok');
    assert.equal(statusOf(report, MISSING.path), undefined);
  });

  it('after a stall, names the stalled body on its request and shows a module already in the cache as cached', async () => {
    const chosen = scenario('demo');
    const opened = await openScenario(chosen);
    cleanups.push(opened.dispose);
    const options = { root: opened.root, env: opened.env, inactivitySeconds: chosen.inactivitySeconds! };
    const first = (await diagnose(options)).report;
    const slow = first.modules.find((module) => module.path === SLOW.path)!;
    assert.ok(
      slow.requests.some((request) => request.url.endsWith('v0.3.0.zip') && request.status === 200 && request.error === 'response body stopped arriving'),
    );
    const again = (await diagnose(options)).report;
    assert.equal(statusOf(again, HEALTHY.path), 'cached');
    assert.equal(statusOf(again, SLOW.path), 'stalled');
  });

  it('says how to get go when there is no go on PATH', async () => {
    const { report } = await run('healthy', { env: { PATH: '/nonexistent-bin' } });
    const finding = only(report, 'go-missing');
    assert.ok(finding.fixes.some((fix) => fix.id === 'install-go'));
    assert.equal(report.go.path, null);
  });
});

describe("engine: a step of its own that fails is a finding, and the user's files stay untouched", () => {
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function opened(name: string) {
    const chosen = scenario(name);
    const lab = await openScenario(chosen);
    cleanups.push(lab.dispose);
    const files = () => ({ goMod: readIfExists(path.join(lab.root, 'go.mod')), goSum: readIfExists(path.join(lab.root, 'go.sum')) });
    return { lab, chosen, files };
  }

  it("does not run go when the copy of go.mod and go.sum cannot be made (it would change the user's files): a tool-error finding", async () => {
    const { lab, files } = await opened('healthy');
    const before = files();
    // os.tmpdir() follows TMPDIR: a folder that does not exist makes the copy fail.
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = path.join(lab.root, 'no-such-folder');
    let goPid: number | null = null;
    let report: Report;
    try {
      ({ report } = await diagnose({
        root: lab.root,
        env: lab.env,
        inactivitySeconds: 30,
        alternateGoTool: lab.prepared.goPath,
        onSpawn: (pid) => (goPid = pid),
      }));
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    const finding = only(report, 'tool-error');
    assert.match(finding.message, /temporary copy of go\.mod and go\.sum/);
    assert.match(finding.evidence[0]!, /no-such-folder/);
    assert.equal(goPid, null, 'go mod download never started');
    assert.equal(
      lab.prepared.proxies.reduce((sum, proxy) => sum + proxy.requests.length, 0),
      0,
      'nothing was downloaded',
    );
    assert.deepEqual(files(), before, 'go.mod and go.sum are as they were');
  });

  it('says that go env failed (and why) instead of carrying on with an empty environment', async () => {
    const { lab } = await opened('healthy');
    const { report } = await diagnose({
      root: lab.root,
      env: { ...lab.env, GOTOOLCHAIN: 'bogus' },
      inactivitySeconds: 30,
      alternateGoTool: lab.prepared.goPath,
    });
    const finding = only(report, 'toolchain');
    assert.match(finding.message, /did not work \(`go env( GOVERSION)?` failed\), so no download was tried: go: invalid GOTOOLCHAIN "bogus"/);
    assert.match(finding.message, /GOTOOLCHAIN="bogus" asks for a Go toolchain/);
    // The environment set it, not go.mod: on the module line, and where to change it comes first.
    assert.equal(finding.line, 1);
    assert.deepEqual(
      finding.fixes.map((fix) => fix.id),
      ['env-set-in-process', 'gotoolchain-value', 'toolchain'],
    );
    assert.deepEqual(report.modules, []);
    assert.equal(
      lab.prepared.proxies.reduce((sum, proxy) => sum + proxy.requests.length, 0),
      0,
      'no download was tried',
    );
  });

  it('reports a go.mod that cannot be read, and runs nothing', async () => {
    const { lab } = await opened('healthy');
    // As root, permissions do not stop a read: a folder named go.mod does.
    const goMod = path.join(lab.root, 'go.mod');
    const text = readFileSync(goMod, 'utf8');
    rmSync(goMod);
    mkdirSync(goMod);
    try {
      const { report } = await diagnose({ root: lab.root, env: lab.env, inactivitySeconds: 30, alternateGoTool: lab.prepared.goPath });
      const finding = only(report, 'gomod-syntax');
      assert.match(finding.message, /^go\.mod cannot be read, so nothing was checked: EISDIR/);
      assert.equal(finding.goModFile, goMod);
      assert.equal(
        lab.prepared.proxies.reduce((sum, proxy) => sum + proxy.requests.length, 0),
        0,
      );
    } finally {
      rmSync(goMod, { recursive: true });
      writeFileSync(goMod, text);
    }
  });

  // go reads go.mod with a version fixer and judges paths only when it uses them: a go.mod go
  // accepts is run, and go's own answer lands on the line it is about (issue: a parser stricter than go).
  it("runs go on what go accepts (a query as version, an odd path) and puts go's answer on the line it names", async () => {
    const { lab } = await opened('healthy');
    const goMod = path.join(lab.root, 'go.mod');
    const versions = `module example.com/app\n\ngo 1.21\n\nrequire example.com/healthy latest\n\nrequire example.com/Other/tool nosuchbranch\n\nrequire .example.com/dotted v1.0.0\n`;
    writeFileSync(goMod, versions);
    const { report } = await diagnose({ root: lab.root, env: lab.env, inactivitySeconds: 30, alternateGoTool: lab.prepared.goPath });
    assert.ok(
      !report.findings.some((finding) => finding.class === 'gomod-syntax'),
      JSON.stringify(report.findings.map((finding) => [finding.class, finding.line])),
    );
    assert.ok(
      lab.prepared.proxies.some((proxy) => proxy.requests.some((request) => request.path.includes('/@v/'))),
      'go ran and asked the proxy',
    );
    const onLine = (line: number) => report.findings.filter((finding) => finding.line === line).map((finding) => finding.class);
    assert.ok(
      onLine(7).length > 0 || onLine(9).length > 0,
      `a finding on a line go named: ${JSON.stringify(report.findings.map((finding) => [finding.class, finding.line, finding.evidence[0]?.slice(0, 120)]))}`,
    );
    assert.ok(
      report.findings.every((finding) => finding.line !== null && finding.line > 1),
      'nothing lands on line 1',
    );
  });

  it('with GOPROXY=off in the environment go runs with, says first to change it there (go env -w would do nothing)', async () => {
    const { lab } = await opened('healthy');
    const { report } = await diagnose({ root: lab.root, env: { ...lab.env, GOPROXY: 'off' }, inactivitySeconds: 30, alternateGoTool: lab.prepared.goPath });
    const finding = report.findings.find((candidate) => candidate.class === 'goproxy-config');
    assert.ok(finding, JSON.stringify(report.findings.map((f) => [f.class, f.module])));
    assert.equal(finding.fixes[0]!.id, 'env-set-in-process', JSON.stringify(finding.fixes.map((f) => f.id)));
    assert.ok(finding.fixes[0]!.detail.kind === 'doc' && finding.fixes[0]!.detail.text.includes('GOPROXY="off"'), JSON.stringify(finding.fixes[0]));
    assert.ok(
      finding.fixes.some((planned) => planned.detail.kind === 'go-env' && planned.detail.variable === 'GOPROXY'),
      'the go env -w fix is still there, after',
    );
    assert.equal(finding.fixes.filter((planned) => planned.id === 'env-set-in-process').length, 1, 'said once per variable');
    // Without it in the environment (the same value from the go env file), no such advice.
    const env: Record<string, string> = { ...lab.env };
    delete env.GOPROXY;
    writeFileSync(lab.sandbox.goenvFile, 'GOPROXY=off\n');
    const fromFile = await diagnose({ root: lab.root, env, inactivitySeconds: 30, alternateGoTool: lab.prepared.goPath });
    const configured = fromFile.report.findings.find((candidate) => candidate.class === 'goproxy-config');
    assert.ok(configured && !configured.fixes.some((planned) => planned.id === 'env-set-in-process'), JSON.stringify(configured?.fixes.map((f) => f.id)));
  });

  it('blames a failing replacement on the replace line, naming both the module and its replacement', async () => {
    const { lab } = await opened('healthy');
    const goMod = path.join(lab.root, 'go.mod');
    const text = readFileSync(goMod, 'utf8').trimEnd() + `\n\nreplace ${HEALTHY.path} => ${MISSING.path} v1.0.0\n`;
    writeFileSync(goMod, text);
    const replaceLine = text.split('\n').findIndex((line) => line.startsWith('replace ')) + 1;
    const { report } = await diagnose({ root: lab.root, env: lab.env, inactivitySeconds: 30, alternateGoTool: lab.prepared.goPath });
    const finding = report.findings.find((candidate) => candidate.module === HEALTHY.path);
    assert.ok(finding, `a finding for ${HEALTHY.path}: ${JSON.stringify(report.findings.map((f) => [f.class, f.module, f.evidence[0]]))}`);
    assert.equal(finding.class, 'proxy-not-found');
    assert.equal(finding.line, replaceLine, 'on the replace line that chose the replacement');
    assert.ok(finding.message.includes(`(replaced by ${MISSING.path}@v1.0.0)`), finding.message);
    assert.ok(!report.findings.some((candidate) => candidate.module === MISSING.path && candidate !== finding), 'the replacement is not a second failure');
  });

  it('offers, for a proxy out of reach, the choice a probe shows answering, and that fix makes the re-run clean', async () => {
    const { lab } = await opened('healthy');
    const labProxy = lab.env.GOPROXY!;
    const closed = await closedPort();
    // In the go env file, as `go env -w` writes it (a GOPROXY in the environment would shadow the fix).
    const env: Record<string, string> = { ...lab.env };
    delete env.GOPROXY;
    writeFileSync(lab.sandbox.goenvFile, `GOPROXY=http://127.0.0.1:${closed}\n`);
    const choices = [`http://127.0.0.1:${closed},direct`, `${labProxy},direct`, 'off'];
    const { report } = await diagnose({ root: lab.root, env, inactivitySeconds: 30, alternateGoTool: lab.prepared.goPath, proxyChoices: choices });
    const refused = report.findings.filter((candidate) => candidate.class === 'connection-refused');
    assert.deepEqual(refused.map((candidate) => candidate.module).sort(), [HEALTHY.path, OTHER.path].sort());
    const finding = refused[0]!;
    const reachable = finding.fixes.find((planned) => planned.id === 'goproxy-reachable');
    assert.ok(reachable?.detail.kind === 'go-env', `a concrete fix: ${JSON.stringify(finding.fixes)}`);
    assert.equal(reachable.detail.value, `${labProxy},direct`, 'the choice that answered, not the one that does not, nor off');
    assert.equal(finding.fixes[0]!.id, 'goproxy-reachable');
    await applyFix(reachable, { goPath: GO, env, cwd: lab.root });
    const after = await diagnose({ root: lab.root, env, inactivitySeconds: 30, alternateGoTool: lab.prepared.goPath });
    assert.deepEqual(after.report.findings, [], 'clean with the GOPROXY the fix wrote');
  });
});

/** A port on 127.0.0.1 where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
