// go-dep-health: the command-line face of the engine.
//   go-dep-health diagnose [dir|go.work]... [--recursive] [--format F[=FILE]]... [--output FILE] [--fail-on LEVEL]
//   go-dep-health diagnose [dir] --apply-fix ID [--module PATH] [--yes]
//   go-dep-health why MODULE [dir] [--json]
//   go-dep-health explain [FILE] / undo
// Exit 0 when every module is fetchable, 1 with error findings (--fail-on), 2 for usage or tool problems.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { afterFixSummary, applyFromReport, undoLast } from './cli/fixCommands';
import { UsageError, type CliIo } from './cli/io';
import { exitCodeFor, FAIL_ON, FORMATS, parseOutputs, renderReport, writeFileAtomically, type FailOn, type OutputSpec } from './cli/output';
import { progressLineFor } from './cli/progress';
import { COMMON_GOPROXY_CHOICES } from './core/goenv';
import { diagnosePasted } from './core/pasted';
import { redactDeep } from './core/redact';
import { formatFindingsText, formatReportText } from './core/report';
import type { Report } from './core/types';
import { findGo } from './engine/goTool';
import { diagnoseRoot, diagnoseRoots, findModuleRoots, repositoryRoot } from './engine/moduleRoots';
import { runWhy } from './cli/why';

export const DEFAULT_STALL_SECONDS = 30;

const USAGE = `Usage: go-dep-health diagnose [dir | go.work]... [--recursive] [--format FORMAT[=FILE]]... [--output FILE]
                         [--fail-on error|warning|never] [--repo-root DIR] [--all] [--no-health] [--stall-timeout SECONDS]
       go-dep-health diagnose [dir] --apply-fix ID [--module PATH] [--yes]
       go-dep-health explain [FILE] [--env KEY=VALUE]... [--json]
       go-dep-health why MODULE [dir] [--json]
       go-dep-health undo

diagnose   runs \`go mod download -x -json\` for the module in dir (default: the current
           folder), explains every failure, and prints the fixes. Several folders, a go.work
           (every module it uses), or --recursive: one report for all of them; then checks the health
           of every module of the build (retracted, deprecated, newer versions, why each is there).
explain    explains an error go printed elsewhere (a CI log, a colleague's terminal, an issue):
           paste it on standard input, or name a FILE.
why        says why MODULE is in the build at its version: the requirement that selected the
           version, and the shortest chain of requirements from the main module (go mod graph).
undo       reverts the last fix applied with --apply-fix or in the editor.

  --format FORMAT        ${FORMATS.join(', ')} (default text): text reads well, json is the report
                         (schemaVersion 1), sarif is for GitHub code scanning, github prints
                         workflow annotations, gitlab is a Code Quality report. Repeatable:
                         FORMAT=FILE writes that format to FILE
  --output FILE          write the (single) format to FILE instead of standard output
  --json                 the same as --format json
  --fail-on LEVEL        exit 1 when a finding is at least this severe: error (default), warning,
                         or never (exit 0 whatever is found; 2 still means nothing could be checked)
  --recursive, -r        every go.mod under the folders named (not in vendor, testdata,
                         node_modules, or folders starting with . or _)
  --repo-root DIR        paths in sarif, github and gitlab output are relative to DIR (default:
                         the git repository holding the modules, else the current folder)
  --all, --verbose       list every module in the text report, not only those with a problem
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
  /** diagnose: folders, go.mod or go.work files, as given (none: the current folder). */
  paths: string[];
  /** why: the module's folder. */
  dir: string;
  recursive: boolean;
  outputs: OutputSpec[];
  failOn: FailOn;
  repoRoot: string | null;
  /** explain: print the findings as JSON. */
  json: boolean;
  /** List every module in the readable report, not only the ones with a problem. */
  allModules: boolean;
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
      format: { type: 'string', multiple: true },
      output: { type: 'string' },
      'fail-on': { type: 'string' },
      recursive: { type: 'boolean', short: 'r' },
      'repo-root': { type: 'string' },
      all: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
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
  const [dir, ...extra] = command === 'diagnose' ? [] : rest;
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
  const outputs = parseOutputs({ formats: values.format ?? [], output: values.output, json: values.json === true, cwd: process.cwd() });
  const failOn = values['fail-on'] ?? 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on wants one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  const diagnoseOnly = {
    format: values.format,
    output: values.output,
    'fail-on': values['fail-on'],
    recursive: values.recursive,
    'repo-root': values['repo-root'],
  };
  for (const [name, value] of Object.entries(diagnoseOnly))
    if (command !== 'diagnose' && value !== undefined) throw new UsageError(`--${name} goes with diagnose`);
  if (values['apply-fix'] !== undefined && (outputs.length !== 1 || outputs[0]!.format !== 'text' || outputs[0]!.file !== null))
    throw new UsageError('--apply-fix shows its preview as text: it does not go with --json, --format or --output');
  if (values['apply-fix'] !== undefined && (rest.length > 1 || values.recursive)) throw new UsageError('--apply-fix works on one module: name one folder');
  if ((values.module !== undefined || values.yes) && values['apply-fix'] === undefined) throw new UsageError('--module and --yes go with --apply-fix');
  return {
    command,
    whyModule,
    health: values['no-health'] !== true,
    file: command === 'explain' && dir !== undefined && dir !== '-' ? path.resolve(dir) : null,
    proxyChoices: values['proxy-choice'] ?? [...COMMON_GOPROXY_CHOICES],
    env,
    paths: command === 'diagnose' ? rest : [],
    dir: path.resolve(dir ?? '.'),
    recursive: values.recursive === true,
    outputs,
    failOn: failOn as FailOn,
    repoRoot: values['repo-root'] === undefined ? null : path.resolve(values['repo-root']),
    json: values.json === true,
    allModules: values.all === true || values.verbose === true,
    stallSeconds,
    applyFix: values['apply-fix'],
    module: values.module,
    yes: values.yes === true,
  };
}

/** The folders to check, from what the command line names; nothing usable is a usage error. */
async function moduleRootsOf(parsed: ParsedCli, io: CliIo) {
  const found = await findModuleRoots({ paths: parsed.paths, recursive: parsed.recursive, cwd: process.cwd(), env: io.env });
  if (found.problems.length > 0) throw new UsageError(found.problems.join('\n'));
  return found;
}

/** Every output the command line asked for; files are written whole. Where file paths start from: see --repo-root. */
async function writeOutputs(report: Report, parsed: ParsedCli, io: CliIo): Promise<void> {
  const repoRoot = parsed.repoRoot ?? (await repositoryRoot(report.root)) ?? process.cwd();
  const context = { repoRoot, fallbackGoMod: path.join(report.roots[0] ?? report.root, 'go.mod') };
  for (const output of parsed.outputs) {
    const text = renderReport(report, output.format, context, { allModules: parsed.allModules });
    if (output.file === null) {
      io.stdout(text);
      continue;
    }
    try {
      await writeFileAtomically(output.file, text);
    } catch (error) {
      throw new UsageError(`cannot write ${output.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    io.stderr(`go-dep-health: wrote the ${output.format} report to ${output.file}\n`);
  }
}

async function runDiagnose(parsed: ParsedCli, io: CliIo, signal?: AbortSignal): Promise<number> {
  const { roots, base } = await moduleRootsOf(parsed, io);
  // The progress line shares standard output with the readable report only: never beside JSON, SARIF or annotations.
  const textOnStdout = parsed.outputs.every((output) => output.file !== null || output.format === 'text');
  const progress = progressLineFor(io.terminal, textOnStdout);
  const common = {
    env: io.env,
    inactivitySeconds: parsed.stallSeconds,
    signal,
    proxyChoices: parsed.proxyChoices,
    health: parsed.health,
    ...(progress ? { onProgress: progress.update } : {}),
  };
  const withProgress = async (work: () => Promise<Report>): Promise<Report> => {
    progress?.start();
    try {
      return await work();
    } finally {
      progress?.stop();
    }
  };
  const text = (report: Report) => formatReportText(report, { allModules: parsed.allModules });
  if (parsed.applyFix === undefined) {
    const report = await withProgress(() => diagnoseRoots(roots, base, common));
    await writeOutputs(report, parsed, io);
    return exitCodeFor(report, parsed.failOn);
  }
  const [only] = roots;
  if (!only || roots.length > 1)
    throw new UsageError(`--apply-fix works on one module, and ${parsed.paths.join(' ') || '.'} holds ${roots.length}: name one folder`);
  const run = () => withProgress(() => diagnoseRoot(only, common));
  const report = await run();
  if (!report.go.path) {
    io.stdout(text(report));
    return 2;
  }
  const context = { goPath: report.go.path, env: io.env, cwd: only.root };
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
  return exitCodeFor(rechecked.report, parsed.failOn);
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
    terminal: process.stdout.isTTY ? { write: (text) => process.stdout.write(text), columns: () => process.stdout.columns } : null,
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
