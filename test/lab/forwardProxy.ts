// An HTTP forward proxy on 127.0.0.1 for HTTPS_PROXY / HTTP_PROXY: CONNECT tunnels and plain-http
// absolute-URI forwarding, failing on demand (403, 407) and recording what it was asked.
//
// Go never proxies requests to localhost or loopback IPs (httpproxy's useProxy), so tests give
// GOPROXY a made-up host name and the proxy routes that name to a lab server's loopback port.
// The proxy itself resolves nothing: a target without a route gets 502, so no DNS query is made
// even if go asked for something unexpected (sum.golang.org, say).
import * as http from 'node:http';
import * as net from 'node:net';
import { closedPort } from './scenarios';
import { listenOnLoopback } from './loopback';

/** pass: tunnel/forward; forbid: 403 to everything; auth: 407 unless Proxy-Authorization is Basic user:password. */
export type ForwardProxyMode = { kind: 'pass' } | { kind: 'forbid' } | { kind: 'auth'; username: string; password: string };

export interface ForwardRequest {
  method: string;
  /** host:port for CONNECT, the absolute URI otherwise */
  target: string;
  proxyAuthorization: string | undefined;
  status: number;
}

export interface ForwardProxyOptions {
  /** `host:port` as the client asks for it -> loopback port to connect to, e.g. { 'goproxy.lab.test:443': 40123 } */
  routes: Record<string, number>;
  mode?: ForwardProxyMode;
}

const STATUS_TEXT: Record<number, string> = { 200: 'Connection Established', 403: 'Forbidden', 407: 'Proxy Authentication Required', 502: 'Bad Gateway' };

export class ForwardProxy {
  /** http://127.0.0.1:<port>, for HTTPS_PROXY / HTTP_PROXY */
  readonly url: string;
  readonly requests: ForwardRequest[] = [];

  private constructor(
    private readonly listening: { port: number; close: () => Promise<void> },
    private readonly options: Required<ForwardProxyOptions>,
  ) {
    this.url = `http://127.0.0.1:${listening.port}`;
  }

  static async start(options: ForwardProxyOptions): Promise<ForwardProxy> {
    const server = http.createServer();
    const proxy = new ForwardProxy(await listenOnLoopback(server), { mode: { kind: 'pass' }, ...options });
    server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => proxy.tunnel(req, socket, head));
    server.on('request', (req, res) => proxy.forward(req, res));
    return proxy;
  }

  /** The proxy URL with credentials, as users put them into HTTPS_PROXY. */
  urlWithCredentials(username: string, password: string): string {
    const u = new URL(this.url);
    u.username = username;
    u.password = password;
    return u.toString().replace(/\/$/, '');
  }

  /** Idempotent; destroys open tunnels, which server.close() alone would wait for. */
  close(): Promise<void> {
    return this.listening.close();
  }

  /** The status the mode gives a request before any routing: 403, 407 or undefined (go ahead). */
  private refusal(req: http.IncomingMessage): number | undefined {
    const mode = this.options.mode;
    if (mode.kind === 'forbid') return 403;
    if (mode.kind === 'auth') {
      const expected = 'Basic ' + Buffer.from(`${mode.username}:${mode.password}`).toString('base64');
      if (req.headers['proxy-authorization'] !== expected) return 407;
    }
    return undefined;
  }

  private record(req: http.IncomingMessage, target: string, status: number): void {
    this.requests.push({ method: req.method ?? '', target, proxyAuthorization: req.headers['proxy-authorization'], status });
  }

  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const target = req.url ?? '';
    const port = this.options.routes[target];
    const status = this.refusal(req) ?? (port === undefined ? 502 : 200);
    this.record(req, target, status);
    if (status !== 200 || port === undefined) {
      const challenge = status === 407 ? 'Proxy-Authenticate: Basic realm="module lab"\r\n' : '';
      client.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n${challenge}Content-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const upstream = net.connect(port, '127.0.0.1');
    // Closing the proxy destroys the client socket, which destroys this one (below).
    upstream.on('error', () => upstream.destroy());
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const target = req.url ?? '';
    let url: URL | undefined;
    try {
      url = new URL(target); // a proxy request carries an absolute URI; anything else is not for us
    } catch {
      url = undefined;
    }
    const port = url && url.protocol === 'http:' ? this.options.routes[`${url.hostname}:${url.port || '80'}`] : undefined;
    const status = this.refusal(req) ?? (port === undefined ? 502 : 200);
    const entry: ForwardRequest = { method: req.method ?? '', target, proxyAuthorization: req.headers['proxy-authorization'], status };
    this.requests.push(entry);
    if (status !== 200 || port === undefined || !url) {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...(status === 407 ? { 'Proxy-Authenticate': 'Basic realm="module lab"' } : {}) });
      res.end(`${status} ${STATUS_TEXT[status]} (module lab forward proxy)\n`);
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request({ host: '127.0.0.1', port, agent: false, method: req.method, path: url.pathname + url.search, headers }, (answer) => {
      entry.status = answer.statusCode ?? 0;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}

/** An HTTPS_PROXY value where nothing listens, for "proxyconnect tcp: … connection refused". */
export async function refusingProxyUrl(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}`;
}
