// The servers of Go's own cmd/go script tests (src/cmd/go/testdata/script), rebuilt on 127.0.0.1
// for test/integration/goScenarios.test.ts, from the data the Go installation under test ships:
// - GoTestProxy: proxy_test.go's module proxy. It serves testdata/mod/*.txt (rsc.io/quote,
//   rsc.io/badzip, golang.org/toolchain …) with the same special prefixes (`/404/`, `/invalid/`,
//   `/redirect/<n>/`, `/sumdb-<n>/`, `/sumdb-wrong/`, `/sumdb-redirect/<m@v>:`, `/sumdb-direct/`)
//   and the same checksum database (localhost.localdev/sumdb, signed with the tests' own key), so
//   the real go prints the very hashes and texts the scripts expect.
// - TestSumDb: x/mod/sumdb's TestServer + Server (a signed transparency log with tiles), in TypeScript.
// - VcsForge: what vcweb answers for vcs-test.golang.org (testdata/vcstest/{auth,go,insecure}),
//   plus git over HTTPS for the hosts a test names (github.com, golang.org, gopkg.in …): an HTTPS
//   server whose certificate the lab CA signed, reached through the lab forward proxy
//   (HTTPS_PROXY), so no name is ever looked up; git requests go to the lab's git http-backend.
// - file:// proxies and git repositories with the exact commits, refs and dates a script needs.
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { issueCertificate, type TestCa } from './certificates';
import { ForwardProxy } from './forwardProxy';
import { GitHttpServer } from './gitHttpServer';
import { git, hermeticGitEnv } from './gitRepos';
import { GO } from './goSandbox';
import { listenOnLoopback } from './loopback';
import { escapeModulePath, unescapeModulePath } from './moduleProxy';
import { hash1 } from './moduleZip';

/** The Go tree of the go under test (/usr/local/go), which ships the script tests and their data. */
export const GOROOT = path.dirname(path.dirname(GO));
export const GO_TESTDATA = path.join(GOROOT, 'src', 'cmd', 'go', 'testdata');

/** script_test.go's checksum database: name, the verifier key scripts set as GOSUMDB, and its signer. */
export const TEST_SUMDB_NAME = 'localhost.localdev/sumdb';
export const TEST_SUMDB_VERIFIER_KEY = 'localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6';
const TEST_SUMDB_SIGNER_KEY = 'PRIVATE+KEY+localhost.localdev/sumdb+00000c67+AXu6+oaVaOYuQOFrf1V59JK1owcFlJcHwwXHDfDGxSPk';

// ---- txtar (cmd/go/internal/txtar, byte for byte) --------------------------------------------------

export interface TxtarFile {
  name: string;
  data: Buffer;
}

export function parseTxtar(data: Buffer): { comment: Buffer; files: TxtarFile[] } {
  const fixNL = (b: Buffer) => (b.length === 0 || b[b.length - 1] === 0x0a ? b : Buffer.concat([b, Buffer.from('\n')]));
  const isMarker = (b: Buffer): { name: string; after: Buffer } | null => {
    if (!b.subarray(0, 3).equals(Buffer.from('-- '))) return null;
    const nl = b.indexOf(0x0a);
    const line = (nl >= 0 ? b.subarray(0, nl) : b).toString('utf8');
    if (!line.endsWith(' --') || line.length < 6) return null;
    return { name: line.slice(3, -3).trim(), after: nl >= 0 ? b.subarray(nl + 1) : Buffer.alloc(0) };
  };
  const findMarker = (b: Buffer): { before: Buffer; name: string; after: Buffer } => {
    let i = 0;
    for (;;) {
      const marker = isMarker(b.subarray(i));
      if (marker && marker.name) return { before: b.subarray(0, i), name: marker.name, after: marker.after };
      const j = b.indexOf('\n-- ', i);
      if (j < 0) return { before: fixNL(b), name: '', after: Buffer.alloc(0) };
      i = j + 1;
    }
  };
  const files: TxtarFile[] = [];
  const { before: comment, ...first } = findMarker(data);
  let { name, after } = first;
  while (name) {
    const next = findMarker(after);
    files.push({ name, data: next.before });
    ({ name, after } = next);
  }
  return { comment, files };
}

// ---- zip ------------------------------------------------------------------------------------------

/** A zip of these entries, named exactly as given (stored, not deflated: Go reads either). */
export function storedZip(entries: { name: string; data: Buffer | string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 10, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// ---- module archives (testdata/mod) ---------------------------------------------------------------

/** One module version as proxy_test.go serves it: `.info`, `.mod`, and the rest zipped under `path@version/`. */
export interface ModArchive {
  path: string;
  version: string;
  files: TxtarFile[];
}

export function archiveFile(archive: ModArchive, name: string): Buffer | undefined {
  return archive.files.find((file) => file.name === name)?.data;
}

/** proxy_test.go's zip: every file but `.info`/`.mod`/`.zip`; a name starting with `/` is used as is. */
export function archiveZip(archive: ModArchive): Buffer {
  return storedZip(
    archive.files
      .filter((file) => !['.info', '.mod', '.zip'].includes(file.name))
      .map((file) => ({ name: file.name.startsWith('/') ? file.name.slice(1) : `${archive.path}@${archive.version}/${file.name}`, data: file.data })),
  );
}

/** proxyGoSum: the two go.sum lines of an archive, as the test checksum database records them. */
export function archiveGoSum(archive: ModArchive): string {
  const { path: p, version: v } = archive;
  const content = archive.files.filter((file) => !file.name.startsWith('.')).map((file) => ({ name: `${p}@${v}/${file.name}`, content: file.data }));
  const goMod = archiveFile(archive, '.mod') ?? Buffer.alloc(0);
  return `${p} ${v} ${hash1(content)}\n${p} ${v}/go.mod ${hash1([{ name: 'go.mod', content: goMod }])}\n`;
}

/** A module archive written in code: files by name (`.info`, `.mod`, `go.mod`, `x.go` …). */
export function makeArchive(modulePath: string, version: string, files: Record<string, string>): ModArchive {
  return { path: modulePath, version, files: Object.entries(files).map(([name, data]) => ({ name, data: Buffer.from(data) })) };
}

// ---- the checksum database (x/mod/sumdb TestServer + Server) --------------------------------------

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const recordHash = (data: Buffer) => sha256(Buffer.from([0]), data);
const nodeHash = (left: Buffer, right: Buffer) => sha256(Buffer.from([1]), left, right);

/**
 * A signed transparency log that adds a record on first lookup, like sumdb.NewTestServer: gosum
 * gives a module's go.sum lines (null: not found). Answers /lookup/, /latest and /tile/.
 */
export class TestSumDb {
  private readonly records: Buffer[] = [];
  private readonly leaves: Buffer[] = [];
  private readonly ids = new Map<string, number>();
  private readonly name: string;
  private readonly keyHash: Buffer;
  private readonly key: KeyObject;

  constructor(
    private readonly gosum: (modulePath: string, version: string) => string | null,
    signerKey = TEST_SUMDB_SIGNER_KEY,
  ) {
    // PRIVATE+KEY+<name>+<hash>+<base64(alg || seed)> (base64 has '+' of its own)
    const [, name = '', hash = '', encoded = ''] = /^PRIVATE\+KEY\+([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(signerKey) ?? [];
    const raw = Buffer.from(encoded, 'base64');
    this.name = name;
    this.keyHash = Buffer.from(hash, 'hex');
    this.key = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw.subarray(1)]),
      format: 'der',
      type: 'pkcs8',
    });
  }

  /** How many records the log holds. */
  get size(): number {
    return this.records.length;
  }

  /** Answers a request whose path is relative to the database URL (`/lookup/…`, `/latest`, `/tile/…`). */
  serve(urlPath: string, res: http.ServerResponse, redirectLookup?: string): void {
    const text = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    if (urlPath.startsWith('/lookup/')) {
      const mod = redirectLookup ?? urlPath.slice('/lookup/'.length);
      if (!/^[^@]+@v[0-9]+\.[0-9]+\.[0-9]+(-[^@]*)?(\+incompatible)?$/.test(mod)) return text(400, 'invalid module@version syntax\n');
      const at = mod.indexOf('@');
      const modulePath = unescapeModulePath(mod.slice(0, at));
      const version = unescapeModulePath(mod.slice(at + 1));
      const id = this.lookup(modulePath, version);
      if (id === null) return text(404, 'file does not exist\n');
      return text(200, Buffer.concat([Buffer.from(`${id}\n`), this.records[id]!, Buffer.from('\n'), this.signed()]), 'text/plain; charset=UTF-8');
    }
    if (urlPath === '/latest') return text(200, this.signed(), 'text/plain; charset=UTF-8');
    const tile = /^\/tile\/(\d+)\/(data|\d+)\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d+))?$/.exec(urlPath);
    if (tile) {
      const height = Number(tile[1]);
      const index = tile[3]!.split('/').reduce((n, part) => n * 1000 + Number(part.replace('x', '')), 0);
      const width = tile[4] ? Number(tile[4]) : 1 << height;
      const start = index << height;
      if (start + width > this.records.length && tile[2] === 'data') return text(404, 'missing records\n');
      if (tile[2] === 'data') return text(200, Buffer.concat(this.records.slice(start, start + width).map((r) => Buffer.concat([r, Buffer.from('\n')]))));
      const level = height * Number(tile[2]);
      const hashes: Buffer[] = [];
      for (let i = 0; i < width; i++) {
        const hash = this.subtree(start + i, level);
        if (!hash) return text(404, 'missing hashes\n');
        hashes.push(hash);
      }
      return text(200, Buffer.concat(hashes), 'application/octet-stream');
    }
    text(404, '404 page not found\n');
  }

  private lookup(modulePath: string, version: string): number | null {
    const key = `${modulePath}@${version}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const lines = this.gosum(modulePath, version);
    if (lines === null) return null;
    const id = this.records.length;
    this.records.push(Buffer.from(lines));
    this.leaves.push(recordHash(Buffer.from(lines)));
    this.ids.set(key, id);
    return id;
  }

  /** The hash of the complete subtree of 2^level leaves starting at leaf index << level; null if incomplete. */
  private subtree(index: number, level: number): Buffer | null {
    const first = index * 2 ** level;
    if (first + 2 ** level > this.leaves.length) return null;
    return this.mth(first, first + 2 ** level);
  }

  /** RFC 6962 Merkle tree hash of leaves [lo, hi). */
  private mth(lo: number, hi: number): Buffer {
    if (hi - lo === 0) return sha256();
    if (hi - lo === 1) return this.leaves[lo]!;
    let k = 1;
    while (k * 2 < hi - lo) k *= 2;
    return nodeHash(this.mth(lo, lo + k), this.mth(lo + k, hi));
  }

  private signed(): Buffer {
    const n = this.leaves.length;
    const text = `go.sum database tree\n${n}\n${this.mth(0, n).toString('base64')}\n`;
    const signature = sign(null, Buffer.from(text), this.key);
    return Buffer.from(`${text}\n— ${this.name} ${Buffer.concat([this.keyHash, signature]).toString('base64')}\n`);
  }
}

// ---- the module proxy of proxy_test.go ------------------------------------------------------------

export class GoTestProxy {
  /** GOPROXY as script_test.go sets it: `http://127.0.0.1:<port>/mod`. */
  readonly url: string;
  /** Paths asked for, in order. */
  readonly requests: string[] = [];
  /** The database at $GOPROXY/sumdb/localhost.localdev/sumdb and $GOPROXY/sumdb-direct. */
  readonly sumdb: TestSumDb;
  /** $GOPROXY/sumdb-wrong: signed with the same key, every hash `h1:wrong`. */
  readonly wrongSumdb: TestSumDb;
  private readonly extras = new Map<string, ModArchive>();
  private readonly cache = new Map<string, ModArchive | null>();
  private readonly dirVersions: Map<string, string[]>;

  private constructor(
    private readonly listening: { port: number; close: () => Promise<void> },
    readonly modDir: string,
  ) {
    this.url = `http://127.0.0.1:${listening.port}/mod`;
    this.sumdb = new TestSumDb((p, v) => {
      const archive = this.archive(p, v);
      return archive ? archiveGoSum(archive) : null;
    });
    this.wrongSumdb = new TestSumDb((p, v) => `${p} ${v} h1:wrong\n${p} ${v}/go.mod h1:wrong\n`);
    this.dirVersions = new Map();
    for (const name of fs.readdirSync(modDir)) {
      const m = /^(.*)_(v[^_]*)\.txt$/.exec(name);
      if (!m) continue;
      const modulePath = unescapeModulePath(m[1]!.replace(/_/g, '/'));
      this.dirVersions.set(modulePath, [...(this.dirVersions.get(modulePath) ?? []), unescapeModulePath(m[2]!)]);
    }
  }

  static async start(options: { modDir?: string } = {}): Promise<GoTestProxy> {
    const server = http.createServer();
    const proxy = new GoTestProxy(await listenOnLoopback(server), options.modDir ?? path.join(GO_TESTDATA, 'mod'));
    server.on('request', (req, res) => proxy.handle(req, res));
    return proxy;
  }

  /** Serves one more module version (or replaces one of testdata/mod). */
  add(archive: ModArchive): void {
    this.extras.set(`${archive.path}@${archive.version}`, archive);
    this.cache.delete(`${archive.path}@${archive.version}`);
  }

  /** The go.sum lines of a module version this proxy serves. */
  goSum(modulePath: string, version: string): string {
    const archive = this.archive(modulePath, version);
    if (!archive) throw new Error(`the test proxy does not serve ${modulePath}@${version}`);
    return archiveGoSum(archive);
  }

  archive(modulePath: string, version: string): ModArchive | null {
    const key = `${modulePath}@${version}`;
    const extra = this.extras.get(key);
    if (extra) return extra;
    if (!this.cache.has(key)) {
      const file = path.join(this.modDir, `${escapeModulePath(modulePath).replace(/\//g, '_')}_${escapeModulePath(version)}.txt`);
      this.cache.set(key, fs.existsSync(file) ? { path: modulePath, version, files: parseTxtar(fs.readFileSync(file)).files } : null);
    }
    return this.cache.get(key) ?? null;
  }

  close(): Promise<void> {
    return this.listening.close();
  }

  private versions(modulePath: string): string[] {
    const fromExtras = [...this.extras.values()].filter((a) => a.path === modulePath).map((a) => a.version);
    return [...new Set([...(this.dirVersions.get(modulePath) ?? []), ...fromExtras])];
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    this.requests.push(urlPath);
    const status = (code: number, body = '') => {
      res.writeHead(code, body ? { 'Content-Type': 'text/plain; charset=utf-8' } : {});
      res.end(body);
    };
    const notFound = () => status(404, '404 page not found\n');
    if (!urlPath.startsWith('/mod/')) return notFound();
    let p = urlPath.slice('/mod/'.length);
    if (p.startsWith('invalid/')) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('invalid');
    }
    const slash = p.indexOf('/');
    if (slash >= 0) {
      const first = p.slice(0, slash);
      if (/^\d+$/.test(first) && Number(first) >= 200) return status(Number(first));
      const sumdbStatus = /^sumdb-(\d+)$/.exec(first);
      if (sumdbStatus && Number(sumdbStatus[1]) >= 200) {
        if (p.slice(slash).startsWith('/sumdb/')) return status(Number(sumdbStatus[1]));
        p = p.slice(slash + 1);
      }
    }
    if (p.startsWith('sumdb-direct/')) return this.sumdb.serve(p.slice('sumdb-direct'.length), res);
    if (p.startsWith('sumdb-wrong/')) return this.wrongSumdb.serve(p.slice('sumdb-wrong'.length), res);
    if (p.startsWith('sumdb-redirect/')) {
      const rest = p.slice('sumdb-redirect'.length);
      const colon = rest.indexOf(':');
      if (colon < 0) return status(500);
      const [redirect, tail] = [rest.slice(1, colon), rest.slice(colon + 1)];
      return this.sumdb.serve(tail, res, tail.startsWith('/lookup/') ? redirect : undefined);
    }
    const redirect = /^redirect\/(\d+)\/(.*)$/.exec(p);
    if (redirect) {
      const count = Number(redirect[1]);
      res.writeHead(302, { Location: count <= 1 ? `/mod/${redirect[2]}` : `/mod/redirect/${count - 1}/${redirect[2]}` });
      return void res.end();
    }
    if (p === `sumdb/${TEST_SUMDB_NAME}/supported`) return status(200);
    if (p.startsWith(`sumdb/${TEST_SUMDB_NAME}/`)) return this.sumdb.serve(p.slice(`sumdb/${TEST_SUMDB_NAME}`.length), res);

    const latest = /^(.+)\/@latest$/.exec(p);
    if (latest) {
      const versions = this.versions(unescapeModulePath(latest[1]!)).sort(compareSemver);
      const release = versions.filter((v) => !v.includes('-'));
      const pick = release.at(-1) ?? versions.at(-1);
      if (!pick) return notFound();
      p = `${latest[1]}/@v/${escapeModulePath(pick)}.info`;
    }
    const at = p.indexOf('/@v/');
    if (at < 0) return notFound();
    const modulePath = unescapeModulePath(p.slice(0, at));
    const file = p.slice(at + '/@v/'.length);
    if (file === 'list') {
      const versions = this.versions(modulePath);
      if (versions.length === 0) return notFound();
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end(
        versions
          .filter((v) => !PSEUDO_VERSION.test(v))
          .map((v) => `${v}\n`)
          .join(''),
      );
    }
    const dot = file.lastIndexOf('.');
    if (dot < 0) return notFound();
    const archive = this.archive(modulePath, unescapeModulePath(file.slice(0, dot)));
    if (!archive) return notFound();
    const ext = file.slice(dot + 1);
    if (ext === 'info' || ext === 'mod') {
      const data = archiveFile(archive, `.${ext}`);
      if (!data) return notFound();
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end(data);
    }
    if (ext === 'zip') {
      res.writeHead(200, { 'Content-Type': 'application/zip' });
      return void res.end(archiveZip(archive));
    }
    notFound();
  }
}

/** module.IsPseudoVersion's pattern. */
const PSEUDO_VERSION = /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre = ''] = v.replace(/^v/, '').replace(/\+.*$/, '').split(/-(.*)/s);
    return { nums: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
  if (!x.pre || !y.pre) return (x.pre ? 0 : 1) - (y.pre ? 0 : 1);
  return x.pre.localeCompare(y.pre, 'en', { numeric: true });
}

/** Writes a file:// proxy tree (relative path -> content) under dir and returns its `file://` URL. */
export function writeFileProxy(dir: string, files: Record<string, string | Buffer>): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return `file://${dir}`;
}

// ---- git repositories -----------------------------------------------------------------------------

export interface CommitSpec {
  /** The complete tree of the commit: relative path -> content. */
  files: Record<string, string>;
  /** The name of an earlier commit of the same repository. */
  parent?: string;
  /** Full ref names pointing at the commit: `refs/tags/v1.0.0`, `refs/heads/main`, `refs/changes/01/1/1` … */
  refs: string[];
  /** Commit and author date, RFC 3339 (default 2024-01-01T00:00:00Z): what pseudo-versions encode. */
  date?: string;
}

/**
 * A bare repository `<root>/<name>` (e.g. `github.com/golang/term.git`) with these commits, in
 * order; resolves with commit name -> hash.
 */
export async function buildGitRepo(root: string, name: string, commits: Record<string, CommitSpec>): Promise<Record<string, string>> {
  const dir = path.join(root, name);
  await git(['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  const hashes: Record<string, string> = {};
  for (const [commitName, spec] of Object.entries(commits)) {
    const date = spec.date ?? '2024-01-01T00:00:00Z';
    const env = { ...hermeticGitEnv(), GIT_DIR: dir, GIT_INDEX_FILE: path.join(dir, 'lab-index'), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    await fs.promises.rm(env.GIT_INDEX_FILE, { force: true });
    for (const [file, content] of Object.entries(spec.files)) {
      const blob = (await git(['hash-object', '-w', '--stdin'], { env, input: content })).trim();
      await git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { env });
    }
    const tree = (await git(['write-tree'], { env })).trim();
    const parent = spec.parent ? ['-p', hashes[spec.parent]!] : [];
    const hash = (await git(['commit-tree', tree, ...parent, '-m', commitName], { env })).trim();
    for (const ref of spec.refs) await git(['update-ref', ref, hash], { env });
    hashes[commitName] = hash;
    await fs.promises.rm(env.GIT_INDEX_FILE, { force: true });
  }
  return hashes;
}

/** Go's pseudo-version timestamp of a commit date: 2024-01-01T00:00:00Z -> 20240101000000. */
export function pseudoTime(date = '2024-01-01T00:00:00Z'): string {
  return date.replace(/[-:TZ]/g, '').slice(0, 14);
}

// ---- vcs-test.golang.org and other forges ---------------------------------------------------------

/** One vcweb script of testdata/vcstest: its handler and the files it serves. */
interface VcwebScript {
  handler: string;
  files: Map<string, Buffer>;
}

function loadVcwebScript(file: string): VcwebScript {
  const { comment, files } = parseTxtar(fs.readFileSync(file));
  const served = new Map(files.map((f) => [f.name, f.data]));
  let handler = '';
  for (const line of comment.toString().split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'handle') handler = words[1] ?? '';
    // modzip <zip> <path@version> <dir>: the module zip of a folder of the script.
    if (words[0] === 'modzip' && words.length === 4) {
      const [, zipName = '', modVer = '', dir = ''] = words;
      const entries = files.filter((f) => f.name.startsWith(`${dir}/`)).map((f) => ({ name: `${modVer}/${f.name.slice(dir.length + 1)}`, data: f.data }));
      served.set(zipName, storedZip(entries));
    }
  }
  return { handler, files: served };
}

export interface ForgeRequest {
  host: string;
  path: string;
  user: string | null;
  status: number;
}

/**
 * An HTTPS forge for real host names (certificate by the lab CA), reached only through its own
 * forward proxy: `env` gives go and git HTTPS_PROXY and the CA. vcs-test.golang.org answers as
 * vcweb does for testdata/vcstest/{auth,go}/*.txt and insecure.txt; `/git/…` there, and every
 * path of the other hosts, is git smart HTTP from the lab's git http-backend, whose repositories
 * live at `<gitRoot>/<host>/<path>.git` (see buildGitRepo). `pages` adds go-get pages.
 */
export class VcsForge {
  readonly requests: ForgeRequest[] = [];
  /** `<host><path>` -> HTML served for `?go-get=1` (vcweb's `dir` handler for pages a test adds), with 200 or the status given. */
  readonly pages = new Map<string, string | { status: number; html: string }>();
  /** HTTPS_PROXY (the forge's forward proxy), SSL_CERT_FILE and GIT_SSL_CAINFO (the lab CA). */
  readonly env: Record<string, string>;

  private constructor(
    private readonly listening: { port: number; close: () => Promise<void> },
    private readonly forward: ForwardProxy,
    readonly git: GitHttpServer,
    ca: TestCa,
  ) {
    this.env = { HTTPS_PROXY: forward.url, SSL_CERT_FILE: ca.certPath, GIT_SSL_CAINFO: ca.certPath };
  }

  static async start(options: {
    ca: TestCa;
    hosts: string[];
    gitRoot: string;
    gitAuth?: Record<string, { user: string; password: string }>;
  }): Promise<VcsForge> {
    const issued = await issueCertificate(options.ca, { hosts: options.hosts });
    const [key, cert] = await Promise.all([fs.promises.readFile(issued.keyPath), fs.promises.readFile(issued.certPath)]);
    const server = https.createServer({ key, cert });
    const listening = await listenOnLoopback(server);
    const gitServer = await GitHttpServer.start({ projectRoot: options.gitRoot, ...(options.gitAuth ? { auth: options.gitAuth } : {}) });
    const forward = await ForwardProxy.start({ routes: Object.fromEntries(options.hosts.map((host) => [`${host}:443`, listening.port])) });
    const forge = new VcsForge(listening, forward, gitServer, options.ca);
    server.on('request', (req, res) => forge.handle(req, res));
    return forge;
  }

  async close(): Promise<void> {
    await this.forward.close();
    await this.listening.close();
    await this.git.close();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `https://${host}`);
    const given = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [user, password] = given ? Buffer.from(given, 'base64').toString().split(/:(.*)/s) : [null, null];
    const entry: ForgeRequest = { host, path: `${url.pathname}${url.search}`, user: user ?? null, status: 200 };
    this.requests.push(entry);
    const reply = (status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(body);
    };
    const page = this.pages.get(`${host}${url.pathname.replace(/\/$/, '')}`);
    if (page !== undefined && url.searchParams.get('go-get') === '1') {
      const { status, html } = typeof page === 'string' ? { status: 200, html: page } : page;
      return reply(status, html, { 'Content-Type': 'text/html; charset=utf-8' });
    }
    if (host === 'vcs-test.golang.org' && !url.pathname.startsWith('/git/')) {
      if (url.pathname === '/' || url.pathname === '') return reply(200, '<html>\n<title>vcweb</title>\n', { 'Content-Type': 'text/html; charset=utf-8' });
      return this.vcweb(url, user ?? null, password ?? null, reply);
    }
    // git smart HTTP: /<host><path> on the lab's git server.
    this.relay(req, res, entry, `/${host}${url.pathname}${url.search}`);
  }

  /** vcweb: find the script serving the path (testdata/vcstest/<dirs>/<name>.txt), strip its prefix, run its handler. */
  private vcweb(
    url: URL,
    user: string | null,
    password: string | null,
    reply: (status: number, body: string | Buffer, headers?: Record<string, string>) => void,
  ): void {
    const parts = url.pathname.split('/').filter(Boolean);
    let dir = path.join(GO_TESTDATA, 'vcstest');
    let i = 0;
    while (i < parts.length && fs.existsSync(path.join(dir, parts[i]!)) && fs.statSync(path.join(dir, parts[i]!)).isDirectory())
      dir = path.join(dir, parts[i++]!);
    const scriptFile = path.join(dir, `${parts[i] ?? ''}.txt`);
    if (i >= parts.length || !fs.existsSync(scriptFile)) return reply(404, '404 page not found\n');
    const script = loadVcwebScript(scriptFile);
    const rest = parts.slice(i + 1).join('/');
    if (script.handler === 'insecure') {
      return reply(302, '', { Location: `http://vcs-test.golang.org/${rest}${url.search}`, 'Content-Type': 'text/html; charset=utf-8' });
    }
    // A file of the script, or a directory (served as its index.html, listed when it has none).
    const isDir = !script.files.has(rest) && (rest === '' || [...script.files.keys()].some((f) => f.startsWith(`${rest}/`)));
    if (!isDir && !script.files.has(rest)) return reply(404, '404 page not found\n');
    if (script.handler === 'auth') {
      let accessDir = isDir ? rest : path.posix.dirname(`/${rest}`).slice(1);
      let access: Buffer | undefined;
      for (;;) {
        access = script.files.get(accessDir ? `${accessDir}/.access` : '.access');
        if (access || !accessDir) break;
        accessDir = path.posix.dirname(`/${accessDir}`).slice(1);
      }
      const token = JSON.parse(access?.toString() ?? '{}') as { Username?: string; Password?: string; StatusCode?: number; Message?: string };
      if (user !== token.Username || password !== token.Password) {
        const code = token.StatusCode || 401;
        return reply(code, `${token.Message ?? ''}\n`, code === 401 ? { 'WWW-Authenticate': `basic realm=${accessDir || '.'}` } : {});
      }
    }
    const file = isDir ? `${rest ? `${rest}/` : ''}index.html` : rest;
    const body = script.files.get(file);
    if (body === undefined) return reply(200, '<pre>\n</pre>\n', { 'Content-Type': 'text/html; charset=utf-8' });
    reply(200, body, {
      'Content-Type': file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.zip') ? 'application/zip' : 'text/plain; charset=utf-8',
    });
  }

  private relay(req: http.IncomingMessage, res: http.ServerResponse, entry: ForgeRequest, target: string): void {
    const port = Number(new URL(this.git.baseUrl).port);
    const upstream = http.request(
      { host: '127.0.0.1', port, method: req.method, path: target, headers: { ...req.headers, host: `127.0.0.1:${port}` }, agent: false },
      (answer) => {
        entry.status = answer.statusCode ?? 502;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}
