// Failure classes of the network path between go and a module proxy: a name that does not
// resolve, a closed port, a TLS handshake that never completes, a proxy that stops answering,
// a broken HTTPS_PROXY, an untrusted certificate, a redirect to plain http.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { createTestCa, type TestCa } from '../../lab/certificates';
import { startBlackhole, startRedirectFront } from '../../lab/classServers';
import {
  assertClean,
  assertFinding,
  deferCleanup,
  disposeCases,
  fixOf,
  goModRequiring,
  goSumFor,
  openCase,
  requireLine,
  sharedDir,
  startLabInternet,
  type LabInternet,
} from '../../lab/classScenarios';
import { refusingProxyUrl } from '../../lab/forwardProxy';
import { goVersionsUnderTest } from '../../lab/goVersions';
import { ModuleProxy } from '../../lab/moduleProxy';
import { closedPort, HEALTHY } from '../../lab/scenarios';
import { startTlsModuleProxy } from '../../lab/tlsModuleProxy';
import { classIt } from '../../lab/classScenarios';

const { gos } = goVersionsUnderTest();

describe('failure classes: network', function () {
  this.timeout(120_000);
  let shared: Awaited<ReturnType<typeof sharedDir>>;
  let ca: TestCa;
  let good: ModuleProxy;
  let internet: LabInternet;
  let files: Record<string, string>;

  before(async () => {
    shared = await sharedDir();
    ca = await createTestCa(path.join(shared.dir, 'ca'));
    good = await ModuleProxy.start({ modules: [HEALTHY] });
    internet = await startLabInternet(ca, { modules: [HEALTHY] });
    files = { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(good, [HEALTHY]) };
  });

  after(async () => {
    await internet?.close();
    await good?.close();
    await shared?.cleanup();
  });

  afterEach(disposeCases);

  for (const go of gos) {
    describe(`with ${go.version}`, () => {
      classIt(go, 'dns', 'GOPROXY="https://goproxy.corp.invalid,<lab proxy>" in the go env file; the first host does not resolve', async (recorder) => {
        const c = await openCase(go, { files, goEnv: { GOPROXY: `https://goproxy.corp.invalid,${good.url}` } });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'dns',
          module: HEALTHY.path,
          line: requireLine(0),
          fixes: ['goproxy-fallthrough', 'goproxy-reachable', 'goproxy-default', 'network-check'],
        });
        assert.match(finding.message, /goproxy\.corp\.invalid/);
        recorder.classified();
        await c.apply(fixOf(finding, 'goproxy-fallthrough'));
        assertClean(await c.diagnose(), 'after goproxy-fallthrough');
        recorder.proven({ kind: 'applied', fixId: 'goproxy-fallthrough' });
      });

      classIt(go, 'connection-refused', 'GOPROXY="http://127.0.0.1:<closed port>,<lab proxy>"', async (recorder) => {
        const closed = `http://127.0.0.1:${await closedPort()}`;
        const c = await openCase(go, { files, goEnv: { GOPROXY: `${closed},${good.url}` } });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'connection-refused',
          module: HEALTHY.path,
          line: requireLine(0),
          fixes: ['goproxy-fallthrough', 'goproxy-reachable', 'goproxy-default'],
        });
        assert.match(finding.message, new RegExp(new URL(closed).host.replace(/\./g, '\\.')));
        recorder.classified();
        await c.apply(fixOf(finding, 'goproxy-fallthrough'));
        assertClean(await c.diagnose(), 'after goproxy-fallthrough');
        recorder.proven({ kind: 'applied', fixId: 'goproxy-fallthrough' });
      });

      classIt(
        go,
        'connect-timeout',
        'GOPROXY="https://127.0.0.1:<port that accepts TCP and never completes TLS>,<lab proxy>": Go gives up after its 10 s TLS handshake timeout',
        async (recorder) => {
          const blackhole = await startBlackhole();
          deferCleanup(blackhole.close);
          const c = await openCase(go, { files, goEnv: { GOPROXY: `${blackhole.url},${good.url}` }, env: internet.env });
          const finding = assertFinding(await c.diagnose({ inactivitySeconds: 30 }), {
            cls: 'connect-timeout',
            module: HEALTHY.path,
            line: requireLine(0),
            fixes: ['goproxy-fallthrough', 'goproxy-reachable', 'goproxy-default', 'network-check'],
          });
          assert.match(finding.evidence[0]!, /TLS handshake timeout/);
          recorder.classified();
          // goproxy-default re-runs at once; "|" would wait another 10 s for the same handshake first.
          await c.apply(fixOf(finding, 'goproxy-default'));
          assertClean(await c.diagnose(), 'after goproxy-default');
          recorder.proven({ kind: 'applied', fixId: 'goproxy-default' });
          recorder.note("the only slow case: 10 s, Go's own TLS handshake timeout (a TCP connect timeout would take 30 s)");
        },
      );

      classIt(go, 'stall', 'GOPROXY=<lab proxy that reads the request and never answers>; engine inactivity limit 2 s', async (recorder) => {
        const stalling = await ModuleProxy.start({ modules: [HEALTHY] });
        deferCleanup(() => stalling.close());
        stalling.addFault({ module: HEALTHY.path, fault: { kind: 'stall-headers' } });
        const c = await openCase(go, { files, goEnv: { GOPROXY: stalling.url }, env: internet.env });
        const started = Date.now();
        const report = await c.diagnose({ inactivitySeconds: 2 });
        assert.ok(Date.now() - started < 15_000, 'the stall is stopped by the inactivity limit');
        const finding = assertFinding(report, { cls: 'stall', module: HEALTHY.path, line: requireLine(0), fixes: ['goproxy-reachable', 'goproxy-default'] });
        assert.match(finding.message, new RegExp(`${stalling.url.replace(/[.:/]/g, '\\$&')}/example\\.com/healthy/@v/v1\\.0\\.0\\.(mod|info)`));
        recorder.classified();
        await c.apply(fixOf(finding, 'goproxy-default'));
        assertClean(await c.diagnose(), 'after goproxy-default');
        recorder.proven({ kind: 'applied', fixId: 'goproxy-default' });
      });

      classIt(go, 'http-proxy', 'default GOPROXY, HTTPS_PROXY=http://127.0.0.1:<closed port> (proxyconnect refused)', async (recorder) => {
        const c = await openCase(go, { files, env: { ...internet.env, HTTPS_PROXY: await refusingProxyUrl() } });
        const finding = assertFinding(await c.diagnose(), { cls: 'http-proxy', module: HEALTHY.path, line: requireLine(0), fixes: ['http-proxy'] });
        assert.match(finding.evidence[0]!, /proxyconnect tcp/);
        recorder.classified();
        assertClean(await c.diagnose({ env: { ...c.env, ...internet.env } }), 'with a working HTTPS_PROXY');
        recorder.proven({ kind: 'equivalent', what: 'HTTPS_PROXY pointed at a working forward proxy' });
      });

      classIt(go, 'tls-certificate', 'GOPROXY=https://127.0.0.1:<port> whose certificate the lab CA signed, the CA not trusted', async (recorder) => {
        const tls = await startTlsModuleProxy(ca, { mode: 'trusted', modules: [HEALTHY] });
        deferCleanup(() => tls.close());
        const c = await openCase(go, { files, goEnv: { GOPROXY: tls.url } });
        const finding = assertFinding(await c.diagnose(), { cls: 'tls-certificate', module: HEALTHY.path, line: requireLine(0), fixes: ['tls-trust'] });
        assert.match(finding.evidence[0]!, /x509: certificate signed by unknown authority/);
        recorder.classified();
        assertClean(await c.diagnose({ env: { ...c.env, SSL_CERT_FILE: ca.certPath } }), 'with the CA in SSL_CERT_FILE');
        recorder.proven({ kind: 'equivalent', what: 'the CA given to Go with SSL_CERT_FILE' });
      });

      classIt(go, 'insecure-transport', 'GOPROXY=https://127.0.0.1:<port> answering 302 to the same path on http://', async (recorder) => {
        const front = await startRedirectFront(ca, { upstreamPort: Number(new URL(good.url).port) });
        deferCleanup(front.close);
        const c = await openCase(go, { files, goEnv: { GOPROXY: front.url }, env: { SSL_CERT_FILE: ca.certPath } });
        const finding = assertFinding(await c.diagnose(), { cls: 'insecure-transport', module: HEALTHY.path, line: requireLine(0), fixes: ['insecure'] });
        assert.match(finding.evidence[0]!, /redirected from secure URL https:\/\/127\.0\.0\.1:\d+\/\S+ to insecure URL http:\/\/127\.0\.0\.1:\d+\//);
        recorder.classified();
        front.mode = 'serve';
        assertClean(await c.diagnose(), 'once the server answers over HTTPS');
        recorder.proven({ kind: 'equivalent', what: 'the server answers over HTTPS instead of redirecting' });
      });
    });
  }
});
