// Records what the real `go mod graph` and `go list -m -u -json -e -retracted -mod=mod all` print
// for the health lab (test/lab/healthLab.ts), with each Go under test, into
// test/fixtures/health/<go>.{graph,list.json}. The health pass's unit tests read these files, so
// they test go's real output. The proxy answers 500 for one module's version list, so one entry
// carries go's per-module error. Re-run after a Go upgrade: npx tsx scripts/record-health.ts

import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createGoSandbox } from '../test/lab/goSandbox';
import { goVersionsUnderTest } from '../test/lab/goVersions';
import { HEALTH_MODULES, healthGoMod, MAJORS } from '../test/lab/healthLab';
import { ModuleProxy } from '../test/lab/moduleProxy';
import { runProgram } from '../test/lab/runGo';

const OUT = path.join(__dirname, '..', 'test', 'fixtures', 'health');

/** The module whose version list the proxy refuses while recording. */
export const LIST_FAILS = MAJORS;

async function record(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const proxy = await ModuleProxy.start({ modules: HEALTH_MODULES });
  proxy.addFault({ module: LIST_FAILS, file: 'list', fault: { kind: 'status', status: 500, body: 'list unavailable' } });
  try {
    for (const go of goVersionsUnderTest().gos) {
      const sandbox = await createGoSandbox({ go: go.bin, env: { GOPROXY: proxy.url, GOSUMDB: 'off' } });
      try {
        const root = sandbox.writeWorkspace('app', { 'go.mod': healthGoMod() });
        const graph = await runProgram(go.bin, ['mod', 'graph'], { cwd: root, env: sandbox.env });
        const list = await runProgram(go.bin, ['list', '-m', '-u', '-json', '-e', '-retracted', '-mod=mod', 'all'], { cwd: root, env: sandbox.env });
        if (graph.code !== 0 || list.code !== 0) throw new Error(`${go.label}: ${graph.stderr}${list.stderr}`);
        // The sandbox folder and the port differ per run.
        const clean = (text: string) => text.split(sandbox.dir).join('/tmp/sandbox').split(proxy.url).join('http://127.0.0.1:PORT');
        writeFileSync(path.join(OUT, `${go.label}.graph`), clean(graph.stdout));
        writeFileSync(path.join(OUT, `${go.label}.list.json`), clean(list.stdout));
        process.stdout.write(`${go.label}: recorded\n`);
      } finally {
        await sandbox.cleanup();
      }
    }
  } finally {
    await proxy.close();
  }
}

if (require.main === module) void record();
