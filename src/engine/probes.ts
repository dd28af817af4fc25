// Deep probes behind "Diagnose Downloads" and the GOPROXY picker: for each GOPROXY entry and the
// checksum database, one connection measured step by step (DNS, TCP, forward proxy, TLS, one HTTP
// GET), and `git ls-remote` for direct modules. They answer "where does the path to this server
// break?", which `go mod download` never says. Each step has its own deadline (Go has none, which
// is why downloads stall), every socket is destroyed at the end, and failures are values.

import { lookup } from 'node:dns/promises';
import { stat } from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GOSUMDB } from '../core/goenv';
import type { EndpointProbe } from '../core/probeReport';
import { forwardProxyFor, hostnameOf, portOf, type ForwardProxy } from '../core/httpProxyEnv';
import { elapsed, failureReason, ProbeProblem, ProbeRun, StepFailed, type StepOutcome } from './probeSteps';
import { loadTrust, withTrustNote, type Trust } from './probeTrust';

/** Name resolution, injectable so tests never send a DNS query off the machine. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true });

export interface ProbeOptions {
  /** The limit for each step on its own (DNS, TCP, proxy, TLS, HTTP). */
  timeoutMs: number;
  signal?: AbortSignal;
  /** The process environment: HTTPS_PROXY, HTTP_PROXY, NO_PROXY and SSL_CERT_FILE are read from it. */
  env: Record<string, string | undefined>;
  /** One more PEM file of trusted roots, on top of what Go would trust. */
  caFile?: string;
  resolve?: Resolver;
}

export interface EndpointProbeOptions extends ProbeOptions {
  /** Fetched under the endpoint URL. Default: /sumdb/sum.golang.org/supported, which any GOPROXY answers without asking upstream. */
  path?: string;
  /** Statuses meaning "reachable and speaks the protocol". Default 200, 404, 410 (the proxy protocol's "not here"). */
  okStatuses?: readonly number[];
}

const PROXY_OK_STATUSES = [200, 404, 410] as const;
const USER_AGENT = 'go-dependency-health-probe';

export async function probeEndpoint(url: string, options: EndpointProbeOptions): Promise<EndpointProbe> {
  return probeWithTrust(
    url,
    options,
    once(() => loadTrust(options.env, options.caFile)),
  );
}

export async function probeWithTrust(url: string, options: EndpointProbeOptions, trust: () => Promise<Trust>): Promise<EndpointProbe> {
  const started = performance.now();
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return failedBeforeStart(url, `not a URL: ${url}`, started);
  }
  const path = options.path ?? `/sumdb/${DEFAULT_GOSUMDB}/supported`;
  if (target.protocol === 'file:') return probeFileEntry(url, target, options, started);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return failedBeforeStart(url, `unsupported scheme ${target.protocol}`, started);
  return probeNetwork({ url, target, requestUrl: joinUrl(target, path), options, trust, started });
}

// ---------------------------------------------------------------------------------------------
// One connection, step by step

interface NetworkProbe {
  url: string;
  target: URL;
  requestUrl: URL;
  options: EndpointProbeOptions;
  trust: () => Promise<Trust>;
  started: number;
}

async function probeNetwork(p: NetworkProbe): Promise<EndpointProbe> {
  const proxy = forwardProxyFor(p.target, p.options.env);
  const run = new ProbeRun(p.options.timeoutMs, p.options.signal);
  const status: { value: number | null } = { value: null };
  const result = (error: string | null): EndpointProbe => ({
    url: p.url,
    requestUrl: withoutCredentials(p.requestUrl).href,
    via: proxy === null ? null : `${proxy.url.protocol}//${proxy.url.host}`,
    steps: run.steps,
    ok: error === null,
    totalMs: elapsed(p.started),
    httpStatus: status.value,
    error,
  });
  try {
    const socket = await connectToTarget(run, p, proxy);
    await run.step('http', () => httpGet(socket, p, proxy, status));
    return result(null);
  } catch (error) {
    return result(error instanceof StepFailed ? error.message : `probe failed: ${String(error)}`);
  } finally {
    run.close();
  }
}

/** DNS, TCP, then (through a forward proxy) CONNECT, then TLS: a socket ready for the HTTP request. */
async function connectToTarget(run: ProbeRun, p: NetworkProbe, proxy: ForwardProxy | null): Promise<net.Socket> {
  const hop = proxy?.url ?? p.target;
  const via = proxy === null ? '' : ` (${proxy.source} ${hop.host})`;
  if (proxy !== null && proxy.url.protocol !== 'http:' && proxy.url.protocol !== 'https:') {
    await run.step('proxy', () =>
      Promise.reject(new ProbeProblem(`${proxy.source} is a ${proxy.url.protocol.replace(/:$/, '')} proxy: Go can use it, this probe cannot`)),
    );
  }
  // Read before the steps so that building the roots (~0.2 s) is not counted as handshake time.
  const trust = p.target.protocol === 'https:' || hop.protocol === 'https:' ? await p.trust() : null;
  const host = hostnameOf(hop);
  const addresses = net.isIP(host)
    ? [host]
    : await run.step(
        'dns',
        () => resolveStep(host, p.options.resolve ?? systemResolver, via),
        (why) => `${host}: ${why}${via}`,
      );
  const port = portOf(hop);
  let socket = await run.step(
    'tcp',
    (signal) => connectAny(run, addresses, port, signal),
    (why) => `${why}${via}`,
  );
  if (proxy?.url.protocol === 'https:' && trust !== null)
    socket = await run.step(
      'tls',
      () => handshake(run, socket, proxy.url, trust),
      (why) => `${why}${via}`,
    );
  if (proxy !== null && p.target.protocol === 'https:') {
    const authority = `${hostnameOf(p.target)}:${portOf(p.target)}`;
    await run.step('proxy', () => openTunnel(socket, authority, basicAuth(proxy.url), proxy.source));
  }
  if (p.target.protocol === 'https:' && trust !== null) {
    socket = await run.step(
      'tls',
      () => handshake(run, socket, p.target, trust),
      (why) => withTrustNote(why, trust),
    );
  }
  return socket;
}

async function resolveStep(host: string, resolve: Resolver, via: string): Promise<StepOutcome<string[]>> {
  const found = (await resolve(host)).map((a) => a.address);
  if (found.length === 0) throw Object.assign(new Error('no addresses'), { code: 'ENOTFOUND' });
  const shown = found.length > 3 ? `${found.slice(0, 3).join(', ')} and ${found.length - 3} more` : found.join(', ');
  return { value: found, detail: `${host} → ${shown}${via}` };
}

/** Tries each address in turn, as Go's dialer does, so a dead IPv6 route does not hide a working IPv4 one. */
async function connectAny(run: ProbeRun, addresses: string[], port: number, signal: AbortSignal): Promise<StepOutcome<net.Socket>> {
  const failures: string[] = [];
  let lastError: unknown = new Error('no addresses');
  for (const address of addresses.slice(0, 4)) {
    if (signal.aborted) throw signal.reason;
    const where = net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
    try {
      const socket = await connectTcp(run, address, port);
      const earlier = failures.length === 0 ? '' : ` (${failures.join('; ')})`;
      return { value: socket, detail: `connected to ${where}${earlier}` };
    } catch (error) {
      lastError = new ProbeProblem(`${failureReason('tcp', error)} (${where})`);
      failures.push(`${where} failed`);
    }
  }
  throw lastError;
}

function connectTcp(run: ProbeRun, address: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = run.track(net.connect({ host: address, port, noDelay: true }));
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('connection closed')));
  });
}

function handshake(run: ProbeRun, socket: net.Socket, server: URL, trust: Trust): Promise<StepOutcome<tls.TLSSocket>> {
  const host = hostnameOf(server);
  return new Promise((resolve, reject) => {
    // SNI is for names only; `host` is still what the certificate is checked against.
    const secure = run.track(
      tls.connect({ socket, host, servername: net.isIP(host) ? undefined : host, secureContext: trust.context, ALPNProtocols: ['http/1.1'] }),
    );
    secure.once('secureConnect', () => resolve({ value: secure, detail: describeSession(secure) }));
    secure.once('error', reject);
    secure.once('close', () => reject(new Error('connection closed during the TLS handshake')));
  });
}

function describeSession(secure: tls.TLSSocket): string {
  const cert = secure.getPeerCertificate();
  const subject = cert.subject?.CN ?? cert.subjectaltname ?? 'an unnamed subject';
  return `${secure.getProtocol() ?? 'TLS'}, certificate for ${String(subject)}, valid until ${cert.valid_to}`;
}

/** An HTTP CONNECT, read by hand: node's http client would hand back the socket only for a 200. */
function openTunnel(socket: net.Socket, authority: string, auth: string | null, source: string): Promise<StepOutcome<void>> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const stop = () => {
      socket.off('readable', onReadable);
      socket.off('close', onClose);
      socket.off('error', reject);
    };
    const onClose = () => {
      stop();
      reject(new ProbeProblem(`the proxy (${source}) closed the connection without answering CONNECT ${authority}`));
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while ((chunk = socket.read() as Buffer | null) !== null) {
        buffered = Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0 && buffered.length < 16 * 1024) continue;
        stop();
        // Bytes after the answer already belong to the tunnel.
        if (end >= 0 && end + 4 < buffered.length) socket.unshift(buffered.subarray(end + 4));
        settleTunnel(buffered.subarray(0, Math.max(end, 0)).toString('latin1'), authority, source, resolve, reject);
        return;
      }
    };
    socket.on('readable', onReadable);
    socket.once('close', onClose);
    socket.once('error', reject);
    const authLine = auth === null ? '' : `Proxy-Authorization: ${auth}\r\n`;
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\nUser-Agent: ${USER_AGENT}\r\n${authLine}\r\n`);
  });
}

function settleTunnel(head: string, authority: string, source: string, resolve: (o: StepOutcome<void>) => void, reject: (e: Error) => void): void {
  const statusLine = head.split('\r\n')[0] ?? '';
  const match = /^HTTP\/\d(?:\.\d)? (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!match)
    return reject(new ProbeProblem(`the proxy (${source}) did not answer CONNECT ${authority} with HTTP: ${JSON.stringify(statusLine.slice(0, 80))}`));
  const status = Number(match[1]);
  const answer = `CONNECT ${authority} → ${status} ${match[2] ?? ''}`.trimEnd();
  // Go accepts exactly 200 here (net/http transport.dialConn).
  if (status === 200) return resolve({ value: undefined, detail: `${answer} (${source})` });
  const hint = PROXY_STATUS_HINTS[status] ?? '';
  reject(new ProbeProblem(`${answer} (${source})${hint}`));
}

const PROXY_STATUS_HINTS: Record<number, string> = {
  403: ': the proxy does not allow this host',
  407: ': the proxy wants credentials (user:password in the proxy URL)',
  502: ': the proxy could not reach the host',
  503: ': the proxy could not reach the host',
};

/**
 * An agent whose only connection is the socket the earlier steps opened (through DNS, TCP, the
 * forward proxy and TLS). Passing `createConnection` alone is not enough: VS Code's extension host
 * patches `http.request` and drops it, which sent the request to localhost:80.
 */
class SocketAgent extends http.Agent {
  constructor(private readonly socket: net.Socket) {
    super({ keepAlive: false });
  }

  override createConnection(): net.Socket {
    return this.socket;
  }
}

function httpGet(socket: net.Socket, p: NetworkProbe, proxy: ForwardProxy | null, status: { value: number | null }): Promise<StepOutcome<void>> {
  const request = withoutCredentials(p.requestUrl);
  // Plain http through a forward proxy is sent in absolute form (no CONNECT), as Go does.
  const forwarded = proxy !== null && p.target.protocol === 'http:';
  const headers: Record<string, string> = { Host: request.host, 'User-Agent': USER_AGENT, Connection: 'close' };
  const auth = basicAuth(p.target);
  if (auth !== null) headers.Authorization = auth; // Go sends the GOPROXY URL's user:password
  const proxyAuth = forwarded ? basicAuth(proxy.url) : null;
  if (proxyAuth !== null) headers['Proxy-Authorization'] = proxyAuth;
  const okStatuses: readonly number[] = p.options.okStatuses ?? PROXY_OK_STATUSES;
  return new Promise((resolve, reject) => {
    const req = http.request({
      agent: new SocketAgent(socket),
      method: 'GET',
      path: forwarded ? request.href : request.pathname + request.search,
      setHost: false,
      headers,
    });
    req.once('response', (res) => {
      status.value = res.statusCode ?? 0;
      res.resume();
      const answer = `${status.value} ${res.statusMessage ?? ''}`.trimEnd() + (forwarded ? ` (through ${proxy.source})` : '');
      if (okStatuses.includes(status.value)) resolve({ value: undefined, detail: answer });
      else reject(new ProbeProblem(answer + (HTTP_STATUS_HINTS[status.value] ?? '')));
    });
    // on, not once: destroying the socket after an answer may report a second error.
    req.on('error', reject);
    req.end();
  });
}

const HTTP_STATUS_HINTS: Record<number, string> = {
  401: ': the server wants credentials (the probe sends only those in the URL, not .netrc)',
  403: ': the server refused these credentials or this client',
  407: ': the forward proxy wants credentials',
  404: ': not found',
  410: ': gone',
};

// ---------------------------------------------------------------------------------------------
// file:// entries: no network, only "is the directory there?"

async function probeFileEntry(url: string, target: URL, options: EndpointProbeOptions, started: number): Promise<EndpointProbe> {
  const run = new ProbeRun(options.timeoutMs, options.signal);
  let error: string | null = null;
  try {
    await run.step('file', async () => {
      const dir = fileURLToPath(target);
      if (!(await stat(dir)).isDirectory()) throw new ProbeProblem(`${dir} is not a directory`);
      return { value: undefined, detail: `${dir} is a directory` };
    });
  } catch (failure) {
    error = failure instanceof StepFailed ? failure.message : String(failure);
  }
  return { url, requestUrl: null, via: null, steps: run.steps, ok: error === null, totalMs: elapsed(started), httpStatus: null, error };
}

function failedBeforeStart(url: string, error: string, started: number): EndpointProbe {
  return { url, requestUrl: null, via: null, steps: [], ok: false, totalMs: elapsed(started), httpStatus: null, error };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** A lazily started promise shared by every probe of one run (the roots are read once). */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
}

/** web.Join: the path is appended to the base URL's own path, the query is kept. */
export function joinUrl(base: URL, path: string): URL {
  const joined = new URL(base.href);
  joined.pathname = `${joined.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined;
}

function withoutCredentials(url: URL): URL {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy;
}

/** "Basic …" from a URL's user:password, as Go sends it for GOPROXY entries and proxy URLs. */
function basicAuth(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  return `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`;
}
