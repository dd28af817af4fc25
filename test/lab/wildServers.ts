// Servers for failures met in the wild that the other lab servers do not make: a proxy that
// redirects to itself, a proxy that serves a module zip laid out like a source archive (GitHub's
// `repo-1.0.0/…`) instead of `<module>@<version>/…`, and a go-get host whose go-import tag names
// a version control system other than git (hg, svn, bzr, fossil). All on 127.0.0.1.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { issueCertificate, type TestCa } from './certificates';
import { listenOnLoopback } from './loopback';
import { withGoMod, buildZip } from './moduleZip';
import { escapeModulePath, type LabModule, type ModuleProxy } from './moduleProxy';

export interface RedirectLoop {
  url: string;
  /** How many requests it answered (each with a redirect to itself). */
  hits: number;
  close: () => Promise<void>;
}

/** An HTTPS server that answers every request with a 302 to the same absolute URL: a redirect loop. */
export async function startRedirectLoop(ca: TestCa): Promise<RedirectLoop> {
  const issued = await issueCertificate(ca, { hosts: ['127.0.0.1'] });
  const tls = { key: await fs.promises.readFile(issued.keyPath), cert: await fs.promises.readFile(issued.certPath) };
  const loop: RedirectLoop = { url: '', hits: 0, close: () => Promise.resolve() };
  const server = https.createServer(tls, (req, res) => {
    loop.hits++;
    res.writeHead(302, { Location: `${loop.url}${req.url ?? '/'}`, 'Content-Length': '0' });
    res.end();
  });
  const { port, close } = await listenOnLoopback(server);
  loop.url = `https://127.0.0.1:${port}`;
  loop.close = close;
  return loop;
}

/** The name of a file in a source archive of `<repo>` at `<version>`, as GitHub lays it out: `repo-1.0.0/<file>`. */
export function archiveEntryName(module: LabModule, file: string): string {
  return `${module.path.split('/').at(-1)}-${module.version.replace(/^v/, '')}/${file}`;
}

export interface ArchiveProxy {
  url: string;
  /** Zip requests it answered with the archive layout. */
  archivesServed: string[];
  close: () => Promise<void>;
}

/**
 * A GOPROXY in front of a lab proxy that relays everything, except that the zip of `module` is a
 * source archive of the same files (what a home-made proxy that mirrors release archives serves):
 * the files sit under `repo-1.0.0/`, not under `<module>@<version>/`.
 */
export async function startArchiveProxy(upstream: ModuleProxy, module: LabModule): Promise<ArchiveProxy> {
  const upstreamPort = Number(new URL(upstream.url).port);
  // Go sends the escaped path (`!other`), with `!` percent-encoded.
  const zipPath = `/${escapeModulePath(module.path)}/@v/${escapeModulePath(module.version)}.zip`;
  const files = withGoMod(module.path, module.files);
  const archive = buildZip(
    Object.keys(files)
      .sort()
      .map((file) => ({ name: archiveEntryName(module, file), content: files[file]! })),
  );
  const proxy: ArchiveProxy = { url: '', archivesServed: [], close: () => Promise.resolve() };
  const server = http.createServer((req, res) => {
    const asked = (req.url ?? '').replace(/%21/gi, '!');
    if (asked === zipPath) {
      proxy.archivesServed.push(asked);
      res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': archive.length });
      res.end(archive);
      return;
    }
    const relayed = http.request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}` },
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    relayed.on('error', () => res.destroy());
    req.pipe(relayed);
  });
  const { port, close } = await listenOnLoopback(server);
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = close;
  return proxy;
}

export interface VcsGoGetHost {
  host: string;
  port: number;
  /** import prefix (host/…) -> [vcs, repository URL] for its go-import tag. */
  meta: Map<string, [vcs: string, repository: string]>;
  requests: string[];
  close: () => Promise<void>;
}

/** HTTPS go-get discovery for a host whose go-import tags may name any VCS (reached through the lab forward proxy). */
export async function startVcsGoGetHost(ca: TestCa, host: string): Promise<VcsGoGetHost> {
  const issued = await issueCertificate(ca, { hosts: [host] });
  const tls = { key: await fs.promises.readFile(issued.keyPath), cert: await fs.promises.readFile(issued.certPath) };
  const meta = new Map<string, [string, string]>();
  const requests: string[] = [];
  const server = https.createServer(tls, (req, res) => {
    const url = new URL(req.url ?? '/', `https://${host}`);
    requests.push(`${url.pathname}${url.search}`);
    const importPath = `${host}${url.pathname}`.replace(/\/$/, '');
    const entry = [...meta].find(([prefix]) => importPath === prefix || importPath.startsWith(`${prefix}/`));
    const head = entry && url.searchParams.get('go-get') === '1' ? `<meta name="go-import" content="${entry[0]} ${entry[1][0]} ${entry[1][1]}">` : '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html><head>${head}</head><body></body></html>\n`);
  });
  const { port, close } = await listenOnLoopback(server);
  return { host, port, meta, requests, close };
}
