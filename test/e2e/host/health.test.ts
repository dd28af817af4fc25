// Dependency health inside a real VS Code, against the module lab's health modules (retracted,
// deprecated, several majors, an MVS raise, a retracted module two requirements deep): warnings on
// the go.mod lines, the hover of a require line, the tree, the "Upgrade to …" action with its diff
// preview and Undo restoring go.mod and go.sum byte for byte, and the setting that turns the pass
// off. The workspace is the lab's health app (runWithLab.ts --only health). Every wait is on an
// event, never a sleep.

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as manifest from '../../../package.json';
import type { ExtensionApi } from '../../../src/extension';
import { modulesOf } from '../../../src/vscode/treeView';
import { BASE, DEEP_RETRACTED, DEPRECATED, healthLine, MAJORS, MIDDLE, NO_RATIONALE, RAISER, RETRACTED } from '../../lab/healthLab';
import { diagnosticsWhere, reportWhere, setSettings, within } from './fixtures/hostProbes';

const extensionId = `${manifest.publisher}.${manifest.name}`;
const codeOf = (diagnostic: vscode.Diagnostic) => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code));
/** The hover's Markdown as the text a person reads: appendText escapes spaces and punctuation. */
const hoverText = (hovers: vscode.Hover[]) =>
  hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!~|<>&@])/g, '$1');

if (process.env.GDH_E2E_HEALTH === '1')
  describe('dependency health in a real VS Code against the module lab', function () {
    this.timeout(90_000);
    let api: ExtensionApi;
    let root: string;
    let goMod: vscode.Uri;

    before(async () => {
      const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
      assert.ok(extension);
      api = await extension.activate();
      root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      goMod = vscode.Uri.file(path.join(root, 'go.mod'));
      // runOn is manual here: the check starts when asked, and nothing else starts one under the tests.
      const checked = reportWhere(api, root, 'its health', (result) => result.report?.health?.modules.length === 11 && !result.checkingHealth);
      await vscode.commands.executeCommand('goDependencyHealth.refresh');
      await checked;
    });

    it('puts retracted and deprecated warnings on the require lines, a transitive one on the line that pulls it in', async () => {
      const diagnostics = await diagnosticsWhere(
        goMod,
        'four health warnings',
        (list) => list.filter((diagnostic) => ['retracted', 'deprecated'].includes(codeOf(diagnostic))).length === 4,
      );
      const summary = diagnostics
        .map((diagnostic) => [codeOf(diagnostic), diagnostic.range.start.line + 1, diagnostic.severity])
        .sort((a, b) => Number(a[1]) - Number(b[1]));
      assert.deepEqual(summary, [
        ['retracted', healthLine(RETRACTED), vscode.DiagnosticSeverity.Warning],
        ['retracted', healthLine(NO_RATIONALE), vscode.DiagnosticSeverity.Warning],
        ['deprecated', healthLine(DEPRECATED), vscode.DiagnosticSeverity.Warning],
        ['retracted', healthLine(MIDDLE), vscode.DiagnosticSeverity.Warning],
      ]);
      const single = diagnostics.find((diagnostic) => diagnostic.range.start.line + 1 === healthLine(RETRACTED))!;
      assert.match(single.message, /“Data race in the cache\.”/);
      assert.equal(single.range.start.character, 1, 'from the module path');
      assert.equal((single.code as { target: vscode.Uri }).target.fragment, 'class-retracted');
      const deep = diagnostics.find((diagnostic) => diagnostic.range.start.line + 1 === healthLine(MIDDLE))!;
      assert.match(deep.message, new RegExp(`${DEEP_RETRACTED}@v1\\.0\\.0 is retracted .* required through example\\.com/healthapp → ${MIDDLE}@v1\\.0\\.0`));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(goMod));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', goMod, single.range);
      assert.ok(
        actions.some((action) => action.title === `Move ${RETRACTED} to v1.1.5, the newest version that is not retracted`),
        actions.map((action) => action.title).join(' | '),
      );
    });

    it('shows the health of a require line in its hover: newest of its major version with an upgrade link, why this version, what it pulls in', async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(goMod));
      const at = (module: string) => new vscode.Position(healthLine(module) - 1, 5);
      const majors = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', goMod, at(MAJORS)));
      assert.match(majors, /example\.com\/majors v1\.0\.0 — published 2020-01-01, \d+ years ago/);
      assert.match(majors, /Newest of v1: v1\.3\.0 available \(2024-03-01\)/);
      assert.match(majors, /\[Upgrade to v1\.3\.0\]\(command:goDependencyHealth\.upgradeModule\?/);
      const base = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', goMod, at(BASE)));
      assert.match(base, new RegExp(`Why this version: go\\.mod requires v1\\.0\\.0, but ${RAISER}@v1\\.0\\.0 requires ${BASE}@v1\\.2\\.0`));
      const middle = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', goMod, at(MIDDLE)));
      assert.match(middle, new RegExp(`Pulls in ${DEEP_RETRACTED}@v1\\.0\\.0: retracted, v1\\.1\\.0 available`));
      const retracted = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', goMod, at(RETRACTED)));
      assert.match(retracted, /Retracted by its author: “Data race in the cache\.”/);
    });

    it('shows health in the Module Downloads tree, modules the download did not fetch included, with a "required by" node', () => {
      const modules = modulesOf(api.store.get(root)!);
      const majors = modules.find((module) => module.path === MAJORS)!;
      const node = { kind: 'module' as const, root, module: majors };
      const item = api.tree.getTreeItem(node);
      assert.match(String(item.description), /^v1\.0\.0 · (ok|cached)( · [\d.]+ s)? · v1\.3\.0 available$/);
      assert.match(item.contextValue ?? '', /^module\.(ok|cached)\.upgradable$/);
      const facts = api.tree.getChildren(node).flatMap((child) => (child.kind === 'health' ? [[child.fact, child.text]] : []));
      assert.deepEqual(
        facts.map(([fact]) => fact),
        ['published', 'update', 'selected', 'requiredBy'],
      );
      const deep = modules.find((module) => module.path === DEEP_RETRACTED)!;
      assert.equal(deep.graphOnly, true, 'go mod download did not fetch it; the tree shows it from the graph');
      const deepNode = { kind: 'module' as const, root, module: deep };
      assert.match(String(api.tree.getTreeItem(deepNode).description), /^v1\.0\.0 · in the module graph · retracted · v1\.1\.0 available$/);
      const requiredBy = api.tree.getChildren(deepNode).find((child) => child.kind === 'health' && child.fact === 'requiredBy');
      assert.equal(requiredBy?.kind === 'health' && requiredBy.text, `required by: example.com/healthapp → ${MIDDLE}@v1.0.0 → ${DEEP_RETRACTED}@v1.0.0`);
    });

    it('upgrades from the code action after showing the diff of go.mod and go.sum; Undo Last Fix restores both byte for byte', async () => {
      const goModBefore = readFileSync(goMod.fsPath);
      const goSum = path.join(root, 'go.sum');
      const goSumBefore = existsSync(goSum) ? readFileSync(goSum) : null;
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(goMod));
      const line = healthLine(MAJORS) - 1;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', goMod, new vscode.Range(line, 3, line, 3));
      const upgrade = actions.find((action) => action.title === `Upgrade ${MAJORS} to v1.3.0`);
      assert.ok(upgrade?.command, actions.map((action) => action.title).join(' | '));
      const previewed = new Promise<string[]>((resolve) => {
        const subscription = api.fixes.onDidPreview((lines) => {
          subscription.dispose();
          resolve(lines);
        });
      });
      const upgraded = reportWhere(
        api,
        root,
        `${MAJORS} at v1.3.0 after the upgrade`,
        (result) => result.report!.health?.modules.some((module) => module.path === MAJORS && module.version === 'v1.3.0') === true && !result.checkingHealth,
      );
      const applied = vscode.commands.executeCommand<boolean>(upgrade.command.command, ...((upgrade.command.arguments ?? []) as unknown[]), {
        confirmed: true,
      });
      const preview = await within('the preview of the upgrade', previewed);
      assert.equal(preview[0], `Fix: Upgrade ${MAJORS} to v1.3.0`);
      assert.equal(preview[1], `  runs:   go get ${MAJORS}@v1.3.0`);
      assert.ok(preview.includes('    --- a/go.mod'), preview.join('\n'));
      assert.ok(preview.includes(`    -\t${MAJORS} v1.0.0`));
      assert.ok(preview.includes(`    +\t${MAJORS} v1.3.0`));
      assert.ok(
        preview.some((previewLine) => previewLine.startsWith(`    +${MAJORS} v1.3.0 h1:`)),
        'the go.sum lines it adds',
      );
      assert.equal(await applied, true);
      await upgraded;
      assert.match(readFileSync(goMod.fsPath, 'utf8'), /example\.com\/majors v1\.3\.0/);
      const restored = reportWhere(
        api,
        root,
        `${MAJORS} back at v1.0.0`,
        (result) => result.report!.health?.modules.some((module) => module.path === MAJORS && module.version === 'v1.0.0') === true && !result.checkingHealth,
      );
      assert.equal(await vscode.commands.executeCommand<boolean>('goDependencyHealth.undoLastFix'), true);
      assert.ok(readFileSync(goMod.fsPath).equals(goModBefore), 'go.mod byte for byte');
      if (goSumBefore === null) assert.equal(existsSync(goSum), false, 'go.sum did not exist before, and does not now');
      else assert.ok(readFileSync(goSum).equals(goSumBefore), 'go.sum byte for byte');
      await restored;
    });

    it('keeps the health warnings through a re-check: while the new pass runs, the last answers stay on their lines', async () => {
      const before = api.store.get(root)!.report;
      // What the diagnostics are published from, at every change of the root's run (VS Code merges
      // diagnostics events that come close together, so those would not show a short gap).
      const healthFindings: number[] = [];
      let seenChecking = false;
      const watching = api.store.onDidChangeRun(() => {
        const result = api.store.get(root);
        if (!result || result.running || !result.report) return;
        if (result.checkingHealth) seenChecking = true;
        healthFindings.push(result.report.findings.filter((finding) => finding.class === 'retracted' || finding.class === 'deprecated').length);
      });
      try {
        const rechecked = reportWhere(
          api,
          root,
          'a new report with its health',
          (result) => result.report !== before && result.report?.health?.modules.length === 11 && !result.checkingHealth,
        );
        await vscode.commands.executeCommand('goDependencyHealth.refresh');
        await rechecked;
      } finally {
        watching.dispose();
      }
      assert.ok(seenChecking, 'the new health pass ran');
      assert.deepEqual([...new Set(healthFindings)], [4], `health warnings in the report at each change: ${healthFindings.join(', ')}`);
      await diagnosticsWhere(
        goMod,
        'the four health warnings',
        (list) => list.filter((diagnostic) => ['retracted', 'deprecated'].includes(codeOf(diagnostic))).length === 4,
      );
    });

    it('can be turned off (goDependencyHealth.checkHealth): the next check asks go nothing more, and its warnings go', async () => {
      const off = reportWhere(api, root, 'the health pass turned off', (result) => result.report!.health?.skipped === 'turned off');
      const restore = await setSettings([['goDependencyHealth', 'checkHealth', false]]);
      try {
        await vscode.commands.executeCommand('goDependencyHealth.refresh');
        await off;
        await diagnosticsWhere(goMod, 'no health warnings', (list) => !list.some((diagnostic) => ['retracted', 'deprecated'].includes(codeOf(diagnostic))));
      } finally {
        await restore();
      }
      const back = reportWhere(api, root, 'the health pass back on', (result) => result.report!.health?.skipped === null && !result.checkingHealth);
      await vscode.commands.executeCommand('goDependencyHealth.refresh');
      await back;
      await diagnosticsWhere(goMod, 'the health warnings back', (list) => list.some((diagnostic) => codeOf(diagnostic) === 'retracted'));
    });
  });
