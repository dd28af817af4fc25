// go-dep-health: the command-line face of the engine.
//   go-dep-health diagnose [dir] [--json] [--stall-timeout SECONDS] [--apply-fix ID [--module PATH] [--yes]]
//   go-dep-health why MODULE [dir] [--json]
//   go-dep-health undo
// Exit 0 when every module is fetchable, 1 with error findings, 2 for usage or tool problems.

import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { afterFixSummary, applyFromReport, undoLast } from './cli/fixCommands';
import { UsageError, type CliIo } from './cli/io';
import { COMMON_GOPROXY_CHOICES } from './core/goenv';
import { diagnosePasted } from './core/pasted';
import { redactDeep } from './core/redact';
import { formatFindingsText, formatReportText, redactReport } from './core/report';
import type { Report } from './core/types';
import { diagnose } from './engine/diagnose';
import { findGo } from './engine/goTool';
import { checkHealth } from './engine/health';
import { healthTurnedOff } from './core/health';
import { runWhy } from './cli/why';

export const DEFAULT_STALL_SECONDS = 30;

const USAGE = `Usage: go-dep-health diagnose [dir] [--json] [--stall-timeout SECONDS] [--no-health]
       go-dep-health diagnose [dir] --apply-fix ID [--module PATH] [--yes]
       go-dep-health explain [FILE] [--env KEY=VALUE]... [--json]
       go-dep-health why MODULE [dir] [--json]
       go-dep-health undo

diagnose   runs \`go mod download -x -json\` for the module in dir (default: the current
           folder), explains every failure, and prints the fixes; then checks the health of
           every module of the build (retracted, deprecated, newer versions, why each is there).
explain    explains an error go printed elsewhere (a CI log, a colleague's terminal, an issue):
           paste it on standard input, or name a FILE.
why        says why MODULE is in the build at its version: the requirement that selected the
           version, and the shortest chain of requirements from the main module (go mod graph).
undo       reverts the last fix applied with --apply-fix or in the editor.

  --json                 print the report as JSON (schemaVersion 1)
  --no-health            skip the health pass (no \`go list -m -u\`, no \`go mod graph\`)
  --stall-timeout N      stop when nothing happens for N seconds (default ${DEFAULT_STALL_SECONDS})
  --apply-fix ID         apply the fix with this id (shown in brackets in the report), after
                         showing exactly what it changes; then diagnose again
  --module PATH          with --apply-fix: take the fix from this module's finding
  --yes                  with --apply-fix: do not ask for confirmation
  --proxy-choice VALUE   a GOPROXY value to offer when the proxy in use is out of reach, if a probe
                         shows it answering (repeatable; default: proxy.golang.org, goproxy.io,
                         goproxy.cn, each with ",direct")
  --env KEY=VALUE        with explain: the Go environment the error came from (GOPROXY, GOPRIVATE, …)
  -h, --help             show this help
`;

interface ParsedCli {
  command: 'diagnose' | 'undo' | 'explain' | 'why';
  /** why: the module asked about. */
  whyModule: string | null;
  /** diagnose: run the health pass after the download diagnosis. */
  health: boolean;
  /** Probed when the proxy in use is out of reach; those that answer become the fix. */
  proxyChoices: string[];
  /** explain: the file to read, or null for standard input. */
  file: string | null;
  env: Record<string, string>;
  dir: string;
  json: boolean;
  stallSeconds: number;
  applyFix: string | undefined;
  module: string | undefined;
  yes: boolean;
}

function parseCli(argv: string[]): ParsedCli | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      'stall-timeout': { type: 'string' },
      'apply-fix': { type: 'string' },
      module: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      env: { type: 'string', multiple: true },
      'proxy-choice': { type: 'string', multiple: true },
      'no-health': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const [command, ...rest] = positionals;
  if (command !== 'diagnose' && command !== 'undo' && command !== 'explain' && command !== 'why')
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const whyModule = command === 'why' ? (rest.shift() ?? null) : null;
  if (command === 'why' && !whyModule) throw new UsageError('why needs a module path');
  const [dir, ...extra] = rest;
  if (values['no-health'] && command !== 'diagnose') throw new UsageError('--no-health goes with diagnose');
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--env wants KEY=VALUE, not "${pair}"`);
    env[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  if (command !== 'explain' && (values.env ?? []).length > 0) throw new UsageError('--env goes with explain');
  if (extra.length > 0 || (command === 'undo' && dir !== undefined)) throw new UsageError(`unexpected argument "${extra[0] ?? dir}"`);
  const stallText = values['stall-timeout'];
  const stallSeconds = stallText === undefined ? DEFAULT_STALL_SECONDS : Number(stallText);
  if (!Number.isFinite(stallSeconds) || stallSeconds <= 0) throw new UsageError(`--stall-timeout needs a positive number of seconds, not "${stallText}"`);
  if (values['apply-fix'] !== undefined && values.json) throw new UsageError('--apply-fix and --json do not go together');
  if ((values.module !== undefined || values.yes) && values['apply-fix'] === undefined) throw new UsageError('--module and --yes go with --apply-fix');
  return {
    command,
    whyModule,
    health: values['no-health'] !== true,
    file: command === 'explain' && dir !== undefined && dir !== '-' ? path.resolve(dir) : null,
    proxyChoices: values['proxy-choice'] ?? [...COMMON_GOPROXY_CHOICES],
    env,
    dir: path.resolve(dir ?? '.'),
    json: values.json === true,
    stallSeconds,
    applyFix: values['apply-fix'],
    module: values.module,
    yes: values.yes === true,
  };
}

function exitCodeFor(report: Report): number {
  if (report.findings.some((finding) => finding.class === 'go-missing')) return 2;
  return report.findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

async function runDiagnose(parsed: ParsedCli, io: CliIo, signal?: AbortSignal): Promise<number> {
  if (!existsSync(parsed.dir) || !statSync(parsed.dir).isDirectory()) throw new UsageError(`${parsed.dir} is not a folder`);
  if (!existsSync(path.join(parsed.dir, 'go.mod'))) throw new UsageError(`no go.mod in ${parsed.dir}; run it in a Go module's folder or name one`);
  const run = async () => {
    const { report, end } = await diagnose({
      root: parsed.dir,
      env: io.env,
      inactivitySeconds: parsed.stallSeconds,
      signal,
      proxyChoices: parsed.proxyChoices,
    });
    // The health pass follows the download report; a cancelled run has nothing to follow.
    if (!parsed.health || end?.kind === 'cancelled') return healthTurnedOff(report, parsed.health ? 'cancelled' : 'off');
    return checkHealth({ report, env: io.env, inactivitySeconds: parsed.stallSeconds, signal });
  };
  const report = await run();
  if (parsed.applyFix === undefined) {
    io.stdout(parsed.json ? `${JSON.stringify(redactReport(report), null, 2)}\n` : formatReportText(report));
    return exitCodeFor(report);
  }
  if (!report.go.path) {
    io.stdout(formatReportText(report));
    return 2;
  }
  const context = { goPath: report.go.path, env: io.env, cwd: parsed.dir };
  const rechecked: { report?: Report } = {};
  const applied = await applyFromReport({
    report,
    id: parsed.applyFix,
    module: parsed.module,
    yes: parsed.yes,
    context,
    io,
    recheck: async () => void (rechecked.report = await run()),
  });
  if (applied !== 0 || !rechecked.report) return applied;
  io.stdout(afterFixSummary(rechecked.report));
  return exitCodeFor(rechecked.report);
}

/** `explain`: a pasted error through the same reading as a live run (core/pasted.ts). */
async function runExplain(parsed: ParsedCli, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = parsed.file === null ? await io.readStdin() : await readFile(parsed.file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${parsed.file ?? 'standard input'}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (text.trim() === '') throw new UsageError("nothing to explain: paste go's error on standard input, or name a file");
  const findings = diagnosePasted({ text, env: parsed.env });
  io.stdout(parsed.json ? `${JSON.stringify(redactDeep(findings), null, 2)}\n` : formatFindingsText(findings));
  return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

async function runUndo(io: CliIo): Promise<number> {
  const go = await findGo({ env: io.env });
  if (go.kind !== 'found') {
    io.stderr('go-dep-health: undo needs the `go` command, which was not found on PATH\n');
    return 2;
  }
  return undoLast({ context: { goPath: go.path, env: io.env, cwd: process.cwd() }, io });
}

export async function main(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  try {
    const parsed = parseCli(argv);
    if (parsed === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (parsed.command === 'explain') return await runExplain(parsed, io);
    if (parsed.command === 'why')
      return await runWhy({ module: parsed.whyModule!, dir: parsed.dir, json: parsed.json, stallSeconds: parsed.stallSeconds, io, signal });
    return parsed.command === 'undo' ? await runUndo(io) : await runDiagnose(parsed, io, signal);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`go-dep-health: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

async function confirmOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await readline.question(question)).trim());
  } finally {
    readline.close();
  }
}

if (require.main === module) {
  const controller = new AbortController();
  // Ctrl+C stops go and everything it started, then the report still prints.
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    confirm: confirmOnTerminal,
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  main(process.argv.slice(2), io, controller.signal).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`go-dep-health: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
