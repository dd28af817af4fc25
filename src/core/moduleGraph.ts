// Which modules go reads for the module graph, from `go mod graph`: the same answer with an empty
// module cache and a full one (the trace only shows the go.mod files go had to fetch, so a full
// cache shows none), and for each module the requirement of the main go.mod that brings it in.
//
// `go mod graph` prints every edge of the graph go loaded, but also modules whose go.mod go never
// read: the requirements of a pruned module (go ≥ 1.17) are in the graph, their own go.mod files
// are not loaded. Which ones go reads follows modload's readModGraph: the main module's
// requirements; and every requirement of a module read in an unpruned context or whose own go.mod
// is unpruned (go < 1.17, or no go line), which puts its requirements in an unpruned context.

import { compareGoVersions } from './versions';

/** `path@version`. */
export type ModuleKey = string;

export interface ModGraph {
  /** The main modules (nodes without a version). */
  mains: string[];
  /** Each node's requirements, in go's order; go@ and toolchain@ nodes left out. */
  requires: Map<ModuleKey, ModuleKey[]>;
  /** The go version a node's go.mod declares, when the graph shows it (`X go@1.21`: go 1.21 and later only). */
  goVersions: Map<ModuleKey, string>;
}

const PSEUDO = /^(go|toolchain)@/;

export function splitKey(key: ModuleKey): { path: string; version: string } {
  const at = key.lastIndexOf('@');
  return at < 0 ? { path: key, version: '' } : { path: key.slice(0, at), version: key.slice(at + 1) };
}

/** Reads `go mod graph` output. Never throws: lines that are not two fields are skipped. */
export function parseModGraph(text: string): ModGraph {
  const mains: string[] = [];
  const requires = new Map<ModuleKey, ModuleKey[]>();
  const goVersions = new Map<ModuleKey, string>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 2) continue;
    const [from, to] = fields as [string, string];
    if (PSEUDO.test(from)) continue;
    if (!from.includes('@') && !mains.includes(from)) mains.push(from);
    if (to.startsWith('go@')) {
      goVersions.set(from, to.slice(3));
      continue;
    }
    if (PSEUDO.test(to)) continue;
    const list = requires.get(from);
    if (list) list.push(to);
    else requires.set(from, [to]);
  }
  return { mains, requires, goVersions };
}

/** Nodes whose pruning decides whether their requirements are read, and whose go version the graph does not show. */
export function goVersionsNeeded(graph: ModGraph): ModuleKey[] {
  return [...graph.requires.keys()].filter((key) => key.includes('@') && !graph.goVersions.has(key));
}

/** A go.mod at go 1.17 or later has a pruned module graph; one without a go line counts as older. */
export function isPruned(goVersion: string | null | undefined): boolean {
  return !!goVersion && compareGoVersions(goVersion, '1.17') >= 0;
}

export interface GraphModule {
  path: string;
  version: string;
  /** The requirement of the main go.mod through which go reached it (itself for a requirement). */
  via: { path: string; version: string };
}

/**
 * The modules whose go.mod go reads for the module graph, each with the main module's requirement
 * that brings it in (the first one, breadth first, in go.mod order). `goVersionOf` gives a node's
 * go version (the graph's `go@` edge, else its go.mod); `mainGoVersion` is the main module's.
 */
export function modulesReadForGraph(graph: ModGraph, options: { mainGoVersion: string | null; goVersionOf: (key: ModuleKey) => string | null }): GraphModule[] {
  const mainPruned = isPruned(options.mainGoVersion);
  const read = new Map<ModuleKey, GraphModule>();
  const queued = { pruned: new Set<ModuleKey>(), unpruned: new Set<ModuleKey>() };
  const queue: { key: ModuleKey; unpruned: boolean; via: GraphModule['via'] }[] = [];
  const enqueue = (key: ModuleKey, unpruned: boolean, via: GraphModule['via']) => {
    const seen = unpruned ? queued.unpruned : queued.pruned;
    if (seen.has(key) || splitKey(key).version === 'none') return;
    seen.add(key);
    if (!read.has(key)) read.set(key, { ...splitKey(key), via });
    queue.push({ key, unpruned, via });
  };
  for (const main of graph.mains) {
    for (const key of graph.requires.get(main) ?? []) enqueue(key, !mainPruned, splitKey(key));
  }
  for (let index = 0; index < queue.length; index++) {
    const { key, unpruned, via } = queue[index]!;
    if (!unpruned && isPruned(graph.goVersions.get(key) ?? options.goVersionOf(key))) continue;
    for (const required of graph.requires.get(key) ?? []) enqueue(required, true, via);
  }
  return [...read.values()];
}
