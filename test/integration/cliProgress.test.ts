// The CLI's live progress line, for real: the bundled CLI (dist/cli.js) under a pseudo-terminal
// (util-linux `script`, as a user's terminal runs it) against the lab, with a body that takes a
// couple of seconds to arrive while go prints nothing. On a terminal the line turns, counts
// modules and bytes, names what it waits on, and is erased before the report; with output to a
// pipe or --json there is no trace of it.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../../src/core/types';
import { BULKY_PATH, openScenario, slowLinkScenario } from '../lab/scenarios';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const ERASE = '\r\x1b[2K';
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

interface Ran {
  code: number;
  stdout: string;
}

function run(file: string, args: string[], env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(file, args, { env, maxBuffer: 16_000_000 }, (error, stdout) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** The CLI with a pseudo-terminal as its standard output: `script` runs it and copies what it wrote. */
function underTerminal(args: string[], env: Record<string, string>): Promise<Ran> {
  return run('script', ['-qec', [process.execPath, CLI, ...args].map(quote).join(' '), '/dev/null'], env);
}

describe('go-dep-health CLI progress', function () {
  this.timeout(60_000);
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  });

  /** 60 kB at 30 kB/s: two seconds in which go prints nothing. */
  async function slowLink() {
    const opened = await openScenario(slowLinkScenario({ zipBytes: 60_000, bytesPerSecond: 30_000, inactivitySeconds: 30 }));
    cleanups.push(opened.dispose);
    return opened;
  }

  it('on a terminal, shows a turning line with modules, bytes and the body it waits on, then erases it before the report', async () => {
    const { root, env } = await slowLink();
    const result = await underTerminal(['diagnose', root], env);
    assert.equal(result.code, 0, result.stdout);
    const pieces = result.stdout.split(ERASE);
    const report = pieces.pop()!;
    const frames = pieces.filter((piece) => piece !== '');
    const waiting = frames.filter((frame) =>
      /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] [0-2]\/2 modules · [\d.]+ kB( at [\d.]+ kB\/s)? · example\.com\/bulky v1\.0\.0\.zip [\d.]+ kB$/.test(frame),
    );
    assert.ok(waiting.length >= 3, `frames while the body arrived:\n${frames.join('\n')}`);
    const bytesSeen = new Set(waiting.map((frame) => /bulky \S+ ([\d.]+) kB$/.exec(frame)![1]));
    assert.ok(bytesSeen.size >= 2, `the byte count grows: ${[...bytesSeen].join(', ')}`);
    const spinnerSeen = new Set(frames.map((frame) => frame[0]));
    assert.ok(spinnerSeen.size >= 5, 'the spinner turns while go prints nothing');
    // The report comes after the last erase, whole and clean.
    assert.match(report, /^Go Dependency Health — /);
    assert.match(report, /No problems found/);
    assert.doesNotMatch(report, SPINNER);
    assert.doesNotMatch(report, /\x1b/);
  });

  it('prints nothing of it when standard output is not a terminal', async () => {
    const { root, env } = await slowLink();
    const result = await run(process.execPath, [CLI, 'diagnose', root], env);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /^Go Dependency Health — /);
    assert.doesNotMatch(result.stdout, /[\r\x1b]/);
    assert.doesNotMatch(result.stdout, SPINNER);
  });

  it('prints nothing of it with --json, even on a terminal: the output is the JSON report alone', async () => {
    const { root, env } = await slowLink();
    const result = await underTerminal(['diagnose', root, '--json'], env);
    assert.equal(result.code, 0, result.stdout);
    assert.doesNotMatch(result.stdout, /\x1b/);
    assert.doesNotMatch(result.stdout, SPINNER);
    // The terminal turns each newline into CR LF; the JSON is otherwise untouched.
    const report = JSON.parse(result.stdout.replace(/\r\n/g, '\n')) as Report;
    assert.equal(report.modules.find((module) => module.path === BULKY_PATH)?.status, 'ok');
  });
});
