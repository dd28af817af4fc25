// Failure classes of the module proxy and the checksum database: a module no entry has, a proxy
// that wants credentials or fails, a GOPROXY Go cannot use, a private module the public checksum
// database does not know, a checksum database out of reach, and code that does not match go.sum.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatReportText, redactReport } from '../../../src/core/report';
import { FixError } from '../../../src/engine/applyFix';
import { createTestCa, type TestCa } from '../../lab/certificates';
import { startAuthFront } from '../../lab/classServers';
import {
  allSchemesTo,
  assertClean,
  assertFinding,
  classIt,
  deferCleanup,
  disposeCases,
  fixOf,
  GIT_LIB,
  gitGoSum,
  goModRequiring,
  goSumFor,
  openCase,
  requireLine,
  routeGit,
  sharedDir,
  startGitLab,
  startLabInternet,
  type GitLab,
  type LabInternet,
} from '../../lab/classScenarios';
import { goVersionsUnderTest } from '../../lab/goVersions';
import { ModuleProxy } from '../../lab/moduleProxy';
import { startTlsModuleProxy } from '../../lab/tlsModuleProxy';
import { HEALTHY, OTHER, PRIVATE } from '../../lab/scenarios';

const { gos } = goVersionsUnderTest();
const PROXY_USER = { user: 'lab-user', password: 's3cret' };
/** A module on a public host, in two versions: a proxy may refuse one of them. */
const WIDGET_OLD = { path: 'github.com/lab-org/widget', version: 'v1.0.0' };
const WIDGET_NEW = { path: 'github.com/lab-org/widget', version: 'v1.1.0' };

describe('failure classes: module proxy and checksum database', function () {
  this.timeout(120_000);
  let shared: Awaited<ReturnType<typeof sharedDir>>;
  let ca: TestCa;
  let lab: ModuleProxy;
  let internet: LabInternet;
  let gitLab: GitLab;

  before(async () => {
    shared = await sharedDir();
    ca = await createTestCa(path.join(shared.dir, 'ca'));
    lab = await ModuleProxy.start({ modules: [HEALTHY, OTHER, PRIVATE], sumdb: { mode: 'not-found' } });
    internet = await startLabInternet(ca, { modules: [HEALTHY, OTHER] });
    gitLab = await startGitLab({ ssh: false });
  });

  after(async () => {
    await gitLab?.close();
    await internet?.close();
    await lab?.close();
    await shared?.cleanup();
  });

  afterEach(disposeCases);

  for (const go of gos) {
    describe(`with ${go.version}`, () => {
      classIt(go, 'proxy-not-found', 'GOPROXY=<lab proxy> without ",direct"; the proxy answers 404 for a module only its git host has', async (recorder) => {
        const files = {
          'go.mod': goModRequiring([HEALTHY, { path: GIT_LIB.modulePath, version: 'v1.0.0' }]),
          'go.sum': goSumFor(lab, [HEALTHY]) + gitGoSum(GIT_LIB, 'v1.0.0'),
        };
        const c = await openCase(go, { files, goEnv: { GOPROXY: lab.url } });
        await routeGit(c, allSchemesTo(gitLab.http.baseUrl));
        const finding = assertFinding(await c.diagnose(), {
          cls: 'proxy-not-found',
          module: GIT_LIB.modulePath,
          line: requireLine(1),
          // The proxy knows no version of it (go list -m -versions: its list is 404 too): the path to check, not versions to list.
          fixes: ['goproxy-append-direct', 'goprivate-add', 'check-path'],
        });
        assert.match(finding.message, /404/);
        assert.match(finding.message, /knows no version of git\.lab\.test\/team\/lib\.git/);
        recorder.classified();
        await c.apply(fixOf(finding, 'goproxy-append-direct'));
        assertClean(await c.diagnose(), 'after goproxy-append-direct');
        recorder.proven({ kind: 'applied', fixId: 'goproxy-append-direct' });
      });

      classIt(go, 'proxy-auth', 'GOPROXY=https://127.0.0.1:<port> answering 401 without basic auth', async (recorder) => {
        const front = await startAuthFront(ca, { upstreamPort: Number(new URL(lab.url).port), ...PROXY_USER });
        deferCleanup(front.close);
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: front.url },
          env: { SSL_CERT_FILE: ca.certPath },
        });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'proxy-auth',
          module: HEALTHY.path,
          line: requireLine(0),
          fixes: ['proxy-credentials', 'goprivate-add'],
        });
        const doc = fixOf(finding, 'proxy-credentials');
        assert.ok(
          doc.detail.kind === 'doc' && doc.detail.text.includes(`machine 127.0.0.1:${front.port} `),
          `the doc names the netrc machine Go matches: ${JSON.stringify(doc.detail)}`,
        );
        recorder.classified();
        // What the doc says, done in the sandbox: a ~/.netrc line (credentials never go through a fix).
        fs.writeFileSync(path.join(c.sandbox.home, '.netrc'), `machine 127.0.0.1:${front.port} login ${PROXY_USER.user} password ${PROXY_USER.password}\n`, {
          mode: 0o600,
        });
        assertClean(await c.diagnose(), 'with ~/.netrc');
        assert.ok(front.users.includes(PROXY_USER.user), 'go sent the credentials from ~/.netrc');
        recorder.proven({ kind: 'equivalent', what: 'a ~/.netrc line for the proxy, as the finding says' });
      });

      classIt(
        go,
        'proxy-refused',
        `GOPROXY=<a curating proxy answering 403 "blocked by policy" for ${WIDGET_NEW.path}@${WIDGET_NEW.version}>, a public github.com module`,
        async (recorder) => {
          const curated = await ModuleProxy.start({ modules: [WIDGET_OLD, WIDGET_NEW] });
          deferCleanup(() => curated.close());
          const policy = `Package ${WIDGET_NEW.path}:${WIDGET_NEW.version} download was blocked by the curation service: policy block-critical-cve violated`;
          curated.addFault({ module: WIDGET_NEW.path, version: WIDGET_NEW.version, fault: { kind: 'status', status: 403, body: policy } });
          const c = await openCase(go, {
            files: { 'go.mod': goModRequiring([WIDGET_NEW]), 'go.sum': goSumFor(curated, [WIDGET_OLD, WIDGET_NEW]) },
            goEnv: { GOPROXY: curated.url },
          });
          const finding = assertFinding(await c.diagnose(), {
            cls: 'proxy-refused',
            module: WIDGET_NEW.path,
            line: requireLine(0),
            fixes: ['proxy-refuses-version', 'list-versions'],
          });
          assert.ok(finding.message.includes('block-critical-cve'), `quotes the proxy's answer: ${finding.message}`);
          assert.ok(!/credentials/.test(finding.message.replace(/not missing credentials/, '')), `does not ask for credentials: ${finding.message}`);
          recorder.classified();
          // What the fix says: require a version the proxy serves.
          c.writeGoMod(goModRequiring([WIDGET_OLD]));
          assertClean(await c.diagnose(), `requiring ${WIDGET_OLD.version}, which the proxy serves`);
          recorder.proven({ kind: 'equivalent', what: 'another version required, one the proxy serves (go list -m -versions names them)' });
        },
      );

      it('reads a bare 403 for a public module as credentials or policy, and never offers GOPRIVATE for a public namespace', async () => {
        const refusing = await ModuleProxy.start({ modules: [WIDGET_NEW] });
        deferCleanup(() => refusing.close());
        refusing.addFault({ module: WIDGET_NEW.path, fault: { kind: 'status', status: 403, body: '' } });
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([WIDGET_NEW]), 'go.sum': goSumFor(refusing, [WIDGET_NEW]) },
          goEnv: { GOPROXY: refusing.url },
        });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'proxy-auth',
          module: WIDGET_NEW.path,
          line: requireLine(0),
          fixes: ['proxy-credentials', 'proxy-refuses-version'],
        });
        assert.match(finding.message, /credentials[^.]*or it refuses this version/);
      });

      classIt(go, 'proxy-server-error', 'GOPROXY="<proxy answering 500>,<lab proxy>": "," does not fall through on errors', async (recorder) => {
        const failing = await ModuleProxy.start({ modules: [] });
        deferCleanup(() => failing.close());
        failing.addFault({ module: HEALTHY.path, fault: { kind: 'status', status: 500, body: 'internal error' } });
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: `${failing.url},${lab.url}` },
        });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'proxy-server-error',
          module: HEALTHY.path,
          line: requireLine(0),
          fixes: ['goproxy-fallthrough', 'goproxy-default'],
        });
        assert.match(finding.message, /500/);
        recorder.classified();
        await c.apply(fixOf(finding, 'goproxy-fallthrough'));
        assertClean(await c.diagnose(), 'after goproxy-fallthrough');
        recorder.proven({ kind: 'applied', fixId: 'goproxy-fallthrough' });
      });

      it('never offers a fix that would copy credentials held in GOPROXY', async () => {
        // Over https: Go refuses to send URL credentials over plain http (insecure-transport).
        const failing = await startTlsModuleProxy(ca, { mode: 'trusted', modules: [] });
        deferCleanup(() => failing.close());
        failing.addFault({ module: HEALTHY.path, fault: { kind: 'status', status: 500, body: 'internal error' } });
        const withCredentials = `https://${PROXY_USER.user}:${PROXY_USER.password}@127.0.0.1:${new URL(failing.url).port},${lab.url}`;
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: withCredentials },
          env: { SSL_CERT_FILE: ca.certPath },
        });
        const report = await c.diagnose();
        // "|" would write the value again, secret included, into the go env file: withheld.
        assertFinding(report, { cls: 'proxy-server-error', module: HEALTHY.path, line: requireLine(0), fixes: ['goproxy-default'] });
        assert.ok(
          !JSON.stringify(redactReport(report)).includes(PROXY_USER.password) && !formatReportText(report).includes(PROXY_USER.password),
          'the report never shows the password',
        );
      });

      classIt(go, 'proxy-server-error', 'GOPROXY=<lab proxy serving bytes that are not a zip>', async (recorder) => {
        const corrupt = await ModuleProxy.start({ modules: [HEALTHY, OTHER] });
        deferCleanup(() => corrupt.close());
        corrupt.addFault({ module: OTHER.path, file: 'zip', fault: { kind: 'corrupt-zip' } });
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY, OTHER]), 'go.sum': goSumFor(lab, [HEALTHY, OTHER]) },
          goEnv: { GOPROXY: corrupt.url },
          env: internet.env,
        });
        const finding = assertFinding(await c.diagnose(), { cls: 'proxy-server-error', module: OTHER.path, line: requireLine(1), fixes: ['goproxy-default'] });
        assert.match(finding.evidence[0]!, /zip: not a valid zip file/);
        recorder.classified();
        await c.apply(fixOf(finding, 'goproxy-default'));
        assertClean(await c.diagnose(), 'after goproxy-default');
        recorder.proven({ kind: 'applied', fixId: 'goproxy-default' });
      });

      classIt(go, 'goproxy-config', 'go env -w GOPROXY=off, empty module cache', async (recorder) => {
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: 'off' },
          env: internet.env,
        });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'goproxy-config',
          module: HEALTHY.path,
          line: requireLine(0),
          fixes: ['goproxy-default', 'goproxy-unset'],
        });
        assert.match(finding.evidence[0]!, /module lookup disabled by GOPROXY=off/);
        recorder.classified();
        await c.apply(fixOf(finding, 'goproxy-unset'));
        assertClean(await c.diagnose(), "after goproxy-unset (Go's default GOPROXY)");
        recorder.proven({ kind: 'applied', fixId: 'goproxy-unset' });
      });

      classIt(go, 'goproxy-config', 'go env -w GOPROXY=ftp://goproxy.corp.example (a scheme Go refuses)', async (recorder) => {
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: 'ftp://goproxy.corp.example' },
          env: internet.env,
        });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'goproxy-config',
          module: HEALTHY.path,
          line: requireLine(0),
          fixes: ['goproxy-default', 'goproxy-unset'],
        });
        assert.match(finding.evidence[0]!, /invalid proxy URL scheme/);
        recorder.classified();
        await c.apply(fixOf(finding, 'goproxy-default'));
        assertClean(await c.diagnose(), 'after goproxy-default');
        recorder.proven({ kind: 'applied', fixId: 'goproxy-default' });
      });

      classIt(
        go,
        'private-module-sumdb',
        'a private module served by the lab proxy, unknown to its checksum database (404), GOPRIVATE unset',
        async (recorder) => {
          const c = await openCase(go, {
            files: { 'go.mod': goModRequiring([HEALTHY, PRIVATE]), 'go.sum': goSumFor(lab, [HEALTHY]) },
            goEnv: { GOPROXY: lab.url },
          });
          const finding = assertFinding(await c.diagnose(), {
            cls: 'private-module-sumdb',
            module: PRIVATE.path,
            line: requireLine(1),
            fixes: ['gonosumdb-add', 'goprivate-add'],
          });
          recorder.classified();
          await c.apply(fixOf(finding, 'gonosumdb-add'));
          assertClean(await c.diagnose(), 'after gonosumdb-add');
          recorder.proven({ kind: 'applied', fixId: 'gonosumdb-add' });
        },
      );

      classIt(go, 'sumdb-unreachable', 'the lab proxy serves a private module but not /sumdb/, and sum.golang.org does not resolve', async (recorder) => {
        const noSumDb = await ModuleProxy.start({ modules: [HEALTHY, PRIVATE], sumdb: { mode: 'unsupported' } });
        deferCleanup(() => noSumDb.close());
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY, PRIVATE]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: noSumDb.url },
        });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'sumdb-unreachable',
          module: PRIVATE.path,
          line: requireLine(1),
          fixes: ['gonosumdb-add', 'sumdb-mirror', 'goproxy-reachable'],
        });
        assert.match(finding.evidence[0]!, /sum\.golang\.org/);
        recorder.classified();
        // GOPRIVATE would also stop Go from using the proxy that serves the module: GONOSUMDB is the fix here.
        await c.apply(fixOf(finding, 'gonosumdb-add'));
        assertClean(await c.diagnose(), 'after gonosumdb-add');
        recorder.proven({ kind: 'applied', fixId: 'gonosumdb-add' });
      });

      classIt(go, 'checksum-mismatch', 'the lab proxy serves other code than go.sum records (SECURITY ERROR)', async (recorder) => {
        const tampering = await ModuleProxy.start({ modules: [HEALTHY, OTHER] });
        deferCleanup(() => tampering.close());
        tampering.addFault({ module: OTHER.path, file: 'zip', fault: { kind: 'wrong-content' } });
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY, OTHER]), 'go.sum': goSumFor(lab, [HEALTHY, OTHER]) },
          goEnv: { GOPROXY: tampering.url },
        });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'checksum-mismatch',
          module: OTHER.path,
          line: requireLine(1),
          fixes: ['checksum-investigate'],
        });
        assert.ok(finding.evidence.some((line) => line.includes('SECURITY ERROR')));
        // Nothing that changes a setting is offered, and the guidance cannot be applied.
        assert.ok(finding.fixes.every((fix) => fix.kind === 'doc'));
        await assert.rejects(c.apply(finding.fixes[0]!), FixError);
        recorder.classified();
        recorder.noFix('by design no fix changes a setting: the finding only explains (applyFix refuses it)');
        tampering.clearFaults();
        assertClean(await c.diagnose(), 'once the proxy serves the published code again');
        recorder.proven({ kind: 'equivalent', what: 'the proxy serves the published code again (the cause the finding names)' });
      });
    });
  }
});
