// npm run demo: the product against a local module server, no internet needed.
// Starts the lab's module proxy on 127.0.0.1 with a small workspace (one healthy module, one
// private module without GOPRIVATE, one whose download stalls), runs the real CLI on it and
// prints its report. Everything lives in a temp folder that is removed at the end.

import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { DEMO, openScenario } from '../test/lab/scenarios';

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');

async function demo(): Promise<number> {
  const opened = await openScenario(DEMO);
  try {
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
    const child = spawn(process.execPath, [CLI, 'diagnose', opened.root, '--stall-timeout', stall], { env: opened.env, stdio: 'inherit' });
    const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 2)));
    process.stdout.write(`\ngo-dep-health exited with ${code} (1 = problems found, as expected for this workspace).\n`);
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
