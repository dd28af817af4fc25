// The same extension-host tests in desktop VS Code, through @vscode/test-electron. It downloads
// VS Code into .vscode-test/, so it only works with the internet (and, on Linux without a
// desktop, under xvfb-run); offline, use runHostTests.ts (code-server).
//   tsx test/e2e/host/runElectron.ts   env: GDH_E2E_WORKSPACE, GDH_E2E_ENV (JSON), GDH_E2E_GREP,
//                                            GDH_E2E_VSCODE_VERSION (default: stable)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundledIndex, bundleHostTests, createSmokeWorkspace, ENV_GREP, ENV_RESULTS, ENV_UNTRUSTED, repoRoot } from './support';

async function main(): Promise<number> {
  await bundleHostTests();
  const tmp = mkdtempSync(path.join(tmpdir(), 'gdh-e2e-electron-'));
  const resultsDir = path.join(repoRoot, 'test-results/electron');
  mkdirSync(resultsDir, { recursive: true });
  const workspace = path.resolve(process.env.GDH_E2E_WORKSPACE ?? createSmokeWorkspace(tmp));
  try {
    return await runTests({
      version: process.env.GDH_E2E_VSCODE_VERSION,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: bundledIndex,
      launchArgs: [
        workspace,
        '--disable-extensions', // only the extension under test, not whatever the user installed
        '--disable-workspace-trust',
        '--user-data-dir',
        path.join(tmp, 'user-data'),
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), // Electron refuses root otherwise
      ],
      extensionTestsEnv: {
        ...(process.env.GDH_E2E_ENV ? (JSON.parse(process.env.GDH_E2E_ENV) as Record<string, string>) : {}),
        [ENV_RESULTS]: path.join(resultsDir, 'mocha-results.json'),
        [ENV_GREP]: process.env.GDH_E2E_GREP,
        [ENV_UNTRUSTED]: '0',
      },
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // runTests rejects when VS Code exits non-zero (a failed test) or cannot be downloaded.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
