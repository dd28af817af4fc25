// npm run package: builds the .vsix with @vscode/vsce (after `npm run build`), then prints its
// size and every file in it, and fails when it holds a file that .vscodeignore's allow-list does
// not name (vsce renames LICENSE, README.md and CHANGELOG.md; that is allowed for).
//   tsx scripts/package.ts            -> out/go-dependency-health-<version>.vsix
// The UI tests (test/e2e/ui) and `npm run demo -- --open` install the file this writes.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

/** Where the package goes (ignored by git: out/). */
export const vsixPath = path.join(root, 'out', `${manifest.name}-${manifest.version}.vsix`);

export interface ZipEntry {
  name: string;
  size: number;
  read(): Buffer;
}

/** The entries of a zip file, from its central directory (a .vsix is a plain zip). */
export function readZip(file: string): ZipEntry[] {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])); // end of central directory
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({
      name,
      size,
      read() {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + compressed);
        return method === 0 ? Buffer.from(data) : inflateRawSync(data);
      },
    });
  }
  return entries;
}

/** The paths .vscodeignore lets in: its `!path` lines (it starts with `**`, ignoring everything else). */
function allowList(): string[] {
  const lines = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim());
  if (!lines.includes('**')) throw new Error('.vscodeignore must start from `**` (an allow-list)');
  return lines.filter((line) => line.startsWith('!')).map((line) => line.slice(1));
}

/** A .vscodeignore pattern as a regular expression (`**` any folders, `*` within one name). */
function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*\*\/?|\*)/)
    .map((part) => (part.startsWith('**') ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${source.join('')}$`, 'i');
}

/** vsce stores LICENSE as LICENSE.txt and README/CHANGELOG in lower case. */
function allowed(file: string, patterns: string[]): boolean {
  const plain = file.replace(/^LICENSE\.txt$/, 'LICENSE');
  return patterns.some((pattern) => globToRegExp(pattern).test(plain));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Packages the extension (dist/ must be built) and lists the package; 0 when it holds only allowed files. */
export function buildVsix(): number {
  mkdirSync(path.dirname(vsixPath), { recursive: true });
  // No repository URL in the manifest, on purpose: --allow-missing-repository. Without one vsce
  // cannot turn the README's relative image links (docs/images/…) into absolute ones and would
  // refuse to package; --no-rewrite-relative-links leaves them as they are. VS Code's Details
  // page drops relative images anyway, so the pictures are not packaged.
  const args = ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsixPath];
  const vsce = spawnSync('npx', args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (vsce.status !== 0) {
    process.stdout.write(vsce.stdout ?? '');
    console.error(`package: vsce failed (exit ${vsce.status})`);
    return 1;
  }
  const patterns = allowList();
  const files = readZip(vsixPath).filter((entry) => entry.name.startsWith('extension/'));
  console.log(`${path.relative(root, vsixPath)}: ${kb(statSync(vsixPath).size)}, ${files.length} files`);
  const strays: string[] = [];
  for (const entry of files) {
    const file = entry.name.slice('extension/'.length);
    const ok = allowed(file, patterns);
    if (!ok) strays.push(file);
    console.log(`  ${file.padEnd(32)} ${kb(entry.size).padStart(10)}${ok ? '' : '  <- not in .vscodeignore'}`);
  }
  if (strays.length > 0) {
    console.error(`package: ${strays.length} file(s) outside the allow-list`);
    return 1;
  }
  return 0;
}

if (require.main === module) process.exitCode = buildVsix();
