// Shared by both hosts (code-server: runHostTests.ts, desktop VS Code: runElectron.ts): bundle the
// extension-host test files once, and make the small workspace the smoke test opens.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export const repoRoot = path.resolve(__dirname, '../../..');
export const hostTestsDir = __dirname;
export const bundleDir = path.join(repoRoot, 'out/test/host');
/** The module the extension host loads as `extensionTestsPath`. */
export const bundledIndex = path.join(bundleDir, 'index.js');

/** Env var names shared with index.ts and the tests (which run inside the extension host). */
export const ENV_RESULTS = 'GDH_E2E_RESULTS';
export const ENV_GREP = 'GDH_E2E_GREP';
export const ENV_UNTRUSTED = 'GDH_E2E_UNTRUSTED';
/** Asks index.ts to start every line of the extension host's console with this value. */
export const ENV_OUTPUT_MARK = 'GDH_E2E_OUTPUT_MARK';

/**
 * Bundles index.ts and every *.test.ts below test/e2e/host into out/test/host (one CommonJS file
 * each). `vscode` is provided by the extension host; mocha stays external so all files share the
 * one instance from node_modules (its globals `describe`/`it` come from that instance).
 */
export async function bundleHostTests(): Promise<string[]> {
  if (!existsSync(path.join(repoRoot, 'dist/extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  }
  const tests = readdirSync(hostTestsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.join(hostTestsDir, file));
  rmSync(bundleDir, { recursive: true, force: true }); // no stale test from a deleted file
  await esbuild.build({
    entryPoints: [path.join(hostTestsDir, 'index.ts'), ...tests],
    outdir: bundleDir,
    outbase: hostTestsDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline', // index.ts turns source maps on, so failures point at the .ts lines
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return tests;
}

/** A fresh folder holding just a go.mod: enough for the `workspaceContains:**\/go.mod` activation. */
export function createSmokeWorkspace(parent = mkdtempSync(path.join(tmpdir(), 'gdh-e2e-ws-'))): string {
  const folder = path.join(parent, 'smoke-module');
  mkdirSync(folder, { recursive: true });
  // No requirements: opening it never makes `go` download anything.
  writeFileSync(path.join(folder, 'go.mod'), 'module example.com/smoke\n\ngo 1.21\n');
  return folder;
}
