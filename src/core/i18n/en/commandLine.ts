// The command line's own words: its help, its usage errors, its questions and answers.

export const enCli = {
  'cli.usage': `Usage: go-dep-health diagnose [dir | go.work]... [--recursive] [--format FORMAT[=FILE]]... [--output FILE]
                         [--fail-on error|warning|never] [--repo-root DIR] [--all] [--no-health] [--stall-timeout SECONDS] [--lang LANG]
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

  --format FORMAT        {formats} (default text): text reads well, json is the report
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
  --stall-timeout N      stop when nothing happens for N seconds (default {stallSeconds})
  --apply-fix ID         apply the fix with this id (shown in brackets in the report), after
                         showing exactly what it changes; then diagnose again
  --module PATH          with --apply-fix: take the fix from this module's finding
  --yes                  with --apply-fix: do not ask for confirmation
  --proxy-choice VALUE   a GOPROXY value to offer when the proxy in use is out of reach, if a probe
                         shows it answering (repeatable; default: proxy.golang.org, goproxy.io,
                         goproxy.cn, each with ",direct")
  --sumdb-choice VALUE   a GOSUMDB value to offer when the checksum database is out of reach, if a
                         probe shows it answering (repeatable; default: sum.golang.google.cn)
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
  'cli.failOn': '--fail-on wants one of {choices}, not "{value}"',
  'cli.withDiagnose': '{option} goes with diagnose',
  'cli.applyFixText': '--apply-fix shows its preview as text: it does not go with --json, --format or --output',
  'cli.applyFixOne': '--apply-fix works on one module: name one folder',
  'cli.applyFixRoots': '--apply-fix works on one module, and {paths} holds {count}: name one folder',
  'cli.format': '--format wants one of {choices}, not "{value}"',
  'cli.formatFile': '--format {format}= needs a file name after the =',
  'cli.jsonFormat': '--json is --format json: give one or the other',
  'cli.outputSingle': '--output goes with a single --format; for several, write --format FORMAT=FILE',
  'cli.oneToStdout': 'only one format can go to standard output; send the others to files with --format FORMAT=FILE',
  'cli.cannotWrite': 'cannot write {file}: {error}',
  'cli.wrote': 'go-dep-health: wrote the {format} report to {file}',
  'cli.verbatim': '{text}',
  'cli.unknownCommandWhy': 'why needs a module path',
  'cli.noHealth': '--no-health goes with diagnose',
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
