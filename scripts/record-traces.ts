// Records what the real `go mod download -x -json` prints for every lab scenario, into
// test/fixtures/traces/<scenario>.{stderr,stdout,json}. The parser's unit tests read these files,
// so they test real output, not our idea of it. Re-run after a Go upgrade:
//   npm run record-traces            (uses the go on PATH, or GO=/path/to/go)
// The .json file keeps what the test needs to interpret the run: the Go version, the proxy URLs
// (the ports differ per run) and the sandbox folder.

import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runGoModDownload } from '../src/engine/runner';
import { GO } from '../test/lab/goSandbox';
import { openScenario, SCENARIOS } from '../test/lab/scenarios';
import { execFileSync } from 'node:child_process';

const OUT = path.join(__dirname, '..', 'test', 'fixtures', 'traces');

async function record(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const goBinary = process.env.GO ?? GO;
  const only = process.argv.slice(2);
  for (const chosen of SCENARIOS) {
    if (only.length > 0 && !only.includes(chosen.name)) continue;
    const opened = await openScenario(chosen);
    try {
      let stderr = '';
      let stdout = '';
      const goPath = opened.prepared.goPath ?? goBinary;
      const outcome = await runGoModDownload({
        goPath,
        cwd: opened.root,
        env: opened.env,
        inactivitySeconds: chosen.inactivitySeconds ?? 20,
        onStderr: (chunk) => (stderr += chunk),
        onStdout: (chunk) => (stdout += chunk),
      });
      const goVersion = execFileSync(goBinary, ['env', 'GOVERSION'], { env: opened.env }).toString().trim();
      const meta = {
        scenario: chosen.name,
        what: chosen.what,
        goVersion,
        end: outcome.end,
        proxies: opened.prepared.proxies.map((proxy) => proxy.url),
        env: opened.prepared.env,
        sandbox: opened.sandbox.dir,
        goMod: opened.prepared.files['go.mod'],
      };
      writeFileSync(path.join(OUT, `${chosen.name}.stderr`), stderr);
      writeFileSync(path.join(OUT, `${chosen.name}.stdout`), stdout);
      writeFileSync(path.join(OUT, `${chosen.name}.json`), `${JSON.stringify(meta, null, 2)}\n`);
      process.stdout.write(`${chosen.name}: ${JSON.stringify(outcome.end)}, ${stderr.split('\n').length - 1} trace lines\n`);
    } finally {
      await opened.dispose();
    }
  }
}

record().catch((error: unknown) => {
  process.stderr.write(`record-traces: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
