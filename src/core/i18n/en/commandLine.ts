// The command line's own words: its help, its usage errors, its questions and answers.

export const enCli = {
  'cli.usage': `Usage: go-dep-health diagnose [dir] [--json] [--stall-timeout SECONDS] [--lang LANG]
       go-dep-health diagnose [dir] --apply-fix ID [--module PATH] [--yes]
       go-dep-health explain [FILE] [--env KEY=VALUE]... [--json]
       go-dep-health undo

diagnose   runs \`go mod download -x -json\` for the module in dir (default: the current
           folder), explains every failure, and prints the fixes.
explain    explains an error go printed elsewhere (a CI log, a colleague's terminal, an issue):
           paste it on standard input, or name a FILE.
undo       reverts the last fix applied with --apply-fix or in the editor.

  --json                 print the report as JSON (schemaVersion 1)
  --stall-timeout N      stop when nothing happens for N seconds (default {stallSeconds})
  --apply-fix ID         apply the fix with this id (shown in brackets in the report), after
                         showing exactly what it changes; then diagnose again
  --module PATH          with --apply-fix: take the fix from this module's finding
  --yes                  with --apply-fix: do not ask for confirmation
  --proxy-choice VALUE   a GOPROXY value to offer when the proxy in use is out of reach, if a probe
                         shows it answering (repeatable; default: proxy.golang.org, goproxy.io,
                         goproxy.cn, each with ",direct")
  --env KEY=VALUE        with explain: the Go environment the error came from (GOPROXY, GOPRIVATE, …)
  --lang LANG            the language of the text: en or zh-CN (default: from LC_ALL, LC_MESSAGES
                         or LANG)
  -h, --help             show this help
`,
  'cli.error': 'go-dep-health: {error}',
  'cli.internalError': 'go-dep-health: internal error: {error}',
  'cli.unknownCommand': 'unknown command "{command}"',
  'cli.missingCommand': 'missing command',
  'cli.envWantsPair': '--env wants KEY=VALUE, not "{value}"',
  'cli.envWithExplain': '--env goes with explain',
  'cli.unexpectedArgument': 'unexpected argument "{argument}"',
  'cli.stallTimeout': '--stall-timeout needs a positive number of seconds, not "{value}"',
  'cli.applyFixJson': '--apply-fix and --json do not go together',
  'cli.moduleYes': '--module and --yes go with --apply-fix',
  'cli.lang': '--lang wants en or zh-CN, not "{value}"',
  'cli.notAFolder': '{dir} is not a folder',
  'cli.noGoMod': "no go.mod in {dir}; run it in a Go module's folder or name one",
  'cli.cannotRead': 'cannot read {file}: {error}',
  'cli.standardInput': 'standard input',
  'cli.nothingToExplain': "nothing to explain: paste go's error on standard input, or name a file",
  'cli.undoNeedsGo': 'go-dep-health: undo needs the `go` command, which was not found on PATH',
  'cli.noSuchFix': 'go-dep-health: no finding offers the fix "{id}"{forModule}. Offered: {offered}',
  'cli.noSuchFixForModule': ' for {module}',
  'cli.none': 'none',
  'cli.confirm': 'Apply this change? [y/N] ',
  'cli.notApplied': 'Not applied.',
  'cli.applied': 'Applied. Undo with: go-dep-health undo (or Undo Last Fix in the editor)',
  'cli.appliedNoUndo': 'Applied. It replaced a value holding a credential, so no undo record was written to disk.',
  'cli.undone': 'Undone: {title}',
  'cli.nothingToUndo': 'Nothing to undo.',
  'cli.reran': 'Re-ran the diagnosis after the fix:',
} as const;
