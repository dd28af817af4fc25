// Which module folders a command line names — folders with a go.mod, go.work files, or with
// --recursive every go.mod under a folder — each with the module paths its go.work provides, so a
// sibling's requirement is not a failure. Then their diagnoses, one after another, as one report.

import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseGoMod, parseGoWork } from '../core/gomod';
import { mergeReports } from '../core/report';
import type { Report } from '../core/types';
import { diagnose, type DiagnoseOptions } from './diagnose';

export interface ModuleRoot {
  /** The folder holding go.mod. */
  root: string;
  /** Module paths of the go.work that uses this folder (empty without one). */
  workspaceModules: string[];
}

export interface FoundRoots {
  roots: ModuleRoot[];
  /** The folder holding everything named: the report's root. */
  base: string;
  /** What could not be used, one sentence each (a path that does not exist, a folder with no go.mod). */
  problems: string[];
}

/**
 * Folders a recursive search does not enter: vendored copies, test fixtures, JavaScript packages,
 * and — as for Go's own `./...` — names starting with `.` or `_` (.git, caches).
 */
export function skippedWhenRecursive(name: string): boolean {
  return name === 'vendor' || name === 'testdata' || name === 'node_modules' || name.startsWith('.') || name.startsWith('_');
}

async function kindOf(file: string): Promise<'file' | 'dir' | null> {
  try {
    const info = await stat(file);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** Every go.mod and go.work under a folder, in path order, skipping what skippedWhenRecursive names. Symbolic links are not followed. */
async function walk(dir: string, found: { goMods: string[]; goWorks: string[] }): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isFile() && entry.name === 'go.mod') found.goMods.push(dir);
    if (entry.isFile() && entry.name === 'go.work') found.goWorks.push(path.join(dir, entry.name));
  }
  for (const entry of entries) if (entry.isDirectory() && !skippedWhenRecursive(entry.name)) await walk(path.join(dir, entry.name), found);
}

/** The folder that holds all of these (the common ancestor). */
export function commonFolder(folders: readonly string[]): string {
  const [first, ...rest] = folders.map((folder) => path.resolve(folder));
  if (first === undefined) return path.resolve('.');
  let common = first;
  for (const folder of rest)
    while (common !== path.dirname(common) && folder !== common && !folder.startsWith(common.endsWith(path.sep) ? common : common + path.sep))
      common = path.dirname(common);
  return common;
}

export interface FindRootsOptions {
  /** Folders (with a go.mod or a go.work), go.mod or go.work files; relative to cwd. */
  paths: string[];
  recursive: boolean;
  cwd: string;
}

export async function findModuleRoots(options: FindRootsOptions): Promise<FoundRoots> {
  const problems: string[] = [];
  const goMods: string[] = [];
  const goWorks: string[] = [];
  const named: string[] = [];
  for (const given of options.paths.length > 0 ? options.paths : ['.']) {
    const target = path.resolve(options.cwd, given);
    const kind = await kindOf(target);
    if (kind === null) {
      problems.push(`${target} does not exist`);
      continue;
    }
    if (kind === 'file') {
      named.push(path.dirname(target));
      if (path.basename(target) === 'go.mod') goMods.push(path.dirname(target));
      else if (path.basename(target).endsWith('.work')) goWorks.push(target);
      else problems.push(`${target} is neither a folder, a go.mod nor a go.work file`);
      continue;
    }
    named.push(target);
    if (options.recursive) {
      const before = goMods.length;
      await walk(target, { goMods, goWorks });
      if (goMods.length === before) problems.push(`no go.mod under ${target} (vendor, testdata, node_modules and folders starting with . or _ are skipped)`);
      continue;
    }
    const hasGoMod = (await kindOf(path.join(target, 'go.mod'))) === 'file';
    const hasGoWork = (await kindOf(path.join(target, 'go.work'))) === 'file';
    if (hasGoMod) goMods.push(target);
    if (hasGoWork) goWorks.push(path.join(target, 'go.work'));
    if (!hasGoMod && !hasGoWork) problems.push(`no go.mod or go.work in ${target}; name a Go module's folder, a go.work, or use --recursive`);
  }

  // Each go.work: its members become roots, and each member learns its siblings' module paths.
  const siblingsOf = new Map<string, string[]>();
  for (const work of goWorks) {
    const text = await readText(work);
    if (text === null) {
      problems.push(`cannot read ${work}`);
      continue;
    }
    const members = parseGoWork(text).uses.map((use) => path.resolve(path.dirname(work), use.path));
    const modulePaths: string[] = [];
    for (const member of members) {
      const goMod = await readText(path.join(member, 'go.mod'));
      if (goMod === null) {
        problems.push(`${work} uses ${member}, which has no go.mod`);
        continue;
      }
      goMods.push(member);
      const modulePath = parseGoMod(goMod).module?.path;
      if (modulePath) modulePaths.push(modulePath);
    }
    for (const member of members) siblingsOf.set(member, modulePaths);
  }
  const roots = [...new Set(goMods)].map((root) => ({ root, workspaceModules: siblingsOf.get(root) ?? [] }));
  return { roots, base: commonFolder(named), problems };
}

/** The repository a folder is in: the nearest folder up from it that holds `.git` (a folder, or a file for a worktree). */
export async function repositoryRoot(start: string): Promise<string | null> {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if ((await kindOf(path.join(dir, '.git'))) !== null) return dir;
    if (dir === path.dirname(dir)) return null;
  }
}

/** Diagnoses each root in turn (they share go's caches) and merges the reports under `base`. */
export async function diagnoseRoots(roots: readonly ModuleRoot[], base: string, options: Omit<DiagnoseOptions, 'root' | 'workspaceModules'>): Promise<Report> {
  const reports: Report[] = [];
  for (const { root, workspaceModules } of roots) {
    if (options.signal?.aborted && reports.length > 0) break;
    reports.push((await diagnose({ ...options, root, workspaceModules })).report);
  }
  return mergeReports(reports, base);
}
