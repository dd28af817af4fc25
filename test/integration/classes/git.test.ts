// Failure classes of direct fetches with git: Go probes `host/path.git` module paths with
// `git ls-remote` and, when every probe fails, says only "no secure protocol found for
// repository"; the engine re-runs the first probe to recover git's own words (vcsRecheck.ts).
// git reaches the lab's git servers through `insteadOf` rules in the sandbox's global git config
// — exactly the rules the quick fixes manage.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestCa, type TestCa } from '../../lab/certificates';
import { startGoGetServer, type GoGetServer } from '../../lab/classServers';
import {
  allSchemesTo,
  assertClean,
  assertFinding,
  classIt,
  deferCleanup,
  disposeCases,
  fixOf,
  GIT_CREDENTIALS,
  GIT_LIB,
  GIT_PRIVATE,
  GIT_VANITY,
  goModRequiring,
  openCase,
  requireLine,
  routeGit,
  sharedDir,
  startGitLab,
  startLabInternet,
  VANITY_HOST,
  type ClassCase,
  type GitLab,
  type LabInternet,
} from '../../lab/classScenarios';
import { LAB_GIT_HOST } from '../../lab/gitRepos';
import { goVersionsUnderTest } from '../../lab/goVersions';
import { gitSshCommand } from '../../lab/sshServer';

const { gos } = goVersionsUnderTest();
/** Direct fetches of lab hosts, no checksum database: what a company sets for its own git host. */
const PRIVATE_HOSTS = { GOPRIVATE: `${LAB_GIT_HOST},${VANITY_HOST}` };
const requiring = (modulePath: string, version: string) => ({ 'go.mod': goModRequiring([{ path: modulePath, version }]) });

describe('failure classes: git', function () {
  this.timeout(120_000);
  let shared: Awaited<ReturnType<typeof sharedDir>>;
  let ca: TestCa;
  let gitLab: GitLab;
  let goGet: GoGetServer;
  let internet: LabInternet;

  before(async () => {
    shared = await sharedDir();
    ca = await createTestCa(path.join(shared.dir, 'ca'));
    gitLab = await startGitLab({ ssh: true });
    goGet = await startGoGetServer(ca, VANITY_HOST);
    internet = await startLabInternet(ca, { modules: [], routes: { [`${VANITY_HOST}:443`]: goGet.port } });
  });

  after(async () => {
    await internet?.close();
    await goGet?.close();
    await gitLab?.close();
    await shared?.cleanup();
  });

  afterEach(disposeCases);

  /** The ssh server: https://git.lab.test/team/ goes there (the user's ssh rewrite), the rest of the host over http. */
  async function viaSsh(c: ClassCase, options: { key: 'client' | 'stranger'; knownHosts: 'filled' | 'empty'; batchMode?: boolean }) {
    const ssh = gitLab.ssh!;
    const knownHosts = await ssh.writeKnownHosts(path.join(c.sandbox.dir, 'known_hosts'), { empty: options.knownHosts === 'empty' });
    await routeGit(c, [
      { base: gitLab.http.baseUrl, prefix: `https://${LAB_GIT_HOST}/` },
      { base: `${ssh.baseUrl}team/`, prefix: `https://${LAB_GIT_HOST}/team/` },
    ]);
    const command = (key: 'client' | 'stranger') => {
      const full = gitSshCommand({ key: key === 'client' ? ssh.clientKey.privateKey : ssh.strangerKey.privateKey, knownHosts });
      return options.batchMode === false ? full.replace(' -o BatchMode=yes', '') : full;
    };
    return { knownHosts, command };
  }

  for (const go of gos) {
    describe(`with ${go.version}`, () => {
      classIt(go, 'git-auth', `${GIT_PRIVATE.modulePath}: git over http answers 401, no credentials (Go: "no secure protocol found")`, async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_PRIVATE.modulePath, 'v1.0.0'), goEnv: PRIVATE_HOSTS });
        await routeGit(c, allSchemesTo(gitLab.http.baseUrl));
        const finding = assertFinding(await c.diagnose(), {
          cls: 'git-auth',
          module: GIT_PRIVATE.modulePath,
          line: requireLine(0),
          fixes: ['git-credentials', 'insteadof-ssh-add'],
        });
        assert.match(finding.evidence[0]!, /no secure protocol found for repository[\s\S]*terminal prompts disabled/);
        const doc = fixOf(finding, 'git-credentials');
        assert.ok(
          doc.detail.kind === 'doc' && /for 127\.0\.0\.1 to ~\/\.netrc/.test(doc.detail.text),
          `names the host git asked for, after insteadOf: ${JSON.stringify(doc.detail)}`,
        );
        const rule = fixOf(finding, 'insteadof-ssh-add');
        assert.deepEqual(rule.detail, {
          kind: 'git-config',
          action: 'add',
          key: `url.ssh://git@${LAB_GIT_HOST}/.insteadOf`,
          value: `https://${LAB_GIT_HOST}/`,
        });
        recorder.classified();
        fs.writeFileSync(path.join(c.sandbox.home, '.netrc'), `machine 127.0.0.1 login ${GIT_CREDENTIALS.user} password ${GIT_CREDENTIALS.password}\n`, {
          mode: 0o600,
        });
        assertClean(await c.diagnose(), 'with ~/.netrc');
        recorder.proven({ kind: 'equivalent', what: 'a ~/.netrc line for the host git asked (credentials never go through a fix)' });
      });

      classIt(go, 'ssh-auth', `${GIT_LIB.modulePath}: an ssh insteadOf rule, a key the server does not know`, async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_LIB.modulePath, 'v1.0.0'), goEnv: PRIVATE_HOSTS });
        const { command } = await viaSsh(c, { key: 'stranger', knownHosts: 'filled' });
        const env = { ...c.env, GIT_SSH_COMMAND: command('stranger') };
        const finding = assertFinding(await c.diagnose({ env }), {
          cls: 'ssh-auth',
          module: GIT_LIB.modulePath,
          line: requireLine(0),
          fixes: ['ssh-key', 'insteadof-remove'],
        });
        assert.match(finding.evidence[0]!, /Permission denied \(publickey\)/);
        recorder.classified();
        assertClean(await c.diagnose({ env: { ...c.env, GIT_SSH_COMMAND: command('client') } }), 'with the registered key');
        recorder.proven({ kind: 'equivalent', what: 'ssh uses the key the server knows' });
        // The other fix: drop the ssh rewrite, so git fetches over https (here: the lab's http) again.
        assert.equal((await c.run(c.sandbox.go, ['clean', '-modcache'])).code, 0);
        await c.apply(fixOf(finding, 'insteadof-remove'));
        assertClean(await c.diagnose({ env }), 'after insteadof-remove (still the unknown key)');
        recorder.proven({ kind: 'applied', fixId: 'insteadof-remove' });
      });

      classIt(go, 'ssh-host-key', `${GIT_LIB.modulePath}: an ssh insteadOf rule, the server's host key not in known_hosts`, async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_LIB.modulePath, 'v1.0.0'), goEnv: PRIVATE_HOSTS });
        const { command, knownHosts } = await viaSsh(c, { key: 'client', knownHosts: 'empty' });
        const env = { ...c.env, GIT_SSH_COMMAND: command('client') };
        const finding = assertFinding(await c.diagnose({ env }), {
          cls: 'ssh-host-key',
          module: GIT_LIB.modulePath,
          line: requireLine(0),
          fixes: ['ssh-known-host'],
        });
        const keyscan = fixOf(finding, 'ssh-known-host');
        assert.deepEqual(
          keyscan.detail.kind === 'command' && keyscan.detail.argv,
          ['ssh-keyscan', '-p', String(gitLab.ssh!.port), '127.0.0.1'],
          'the host and port ssh connected to',
        );
        recorder.classified();
        await appendKeyscan(c, keyscan.detail.kind === 'command' ? keyscan.detail.argv : [], knownHosts);
        assertClean(await c.diagnose({ env }), 'after adding the scanned key to known_hosts');
        recorder.proven({ kind: 'command', fixId: 'ssh-known-host' });
      });

      classIt(go, 'ssh-host-key', "the user's own GIT_SSH_COMMAND without -o BatchMode=yes (Go then adds none), host key unknown", async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_LIB.modulePath, 'v1.0.0'), goEnv: PRIVATE_HOSTS });
        const { command, knownHosts } = await viaSsh(c, { key: 'client', knownHosts: 'empty', batchMode: false });
        const env = { ...c.env, GIT_SSH_COMMAND: command('client') };
        const started = Date.now();
        const report = await c.diagnose({ env, inactivitySeconds: 10 });
        // ssh has no terminal to ask on (go runs in its own session), so it fails at once instead of waiting.
        assert.ok(Date.now() - started < 10_000, 'ssh failed on its own, before the inactivity limit');
        const finding = assertFinding(report, {
          cls: 'ssh-host-key',
          module: GIT_LIB.modulePath,
          line: requireLine(0),
          fixes: ['ssh-known-host', 'ssh-batch-mode'],
        });
        assert.match(finding.message, /GIT_SSH_COMMAND[^.]*BatchMode/);
        recorder.classified();
        recorder.note('no hang: go runs ssh without a terminal, so ssh cannot prompt and fails; the finding says the GIT_SSH_COMMAND lacks BatchMode');
        const keyscan = fixOf(finding, 'ssh-known-host');
        await appendKeyscan(c, keyscan.detail.kind === 'command' ? keyscan.detail.argv : [], knownHosts);
        assertClean(await c.diagnose({ env }), 'after adding the scanned key to known_hosts');
        recorder.proven({ kind: 'command', fixId: 'ssh-known-host' });
      });

      classIt(go, 'repo-not-found', `${LAB_GIT_HOST}/team/lbi.git (a typo): the git server answers 404`, async (recorder) => {
        const c = await openCase(go, { files: requiring(`${LAB_GIT_HOST}/team/lbi.git`, 'v1.0.0'), goEnv: PRIVATE_HOSTS });
        await routeGit(c, allSchemesTo(gitLab.http.baseUrl));
        const finding = assertFinding(await c.diagnose(), {
          cls: 'repo-not-found',
          module: `${LAB_GIT_HOST}/team/lbi.git`,
          line: requireLine(0),
          fixes: ['check-path'],
        });
        assert.match(finding.evidence[0]!, /repository '[^']+\/team\/lbi\/' not found/);
        recorder.classified();
        c.writeGoMod(goModRequiring([{ path: GIT_LIB.modulePath, version: 'v1.0.0' }]));
        assertClean(await c.diagnose(), 'with the path corrected');
        recorder.proven({ kind: 'equivalent', what: 'the module path corrected in go.mod' });
      });

      classIt(go, 'git-failure', 'a corrupt repository in the module cache ($GOMODCACHE/cache/vcs: bad git config)', async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_LIB.modulePath, 'v1.0.0'), goEnv: PRIVATE_HOSTS });
        await routeGit(c, allSchemesTo(gitLab.http.baseUrl));
        assertClean(await c.diagnose(), 'the first download');
        const vcs = path.join(c.sandbox.gomodcache, 'cache', 'vcs');
        const repos = fs.readdirSync(vcs).filter((entry) => fs.statSync(path.join(vcs, entry)).isDirectory());
        assert.equal(repos.length, 1, `one repository in ${vcs}: ${repos.join(', ')}`);
        fs.writeFileSync(path.join(vcs, repos[0]!, 'config'), '[core\n\tbroken = \n');
        c.writeGoMod(goModRequiring([{ path: GIT_LIB.modulePath, version: 'v1.1.0' }]));
        const finding = assertFinding(await c.diagnose(), { cls: 'git-failure', module: GIT_LIB.modulePath, line: requireLine(0), fixes: ['clean-modcache'] });
        assert.match(finding.evidence[0]!, /exit status 128/);
        recorder.classified();
        const clean = fixOf(finding, 'clean-modcache');
        assert.deepEqual(clean.detail.kind === 'command' && clean.detail.argv, ['go', 'clean', '-modcache']);
        assert.equal((await c.run(c.sandbox.go, ['clean', '-modcache'])).code, 0);
        assertClean(await c.diagnose(), 'after go clean -modcache');
        recorder.proven({ kind: 'command', fixId: 'clean-modcache' });
      });

      classIt(go, 'vcs-missing', `${GIT_LIB.modulePath} fetched directly, git not on PATH`, async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_LIB.modulePath, 'v1.0.0'), goEnv: PRIVATE_HOSTS });
        await routeGit(c, allSchemesTo(gitLab.http.baseUrl));
        const finding = assertFinding(await c.diagnose({ env: { ...c.env, PATH: path.dirname(c.sandbox.go) } }), {
          cls: 'vcs-missing',
          module: GIT_LIB.modulePath,
          line: requireLine(0),
          fixes: ['install-git'],
        });
        assert.match(finding.evidence.join('\n'), /missing git command/i, "go's own line, which names no module, is evidence for this one");
        recorder.classified();
        assertClean(await c.diagnose(), 'with git on PATH');
        recorder.proven({ kind: 'equivalent', what: 'git on PATH' });
      });

      classIt(go, 'unknown-revision', `${GIT_LIB.modulePath}@v1.9.9: no such tag`, async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_LIB.modulePath, 'v1.9.9'), goEnv: PRIVATE_HOSTS });
        await routeGit(c, allSchemesTo(gitLab.http.baseUrl));
        const finding = assertFinding(await c.diagnose(), {
          cls: 'unknown-revision',
          module: GIT_LIB.modulePath,
          line: requireLine(0),
          fixes: ['list-versions'],
        });
        assert.match(finding.evidence[0]!, /unknown revision v1\.9\.9/);
        recorder.classified();
        c.writeGoMod(goModRequiring([{ path: GIT_LIB.modulePath, version: 'v1.1.0' }]));
        assertClean(await c.diagnose(), 'with an existing version');
        recorder.proven({ kind: 'equivalent', what: 'an existing version required' });
      });

      classIt(go, 'import-path', `${GIT_VANITY.modulePath}: the vanity host's go-get page has no go-import meta tag`, async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_VANITY.modulePath, 'v1.0.0'), goEnv: PRIVATE_HOSTS, env: internet.env });
        await routeGit(c, allSchemesTo(gitLab.http.baseUrl));
        const finding = assertFinding(await c.diagnose(), { cls: 'import-path', module: GIT_VANITY.modulePath, line: requireLine(0), fixes: ['go-import'] });
        assert.match(finding.evidence[0]!, /no go-import meta tags/);
        recorder.classified();
        goGet.meta.set(GIT_VANITY.modulePath, `https://${LAB_GIT_HOST}/corp/lib`);
        deferCleanup(() => Promise.resolve(void goGet.meta.delete(GIT_VANITY.modulePath)));
        assertClean(await c.diagnose(), 'once the host serves a go-import meta tag');
        recorder.proven({ kind: 'equivalent', what: 'the host serves a go-import meta tag' });
      });

      classIt(go, 'govcs', 'go env -w GOVCS=*:off (no version control at all)', async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_LIB.modulePath, 'v1.0.0'), goEnv: { ...PRIVATE_HOSTS, GOVCS: '*:off' } });
        await routeGit(c, allSchemesTo(gitLab.http.baseUrl));
        const finding = assertFinding(await c.diagnose(), { cls: 'govcs', module: GIT_LIB.modulePath, line: requireLine(0), fixes: ['govcs-allow-git'] });
        const allow = fixOf(finding, 'govcs-allow-git');
        assert.deepEqual(allow.detail.kind === 'go-env' && [allow.detail.variable, allow.detail.value], ['GOVCS', `${LAB_GIT_HOST}:git,*:off`]);
        recorder.classified();
        await c.apply(allow);
        assertClean(await c.diagnose(), 'after govcs-allow-git');
        recorder.proven({ kind: 'applied', fixId: 'govcs-allow-git' });
      });

      classIt(go, 'stall', `${GIT_LIB.modulePath}: the git server accepts the request and never answers; inactivity limit 2 s`, async (recorder) => {
        const c = await openCase(go, { files: requiring(GIT_LIB.modulePath, 'v1.0.0'), goEnv: PRIVATE_HOSTS });
        await routeGit(c, allSchemesTo(gitLab.http.baseUrl));
        gitLab.http.stall(GIT_LIB.name);
        deferCleanup(() => Promise.resolve(gitLab.http.unstall()));
        const finding = assertFinding(await c.diagnose({ inactivitySeconds: 2 }), {
          cls: 'stall',
          module: GIT_LIB.modulePath,
          line: requireLine(0),
          fixes: ['network-check'],
        });
        assert.match(finding.message, /git ls-remote (-q )?\S*https:\/\/git\.lab\.test\/team\/lib is still running/);
        recorder.classified();
        gitLab.http.unstall();
        assertClean(await c.diagnose(), 'once the server answers');
        recorder.proven({ kind: 'equivalent', what: 'the server answers again (no setting makes a hanging server answer)' });
      });
    });
  }
});

/** Runs the ssh-keyscan the finding names and appends what it prints to the known_hosts file ssh uses. */
async function appendKeyscan(c: ClassCase, argv: string[], knownHosts: string): Promise<void> {
  assert.equal(argv[0], 'ssh-keyscan');
  const scanned = await c.run(argv[0], argv.slice(1));
  assert.equal(scanned.code, 0, scanned.stderr);
  assert.match(scanned.stdout, /^\[127\.0\.0\.1\]:\d+ ssh-ed25519 /m);
  fs.appendFileSync(knownHosts, scanned.stdout);
}
