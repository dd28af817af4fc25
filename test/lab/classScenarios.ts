// Shared setup of the class suite (test/integration/classes): one sandbox per test, run with a
// chosen Go, whose go and git resolve host names from files only (so no DNS query leaves the
// machine, whatever a failing test makes them try); the engine run on it; fixes applied through
// applyFix; and the coverage recorder behind docs/coverage.md.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FailureClass, Finding, PlannedFix, Report } from '../../src/core/types';
import { applyFix, type UndoRecord } from '../../src/engine/applyFix';
import { diagnose, type DiagnoseOptions } from '../../src/engine/diagnose';
import type { TestCa } from './certificates';
import { ClassCoverage, type CaseRecorder } from './classCoverage';
import { ForwardProxy } from './forwardProxy';
import { GitHttpServer } from './gitHttpServer';
import { createGitRepos, git, LAB_GIT_HOST, type GitRepos, type GitRepoSpec } from './gitRepos';
import { createGoSandbox, type GoSandbox } from './goSandbox';
import type { GoUnderTest } from './goVersions';
import type { LabModule, ModuleProxy } from './moduleProxy';
import { goSumLines } from './moduleZip';
import { SshGitServer } from './sshServer';
import { portOf, startTlsModuleProxy } from './tlsModuleProxy';

export const coverage = new ClassCoverage();

/** The command that regenerates docs/coverage.md (printed in it). */
export const SUITE_COMMAND = 'npm run coverage';

/**
 * A class test: `<class>: <how>`. The body asserts and tells the recorder what it proved; the
 * outcome (passed, or the first line of the failure) goes into docs/coverage.md.
 */
export function classIt(go: GoUnderTest, cls: FailureClass, how: string, body: (recorder: CaseRecorder) => Promise<void>): void {
  coverage.register(go.label, cls);
  it(`${cls}: ${how}`, async function () {
    const { recorder, finish } = coverage.start(cls, how, go.label);
    try {
      await body(recorder);
    } catch (error) {
      finish(error);
      throw error;
    }
    finish(undefined);
  });
}

export interface WrapperOptions {
  /** Folders mounted read-only for go (a module cache nobody may write, even root). */
  readOnly?: string[];
}

/**
 * Writes `<dir>/bin/go-offline` (go) and `<dir>/bin/git` (git) wrappers: each runs the real
 * program in a private mount namespace whose /etc/nsswitch.conf says `hosts: files` and whose
 * /etc/hosts knows localhost only. Absolute paths throughout, so PATH can leave out /usr/bin.
 * Called again, it rewrites them (e.g. without the read-only mount).
 */
export function writeWrappers(sandbox: GoSandbox, options: WrapperOptions = {}): { go: string; binDir: string } {
  const nss = path.join(sandbox.dir, 'nss');
  const bin = path.join(sandbox.dir, 'bin');
  fs.mkdirSync(nss, { recursive: true });
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(nss, 'nsswitch.conf'), 'hosts: files\n');
  fs.writeFileSync(path.join(nss, 'hosts'), '127.0.0.1 localhost\n');
  const readOnly = (options.readOnly ?? []).map((dir) => `/usr/bin/mount --bind "${dir}" "${dir}" && /usr/bin/mount -o remount,bind,ro "${dir}" && `).join('');
  const wrapper = (target: string, extra: string) =>
    [
      '#!/bin/sh',
      '# Runs the program with host lookups from the sandbox hosts file only (class suite, test/lab/classScenarios.ts).',
      `exec /usr/bin/unshare --mount --propagation private /bin/sh -c '/usr/bin/mount --bind "$1" /etc/nsswitch.conf && /usr/bin/mount --bind "$2" /etc/hosts && ${extra}shift 2 && exec "$@"' sh "${path.join(nss, 'nsswitch.conf')}" "${path.join(nss, 'hosts')}" "${target}" "$@"`,
      '',
    ].join('\n');
  const go = path.join(bin, 'go-offline');
  fs.writeFileSync(go, wrapper(sandbox.go, readOnly), { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'git'), wrapper('/usr/bin/git', ''), { mode: 0o755 });
  return { go, binDir: bin };
}

export interface CaseOptions {
  /** go.mod (and go.sum …) of the workspace. */
  files: Record<string, string>;
  /** Lines of the `go env -w` file (where fixes write). */
  goEnv?: Record<string, string>;
  /** Process environment on top of the sandbox's (the shell or VS Code of the user). */
  env?: Record<string, string>;
  wrappers?: WrapperOptions;
}

export interface ClassCase {
  sandbox: GoSandbox;
  root: string;
  /** The go the engine runs (the offline wrapper around the Go under test). */
  goTool: string;
  env: Record<string, string>;
  diagnose(options?: Partial<Pick<DiagnoseOptions, 'inactivitySeconds' | 'alternateGoTool'>> & { env?: Record<string, string> }): Promise<Report>;
  apply(fix: PlannedFix): Promise<UndoRecord>;
  /** Runs a program with the case's environment (PATH from it); resolves with its exit code and output. */
  run(file: string, args: string[], options?: { env?: Record<string, string> }): Promise<{ code: number; stdout: string; stderr: string }>;
  writeGoMod(text: string): void;
  dispose: () => Promise<void>;
}

const pending: (() => Promise<void>)[] = [];

/** Runs fn when the current test's cases are disposed (servers a single test started). */
export function deferCleanup(fn: () => Promise<void>): void {
  pending.push(fn);
}

/** Disposes every case and server the test that just ran opened (call from afterEach). */
export async function disposeCases(): Promise<void> {
  await Promise.all(pending.splice(0).map((dispose) => dispose()));
}

export async function openCase(go: GoUnderTest, options: CaseOptions): Promise<ClassCase> {
  const sandbox = await createGoSandbox({ go: go.bin });
  const { go: goTool, binDir } = writeWrappers(sandbox, options.wrappers);
  if (options.goEnv)
    fs.writeFileSync(
      sandbox.goenvFile,
      Object.entries(options.goEnv)
        .map(([key, value]) => `${key}=${value}\n`)
        .join(''),
    );
  const root = sandbox.writeWorkspace('app', options.files);
  // The git wrapper leads PATH: go's git, the engine's git and the fixes' git all resolve names from files.
  const env: Record<string, string> = { ...sandbox.env, PATH: `${binDir}:${sandbox.env.PATH}`, ...options.env };
  const opened: ClassCase = {
    sandbox,
    root,
    goTool,
    env,
    async diagnose(overrides = {}) {
      const { report } = await diagnose({
        root,
        env: overrides.env ?? env,
        inactivitySeconds: overrides.inactivitySeconds ?? 20,
        alternateGoTool: 'alternateGoTool' in overrides ? overrides.alternateGoTool : goTool,
      });
      return report;
    },
    apply: (fix) => applyFix(fix, { goPath: goTool, env, cwd: root }),
    run: (file, args, runOptions = {}) =>
      new Promise((resolve) => {
        execFile(file, args, { cwd: root, env: runOptions.env ?? env }, (error, stdout, stderr) => {
          const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
          resolve({ code, stdout, stderr });
        });
      }),
    writeGoMod: (text) => fs.writeFileSync(path.join(root, 'go.mod'), text),
    dispose: () => sandbox.cleanup(),
  };
  pending.push(opened.dispose);
  return opened;
}

/** The one finding of a class; fails with every finding listed otherwise. */
export function only(report: Report, cls: FailureClass): Finding {
  const matching = report.findings.filter((finding) => finding.class === cls);
  assert.equal(matching.length, 1, `expected one ${cls} finding, got:\n${describeFindings(report)}`);
  return matching[0]!;
}

export function describeFindings(report: Report): string {
  return (
    report.findings
      .map(
        (finding) =>
          `  [${finding.class}] ${finding.module ?? '-'} line ${finding.line}: ${finding.message}\n    fixes: ${finding.fixes.map((fix) => fix.id).join(', ')}\n    evidence: ${finding.evidence.join(' / ').replace(/\n/g, '\\n ').slice(0, 1200)}`,
      )
      .join('\n') || '  (none)'
  );
}

/**
 * Asserts the finding: class (by `only`), module, go.mod line, and exactly these fix ids, in this
 * order; and that nothing else was found, except findings of the classes in `others`.
 */
export function assertFinding(
  report: Report,
  expected: { cls: FailureClass; module: string | null; line: number | null; fixes: string[]; others?: FailureClass[] },
): Finding {
  const finding = only(report, expected.cls);
  const unexpected = report.findings.filter((other) => other !== finding && !(expected.others ?? []).includes(other.class));
  assert.deepEqual(
    unexpected.map((other) => other.class),
    [],
    `nothing but the ${expected.cls} finding:\n${describeFindings(report)}`,
  );
  assert.equal(finding.module, expected.module, `module of the ${expected.cls} finding:\n${describeFindings(report)}`);
  assert.equal(finding.line, expected.line, `go.mod line of the ${expected.cls} finding:\n${describeFindings(report)}`);
  assert.deepEqual(
    finding.fixes.map((fix) => fix.id),
    expected.fixes,
    `fixes of the ${expected.cls} finding:\n${describeFindings(report)}`,
  );
  for (const other of report.findings) assertSafeFixes(other);
  return finding;
}

/** Secrets the lab hands out: no fix may ever carry one. */
export const LAB_SECRETS = ['lab-password', 's3cret'];

/** No fix stores a secret, and none switches verification or transport security off. */
export function assertSafeFixes(finding: Finding): void {
  for (const fix of finding.fixes) {
    const detail = fix.detail;
    // What a fix would write or run (the value it replaces is the user's own, kept raw for the preview).
    const text = JSON.stringify(detail.kind === 'go-env' ? { ...detail, previous: undefined } : detail);
    for (const secret of LAB_SECRETS) assert.ok(!text.includes(secret), `${fix.id} would write a secret`);
    if (detail.kind === 'go-env') {
      const value = detail.value ?? '';
      assert.notEqual(detail.variable, 'GOSUMDB', `${fix.id} changes GOSUMDB`);
      assert.notEqual(detail.variable, 'GOINSECURE', `${fix.id} changes GOINSECURE`);
      assert.ok(!/\/\/[^/@\s]+:[^/@\s]+@/.test(value), `${fix.id} writes credentials into ${detail.variable}`);
      assert.ok(!(detail.variable === 'GOFLAGS' && /insecure/.test(value)), `${fix.id} sets an insecure flag`);
    }
    if (detail.kind === 'git-config') {
      assert.ok(!/\/\/[^/@\s]+:[^/@\s]+@/.test(detail.key + detail.value), `${fix.id} writes credentials into git config`);
      assert.ok(!/sslverify/i.test(detail.key), `${fix.id} turns TLS verification off`);
    }
  }
}

export function fixOf(finding: Finding, id: string): PlannedFix {
  const found = finding.fixes.find((fix) => fix.id === id);
  assert.ok(found, `the finding offers ${id}: ${finding.fixes.map((fix) => fix.id).join(', ')}`);
  return found;
}

/** A re-run must be clean: no finding at all, and every listed module fetched. */
export function assertClean(report: Report, what: string): void {
  assert.deepEqual(
    report.findings.map((finding) => `[${finding.class}] ${finding.module}: ${finding.message}`),
    [],
    `${what}: the re-run is not clean:\n${describeFindings(report)}`,
  );
  for (const module of report.modules) assert.ok(module.status === 'ok' || module.status === 'cached', `${what}: ${module.path} is ${module.status}`);
}

/** A go.mod requiring the modules in order: the first requirement is on line 6, the next on 7, … */
export function goModRequiring(modules: { path: string; version: string }[], goLine = '1.21'): string {
  const lines = ['module example.com/app', '', `go ${goLine}`, '', 'require ('];
  for (const module of modules) lines.push(`\t${module.path} ${module.version}`);
  lines.push(')', '');
  return lines.join('\n');
}

/** The go.mod line of the nth requirement written by goModRequiring. */
export const requireLine = (index: number): number => 6 + index;

/**
 * The internet as the tests see it: an HTTP forward proxy (HTTPS_PROXY) that routes the real
 * names it knows — proxy.golang.org, and vanity hosts — to lab servers on 127.0.0.1, whose
 * certificates the lab CA (SSL_CERT_FILE) signed. Go never resolves those names itself: it sends
 * CONNECT to the forward proxy, which resolves nothing. So the default GOPROXY works, offline.
 */
export interface LabInternet {
  /** The environment that puts a sandbox on this internet. */
  env: Record<string, string>;
  /** The lab's stand-in for https://proxy.golang.org. */
  publicProxy: ModuleProxy;
  close: () => Promise<void>;
}

export async function startLabInternet(ca: TestCa, options: { modules: LabModule[]; routes?: Record<string, number> }): Promise<LabInternet> {
  const publicProxy = await startTlsModuleProxy(ca, { mode: 'trusted', hosts: ['proxy.golang.org'], modules: options.modules });
  const forward = await ForwardProxy.start({ routes: { 'proxy.golang.org:443': portOf(publicProxy.url), ...options.routes } });
  return {
    env: { HTTPS_PROXY: forward.url, SSL_CERT_FILE: ca.certPath },
    publicProxy,
    close: async () => {
      await forward.close();
      await publicProxy.close();
    },
  };
}

/** go.sum lines for modules a lab proxy serves. */
export function goSumFor(proxy: ModuleProxy, modules: { path: string; version: string }[]): string {
  return modules.flatMap((module) => proxy.goSumLines(module.path, module.version)).join('\n') + '\n';
}

/** A temp folder for a test file's shared servers (CA, certificates), removed by its after hook. */
export async function sharedDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gdh-classes-'));
  return { dir, cleanup: () => fs.promises.rm(dir, { recursive: true, force: true }) };
}

// ---- git ------------------------------------------------------------------------------------

const libFiles = (tag: string) => ({ 'lib.go': `package lib\n\n// ${tag}\n` });
const gitSpec = (name: string, modulePath: string, tags: string[]): GitRepoSpec => ({
  name,
  modulePath,
  tags: Object.fromEntries(tags.map((tag) => [tag, libFiles(tag)])),
});

/** Served over http and ssh, no auth. */
export const GIT_LIB = gitSpec('team/lib.git', `${LAB_GIT_HOST}/team/lib.git`, ['v1.0.0', 'v1.1.0']);
/** Needs basic auth over http (GIT_CREDENTIALS). */
export const GIT_PRIVATE = gitSpec('team/private.git', `${LAB_GIT_HOST}/team/private.git`, ['v1.0.0']);
/** The repository behind the vanity import path corp.lab.test/team/lib (go-get discovery). */
export const VANITY_HOST = 'corp.lab.test';
export const GIT_VANITY = gitSpec('corp/lib.git', `${VANITY_HOST}/team/lib`, ['v1.0.0']);
export const GIT_CREDENTIALS = { user: 'lab-user', password: 'lab-password' };

/** go.sum lines of a lab git module at a tag, as Go computes them from the repository's files. */
export function gitGoSum(spec: GitRepoSpec, tag: string): string {
  return goSumLines(spec.modulePath, tag, spec.tags[tag]).join('\n') + '\n';
}

export interface GitLab {
  repos: GitRepos;
  http: GitHttpServer;
  ssh: SshGitServer | null;
  close: () => Promise<void>;
}

export async function startGitLab(options: { ssh: boolean }): Promise<GitLab> {
  const repos = await createGitRepos([GIT_LIB, GIT_PRIVATE, GIT_VANITY]);
  const http = await GitHttpServer.start({ projectRoot: repos.root, auth: { [GIT_PRIVATE.name]: GIT_CREDENTIALS } });
  let ssh: SshGitServer | null = null;
  try {
    ssh = options.ssh ? await SshGitServer.start({ reposRoot: repos.root }) : null;
  } catch (error) {
    // Nobody else holds what was started so far: close it, or it keeps the test process alive.
    await http.close();
    await repos.cleanup();
    throw error;
  }
  return {
    repos,
    http,
    ssh,
    close: async () => {
      await http.close();
      await ssh?.stop();
      await repos.cleanup();
    },
  };
}

/** `url.<base>.insteadOf <prefix>` rules in the case's global git config, as the quick fixes write them. */
export async function routeGit(c: ClassCase, rules: { base: string; prefix: string }[]): Promise<void> {
  for (const rule of rules) await git(['config', '--file', c.sandbox.gitConfigGlobal, '--add', `url.${rule.base}.insteadOf`, rule.prefix]);
}

/** Every scheme Go probes for git.lab.test (https, git+ssh, ssh) sent to one base URL. */
export const allSchemesTo = (base: string, host = LAB_GIT_HOST): { base: string; prefix: string }[] =>
  ['https', 'git+ssh', 'ssh'].map((scheme) => ({ base, prefix: `${scheme}://${host}/` }));
