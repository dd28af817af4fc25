// A GOPROXY-protocol server on 127.0.0.1 that serves modules defined in code and fails on demand,
// so tests can show what the real `go` does for each failure without touching the internet.
import * as http from 'node:http';
import * as https from 'node:https';
import { buildModuleZip, goSumLines, withGoMod } from './moduleZip';
import { listenOnLoopback } from './loopback';

export interface LabModule {
  path: string;
  version: string;
  /** relative path -> content; go.mod defaults to `module <path>\n\ngo 1.21\n` */
  files?: Record<string, string>;
  /** RFC 3339 time for `.info`; defaults to 2024-01-01T00:00:00Z */
  time?: string;
  /** go.mod written from these (when files has no go.mod): the module's requirements, */
  requires?: { path: string; version: string }[];
  /** its retract directives (a version or a [low, high] range, with the author's comment or none), */
  retract?: { versions: string | [string, string]; rationale?: string }[];
  /** and its `// Deprecated:` comment. */
  deprecated?: string;
}

/** The go.mod a LabModule describes: `// Deprecated:` above the module line, then require and retract directives. */
export function labGoMod(m: LabModule): string {
  const lines: string[] = [];
  if (m.deprecated !== undefined) lines.push(`// Deprecated: ${m.deprecated}`);
  lines.push(`module ${m.path}`, '', 'go 1.21');
  if (m.requires?.length) lines.push('', 'require (', ...m.requires.map((r) => `\t${r.path} ${r.version}`), ')');
  for (const r of m.retract ?? []) {
    const versions = typeof r.versions === 'string' ? r.versions : `[${r.versions[0]}, ${r.versions[1]}]`;
    lines.push('', `retract ${versions}${r.rationale ? ` // ${r.rationale}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A pseudo-version (vX.Y.Z-[pre.]0.yyyymmddhhmmss-abcdefabcdef, or vX.0.0-yyyymmddhhmmss-…): never listed by a proxy. */
export function isPseudoVersion(version: string): boolean {
  return /-(?:[^+]*\.)?\d{14}-[0-9a-f]{12}(?:\+incompatible)?$/.test(version);
}

export type Fault =
  | { kind: 'status'; status: number; body?: string } // text/plain body
  | { kind: 'stall-headers' } // read the request, never answer
  | { kind: 'stall-body'; afterBytes?: number } // headers + Content-Length + part of the body, then silence
  | { kind: 'slow-body'; bytesPerSecond: number; stopAfterBytes?: number } // headers + Content-Length, then the body at a steady rate (a slow link); silence after stopAfterBytes
  | { kind: 'corrupt-zip' } // 200 with bytes that are not a zip
  | { kind: 'wrong-content' } // 200 with valid content that differs from what go.sum expects
  | { kind: 'reset' }; // TCP RST

export type ProxyFile = 'info' | 'mod' | 'zip' | 'list' | 'latest';

export interface FaultRule {
  module: string;
  version?: string;
  file?: ProxyFile;
  fault: Fault;
  /** how many matching requests fail; forever when absent */
  times?: number;
}

/**
 * not-found: /supported is 200 and every lookup is 404 "not found: <mod>@<ver>: ..." (what
 * sum.golang.org says about a module it cannot fetch, e.g. a private one);
 * unsupported: /supported is 404, so go talks to the database directly (unreachable here);
 * error: lookups answer 500.
 */
export interface SumDbOptions {
  mode: 'not-found' | 'unsupported' | 'error';
}

/** PEM key and certificate: the proxy then serves HTTPS (see tlsModuleProxy.ts). */
export interface TlsCredentials {
  key: string | Buffer;
  cert: string | Buffer;
}

export interface LabRequest {
  method: string;
  path: string;
  status: number | 'stalled' | 'reset';
}

/** One request being answered, with what the healthy answer would have been. */
interface Exchange {
  entry: LabRequest;
  stallKey: string;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  path: string;
  version: string | undefined;
  file: ProxyFile;
  body: Buffer | undefined;
}

const DEFAULT_TIME = '2024-01-01T00:00:00Z';

/** Go's module.EscapePath in reverse: `!x` is `X`. */
export function unescapeModulePath(escaped: string): string {
  return escaped.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Go's module.EscapePath: upper-case letters become `!` + lower case, for URLs and cache folders. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** Orders `vX.Y.Z[-pre]` the semver way, enough for `/@latest` and `/@v/list`. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.replace(/^v/, '').split(/-(.*)/s);
    return { nums: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === undefined || y.pre === undefined) return (x.pre === undefined ? 1 : 0) - (y.pre === undefined ? 1 : 0);
  return x.pre.localeCompare(y.pre, 'en', { numeric: true });
}

export class ModuleProxy {
  readonly url: string;
  readonly requests: LabRequest[] = [];
  private readonly modules = new Map<string, LabModule>(); // key: path@version
  private faults: FaultRule[] = [];
  private readonly stalled: string[] = [];
  private readonly stallWaiters: { fragment: string; resolve: () => void }[] = [];

  private constructor(
    private readonly listening: { port: number; close: () => Promise<void> },
    private readonly sumdb: SumDbOptions,
    scheme: 'http' | 'https',
  ) {
    this.url = `${scheme}://127.0.0.1:${listening.port}`;
  }

  static async start(options: { modules?: LabModule[]; sumdb?: SumDbOptions; tls?: TlsCredentials } = {}): Promise<ModuleProxy> {
    // Same handler either way: with tls, the 'connection' sockets below are the raw TCP ones, so close() still works.
    const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }) : http.createServer();
    const listening = await listenOnLoopback(server);
    // A proxy that does not mirror the checksum database says so on /supported: that is the default.
    const proxy = new ModuleProxy(listening, options.sumdb ?? { mode: 'unsupported' }, options.tls ? 'https' : 'http');
    server.on('request', (req, res) => proxy.handle(req, res));
    for (const m of options.modules ?? []) proxy.addModule(m);
    return proxy;
  }

  addModule(m: LabModule): void {
    const described = m.requires !== undefined || m.retract !== undefined || m.deprecated !== undefined;
    const files = described && !m.files?.['go.mod'] ? { ...m.files, 'go.mod': labGoMod(m) } : m.files;
    this.modules.set(`${m.path}@${m.version}`, { ...m, files });
  }

  addFault(rule: FaultRule): void {
    this.faults.push({ ...rule });
  }

  clearFaults(): void {
    this.faults = [];
  }

  goSumLines(path: string, version: string): string[] {
    const m = this.modules.get(`${path}@${version}`);
    if (!m) throw new Error(`the lab does not serve ${path}@${version}`);
    return goSumLines(m.path, m.version, m.files);
  }

  waitForStall(fragment: string): Promise<void> {
    if (this.stalled.some((p) => p.includes(fragment))) return Promise.resolve();
    return new Promise((resolve) => this.stallWaiters.push({ fragment, resolve }));
  }

  /** Idempotent; destroys open (and stalled) connections, which server.close() alone would wait for forever. */
  close(): Promise<void> {
    return this.listening.close();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const rawPath = (req.url ?? '/').split('?')[0]!;
    // Go sends `!` as is, but other clients may percent-encode it as %21.
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      path = rawPath;
    }
    const entry: LabRequest = { method: req.method ?? 'GET', path: rawPath, status: 200 };
    this.requests.push(entry);

    const text = (status: number, body: string) => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(body);
    };

    if (path.startsWith('/sumdb/')) return this.handleSumDb(path, text);

    const m = /^\/(.+?)\/@(?:v\/(list|.+\.(info|mod|zip))|(latest))$/.exec(path);
    if (!m) return text(404, `not found: ${path}`);
    const modPath = unescapeModulePath(m[1]!);
    const file = (m[2] === 'list' ? 'list' : (m[3] ?? m[4])) as ProxyFile;
    const version = file === 'list' || file === 'latest' ? undefined : unescapeModulePath(m[2]!.replace(/\.[a-z]+$/, ''));

    const body = this.content(modPath, version, file);
    const fault = this.takeFault(modPath, version, file);
    // Stall waiters may name the URL as sent (go sends `%21upper`), decoded (`!upper`) or the module (`Upper/lib@v1.0.0`).
    const stallKey = `${rawPath} ${path} ${modPath}@${version ?? file}`;
    if (fault) return this.inject(fault, { entry, stallKey, req, res, path: modPath, version, file, body });
    if (body === undefined) {
      const what = version ? `${modPath}@${version}: invalid version: unknown revision ${version}` : `module ${modPath}: no matching versions`;
      return text(404, `not found: ${what}`);
    }
    res.writeHead(200, { 'Content-Type': contentType(file), 'Content-Length': body.length });
    res.end(body);
  }

  /** The healthy answer, or undefined when the lab does not know the module/version. */
  private content(path: string, version: string | undefined, file: ProxyFile, wrong = false): Buffer | undefined {
    const versions = [...this.modules.values()].filter((x) => x.path === path).sort((a, b) => compareVersions(a.version, b.version));
    // As a real proxy does: the list holds tagged versions only; @latest falls back to the newest pseudo-version.
    const tagged = versions.filter((x) => !isPseudoVersion(x.version));
    if (file === 'list') return versions.length ? Buffer.from(tagged.map((x) => x.version + '\n').join('')) : undefined;
    const m = file === 'latest' ? (tagged.at(-1) ?? versions.at(-1)) : versions.find((x) => x.version === version);
    if (!m) return undefined;
    // wrong-content: a go.mod with an extra comment and one extra file, so both go.sum hashes disagree.
    const files = wrong ? tampered(withGoMod(m.path, m.files)) : m.files;
    switch (file) {
      case 'mod':
        return Buffer.from(withGoMod(m.path, files)['go.mod']!);
      case 'zip':
        return buildModuleZip(m.path, m.version, files);
      default:
        return Buffer.from(JSON.stringify({ Version: m.version, Time: m.time ?? DEFAULT_TIME }));
    }
  }

  private takeFault(path: string, version: string | undefined, file: ProxyFile): Fault | undefined {
    const i = this.faults.findIndex(
      (r) => r.module === path && (r.version === undefined || r.version === version) && (r.file === undefined || r.file === file),
    );
    if (i < 0) return undefined;
    const rule = this.faults[i]!;
    if (rule.times !== undefined && --rule.times <= 0) this.faults.splice(i, 1);
    return rule.fault;
  }

  private inject(fault: Fault, r: Exchange): void {
    const { entry, stallKey, req, res, path, version, file, body } = r;
    switch (fault.kind) {
      case 'status':
        entry.status = fault.status;
        res.writeHead(fault.status, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(fault.body ?? `${fault.status} injected by the module lab for ${req.url}\n`);
        return;
      case 'stall-headers':
        entry.status = 'stalled';
        this.markStalled(stallKey);
        return; // the request has been read; never answering is the fault
      case 'stall-body': {
        const full = body ?? Buffer.from('the lab has no such module, but stalls anyway\n');
        const sent = Math.min(fault.afterBytes ?? Math.floor(full.length / 2), full.length - 1);
        entry.status = 'stalled';
        res.writeHead(200, { 'Content-Type': contentType(file), 'Content-Length': full.length });
        // Only once the partial body is on the wire is the client really waiting.
        res.write(full.subarray(0, sent), () => this.markStalled(stallKey));
        return;
      }
      case 'slow-body':
        return this.trickle(fault, r);
      case 'corrupt-zip': {
        const junk = Buffer.from('this is not a zip file: the module lab corrupted it on purpose\n');
        res.writeHead(200, { 'Content-Type': contentType(file), 'Content-Length': junk.length });
        res.end(junk);
        return;
      }
      case 'wrong-content': {
        const other = this.content(path, version, file, true) ?? Buffer.alloc(0);
        res.writeHead(200, { 'Content-Type': contentType(file), 'Content-Length': other.length });
        res.end(other);
        return;
      }
      case 'reset':
        entry.status = 'reset';
        req.socket.resetAndDestroy(); // an RST, not a polite FIN
        return;
    }
  }

  /**
   * The body in small slices at a steady rate, as a slow link delivers it: every byte keeps moving,
   * go just prints nothing until the last one. With stopAfterBytes, the slices stop there for good
   * (a stall after a slow start), and waitForStall resolves once that last slice is on the wire.
   */
  private trickle(fault: Extract<Fault, { kind: 'slow-body' }>, r: Exchange): void {
    const { entry, stallKey, res, file, body } = r;
    const full = body ?? Buffer.from('the lab has no such module, but sends this slowly anyway\n');
    const stopAt = Math.min(fault.stopAfterBytes ?? full.length, full.length);
    const sliceMs = 50;
    const slice = Math.max(1, Math.round((fault.bytesPerSecond * sliceMs) / 1000));
    res.writeHead(200, { 'Content-Type': contentType(file), 'Content-Length': full.length });
    let sent = 0;
    const timer = setInterval(() => {
      const next = Math.min(sent + slice, stopAt);
      const last = next >= stopAt;
      res.write(full.subarray(sent, next), () => {
        if (last && stopAt < full.length) this.markStalled(stallKey);
      });
      sent = next;
      if (!last) return;
      clearInterval(timer);
      if (stopAt < full.length) entry.status = 'stalled';
      else res.end();
    }, sliceMs);
    res.on('close', () => clearInterval(timer));
  }

  private handleSumDb(path: string, text: (status: number, body: string) => void): void {
    const m = /^\/sumdb\/([^/]+)\/(.*)$/.exec(path);
    const rest = m?.[2] ?? '';
    if (rest === 'supported') return this.sumdb.mode === 'unsupported' ? text(404, 'not found: checksum database not proxied\n') : text(200, '');
    if (this.sumdb.mode === 'unsupported') return text(404, 'not found\n');
    if (rest.startsWith('lookup/')) {
      const modver = rest.slice('lookup/'.length);
      const at = modver.lastIndexOf('@');
      const mod = `${unescapeModulePath(modver.slice(0, at))}@${unescapeModulePath(modver.slice(at + 1))}`;
      if (this.sumdb.mode === 'error') return text(500, 'internal error: the module lab was asked to fail\n');
      return text(404, `not found: ${mod}: invalid version: unknown revision ${mod.slice(mod.lastIndexOf('@') + 1)}\n`);
    }
    // latest / tiles: the lab keeps no signed tree, lookups already fail before these matter.
    return text(this.sumdb.mode === 'error' ? 500 : 404, 'not found\n');
  }

  private markStalled(key: string): void {
    this.stalled.push(key);
    for (let i = this.stallWaiters.length - 1; i >= 0; i--) {
      const w = this.stallWaiters[i]!;
      if (key.includes(w.fragment)) {
        this.stallWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}

function tampered(files: Record<string, string>): Record<string, string> {
  return { ...files, 'go.mod': `${files['go.mod']}// tampered by the module lab\n`, 'TAMPERED.txt': 'not what was published\n' };
}

function contentType(file: ProxyFile): string {
  if (file === 'zip') return 'application/zip';
  if (file === 'info' || file === 'latest') return 'application/json';
  return 'text/plain; charset=utf-8';
}

export function startModuleProxy(modules: LabModule[] = [], sumdb?: SumDbOptions): Promise<ModuleProxy> {
  return ModuleProxy.start(sumdb ? { modules, sumdb } : { modules });
}
