// The bundled CLI (dist/cli.js, built by `npm run build`) as a user runs it: exit codes, the
// readable report, and the JSON contract.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Report } from '../../src/core/types';
import { createGoSandbox } from '../lab/goSandbox';
import { BASE, DEEP_RETRACTED, HEALTH_MODULES, healthGoMod, healthLine, MIDDLE, RAISER, RETRACTED } from '../lab/healthLab';
import { ModuleProxy } from '../lab/moduleProxy';
import { openScenario, PRIVATE, scenario } from '../lab/scenarios';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('go-dep-health CLI', function () {
  this.timeout(60_000);
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  });

  async function open(name: string) {
    const opened = await openScenario(scenario(name));
    cleanups.push(opened.dispose);
    return opened;
  }

  it('exits 0 and says so when every module is fetchable', async () => {
    const { root, env } = await open('healthy');
    const result = await cli(['diagnose', root], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /No problems found/);
    // A healthy graph is summed up, not listed; --all lists every module.
    assert.match(result.stdout, /Modules \(2\): 2 to download \(2 fetched\), 0 read for the module graph only\./);
    assert.doesNotMatch(result.stdout, /✓ example\.com\/healthy/);
    const all = await cli(['diagnose', root, '--all'], env);
    assert.match(all.stdout, /✓ example\.com\/healthy v1\.0\.0  cached/);
  });

  it('exits 1 with the JSON contract when a module cannot be fetched', async () => {
    const { root, env } = await open('private-sumdb');
    const result = await cli(['diagnose', root, '--json'], env);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.root, root);
    assert.match(report.go.version ?? '', /^go1\.\d+/);
    const finding = report.findings.find((item) => item.class === 'private-module-sumdb');
    assert.ok(finding);
    assert.equal(finding.module, PRIVATE.path);
    assert.equal(finding.goModFile, path.join(root, 'go.mod'));
    assert.ok(finding.fixes.some((fix) => fix.id === 'goprivate-add'));
  });

  it('prints each fix as a command one can copy', async () => {
    const { root, env } = await open('private-sumdb');
    const result = await cli(['diagnose', root], env);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /go env -w GOPRIVATE=corp\.example\.com/);
  });

  it("speaks Chinese with --lang zh-CN or a Chinese locale, keeping go's words, module paths and commands as they are", async () => {
    const { root, env } = await open('private-sumdb');
    const chosen = await cli(['diagnose', root, '--lang', 'zh-CN'], env);
    assert.equal(chosen.code, 1, chosen.stderr);
    assert.match(chosen.stdout, new RegExp(`${PRIVATE.path.replace(/\./g, '\\.')}@v1\\.2\\.0 看起来是私有模块`));
    assert.match(chosen.stdout, /修复方法：/);
    assert.match(chosen.stdout, /把 corp\.example\.com 添加到 GOPRIVATE/);
    assert.match(chosen.stdout, /go env -w GOPRIVATE=corp\.example\.com/, 'the command stays as it is');
    assert.match(chosen.stdout, /404 Not Found/, "go's own words stay as go printed them");
    const fromLocale = await cli(['diagnose', root], { ...env, LANG: 'zh_CN.UTF-8' });
    assert.match(fromLocale.stdout, /看起来是私有模块/, 'LANG=zh_CN.UTF-8 picks Chinese');
    const overridden = await cli(['diagnose', root], { ...env, LANG: 'zh_CN.UTF-8', LC_ALL: 'C' });
    assert.match(overridden.stdout, /looks private/, 'LC_ALL=C wins over LANG');
    const usage = await cli(['diagnose', root, '--lang', 'fr'], env);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--lang wants en or zh-CN, not "fr"/);
  });

  it('keeps the JSON the same in every language: English message, plus the message id and arguments', async () => {
    const { root, env } = await open('private-sumdb');
    const [english, chinese] = await Promise.all([cli(['diagnose', root, '--json'], env), cli(['diagnose', root, '--json', '--lang', 'zh-CN'], env)]);
    const findings = (stdout: string) => (JSON.parse(stdout) as Report).findings;
    assert.deepEqual(findings(chinese.stdout), findings(english.stdout));
    const finding = findings(english.stdout).find((item) => item.class === 'private-module-sumdb')!;
    assert.match(finding.message, /looks private/);
    assert.equal(finding.messageId, 'explain.sumdbPrivate');
    assert.equal(finding.messageArgs?.name, `${PRIVATE.path}@v1.2.0`);
    const fix = finding.fixes.find((item) => item.id === 'goprivate-add')!;
    assert.equal(fix.titleId, 'fix.addPattern.title');
    assert.deepEqual(fix.titleArgs, { pattern: 'corp.example.com', variable: 'GOPRIVATE' });
  });

  it('honours --stall-timeout', async () => {
    const { root, env } = await open('stall-body');
    const result = await cli(['diagnose', root, '--json', '--stall-timeout', '1'], env);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as Report;
    assert.ok(report.findings.some((finding) => finding.class === 'stall' && finding.message.includes('1 s')));
  });

  it('exits 2 for usage errors, without a stack trace', async () => {
    const env = { PATH: process.env.PATH ?? '' };
    for (const args of [['frobnicate'], [], ['diagnose', '.', '--stall-timeout', 'soon'], ['diagnose', '--bogus']]) {
      const result = await cli(args, env);
      assert.equal(result.code, 2, `${args.join(' ')} → ${result.code}`);
      assert.match(result.stderr, /Usage: go-dep-health/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
  });

  it('exits 2 when the folder has no go.mod', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gdh-empty-'));
    cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    const result = await cli(['diagnose', dir], { PATH: process.env.PATH ?? '' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no go\.mod/);
  });

  it('exits 2 with a go-missing finding when go is not on PATH', async () => {
    const { root, env } = await open('healthy');
    const result = await cli(['diagnose', root, '--json'], { ...env, PATH: '/nonexistent' });
    assert.equal(result.code, 2);
    const report = JSON.parse(result.stdout) as Report;
    assert.deepEqual(
      report.findings.map((finding) => finding.class),
      ['go-missing'],
    );
  });

  it('exits 1 with a gomod-syntax finding for a malformed go.mod', async () => {
    const { root, env } = await open('healthy');
    writeFileSync(path.join(root, 'go.mod'), 'module example.com/app\n\nrequire (\n\texample.com/a\n)\n');
    const result = await cli(['diagnose', root], env);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /\[gomod-syntax\].*go\.mod:4/);
  });

  it('explains a pasted error (standard input or a file) as a live run would, with --env for the environment it came from', async () => {
    const pasted = [
      'go: github.com/someone/gone@v1.2.3: invalid version: git ls-remote -q origin in /root/go/pkg/mod/cache/vcs/0123: exit status 128:',
      "        fatal: could not read Username for 'https://github.com': terminal prompts disabled",
      'Confirm the import path was entered correctly.',
    ].join('\n');
    const viaStdin = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [CLI, 'explain', '--env', 'GOPROXY=direct'], { env: { PATH: process.env.PATH ?? '' } }, (error, stdout) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout }),
      );
      child.stdin!.end(pasted);
    });
    assert.equal(viaStdin.code, 1, viaStdin.stdout);
    assert.match(viaStdin.stdout, /\[repo-not-found\]\s+github\.com\/someone\/gone@v1\.2\.3/);
    assert.match(viaStdin.stdout, /fixes:\n\s+\[goproxy-default\]/, 'with GOPROXY=direct, the public proxy (which keeps deleted modules) comes first');
    const dir = mkdtempSync(path.join(tmpdir(), 'gdh-explain-'));
    cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    writeFileSync(path.join(dir, 'ci.log'), pasted);
    const viaFile = await cli(['explain', path.join(dir, 'ci.log'), '--json'], { PATH: process.env.PATH ?? '' });
    const findings = JSON.parse(viaFile.stdout) as { class: string; fixes: { id: string }[] }[];
    assert.deepEqual([findings[0]!.class, findings[0]!.fixes[0]!.id], ['repo-not-found', 'check-path'], 'without --env the default GOPROXY is assumed');
    const empty = await cli(['explain', path.join(dir, 'missing.log')], { PATH: process.env.PATH ?? '' });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /cannot read .*missing\.log/);
  });

  async function openHealthApp() {
    const proxy = await ModuleProxy.start({ modules: HEALTH_MODULES });
    const sandbox = await createGoSandbox({ env: { GOPROXY: proxy.url, GOSUMDB: 'off' } });
    cleanups.push(async () => {
      await sandbox.cleanup();
      await proxy.close();
    });
    return { root: sandbox.writeWorkspace('app', { 'go.mod': healthGoMod() }), env: sandbox.env, proxy };
  }

  it('carries each module’s health in --json, with retracted and deprecated warnings (exit 0: warnings only)', async () => {
    const { root, env } = await openHealthApp();
    const result = await cli(['diagnose', root, '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    assert.equal(report.health?.skipped, null);
    assert.equal(report.health?.graph, 'go mod graph');
    const retracted = report.health?.modules.find((module) => module.path === RETRACTED);
    assert.deepEqual(retracted?.retracted, ['Data race in the cache.']);
    assert.equal(retracted?.update?.version, 'v1.1.5');
    assert.deepEqual(
      report.findings.map((finding) => [finding.class, finding.module, finding.line]),
      [
        ['retracted', RETRACTED, healthLine(RETRACTED)],
        ['retracted', 'example.com/norationale', healthLine('example.com/norationale')],
        ['deprecated', 'example.com/deprecated', healthLine('example.com/deprecated')],
        ['retracted', DEEP_RETRACTED, healthLine(MIDDLE)],
      ],
    );
    const readable = await cli(['diagnose', root], env);
    assert.match(readable.stdout, /Health \(11 module\(s\) of the build\):/);
    assert.match(
      readable.stdout,
      /example\.com\/base v1\.2\.0 {2}v1\.3\.0 available\n {4}go\.mod requires v1\.0\.0, but example\.com\/raiser@v1\.0\.0 requires/,
    );
  });

  it('skips the health pass with --no-health: no go list -u, and the report says so', async () => {
    const { root, env, proxy } = await openHealthApp();
    const result = await cli(['diagnose', root, '--json', '--no-health'], env);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    assert.deepEqual(report.health, { skipped: 'turned off', modules: [], graph: null, error: null, durationSeconds: 0 });
    assert.deepEqual(report.findings, []);
    assert.deepEqual(
      proxy.requests.filter((request) => request.path.endsWith('/@v/list')),
      [],
    );
  });

  it('answers why a module is in the build at its version (go-dep-health why), asking no proxy', async () => {
    const { root, env, proxy } = await openHealthApp();
    await cli(['diagnose', root, '--no-health'], env); // the download fills the module cache
    proxy.requests.length = 0;
    const base = await cli(['why', BASE, root], env);
    assert.equal(base.code, 0, base.stderr);
    assert.equal(
      base.stdout,
      [
        `${BASE}@v1.2.0`,
        `  selected because: go.mod requires v1.0.0, but ${RAISER}@v1.0.0 requires ${BASE}@v1.2.0, the highest version required, so it is selected.`,
        `  shortest chain:   example.com/healthapp → ${BASE}@v1.2.0`,
        '',
      ].join('\n'),
    );
    const deep = await cli(['why', DEEP_RETRACTED, root, '--json'], env);
    const answer = JSON.parse(deep.stdout) as { health: { chain: string[]; selectedBy: string } };
    assert.deepEqual(answer.health.chain, ['example.com/healthapp', `${MIDDLE}@v1.0.0`, `${DEEP_RETRACTED}@v1.0.0`]);
    assert.equal(answer.health.selectedBy, `${MIDDLE}@v1.0.0`);
    assert.deepEqual(proxy.requests, []);
    const absent = await cli(['why', 'example.com/absent', root], env);
    assert.equal(absent.code, 1);
    assert.match(absent.stdout, /example\.com\/absent is not in the build/);
    const usage = await cli(['why'], env);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /why needs a module path/);
  });

  it('moves off a retracted version with --apply-fix after printing the diff, and undo restores go.mod byte for byte', async () => {
    const { root, env } = await openHealthApp();
    const journal = { ...env, GO_DEP_HEALTH_JOURNAL: path.join(root, '..', 'undo.json') };
    const goModBefore = readFileSync(path.join(root, 'go.mod'));
    const applied = await cli(['diagnose', root, '--apply-fix', 'go-get-unretracted', '--module', RETRACTED, '--yes'], journal);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /runs: {3}go get example\.com\/retracted@v1\.1\.5\n {2}changes:\n {4}--- a\/go\.mod\n {4}\+\+\+ b\/go\.mod/);
    assert.match(applied.stdout, /^ {4}-\texample\.com\/retracted v1\.1\.0$/m);
    assert.match(applied.stdout, /^ {4}\+\texample\.com\/retracted v1\.1\.5$/m);
    assert.match(readFileSync(path.join(root, 'go.mod'), 'utf8'), /example\.com\/retracted v1\.1\.5/);
    // The re-run after the fix no longer finds that retraction.
    assert.doesNotMatch(applied.stdout.slice(applied.stdout.indexOf('Re-ran the diagnosis')), /\[retracted\] {2}example\.com\/retracted@/);
    const undone = await cli(['undo'], journal);
    assert.equal(undone.code, 0, undone.stderr);
    assert.ok(readFileSync(path.join(root, 'go.mod')).equals(goModBefore));
    assert.throws(() => readFileSync(path.join(root, 'go.sum')), /ENOENT/, 'go.sum did not exist before, and does not after the undo');
  });
});
