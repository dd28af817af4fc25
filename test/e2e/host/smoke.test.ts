// Runs inside the real extension host: the extension loads from the repo, and activates by itself
// because the opened workspace contains a go.mod.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as manifest from '../../../package.json';

const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('smoke: the extension in a real VS Code', () => {
  it('is installed from the repo under its manifest id', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    assert.equal((extension.packageJSON as { version: string }).version, manifest.version);
  });

  it('sees the environment the launcher gave VS Code (how tests point it at a lab proxy)', () => {
    assert.ok(process.env.GDH_E2E_RESULTS, 'GDH_E2E_RESULTS is not set in the extension host');
  });

  it('opened the go.mod workspace', async () => {
    const goMods = await vscode.workspace.findFiles('**/go.mod');
    assert.ok(goMods.length > 0, 'no go.mod in the workspace');
  });

  // The launcher's --untrusted leaves workspace trust on, so the folder opens in Restricted Mode.
  const untrusted = process.env.GDH_E2E_UNTRUSTED === '1';

  it(`opens the workspace ${untrusted ? 'in Restricted Mode' : 'trusted'}`, () => {
    assert.equal(vscode.workspace.isTrusted, !untrusted);
  });

  it('activates on a go.mod workspace and registers its commands', async () => {
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/go.mod'));
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/go.work'));
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('goDependencyHealth.diagnose'), 'goDependencyHealth.diagnose is not registered');
  });
});
