// Go module zips and `h1:` hashes, built on the fly so the lab can serve any module it invents.
// The hash mirrors golang.org/x/mod/sumdb/dirhash Hash1 byte for byte, so the real `go` accepts
// (or, on purpose, rejects) what the lab serves.
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';

/** The go.mod a module gets when its files do not bring one. */
export function defaultGoMod(path: string): string {
  return `module ${path}\n\ngo 1.21\n`;
}

/** The module's files with go.mod filled in: what ends up in the zip and behind `.mod`. */
export function withGoMod(path: string, files: Record<string, string> = {}): Record<string, string> {
  return { 'go.mod': defaultGoMod(path), ...files };
}

/**
 * dirhash.Hash1: sha256 over the lines "<sha256 hex of file>  <name>\n" for the names sorted
 * bytewise (Go's sort.Strings), then "h1:" + base64.
 */
export function hash1(files: { name: string; content: Buffer | string }[]): string {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  let summary = '';
  for (const f of sorted) {
    if (f.name.includes('\n')) throw new Error(`dirhash: filenames with newlines are not supported: ${f.name}`);
    summary += `${createHash('sha256').update(f.content).digest('hex')}  ${f.name}\n`;
  }
  return 'h1:' + createHash('sha256').update(summary).digest('base64');
}

/** The zip's hash (the first go.sum line): names carry the `<path>@<version>/` prefix, as dirhash.HashZip sees them. */
export function hashZipFiles(path: string, version: string, files: Record<string, string>): string {
  const all = withGoMod(path, files);
  return hash1(Object.keys(all).map((name) => ({ name: `${path}@${version}/${name}`, content: all[name]! })));
}

/** The go.mod hash (the `/go.mod` go.sum line): Hash1 over one file named exactly `go.mod`. */
export function goModHash(goModText: string): string {
  return hash1([{ name: 'go.mod', content: goModText }]);
}

/** The two go.sum lines Go would write for this module. */
export function goSumLines(path: string, version: string, files: Record<string, string> = {}): [string, string] {
  const goMod = withGoMod(path, files)['go.mod']!;
  return [`${path} ${version} ${hashZipFiles(path, version, files)}`, `${path} ${version}/go.mod ${goModHash(goMod)}`];
}

// 2024-01-01 00:00 in MS-DOS date/time; Go ignores timestamps when hashing, any valid one will do.
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;

/**
 * A zip as the proxy protocol serves it: every file under `<path>@<version>/` (the real path, upper
 * case and all: only URLs are escaped), deflated, no directory entries (dirhash would hash them too).
 */
export function buildModuleZip(path: string, version: string, files: Record<string, string> = {}): Buffer {
  const all = withGoMod(path, files);
  return buildZip(
    Object.keys(all)
      .sort()
      .map((rel) => ({ name: `${path}@${version}/${rel}`, content: all[rel]! })),
  );
}

/** A zip of these entries, named exactly as given (a module zip, or one laid out otherwise), deflated. */
export function buildZip(entries: { name: string; content: string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.content, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 — so the external attributes below mean a mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk number, internal attributes stay 0
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const count = entries.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
