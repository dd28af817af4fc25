// The requirement graph read from the go.mod files already in the module cache, for when `go mod
// graph` fails as a whole: one module that cannot be fetched stops it, and that is exactly when the
// user needs to know which requirement pulls the broken module in. Nothing is fetched: a go.mod
// that is not in the cache ends its branch (its module is a leaf). Unlike go, it does not prune the
// graph (go 1.17+), so it may hold edges go ignores; its chains are still real requirements.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { findReplace, parseGoMod, type GoModFile } from '../core/gomod';
import { ModGraphBuilder, nodeOf, type ModGraph } from '../core/modGraph';
import { escapeModulePath } from '../core/proxyUrls';

/** Nodes read at most: a bound on work for a huge graph. */
const MAX_NODES = 20_000;

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** The go.mod go reads for module@version: its replacement's (a folder, or another module's), else its own from the cache. */
async function goModOf(root: string, main: GoModFile, modCache: string, modulePath: string, version: string): Promise<GoModFile | null> {
  const replace = findReplace(main, modulePath, version);
  let file: string | null;
  if (replace && replace.newVersion === null) file = path.resolve(root, replace.newPath, 'go.mod');
  else {
    const target = replace ? { path: replace.newPath, version: replace.newVersion! } : { path: modulePath, version };
    const escaped = escapeModulePath(target.path);
    const escapedVersion = escapeModulePath(target.version);
    file = escaped && escapedVersion ? path.join(modCache, 'cache', 'download', escaped, '@v', `${escapedVersion}.mod`) : null;
  }
  const text = file ? await readText(file) : null;
  return text === null ? null : parseGoMod(text);
}

export async function graphFromModuleCache(options: { root: string; main: GoModFile; modCache: string }): Promise<ModGraph | null> {
  const mainPath = options.main.module?.path;
  if (!mainPath || !options.modCache) return null;
  const builder = new ModGraphBuilder();
  const seen = new Set<string>([mainPath]);
  let frontier: { node: string; requires: { path: string; version: string }[] }[] = [{ node: mainPath, requires: options.main.requires }];
  while (frontier.length > 0 && seen.size < MAX_NODES) {
    const next: { path: string; version: string }[] = [];
    for (const { node, requires } of frontier) {
      for (const require of requires) {
        const child = nodeOf(require.path, require.version);
        builder.addEdge(node, child);
        if (seen.has(child)) continue;
        seen.add(child);
        next.push(require);
      }
    }
    const read = await Promise.all(
      next.map(async (module) => ({ module, goMod: await goModOf(options.root, options.main, options.modCache, module.path, module.version) })),
    );
    frontier = read.flatMap(({ module, goMod }) => (goMod ? [{ node: nodeOf(module.path, module.version), requires: goMod.requires }] : []));
  }
  return builder.end();
}
