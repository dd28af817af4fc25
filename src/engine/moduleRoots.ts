// Which module folders a command line names — folders with a go.mod, go.work files, or with
// --recursive every go.mod under a folder — each with the module paths its go.work provides, so a
// sibling's requirement is not a failure. Then their diagnoses, one after another, as one report.

import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseGoMod, parseGoWork } from '../core/gomod';
import { mergeReports } from '../core/report';
import type { Report } from '../core/types';
import { healthTurnedOff } from '../core/health';
import { diagnose, type DiagnoseOptions } from './diagnose';
import { checkHealth } from './health';

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

/** Every folder holding a go.mod under a folder, in path order, skipping what skippedWhenRecursive names. Symbolic links are not followed. */
async function walk(dir: string, goMods: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (entries.some((entry) => entry.isFile() && entry.name === 'go.mod')) goMods.push(dir);
  for (const entry of entries) if (entry.isDirectory() && !skippedWhenRecursive(entry.name)) await walk(path.join(dir, entry.name), goMods);
}

/** The folder that holds all of these (the common ancestor). */
export function commonFolder(folders: readonly string[]): string {
  const [first, ...rest] = folders.map((folder) => path.resolve(folder));
  if (first === undefined) return path.resolve('.');
  const inside = (folder: string, parent: string) => folder === parent || folder.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
  let common = first;
  for (const folder of rest) while (!inside(folder, common) && common !== path.dirname(common)) common = path.dirname(common);
  return common;
}

interface Workspace {
  /** The folders its `use` lines name. */
  members: string[];
  /** The module paths those folders declare. */
  modulePaths: string[];
  /** Members without a go.mod. */
  missing: string[];
}

/** go.work files read once each. */
class Workspaces {
  private readonly read = new Map<string, Promise<Workspace | null>>();

  get(file: string): Promise<Workspace | null> {
    let workspace = this.read.get(file);
    if (!workspace) this.read.set(file, (workspace = Workspaces.load(file)));
    return workspace;
  }

  private static async load(file: string): Promise<Workspace | null> {
    const text = await readText(file);
    if (text === null) return null;
    const workspace: Workspace = { members: [], modulePaths: [], missing: [] };
    for (const use of parseGoWork(text).uses) {
      const member = path.resolve(path.dirname(file), use.path);
      const goMod = await readText(path.join(member, 'go.mod'));
      if (goMod === null) {
        workspace.missing.push(member);
        continue;
      }
      workspace.members.push(member);
      const modulePath = parseGoMod(goMod).module?.path;
      if (modulePath) workspace.modulePaths.push(modulePath);
    }
    return workspace;
  }
}

/**
 * The go.work go would use in a folder: GOWORK's file, none for GOWORK=off, else the nearest
 * go.work in the folder or above it (as go looks for it).
 */
async function goWorkFor(folder: string, goWork: string | undefined): Promise<string | null> {
  if (goWork === 'off') return null;
  if (goWork) return path.resolve(folder, goWork);
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if ((await kindOf(path.join(dir, 'go.work'))) === 'file') return path.join(dir, 'go.work');
    if (dir === path.dirname(dir)) return null;
  }
}

export interface FindRootsOptions {
  /** Folders (with a go.mod or a go.work), go.mod or go.work files; relative to cwd. None: cwd. */
  paths: string[];
  recursive: boolean;
  cwd: string;
  /** The environment go runs in: its GOWORK decides which go.work applies. */
  env: Record<string, string | undefined>;
}

export async function findModuleRoots(options: FindRootsOptions): Promise<FoundRoots> {
  const problems: string[] = [];
  const goMods: string[] = [];
  const named: string[] = [];
  const workspaces = new Workspaces();
  const addMembers = async (goWork: string) => {
    const workspace = await workspaces.get(goWork);
    if (!workspace) return void problems.push(`cannot read ${goWork}`);
    goMods.push(...workspace.members);
    for (const member of workspace.missing) problems.push(`${goWork} uses ${member}, which has no go.mod`);
  };
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
      else if (path.basename(target).endsWith('.work')) await addMembers(target);
      else problems.push(`${target} is neither a folder, a go.mod nor a go.work file`);
      continue;
    }
    named.push(target);
    if (options.recursive) {
      const before = goMods.length;
      await walk(target, goMods);
      if (goMods.length === before) problems.push(`no go.mod under ${target} (vendor, testdata, node_modules and folders starting with . or _ are skipped)`);
      continue;
    }
    const hasGoMod = (await kindOf(path.join(target, 'go.mod'))) === 'file';
    const hasGoWork = (await kindOf(path.join(target, 'go.work'))) === 'file';
    if (hasGoMod) goMods.push(target);
    if (hasGoWork) await addMembers(path.join(target, 'go.work'));
    if (!hasGoMod && !hasGoWork) problems.push(`no go.mod or go.work in ${target}; name a Go module's folder, a go.work, or use --recursive`);
  }
  // Each root learns its siblings from the go.work go would use there, when that go.work uses it.
  const roots: ModuleRoot[] = [];
  for (const root of new Set(goMods)) {
    const goWork = await goWorkFor(root, options.env.GOWORK);
    const workspace = goWork ? await workspaces.get(goWork) : null;
    roots.push({ root, workspaceModules: workspace?.members.includes(root) ? workspace.modulePaths : [] });
  }
  return { roots, base: commonFolder(named), problems };
}

/** The repository a folder is in: the nearest folder up from it that holds `.git` (a folder, or a file for a worktree). */
export async function repositoryRoot(start: string): Promise<string | null> {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if ((await kindOf(path.join(dir, '.git'))) !== null) return dir;
    if (dir === path.dirname(dir)) return null;
  }
}

/**
 * One root, on its own: with GOWORK=off, as the editor checks a go.work's members, and with the
 * module paths its go.work provides not counted as failures. (Left to go, a go.work above a module
 * it does not use would have go download the workspace's modules and blame them on this go.mod.)
 */
export async function diagnoseRoot(root: ModuleRoot, options: RootCheckOptions): Promise<Report> {
  const { health = true, ...diagnoseOptions } = options;
  const { report, end, graph } = await diagnose({ ...diagnoseOptions, root: root.root, workspaceModules: root.workspaceModules });
  // The health pass follows the download report; a cancelled run has nothing to follow.
  if (!health || end?.kind === 'cancelled') return healthTurnedOff(report, health ? 'cancelled' : 'off');
  return checkHealth({
    report,
    graph,
    env: diagnoseOptions.env,
    workspaceModules: root.workspaceModules,
    inactivitySeconds: diagnoseOptions.inactivitySeconds,
    signal: diagnoseOptions.signal,
  });
}

/** A root's check: the download diagnosis, then (unless health is false) the health pass. */
export type RootCheckOptions = Omit<DiagnoseOptions, 'root' | 'workspaceModules'> & { health?: boolean };

/** Diagnoses each root in turn (they share go's caches) and merges the reports under `base`. */
export async function diagnoseRoots(roots: readonly ModuleRoot[], base: string, options: RootCheckOptions): Promise<Report> {
  const reports: Report[] = [];
  for (const root of roots) {
    if (options.signal?.aborted && reports.length > 0) break;
    reports.push(await diagnoseRoot(root, options));
  }
  return mergeReports(reports, base);
}
