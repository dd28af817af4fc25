// Configuration that contradicts itself, found without downloading anything: a pattern list with
// a space in it (Go does not trim, so ` b.com` never matches), and a `go env -w` value that the
// process environment silently overrides (so a fix written with `go env -w` would do nothing).

import { makeFinding, moduleLine, type GoModSource } from './findings';
import { shadowedEnvDoc, trimPatternList } from './fixes';
import type { GoEnv } from './goenv';
import { suspiciousPatterns } from './patterns';
import { msg, type Message } from './i18n';
import type { Finding } from './types';

const PATTERN_VARIABLES = ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'] as const;

export interface EnvCheckInput {
  env: GoEnv;
  /** Values from the `go env -w` file. */
  envFile: Record<string, string>;
  /** The environment `go` is started with. */
  processEnv: Record<string, string | undefined>;
  /** The findings sit on its `module` line. */
  goMod: GoModSource | null;
}

export function checkEnvironment(input: EnvCheckInput): Finding[] {
  return [...patternFindings(input), ...shadowFindings(input)];
}

function configFinding(input: EnvCheckInput, message: Message, evidence: string[], fixes: Finding['fixes']): Finding {
  return makeFinding({ class: 'env-conflict', severity: 'warning', goMod: input.goMod, place: moduleLine(input.goMod), message, evidence, fixes });
}

function patternFindings(input: EnvCheckInput): Finding[] {
  const findings: Finding[] = [];
  for (const variable of PATTERN_VARIABLES) {
    const value = input.env[variable] ?? '';
    if (inheritsGoPrivate(input, variable)) continue;
    const problems = suspiciousPatterns(value);
    if (problems.length === 0) continue;
    const whitespace = problems.filter((problem) => problem.problem === 'whitespace');
    const badGlobs = problems.filter((problem) => problem.problem === 'bad-glob');
    if (whitespace.length > 0) {
      const names = whitespace.map((problem) => `"${problem.pattern}"`).join(', ');
      findings.push(
        configFinding(input, msg('env.patternSpaces', { variable, patterns: names }), [`${variable}=${value}`], [trimPatternList(input.env, variable)]),
      );
    }
    if (badGlobs.length > 0) {
      const names = badGlobs.map((problem) => `"${problem.pattern}"`).join(', ');
      findings.push(configFinding(input, msg('env.patternMalformed', { variable, patterns: names }), [`${variable}=${value}`], []));
    }
  }
  return findings;
}

/**
 * `go env` shows GONOPROXY and GONOSUMDB with GOPRIVATE's value when they are not set: a space in
 * GOPRIVATE is then one problem with one fix, not three.
 */
function inheritsGoPrivate(input: EnvCheckInput, variable: string): boolean {
  if (variable !== 'GONOPROXY' && variable !== 'GONOSUMDB') return false;
  const explicitlySet = Boolean(input.envFile[variable] || input.processEnv[variable]);
  return !explicitlySet && (input.env[variable] ?? '') === (input.env.GOPRIVATE ?? '');
}

function shadowFindings(input: EnvCheckInput): Finding[] {
  const findings: Finding[] = [];
  for (const [variable, fileValue] of Object.entries(input.envFile)) {
    const processValue = input.processEnv[variable];
    // Go treats an empty OS value as unset, so only a non-empty, different value shadows the file.
    if (!processValue || processValue === fileValue) continue;
    findings.push(
      configFinding(
        input,
        msg('env.shadowed', { variable, fileValue, processValue }),
        [`go env file: ${variable}=${fileValue}`, `environment: ${variable}=${processValue}`],
        [shadowedEnvDoc(variable, processValue, fileValue)],
      ),
    );
  }
  return findings;
}
