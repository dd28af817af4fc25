// go-dep-health: the command-line face of the engine.
//   go-dep-health diagnose [dir] [--json] [--stall-timeout SECONDS]
// Exit 0 when every module is fetchable, 1 with error findings, 2 for usage or tool problems.

import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatReportText } from './core/report';
import { diagnose } from './engine/diagnose';

export const DEFAULT_STALL_SECONDS = 30;

const USAGE = `Usage: go-dep-health diagnose [dir] [--json] [--stall-timeout SECONDS]

Runs \`go mod download -x -json\` for the module in dir (default: the current folder),
explains every failure, and prints the fixes.

  --json                 print the report as JSON (schemaVersion 1)
  --stall-timeout N      stop when nothing happens for N seconds (default ${DEFAULT_STALL_SECONDS})
  -h, --help             show this help
`;

class UsageError extends Error {}

interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

function parseCli(argv: string[]): { dir: string; json: boolean; stallSeconds: number } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, 'stall-timeout': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  const [command, dir, ...extra] = positionals;
  if (command !== 'diagnose') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const stallText = values['stall-timeout'];
  const stallSeconds = stallText === undefined ? DEFAULT_STALL_SECONDS : Number(stallText);
  if (!Number.isFinite(stallSeconds) || stallSeconds <= 0) throw new UsageError(`--stall-timeout needs a positive number of seconds, not "${stallText}"`);
  return { dir: path.resolve(dir ?? '.'), json: values.json === true, stallSeconds };
}

export async function main(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    io.stderr(`go-dep-health: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (!existsSync(parsed.dir) || !statSync(parsed.dir).isDirectory()) {
    io.stderr(`go-dep-health: ${parsed.dir} is not a folder\n`);
    return 2;
  }
  if (!existsSync(path.join(parsed.dir, 'go.mod'))) {
    io.stderr(`go-dep-health: no go.mod in ${parsed.dir}; run it in a Go module's folder or name one\n`);
    return 2;
  }
  const { report } = await diagnose({ root: parsed.dir, env: process.env, inactivitySeconds: parsed.stallSeconds, signal });
  io.stdout(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatReportText(report));
  if (report.findings.some((finding) => finding.class === 'go-missing')) return 2;
  return report.findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  const controller = new AbortController();
  // Ctrl+C stops go and everything it started, then the report still prints.
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  main(process.argv.slice(2), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }, controller.signal).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`go-dep-health: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
