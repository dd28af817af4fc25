// The CLI in CI, as a runner runs it (the bundled dist/cli.js, the real go, the lab proxy): every
// --format on the same failing module — SARIF that the SARIF SDK's schema, its GitHub ingestion
// rules and GitHub's documented upload rules accept, workflow annotations, Code Quality, JSON and
// text — on the exact go.mod span, paths relative to the repository; a credential planted in the
// Go environment in none of them; --fail-on; files written whole; and a monorepo (several folders,
// a go.work, --recursive past vendor/, testdata/ and node_modules/) as one report.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import type { CodeQualityIssue } from '../../src/core/codeQuality';
import type { Report } from '../../src/core/types';
import { diagnose } from '../../src/engine/diagnose';
import { createGoSandbox, type GoSandbox } from '../lab/goSandbox';
import { ModuleProxy } from '../lab/moduleProxy';
import { goModRequiring, HEALTHY, MISSING, openScenario, PRIVATE, requireLine, scenario } from '../lab/scenarios';
import { githubUploadProblems, multitoolProblems, schemaProblems } from '../support/sarifChecks';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const TOKEN = 'ghp_C1PlantedT0kenAbcdefghij0123456789';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { env: Record<string, string>; cwd: string }): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: options.env, cwd: options.cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function git(args: string[], cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => execFile('git', args, { cwd, env }, (error) => (error ? reject(new Error(error.message)) : resolve())));
}

/** The go.mod line of PRIVATE in goModRequiring([HEALTHY, PRIVATE]): `\tcorp.example.com/team/lib v1.2.0`. */
const PRIVATE_SPAN = { line: requireLine(1), column: 2, endColumn: 2 + `${PRIVATE.path} ${PRIVATE.version}`.length };

/** Reads `::cmd k=v,…::message` as the Actions runner does, undoing the toolkit's escapes. */
function workflowCommands(stdout: string): { command: string; properties: Record<string, string>; message: string }[] {
  const unescape = (text: string, property: boolean) => {
    let out = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
    if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
    return out.replace(/%25/g, '%');
  };
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::'))
    .map((line) => {
      const match = /^::([^\s:]+)(?: ([^]*?))?::([^]*)$/.exec(line)!;
      const properties = Object.fromEntries(
        (match[2] ?? '').split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), unescape(pair.slice(pair.indexOf('=') + 1), true)]),
      );
      return { command: match[1]!, properties, message: unescape(match[3]!, false) };
    });
}

describe('go-dep-health in CI', function () {
  this.timeout(120_000);
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build first`);
  });

  describe('every format on one failing module', () => {
    let repo: string;
    let root: string;
    let env: Record<string, string>;
    const runs = new Map<string, Ran>();
    const files: Record<string, string> = {};

    before(async () => {
      const opened = await openScenario(scenario('private-sumdb'));
      cleanups.push(opened.dispose);
      root = opened.root;
      repo = path.dirname(root);
      // The workspace's parent is the repository: its paths start at app/.
      await git(['init', '-q', repo], repo, opened.env);
      // A credential in the go env file that the environment shadows: the env-conflict finding quotes it, raw.
      const proxy = opened.prepared.env.GOPROXY!;
      fs.writeFileSync(opened.sandbox.goenvFile, `GOPROXY=${proxy.replace('://', `://ci:${TOKEN}@`)}\n`);
      env = opened.env;
      const raw = await diagnose({ root, env, inactivitySeconds: 20 });
      assert.ok(JSON.stringify(raw.report).includes(TOKEN), 'the raw report holds the planted credential (so its absence below means redaction)');

      const out = path.join(repo, 'out');
      Object.assign(files, {
        sarif: path.join(out, 'go-dep-health.sarif'),
        gitlab: path.join(out, 'gl-code-quality.json'),
        json: path.join(out, 'report.json'),
      });
      const sub = path.join(repo, 'app');
      // Run from a subfolder of the repository, as a CI step with working-directory would.
      for (const [name, args] of Object.entries({
        text: ['diagnose'],
        github: ['diagnose', '--format', 'github', '--format', `sarif=${files.sarif}`, '--format', `gitlab=${files.gitlab}`],
        json: ['diagnose', '--format', 'json', '--output', files.json!],
        jsonAlias: ['diagnose', '.', '--json'],
      }))
        runs.set(name, await cli(args, { env, cwd: sub }));
    });

    it('exits 1 for the error in every run, printing only what was asked on standard output', () => {
      for (const [name, ran] of runs) assert.equal(ran.code, 1, `${name}: ${ran.stderr}`);
      assert.match(runs.get('github')!.stderr, /wrote the sarif report to .*go-dep-health\.sarif/);
      assert.equal(runs.get('json')!.stdout, '', '--output sends the report to the file only');
      assert.deepEqual(
        fs.readdirSync(path.dirname(files.sarif!)).sort(),
        ['gl-code-quality.json', 'go-dep-health.sarif', 'report.json'],
        'no temporary file is left',
      );
    });

    it('writes SARIF that the schema, the SARIF SDK validator with its GitHub rules, and GitHub upload rules accept', async () => {
      const log = JSON.parse(fs.readFileSync(files.sarif!, 'utf8')) as Sarif.Log;
      assert.deepEqual(schemaProblems(log), []);
      assert.deepEqual(githubUploadProblems(log), []);
      assert.deepEqual(await multitoolProblems(files.sarif!), []);
    });

    it('puts the SARIF result on the exact span of the go.mod line, relative to the repository root', () => {
      const log = JSON.parse(fs.readFileSync(files.sarif!, 'utf8')) as Sarif.Log;
      const result = log.runs[0]!.results!.find((candidate) => candidate.ruleId === 'private-module-sumdb');
      assert.ok(result, JSON.stringify(log.runs[0]!.results));
      assert.deepEqual(result.locations![0]!.physicalLocation, {
        artifactLocation: { uri: 'app/go.mod', uriBaseId: '%SRCROOT%' },
        region: { startLine: PRIVATE_SPAN.line, startColumn: PRIVATE_SPAN.column, endColumn: PRIVATE_SPAN.endColumn },
      });
      const goModLine = fs.readFileSync(path.join(root, 'go.mod'), 'utf8').split('\n')[PRIVATE_SPAN.line - 1]!;
      assert.equal(goModLine.slice(PRIVATE_SPAN.column - 1, PRIVATE_SPAN.endColumn - 1), `${PRIVATE.path} ${PRIVATE.version}`, 'the span is the requirement');
      assert.match(result.message.text!, /go env -w GOPRIVATE=corp\.example\.com/, 'the fixes, as text');
      assert.equal(log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.uri, `file://${repo}/`);
    });

    it('prints annotations GitHub puts on that go.mod line, and a summary', () => {
      const commands = workflowCommands(runs.get('github')!.stdout);
      const privateOne = commands.find((command) => command.properties.title?.startsWith('private-module-sumdb'));
      assert.ok(privateOne, runs.get('github')!.stdout);
      assert.equal(privateOne.command, 'error');
      assert.deepEqual(
        { file: privateOne.properties.file, line: privateOne.properties.line, col: privateOne.properties.col, endColumn: privateOne.properties.endColumn },
        { file: 'app/go.mod', line: String(PRIVATE_SPAN.line), col: String(PRIVATE_SPAN.column), endColumn: String(PRIVATE_SPAN.endColumn - 1) },
      );
      assert.match(privateOne.message, /looks private[^]*\nFixes:\n- /);
      assert.ok(
        commands.some((command) => command.command === 'warning' && command.properties.title === 'env-conflict'),
        'the shadowed GOPROXY, as a warning',
      );
      assert.match(runs.get('github')!.stdout, /^Summary: 1 error\(s\), 1 warning\(s\)/m);
    });

    it('writes a Code Quality report on the same line', () => {
      const issues = JSON.parse(fs.readFileSync(files.gitlab!, 'utf8')) as CodeQualityIssue[];
      const issue = issues.find((candidate) => candidate.check_name === 'private-module-sumdb');
      assert.ok(issue);
      assert.deepEqual(issue.location, { path: 'app/go.mod', lines: { begin: PRIVATE_SPAN.line, end: PRIVATE_SPAN.line } });
      assert.equal(issue.severity, 'critical');
      assert.equal(new Set(issues.map((item) => item.fingerprint)).size, issues.length);
    });

    it('keeps --json as an alias of --format json, the contract only grown (roots)', () => {
      const viaAlias = JSON.parse(runs.get('jsonAlias')!.stdout) as Report;
      const viaFile = JSON.parse(fs.readFileSync(files.json!, 'utf8')) as Report;
      assert.equal(viaAlias.schemaVersion, 1);
      assert.deepEqual(viaAlias.roots, [root]);
      assert.deepEqual(
        viaAlias.findings.map((finding) => [finding.class, finding.line]),
        viaFile.findings.map((finding) => [finding.class, finding.line]),
      );
    });

    it('shows the planted credential in no output of any format', () => {
      const outputs = [...[...runs.values()].flatMap((ran) => [ran.stdout, ran.stderr]), ...Object.values(files).map((file) => fs.readFileSync(file, 'utf8'))];
      for (const text of outputs) assert.ok(!text.includes(TOKEN), `the credential leaked:\n${text.slice(0, 3_000)}`);
      assert.match(runs.get('text')!.stdout, /ci:\*\*\*@127\.0\.0\.1/, 'the text still says which GOPROXY, with the credential masked');
    });
  });

  describe('--fail-on and files', () => {
    it('exits 1 on warnings only with --fail-on warning, and 0 with never even on errors', async () => {
      const healthy = await openScenario(scenario('healthy'));
      cleanups.push(healthy.dispose);
      // A space in GOPRIVATE: a warning (Go does not trim it), nothing fails to download.
      const env = { ...healthy.env, GOPRIVATE: 'corp.example.com, other.example.com' };
      const plain = await cli(['diagnose', healthy.root, '--format', 'github'], { env, cwd: healthy.root });
      assert.equal(plain.code, 0, plain.stdout + plain.stderr);
      assert.match(plain.stdout, /^::warning file=go\.mod,line=1,/m);
      assert.equal((await cli(['diagnose', healthy.root, '--fail-on', 'warning'], { env, cwd: healthy.root })).code, 1);
      const failing = await openScenario(scenario('private-sumdb'));
      cleanups.push(failing.dispose);
      const never = await cli(['diagnose', failing.root, '--fail-on', 'never', '--format', 'gitlab'], { env: failing.env, cwd: failing.root });
      assert.equal(never.code, 0, never.stderr);
      assert.ok((JSON.parse(never.stdout) as unknown[]).length > 0, 'the report still lists the error');
    });

    it('refuses formats it does not know, two formats on standard output, and an output it cannot write', async () => {
      const healthy = await openScenario(scenario('healthy'));
      cleanups.push(healthy.dispose);
      const options = { env: healthy.env, cwd: healthy.root };
      for (const args of [
        ['--format', 'xml'],
        ['--format', 'sarif', '--format', 'github'],
        ['--json', '--format', 'sarif'],
        ['--fail-on', 'sometimes'],
        ['--format', 'github', '--format', 'sarif=x', '--output', 'y'],
        ['--apply-fix', 'goprivate-add', '--format', 'sarif'],
      ]) {
        const ran = await cli(['diagnose', ...args], options);
        assert.equal(ran.code, 2, `${args.join(' ')}: ${ran.stderr}`);
        assert.match(ran.stderr, /Usage: go-dep-health/);
      }
      fs.mkdirSync(path.join(healthy.root, 'a-folder'));
      const unwritable = await cli(['diagnose', '--format', 'sarif', '--output', 'a-folder'], options);
      assert.equal(unwritable.code, 2);
      assert.match(unwritable.stderr, /cannot write .*a-folder/);
      assert.deepEqual(fs.readdirSync(healthy.root).sort(), ['a-folder', 'go.mod', 'go.sum'], 'no temporary file is left behind');
    });
  });

  describe('a monorepo', () => {
    let sandbox: GoSandbox;
    let proxy: ModuleProxy;
    let repo: string;
    let env: Record<string, string>;

    before(async () => {
      sandbox = await createGoSandbox();
      proxy = await ModuleProxy.start({ modules: [HEALTHY, PRIVATE], sumdb: { mode: 'not-found' } });
      cleanups.push(async () => {
        await proxy.close();
        await sandbox.cleanup();
      });
      const goSum = proxy.goSumLines(HEALTHY.path, HEALTHY.version).join('\n') + '\n';
      const broken = { 'go.mod': `module example.com/skipped\n\ngo 1.21\n\nrequire ${MISSING.path} ${MISSING.version}\n` };
      const files: Record<string, string> = {
        'go.work': 'go 1.21\n\nuse (\n\t./svc/a\n\t./svc/b\n)\n',
        // svc/a: a private module without GOPRIVATE (line 7).
        'svc/a/go.mod': goModRequiring([HEALTHY, PRIVATE]).replace('module example.com/app', 'module example.com/svc/a'),
        'svc/a/go.sum': goSum,
        // svc/b requires its sibling, which only the go.work provides: not a failure.
        'svc/b/go.mod': `module example.com/svc/b\n\ngo 1.21\n\nrequire (\n\t${HEALTHY.path} ${HEALTHY.version}\n\texample.com/svc/a v0.0.0\n)\n`,
        'svc/b/go.sum': goSum,
        // Outside the go.work, found by --recursive: healthy.
        'tools/go.mod': goModRequiring([HEALTHY]).replace('module example.com/app', 'module example.com/tools'),
        'tools/go.sum': goSum,
        'docs/README.md': 'no Go here\n',
        // Never checked: a missing module in each would fail.
        ...Object.fromEntries(
          ['vendor/example.com/x', 'testdata/fixture', 'svc/a/node_modules/pkg', '.cache/m', '_old/m'].map((dir) => [`${dir}/go.mod`, broken['go.mod']]),
        ),
      };
      repo = sandbox.writeWorkspace('mono', files);
      await git(['init', '-q', repo], repo, sandbox.env);
      env = { ...sandbox.env, GOPROXY: proxy.url };
    });

    const relative = (report: Report) => report.roots.map((root) => path.relative(repo, root));

    it('--recursive finds every go.mod but vendor/, testdata/, node_modules/ and hidden ones, with one report for all', async () => {
      const ran = await cli(['diagnose', '--recursive', '.', '--json'], { env, cwd: repo });
      assert.equal(ran.code, 1, ran.stderr);
      const report = JSON.parse(ran.stdout) as Report;
      assert.deepEqual(relative(report), ['svc/a', 'svc/b', 'tools']);
      assert.equal(report.root, repo);
      assert.deepEqual(
        report.findings.map((finding) => [finding.class, finding.module, path.relative(repo, finding.goModFile ?? ''), finding.line]),
        [['private-module-sumdb', PRIVATE.path, 'svc/a/go.mod', 7]],
        "the sibling svc/a is not svc/b's failure, and nothing under the skipped folders was run",
      );
      assert.ok(!report.modules.some((module) => module.path === MISSING.path));
    });

    it('takes a go.work (its members) or several folders, and writes SARIF and Code Quality paths from the repository root', async () => {
      const out = path.join(repo, 'out');
      const viaWork = await cli(['diagnose', 'go.work', '--format', `sarif=${out}/a.sarif`, '--format', `gitlab=${out}/cq.json`, '--format', 'json'], {
        env,
        cwd: repo,
      });
      assert.equal(viaWork.code, 1, viaWork.stderr);
      assert.deepEqual(relative(JSON.parse(viaWork.stdout) as Report), ['svc/a', 'svc/b']);
      const log = JSON.parse(fs.readFileSync(path.join(out, 'a.sarif'), 'utf8')) as Sarif.Log;
      assert.deepEqual(
        log.runs[0]!.results!.map((result) => [
          result.ruleId,
          result.locations![0]!.physicalLocation!.artifactLocation!.uri,
          result.locations![0]!.physicalLocation!.region!.startLine,
        ]),
        [['private-module-sumdb', 'svc/a/go.mod', 7]],
      );
      assert.deepEqual(githubUploadProblems(log), []);
      assert.deepEqual(await multitoolProblems(path.join(out, 'a.sarif')), []);
      const issues = JSON.parse(fs.readFileSync(path.join(out, 'cq.json'), 'utf8')) as CodeQualityIssue[];
      assert.deepEqual(
        issues.map((issue) => issue.location.path),
        ['svc/a/go.mod'],
      );
      // From inside svc/b, naming both folders: the go.work above them still says svc/a is a sibling.
      const viaFolders = await cli(['diagnose', '../a', '.', '--format', 'github'], { env, cwd: path.join(repo, 'svc', 'b') });
      assert.equal(viaFolders.code, 1, viaFolders.stderr);
      const commands = workflowCommands(viaFolders.stdout);
      assert.deepEqual(
        commands.map((command) => [command.properties.file, command.properties.line]),
        [['svc/a/go.mod', '7']],
      );
      assert.match(viaFolders.stdout, /in 2 go\.mod files/);
    });

    it('with GOWORK=off, a sibling requirement is a failure again (the go.work is not used)', async () => {
      const ran = await cli(['diagnose', 'svc/b', '--json'], { env: { ...env, GOWORK: 'off' }, cwd: repo });
      const report = JSON.parse(ran.stdout) as Report;
      assert.ok(
        report.findings.some((finding) => finding.module === 'example.com/svc/a'),
        JSON.stringify(report.findings.map((finding) => [finding.class, finding.module])),
      );
    });

    it('says what it could not use', async () => {
      const ran = await cli(['diagnose', 'nowhere', 'vendor'], { env, cwd: repo });
      assert.equal(ran.code, 2);
      assert.match(ran.stderr, /nowhere does not exist/);
      assert.match(ran.stderr, /no go\.mod or go\.work in .*vendor/);
      const empty = await cli(['diagnose', '-r', 'docs', '--json'], { env, cwd: repo });
      assert.equal(empty.code, 2);
      assert.match(empty.stderr, /no go\.mod under/);
    });
  });
});
