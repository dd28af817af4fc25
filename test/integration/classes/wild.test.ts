// Failure families users meet in the wild, each reproduced for real: a GitLab-like forge whose
// go-get page names only the first two path elements of a project in a nested group unless go
// sends credentials, a proxy that serves a source archive as the module zip, a module cache on a
// read-only mount, and go-import tags naming version control tools that are not installed.
//
// The last block holds families the product named wrong until the lab reproduced them (a file://
// GOPROXY without the module, GOAUTH values go refuses, GOAUTH=off with a 401, a redirect loop, a
// `.hg`/`.svn`/`.bzr` path without its tool), and one it still does not name right (Subversion
// missing behind a go-import tag), pinned to what the real go prints.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestCa, type TestCa } from '../../lab/certificates';
import { startAuthFront } from '../../lab/classServers';
import {
  assertClean,
  assertFinding,
  classIt,
  deferCleanup,
  disposeCases,
  fixOf,
  GIT_CREDENTIALS,
  gitGoSum,
  goModRequiring,
  goSumFor,
  openCase,
  requireLine,
  sharedDir,
  startLabInternet,
  writeWrappers,
  type ClassCase,
  type LabInternet,
} from '../../lab/classScenarios';
import { GITLAB_NOT_FOUND, startForge, type Forge, type ForgeProject } from '../../lab/forge';
import { git } from '../../lab/gitRepos';
import { goVersionsUnderTest, type GoUnderTest } from '../../lab/goVersions';
import { ModuleProxy } from '../../lab/moduleProxy';
import { HEALTHY, OTHER } from '../../lab/scenarios';
import { startTlsModuleProxy } from '../../lab/tlsModuleProxy';
import { archiveEntryName, startArchiveProxy, startRedirectLoop, startVcsGoGetHost, type VcsGoGetHost } from '../../lab/wildServers';

const { gos } = goVersionsUnderTest();

/** A self-hosted GitLab: forgeOf() knows the `gitlab.` prefix, as it knows gitlab.example.com. */
const FORGE_HOST = 'gitlab.lab.test';
/** A company host whose go-import tags name Mercurial, Subversion, Bazaar and Fossil repositories. */
const VCS_HOST = 'code.lab.test';
const libFiles = (tag: string) => ({ 'lib.go': `package lib\n\n// ${tag}\n` });
const PROJECTS: ForgeProject[] = [
  { path: 'group/subgroup/private', visibility: 'private', tags: { 'v1.0.0': libFiles('v1.0.0') } },
  // Its go.mod declares the path with .git: the usual way around the go-get answer for nested groups.
  { path: 'group/subgroup/tool', visibility: 'private', modulePath: `${FORGE_HOST}/group/subgroup/tool.git`, tags: { 'v1.0.0': libFiles('v1.0.0') } },
  { path: 'group/subgroup/public', visibility: 'public', tags: { 'v1.0.0': libFiles('v1.0.0') } },
];
/** The VCS tools a go-import tag can name besides git, as go names them in its errors. */
const VCS_TOOLS = [
  { cmd: 'hg', name: /Mercurial/ },
  { cmd: 'bzr', name: /Bazaar/ },
  { cmd: 'fossil', name: /Fossil/ },
];

describe('failure classes: in the wild', function () {
  this.timeout(120_000);
  let shared: Awaited<ReturnType<typeof sharedDir>>;
  let ca: TestCa;
  let lab: ModuleProxy;
  let forge: Forge;
  let vcsHost: VcsGoGetHost;
  let internet: LabInternet;

  before(async () => {
    shared = await sharedDir();
    ca = await createTestCa(path.join(shared.dir, 'ca'));
    lab = await ModuleProxy.start({ modules: [HEALTHY, OTHER] });
    forge = await startForge(ca, { host: FORGE_HOST, projects: PROJECTS, credentials: GIT_CREDENTIALS });
    vcsHost = await startVcsGoGetHost(ca, VCS_HOST);
    for (const cmd of ['hg', 'svn', 'bzr', 'fossil']) vcsHost.meta.set(`${VCS_HOST}/${cmd}/lib`, [cmd, `https://${VCS_HOST}/${cmd}/lib`]);
    internet = await startLabInternet(ca, {
      modules: [HEALTHY, OTHER],
      routes: { [`${FORGE_HOST}:443`]: forge.port, [`${VCS_HOST}:443`]: vcsHost.port },
    });
  });

  after(async () => {
    await internet?.close();
    await vcsHost?.close();
    await forge?.close();
    await lab?.close();
    await shared?.cleanup();
  });

  afterEach(disposeCases);

  /**
   * A workspace requiring a forge module (GOPRIVATE: fetched directly, as a company sets it for its
   * GitLab). go and git reach the forge under its name through the lab's forward proxy, and trust
   * the lab CA (SSL_CERT_FILE for go, GIT_SSL_CAINFO for git). With gitHelper, git has the
   * credentials from a credential helper — which go never asks for its go-get request.
   */
  async function forgeCase(go: GoUnderTest, modulePath: string, options: { gitHelper: boolean; goSum?: string }): Promise<ClassCase> {
    const c = await openCase(go, {
      files: { 'go.mod': goModRequiring([{ path: modulePath, version: 'v1.0.0' }]), ...(options.goSum ? { 'go.sum': options.goSum } : {}) },
      goEnv: { GOPRIVATE: FORGE_HOST },
      env: { ...internet.env, GIT_SSL_CAINFO: ca.certPath },
    });
    if (options.gitHelper) {
      const store = path.join(c.sandbox.dir, 'git-credentials');
      fs.writeFileSync(store, `https://${GIT_CREDENTIALS.user}:${GIT_CREDENTIALS.password}@${FORGE_HOST}\n`, { mode: 0o600 });
      await git(['config', '--file', c.sandbox.gitConfigGlobal, 'credential.helper', `store --file=${store}`]);
    }
    forge.requests.splice(0);
    return c;
  }

  /** What goget-credentials says to do: one ~/.netrc line for the forge (go sends it with go-get; git's curl reads it too). */
  function writeForgeNetrc(c: ClassCase): void {
    fs.writeFileSync(path.join(c.sandbox.home, '.netrc'), `machine ${FORGE_HOST} login ${GIT_CREDENTIALS.user} password ${GIT_CREDENTIALS.password}\n`, {
      mode: 0o600,
    });
  }

  const goGets = () => forge.requests.filter((request) => request.kind === 'go-get');
  const forgeModule = (projectPath: string) => forge.modulePathOf(projectPath);
  const forgeGoSum = (projectPath: string) => gitGoSum(forge.specOf(projectPath), 'v1.0.0');

  for (const go of gos) {
    describe(`with ${go.version}`, () => {
      // ---- a GitLab-like forge, projects in nested groups ---------------------------------------

      classIt(
        go,
        'repo-not-found',
        `${FORGE_HOST}/group/subgroup/private (a private project in a nested group): go's anonymous go-get gets "${FORGE_HOST}/group/subgroup git …", git (credentials from a helper) gets 404 "The project you were looking for could not be found"`,
        async (recorder) => {
          const module = forgeModule('group/subgroup/private');
          const c = await forgeCase(go, module, { gitHelper: true, goSum: forgeGoSum('group/subgroup/private') });
          const finding = assertFinding(await c.diagnose(), {
            cls: 'repo-not-found',
            module,
            line: requireLine(0),
            fixes: ['goget-credentials', 'vcs-suffix-path', 'git-credentials'],
          });
          assert.ok(finding.evidence[0]!.includes(`remote: ${GITLAB_NOT_FOUND}`), `git's words from the forge: ${finding.evidence[0]}`);
          assert.match(finding.evidence[0]!, /fatal: repository 'https:\/\/gitlab\.lab\.test\/group\/subgroup\.git\/' not found/);
          assert.ok(
            goGets().some((request) => request.user === null && request.importPrefix === `${FORGE_HOST}/group/subgroup`),
            `the forge answered go's anonymous go-get with the group: ${JSON.stringify(goGets())}`,
          );
          const doc = fixOf(finding, 'goget-credentials');
          assert.ok(
            doc.detail.kind === 'doc' && doc.detail.text.includes(`machine ${FORGE_HOST} login`),
            `names the netrc machine: ${JSON.stringify(doc.detail)}`,
          );
          assert.match(finding.message, /first two path elements/);
          recorder.classified();
          writeForgeNetrc(c);
          forge.requests.splice(0);
          assertClean(await c.diagnose(), 'with ~/.netrc');
          assert.ok(
            goGets().some((request) => request.user === GIT_CREDENTIALS.user && request.importPrefix === module),
            `go sent the credentials and the forge named the project: ${JSON.stringify(goGets())}`,
          );
          recorder.proven({
            kind: 'equivalent',
            what: `a ~/.netrc line for ${FORGE_HOST}, which go sends with its go-get request (credentials never go through a fix)`,
          });
        },
      );

      classIt(
        go,
        'repo-not-found',
        `${FORGE_HOST}/group/subgroup/tool, a project whose go.mod declares the path ending in .git, required without it: the same anonymous go-get answer`,
        async (recorder) => {
          const module = `${FORGE_HOST}/group/subgroup/tool`;
          const c = await forgeCase(go, module, { gitHelper: true });
          const finding = assertFinding(await c.diagnose(), {
            cls: 'repo-not-found',
            module,
            line: requireLine(0),
            fixes: ['goget-credentials', 'vcs-suffix-path', 'git-credentials'],
          });
          assert.ok(finding.evidence[0]!.includes(`remote: ${GITLAB_NOT_FOUND}`), `git's words from the forge: ${finding.evidence[0]}`);
          const suffix = fixOf(finding, 'vcs-suffix-path');
          assert.ok(suffix.detail.kind === 'doc' && suffix.detail.text.includes(`${module}.git`), `names the path with .git: ${JSON.stringify(suffix.detail)}`);
          recorder.classified();
          // What the fix says: require the path ending in .git (the module's go.mod declares it).
          const withSuffix = forgeModule('group/subgroup/tool');
          assert.equal(withSuffix, `${module}.git`);
          c.writeGoMod(goModRequiring([{ path: withSuffix, version: 'v1.0.0' }]));
          fs.writeFileSync(path.join(c.root, 'go.sum'), forgeGoSum('group/subgroup/tool'));
          forge.requests.splice(0);
          assertClean(await c.diagnose(), 'requiring the path ending in .git');
          assert.deepEqual(goGets(), [], 'go asked no go-get page for a path that names the repository');
          recorder.proven({ kind: 'equivalent', what: 'the module required by its path ending in .git, which its go.mod declares: go asks no go-get page' });
        },
      );

      classIt(
        go,
        'git-auth',
        `${FORGE_HOST}/group/subgroup/private with no credentials at all: the anonymous go-get names the group, git gets 401 for group/subgroup.git`,
        async (recorder) => {
          const module = forgeModule('group/subgroup/private');
          const c = await forgeCase(go, module, { gitHelper: false, goSum: forgeGoSum('group/subgroup/private') });
          const finding = assertFinding(await c.diagnose(), {
            cls: 'git-auth',
            module,
            line: requireLine(0),
            fixes: ['goget-credentials', 'git-credentials', 'insteadof-ssh-add'],
          });
          assert.match(finding.evidence[0]!, /could not read Username for 'https:\/\/gitlab\.lab\.test': terminal prompts disabled/);
          assert.ok(
            forge.requests.some((request) => request.kind === 'git' && request.url.startsWith('/group/subgroup.git/info/refs') && request.status === 401),
            `git asked the forge for group/subgroup.git: ${JSON.stringify(forge.requests)}`,
          );
          recorder.classified();
          writeForgeNetrc(c);
          forge.requests.splice(0);
          assertClean(await c.diagnose(), 'with ~/.netrc');
          assert.ok(
            forge.requests.some((request) => request.kind === 'git' && request.user === GIT_CREDENTIALS.user && request.status === 200),
            'git sent the ~/.netrc credentials too',
          );
          recorder.proven({ kind: 'equivalent', what: `one ~/.netrc line for ${FORGE_HOST}: go sends it with go-get, git's curl reads it` });
        },
      );

      classIt(
        go,
        'git-auth',
        `${FORGE_HOST}/group/subgroup/public (a public project) on a forge that answers every anonymous nested go-get with the group (it resolves no nested path for anonymous clients)`,
        async (recorder) => {
          forge.anonymousGoGet = 'prefix';
          deferCleanup(() => Promise.resolve(void (forge.anonymousGoGet = 'gitlab')));
          const module = forgeModule('group/subgroup/public');
          const c = await forgeCase(go, module, { gitHelper: false, goSum: forgeGoSum('group/subgroup/public') });
          const finding = assertFinding(await c.diagnose(), {
            cls: 'git-auth',
            module,
            line: requireLine(0),
            fixes: ['goget-credentials', 'git-credentials', 'insteadof-ssh-add'],
          });
          assert.match(finding.evidence[0]!, /could not read Username for 'https:\/\/gitlab\.lab\.test': terminal prompts disabled/);
          assert.ok(
            goGets().some((request) => request.user === null && request.importPrefix === `${FORGE_HOST}/group/subgroup`),
            `the forge answered go's anonymous go-get for a public project with the group: ${JSON.stringify(goGets())}`,
          );
          recorder.classified();
          writeForgeNetrc(c);
          forge.requests.splice(0);
          assertClean(await c.diagnose(), 'with ~/.netrc');
          assert.ok(
            goGets().some((request) => request.user === GIT_CREDENTIALS.user && request.importPrefix === module),
            `the forge named the project to go once it sent credentials: ${JSON.stringify(goGets())}`,
          );
          recorder.proven({ kind: 'equivalent', what: `a ~/.netrc line for ${FORGE_HOST}, which go sends with its go-get request` });
        },
      );

      it(`the forge's public project in a nested group downloads without credentials (today's GitLab names it to anyone)`, async () => {
        const module = forgeModule('group/subgroup/public');
        const c = await forgeCase(go, module, { gitHelper: false, goSum: forgeGoSum('group/subgroup/public') });
        assertClean(await c.diagnose(), 'a public project');
        assert.ok(
          goGets().some((request) => request.user === null && request.importPrefix === module),
          `the anonymous go-get named the project: ${JSON.stringify(goGets())}`,
        );
      });

      // ---- a proxy that serves a source archive as the module zip -------------------------------

      classIt(
        go,
        'proxy-server-error',
        'GOPROXY=<a proxy whose zip is a source archive: files under tool-0.4.1/, not example.com/!other/tool@v0.4.1/>',
        async (recorder) => {
          const archive = await startArchiveProxy(lab, OTHER);
          deferCleanup(archive.close);
          const c = await openCase(go, {
            files: { 'go.mod': goModRequiring([HEALTHY, OTHER]), 'go.sum': goSumFor(lab, [HEALTHY, OTHER]) },
            goEnv: { GOPROXY: archive.url },
            env: internet.env,
          });
          const expected = { cls: 'proxy-server-error' as const, module: OTHER.path, line: requireLine(1), fixes: ['goproxy-default'] };
          const finding = assertFinding(await c.diagnose(), expected);
          assert.ok(
            finding.evidence[0]!.includes(`zip for ${OTHER.path}@${OTHER.version} has unexpected file ${archiveEntryName(OTHER, 'go.mod')}`),
            `go's words: ${finding.evidence[0]}`,
          );
          assert.ok(archive.archivesServed.length > 0, 'the proxy served the archive');
          recorder.classified();
          // The proxy's fault, not the cache's: after go clean -modcache the same proxy fails the same way.
          assert.equal((await c.run(c.sandbox.go, ['clean', '-modcache'])).code, 0);
          assertFinding(await c.diagnose(), expected);
          recorder.note('go clean -modcache does not help (asserted): the same finding after it');
          await c.apply(fixOf(finding, 'goproxy-default'));
          assertClean(await c.diagnose(), "after goproxy-default (the lab's stand-in for proxy.golang.org)");
          recorder.proven({ kind: 'applied', fixId: 'goproxy-default' });
        },
      );

      // ---- a module cache nobody may write ------------------------------------------------------

      classIt(
        go,
        'module-cache',
        'GOMODCACHE pre-filled, then mounted read-only (a cache baked into a container image); go.mod now needs a module it lacks',
        async (recorder) => {
          const c = await openCase(go, { files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) }, goEnv: { GOPROXY: lab.url } });
          // The cache comes from GOPATH, not from the environment, so `go env -w GOMODCACHE` can move it.
          const { GOMODCACHE: _fromSandbox, ...env } = c.env;
          assertClean(await c.diagnose({ env }), 'filling the cache');
          writeWrappers(c.sandbox, { readOnly: [c.sandbox.gomodcache] });
          c.writeGoMod(goModRequiring([HEALTHY, OTHER]));
          fs.writeFileSync(path.join(c.root, 'go.sum'), goSumFor(lab, [HEALTHY, OTHER]));
          const finding = assertFinding(await c.diagnose({ env }), {
            cls: 'module-cache',
            module: OTHER.path,
            line: requireLine(1),
            fixes: ['modcache-writable'],
          });
          assert.match(finding.evidence.join('\n'), /read-only file system/);
          assert.match(finding.message, /not writable/);
          const doc = fixOf(finding, 'modcache-writable');
          assert.ok(
            doc.detail.kind === 'doc' && doc.detail.text.includes('go env -w GOMODCACHE='),
            `names the way to another cache: ${JSON.stringify(doc.detail)}`,
          );
          recorder.classified();
          const other = path.join(c.sandbox.dir, 'other-modcache');
          const moved = await c.run(c.sandbox.go, ['env', '-w', `GOMODCACHE=${other}`], { env });
          assert.equal(moved.code, 0, moved.stderr);
          assertClean(await c.diagnose({ env }), 'with GOMODCACHE moved to a writable folder');
          assert.ok(
            fs.existsSync(path.join(other, 'cache', 'download', 'example.com', '!other', 'tool', '@v', 'v0.4.1.zip')),
            'the new cache holds the module',
          );
          recorder.proven({ kind: 'equivalent', what: 'go env -w GOMODCACHE=<a writable folder>, as the fix says (the read-only mount stays)' });
        },
      );

      // ---- a go-import tag naming a VCS that is not installed -----------------------------------

      for (const tool of VCS_TOOLS) {
        const module = `${VCS_HOST}/${tool.cmd}/lib`;
        classIt(go, 'vcs-missing', `${module}: the go-import tag names ${tool.cmd}, which is not on PATH`, async (recorder) => {
          const c = await openCase(go, {
            files: { 'go.mod': goModRequiring([{ path: module, version: 'v1.0.0' }]) },
            // GOVCS lets public modules use git and hg only: a private host may use any tool.
            goEnv: { GOPRIVATE: VCS_HOST },
            env: internet.env,
          });
          // PATH: the wrappers (go, git) and go's folder, nothing else: the tool is missing on any machine.
          const env = { ...c.env, PATH: `${path.dirname(c.goTool)}:${path.dirname(go.bin)}` };
          const finding = assertFinding(await c.diagnose({ env }), { cls: 'vcs-missing', module, line: requireLine(0), fixes: ['install-vcs'] });
          assert.ok(finding.evidence[0]!.includes(`exec: "${tool.cmd}": executable file not found in $PATH`), `go's words: ${finding.evidence[0]}`);
          assert.match(finding.message, tool.name, 'the message names the tool');
          assert.match(fixOf(finding, 'install-vcs').title, tool.name, 'the fix names the tool');
          assert.ok(vcsHost.requests.includes(`/${tool.cmd}/lib?go-get=1`), 'go read the go-import tag');
          recorder.classified();
          recorder.noFix(`not proven: installing ${tool.cmd} is out of scope for the lab (no repository of that kind to fetch either)`);
        });
      }
    });
  }

  // ---- families that were named wrong until the lab reproduced them --------------------------------

  for (const go of gos) {
    describe(`with ${go.version}: offline proxies, GOAUTH, redirect loops, VCS paths`, () => {
      classIt(go, 'proxy-not-found', 'GOPROXY=file://$GOMODCACHE/cache/download (an offline build) lacks a module go.mod needs', async (recorder) => {
        const c = await openCase(go, { files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) }, goEnv: { GOPROXY: lab.url } });
        assertClean(await c.diagnose(), 'filling the cache');
        const fileProxy = `file://${c.sandbox.gomodcache}/cache/download`;
        fs.writeFileSync(c.sandbox.goenvFile, `GOPROXY=${fileProxy}\n`);
        c.writeGoMod(goModRequiring([HEALTHY, OTHER]));
        fs.writeFileSync(path.join(c.root, 'go.sum'), goSumFor(lab, [HEALTHY, OTHER]));
        const finding = assertFinding(await c.diagnose(), {
          cls: 'proxy-not-found',
          module: OTHER.path,
          line: requireLine(1),
          fixes: ['goproxy-append-direct'],
        });
        assert.ok(
          finding.evidence[0]!.includes(`reading ${fileProxy}/example.com/%21other/tool/@v/${OTHER.version}.mod: no such file or directory`),
          `go's words: ${finding.evidence[0]}`,
        );
        assert.ok(finding.message.includes(`(${fileProxy})`), `names the folder: ${finding.message}`);
        recorder.classified();
        // A file:// entry that lacks the module is "not found": "," falls through to the next entry.
        fs.writeFileSync(c.sandbox.goenvFile, `GOPROXY=${fileProxy},${lab.url}\n`);
        assertClean(await c.diagnose(), 'with the lab proxy after the file:// entry');
        recorder.proven({ kind: 'equivalent', what: 'another entry after the file:// one (the lab proxy standing in for ",direct"): "," falls through on it' });
      });

      it('GOAUTH="off;netrc" and GOAUTH=";netrc" (values go refuses): env-conflict, and go env -u GOAUTH makes it clean', async () => {
        const tls = await startTlsModuleProxy(ca, { mode: 'trusted', modules: [HEALTHY] });
        deferCleanup(() => tls.close());
        for (const [goauth, words] of [
          ['off;netrc', 'go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)'],
          [';netrc', 'go: GOAUTH encountered an empty command (GOAUTH=;netrc)'],
        ] as const) {
          const c = await openCase(go, {
            files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(tls, [HEALTHY]) },
            goEnv: { GOPROXY: tls.url, GOAUTH: goauth },
            env: { SSL_CERT_FILE: ca.certPath },
          });
          if (go.minor < 24) {
            // Go before 1.24 has no GOAUTH: it ignores the variable and downloads.
            assertClean(await c.diagnose(), `${go.version} ignores GOAUTH=${goauth}`);
            continue;
          }
          const finding = assertFinding(await c.diagnose(), { cls: 'env-conflict', module: null, line: 1, fixes: ['goauth-unset', 'goauth-value'] });
          assert.ok(finding.evidence[0]!.includes(words), `go's words: ${finding.evidence.join('\n')}`);
          assert.ok(finding.message.includes(`GOAUTH ("${goauth}")`), finding.message);
          await c.apply(fixOf(finding, 'goauth-unset'));
          assertClean(await c.diagnose(), `after go env -u GOAUTH (was ${goauth})`);
        }
      });

      it('GOAUTH=off, the ~/.netrc line for the proxy present, the proxy answers 401: says GOAUTH=off sends nothing, and unsetting it works', async () => {
        const front = await startAuthFront(ca, { upstreamPort: Number(new URL(lab.url).port), user: 'lab-user', password: 's3cret' });
        deferCleanup(front.close);
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: front.url, GOAUTH: 'off' },
          env: { SSL_CERT_FILE: ca.certPath },
        });
        fs.writeFileSync(path.join(c.sandbox.home, '.netrc'), `machine 127.0.0.1:${front.port} login lab-user password s3cret\n`, { mode: 0o600 });
        if (go.minor < 24) {
          assertClean(await c.diagnose(), `${go.version} ignores GOAUTH and reads ~/.netrc`);
          assert.ok(front.users.includes('lab-user'), 'go sent the ~/.netrc credentials');
          return;
        }
        const finding = assertFinding(await c.diagnose(), {
          cls: 'proxy-auth',
          module: HEALTHY.path,
          line: requireLine(0),
          fixes: ['goauth-unset', 'proxy-credentials'],
        });
        assert.match(finding.message, /GOAUTH=off keeps go from sending any credentials/);
        assert.ok(!front.users.includes('lab-user'), 'GOAUTH=off: go never sent the ~/.netrc credentials');
        await c.apply(fixOf(finding, 'goauth-unset'));
        assertClean(await c.diagnose(), 'after go env -u GOAUTH');
        assert.ok(front.users.includes('lab-user'), 'go sent the ~/.netrc credentials');
      });

      classIt(go, 'proxy-server-error', 'GOPROXY="<a proxy redirecting to itself>,<lab proxy>": stopped after 10 redirects', async (recorder) => {
        const loop = await startRedirectLoop(ca);
        deferCleanup(loop.close);
        const next = await ModuleProxy.start({ modules: [HEALTHY] });
        deferCleanup(() => next.close());
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: `${loop.url},${next.url}` },
          env: { SSL_CERT_FILE: ca.certPath },
        });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'proxy-server-error',
          module: HEALTHY.path,
          line: requireLine(0),
          fixes: ['goproxy-fallthrough', 'goproxy-default'],
        });
        assert.ok(
          finding.evidence[0]!.includes(`Get "${loop.url}/example.com/healthy/@v/v1.0.0.mod": stopped after 10 redirects`),
          `go's words: ${finding.evidence[0]}`,
        );
        assert.match(finding.message, /redirects in a loop/);
        assert.ok(loop.hits >= 10, `the loop answered ${loop.hits} requests`);
        assert.deepEqual(next.requests, [], '"," does not fall through on a redirect loop');
        recorder.classified();
        await c.apply(fixOf(finding, 'goproxy-fallthrough'));
        assertClean(await c.diagnose(), '"|" falls through to the next proxy');
        recorder.proven({ kind: 'applied', fixId: 'goproxy-fallthrough' });
      });

      classIt(go, 'module-content', 'a proxy serving a version whose zip holds a file named "a☺b.go" (go refuses to extract it)', async (recorder) => {
        const good = { path: 'example.com/content', version: 'v1.0.0' };
        const bad = { path: 'example.com/content', version: 'v1.1.0', files: { 'lib.go': 'package content\n', 'testdata/a☺b.go': 'package content\n' } };
        const proxy = await ModuleProxy.start({ modules: [good, bad] });
        deferCleanup(() => proxy.close());
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([bad]), 'go.sum': goSumFor(proxy, [good, bad]) },
          goEnv: { GOPROXY: proxy.url },
        });
        const finding = assertFinding(await c.diagnose(), { cls: 'module-content', module: bad.path, line: requireLine(0), fixes: ['list-versions'] });
        assert.match(finding.evidence.join('\n'), /malformed file path "testdata\/a☺b\.go": invalid char '☺'/);
        recorder.classified();
        assert.equal((await c.run(c.sandbox.go, ['clean', '-modcache'])).code, 0);
        assertFinding(await c.diagnose(), { cls: 'module-content', module: bad.path, line: requireLine(0), fixes: ['list-versions'] });
        recorder.note('go clean -modcache does not help (asserted): the same finding after it');
        c.writeGoMod(goModRequiring([good]));
        assertClean(await c.diagnose(), `requiring ${good.version}`);
        recorder.proven({ kind: 'equivalent', what: 'another version required (go list -m -versions lists them)' });
      });

      it('GOPRIVATE=github.com (too broad): a public github.com module goes to git, which cannot reach github.com; the pattern is named first', async () => {
        const widget = { path: 'github.com/lab-org/widget', version: 'v1.0.0' };
        const proxy = await ModuleProxy.start({ modules: [widget] });
        deferCleanup(() => proxy.close());
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([widget]), 'go.sum': goSumFor(proxy, [widget]) },
          goEnv: { GOPROXY: proxy.url, GOPRIVATE: 'github.com' },
        });
        const report = await c.diagnose();
        const finding = report.findings.find((candidate) => candidate.module === widget.path);
        assert.ok(finding, JSON.stringify(report.findings.map((f) => [f.class, f.module, f.evidence[0]])));
        assert.equal(finding.fixes[0]?.id, 'goprivate-narrow', JSON.stringify(finding.fixes.map((f) => f.id)));
        assert.ok(finding.message.startsWith('GOPRIVATE has "github.com"'), finding.message);
        assert.ok(!finding.fixes.some((planned) => planned.id === 'goprivate-add'), 'no more GOPRIVATE for it');
        assert.deepEqual(proxy.requests, [], 'go never asked the proxy');
        await c.apply(fixOf(finding, 'goprivate-narrow'));
        assertClean(await c.diagnose(), 'with github.com out of GOPRIVATE: the proxy serves it');
      });

      for (const [cmd, name] of [
        ['hg', 'Mercurial'],
        ['svn', 'Subversion'],
        ['bzr', 'Bazaar'],
      ] as const) {
        const module = `${VCS_HOST}/${cmd}/lib.${cmd}`;
        classIt(go, 'vcs-missing', `${module} (a path naming the VCS) without ${cmd}: go says "missing ${name} command"`, async (recorder) => {
          const c = await openCase(go, { files: { 'go.mod': goModRequiring([{ path: module, version: 'v1.0.0' }]) }, goEnv: { GOPRIVATE: VCS_HOST } });
          const env = { ...c.env, PATH: `${path.dirname(c.goTool)}:${path.dirname(go.bin)}` };
          const finding = assertFinding(await c.diagnose({ env }), { cls: 'vcs-missing', module, line: requireLine(0), fixes: ['install-vcs'] });
          assert.ok(finding.evidence.join('\n').includes(`go: missing ${name} command. See https://golang.org/s/gogetcmd`), finding.evidence.join('\n'));
          assert.match(finding.message, new RegExp(name));
          recorder.classified();
          recorder.noFix(`not proven: installing ${cmd} is out of scope for the lab (no repository of that kind to fetch either)`);
        });
      }

      // go hides Subversion's absence behind "unknown revision"; its -x trace shows the svn command it
      // ran, and the engine finds svn cannot be started.
      classIt(go, 'vcs-missing', `${VCS_HOST}/svn/lib: the go-import tag names svn, which is not on PATH (go says "unknown revision")`, async (recorder) => {
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([{ path: `${VCS_HOST}/svn/lib`, version: 'v1.0.0' }]) },
          goEnv: { GOPRIVATE: VCS_HOST },
          env: internet.env,
        });
        const env = { ...c.env, PATH: `${path.dirname(c.goTool)}:${path.dirname(go.bin)}` };
        const finding = assertFinding(await c.diagnose({ env }), {
          cls: 'vcs-missing',
          module: `${VCS_HOST}/svn/lib`,
          line: requireLine(0),
          fixes: ['install-vcs'],
        });
        assert.ok(
          finding.evidence[0]!.includes(`reading ${VCS_HOST}/svn/lib/go.mod at revision v1.0.0: unknown revision v1.0.0`),
          `go's words: ${finding.evidence[0]}`,
        );
        assert.match(finding.message, /Subversion/);
        recorder.classified();
        recorder.noFix('not proven: installing svn is out of scope for the lab (no Subversion repository to fetch either)');
      });
    });
  }
});
