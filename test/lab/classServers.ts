// Small servers the class suite needs besides the module proxy and the git servers: a TLS server
// that accepts connections and never completes a handshake, an HTTPS front that wants basic
// auth, an HTTPS front that redirects to plain http (or serves, once "fixed"), and a go-get
// discovery server for a vanity host. All on 127.0.0.1; each records nothing it does not need.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { issueCertificate, type TestCa } from './certificates';
import { listenOnLoopback } from './loopback';

export interface LabServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** Accepts TCP and reads, never answers: a TLS client waits for the server hello until its own timeout. */
export async function startBlackhole(): Promise<LabServer> {
  const server = net.createServer((socket) => socket.resume());
  const { port, close } = await listenOnLoopback(server);
  return { url: `https://127.0.0.1:${port}`, port, close };
}

async function tlsCredentials(ca: TestCa, hosts: string[]): Promise<{ key: Buffer; cert: Buffer }> {
  const issued = await issueCertificate(ca, { hosts });
  const [key, cert] = await Promise.all([fs.promises.readFile(issued.keyPath), fs.promises.readFile(issued.certPath)]);
  return { key, cert };
}

/** Relays a request to a plain-http lab server on 127.0.0.1 and its answer back. */
function relay(req: http.IncomingMessage, res: http.ServerResponse, upstreamPort: number): void {
  const upstream = http.request(
    { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}` }, agent: false },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

export interface AuthFront extends LabServer {
  /** The Authorization user names it saw, in order ('' for none). */
  users: string[];
}

/** An HTTPS front for a plain-http lab server that answers 401 unless basic auth matches. */
export async function startAuthFront(ca: TestCa, options: { upstreamPort: number; user: string; password: string }): Promise<AuthFront> {
  const users: string[] = [];
  const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const server = https.createServer(await tlsCredentials(ca, ['127.0.0.1']), (req, res) => {
    const given = req.headers.authorization ?? '';
    users.push(given.startsWith('Basic ') ? Buffer.from(given.slice(6), 'base64').toString().split(':')[0]! : '');
    if (given !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="lab proxy"', 'Content-Type': 'text/plain' });
      res.end('login required\n');
      return;
    }
    relay(req, res, options.upstreamPort);
  });
  const { port, close } = await listenOnLoopback(server);
  return { url: `https://127.0.0.1:${port}`, port, users, close };
}

export interface RedirectFront extends LabServer {
  /** redirect: 302 to the same path on plain http; serve: relay over HTTPS (the server fixed). */
  mode: 'redirect' | 'serve';
}

/** An HTTPS front that sends clients to plain http, as a misconfigured proxy or vanity host does. */
export async function startRedirectFront(ca: TestCa, options: { upstreamPort: number }): Promise<RedirectFront> {
  const front: RedirectFront = { url: '', port: 0, mode: 'redirect', close: () => Promise.resolve() };
  const server = https.createServer(await tlsCredentials(ca, ['127.0.0.1']), (req, res) => {
    if (front.mode === 'serve') return relay(req, res, options.upstreamPort);
    res.writeHead(302, { Location: `http://127.0.0.1:${options.upstreamPort}${req.url ?? '/'}`, 'Content-Length': '0' });
    res.end();
  });
  const listening = await listenOnLoopback(server);
  front.port = listening.port;
  front.url = `https://127.0.0.1:${front.port}`;
  front.close = listening.close;
  return front;
}

export interface GoGetServer extends LabServer {
  host: string;
  /** import path (host/…) -> repository URL: answered with a go-import meta tag; anything else gets a page without one. */
  meta: Map<string, string>;
  requests: string[];
}

/** HTTPS go-get discovery for a vanity host (reached through the lab forward proxy under its name). */
export async function startGoGetServer(ca: TestCa, host: string): Promise<GoGetServer> {
  const meta = new Map<string, string>();
  const requests: string[] = [];
  const server = https.createServer(await tlsCredentials(ca, [host]), (req, res) => {
    const url = new URL(req.url ?? '/', `https://${host}`);
    requests.push(`${url.pathname}${url.search}`);
    const importPath = `${host}${url.pathname}`.replace(/\/$/, '');
    const repo =
      url.searchParams.get('go-get') === '1' ? [...meta].find(([prefix]) => importPath === prefix || importPath.startsWith(`${prefix}/`)) : undefined;
    const head = repo ? `<meta name="go-import" content="${repo[0]} git ${repo[1]}">` : '<title>a page without go-import</title>';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html><head>${head}</head><body></body></html>\n`);
  });
  const { port, close } = await listenOnLoopback(server);
  return { url: `https://127.0.0.1:${port}`, port, host, meta, requests, close };
}
