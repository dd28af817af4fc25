// In an untrusted workspace nothing runs: no go process, no diagnostics, no report — even when
// asked. (An extension under development loads in Restricted Mode, unlike an installed one, so
// this checks our own gate, not VS Code's.)

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as manifest from '../../../package.json';
import type { ExtensionApi } from '../../../src/extension';

const untrusted = process.env.GDH_E2E_LAB === '1' && process.env.GDH_E2E_UNTRUSTED === '1';

if (untrusted) {
  describe('an untrusted workspace', function () {
    this.timeout(30_000);

    it('runs nothing, even when asked, and reports nothing', async () => {
      assert.equal(vscode.workspace.isTrusted, false);
      const extension = vscode.extensions.getExtension<ExtensionApi>(`${manifest.publisher}.${manifest.name}`)!;
      const api = await extension.activate();
      await vscode.commands.executeCommand('goDependencyHealth.refresh');
      await vscode.commands.executeCommand('goDependencyHealth.diagnose');
      await api.runs.idle();
      assert.equal(api.runs.runsStarted, 0);
      for (const result of api.store.all()) assert.equal(result.report, undefined);
      assert.deepEqual(api.tree.getChildren(), [], 'the view is empty, so it shows its welcome text');
      assert.equal(await vscode.commands.executeCommand('goDependencyHealth.undoLastFix'), false, 'no setting is changed');
      const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      assert.deepEqual(vscode.languages.getDiagnostics(vscode.Uri.file(path.join(root, 'go.mod'))), []);
    });
  });
}
