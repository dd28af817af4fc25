// What a finding says: one sentence per case, with the module, the request and the setting as
// arguments (raw; redacted where shown). The classes' entries (explanations.ts) and the findings
// the engine makes itself (diagnose.ts, envChecks.ts) take their words from here.

export const enFindings = {
  'gomod.unparsable': 'go.mod cannot be parsed: {error} (line {line}, column {column}).',
  'gomod.unreadable': 'go.mod cannot be read, so nothing was checked: {error}',
  'go.failed': 'The `go` command did not work (`{what}` failed), so no download was tried: {error}',
  'go.noCopy':
    'No download was tried: the temporary copy of go.mod and go.sum that go runs on could not be made ({error}). go was not run on your own go.mod and go.sum, which it would change.',
  'go.notFound': 'The `go` command was not found, so downloads cannot be checked. Install Go or set its path.',
  'go.notWorking': 'The `go` command did not work, so downloads cannot be checked.',

  'env.patternSpaces': '{variable} has patterns with spaces ({patterns}); Go does not trim them, so they never match.',
  'env.patternMalformed': '{variable} has malformed patterns ({patterns}) that never match.',
  'env.shadowed': '{variable} from `go env -w` ("{fileValue}") is ignored: the environment sets {variable}="{processValue}".',
} as const;
