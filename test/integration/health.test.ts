// The health pass with the real go (every Go under test: 1.26 and 1.21) against the lab's module
// proxy serving retractions, deprecations, several majors, pre-releases, pseudo-versions and a
// graph where a dependency raises a version: what go itself answers becomes findings, the tree's
// facts and "why", with the user's go.mod and go.sum untouched, one broken module not hiding the
// others, offline set-ups respected (no proxy asked that go would not ask), answers cached, and
// a cancelled pass killing its go.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding, ModuleHealth, Report } from '../../src/core/types';
import { diagnose } from '../../src/engine/diagnose';
import { checkHealth } from '../../src/engine/health';
import { HealthCache } from '../../src/engine/healthCache';
import { ForwardProxy } from '../lab/forwardProxy';
import { createGoSandbox, type GoSandbox } from '../lab/goSandbox';
import { goVersionsUnderTest, type GoUnderTest } from '../lab/goVersions';
import {
  BASE,
  DEEP_RETRACTED,
  DEPRECATED,
  HEALTH_MODULES,
  healthGoMod,
  healthLine,
  MAJORS,
  MIDDLE,
  NO_RATIONALE,
  PRERELEASE,
  PSEUDO,
  PSEUDO_TAGGED,
  RAISER,
  RETRACTED,
} from '../lab/healthLab';
import { ModuleProxy, type FaultRule, type LabModule } from '../lab/moduleProxy';
import { MISSING, PARENT } from '../lab/scenarios';

interface HealthApp {
  root: string;
  env: Record<string, string>;
  proxy: ModuleProxy;
  sandbox: GoSandbox;
  go: GoUnderTest;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function openApp(
  go: GoUnderTest,
  options: { goMod?: string; modules?: LabModule[]; faults?: FaultRule[]; env?: Record<string, string> } = {},
): Promise<HealthApp> {
  const proxy = await ModuleProxy.start({ modules: options.modules ?? HEALTH_MODULES });
  for (const fault of options.faults ?? []) proxy.addFault(fault);
  const sandbox = await createGoSandbox({ go: go.bin, env: { GOPROXY: proxy.url, GOSUMDB: 'off', ...options.env } });
  cleanups.push(async () => {
    await sandbox.cleanup();
    await proxy.close();
  });
  const root = sandbox.writeWorkspace('app', { 'go.mod': options.goMod ?? healthGoMod() });
  return { root, env: sandbox.env, proxy, sandbox, go };
}

async function diagnoseApp(
  app: HealthApp,
  options: { cache?: HealthCache; env?: Record<string, string>; workspaceModules?: string[] } = {},
): Promise<{ download: Report; report: Report }> {
  const env = { ...app.env, ...options.env };
  const { report: download, graph } = await diagnose({ root: app.root, env, inactivitySeconds: 30, alternateGoTool: app.go.bin });
  // As the CLI and the editor run it: with the module graph the download just read.
  const report = await checkHealth({ report: download, graph, env, inactivitySeconds: 30, cache: options.cache ?? new HealthCache(null) });
  return { download, report };
}

function moduleHealth(report: Report, modulePath: string): ModuleHealth {
  const found = report.health?.modules.find((module) => module.path === modulePath);
  assert.ok(found, `no health for ${modulePath}: ${JSON.stringify(report.health?.modules.map((module) => module.path))}`);
  return found;
}

function findingsOf(report: Report, cls: Finding['class']): Finding[] {
  return report.findings.filter((finding) => finding.class === cls);
}

function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const listRequests = (proxy: ModuleProxy) => proxy.requests.filter((request) => request.path.endsWith('/@v/list') || request.path.endsWith('/@latest'));

for (const go of goVersionsUnderTest().gos) {
  describe(`health pass with ${go.label}`, function () {
    this.timeout(90_000);

    it('finds retracted versions with the rationale of the directive covering them, on the require line (a transitive one on the line that pulls it in)', async () => {
      const app = await openApp(go);
      const goModBefore = readFileSync(path.join(app.root, 'go.mod'), 'utf8');
      const { download, report } = await diagnoseApp(app);
      assert.deepEqual(findingsOf(download, 'retracted'), [], 'the download diagnosis alone knows nothing of retractions');
      const retracted = findingsOf(report, 'retracted').map((finding) => [finding.module, finding.version, finding.line, finding.severity]);
      assert.deepEqual(retracted, [
        [RETRACTED, 'v1.1.0', healthLine(RETRACTED), 'warning'],
        [NO_RATIONALE, 'v0.1.0', healthLine(NO_RATIONALE), 'warning'],
        [DEEP_RETRACTED, 'v1.0.0', healthLine(MIDDLE), 'warning'],
      ]);
      const single = findingsOf(report, 'retracted').find((finding) => finding.module === RETRACTED)!;
      assert.match(single.message, /is retracted by its author: “Data race in the cache\.” v1\.1\.5 is the newest version that is not retracted\./);
      assert.deepEqual(single.fixes[0]?.detail, { kind: 'go-get', module: RETRACTED, version: 'v1.1.5', from: 'v1.1.0' });
      const none = findingsOf(report, 'retracted').find((finding) => finding.module === NO_RATIONALE)!;
      assert.match(none.message, /\(no reason given\)/);
      const deep = findingsOf(report, 'retracted').find((finding) => finding.module === DEEP_RETRACTED)!;
      assert.match(deep.message, new RegExp(`required through example\\.com/healthapp → ${MIDDLE}@v1\\.0\\.0 → ${DEEP_RETRACTED}@v1\\.0\\.0`));
      assert.equal(readFileSync(path.join(app.root, 'go.mod'), 'utf8'), goModBefore, 'go ran on copies: the user’s go.mod is untouched');
      assert.throws(() => readFileSync(path.join(app.root, 'go.sum')), /ENOENT/, 'and no go.sum was written beside it');
    });

    it('quotes the rationale of a retracted range', async () => {
      const app = await openApp(go, { goMod: healthGoMod([{ path: RETRACTED, version: 'v1.0.3' }]) });
      const { report } = await diagnoseApp(app);
      const [finding] = findingsOf(report, 'retracted');
      assert.equal(finding?.version, 'v1.0.3');
      assert.match(finding?.message ?? '', /“Broke the API\.”/);
      assert.deepEqual(moduleHealth(report, RETRACTED).retracted, ['Broke the API.']);
    });

    it('finds a deprecated module with the author’s message, and links the successor it names', async () => {
      const app = await openApp(go);
      const { report } = await diagnoseApp(app);
      const [finding, ...others] = findingsOf(report, 'deprecated');
      assert.deepEqual(others, []);
      assert.equal(finding?.module, DEPRECATED);
      assert.equal(finding?.line, healthLine(DEPRECATED));
      assert.match(finding?.message ?? '', /is deprecated by its author: “use example\.com\/successor instead\.”/);
      assert.deepEqual(
        finding?.fixes.map((fix) => [fix.id, fix.detail.kind === 'doc' ? fix.detail.url : null]),
        [['deprecated-replacement', 'https://pkg.go.dev/example.com/successor']],
      );
    });

    it('gives each module the newest version of its major version, with publication times', async () => {
      const app = await openApp(go);
      const { report } = await diagnoseApp(app);
      const updates = Object.fromEntries(report.health!.modules.map((module) => [module.path, module.update?.version ?? null]));
      assert.equal(updates[MAJORS], 'v1.3.0', 'neither the v1.4.0 beta nor /v2');
      assert.equal(updates[PRERELEASE], 'v0.5.0-rc.2', 'a pre-release for a pre-release');
      assert.equal(updates[PSEUDO], null, 'a pseudo-version with no tagged version has nothing newer');
      assert.equal(updates[PSEUDO_TAGGED], 'v0.1.0', 'a tagged version is newer than an earlier pseudo-version');
      assert.equal(updates[RAISER], null);
      assert.equal(moduleHealth(report, MAJORS).time, '2020-01-01T00:00:00Z');
      assert.equal(moduleHealth(report, MAJORS).update?.time, '2024-03-01T00:00:00Z');
      assert.equal(report.health!.graph, 'go mod graph');
      assert.equal(report.health!.error, null);
      assert.ok(report.health!.modules.every((module) => module.status === 'ok'));
    });

    it('says which requirement raised a version the go.mod asks less of, and the chain to a module two requirements deep', async () => {
      const app = await openApp(go);
      const { report } = await diagnoseApp(app);
      const base = moduleHealth(report, BASE);
      assert.deepEqual([base.required, base.version, base.selectedBy], ['v1.0.0', 'v1.2.0', `${RAISER}@v1.0.0`]);
      const deep = moduleHealth(report, DEEP_RETRACTED);
      assert.equal(deep.required, null);
      assert.deepEqual(deep.chain, ['example.com/healthapp', `${MIDDLE}@v1.0.0`, `${DEEP_RETRACTED}@v1.0.0`]);
    });

    it('reads the graph the download just read instead of asking go again, and answers the same as with its own go mod graph', async () => {
      const app = await openApp(go);
      const { report: download, graph } = await diagnose({ root: app.root, env: app.env, inactivitySeconds: 30, alternateGoTool: go.bin });
      assert.match(graph ?? '', /^example\.com\/healthapp /m, 'the diagnosis kept go mod graph');
      const spawned = { given: 0, own: 0 };
      const pass = (given: boolean) =>
        checkHealth({
          report: download,
          ...(given ? { graph } : {}),
          env: app.env,
          inactivitySeconds: 30,
          cache: new HealthCache(null),
          onSpawn: () => spawned[given ? 'given' : 'own']++,
        });
      const [withGraph, ownGraph] = [await pass(true), await pass(false)];
      assert.deepEqual(spawned, { given: 1, own: 2 }, 'go list alone, then go list and go mod graph');
      const facts = (report: Report) =>
        report.health!.modules.map(({ path, version, selectedBy, chain, retracted, deprecated, update }) => ({
          path,
          version,
          selectedBy,
          chain,
          retracted,
          deprecated,
          update,
        }));
      assert.deepEqual(facts(withGraph), facts(ownGraph));
      assert.equal(withGraph.health!.graph, 'go mod graph');
    });

    it('gives a module whose lookup fails go’s error as its answer, and every other module its own', async () => {
      const app = await openApp(go, { faults: [{ module: MAJORS, file: 'list', fault: { kind: 'status', status: 500, body: 'list unavailable' } }] });
      const { report } = await diagnoseApp(app);
      const majors = moduleHealth(report, MAJORS);
      assert.equal(majors.status, 'unknown');
      assert.match(majors.error ?? '', /example\.com\/majors\/@v\/list: 500 Internal Server Error/);
      const others = report.health!.modules.filter((module) => module.path !== MAJORS);
      assert.deepEqual(
        others.filter((module) => module.status !== 'ok').map((module) => module.path),
        [],
      );
      assert.equal(findingsOf(report, 'retracted').length, 3);
    });

    it('names the chain on the download failure of a transitive module, and still checks every other module', async () => {
      const app = await openApp(go, {
        modules: [...HEALTH_MODULES, PARENT],
        goMod: healthGoMod([
          { path: RETRACTED, version: 'v1.1.0' },
          { path: PARENT.path, version: PARENT.version },
        ]),
      });
      const { report } = await diagnoseApp(app);
      const failure = report.findings.find((finding) => finding.module === MISSING.path && finding.severity === 'error');
      assert.ok(failure, JSON.stringify(report.findings.map((finding) => [finding.class, finding.module])));
      assert.match(
        failure.message,
        new RegExp(`It is required through example\\.com/healthapp → ${PARENT.path}@${PARENT.version} → ${MISSING.path}@${MISSING.version}\\.`),
      );
      // go mod graph stops at the missing module: the graph came from the go.mod files in the module cache.
      assert.equal(report.health!.graph, 'go.mod files in the module cache');
      assert.equal(moduleHealth(report, MISSING.path).status, 'unknown');
      assert.deepEqual(moduleHealth(report, RETRACTED).retracted, ['Data race in the cache.']);
    });

    it('asks no proxy for a private module (GOPRIVATE): its lookup fails the way go fails it, the others are answered', async () => {
      const nowhere = await ForwardProxy.start({ routes: {} }); // direct fetches end here with 502: no DNS, no internet
      cleanups.push(() => nowhere.close());
      const app = await openApp(go, { env: { GOPRIVATE: MAJORS, HTTPS_PROXY: nowhere.url, HTTP_PROXY: nowhere.url } });
      const { report } = await diagnoseApp(app);
      assert.deepEqual(
        app.proxy.requests.filter((request) => request.path.startsWith(`/${MAJORS}/`)),
        [],
        'the module proxy was never asked about the private module',
      );
      assert.equal(moduleHealth(report, MAJORS).status, 'unknown');
      assert.ok(
        report.findings.some((finding) => finding.module === MAJORS && finding.severity === 'error'),
        'its download finding says why',
      );
      assert.equal(moduleHealth(report, DEPRECATED).deprecated, 'use example.com/successor instead.');
    });

    it('with GOPROXY=off asks nothing: modules are "unknown" unless answered before, and why still answers from the module cache', async () => {
      const app = await openApp(go);
      const cache = new HealthCache(null);
      await diagnose({ root: app.root, env: app.env, inactivitySeconds: 30, alternateGoTool: go.bin }); // the download alone fills the module cache
      app.proxy.requests.length = 0;
      const { report } = await diagnoseApp(app, { env: { GOPROXY: 'off' }, cache });
      assert.deepEqual(app.proxy.requests, []);
      assert.match(report.health!.skipped ?? '', /GOPROXY=off: go looks nothing up/);
      assert.ok(report.health!.modules.length >= 11);
      assert.ok(report.health!.modules.every((module) => module.status === 'unknown'));
      assert.equal(moduleHealth(report, BASE).selectedBy, `${RAISER}@v1.0.0`, 'why is answered from the module cache');
      assert.deepEqual(findingsOf(report, 'retracted'), []);
      // What an online pass learned is answered offline from the cache, until it expires.
      await diagnoseApp(app, { cache });
      app.proxy.requests.length = 0;
      const { report: offline } = await diagnoseApp(app, { env: { GOPROXY: 'off' }, cache });
      assert.deepEqual(app.proxy.requests, []);
      assert.equal(findingsOf(offline, 'retracted').length, 3);
      assert.ok(offline.health!.modules.every((module) => module.cached));
    });

    it('in vendor mode (GOFLAGS=-mod=vendor) looks nothing up, and says so', async () => {
      const app = await openApp(go);
      await diagnoseApp(app);
      app.proxy.requests.length = 0;
      const { report } = await diagnoseApp(app, { env: { GOFLAGS: '-mod=vendor' } });
      assert.deepEqual(app.proxy.requests, []);
      assert.match(report.health!.skipped ?? '', /vendor mode/);
      assert.ok(report.health!.modules.every((module) => module.status === 'unknown'));
      assert.equal(moduleHealth(report, BASE).selectedBy, `${RAISER}@v1.0.0`, 'the graph is read from the module cache, offline');
    });

    it('caches answers per module@version: a second pass asks no proxy until they expire', async () => {
      const app = await openApp(go);
      const cache = new HealthCache(path.join(app.sandbox.dir, 'health.json'));
      await diagnoseApp(app, { cache });
      app.proxy.requests.length = 0;
      const { download } = await diagnoseApp(app, { cache });
      const before = app.proxy.requests.length;
      const again = await checkHealth({ report: download, env: app.env, inactivitySeconds: 30, cache });
      assert.equal(app.proxy.requests.length, before, 'the cached pass asked the proxy nothing');
      assert.ok(again.health!.modules.every((module) => module.cached && module.status === 'ok'));
      assert.equal(findingsOf(again, 'retracted').length, 3);
      const expired = new HealthCache(cache.file, 0);
      const fresh = await checkHealth({ report: download, env: app.env, inactivitySeconds: 30, cache: expired });
      assert.ok(listRequests(app.proxy).length > 0, 'expired answers are asked again');
      assert.ok(fresh.health!.modules.every((module) => !module.cached));
    });

    it('ends a lookup that stalls after the inactivity limit, and says so for every module it could not answer', async () => {
      const app = await openApp(go, { faults: [{ module: MAJORS, file: 'list', fault: { kind: 'stall-headers' } }] });
      const { report: download } = await diagnose({ root: app.root, env: app.env, inactivitySeconds: 30, alternateGoTool: go.bin });
      const started = Date.now();
      const report = await checkHealth({ report: download, env: app.env, inactivitySeconds: 2, cache: new HealthCache(null) });
      assert.ok(Date.now() - started < 15_000, `the pass ended ${Date.now() - started} ms after it started`);
      assert.match(report.health!.error ?? '', /printed nothing for 2 s/);
      assert.ok(report.health!.modules.every((module) => module.status === 'unknown'));
      assert.equal(moduleHealth(report, BASE).selectedBy, `${RAISER}@v1.0.0`, 'the graph still answers why');
    });

    it('is cancelled like every run: its go and everything it started are killed', async () => {
      const app = await openApp(go, { faults: [{ module: MAJORS, file: 'list', fault: { kind: 'stall-headers' } }] });
      const { report: download, graph } = await diagnose({ root: app.root, env: app.env, inactivitySeconds: 30, alternateGoTool: go.bin });
      const controller = new AbortController();
      const pids: number[] = [];
      // With the download's graph, as the product runs it: the modules are known whenever the cancel comes.
      const pass = checkHealth({
        report: download,
        graph,
        env: app.env,
        inactivitySeconds: 60,
        cache: new HealthCache(null),
        signal: controller.signal,
        onSpawn: (pid) => pids.push(pid),
      });
      await app.proxy.waitForStall(`${MAJORS}/@v/list`);
      const stopped = Date.now();
      controller.abort();
      const report = await pass;
      assert.ok(Date.now() - stopped < 5_000, `the pass ended ${Date.now() - stopped} ms after the cancel`);
      assert.ok(pids.length > 0);
      for (const pid of pids) assert.equal(processGroupAlive(pid), false, `process group ${pid} is gone`);
      assert.equal(moduleHealth(report, MAJORS).status, 'unknown');
      assert.match(moduleHealth(report, MAJORS).error ?? '', /cancelled/);
    });
  });
}
