// go-dep-health: the command-line face of the engine.
//   go-dep-health diagnose [dir|go.work]... [--recursive] [--format F[=FILE]]... [--output FILE] [--fail-on LEVEL]
//   go-dep-health diagnose [dir] --apply-fix ID [--module PATH] [--yes]
//   go-dep-health why MODULE [dir] [--json]
//   go-dep-health explain [FILE] / undo
// Exit 0 when every module is fetchable, 1 with error findings (--fail-on), 2 for usage or tool problems.
// The language of the text: --lang, else LC_ALL / LC_MESSAGES / LANG (core/i18n); JSON, SARIF and the
// CI formats are the same in every language (the JSON carries message ids for other languages).

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { afterFixSummary, applyFromReport, undoLast } from './cli/fixCommands';
import { UsageError, type CliIo } from './cli/io';
import { exitCodeFor, FAIL_ON, FORMATS, parseOutputs, renderReport, writeFileAtomically, type FailOn, type OutputSpec } from './cli/output';
import { progressLineFor } from './cli/progress';
import { COMMON_GOSUMDB_CHOICES, goproxyChoicesFor } from './core/goenv';
import { langFromEnv, langFromLocale, msg, render, t, type Lang } from './core/i18n';
import { diagnosePasted } from './core/pasted';
import { redactDeep } from './core/redact';
import { formatFindingsText, formatReportText } from './core/report';
import type { Report } from './core/types';
import { findGo } from './engine/goTool';
import { diagnoseRoot, diagnoseRoots, findModuleRoots, repositoryRoot } from './engine/moduleRoots';
import { runWhy } from './cli/why';

export const DEFAULT_STALL_SECONDS = 30;

interface ParsedCli {
  command: 'diagnose' | 'undo' | 'explain' | 'why';
  lang: Lang;
  /** why: the module asked about. */
  whyModule: string | null;
  /** diagnose: run the health pass after the download diagnosis. */
  health: boolean;
  /** Probed when the proxy in use is out of reach; those that answer become the fix. */
  proxyChoices: string[];
  /** Probed when the checksum database is out of reach; those that answer become the fix. */
  sumDbChoices: string[];
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

function parseCli(argv: string[], envLang: Lang): ParsedCli | { command: 'help'; lang: Lang } {
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
      'sumdb-choice': { type: 'string', multiple: true },
      lang: { type: 'string' },
      'no-health': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const lang = parseLang(values.lang) ?? envLang;
  if (values.help) return { command: 'help', lang };
  const [command, ...rest] = positionals;
  if (command !== 'diagnose' && command !== 'undo' && command !== 'explain' && command !== 'why')
    throw new UsageError(command ? msg('cli.unknownCommand', { command }) : msg('cli.missingCommand'));
  const whyModule = command === 'why' ? (rest.shift() ?? null) : null;
  if (command === 'why' && !whyModule) throw new UsageError(msg('cli.unknownCommandWhy'));
  const [dir, ...extra] = command === 'diagnose' ? [] : rest;
  if (values['no-health'] && command !== 'diagnose') throw new UsageError(msg('cli.noHealth'));
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(msg('cli.envWantsPair', { value: pair }));
    env[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  if (command !== 'explain' && (values.env ?? []).length > 0) throw new UsageError(msg('cli.envWithExplain'));
  if (extra.length > 0 || (command === 'undo' && dir !== undefined)) throw new UsageError(msg('cli.unexpectedArgument', { argument: extra[0] ?? dir ?? '' }));
  const stallText = values['stall-timeout'];
  const stallSeconds = stallText === undefined ? DEFAULT_STALL_SECONDS : Number(stallText);
  if (!Number.isFinite(stallSeconds) || stallSeconds <= 0) throw new UsageError(msg('cli.stallTimeout', { value: stallText ?? '' }));
  const outputs = parseOutputs({ formats: values.format ?? [], output: values.output, json: values.json === true, cwd: process.cwd() });
  const failOn = values['fail-on'] ?? 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(msg('cli.failOn', { choices: FAIL_ON.join(', '), value: failOn }));
  const diagnoseOnly = {
    format: values.format,
    output: values.output,
    'fail-on': values['fail-on'],
    recursive: values.recursive,
    'repo-root': values['repo-root'],
  };
  for (const [name, value] of Object.entries(diagnoseOnly))
    if (command !== 'diagnose' && value !== undefined) throw new UsageError(msg('cli.withDiagnose', { option: `--${name}` }));
  if (values['apply-fix'] !== undefined && (outputs.length !== 1 || outputs[0]!.format !== 'text' || outputs[0]!.file !== null))
    throw new UsageError(msg('cli.applyFixText'));
  if (values['apply-fix'] !== undefined && (rest.length > 1 || values.recursive)) throw new UsageError(msg('cli.applyFixOne'));
  if ((values.module !== undefined || values.yes) && values['apply-fix'] === undefined) throw new UsageError(msg('cli.moduleYes'));
  return {
    command,
    lang,
    whyModule,
    health: values['no-health'] !== true,
    file: command === 'explain' && dir !== undefined && dir !== '-' ? path.resolve(dir) : null,
    proxyChoices: values['proxy-choice'] ?? goproxyChoicesFor(lang),
    sumDbChoices: values['sumdb-choice'] ?? [...COMMON_GOSUMDB_CHOICES],
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

/** `--lang`: en or zh-CN (any spelling langFromLocale knows); undefined when not given. */
function parseLang(value: string | undefined): Lang | undefined {
  if (value === undefined) return undefined;
  const lang = langFromLocale(value);
  if (!lang) throw new UsageError(msg('cli.lang', { value }));
  return lang;
}

/** The folders to check, from what the command line names; nothing usable is a usage error. */
async function moduleRootsOf(parsed: ParsedCli, io: CliIo) {
  const found = await findModuleRoots({ paths: parsed.paths, recursive: parsed.recursive, cwd: process.cwd(), env: io.env });
  if (found.problems.length > 0) throw new UsageError(msg('cli.verbatim', { text: found.problems.join('\n') }));
  return found;
}

/** Every output the command line asked for; files are written whole. Where file paths start from: see --repo-root. */
async function writeOutputs(report: Report, parsed: ParsedCli, io: CliIo): Promise<void> {
  const repoRoot = parsed.repoRoot ?? (await repositoryRoot(report.root)) ?? process.cwd();
  const context = { repoRoot, fallbackGoMod: path.join(report.roots[0] ?? report.root, 'go.mod') };
  for (const output of parsed.outputs) {
    const text = renderReport(report, output.format, context, { allModules: parsed.allModules, lang: parsed.lang });
    if (output.file === null) {
      io.stdout(text);
      continue;
    }
    try {
      await writeFileAtomically(output.file, text);
    } catch (error) {
      throw new UsageError(msg('cli.cannotWrite', { file: output.file, error: error instanceof Error ? error.message : String(error) }));
    }
    io.stderr(`${t(parsed.lang, 'cli.wrote', { format: output.format, file: output.file })}\n`);
  }
}

async function runDiagnose(parsed: ParsedCli, io: CliIo, signal?: AbortSignal): Promise<number> {
  const { lang } = parsed;
  const { roots, base } = await moduleRootsOf(parsed, io);
  // The progress line shares standard output with the readable report only: never beside JSON, SARIF or annotations.
  const textOnStdout = parsed.outputs.every((output) => output.file !== null || output.format === 'text');
  const progress = progressLineFor(io.terminal, textOnStdout, lang);
  const common = {
    env: io.env,
    inactivitySeconds: parsed.stallSeconds,
    signal,
    proxyChoices: parsed.proxyChoices,
    sumDbChoices: parsed.sumDbChoices,
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
  const text = (report: Report) => formatReportText(report, { allModules: parsed.allModules, lang });
  if (parsed.applyFix === undefined) {
    const report = await withProgress(() => diagnoseRoots(roots, base, common));
    await writeOutputs(report, parsed, io);
    return exitCodeFor(report, parsed.failOn);
  }
  const [only] = roots;
  if (!only || roots.length > 1) throw new UsageError(msg('cli.applyFixRoots', { paths: parsed.paths.join(' ') || '.', count: roots.length }));
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
    lang,
    recheck: async () => void (rechecked.report = await run()),
  });
  if (applied !== 0 || !rechecked.report) return applied;
  io.stdout(afterFixSummary(rechecked.report, lang));
  return exitCodeFor(rechecked.report, parsed.failOn);
}

/** `explain`: a pasted error through the same reading as a live run (core/pasted.ts). */
async function runExplain(parsed: ParsedCli, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = parsed.file === null ? await io.readStdin() : await readFile(parsed.file, 'utf8');
  } catch (error) {
    const file = parsed.file ?? msg('cli.standardInput');
    throw new UsageError(msg('cli.cannotRead', { file, error: error instanceof Error ? error.message : String(error) }));
  }
  if (text.trim() === '') throw new UsageError(msg('cli.nothingToExplain'));
  const findings = diagnosePasted({ text, env: parsed.env });
  io.stdout(parsed.json ? `${JSON.stringify(redactDeep(findings), null, 2)}\n` : formatFindingsText(findings, parsed.lang));
  return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

async function runUndo(io: CliIo, lang: Lang): Promise<number> {
  const go = await findGo({ env: io.env });
  if (go.kind !== 'found') {
    io.stderr(`${t(lang, 'cli.undoNeedsGo')}\n`);
    return 2;
  }
  return undoLast({ context: { goPath: go.path, env: io.env, cwd: process.cwd() }, io, lang });
}

/** The value of --lang among the arguments, before they are parsed (a usage error is said in it). */
function langArgument(argv: string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (at < 0) return undefined;
  return argv[at]!.startsWith('--lang=') ? argv[at]!.slice('--lang='.length) : argv[at + 1];
}

function usage(lang: Lang): string {
  return t(lang, 'cli.usage', { formats: FORMATS.join(', '), stallSeconds: DEFAULT_STALL_SECONDS });
}

export async function main(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  // --lang, else the terminal's language: also for a usage error in the rest of the arguments.
  let lang = langFromLocale(langArgument(argv)) ?? langFromEnv(io.env);
  try {
    const parsed = parseCli(argv, lang);
    lang = parsed.lang;
    if (parsed.command === 'help') {
      io.stdout(usage(lang));
      return 0;
    }
    if (parsed.command === 'explain') return await runExplain(parsed, io);
    if (parsed.command === 'why')
      return await runWhy({ module: parsed.whyModule!, dir: parsed.dir, json: parsed.json, stallSeconds: parsed.stallSeconds, lang: parsed.lang, io, signal });
    return parsed.command === 'undo' ? await runUndo(io, lang) : await runDiagnose(parsed, io, signal);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${t(lang, 'cli.error', { error: render(lang, error.text) })}\n\n${usage(lang)}`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      // node's own words about an option it does not know: not ours to translate.
      io.stderr(`${t(lang, 'cli.error', { error: error.message })}\n\n${usage(lang)}`);
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
      process.stderr.write(`${t(langFromEnv(process.env), 'cli.internalError', { error: error instanceof Error ? error.message : String(error) })}\n`);
      process.exitCode = 2;
    },
  );
}
