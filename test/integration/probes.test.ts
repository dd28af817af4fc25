// The deep probes against real servers on 127.0.0.1: the module lab, a closed port, a server that
// never answers, HTTPS with a self-signed certificate (made by the real openssl), a CONNECT proxy,
// and git. Offline: host names are resolved by an injected resolver, never by a DNS query.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { EndpointProbe } from '../../src/core/probeReport';
import { forwardProxyFor } from '../../src/core/httpProxyEnv';
import { probeGitRemote } from '../../src/engine/gitProbe';
import { probeGoProxy } from '../../src/engine/goProxyProbe';
import { probeEndpoint, type Resolver } from '../../src/engine/probes';
import { ForwardProxy } from '../lab/forwardProxy';
import { ModuleProxy } from '../lab/moduleProxy';
import { closedPort } from '../lab/scenarios';

const run = promisify(execFile);

/** Made-up name for the CONNECT tests: Go (and the probe) never proxy loopback targets. */
const LAB_HOST = 'goproxy.lab.test';

/** Fails like getaddrinfo for an unknown name, and remembers what it was asked. */
function offlineResolver(asked: string[] = []): Resolver {
  return (hostname) => {
    asked.push(hostname);
    return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
  };
}

/** Accepts connections and never writes a byte; knows when every accepted socket has closed. */
class SilentServer {
  readonly sockets: net.Socket[] = [];
  private readonly closed: Promise<unknown>[] = [];
  private constructor(
    readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(): Promise<SilentServer> {
    const server = net.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const silent = new SilentServer(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (socket) => {
      silent.sockets.push(socket);
      silent.closed.push(once(socket, 'close'));
      socket.on('error', () => undefined);
      // Read and drop the request: a socket nobody reads never sees the client's FIN, so never closes.
      socket.resume();
    });
    return silent;
  }

  allClosed(): Promise<unknown> {
    return Promise.all(this.closed);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function stepNames(probe: EndpointProbe): string[] {
  return probe.steps.map((step) => step.name);
}

function failedStep(probe: EndpointProbe) {
  const step = probe.steps.find((s) => !s.ok);
  assert.ok(step, `expected a failed step in ${JSON.stringify(probe)}`);
  return step;
}

describe('deep probes', () => {
  let dir: string;
  let healthy: ModuleProxy;
  let tlsProxy: ModuleProxy;
  let silent: SilentServer;
  let certPath: string;
  let refusedUrl: string;
  // No HTTPS_PROXY, SSL_CERT_FILE or NO_PROXY from the machine running the tests.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

  before(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'probes-test-'));
    certPath = path.join(dir, 'cert.pem');
    const keyPath = path.join(dir, 'key.pem');
    await run(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '2',
        '-subj',
        `/CN=${LAB_HOST}`,
        '-addext',
        `subjectAltName=DNS:${LAB_HOST},IP:127.0.0.1`,
      ],
      { env: { PATH: env.PATH, OPENSSL_CONF: '/dev/null' } },
    );
    healthy = await ModuleProxy.start({ sumdb: { mode: 'not-found' } });
    tlsProxy = await ModuleProxy.start({ sumdb: { mode: 'not-found' }, tls: { key: fs.readFileSync(keyPath), cert: fs.readFileSync(certPath) } });
    silent = await SilentServer.start();
    refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  });

  after(async () => {
    await Promise.all([healthy?.close(), tlsProxy?.close(), silent?.close()]);
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
  });

  describe('probeEndpoint', () => {
    it('measures a healthy proxy: no DNS for an IP literal, TCP, then 200 on /sumdb/<name>/supported', async () => {
      const probe = await probeEndpoint(healthy.url, { timeoutMs: 5000, env, resolve: offlineResolver() });
      assert.equal(probe.ok, true, JSON.stringify(probe));
      assert.deepEqual(stepNames(probe), ['tcp', 'http']);
      assert.equal(probe.httpStatus, 200);
      assert.equal(probe.error, null);
      assert.equal(probe.via, null);
      assert.equal(probe.requestUrl, `${healthy.url}/sumdb/sum.golang.org/supported`);
      assert.ok(healthy.requests.some((r) => r.path === '/sumdb/sum.golang.org/supported'));
      assert.ok(probe.steps.every((step) => step.ms >= 0 && step.ms <= probe.totalMs));
    });

    it('counts 404 as reachable (a proxy that does not mirror the checksum database)', async () => {
      const plain = await ModuleProxy.start();
      try {
        const probe = await probeEndpoint(plain.url, { timeoutMs: 5000, env });
        assert.equal(probe.ok, true);
        assert.equal(probe.httpStatus, 404);
      } finally {
        await plain.close();
      }
    });

    it('stops at the TCP step on a closed port', async () => {
      const probe = await probeEndpoint(refusedUrl, { timeoutMs: 5000, env });
      assert.equal(probe.ok, false);
      assert.deepEqual(stepNames(probe), ['tcp']);
      assert.match(failedStep(probe).detail, /^connection refused \(127\.0\.0\.1:\d+\)$/);
      assert.match(probe.error ?? '', /^TCP connect failed: connection refused/);
      assert.equal(probe.httpStatus, null);
    });

    it('gives up on a server that never answers at the HTTP step, within the limit, and closes the socket', async () => {
      const before = silent.sockets.length;
      const probe = await probeEndpoint(`http://127.0.0.1:${silent.port}`, { timeoutMs: 300, env });
      assert.equal(probe.ok, false);
      assert.deepEqual(stepNames(probe), ['tcp', 'http']);
      assert.equal(failedStep(probe).name, 'http');
      assert.equal(failedStep(probe).detail, 'no response within 300 ms');
      assert.ok(probe.totalMs >= 290 && probe.totalMs < 2000, String(probe.totalMs));
      assert.equal(silent.sockets.length, before + 1);
      await silent.allClosed(); // hangs (and the test times out) if the probe left its socket open
    });

    it('stops when the caller cancels, and closes the socket', async () => {
      const controller = new AbortController();
      silent.server.once('connection', () => controller.abort());
      const probe = await probeEndpoint(`http://127.0.0.1:${silent.port}`, { timeoutMs: 30_000, env, signal: controller.signal });
      assert.equal(probe.ok, false);
      assert.equal(probe.error, 'cancelled');
      assert.ok(probe.totalMs < 10_000);
      await silent.allClosed();
    });

    it('fails the TLS step for a self-signed certificate, and passes when SSL_CERT_FILE trusts it', async () => {
      const untrusted = await probeEndpoint(tlsProxy.url, { timeoutMs: 5000, env });
      assert.equal(untrusted.ok, false);
      assert.deepEqual(stepNames(untrusted), ['tcp', 'tls']);
      assert.match(failedStep(untrusted).detail, /certificate signed by unknown authority \(self-signed certificate\) \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);

      const trusted = await probeEndpoint(tlsProxy.url, { timeoutMs: 5000, env: { ...env, SSL_CERT_FILE: certPath } });
      assert.equal(trusted.ok, true, JSON.stringify(trusted));
      assert.deepEqual(stepNames(trusted), ['tcp', 'tls', 'http']);
      assert.match(trusted.steps[1]!.detail, /^TLSv1\.[23], certificate for goproxy\.lab\.test, valid until /);
      assert.equal(trusted.httpStatus, 200);
    });

    it('says when the certificate is for another host', async () => {
      const port = new URL(tlsProxy.url).port;
      const resolve: Resolver = (hostname) => Promise.resolve(hostname === 'localhost' ? [{ address: '127.0.0.1', family: 4 }] : []);
      const probe = await probeEndpoint(`https://localhost:${port}`, { timeoutMs: 5000, env: { ...env, SSL_CERT_FILE: certPath }, resolve });
      assert.deepEqual(stepNames(probe), ['dns', 'tcp', 'tls']);
      assert.equal(probe.steps[0]!.detail, 'localhost → 127.0.0.1');
      assert.match(failedStep(probe).detail, /^certificate is for another host: .*localhost.* \(ERR_TLS_CERT_ALTNAME_INVALID\)$/);
    });

    it('fails the DNS step for a name that does not resolve, without a real query', async () => {
      const asked: string[] = [];
      const probe = await probeEndpoint('https://goproxy.nonexistent.invalid', { timeoutMs: 5000, env, resolve: offlineResolver(asked) });
      assert.deepEqual(asked, ['goproxy.nonexistent.invalid']);
      assert.deepEqual(stepNames(probe), ['dns']);
      assert.equal(failedStep(probe).detail, 'goproxy.nonexistent.invalid: no such host');
      assert.equal(probe.error, 'DNS lookup failed: goproxy.nonexistent.invalid: no such host');
    });
  });

  describe('through HTTPS_PROXY', () => {
    let forward: ForwardProxy;
    let forbidding: ForwardProxy;
    before(async () => {
      const routes = { [`${LAB_HOST}:443`]: Number(new URL(tlsProxy.url).port), [`${LAB_HOST}:80`]: Number(new URL(healthy.url).port) };
      forward = await ForwardProxy.start({ routes });
      forbidding = await ForwardProxy.start({ routes, mode: { kind: 'forbid' } });
    });
    after(async () => {
      await Promise.all([forward?.close(), forbidding?.close()]);
    });

    it('tunnels with CONNECT and resolves nothing itself', async () => {
      const asked: string[] = [];
      const probeEnv = { ...env, HTTPS_PROXY: forward.url, SSL_CERT_FILE: certPath };
      const probe = await probeEndpoint(`https://${LAB_HOST}`, { timeoutMs: 5000, env: probeEnv, resolve: offlineResolver(asked) });
      assert.equal(probe.ok, true, JSON.stringify(probe));
      assert.deepEqual(stepNames(probe), ['tcp', 'proxy', 'tls', 'http']);
      assert.equal(probe.via, forward.url);
      assert.match(probe.steps[1]!.detail, /^CONNECT goproxy\.lab\.test:443 → 200 Connection Established \(HTTPS_PROXY\)$/);
      assert.deepEqual(asked, []);
      assert.deepEqual(
        forward.requests.map((r) => [r.method, r.target]),
        [['CONNECT', `${LAB_HOST}:443`]],
      );
    });

    it('reports a refused CONNECT at the proxy step, with credentials kept out of the result', async () => {
      const withCredentials = forbidding.urlWithCredentials('probe', 's3cret-pass');
      const probe = await probeEndpoint(`https://${LAB_HOST}`, { timeoutMs: 5000, env: { ...env, HTTPS_PROXY: withCredentials } });
      assert.deepEqual(stepNames(probe), ['tcp', 'proxy']);
      assert.match(failedStep(probe).detail, /^CONNECT goproxy\.lab\.test:443 → 403 Forbidden \(HTTPS_PROXY\): the proxy does not allow this host$/);
      assert.equal(forbidding.requests[0]?.proxyAuthorization, `Basic ${Buffer.from('probe:s3cret-pass').toString('base64')}`);
      assert.doesNotMatch(JSON.stringify(probe), /s3cret/);
    });

    it('sends plain http through HTTP_PROXY in absolute form, without CONNECT', async () => {
      const probe = await probeEndpoint(`http://${LAB_HOST}`, { timeoutMs: 5000, env: { ...env, HTTP_PROXY: forward.url }, resolve: offlineResolver() });
      assert.equal(probe.ok, true, JSON.stringify(probe));
      assert.deepEqual(stepNames(probe), ['tcp', 'http']);
      assert.equal(probe.steps[1]!.detail, '200 OK (through HTTP_PROXY)');
      assert.deepEqual(forward.requests.at(-1), {
        method: 'GET',
        target: `http://${LAB_HOST}/sumdb/sum.golang.org/supported`,
        proxyAuthorization: undefined,
        status: 200,
      });
    });

    it('goes direct for loopback addresses and for NO_PROXY hosts, as Go does', async () => {
      const proxyEnv = { ...env, HTTPS_PROXY: forward.url, SSL_CERT_FILE: certPath, NO_PROXY: 'lab.test' };
      const loopback = await probeEndpoint(tlsProxy.url, { timeoutMs: 5000, env: proxyEnv });
      assert.equal(loopback.ok, true, JSON.stringify(loopback));
      assert.equal(loopback.via, null);
      const asked: string[] = [];
      const listed = await probeEndpoint(`https://${LAB_HOST}`, { timeoutMs: 5000, env: proxyEnv, resolve: offlineResolver(asked) });
      assert.equal(listed.via, null);
      assert.deepEqual(asked, [LAB_HOST]);
    });
  });

  describe("forwardProxyFor (Go's HTTPS_PROXY / NO_PROXY rules)", () => {
    const cases: { target: string; env: Record<string, string>; proxy: string | null }[] = [
      { target: 'https://goproxy.corp', env: { HTTPS_PROXY: 'proxy.corp:3128' }, proxy: 'http://proxy.corp:3128/' },
      { target: 'https://goproxy.corp', env: { https_proxy: 'http://p:1' }, proxy: 'http://p:1/' },
      { target: 'https://goproxy.corp', env: { HTTPS_PROXY: '', https_proxy: 'http://p:1' }, proxy: 'http://p:1/' },
      { target: 'http://goproxy.corp', env: { HTTPS_PROXY: 'http://p:1' }, proxy: null },
      { target: 'https://localhost:8443', env: { HTTPS_PROXY: 'http://p:1' }, proxy: null },
      { target: 'https://127.1.2.3', env: { HTTPS_PROXY: 'http://p:1' }, proxy: null },
      { target: 'https://[::1]:8443', env: { HTTPS_PROXY: 'http://p:1' }, proxy: null },
      { target: 'https://goproxy.corp', env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, proxy: null },
      { target: 'https://goproxy.corp', env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'corp' }, proxy: null },
      { target: 'https://corp', env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.corp' }, proxy: 'http://p:1/' },
      { target: 'https://a.corp', env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: ' *.CORP ' }, proxy: null },
      { target: 'https://goproxy.corp', env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'goproxy.corp:8443' }, proxy: 'http://p:1/' },
      { target: 'https://goproxy.corp:8443', env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'goproxy.corp:8443' }, proxy: null },
      { target: 'https://10.1.2.3', env: { HTTPS_PROXY: 'http://p:1', no_proxy: '10.0.0.0/8' }, proxy: null },
      { target: 'https://10.1.2.3', env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.1.2.3:443' }, proxy: null },
      { target: 'https://10.1.2.3', env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.0' }, proxy: 'http://p:1/' },
    ];
    for (const c of cases) {
      it(`${c.target} with ${JSON.stringify(c.env)} → ${c.proxy ?? 'direct'}`, () => {
        assert.equal(forwardProxyFor(new URL(c.target), c.env)?.url.href ?? null, c.proxy);
      });
    }
  });

  describe('probeGoProxy', () => {
    it('probes each URL entry of "a,b|direct" and routes the checksum database through the first proxy that supports it', async () => {
      const asked: string[] = [];
      const result = await probeGoProxy(
        { GOPROXY: `${healthy.url},${refusedUrl}|direct`, GOSUMDB: 'sum.golang.org' },
        { timeoutMs: 5000, env, resolve: offlineResolver(asked) },
      );
      assert.deepEqual(
        result.entries.map((e) => [e.url, e.ok]),
        [
          [healthy.url, true],
          [refusedUrl, false],
        ],
      );
      assert.equal(failedStep(result.entries[1]!).name, 'tcp');
      assert.deepEqual(result.configErrors, []);
      // The lab says "supported" but keeps no signed tree: /latest is 404, which a real database never answers.
      assert.equal(result.sumdb?.url, `${healthy.url}/sumdb/sum.golang.org`);
      assert.equal(result.sumdb?.requestUrl, `${healthy.url}/sumdb/sum.golang.org/latest`);
      assert.equal(result.sumdb?.httpStatus, 404);
      assert.equal(result.sumdb?.ok, false);
      assert.deepEqual(asked, []);
      assert.ok(result.durationMs >= Math.max(...result.entries.map((e) => e.totalMs)));
    });

    it('falls through a failing "|" entry to the next proxy for the checksum database', async () => {
      const result = await probeGoProxy({ GOPROXY: `${refusedUrl}|${healthy.url}` }, { timeoutMs: 5000, env, resolve: offlineResolver() });
      assert.equal(result.sumdb?.url, `${healthy.url}/sumdb/sum.golang.org`);
    });

    it('leaves Go without a checksum database when a "," entry fails, as Go does', async () => {
      const result = await probeGoProxy({ GOPROXY: `${refusedUrl},${healthy.url}` }, { timeoutMs: 5000, env, resolve: offlineResolver() });
      assert.equal(result.sumdb?.ok, false);
      assert.match(
        result.sumdb?.error ?? '',
        /^Go cannot reach the checksum database: 127\.0\.0\.1:\d+ failed \/sumdb\/sum\.golang\.org\/supported \(TCP connect failed: connection refused/,
      );
    });

    it('skips the checksum database when GOSUMDB is off, and reports an invalid GOPROXY', async () => {
      const result = await probeGoProxy({ GOPROXY: `${healthy.url},gopher://x`, GOSUMDB: 'off' }, { timeoutMs: 5000, env });
      assert.equal(result.sumdb, null);
      assert.deepEqual(
        result.entries.map((e) => e.url),
        [healthy.url],
      );
      assert.deepEqual(result.configErrors, ['invalid proxy URL scheme (must be https, http, file): gopher://x']);
    });
  });

  describe('probeGitRemote', () => {
    const gitEnv = () => ({ PATH: env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' });

    it('reports exit 128 and the reason for a path that is not a repository', async () => {
      const probe = await probeGitRemote('/nonexistent/repo.git', { env: gitEnv(), timeoutMs: 20_000 });
      assert.equal(probe.outcome, 'exited');
      assert.equal(probe.exitCode, 128);
      assert.equal(probe.ok, false);
      assert.equal(probe.command, 'git ls-remote -q /nonexistent/repo.git');
      assert.ok(
        probe.stderr.some((line) => line.includes('/nonexistent/repo.git')),
        probe.stderr.join('\n'),
      );
    });

    it('succeeds against a real bare repository', async () => {
      const bare = path.join(dir, 'bare.git');
      await run('git', ['init', '--bare', '-q', bare], { env: gitEnv() });
      const probe = await probeGitRemote(bare, { env: gitEnv(), timeoutMs: 20_000 });
      assert.equal(probe.exitCode, 0, probe.stderr.join('\n'));
      assert.equal(probe.ok, true);
      assert.ok(probe.seconds > 0);
    });

    it('kills git when the server never answers, and says it timed out', async () => {
      const probe = await probeGitRemote(`http://127.0.0.1:${silent.port}/repo.git`, { env: gitEnv(), timeoutMs: 500 });
      assert.equal(probe.outcome, 'timeout');
      assert.equal(probe.exitCode, null);
      assert.ok(probe.seconds < 10);
      await silent.allClosed(); // git-remote-http was in git's process group and died with it
    });
  });
});
