// Fix application with the real go and git, in throwaway environments: previewed exactly,
// applied through `go env -w` / `git config`, idempotent, undone byte for byte, never storing a secret.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { insteadOfSshAdd } from '../../src/core/fixes';
import type { PlannedFix } from '../../src/core/types';
import { applyFix, previewFix, undoFix, type FixContext } from '../../src/engine/applyFix';
import { diagnose } from '../../src/engine/diagnose';
import { FixSession } from '../../src/engine/fixSession';
import { UndoJournal } from '../../src/engine/undoJournal';
import { GO } from '../lab/goSandbox';
import { openScenario, PRIVATE, scenario } from '../lab/scenarios';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function goEnvFix(variable: string, value: string | null): PlannedFix {
  return { id: 'test-fix', title: `set ${variable}`, kind: 'go-env', detail: { kind: 'go-env', variable, value, previous: '' } };
}

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('fix application', function () {
  this.timeout(60_000);
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function open(name = 'private-sumdb') {
    const opened = await openScenario(scenario(name));
    cleanups.push(opened.dispose);
    const context: FixContext = { goPath: GO, env: opened.env, cwd: opened.root };
    return { ...opened, context, goEnvFile: opened.sandbox.goenvFile, gitConfig: opened.sandbox.gitConfigGlobal };
  }

  it('applies the planned GONOSUMDB fix, after which a re-run is clean, and undo restores the go env file byte for byte', async () => {
    const { root, env, context, goEnvFile } = await open();
    writeFileSync(goEnvFile, 'GOFLAGS=-mod=mod\nGOTOOLCHAIN=local\n');
    const before = readFileSync(goEnvFile);
    const first = await diagnose({ root, env, inactivitySeconds: 30 });
    const fix = first.report.findings.flatMap((finding) => finding.fixes).find((candidate) => candidate.id === 'gonosumdb-add');
    assert.ok(fix);
    const preview = await previewFix(fix, context);
    assert.equal(preview.changes[0]!.target, goEnvFile);
    assert.deepEqual([preview.changes[0]!.before, preview.changes[0]!.after], [null, 'corp.example.com']);
    assert.deepEqual(preview.commands, ['go env -w GONOSUMDB=corp.example.com']);
    const record = await applyFix(fix, context);
    assert.match(readFileSync(goEnvFile, 'utf8'), /^GONOSUMDB=corp\.example\.com$/m);
    const second = await diagnose({ root, env, inactivitySeconds: 30 });
    assert.deepEqual(second.report.findings, [], 'the re-run is clean');
    await undoFix(record, context);
    assert.deepEqual(readFileSync(goEnvFile), before);
  });

  it('restores a value it replaced, not only one it added', async () => {
    const { context, goEnvFile } = await open();
    writeFileSync(goEnvFile, 'GOPRIVATE=a.example.com\n');
    const before = readFileSync(goEnvFile);
    const record = await applyFix(goEnvFix('GOPRIVATE', 'a.example.com,corp.example.com'), context);
    assert.equal(readFileSync(goEnvFile, 'utf8'), 'GOPRIVATE=a.example.com,corp.example.com\n');
    await undoFix(record, context);
    assert.deepEqual(readFileSync(goEnvFile), before);
  });

  it('is idempotent: a fix already in effect changes nothing and records nothing', async () => {
    const { context, goEnvFile } = await open();
    const fix = goEnvFix('GONOSUMDB', PRIVATE.path);
    await applyFix(fix, context);
    const afterFirst = readFileSync(goEnvFile);
    assert.equal((await previewFix(fix, context)).noop, true);
    const again = await applyFix(fix, context);
    assert.deepEqual(again.steps, []);
    assert.deepEqual(readFileSync(goEnvFile), afterFirst);
  });

  it('warns when the process environment overrides the variable it writes', async () => {
    const { context } = await open();
    const preview = await previewFix(goEnvFix('GOPROXY', 'https://proxy.golang.org,direct'), context);
    assert.equal(preview.warnings.length, 1, 'the sandbox sets GOPROXY in the environment');
    assert.match(preview.warnings[0]!, /GOPROXY is set in the environment/);
  });

  it('adds and removes a git insteadOf rule through git config, undoing it byte for byte', async () => {
    const { context, gitConfig } = await open();
    writeFileSync(gitConfig, '[user]\n\tname = Lab\n');
    const before = readFileSync(gitConfig);
    const fix = insteadOfSshAdd('git.lab.test');
    const preview = await previewFix(fix, context);
    assert.deepEqual(preview.commands, ['git config --global --add url.ssh://git@git.lab.test/.insteadOf https://git.lab.test/']);
    const record = await applyFix(fix, context);
    assert.match(readFileSync(gitConfig, 'utf8'), /\[url "ssh:\/\/git@git\.lab\.test\/"\]\n\tinsteadOf = https:\/\/git\.lab\.test\//);
    assert.deepEqual((await applyFix(fix, context)).steps, [], 'adding it twice changes nothing');
    await undoFix(record, context);
    assert.deepEqual(readFileSync(gitConfig), before);
  });

  it('never writes a replaced credential to the undo journal', async () => {
    const { context, goEnvFile, sandbox } = await open();
    writeFileSync(goEnvFile, 'GOPROXY=https://alice:s3cret@goproxy.corp.example\n');
    const record = await applyFix(goEnvFix('GOPROXY', 'https://proxy.golang.org,direct'), context);
    assert.equal(record.storable, false);
    const journalFile = path.join(sandbox.dir, 'journal.json');
    const journal = new UndoJournal(journalFile);
    await journal.push(record);
    assert.equal(await journal.peek(), record, 'kept in memory for this session');
    assert.throws(() => readFileSync(journalFile), /ENOENT/);
    await undoFix(record, context);
    assert.equal(readFileSync(goEnvFile, 'utf8'), 'GOPROXY=https://alice:s3cret@goproxy.corp.example\n');
  });

  it('CLI: --apply-fix shows the change, applies it, re-runs clean; undo reverts it', async () => {
    const { root, env, goEnvFile } = await open();
    const before = readFileSync(goEnvFile);
    const applied = await cli(['diagnose', root, '--apply-fix', 'gonosumdb-add', '--yes'], env);
    assert.equal(applied.code, 0, applied.stderr + applied.stdout);
    assert.match(applied.stdout, /runs:\s+go env -w GONOSUMDB=corp\.example\.com/);
    assert.match(applied.stdout, /GONOSUMDB: \(not set\)\s+→\s+corp\.example\.com/);
    assert.match(applied.stdout, /Re-ran the diagnosis[\s\S]*No problems found/);
    const undone = await cli(['undo'], env);
    assert.equal(undone.code, 0, undone.stderr);
    assert.match(undone.stdout, /Undone: Add corp\.example\.com to GONOSUMDB/);
    assert.deepEqual(readFileSync(goEnvFile), before);
    assert.match((await cli(['undo'], env)).stdout, /Nothing to undo/);
  });

  it('CLI: without --yes and without a terminal, nothing is applied', async () => {
    const { root, env, goEnvFile } = await open();
    const before = readFileSync(goEnvFile);
    const result = await cli(['diagnose', root, '--apply-fix', 'goprivate-add'], env);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /Not applied/);
    assert.deepEqual(readFileSync(goEnvFile), before);
  });

  it('CLI: names the fixes on offer when the id is unknown', async () => {
    const { root, env } = await open();
    const result = await cli(['diagnose', root, '--apply-fix', 'gosumdb-off', '--yes'], env);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Offered: gonosumdb-add, goprivate-add/);
  });

  it('go env -w itself is what writes the file (GOENV is honoured)', async () => {
    const { context, goEnvFile, env } = await open();
    await applyFix(goEnvFix('GOINSECURE', 'none.example'), context);
    const shown = await new Promise<string>((resolve) => execFile(GO, ['env', 'GOINSECURE'], { env }, (_error, stdout) => resolve(stdout.trim())));
    assert.equal(shown, 'none.example');
    assert.match(readFileSync(goEnvFile, 'utf8'), /GOINSECURE=none\.example/);
  });

  it("keeps one undo journal for both front ends: the CLI undoes what the editor's session applied, and the reverse", async () => {
    const { root, env, goEnvFile } = await open();
    const before = readFileSync(goEnvFile);
    const report = (await diagnose({ root, env, inactivitySeconds: 30 })).report;
    const fix = report.findings.flatMap((finding) => finding.fixes).find((candidate) => candidate.id === 'gonosumdb-add')!;
    // The editor's path (FixService): a FixSession on the shared journal of the environment go runs with.
    const editor = new FixSession({ goPath: GO, env, cwd: root });
    const applied = await editor.apply([fix], { confirm: () => Promise.resolve(true), recheck: () => Promise.resolve() });
    assert.equal(applied.kind, 'applied');
    assert.match(readFileSync(goEnvFile, 'utf8'), /^GONOSUMDB=corp\.example\.com$/m);
    const undone = await cli(['undo'], env);
    assert.equal(undone.code, 0, undone.stderr);
    assert.match(undone.stdout, /Undone: Add corp\.example\.com to GONOSUMDB/);
    assert.deepEqual(readFileSync(goEnvFile), before, "the CLI undid the editor's fix byte for byte");

    // (gonosumdb again: GOPRIVATE would send the re-run to corp.example.com itself, a name that must not be looked up.)
    const viaCli = await cli(['diagnose', root, '--apply-fix', 'gonosumdb-add', '--yes'], env);
    assert.equal(viaCli.code, 0, viaCli.stderr + viaCli.stdout);
    assert.match(readFileSync(goEnvFile, 'utf8'), /^GONOSUMDB=corp\.example\.com$/m);
    const rechecked: string[] = [];
    const editorUndo = await new FixSession({ goPath: GO, env, cwd: root }).undoLast(() => Promise.resolve(void rechecked.push('again')));
    assert.equal(editorUndo.kind, 'undone');
    assert.deepEqual(rechecked, ['again'], 'the editor checks again after an undo');
    assert.deepEqual(readFileSync(goEnvFile), before, "the editor's session undid the CLI's fix byte for byte");
  });
});
