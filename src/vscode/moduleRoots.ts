// Which folders to check: every go.mod in the workspace (multi-root included), and for each the
// module paths its go.work provides, so sibling requirements are not reported as failures.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseGoMod, parseGoWork } from '../core/gomod';

export interface ModuleRoot {
  /** Folder holding go.mod. */
  root: string;
  goMod: vscode.Uri;
  /** Module paths of the go.work this module belongs to (empty without one). */
  workspaceModules: string[];
}

const EXCLUDE = '**/{vendor,node_modules,testdata,.git}/**';

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function modulePathOf(dir: string): Promise<string | undefined> {
  const text = await readText(vscode.Uri.file(path.join(dir, 'go.mod')));
  return text === undefined ? undefined : (parseGoMod(text).module?.path ?? undefined);
}

/** For every go.work: the folders it uses and the module paths those folders declare. */
async function workspaces(): Promise<{ dirs: Set<string>; modules: string[] }[]> {
  const found: { dirs: Set<string>; modules: string[] }[] = [];
  for (const uri of await vscode.workspace.findFiles('**/go.work', EXCLUDE, 20)) {
    const text = await readText(uri);
    if (text === undefined) continue;
    const base = path.dirname(uri.fsPath);
    const dirs = new Set(parseGoWork(text).uses.map((use) => path.resolve(base, use.path)));
    const modules = (await Promise.all([...dirs].map(modulePathOf))).filter((module): module is string => module !== undefined);
    found.push({ dirs, modules });
  }
  return found;
}

export async function findModuleRoots(): Promise<ModuleRoot[]> {
  const goMods = await vscode.workspace.findFiles('**/go.mod', EXCLUDE, 500);
  const works = await workspaces();
  return goMods
    .map((goMod) => {
      const root = path.dirname(goMod.fsPath);
      return { root, goMod, workspaceModules: works.find((work) => work.dirs.has(root))?.modules ?? [] };
    })
    .sort((a, b) => a.root.localeCompare(b.root));
}

/** The module root a go.mod or go.work file belongs to (a go.work: every member). */
export function rootsForFile(file: vscode.Uri, roots: ModuleRoot[]): ModuleRoot[] {
  const dir = path.dirname(file.fsPath);
  if (path.basename(file.fsPath) === 'go.work') return roots.filter((root) => root.workspaceModules.length > 0 && root.root.startsWith(dir));
  return roots.filter((root) => root.root === dir);
}
