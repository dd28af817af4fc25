// Failure classes that need no broken server: a malformed or mismatched module path, a module
// cache that cannot be written or read, a toolchain that cannot be had, a go.mod that does not
// parse, no go at all, and settings that contradict themselves.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assertClean,
  assertFinding,
  classIt,
  disposeCases,
  fixOf,
  goModRequiring,
  goSumFor,
  openCase,
  requireLine,
  writeWrappers,
} from '../../lab/classScenarios';
import { makeWritable } from '../../lab/goSandbox';
import { goVersionsUnderTest, type GoUnderTest } from '../../lab/goVersions';
import { ModuleProxy, type LabModule } from '../../lab/moduleProxy';
import { closedPort, HEALTHY, PRIVATE } from '../../lab/scenarios';

const { gos } = goVersionsUnderTest();
/** A fork whose go.mod still declares the original's path. */
const FORK: LabModule = {
  path: 'example.com/fork',
  version: 'v1.0.0',
  files: { 'go.mod': 'module example.com/original\n\ngo 1.21\n', 'lib.go': 'package original\n' },
};
const ORIGINAL: LabModule = { path: 'example.com/original', version: 'v1.0.0', files: { 'lib.go': 'package original\n' } };
const MYLIB: LabModule = { path: 'example.com/mylib', version: 'v1.0.0', files: { 'lib.go': 'package mylib\n' } };

/** The newest Go under test that is newer than go, to stand for "the Go that go.mod asks for". */
function newerGo(go: GoUnderTest): GoUnderTest | null {
  return gos.filter((other) => other.minor > go.minor).sort((a, b) => b.minor - a.minor)[0] ?? null;
}

describe('failure classes: local setup', function () {
  this.timeout(120_000);
  let lab: ModuleProxy;

  before(async () => {
    lab = await ModuleProxy.start({ modules: [HEALTHY, PRIVATE, FORK, ORIGINAL, MYLIB], sumdb: { mode: 'not-found' } });
  });

  after(async () => {
    await lab?.close();
  });

  afterEach(disposeCases);

  const healthyFiles = () => ({ 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSumFor(lab, [HEALTHY]) });

  for (const go of gos) {
    describe(`with ${go.version}`, () => {
      classIt(go, 'module-path', 'go.mod requires "mylib" (no dot in the first path element)', async (recorder) => {
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY, { path: 'mylib', version: 'v1.0.0' }]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: lab.url },
        });
        const finding = assertFinding(await c.diagnose(), { cls: 'module-path', module: 'mylib', line: requireLine(1), fixes: ['check-path', 'module-path'] });
        assert.match(finding.evidence[0]!, /malformed module path "mylib": missing dot in first path element/);
        recorder.classified();
        c.writeGoMod(goModRequiring([HEALTHY, MYLIB]));
        fs.writeFileSync(path.join(c.root, 'go.sum'), goSumFor(lab, [HEALTHY, MYLIB]));
        assertClean(await c.diagnose(), 'with the path corrected');
        recorder.proven({ kind: 'equivalent', what: 'the path corrected in go.mod' });
      });

      classIt(go, 'module-path', 'go.mod requires example.com/fork, whose go.mod declares example.com/original', async (recorder) => {
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY, FORK]), 'go.sum': goSumFor(lab, [HEALTHY, FORK]) },
          goEnv: { GOPROXY: lab.url },
        });
        const finding = assertFinding(await c.diagnose(), { cls: 'module-path', module: FORK.path, line: requireLine(1), fixes: ['module-path'] });
        assert.match(finding.evidence[0]!, /module declares its path as: example\.com\/original\s+but was required as: example\.com\/fork/);
        recorder.classified();
        c.writeGoMod(goModRequiring([HEALTHY, ORIGINAL]));
        fs.writeFileSync(path.join(c.root, 'go.sum'), goSumFor(lab, [HEALTHY, ORIGINAL]));
        assertClean(await c.diagnose(), 'requiring the declared path');
        recorder.proven({ kind: 'equivalent', what: 'the declared path required' });
      });

      classIt(go, 'module-cache', 'GOMODCACHE on a read-only mount (not writable even for root)', async (recorder) => {
        const c = await openCase(go, { files: healthyFiles(), goEnv: { GOPROXY: lab.url } });
        writeWrappers(c.sandbox, { readOnly: [c.sandbox.gomodcache] });
        const finding = assertFinding(await c.diagnose(), { cls: 'module-cache', module: HEALTHY.path, line: requireLine(0), fixes: ['modcache-writable'] });
        assert.match(finding.evidence[0]!, /read-only file system/);
        assert.match(finding.message, /not writable/);
        recorder.classified();
        writeWrappers(c.sandbox);
        assertClean(await c.diagnose(), 'with the cache writable');
        recorder.proven({ kind: 'equivalent', what: 'the cache made writable' });
      });

      classIt(go, 'module-cache', 'a cached module whose zip was damaged after download (extracted copy gone)', async (recorder) => {
        const c = await openCase(go, { files: healthyFiles(), goEnv: { GOPROXY: lab.url } });
        assertClean(await c.diagnose(), 'the first download');
        const extracted = path.join(c.sandbox.gomodcache, 'example.com', 'healthy@v1.0.0');
        const zip = path.join(c.sandbox.gomodcache, 'cache', 'download', 'example.com', 'healthy', '@v', 'v1.0.0.zip');
        await makeWritable(extracted);
        fs.rmSync(extracted, { recursive: true });
        fs.chmodSync(zip, 0o644);
        fs.writeFileSync(zip, 'a damaged zip\n');
        const finding = assertFinding(await c.diagnose(), { cls: 'module-cache', module: HEALTHY.path, line: requireLine(0), fixes: ['clean-modcache'] });
        assert.match(finding.evidence[0]!, /zip: not a valid zip file/);
        recorder.classified();
        assert.equal((await c.run(c.sandbox.go, ['clean', '-modcache'])).code, 0);
        assertClean(await c.diagnose(), 'after go clean -modcache');
        recorder.proven({ kind: 'command', fixId: 'clean-modcache' });
      });

      const newer = newerGo(go);
      const wanted = newer ? newer.version.replace(/^go/, '') : '1.99.0';
      classIt(
        go,
        'toolchain',
        "the go.mod go line is newer than the Go under test (the machine's Go for Go 1.21, 1.99.0 for the newest), GOTOOLCHAIN=auto, the proxy has no golang.org/toolchain",
        async (recorder) => {
          const c = await openCase(go, {
            files: { 'go.mod': goModRequiring([HEALTHY], wanted), 'go.sum': goSumFor(lab, [HEALTHY]) },
            goEnv: { GOPROXY: lab.url },
            env: { GOTOOLCHAIN: 'auto' },
          });
          const finding = assertFinding(await c.diagnose(), { cls: 'toolchain', module: null, line: 3, fixes: ['toolchain'] });
          assert.match(finding.evidence.join('\n'), new RegExp(`download go${wanted.replace(/\./g, '\\.')}`));
          recorder.classified();
          if (!newer) {
            recorder.noFix(`not proven with ${go.label}: no Go newer than it exists to install`);
            return;
          }
          // "Install the Go that go.mod asks for": GOTOOLCHAIN=auto runs go<version> from PATH before it downloads.
          const bin = path.join(c.sandbox.dir, 'installed-go');
          fs.mkdirSync(bin);
          fs.symlinkSync(newer.bin, path.join(bin, newer.version));
          assertClean(await c.diagnose({ env: { ...c.env, PATH: `${c.env.PATH}:${bin}` } }), `with ${newer.version} installed`);
          recorder.proven({ kind: 'equivalent', what: "the Go version go.mod asks for installed on PATH (shown with Go 1.21 asking for the machine's Go)" });
        },
      );

      classIt(go, 'gomod-syntax', 'go.mod line 4 says "requir" (an unknown directive)', async (recorder) => {
        const c = await openCase(go, {
          files: { 'go.mod': `module example.com/app\n\ngo 1.21\nrequir ${HEALTHY.path} ${HEALTHY.version}\n`, 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: lab.url },
        });
        const finding = assertFinding(await c.diagnose(), { cls: 'gomod-syntax', module: null, line: 4, fixes: [] });
        assert.match(finding.message, /requir/);
        recorder.classified();
        c.writeGoMod(`module example.com/app\n\ngo 1.21\nrequire ${HEALTHY.path} ${HEALTHY.version}\n`);
        assertClean(await c.diagnose(), 'with the line corrected');
        recorder.proven({ kind: 'equivalent', what: 'the line corrected' });
      });

      classIt(go, 'go-missing', 'no go on PATH and no go.goroot / go.alternateTools', async (recorder) => {
        const c = await openCase(go, { files: healthyFiles(), goEnv: { GOPROXY: lab.url } });
        const finding = assertFinding(await c.diagnose({ env: { ...c.env, PATH: '/nonexistent-bin' }, alternateGoTool: undefined }), {
          cls: 'go-missing',
          module: null,
          line: 1,
          fixes: ['install-go'],
        });
        assert.match(finding.evidence[0]!, /searched go on PATH/);
        recorder.classified();
        assertClean(await c.diagnose({ env: { ...c.env, PATH: `${path.dirname(go.bin)}:${c.env.PATH}` }, alternateGoTool: undefined }), 'with go on PATH');
        recorder.proven({ kind: 'equivalent', what: 'go on PATH' });
      });

      classIt(go, 'env-conflict', 'go env -w GOPROXY=<lab proxy>, shadowed by GOPROXY=http://127.0.0.1:<closed> in the environment', async (recorder) => {
        const closed = `http://127.0.0.1:${await closedPort()}`;
        const c = await openCase(go, { files: healthyFiles(), goEnv: { GOPROXY: lab.url }, env: { GOPROXY: closed } });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'env-conflict',
          module: null,
          line: 1,
          fixes: ['env-shadowed'],
          others: ['connection-refused'],
        });
        assert.equal(finding.severity, 'warning');
        assert.match(finding.message, /GOPROXY from `go env -w`/);
        recorder.classified();
        const { GOPROXY: _shadow, ...unshadowed } = c.env;
        assertClean(await c.diagnose({ env: unshadowed }), 'without the environment variable');
        recorder.proven({ kind: 'equivalent', what: 'the variable unset in the environment that starts go' });
      });

      classIt(go, 'env-conflict', 'go env -w GONOSUMDB="example.com/none, corp.example.com" (a space: the second pattern never matches)', async (recorder) => {
        const c = await openCase(go, {
          files: { 'go.mod': goModRequiring([HEALTHY, PRIVATE]), 'go.sum': goSumFor(lab, [HEALTHY]) },
          goEnv: { GOPROXY: lab.url, GONOSUMDB: 'example.com/none, corp.example.com' },
        });
        const finding = assertFinding(await c.diagnose(), {
          cls: 'env-conflict',
          module: null,
          line: 1,
          fixes: ['gonosumdb-trim'],
          others: ['private-module-sumdb'],
        });
        assert.match(finding.message, /" corp\.example\.com"/);
        recorder.classified();
        await c.apply(fixOf(finding, 'gonosumdb-trim'));
        assertClean(await c.diagnose(), 'after gonosumdb-trim');
        recorder.proven({ kind: 'applied', fixId: 'gonosumdb-trim' });
      });
    });
  }
});
