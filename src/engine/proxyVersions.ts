// What a module proxy has of a module whose version it answered 404 for: the versions go itself
// lists (`go list -m -versions`, with the run's own environment: its GOPROXY, credentials, TLS
// trust and private patterns). A proxy that lists other versions knows the module, so the version
// is the likelier cause, not the module being private (core/explanations.ts ranks the fixes by it).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runProcess, succeeded } from './processes';

interface ListedVersions {
  Path?: unknown;
  Versions?: unknown;
  Error?: { Err?: unknown };
}

/** go's own words for a proxy that has no such module: its `@v/list` answered 404 or 410. */
const UNKNOWN_MODULE = /@v\/list: (?:404 Not Found|410 Gone)/;

/**
 * go's answers, one JSON object after another: `{"Path":…,"Versions":[…]}` or `{"Path":…,"Error":…}`.
 * A module the proxy knows no version of (its list 404 or 410) maps to an empty list; one go could
 * not ask about (a network error, a 500) is absent: that is no evidence either way.
 */
export function parseVersionLists(text: string): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  // -json prints each object with a closing brace at the start of a line.
  for (const block of text.split(/^\}$/m)) {
    const json = `${block.trim()}\n}`;
    if (!json.startsWith('{')) continue;
    let parsed: ListedVersions;
    try {
      parsed = JSON.parse(json) as ListedVersions;
    } catch {
      continue;
    }
    if (typeof parsed.Path !== 'string') continue;
    const error = typeof parsed.Error?.Err === 'string' ? parsed.Error.Err : null;
    if (error !== null) {
      if (UNKNOWN_MODULE.test(error)) lists.set(parsed.Path, []);
      continue;
    }
    const versions = Array.isArray(parsed.Versions) ? parsed.Versions.filter((version): version is string => typeof version === 'string') : [];
    lists.set(parsed.Path, versions);
  }
  return lists;
}

/** GOFLAGS without -mod (there is no module here to vendor or read-only). */
const withoutModFlag = (goflags: string | undefined) =>
  (goflags ?? '')
    .split(/\s+/)
    .filter((flag) => flag && !/^--?mod=/.test(flag))
    .join(' ');

/**
 * The versions go lists for each module path, from a folder outside any module (so nothing of the
 * user's go.mod is read or written); a module go lists nothing for, or could not ask about, is absent.
 */
export async function proxyVersionLists(
  modulePaths: readonly string[],
  options: { goPath: string; env: Record<string, string | undefined>; timeoutMs: number; signal?: AbortSignal },
): Promise<Map<string, string[]>> {
  const paths = [...new Set(modulePaths)];
  if (paths.length === 0 || options.signal?.aborted) return new Map();
  const dir = await mkdtemp(path.join(tmpdir(), 'go-dep-health-versions-'));
  try {
    const result = await runProcess({
      command: options.goPath,
      args: ['list', '-m', '-versions', '-json', '-e', ...paths],
      cwd: dir,
      env: { ...options.env, GOWORK: 'off', GOFLAGS: withoutModFlag(options.env.GOFLAGS) },
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    // -e: go exits 0 and says per module what it could not list; anything else is no evidence.
    return succeeded(result) ? parseVersionLists(result.stdout) : new Map();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
