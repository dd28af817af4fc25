// The extension's features inside a real VS Code, against the module lab: the workspace is the
// demo module (one healthy module, one private module without GOPRIVATE, one that stalls),
// served by a lab proxy the launcher (runWithLab.ts) started; GOENV, GOMODCACHE, HOME… point into
// a throwaway sandbox. Every wait is on an event (diagnostics, store changes), never a sleep.

import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as manifest from '../../../package.json';
import type { ExtensionApi } from '../../../src/extension';
import { modulesOf } from '../../../src/vscode/treeView';
import { diagnosticsWhere, reportWhere, storeWhere, within } from './fixtures/hostProbes';

const extensionId = `${manifest.publisher}.${manifest.name}`;
const PRIVATE = 'corp.example.com/team/lib';
const SLOW = 'example.com/slow';
const HEALTHY = 'example.com/healthy';

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a folder is open');
  return folder.uri.fsPath;
}

const codeOf = (diagnostic: vscode.Diagnostic) => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code));

// Only in a lab run (runWithLab.ts sets it), and only trusted: the untrusted run has its own file.
const inLab = process.env.GDH_E2E_LAB === '1' && process.env.GDH_E2E_UNTRUSTED !== '1';

if (inLab)
  describe('features in a real VS Code against the module lab', function () {
    this.timeout(60_000);
    let api: ExtensionApi;
    let root: string;
    let goMod: vscode.Uri;

    before(async () => {
      const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
      assert.ok(extension);
      api = await extension.activate();
      root = workspaceRoot();
      goMod = vscode.Uri.file(path.join(root, 'go.mod'));
    });

    it('puts the private module and the stalled module on their go.mod lines, with class codes', async () => {
      const diagnostics = await diagnosticsWhere(goMod, 'two findings', (list) => list.length >= 2);
      const byCode = new Map(diagnostics.map((diagnostic) => [codeOf(diagnostic), diagnostic]));
      const privateModule = byCode.get('private-module-sumdb');
      const stall = byCode.get('stall');
      assert.ok(privateModule, `codes: ${[...byCode.keys()].join(', ')}`);
      assert.ok(stall);
      assert.equal(privateModule.range.start.line, 6, 'line 7 of go.mod');
      assert.equal(privateModule.range.start.character, 1, 'starts at the module path, after the tab');
      assert.equal(stall.range.start.line, 7);
      assert.equal(privateModule.severity, vscode.DiagnosticSeverity.Error);
      assert.match(privateModule.message, /GOPRIVATE/);
      const target = typeof privateModule.code === 'object' ? privateModule.code.target : undefined;
      assert.equal(target?.fragment, 'class-private-module-sumdb');
    });

    it('shows every module with its status in the Module Downloads tree, with its requests', async () => {
      await reportWhere(api, root, 'two findings', (result) => result.report!.findings.length >= 2);
      const statuses = Object.fromEntries(modulesOf(api.store.get(root)!).map((module) => [module.path, module.status]));
      assert.deepEqual(statuses, { [HEALTHY]: 'ok', [PRIVATE]: 'failed', [SLOW]: 'stalled' });
      const top = api.tree.getChildren();
      const slow = top.find((node) => node.kind === 'module' && node.module.path === SLOW)!;
      const item = api.tree.getTreeItem(slow);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'debug-pause');
      assert.equal(item.contextValue, 'module.stalled');
      const children = api.tree.getChildren(slow);
      assert.ok(children.some((child) => child.kind === 'request' && child.request.url.endsWith('/example.com/slow/@v/v0.3.0.zip')));
    });

    it('registers every command it contributes', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const command of manifest.contributes.commands) assert.ok(registered.has(command.command), `${command.command} is not registered`);
    });

    it('offers quick fixes on the diagnostic; applying one changes the throwaway GOENV file and clears the squiggle; Undo restores the file', async () => {
      const goEnvFile = process.env.GOENV;
      assert.ok(goEnvFile, 'the launcher points GOENV into the sandbox');
      const before = readFileSync(goEnvFile);
      const [privateModule] = (
        await diagnosticsWhere(goMod, 'a private-module-sumdb finding', (list) => list.some((diagnostic) => codeOf(diagnostic) === 'private-module-sumdb'))
      ).filter((diagnostic) => codeOf(diagnostic) === 'private-module-sumdb');
      // Code actions are asked of an open document, as the editor's lightbulb does.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(goMod));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', goMod, privateModule!.range);
      const titles = actions.map((action) => action.title);
      assert.ok(titles.includes('Add corp.example.com to GOPRIVATE'), titles.join(' | '));
      const gonosumdb = actions.find((action) => action.title.startsWith('Add corp.example.com to GONOSUMDB'));
      assert.ok(gonosumdb?.command);
      const cleared = diagnosticsWhere(
        goMod,
        'no private-module-sumdb finding after the fix',
        (list) => !list.some((diagnostic) => codeOf(diagnostic) === 'private-module-sumdb'),
      );
      const applied = await vscode.commands.executeCommand<boolean>(gonosumdb.command.command, ...((gonosumdb.command.arguments ?? []) as unknown[]), {
        confirmed: true,
      });
      assert.equal(applied, true);
      assert.match(readFileSync(goEnvFile, 'utf8'), /^GONOSUMDB=corp\.example\.com$/m);
      await cleared;
      const returned = diagnosticsWhere(goMod, 'the private-module-sumdb finding back after Undo', (list) =>
        list.some((diagnostic) => codeOf(diagnostic) === 'private-module-sumdb'),
      );
      assert.equal(await vscode.commands.executeCommand<boolean>('goDependencyHealth.undoLastFix'), true);
      assert.deepEqual(readFileSync(goEnvFile), before);
      await returned;
    });

    it('shares its undo journal with the CLI: `go-dep-health undo` undoes a fix applied in the editor', async () => {
      const goEnvFile = process.env.GOENV!;
      const before = readFileSync(goEnvFile);
      const [privateModule] = (
        await diagnosticsWhere(goMod, 'a private-module-sumdb finding', (list) => list.some((diagnostic) => codeOf(diagnostic) === 'private-module-sumdb'))
      ).filter((diagnostic) => codeOf(diagnostic) === 'private-module-sumdb');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', goMod, privateModule!.range);
      const gonosumdb = actions.find((action) => action.title.startsWith('Add corp.example.com to GONOSUMDB'));
      assert.ok(gonosumdb?.command);
      assert.equal(
        await vscode.commands.executeCommand<boolean>(gonosumdb.command.command, ...((gonosumdb.command.arguments ?? []) as unknown[]), { confirmed: true }),
        true,
      );
      assert.match(readFileSync(goEnvFile, 'utf8'), /^GONOSUMDB=corp\.example\.com$/m);
      // The CLI of this very extension, with the environment the extension runs go with.
      const cli = path.join(vscode.extensions.getExtension(extensionId)!.extensionPath, 'dist', 'cli.js');
      // As a user runs it in a terminal where go is on PATH (here: the go of the workspace's go.goroot).
      const goroot = vscode.workspace.getConfiguration('go').get<string>('goroot')!;
      const env = { ...process.env, PATH: `${path.join(goroot, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, ELECTRON_RUN_AS_NODE: '1' };
      const undone = await within(
        'go-dep-health undo to finish',
        new Promise<{ code: number | null; stdout: string }>((resolve) => {
          execFile(process.execPath, [cli, 'undo'], { env }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout: stdout + stderr }));
        }),
      );
      assert.equal(undone.code, 0, undone.stdout);
      assert.match(undone.stdout, /Undone: Add corp\.example\.com to GONOSUMDB/);
      assert.deepEqual(readFileSync(goEnvFile), before, 'the go env file is as it was, byte for byte');
      await api.runs.runNow(root);
    });

    it('opens a Markdown report from Diagnose Downloads', async () => {
      const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('goDependencyHealth.diagnose', root);
      assert.ok(document, 'a report document');
      const text = document.getText();
      assert.equal(document.languageId, 'markdown');
      assert.match(text, /^# Go module downloads/);
      assert.match(text, /private-module-sumdb/);
      assert.match(text, /\| TCP \| ok/, 'the network probes are in the report');
      // The probe's HTTP request really reached the lab proxy (VS Code patches http.request).
      assert.match(text, /\| HTTP \| ok: 200/);
    });

    it('turns a burst of saves into at most two runs', async () => {
      const document = await vscode.workspace.openTextDocument(goMod);
      const editor = await vscode.window.showTextDocument(document);
      await api.runs.idle();
      const before = api.runs.runsStarted;
      const started = storeWhere(api, 'a run of the workspace root started by the saves', () => !!api.store.get(root)?.running);
      for (let index = 0; index < 50; index++) {
        await editor.edit((edit) => edit.insert(new vscode.Position(document.lineCount, 0), '\n'));
        await within(`save ${index + 1} of 50`, document.save());
      }
      await started;
      await within('the runs after the saves to end', api.runs.idle());
      const runs = api.runs.runsStarted - before;
      assert.ok(runs >= 1 && runs <= 2, `${runs} runs for 50 saves`);
    });
  });
