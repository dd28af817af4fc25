// npm run demo: the product against a local module server, no internet needed.
// Starts the lab's module proxy on 127.0.0.1 with a small workspace (one healthy module, one
// private module without GOPRIVATE, one whose download stalls), runs the real CLI on it and
// prints its report. Everything lives in a temp folder that is removed at the end.
//
// npm run demo -- --open: afterwards keeps the lab running and opens the same workspace in
// VS Code in the browser — code-server on 127.0.0.1 with the packaged extension (.vsix) — and
// prints its URL; Ctrl+C stops everything. Installs code-server first (scripts/setup.sh editor).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer } from '../test/e2e/host/codeServer';
import { openDemoLab, type DemoLab } from '../test/e2e/ui/lab';
import { installVsix } from '../test/e2e/ui/server';
import { DEMO, openScenario } from '../test/lab/scenarios';
import { buildVsix, vsixPath } from './package';

const root = path.join(__dirname, '..');
const CLI = path.join(root, 'dist', 'cli.js');

type Opened = Awaited<ReturnType<typeof openScenario>>;

/**
 * The lab's Go settings moved from the process environment into the sandbox's go env file, where a
 * user's `go env -w` puts them: the report then offers the fixes a user would get, not the advice
 * for a variable set in the environment (which overrides `go env -w`).
 */
function asGoEnvFile(env: Record<string, string>): Record<string, string> {
  const moved = GO_SETTINGS.filter((name) => env[name]);
  if (moved.length === 0) return env;
  const write = spawnSync('go', ['env', '-w', ...moved.map((name) => `${name}=${env[name]}`)], { env, encoding: 'utf8' });
  if (write.status !== 0) throw new Error(`go env -w failed: ${write.stderr}`);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !moved.includes(name)));
}

const GO_SETTINGS = ['GOPROXY', 'GOSUMDB', 'GONOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GOINSECURE'];

async function runCli(opened: Opened): Promise<number> {
  const stall = String(DEMO.inactivitySeconds);
  process.stdout.write(
    [
      'Go Dependency Health — demo',
      `Module proxy: ${opened.env.GOPROXY} (local, with a checksum database that knows only public modules)`,
      `Workspace:    ${opened.root}`,
      `Running:      go-dep-health diagnose ${opened.root} --stall-timeout ${stall}`,
      '',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [CLI, 'diagnose', opened.root, '--stall-timeout', stall], { env: asGoEnvFile(opened.env), stdio: 'inherit' });
  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 2)));
  process.stdout.write(`\ngo-dep-health exited with ${code} (1 = problems found, as expected for this workspace).\n`);
  return code;
}

/** Installs code-server (if needed) and packages the extension, as `npm run test:ui` does. */
function prepareEditor(): void {
  const setup = spawnSync('bash', [path.join(root, 'scripts/setup.sh'), 'editor'], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('scripts/setup.sh editor failed (its message is above)');
  if (buildVsix() !== 0) throw new Error('packaging the extension failed');
}

/** code-server with the packaged extension on the lab's workspace, until Ctrl+C. */
async function openInEditor(lab: DemoLab): Promise<void> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'gdh-demo-editor-'));
  try {
    installVsix(tmp, vsixPath);
    const serverLog: string[] = [];
    const server = await startCodeServer({ tmp, env: lab.serverEnv, untrusted: false, log: (chunk) => serverLog.push(chunk) });
    // code-server runs detached: it must not outlive this process, however that ends.
    process.once('exit', () => server.killNow());
    const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(lab.root)}`;
    process.stdout.write(
      [
        '',
        'The demo workspace in VS Code (code-server with the packaged extension); the lab keeps running:',
        `  ${url}`,
        'Open go.mod: the private module and the stalled one are underlined; the GOPROXY item is in the status bar.',
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    process.stdout.write('\nStopping code-server and the lab…\n');
    await server.stop();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function demo(): Promise<number> {
  const { values } = parseArgs({ options: { open: { type: 'boolean' } } });
  if (values.open) prepareEditor();
  // For the editor the workspace also gets the settings the extension needs there (lab.ts).
  const lab = values.open ? await openDemoLab() : undefined;
  const opened = lab ?? (await openScenario(DEMO));
  try {
    const code = await runCli(opened);
    if (lab) await openInEditor(lab);
    return code === 1 ? 0 : 1;
  } finally {
    await opened.dispose();
  }
}

demo().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
