// The GitHub Action and the README's CI examples, run as far as a runner's steps can run here:
// action.yml's shape (every input reaches the script; the SARIF is uploaded before the job fails),
// the README's workflow steps naming only real inputs, and scripts/ci/action.sh itself — installing
// the packaged CLI (`npm pack` of this repository, offline) and running it against the lab: a
// private module behind a proxy that wants credentials, refused without them, fetched once the
// README's .netrc step has run; and the README's GitLab job line on a monorepo.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import type * as Sarif from 'sarif';
import type { CodeQualityIssue } from '../../src/core/codeQuality';
import { createTestCa, type TestCa } from '../lab/certificates';
import { startAuthFront, type AuthFront } from '../lab/classServers';
import { sharedDir } from '../lab/classScenarios';
import { createGoSandbox, type GoSandbox } from '../lab/goSandbox';
import { ModuleProxy } from '../lab/moduleProxy';
import { goModRequiring, HEALTHY, PRIVATE, requireLine } from '../lab/scenarios';
import { githubUploadProblems, schemaProblems } from '../support/sarifChecks';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'ci', 'action.sh');
const TOKEN = 'glpat-ActionT0kenAbcdefghij012345';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string | boolean>;
  env?: Record<string, string>;
}

interface ActionYml {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = load(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The README's YAML blocks whose first line is `# <name>`. */
function readmeYaml(name: string): unknown[] {
  const blocks = [...README.matchAll(/```yaml\n# ([^\n]+)\n([^]*?)```/g)].filter((match) => match[1]!.startsWith(name));
  assert.ok(blocks.length > 0, `README has a yaml block for ${name}`);
  return blocks.map((match) => load(match[2]!));
}

/** Every step of the README's GitHub workflow examples. */
function readmeSteps(): Step[] {
  return readmeYaml('.github/workflows/').flatMap((doc) =>
    Array.isArray(doc) ? (doc as Step[]) : Object.values((doc as { jobs: Record<string, { steps: Step[] }> }).jobs).flatMap((job) => job.steps),
  );
}

const envName = (input: string) => `INPUT_${input.toUpperCase().replace(/-/g, '_')}`;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: options.env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the GitHub Action and the CI examples', function () {
  this.timeout(180_000);

  describe('action.yml', () => {
    const steps = action.runs.steps;
    const diagnoseStep = steps.find((step) => step.id === 'diagnose')!;

    it('is a composite action: Node first, then the script, the SARIF upload, and the failure last', () => {
      assert.equal(action.runs.using, 'composite');
      assert.match(steps[0]!.uses ?? '', /^actions\/setup-node@v\d+$/);
      assert.equal(diagnoseStep.run, 'bash "$GITHUB_ACTION_PATH/scripts/ci/action.sh"');
      const upload = steps.findIndex((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
      const fail = steps.findIndex((step) => step.run === 'exit "$EXIT_CODE"');
      assert.ok(upload > steps.indexOf(diagnoseStep) && fail > upload, 'the upload happens before the step that fails the job');
      assert.match(steps[upload]!.if!, /always\(\)/, 'the SARIF is uploaded even when something before failed');
      assert.equal(steps[upload]!.with!.sarif_file, '${{ steps.diagnose.outputs.sarif-file }}');
      assert.equal(steps[fail]!.env!.EXIT_CODE, '${{ steps.diagnose.outputs.exit-code }}');
    });

    it('hands every input the script needs to the script, and the script reads each', () => {
      const script = fs.readFileSync(SCRIPT, 'utf8');
      const handled = new Set(['node-version', 'category', 'working-directory']); // used by action.yml itself
      for (const input of Object.keys(action.inputs)) {
        if (handled.has(input)) {
          assert.ok(JSON.stringify(steps).includes(`inputs.${input}`), `${input} is used by a step`);
          continue;
        }
        assert.equal(diagnoseStep.env![envName(input)], `\${{ inputs.${input} }}`, `${input} reaches the script`);
        assert.ok(script.includes(envName(input)), `the script reads ${envName(input)}`);
      }
      for (const [name, output] of Object.entries(action.outputs)) assert.equal(output.value, `\${{ steps.diagnose.outputs.${name} }}`);
    });

    it("is what the README's workflows use, with inputs it has", () => {
      const { version, homepage } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; homepage: string };
      // The action is the repository at the project's home page (owner/name on GitHub).
      const repository = /^https:\/\/github\.com\/([^/#]+\/[^/#]+)/.exec(homepage)![1]!;
      const uses = readmeSteps().filter((step) => step.uses?.startsWith(`${repository}@`));
      assert.ok(uses.length >= 2);
      for (const step of uses) {
        assert.equal(step.uses, `${repository}@v${version}`, 'the README names the current version');
        for (const input of Object.keys(step.with ?? {})) assert.ok(input in action.inputs, `README uses an input the action does not have: ${input}`);
      }
      const table = [...README.matchAll(/^\| `([a-z-]+)`(?: \/ `([a-z-]+)`)? \| `?[^|]*`? \| /gm)].flatMap((match) => [match[1]!, match[2]].filter(Boolean));
      for (const input of Object.keys(action.inputs)) assert.ok(table.includes(input), `the README's input table lists ${input}`);
    });
  });

  describe('scripts/ci/action.sh from the packaged CLI, against the lab', () => {
    let shared: Awaited<ReturnType<typeof sharedDir>>;
    let ca: TestCa;
    let lab: ModuleProxy;
    let front: AuthFront;
    let sandbox: GoSandbox;
    let tarball: string;
    let workspace: string;
    let runnerEnv: Record<string, string>;

    before(async () => {
      assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run npm run build first');
      shared = await sharedDir();
      // The package as npm would publish it: `npm pack`, offline.
      const packed = await run('npm', ['pack', '--silent', '--pack-destination', shared.dir], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: shared.dir, npm_config_offline: 'true', npm_config_cache: path.join(shared.dir, 'npm-cache') },
      });
      assert.equal(packed.code, 0, packed.stderr);
      tarball = path.join(shared.dir, packed.stdout.trim().split('\n').pop()!);
      ca = await createTestCa(path.join(shared.dir, 'ca'));
      lab = await ModuleProxy.start({ modules: [HEALTHY, PRIVATE], sumdb: { mode: 'not-found' } });
      // The private proxy: answers only with alice's token.
      front = await startAuthFront(ca, { upstreamPort: Number(new URL(lab.url).port), user: 'alice', password: TOKEN });
      sandbox = await createGoSandbox();
      const goSum = [HEALTHY, PRIVATE].flatMap((module) => lab.goSumLines(module.path, module.version)).join('\n') + '\n';
      workspace = sandbox.writeWorkspace('repo', { 'go.mod': goModRequiring([HEALTHY, PRIVATE]), 'go.sum': goSum });
      await run('git', ['init', '-q', workspace], { cwd: workspace, env: sandbox.env });
      // What a runner has: the job's environment, the README step's env (GOPROXY through the
      // private proxy, GONOSUMDB) with the lab's addresses, and the runner's own variables.
      const readmeEnv = readmeSteps().find((step) => step.uses?.startsWith('go-dependency-health/') && step.env?.GONOSUMDB)!.env!;
      runnerEnv = {
        ...sandbox.env,
        ...readmeEnv,
        GOPROXY: readmeEnv.GOPROXY!.replace('https://goproxy.corp.example.com', front.url).replace(',https://proxy.golang.org,direct', ',off'),
        GONOSUMDB: PRIVATE.path.split('/')[0]!,
        SSL_CERT_FILE: ca.certPath,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: path.join(shared.dir, 'runner-temp'),
        // No registry: the package comes from the tarball, with an empty cache.
        npm_config_offline: 'true',
        npm_config_cache: path.join(shared.dir, 'npm-cache-runner'),
      };
      fs.mkdirSync(runnerEnv.RUNNER_TEMP!);
    });

    after(async () => {
      await front?.close();
      await lab?.close();
      await sandbox?.cleanup();
      await shared?.cleanup();
    });

    /** Runs the action's script as its step would: inputs from action.yml's defaults and the README's `with:`, in the workspace. */
    async function runAction(inputs: Record<string, string>): Promise<Ran & { outputs: Record<string, string> }> {
      const outputFile = path.join(shared.dir, `github-output-${Date.now()}`);
      fs.writeFileSync(outputFile, '');
      const env: Record<string, string> = { ...runnerEnv, GITHUB_OUTPUT: outputFile, INPUT_PACKAGE: tarball };
      for (const [name, input] of Object.entries(action.inputs)) env[envName(name)] = input.default ?? '';
      for (const [name, value] of Object.entries(inputs)) env[envName(name)] = value;
      env.INPUT_PACKAGE = tarball;
      const ran = await run('bash', [SCRIPT], { cwd: workspace, env });
      const outputs = Object.fromEntries(
        fs
          .readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      return { ...ran, outputs };
    }

    const readmeInputs = () => {
      const step = readmeSteps().find((candidate) => candidate.uses?.startsWith('go-dependency-health/') && candidate.env?.GONOSUMDB)!;
      return Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, String(value)]));
    };

    it('without credentials: annotates the private module, writes SARIF for the upload, and hands exit code 1 to the last step', async () => {
      const ran = await runAction(readmeInputs());
      assert.equal(ran.code, 0, `the script itself succeeds, so the upload step runs:\n${ran.stderr}`);
      assert.equal(ran.outputs['exit-code'], '1', ran.stdout + ran.stderr);
      const sarifFile = ran.outputs['sarif-file']!;
      assert.equal(sarifFile, path.join(workspace, 'go-dep-health.sarif'));
      const log = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as Sarif.Log;
      assert.deepEqual(schemaProblems(log), []);
      assert.deepEqual(githubUploadProblems(log), []);
      const result = log.runs[0]!.results!.find((candidate) => candidate.ruleId === 'proxy-auth' && candidate.properties?.module === PRIVATE.path);
      assert.ok(result, JSON.stringify(log.runs[0]!.results!.map((candidate) => candidate.ruleId)));
      assert.equal(result.locations![0]!.physicalLocation!.region!.startLine, requireLine(1));
      assert.match(
        ran.stdout,
        new RegExp(
          `^::error file=go\\.mod,line=${requireLine(1)},endLine=${requireLine(1)},col=2,.*title=proxy-auth%3A corp\\.example\\.com/team/lib@v1\\.2\\.0::`,
          'm',
        ),
      );
      assert.ok(front.users.length > 0, 'go asked the private proxy');
    });

    it("with the README's .netrc step run first: every module fetched, exit code 0, and the token in no output", async () => {
      const credentialStep = readmeSteps().find((step) => step.name === 'Credentials for private modules')!;
      assert.match(credentialStep.env!.MODULES_TOKEN!, /^\$\{\{ secrets\.[A-Z_]+ \}\}$/, 'the token comes from a secret');
      const stepEnv = { ...credentialStep.env!, MODULES_HOST: `127.0.0.1:${front.port}`, MODULES_USER: 'alice', MODULES_TOKEN: TOKEN };
      const wrote = await run('bash', ['-e', '-c', credentialStep.run!], { cwd: workspace, env: { ...runnerEnv, ...stepEnv } });
      assert.equal(wrote.code, 0, wrote.stderr);
      assert.equal(fs.statSync(path.join(sandbox.home, '.netrc')).mode & 0o777, 0o600, 'the .netrc is private to the user');
      const ran = await runAction(readmeInputs());
      assert.equal(ran.outputs['exit-code'], '0', ran.stdout + ran.stderr);
      assert.doesNotMatch(ran.stdout, /^::error/m);
      assert.match(ran.stdout, /^Summary: 0 error\(s\)/m);
      const log = JSON.parse(fs.readFileSync(ran.outputs['sarif-file']!, 'utf8')) as Sarif.Log;
      assert.deepEqual(log.runs[0]!.results, []);
      assert.ok(front.users.includes('alice'), 'the proxy got the credentials from ~/.netrc');
      for (const text of [ran.stdout, ran.stderr, fs.readFileSync(ran.outputs['sarif-file']!, 'utf8')]) assert.ok(!text.includes(TOKEN));
    });

    it('with annotations off and no SARIF: the readable report, nothing to upload; a usage error is exit code 2 with no SARIF', async () => {
      const ran = await runAction({ annotations: 'false', sarif: 'false' });
      assert.match(ran.stdout, /^Go Dependency Health — /m);
      assert.equal(ran.outputs['sarif-file'], '');
      fs.writeFileSync(path.join(workspace, 'never.sarif'), '{"stale": "from an earlier run"}');
      const wrong = await runAction({ paths: 'no/such/folder', sarif: 'true', 'sarif-file': 'never.sarif' });
      assert.ok(!fs.existsSync(path.join(workspace, 'never.sarif')), 'an earlier SARIF is not left to be uploaded as this run');
      assert.equal(wrong.outputs['exit-code'], '2');
      assert.equal(wrong.outputs['sarif-file'], '', 'no file: the upload step is skipped');
      assert.match(wrong.stderr, /no\/such\/folder does not exist/);
    });
  });

  describe("the README's GitLab job", () => {
    it('runs its go-dep-health line and writes the Code Quality report its artifacts name', async () => {
      const [job] = Object.values(readmeYaml('.gitlab-ci.yml')[0] as Record<string, { script: string[]; artifacts: { reports: { codequality: string } } }>);
      const line = job!.script.find((command) => command.includes(' go-dep-health '))!;
      const args = line.slice(line.indexOf(' go-dep-health ') + ' go-dep-health '.length).split(' ');
      const sandbox = await createGoSandbox();
      const lab = await ModuleProxy.start({ modules: [HEALTHY, PRIVATE], sumdb: { mode: 'not-found' } });
      try {
        const goSum = lab.goSumLines(HEALTHY.path, HEALTHY.version).join('\n') + '\n';
        const repo = sandbox.writeWorkspace('mono', {
          'svc/a/go.mod': goModRequiring([HEALTHY, PRIVATE]),
          'svc/a/go.sum': goSum,
          'svc/b/go.mod': goModRequiring([HEALTHY]),
          'svc/b/go.sum': goSum,
        });
        await run('git', ['init', '-q', repo], { cwd: repo, env: sandbox.env });
        const ran = await run(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd: repo, env: { ...sandbox.env, GOPROXY: lab.url } });
        assert.equal(ran.code, 1, ran.stderr);
        assert.match(ran.stdout, /Findings \(1\)/, 'the job log shows the readable report');
        const issues = JSON.parse(fs.readFileSync(path.join(repo, job!.artifacts.reports.codequality), 'utf8')) as CodeQualityIssue[];
        assert.deepEqual(
          issues.map((issue) => [issue.check_name, issue.location.path, issue.location.lines.begin]),
          [['private-module-sumdb', 'svc/a/go.mod', requireLine(1)]],
        );
      } finally {
        await lab.close();
        await sandbox.cleanup();
      }
    });
  });
});
