// Inputs for the trace fuzz tests: the recorded real traces mutated, and traces generated from
// the grammar of `go mod download -x -json` (shared/failure-catalog.md §1) with random parts.

import fc from 'fast-check';
import { errorFragments, linesOf, mutated, recordedTraces, type RecordedTrace } from './fuzzSupport';

export const TRACES: RecordedTrace[] = recordedTraces();
export const PROXY = 'http://127.0.0.1:40000';

/** Recorded traces with their proxy ports made one, so lines of different recordings mix. */
const UNIFIED = TRACES.map((trace) => trace.proxies.reduce((text, proxy) => text.split(proxy).join(PROXY), trace.stderr));
const UNIFIED_STDOUT = TRACES.map((trace) => trace.stdout).filter((text) => text !== '');

const TRACE_TOKENS = [
  '# get ',
  'go: ',
  'go: downloading go1.99.0 (linux/amd64)',
  'go: example.com/a@v1.0.0 requires go >= 1.99.0; switching to go1.99.0',
  'go: warning: example.com/a@v1.0.0: retracted by module author',
  'verifying ',
  'SECURITY ERROR',
  ': 200 OK (0.001s)',
  ': 404 Not Found (0.002s)',
  ' (offset 1024)',
  '\tserver response: not found',
  'cd /gp/pkg/mod/cache/vcs/5f1c; git ls-remote -q origin',
  '0.388s # cd /gp/pkg/mod/cache/vcs/5f1c; git ls-remote -q origin',
  'mkdir -p /gp/pkg/mod/cache/vcs/5f1c # git3 https://github.com/acme/private',
  '# lock /gp/pkg/mod/cache/vcs/5f1c.lock',
  'cd /gp/pkg/mod/cache/vcs/5f1c',
  'git ls-remote https://github.com/acme/private',
  'git ls-remote https://github.com/acme/private in /gp/pkg/mod/cache/vcs/5f1c: exit status 128:',
  'Confirm the import path was entered correctly.',
  'go: errors parsing go.mod:',
  '/w/go.mod:4: unknown directive: requir',
];

export const TRACE_DICTIONARY = [...linesOf(UNIFIED), ...TRACE_TOKENS];

const MODULES = [
  'example.com/healthy',
  'example.com/%21other/tool',
  'corp.example.com/team/lib',
  'example.com/slow',
  'github.com/acme/private',
  'git.lab.test/team/lib.git',
  'gopkg.in/yaml.v3',
];
const VERSIONS = ['v1.0.0', 'v0.4.1', 'v1.2.0', 'v0.0.0-20240101000000-abcdefabcdef', 'v2.0.0+incompatible', 'latest'];
const FILES = ['mod', 'info', 'zip'];

const modulePath = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...MODULES) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) });
const url = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(modulePath, fc.constantFrom(...VERSIONS), fc.constantFrom(...FILES))
      .map(([module, version, file]) => `${PROXY}/${module}/@v/${version}.${file}`),
  },
  { weight: 1, arbitrary: modulePath.map((module) => `${PROXY}/${module}/@v/list`) },
  { weight: 1, arbitrary: modulePath.map((module) => `${PROXY}/sumdb/sum.golang.org/lookup/${module}@v1.0.0`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const seconds = fc.oneof(fc.constantFrom('0.001', '0.027', '12.5', '0', '30.000'), fc.nat({ max: 99999 }).map(String));
const dir = fc.constantFrom('/gp/pkg/mod/cache/vcs/5f1c', '/gp/pkg/mod/cache/vcs/9a9a', '/tmp/x y');
const gitCommand = fc.constantFrom(
  'git ls-remote -q origin',
  'git init --bare',
  "git -c log.showsignature=false log --no-decorate -n1 '--format=format:%H %ct %D' refs/tags/v1.2.3 --",
  'git fetch -f --depth=1 origin refs/tags/v1.0.0:refs/tags/v1.0.0',
);

const generatedLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: url.map((u) => `# get ${u}`) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(url, fc.integer({ min: 100, max: 599 }), fc.constantFrom('OK', 'Not Found', 'Gone', '', 'Internal Server Error', 'a (b'), seconds)
      .map(([u, status, text, s]) => `# get ${u}: ${status}${text ? ` ${text}` : ''} (${s}s)`),
  },
  { weight: 1, arbitrary: fc.tuple(url, fc.constantFrom(...errorFragments())).map(([u, error]) => `# get ${u}: ${error}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(dir, fc.constantFrom('https://github.com/acme/private', 'https://git.lab.test/team/lib'))
      .map(([d, repo]) => `mkdir -p ${d} # git3 ${repo}`),
  },
  { weight: 1, arbitrary: fc.tuple(dir, gitCommand).map(([d, command]) => `cd ${d}; ${command}`) },
  { weight: 1, arbitrary: fc.tuple(seconds, dir, gitCommand).map(([s, d, command]) => `${Number(s).toFixed(3)}s # cd ${d}; ${command}`) },
  { weight: 1, arbitrary: dir.map((d) => `cd ${d}`) },
  { weight: 1, arbitrary: fc.constantFrom('git ls-remote https://github.com/acme/private', 'git ls-remote git+ssh://github.com/acme/private') },
  {
    weight: 2,
    arbitrary: fc.tuple(modulePath, fc.constantFrom(...VERSIONS), fc.constantFrom(...errorFragments())).map(([m, v, fragment]) => `go: ${m}@${v}: ${fragment}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(...errorFragments()).map((fragment) => `\t${fragment}`) },
  { weight: 1, arbitrary: fc.constantFrom(...TRACE_TOKENS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

/** A trace: a recorded one mutated, or lines generated from the grammar. */
export const traceText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: mutated(UNIFIED, TRACE_DICTIONARY) },
  { weight: 2, arbitrary: fc.array(generatedLine, { maxLength: 60 }).map((lines) => lines.join('\n')) },
  {
    weight: 1,
    arbitrary: fc.tuple(mutated(UNIFIED, TRACE_DICTIONARY), fc.array(generatedLine, { maxLength: 20 })).map(([head, lines]) => `${head}\n${lines.join('\n')}`),
  },
);

const JSON_TOKENS = ['{', '}', '"', '\\', '\\"', '{"Path":"a"}', '{"Path":1}', '"Error":"x"', ',', 'warning: x\n', '{{{{', '}}}}', 'null', '[1,2]'];

/** `-json` output: a recorded one mutated, or generated objects and garbage. */
export const stdoutText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: mutated(UNIFIED_STDOUT, [...linesOf(UNIFIED_STDOUT), ...JSON_TOKENS]) },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.oneof(
          fc
            .record({ Path: modulePath, Version: fc.constantFrom(...VERSIONS), Error: fc.option(fc.constantFrom(...errorFragments()), { nil: undefined }) })
            .map((value) => JSON.stringify(value, null, '\t')),
          fc.constantFrom(...JSON_TOKENS),
          fc.string({ maxLength: 20 }),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join('\n')),
  },
);

/** The requirements of a recorded go.mod (what DownloadState starts from). */
export function requirementsOf(goMod: string): { path: string; version: string }[] {
  return [...goMod.matchAll(/^\t(\S+) (v\S+)$/gm)].map((match) => ({ path: match[1]!, version: match[2]! }));
}

export const REQUIREMENTS = [
  ...new Map(TRACES.flatMap((trace) => requirementsOf(trace.goMod)).map((requirement) => [`${requirement.path}@${requirement.version}`, requirement])).values(),
];
