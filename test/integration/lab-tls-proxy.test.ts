// Certificate and forward-proxy failures, reproduced with the real `go` against the lab over HTTPS
// and through an HTTP proxy (catalog §2 rows 4 and 5). The texts asserted here are what the
// classifier matches on. All on 127.0.0.1; go runs with name lookups from files only.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestCa, type TestCa } from '../lab/certificates';
import { ForwardProxy, refusingProxyUrl, type ForwardProxyMode } from '../lab/forwardProxy';
import { createGoSandbox, GO } from '../lab/goSandbox';
import { ModuleProxy } from '../lab/moduleProxy';
import { runProgram, type ProgramResult } from '../lab/runGo';
import { HEALTHY, goModRequiring, offlineDnsGo } from '../lab/scenarios';
import { hostsFileGo, portOf, startTlsModuleProxy, type TlsMode } from '../lab/tlsModuleProxy';

/** Go sends nothing to a proxy for loopback targets, so GOPROXY names a host only the forward proxy knows. */
const LAB_HOST = 'goproxy.lab.test';
/** The first request go makes: it loads the go.mod to build the module graph before any zip. */
const FIRST_GET = `/${HEALTHY.path}/@v/${HEALTHY.version}.mod`;

/** Runs `go mod download -json` asynchronously: the lab servers answer from this same process. */
function goModDownload(goPath: string, cwd: string, env: Record<string, string>): Promise<ProgramResult> {
  return runProgram(goPath, ['mod', 'download', '-json'], { cwd, env });
}

/** A transport failure happens while loading go.mod files: exit 1, no JSON, one `go:` line on stderr. */
function assertFailure(result: ProgramResult, url: string, expected: string | RegExp): void {
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, '');
  const prefix = `go: ${HEALTHY.path}@${HEALTHY.version}: Get "${url}${FIRST_GET}": `;
  assert.ok(result.stderr.startsWith(prefix), result.stderr);
  const rest = result.stderr.slice(prefix.length).trimEnd();
  if (typeof expected === 'string') assert.equal(rest, expected);
  else assert.match(rest, expected);
}

function assertDownloaded(result: ProgramResult): void {
  assert.equal(result.code, 0, result.stderr);
  const entry = JSON.parse(result.stdout) as { Path: string; Error?: string; Dir?: string };
  assert.equal(entry.Path, HEALTHY.path);
  assert.equal(entry.Error, undefined);
  assert.ok(entry.Dir && fs.existsSync(path.join(entry.Dir, 'healthy.go')));
}

describe('TLS and forward proxies against the real go', () => {
  let dir: string;
  let ca: TestCa;
  let cleanups: (() => Promise<void>)[] = [];

  // One CA for the whole suite: the certificates per test are cheap, the folder is shared.
  before(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gdh-tls-'));
    ca = await createTestCa(path.join(dir, 'ca'));
  });

  after(async () => {
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    const pending = cleanups.reverse();
    cleanups = [];
    for (const cleanup of pending) await cleanup();
  });

  /** A sandbox trusting the lab CA, with a workspace requiring HEALTHY as served by proxy. */
  async function workspaceFor(proxy: ModuleProxy) {
    const sandbox = await createGoSandbox({ env: { SSL_CERT_FILE: ca.certPath } });
    cleanups.push(() => sandbox.cleanup());
    // Go's telemetry starts a child that writes under XDG_CONFIG_HOME after go exits, recreating
    // the sandbox folder once cleanup has removed it; telemetry mode "off" starts no child.
    const telemetry = path.join(path.dirname(sandbox.goenvFile), 'telemetry');
    fs.mkdirSync(telemetry, { recursive: true });
    fs.writeFileSync(path.join(telemetry, 'mode'), 'off\n');
    const root = sandbox.writeWorkspace('app', {
      'go.mod': goModRequiring([HEALTHY]),
      'go.sum': proxy.goSumLines(HEALTHY.path, HEALTHY.version).join('\n') + '\n',
    });
    // GOPROXY has no ",direct": a failure must never fall through to the network.
    const download = (env: Record<string, string>, goPath = GO) => goModDownload(goPath, root, { ...sandbox.env, ...env });
    return { sandbox, download };
  }

  /** A TLS module proxy serving HEALTHY with a certificate chosen by mode, and a workspace for it. */
  async function tlsLab(mode: TlsMode, hosts?: string[]) {
    const proxy = await startTlsModuleProxy(ca, { mode, modules: [HEALTHY], ...(hosts ? { hosts } : {}) });
    cleanups.push(() => proxy.close());
    return { proxy, ...(await workspaceFor(proxy)) };
  }

  async function startForwardProxy(routes: Record<string, number>, mode: ForwardProxyMode = { kind: 'pass' }): Promise<ForwardProxy> {
    const forward = await ForwardProxy.start({ routes, mode });
    cleanups.push(() => forward.close());
    return forward;
  }

  describe('certificates (GOPROXY=https://127.0.0.1:<port>, SSL_CERT_FILE=<lab CA>)', () => {
    it('downloads when the certificate is signed by the CA in SSL_CERT_FILE', async () => {
      const lab = await tlsLab('trusted');
      assertDownloaded(await lab.download({ GOPROXY: lab.proxy.url }));
      assert.ok(lab.proxy.requests.some((r) => r.path.endsWith('.zip') && r.status === 200));
    });

    it('rejects a certificate from a CA the client does not trust', async () => {
      const lab = await tlsLab('untrusted');
      const result = await lab.download({ GOPROXY: lab.proxy.url });
      assertFailure(result, lab.proxy.url, 'tls: failed to verify certificate: x509: certificate signed by unknown authority');
      assert.deepEqual(lab.proxy.requests, [], 'no HTTP request gets past the handshake');
    });

    it('rejects an expired certificate', async () => {
      const lab = await tlsLab('expired');
      const result = await lab.download({ GOPROXY: lab.proxy.url });
      assertFailure(
        result,
        lab.proxy.url,
        /^tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ is after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      );
    });

    it('rejects a certificate for another host when GOPROXY is an IP address', async () => {
      const lab = await tlsLab('wrong-host');
      const result = await lab.download({ GOPROXY: lab.proxy.url });
      // For an IP, Go looks only at IP SANs, so the message does not name other.example.
      assertFailure(
        result,
        lab.proxy.url,
        "tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs",
      );
    });

    it('rejects a certificate for another host when GOPROXY is a host name', async () => {
      const lab = await tlsLab('wrong-host');
      const url = `https://${LAB_HOST}:${portOf(lab.proxy.url)}`;
      const result = await lab.download({ GOPROXY: url }, hostsFileGo(lab.sandbox, { [LAB_HOST]: '127.0.0.1' }));
      assertFailure(result, url, `tls: failed to verify certificate: x509: certificate is valid for other.example, not ${LAB_HOST}`);
    });
  });

  describe(`forward proxy (GOPROXY=https://${LAB_HOST}, HTTPS_PROXY=<lab proxy>)`, () => {
    const GOPROXY = `https://${LAB_HOST}`;

    /** A trusted TLS lab for LAB_HOST; go resolves names from files that do not list it. */
    async function proxiedLab() {
      const lab = await tlsLab('trusted', [LAB_HOST]);
      const route = { [`${LAB_HOST}:443`]: portOf(lab.proxy.url) };
      return { ...lab, route, go: offlineDnsGo(lab.sandbox) };
    }

    it('downloads through a CONNECT tunnel, and go never resolves the target host itself', async () => {
      const lab = await proxiedLab();
      const forward = await startForwardProxy(lab.route);
      // If go looked LAB_HOST up, the files-only resolver would fail with "no such host".
      assertDownloaded(await lab.download({ GOPROXY, HTTPS_PROXY: forward.url }, lab.go));
      assert.ok(forward.requests.length > 0);
      assert.ok(
        forward.requests.every((r) => r.method === 'CONNECT' && r.target === `${LAB_HOST}:443` && r.status === 200),
        JSON.stringify(forward.requests),
      );
    });

    it('forwards plain-http requests with absolute URIs through HTTP_PROXY', async () => {
      const plain = await ModuleProxy.start({ modules: [HEALTHY] });
      cleanups.push(() => plain.close());
      const lab = await workspaceFor(plain);
      const forward = await startForwardProxy({ [`${LAB_HOST}:80`]: portOf(plain.url) });
      assertDownloaded(await lab.download({ GOPROXY: `http://${LAB_HOST}`, HTTP_PROXY: forward.url }, offlineDnsGo(lab.sandbox)));
      assert.ok(
        forward.requests.some((r) => r.method === 'GET' && r.target === `http://${LAB_HOST}${FIRST_GET}` && r.status === 200),
        JSON.stringify(forward.requests),
      );
    });

    it('never sends loopback targets to the proxy, even a dead one', async () => {
      const lab = await tlsLab('trusted');
      assertDownloaded(await lab.download({ GOPROXY: lab.proxy.url, HTTPS_PROXY: await refusingProxyUrl() }));
    });

    it('fails with proxyconnect when nothing listens at HTTPS_PROXY', async () => {
      const lab = await proxiedLab();
      const proxyUrl = await refusingProxyUrl();
      const result = await lab.download({ GOPROXY, HTTPS_PROXY: proxyUrl }, lab.go);
      assertFailure(result, GOPROXY, `proxyconnect tcp: dial tcp ${new URL(proxyUrl).host}: connect: connection refused`);
    });

    it('fails with the status text alone when the proxy answers CONNECT with 403', async () => {
      const lab = await proxiedLab();
      const forward = await startForwardProxy(lab.route, { kind: 'forbid' });
      assertFailure(await lab.download({ GOPROXY, HTTPS_PROXY: forward.url }, lab.go), GOPROXY, 'Forbidden');
      assert.deepEqual(
        forward.requests.map((r) => `${r.method} ${r.target} ${r.status}`),
        [`CONNECT ${LAB_HOST}:443 403`],
      );
    });

    it('fails with "Proxy Authentication Required" when the proxy wants credentials', async () => {
      const lab = await proxiedLab();
      const forward = await startForwardProxy(lab.route, { kind: 'auth', username: 'lab', password: 's3cret' });
      assertFailure(await lab.download({ GOPROXY, HTTPS_PROXY: forward.url }, lab.go), GOPROXY, 'Proxy Authentication Required');
      assert.equal(forward.requests[0]?.proxyAuthorization, undefined);
    });

    it('sends credentials from the HTTPS_PROXY URL as Proxy-Authorization', async () => {
      const lab = await proxiedLab();
      const forward = await startForwardProxy(lab.route, { kind: 'auth', username: 'lab', password: 's3cret' });
      assertDownloaded(await lab.download({ GOPROXY, HTTPS_PROXY: forward.urlWithCredentials('lab', 's3cret') }, lab.go));
      assert.equal(forward.requests[0]?.proxyAuthorization, `Basic ${Buffer.from('lab:s3cret').toString('base64')}`);
    });

    it('fails the TLS handshake when HTTPS_PROXY says https:// for a plain-http proxy', async () => {
      const lab = await proxiedLab();
      const forward = await startForwardProxy(lab.route);
      const result = await lab.download({ GOPROXY, HTTPS_PROXY: forward.url.replace(/^http:/, 'https:') }, lab.go);
      assertFailure(result, GOPROXY, 'proxyconnect tcp: tls: first record does not look like a TLS handshake');
      assert.deepEqual(forward.requests, [], 'a TLS ClientHello is not an HTTP request');
    });
  });
});
