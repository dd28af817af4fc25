// The modules go read for the module graph, from `go mod graph` (core/moduleGraph.ts) and the go
// versions of the go.mod files it read: those are in the module cache (or, for a replacement by a
// folder, in that folder), since go had just read them.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { GoModSource } from '../core/findings';
import { findReplace, parseGoMod } from '../core/gomod';
import { goVersionsNeeded, modulesReadForGraph, parseModGraph, splitKey, type GraphModule, type ModuleKey } from '../core/moduleGraph';
import { escapeModulePath } from '../core/proxyUrls';

/** Where go read this module's go.mod: its replacement's, else the module cache's `.mod` file. */
function goModFileOf(key: ModuleKey, options: { modCache: string; root: string; goMod: GoModSource | null }): string | null {
  const { path: modulePath, version } = splitKey(key);
  const replace = options.goMod ? findReplace(options.goMod.parsed, modulePath, version) : null;
  if (replace && replace.newVersion === null) return path.resolve(options.root, replace.newPath, 'go.mod');
  const [file, fileVersion] = replace ? [replace.newPath, replace.newVersion!] : [modulePath, version];
  const escapedPath = escapeModulePath(file);
  const escapedVersion = escapeModulePath(fileVersion);
  if (!escapedPath || !escapedVersion) return null;
  return path.join(options.modCache, 'cache', 'download', ...escapedPath.split('/'), '@v', `${escapedVersion}.mod`);
}

async function goVersionIn(file: string | null): Promise<string | null> {
  if (!file) return null;
  try {
    return parseGoMod(await readFile(file, 'utf8')).go?.version ?? null;
  } catch {
    return null;
  }
}

export async function graphModules(
  graphText: string,
  options: { modCache: string | undefined; root: string; goMod: GoModSource | null },
): Promise<GraphModule[]> {
  const graph = parseModGraph(graphText);
  const modCache = options.modCache;
  const needed = modCache ? goVersionsNeeded(graph) : [];
  const versions = new Map<ModuleKey, string | null>(
    await Promise.all(
      needed.map(async (key) => [key, await goVersionIn(goModFileOf(key, { modCache: modCache!, root: options.root, goMod: options.goMod }))] as const),
    ),
  );
  return modulesReadForGraph(graph, {
    mainGoVersion: options.goMod?.parsed.go?.version ?? null,
    goVersionOf: (key) => versions.get(key) ?? null,
  });
}
