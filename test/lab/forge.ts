// A code forge on 127.0.0.1 that answers go the way GitLab does for projects in nested groups
// (`<host>/group/subgroup/repo`), under its own host name over HTTPS (reached through the lab's
// forward proxy, see classScenarios.ts startLabInternet): go's `?go-get=1` page and git smart HTTP
// (the real `git http-backend`, through a GitHttpServer behind it) on one server, as on GitLab.
//
// What GitLab does, and the forge with it:
// - go-get: GitLab's go-get middleware answers a nested path with the full project path only when
//   it may show the project to the client. An anonymous client (go sends credentials only from
//   ~/.netrc or GOAUTH, never from git's credential helpers) gets a go-import tag naming the first
//   two path elements, `<host>/group/subgroup git https://<host>/group/subgroup.git`, for a
//   private project (golang/go#34094). `anonymousGoGet: 'prefix'` answers every anonymous nested
//   go-get that way, public projects included: a forge that resolves no nested path for clients
//   it does not know.
// - git: a project that does not exist (group/subgroup.git is a group, not a project) or that the
//   client may not see gets 401 when the client sent no credentials (git then asks for them), and
//   404 "The project you were looking for could not be found or you don't have permission to view
//   it." when it did. A private project wants the credentials; a public one serves anyone.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { issueCertificate, type TestCa } from './certificates';
import { GitHttpServer } from './gitHttpServer';
import { createGitRepos, type GitRepos, type GitRepoSpec } from './gitRepos';
import { listenOnLoopback } from './loopback';

/** What GitLab's git endpoint says about a project it does not show (git prints it after "remote: "). */
export const GITLAB_NOT_FOUND = "The project you were looking for could not be found or you don't have permission to view it.";

export interface ForgeProject {
  /** The project's path under the host: `group/subgroup/repo`. */
  path: string;
  visibility: 'private' | 'public';
  /** The module path its go.mod declares; `<host>/<path>` by default. */
  modulePath?: string;
  /** tag -> files, as in GitRepoSpec. */
  tags: Record<string, Record<string, string>>;
}

export interface ForgeRequest {
  kind: 'go-get' | 'git';
  /** Path and query as sent. */
  url: string;
  /** The basic-auth user, when the credentials were accepted. */
  user: string | null;
  status: number;
  /** The go-import tag's prefix, for a go-get request. */
  importPrefix: string | null;
}

export interface Forge {
  host: string;
  /** The loopback port, for a forward proxy route `<host>:443`. */
  port: number;
  /** 'gitlab': the full path for a public project, the first two elements otherwise; 'prefix': the first two elements always. */
  anonymousGoGet: 'gitlab' | 'prefix';
  requests: ForgeRequest[];
  /** The module path of a project (`<host>/<path>` unless it declares another). */
  modulePathOf(projectPath: string): string;
  /** The git spec of a project, for go.sum lines (gitGoSum). */
  specOf(projectPath: string): GitRepoSpec;
  close(): Promise<void>;
}

export async function startForge(
  ca: TestCa,
  options: { host: string; projects: ForgeProject[]; credentials: { user: string; password: string }; anonymousGoGet?: 'gitlab' | 'prefix' },
): Promise<Forge> {
  const { host } = options;
  const specs = new Map<string, GitRepoSpec>(
    options.projects.map((project) => [
      project.path,
      { name: `${project.path}.git`, modulePath: project.modulePath ?? `${host}/${project.path}`, tags: project.tags },
    ]),
  );
  const repos: GitRepos = await createGitRepos([...specs.values()]);
  let backend: GitHttpServer | undefined;
  try {
    backend = await GitHttpServer.start({ projectRoot: repos.root });
    const issued = await issueCertificate(ca, { hosts: [host] });
    const tls = { key: await fs.promises.readFile(issued.keyPath), cert: await fs.promises.readFile(issued.certPath) };
    const expected = `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`;
    const backendPort = Number(new URL(backend.baseUrl).port);
    const projects = options.projects;

    const forge: Forge = {
      host,
      port: 0,
      anonymousGoGet: options.anonymousGoGet ?? 'gitlab',
      requests: [],
      modulePathOf: (projectPath) => specs.get(projectPath)?.modulePath ?? `${host}/${projectPath}`,
      specOf: (projectPath) => {
        const spec = specs.get(projectPath);
        if (!spec) throw new Error(`the forge has no project ${projectPath}`);
        return spec;
      },
      close: () => Promise.resolve(),
    };

    const server = https.createServer(tls, (req, res) => {
      const url = new URL(req.url ?? '/', `https://${host}`);
      const authenticated = req.headers.authorization === expected;
      const user = authenticated ? options.credentials.user : null;
      const record = (entry: Omit<ForgeRequest, 'url' | 'user'>) => forge.requests.push({ url: `${url.pathname}${url.search}`, user, ...entry });

      const git = /^\/(.+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack|HEAD)$/.exec(url.pathname);
      if (git) {
        const project = projects.find((candidate) => candidate.path === git[1]);
        if (!project || (project.visibility === 'private' && !authenticated)) {
          if (!authenticated) {
            record({ kind: 'git', status: 401, importPrefix: null });
            res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitLab"', 'Content-Type': 'text/plain' });
            res.end('HTTP Basic: Access denied\n');
            return;
          }
          record({ kind: 'git', status: 404, importPrefix: null });
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`${GITLAB_NOT_FOUND}\n`);
          return;
        }
        record({ kind: 'git', status: 200, importPrefix: null });
        relay(req, res, backendPort, `/${project.path}.git/${git[2]}${url.search}`);
        return;
      }

      if (url.searchParams.get('go-get') === '1') {
        const segments = url.pathname.split('/').filter(Boolean);
        // GitLab looks for the longest project path that the request's path starts with.
        const project = projects
          .filter((candidate) => url.pathname === `/${candidate.path}` || url.pathname.startsWith(`/${candidate.path}/`))
          .sort((a, b) => b.path.length - a.path.length)[0];
        const visible = project !== undefined && (authenticated || (project.visibility === 'public' && forge.anonymousGoGet === 'gitlab'));
        const prefix = visible ? project.path : segments.slice(0, 2).join('/');
        record({ kind: 'go-get', status: 200, importPrefix: `${host}/${prefix}` });
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(
          `<html><head><meta name="go-import" content="${host}/${prefix} git https://${host}/${prefix}.git"></head><body>go get ${host}/${prefix}</body></html>\n`,
        );
        return;
      }

      record({ kind: 'go-get', status: 404, importPrefix: null });
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('404 Not Found\n');
    });
    const listening = await listenOnLoopback(server);
    forge.port = listening.port;
    const started = backend;
    forge.close = async () => {
      await listening.close();
      await started.close();
      await repos.cleanup();
    };
    return forge;
  } catch (error) {
    await backend?.close();
    await repos.cleanup();
    throw error;
  }
}

/** Relays a git request to the plain-http git backend on 127.0.0.1, with the path rewritten. */
function relay(req: http.IncomingMessage, res: http.ServerResponse, port: number, path: string): void {
  const headers = { ...req.headers, host: `127.0.0.1:${port}` };
  delete headers.authorization; // the forge checked them; the backend wants none
  const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path, headers, agent: false }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}
