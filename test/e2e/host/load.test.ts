// Load, faults and leaks, in a real VS Code (code-server), in a workspace of its own that
// runLoad.ts prepares (see there): activation timed in a fresh host, 20 module roots, a run killed
// midway, fake `go` programs (garbage, a hang, an instant exit, a 5 MB line), a go.mod of 2,000
// requirements, and 100 consecutive runs that must leave nothing behind. The workspace checks only
// when asked (runOn: manual): every run is one a test started, never one a late file watcher event
// started in the middle of another test. Every wait is on an event; the one hang is ended by the
// extension's own inactivity limit.

import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import * as manifest from '../../../package.json';
import { MAX_LINE_CHARS as MAX_EVIDENCE_LINE } from '../../../src/core/trace';
import type { ExtensionApi } from '../../../src/extension';
import { MAX_LINE_CHARS as MAX_LOG_LINE } from '../../../src/vscode/log';
import { modulesOf } from '../../../src/vscode/treeView';
import {
  activeResources,
  childrenOf,
  diagnosticsWhere,
  groupAlive,
  ours,
  reportWhere,
  roundTrip,
  setSettings,
  storeWhere,
  within,
} from './fixtures/hostProbes';
import type { LoadPlan, RootPlan } from './runLoad';

const inLoad = process.env.GDH_E2E_LOAD === '1';

function writeRoot(root: RootPlan): void {
  mkdirSync(root.dir, { recursive: true });
  // go.sum first: a go.mod is what makes a folder a module root.
  for (const name of Object.keys(root.files).sort().reverse()) writeFileSync(path.join(root.dir, name), root.files[name]!);
}

function log(line: string): void {
  console.log(`      ${line}`);
}

if (inLoad)
  describe('load and faults in a real VS Code', function () {
    this.timeout(120_000);
    const plan = JSON.parse(readFileSync(process.env.GDH_E2E_LOAD_PLAN!, 'utf8')) as LoadPlan;
    const extension = vscode.extensions.getExtension<ExtensionApi>(`${manifest.publisher}.${manifest.name}`)!;
    /** The root the fake gos and the 100 runs use. */
    const faultRoot = plan.faultRoot;
    let api: ExtensionApi;

    /**
     * Listeners that outlive a run: subscriptions to the results store, and listeners on `process`
     * (where child-process libraries register their exit and signal cleanup, once per child).
     */
    const listeners = () => ({ store: api.store.listenerCount, process: process.eventNames().reduce((sum, name) => sum + process.listenerCount(name), 0) });

    /**
     * Our processes: children of this extension host that are go or git, or that run in a module root
     * of this workspace or in the engine's temp folders (a fake go and what it starts). Not by program
     * name alone: VS Code's own helpers run `sh -c ps …` from the extension host too.
     */
    const workspaceDir = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const ourProcesses = () =>
      childrenOf(process.pid).filter(
        (child) =>
          ['go', 'git'].includes(path.basename(child.cmdline[0] ?? '')) ||
          child.cwd.startsWith(`${workspaceDir}${path.sep}`) ||
          child.cwd.includes('go-dep-health-'),
      );

    it('activates in a fresh extension host (timed for npm run bench)', async () => {
      assert.equal(extension.isActive, false, 'the workspace has no go.mod yet: nothing should have activated the extension');
      // The workbench is still starting other extensions: let the host answer once before timing ours.
      await roundTrip();
      const started = performance.now();
      api = await extension.activate();
      const activationMs = performance.now() - started;
      log(`activation: ${activationMs.toFixed(1)} ms`);
      if (process.env.GDH_E2E_ACTIVATION_OUT)
        writeFileSync(process.env.GDH_E2E_ACTIVATION_OUT, `${JSON.stringify({ activationMs, measuredAt: new Date().toISOString(), host: 'code-server' })}\n`);
      assert.ok(api.store && api.runs);
    });

    it('checks 20 module roots of one workspace at once: the store holds 20 reports', async () => {
      for (const root of plan.roots) writeRoot(root);
      await within('the runs of the 20 roots', Promise.all(plan.roots.map((root) => api.runs.runNow(root.dir))));
      const results = plan.roots.map((root) => api.store.get(root.dir)!);
      for (const result of results) {
        assert.deepEqual(result.report!.findings, [], result.root);
        assert.ok(
          result.report!.modules.every((module) => module.status === 'ok' || module.status === 'cached'),
          result.root,
        );
      }
      assert.equal(api.store.all().filter((result) => result.report && plan.roots.some((root) => root.dir === result.root)).length, 20);
    });

    it('a save storm: 50 saves of a go.mod in the editor start at most two runs (measured for npm run bench)', async () => {
      const target = plan.stormRoot;
      // Created here while the workspace checks only on request, and known to the extension before
      // the saves count: opening a go.mod that no known root holds makes it look for roots again, so
      // this does not hang on a file watcher that delivers nothing (it stops when the machine runs
      // out of inotify instances). A watcher event that arrives during the storm can add one run.
      writeRoot(target);
      const goMod = vscode.Uri.file(path.join(target.dir, 'go.mod'));
      const document = await within('the new go.mod to open', vscode.workspace.openTextDocument(goMod));
      await storeWhere(api, `the extension to know the new root ${target.dir}`, () => api.store.get(target.dir) !== undefined);
      await roundTrip();
      const restore = await setSettings([['goDependencyHealth', 'runOn', 'save']]);
      try {
        const editor = await within('the go.mod editor to show', vscode.window.showTextDocument(document));
        await within('runs in progress to end', api.runs.idle());
        // Runs of this root only: a late watcher event may start a run of another root meanwhile.
        let runs = 0;
        const counting = api.store.onDidChangeRun((root) => {
          if (root === target.dir && api.store.get(root)?.running) runs++;
        });
        let saves = 0;
        const saved = vscode.workspace.onDidSaveTextDocument((document) => {
          if (document.uri.fsPath === goMod.fsPath) saves++;
        });
        const started = storeWhere(api, 'a run of the storm root started by the saves', () => !!api.store.get(target.dir)?.running);
        const first = performance.now();
        // Each save waits for the one before (saves sent together are merged into one), but not for
        // its edit's answer: the workbench applies the edit before it handles the save sent after it.
        const edits: Thenable<boolean>[] = [];
        for (let save = 0; save < 50; save++) {
          edits.push(editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '\n')));
          await within(`save ${save + 1} of 50`, document.save());
        }
        await within('the 50 edits to be applied', Promise.all(edits));
        const seconds = (performance.now() - first) / 1000;
        await started;
        await within('the runs after the saves to end', api.runs.idle());
        counting.dispose();
        saved.dispose();
        log(`save storm: 50 saves in ${seconds.toFixed(2)} s started ${runs} run(s); ${saves} save events`);
        if (process.env.GDH_E2E_SAVE_STORM_OUT)
          writeFileSync(
            process.env.GDH_E2E_SAVE_STORM_OUT,
            `${JSON.stringify({ saves, seconds, runs, measuredAt: new Date().toISOString(), host: 'code-server' })}\n`,
          );
        assert.equal(saves, 50, 'every save reached the extension host');
        assert.ok(runs >= 1 && runs <= 2, `${runs} runs for 50 saves`);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await restore();
      }
    });

    it('finds a go.mod the file watcher never reported once it is opened', async () => {
      // files.watcherExclude keeps VS Code's watcher from reporting this folder: the same as a watcher
      // that has stopped delivering (no inotify instance left), which is how a new root went unseen.
      const restore = await setSettings([['files', 'watcherExclude', { '**/unwatched/**': true }]]);
      try {
        const dir = path.join(workspaceDir, 'unwatched', 'm');
        writeRoot({ dir, files: { 'go.mod': 'module load.example/unwatched\n\ngo 1.21\n' } });
        assert.equal(api.store.get(dir), undefined, 'not known before it is opened');
        const document = await within('the unwatched go.mod to open', vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, 'go.mod'))));
        assert.equal(document.lineCount, 4);
        await storeWhere(api, `the extension to know the root ${dir} after its go.mod was opened`, () => api.store.get(dir) !== undefined);
      } finally {
        await restore();
      }
    });

    it('kills a run midway: its process group is gone, the module it was fetching is skipped, and the next run is fine', async () => {
      const { dir, module } = plan.stallRoot;
      writeRoot(plan.stallRoot);
      const run = api.runs.runNow(dir);
      // The lab stalls this zip's body (once): wait until go has its 200 OK and waits for the rest.
      await storeWhere(api, `go's 200 OK for the stalled zip of ${module}`, () => {
        const result = api.store.get(dir);
        return (
          !!result?.running &&
          [...result.modules.values()].some(
            (state) => state.path === module && state.requests.some((request) => request.url.endsWith('.zip') && request.status === 200),
          )
        );
      });
      const go = ourProcesses().find((child) => child.cwd === dir && child.cmdline.includes('download'));
      assert.ok(go, 'go mod download is running');
      api.runs.cancel(dir);
      await within('the run to end', run);
      await within('runs in progress to end', api.runs.idle());
      assert.equal(groupAlive(go.pid), false, `process group ${go.pid} is gone`);
      const cancelled = api.store.get(dir)!;
      assert.equal(cancelled.problem, 'cancelled');
      assert.deepEqual(
        modulesOf(cancelled).map((state) => [state.path, state.status]),
        [[module, 'skipped']],
      );
      await within(`a run of ${dir}`, api.runs.runNow(dir));
      const next = api.store.get(dir)!;
      assert.deepEqual(next.report!.findings, []);
      assert.deepEqual(
        next.report!.modules.map((state) => [state.path, state.status]),
        [[module, 'ok']],
      );
    });

    // With a `go` that misbehaves: go.goroot points at a fake (fixtures/fake-go).
    // Each test writes the root it uses, so that any one of them can run alone (--grep).
    const useGo = (name: keyof LoadPlan['fakeGoroots'], more: [string, string, unknown][] = []) => {
      writeRoot(faultRoot);
      return setSettings([['go', 'goroot', plan.fakeGoroots[name]], ...more]);
    };

    it('go that prints garbage: an `unknown` finding with the garbage as evidence, and no crash', async () => {
      const restore = await useGo('garbage');
      try {
        await within(`a run of ${faultRoot.dir}`, api.runs.runNow(faultRoot.dir));
      } finally {
        await restore();
      }
      const { report, problem } = api.store.get(faultRoot.dir)!;
      assert.equal(problem, undefined);
      const unknown = report!.findings.find((finding) => finding.class === 'unknown');
      assert.ok(unknown, report!.findings.map((finding) => finding.class).join(', '));
      assert.ok(
        unknown.evidence.some((line) => line.includes('GARBAGE-LINE')) && unknown.evidence.some((line) => line.includes('GARBAGE-STDOUT')),
        unknown.evidence.join(' | '),
      );
    });

    it('go that hangs: a `stall` finding once the inactivity limit has passed, and the process is killed', async () => {
      const restore = await useGo('hang', [
        ['goDependencyHealth', 'stallTimeoutSeconds', plan.stallLimitSeconds],
        ['go', 'toolsEnvVars', { GDH_FAKE_GO_PIDS: plan.pidFile }],
      ]);
      const started = performance.now();
      try {
        await within(`a run of ${faultRoot.dir}`, api.runs.runNow(faultRoot.dir));
      } finally {
        await restore();
      }
      const seconds = (performance.now() - started) / 1000;
      const stall = api.store.get(faultRoot.dir)!.report!.findings.find((finding) => finding.class === 'stall');
      assert.ok(stall, 'a stall finding');
      assert.match(stall.message, new RegExp(`No progress for ${plan.stallLimitSeconds} s`));
      log(`hang: stopped after ${seconds.toFixed(1)} s with a ${plan.stallLimitSeconds} s limit`);
      assert.ok(seconds >= plan.stallLimitSeconds && seconds < plan.stallLimitSeconds * 3, `${seconds.toFixed(1)} s`);
      const pid = Number(readFileSync(plan.pidFile, 'utf8').trim().split('\n').pop());
      assert.ok(pid > 0);
      assert.equal(groupAlive(pid), false, `the hanging go (${pid}) and its group are gone`);
    });

    it('go that exits at once: a clear go-missing finding that names it', async () => {
      const restore = await useGo('exit');
      try {
        await within(`a run of ${faultRoot.dir}`, api.runs.runNow(faultRoot.dir));
      } finally {
        await restore();
      }
      const [finding] = api.store.get(faultRoot.dir)!.report!.findings;
      assert.equal(finding?.class, 'go-missing');
      assert.match(finding.message, /did not work/);
      assert.ok(finding.evidence[0]?.startsWith(path.join(plan.fakeGoroots.exit, 'bin', 'go')), finding.evidence[0]);
    });

    it('go that prints a 5 MB line: the host answers while the line is still arriving, and evidence and log stay bounded', async () => {
      const restore = await useGo('huge-line', [['go', 'toolsEnvVars', { GDH_FAKE_GO_RELEASE: plan.releaseFifo }]]);
      const logged = api.runs.log.charsWritten;
      try {
        const run = api.runs.runNow(faultRoot.dir);
        // go prints this result once the extension has read (all but 64 KiB of) the 5 MB line, which
        // has not ended yet: go holds it open until the FIFO below is written.
        await storeWhere(
          api,
          "the fake go's result printed after the unfinished 5 MB line",
          () => !!api.store.get(faultRoot.dir)?.running && api.store.get(faultRoot.dir)!.modules.has('load.example/after@v1.0.0'),
        );
        await roundTrip();
        assert.equal(api.store.get(faultRoot.dir)!.running, true, 'go still runs: the round trip was answered while the line was unfinished');
        await writeFile(plan.releaseFifo, 'go on\n');
        await within('the run to end', run);
      } finally {
        await restore();
      }
      const { report } = api.store.get(faultRoot.dir)!;
      const huge = report!.findings.find((finding) => finding.module === 'load.example/huge');
      assert.ok(huge, report!.findings.map((finding) => `${finding.class} ${finding.module}`).join(', '));
      for (const finding of report!.findings)
        for (const line of [finding.message, ...finding.evidence]) assert.ok(line.length <= MAX_EVIDENCE_LINE + 100, `${line.length} characters of evidence`);
      assert.match(huge.evidence[0]!, /… \[\d+ more characters\]$/);
      const growth = api.runs.log.charsWritten - logged;
      log(`5 MB line: log grew by ${growth} characters; findings: ${report!.findings.map((finding) => `${finding.class} ${finding.module ?? ''}`).join(', ')}`);
      // A handful of lines, each cut at MAX_LOG_LINE (the trace line, and each finding quoting it), not megabytes.
      assert.ok(growth <= 10 * (MAX_LOG_LINE + 100), `the log grew by ${growth} characters in one run`);
    });

    it('a go.mod with 2,000 requirements: diagnostics and the tree complete, and the host answers while it runs', async () => {
      const { dir, requirements, missing } = plan.bigRoot;
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const started = performance.now();
      writeRoot(plan.bigRoot);
      const goMod = vscode.Uri.file(path.join(dir, 'go.mod'));
      const run = api.runs.runNow(dir);
      // Once go's trace is flowing into the store (not merely once the run is marked started).
      await storeWhere(
        api,
        "go's trace of the 2,000-requirement run to flow",
        () => !!api.store.get(dir)?.running && [...api.store.get(dir)!.modules.values()].some((state) => state.requests.length > 0),
      );
      await roundTrip();
      assert.equal(api.store.get(dir)!.running, true, 'the round trip was answered while the 2,000 requirements were being checked');
      const diagnostics = await diagnosticsWhere(goMod, `${missing} findings`, (list) => list.length >= missing);
      await within('the run to end', run);
      const { report } = await reportWhere(api, dir, 'the 2,000 requirements');
      loop.disable();
      const runSeconds = (performance.now() - started) / 1000;
      assert.equal(report!.modules.length, requirements);
      assert.equal(diagnostics.length, missing);
      assert.equal(new Set(diagnostics.map((diagnostic) => diagnostic.range.start.line)).size, missing, 'each on its own require line');
      const treeStarted = performance.now();
      const rootNode = api.tree.getChildren().find((node) => node.kind === 'root' && node.root === dir)!;
      const children = api.tree.getChildren(rootNode);
      for (const child of children) api.tree.getTreeItem(child);
      const treeMs = performance.now() - treeStarted;
      assert.equal(children.filter((child) => child.kind === 'module').length, requirements);
      assert.equal(ours(goMod).length, missing);
      log(
        `2,000 requirements: checked in ${runSeconds.toFixed(1)} s, ${diagnostics.length} diagnostics; tree of ${children.length} items built in ${treeMs.toFixed(0)} ms; longest event-loop delay ${(loop.max / 1e6).toFixed(0)} ms`,
      );
    });

    it('100 consecutive runs leave no process, listener, timer or growing log behind', async () => {
      writeRoot(faultRoot);
      await within('runs in progress to end', api.runs.idle());
      const snapshot = () => ({ processes: ourProcesses().length, resources: activeResources(), listeners: listeners(), log: api.runs.log.charsWritten });
      const runs = async (count: number) => {
        for (let run = 0; run < count; run++) {
          // Every tenth time a second request supersedes the first midway: cancellation must not leak either.
          if (run % 10 === 9)
            await within(`run ${run + 1} and the run superseding it`, Promise.all([api.runs.runNow(faultRoot.dir), api.runs.runNow(faultRoot.dir)]));
          else await within(`a run of ${faultRoot.dir}`, api.runs.runNow(faultRoot.dir));
        }
        await within('runs in progress to end', api.runs.idle());
      };
      const before = snapshot();
      await runs(10);
      const afterFirstTen = snapshot();
      await runs(80);
      const beforeLastTen = snapshot();
      await runs(10);
      const after = snapshot();
      const firstTen = afterFirstTen.log - before.log;
      const lastTen = after.log - beforeLastTen.log;
      log(
        `100 runs: processes ${before.processes} → ${after.processes}, listeners ${JSON.stringify(before.listeners)} → ${JSON.stringify(after.listeners)}, resources ${JSON.stringify(before.resources)} → ${JSON.stringify(after.resources)}, log +${firstTen} characters in the first ten runs, +${lastTen} in the last ten`,
      );
      assert.equal(after.processes, 0, JSON.stringify(ourProcesses()));
      assert.deepEqual(after.listeners, before.listeners);
      // A leak per run would show 100 more; other extensions' timers come and go by a few.
      for (const kind of new Set([...Object.keys(before.resources), ...Object.keys(after.resources)])) {
        assert.ok((after.resources[kind] ?? 0) - (before.resources[kind] ?? 0) < 10, `${kind}: ${before.resources[kind] ?? 0} → ${after.resources[kind] ?? 0}`);
      }
      // The same run logs the same amount the hundredth time as the first: nothing accumulates.
      assert.ok(firstTen > 0 && lastTen <= firstTen * 1.25, `the log grew by ${firstTen} characters in the first ten runs and ${lastTen} in the last ten`);
      assert.deepEqual(api.store.get(faultRoot.dir)!.report!.findings, [], 'and the last run is healthy');
    });
  });
