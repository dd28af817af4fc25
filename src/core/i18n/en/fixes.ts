// What a fix is called and, for guidance, what it says: the commands, values and URLs are
// arguments. fixes.ts plans the fixes with these ids.

export const enFixes = {
  'fix.shadowedEnv.title': 'Unset {variable} in the environment that starts VS Code or the shell',
  'fix.shadowedEnv.text':
    '{variable} is set in the process environment to "{processValue}", which overrides "{fileValue}" from `go env -w`. Remove it from your shell profile or from go.toolsEnvVars.',
  'fix.trimPatterns.title': 'Remove the spaces from {variable}',
} as const;
