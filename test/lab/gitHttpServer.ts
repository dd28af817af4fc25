// A git smart-HTTP server on 127.0.0.1: Node answers the socket and runs the real
// `git http-backend` as a CGI program per request, so clients talk to genuine git. On top, the lab
// adds what real hosts do and git alone does not: basic auth on chosen repositories, and a stall
// (a request that is accepted and never answered) for inactivity tests.
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import { hermeticGitEnv } from './gitRepos';
import { listenOnLoopback } from './loopback';

export const GIT_HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export interface GitHttpOptions {
  /** GIT_PROJECT_ROOT: GitRepos.root. */
  projectRoot: string;
  /** Repository name (as in GitRepoSpec.name, e.g. `team/private.git`) -> the only accepted credentials. */
  auth?: Record<string, { user: string; password: string }>;
}

export interface GitHttpRequest {
  method: string;
  /** Path as sent, e.g. `/team/lib/info/refs`. */
  path: string;
  query: string;
  /** Basic-auth user name sent by the client, if any. */
  user?: string;
  status: number | 'stalled';
}

/** Where a repository name (`team/lib.git`) sits in a URL path (`/team/lib/info/refs`). */
function repoOf(urlPath: string, name: string): boolean {
  const bare = name.replace(/\.git$/, '');
  return [name, bare].some((n) => urlPath === `/${n}` || urlPath.startsWith(`/${n}/`));
}

export class GitHttpServer {
  readonly requests: GitHttpRequest[] = [];
  /** `http://127.0.0.1:PORT/`: what `https://git.lab.test/` is rewritten to (see routeLabGitHost). */
  readonly baseUrl: string;
  private stallRepos: string[] = [];
  private readonly stallWaiters: { name: string; resolve: () => void }[] = [];

  private constructor(
    private readonly listening: { port: number; close: () => Promise<void> },
    private readonly options: GitHttpOptions,
  ) {
    this.baseUrl = `http://127.0.0.1:${listening.port}/`;
  }

  static async start(options: GitHttpOptions): Promise<GitHttpServer> {
    const server = http.createServer();
    const lab = new GitHttpServer(await listenOnLoopback(server), options);
    server.on('request', (req, res) => lab.handle(req, res));
    return lab;
  }

  /** From now on, requests for this repository are read and never answered. */
  stall(name: string): void {
    this.stallRepos.push(name);
  }

  unstall(): void {
    this.stallRepos = [];
  }

  /** Resolves once a request for the repository has been accepted and left hanging. */
  waitForStall(name: string): Promise<void> {
    if (this.requests.some((r) => r.status === 'stalled' && repoOf(r.path, name))) return Promise.resolve();
    return new Promise((resolve) => this.stallWaiters.push({ name, resolve }));
  }

  /** Idempotent; destroys open (and stalled) connections, which server.close() alone would wait on forever. */
  close(): Promise<void> {
    return this.listening.close();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const [urlPath = '/', query = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const entry: GitHttpRequest = { method: req.method ?? 'GET', path: urlPath, query, status: 200 };
    this.requests.push(entry);

    const stalled = this.stallRepos.find((name) => repoOf(urlPath, name));
    if (stalled) {
      entry.status = 'stalled';
      for (let i = this.stallWaiters.length - 1; i >= 0; i--) {
        const w = this.stallWaiters[i]!;
        if (w.name !== stalled) continue;
        this.stallWaiters.splice(i, 1);
        w.resolve();
      }
      return; // the request is read; never answering is the fault
    }

    const user = this.authorize(req, urlPath);
    if (user === false) {
      entry.status = 401;
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git lab"', 'Content-Type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
    if (user) entry.user = user;
    this.cgi(req, res, entry, urlPath, query, user);
  }

  /** undefined: no auth needed; a user name: accepted; false: answer 401. */
  private authorize(req: http.IncomingMessage, urlPath: string): string | undefined | false {
    const needed = Object.entries(this.options.auth ?? {}).find(([name]) => repoOf(urlPath, name))?.[1];
    if (!needed) return undefined;
    const m = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const decoded = Buffer.from(m[1]!, 'base64').toString();
    const colon = decoded.indexOf(':');
    const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    return colon >= 0 && user === needed.user && password === needed.password ? user : false;
  }

  /** Runs git http-backend for one request (RFC 3875 CGI) and relays its answer. */
  private cgi(req: http.IncomingMessage, res: http.ServerResponse, entry: GitHttpRequest, urlPath: string, query: string, user: string | undefined): void {
    const env: Record<string, string> = {
      ...hermeticGitEnv(),
      GIT_PROJECT_ROOT: this.options.projectRoot,
      GIT_HTTP_EXPORT_ALL: '1', // serve every repository, no git-daemon-export-ok files
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: safeDecode(urlPath),
      QUERY_STRING: query,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      ...(user ? { REMOTE_USER: user } : {}),
      ...(req.headers['content-type'] ? { CONTENT_TYPE: req.headers['content-type'] } : {}),
      // Absent for chunked uploads: http-backend then reads the body to EOF.
      ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
    };
    // Other headers as HTTP_*: http-backend needs HTTP_GIT_PROTOCOL (protocol v2) and HTTP_CONTENT_ENCODING (gzip).
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') env[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = value;
    }

    const child = spawn(GIT_HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    req.pipe(child.stdin);
    child.stdin.on('error', () => undefined); // http-backend may exit before reading a body it refuses
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    res.on('close', () => child.kill()); // the client went away: stop the CGI too

    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = /\r?\n\r?\n/.exec(head.toString('latin1'));
      if (!end) return;
      headersDone = true;
      const { status, headers } = parseCgiHeaders(head.subarray(0, end.index).toString('latin1'));
      entry.status = status;
      res.writeHead(status, headers);
      const rest = head.subarray(end.index + end[0].length);
      if (rest.length) res.write(rest);
    });
    child.on('close', (code) => {
      if (!headersDone) {
        entry.status = 500;
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`git http-backend exited with ${code}: ${stderr}`);
        return;
      }
      res.end();
    });
  }
}

function safeDecode(urlPath: string): string {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return urlPath;
  }
}

/** CGI response headers: `Status: 404 Not Found` becomes the status, the rest pass through. */
export function parseCgiHeaders(text: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  return { status, headers };
}
