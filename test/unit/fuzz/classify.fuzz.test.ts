// Fuzzing the classifier and redaction: real error texts (from the recorded traces and the
// failure catalog's verbatim pieces) mutated, and whole runs (mutated recorded traces replayed
// through the module state) with random environments and real go.mod files. Properties: never
// throws; always a known class; findings on lines that exist; everything shown is redacted, and
// redacting again changes nothing; no planted secret survives; linear time.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { classify, type ClassifyInput } from '../../../src/core/classify';
import { classifyError } from '../../../src/core/errorClass';
import type { GoEnv } from '../../../src/core/goenv';
import { parseGoMod } from '../../../src/core/gomod';
import { JsonObjectStream } from '../../../src/core/jsonStream';
import { DownloadState } from '../../../src/core/moduleState';
import { redact } from '../../../src/core/redact';
import { buildReport, formatReportText, redactReport } from '../../../src/core/report';
import { TraceParser } from '../../../src/core/trace';
import { FAILURE_CLASSES } from '../../../src/core/types';
import { errorFragments, fuzzRuns, fuzzTimeout, goModTexts, assertLinear, mutated, ODD_TOKENS, recordedErrors } from './fuzzSupport';
import { PROXY, REQUIREMENTS, stdoutText, traceText } from './traceInputs';

const FRAGMENTS = errorFragments();
const REAL_ERRORS = recordedErrors();
const KNOWN = new Set<string>(FAILURE_CLASSES);
const GO_MODS = goModTexts();

const generatedError = fc
  .tuple(
    fc.constantFrom(
      'go: example.com/a@v1.0.0: ',
      'go: module example.com/a: ',
      'verifying example.com/a@v1.0.0: ',
      'go: example.com/p@v1.1.0 requires\n\texample.com/a@v1.0.0: ',
      '',
    ),
    fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', '\n\tserver response: not found', '\nConfirm the import path was entered correctly.'),
  )
  .map(([head, pieces, tail]) => head + pieces.join(': ') + tail);

const errorText = fc.oneof(
  { weight: 3, arbitrary: mutated([...REAL_ERRORS, ...FRAGMENTS], [...FRAGMENTS, ...ODD_TOKENS]) },
  { weight: 2, arbitrary: generatedError },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
);

const secret = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/).map((value) => `S3cr3t${value}`);
/** A credential in one of the shapes redact() knows, between blanks. */
const plantedSecret = fc.tuple(secret, fc.constantFrom('url-password', 'url-token', 'query', 'header', 'netrc', 'github')).map(([value, shape]) => {
  switch (shape) {
    case 'url-password':
      return { value, text: `https://someone:${value}@proxy.example.com/mod` };
    case 'url-token':
      // A user part alone is a secret when it looks like a token: 20 characters or more, letters and digits.
      return { value, text: `https://${value.padEnd(20, '1')}@github.com/acme/private` };
    case 'query':
      return { value, text: `https://proxy.example.com/x?access_token=${value}` };
    case 'header':
      return { value, text: `Authorization: Bearer ${value}` };
    case 'netrc':
      return { value, text: `machine example.com login me password ${value}` };
    default:
      // A GitHub token has 36 characters after its prefix.
      return { value: `ghp_${value.padEnd(36, '7')}`, text: `ghp_${value.padEnd(36, '7')}` };
  }
});

const ENVS: GoEnv[] = [
  {},
  { GOPROXY: PROXY, GOMODCACHE: '/gp/pkg/mod' },
  { GOPROXY: 'https://proxy.golang.org,direct', GOPRIVATE: 'corp.example.com', GONOSUMDB: '', GOSUMDB: 'sum.golang.org' },
  { GOPROXY: 'off', GOFLAGS: '-mod=mod', GOINSECURE: '*.lab', GOVCS: 'private:all' },
  { GOPROXY: 'https://user:pw@proxy.example.com|direct', GOPRIVATE: 'corp.example.com, github.com/acme' },
];

/** A whole run: a mutated trace and -json output through the module state, with an environment and a go.mod. */
const classifyInput: fc.Arbitrary<ClassifyInput> = fc
  .tuple(
    traceText,
    stdoutText,
    fc.constantFrom(...ENVS),
    fc.option(fc.constantFrom(...GO_MODS), { nil: null }),
    fc.boolean(),
    fc.option(fc.integer({ min: -1, max: 255 }), { nil: null }),
    fc.array(errorText, { maxLength: 3 }),
    fc.option(fc.constantFrom('ssh -i key', 'ssh -o BatchMode=yes'), { nil: null }),
  )
  .map(([stderr, stdout, env, goMod, stalled, exitCode, extraErrors, gitSshCommand]) => {
    const state = new DownloadState({ proxyBases: [PROXY], requirements: REQUIREMENTS, now: () => 0 });
    const parser = new TraceParser((event) => state.applyTrace(event));
    parser.push(stderr);
    parser.end();
    const json = new JsonObjectStream({ result: (result) => state.applyResult(result), garbage: (text) => state.noteGarbage(text) });
    json.push(stdout);
    json.end();
    const inFlight = state.inFlight();
    state.finish({ stalled });
    const claimed = new Set(state.modules().flatMap((module) => (module.error ? [module.error] : [])));
    return {
      modules: state.modules(),
      unattributedErrors: [...state.goErrors.filter((text) => !claimed.has(text)), ...extraErrors],
      unknownLines: [...state.unknownLines, ...state.garbage],
      env,
      goMod: goMod === null ? null : { file: '/work/app/go.mod', parsed: parseGoMod(goMod) },
      stall: stalled ? { seconds: 30, inFlight } : null,
      insteadOf: [{ key: 'url.ssh://git@github.com/.insteadof', value: 'https://github.com/' }],
      exitCode,
      gitSshCommand,
    };
  });

describe('fuzz: classifier and redaction', function () {
  this.timeout(fuzzTimeout(20_000));

  it('gives every error text a known class, and a URL and status only when it names them', () => {
    fc.assert(
      fc.property(errorText, (text) => {
        const facts = classifyError(text);
        assert.ok(KNOWN.has(facts.class), facts.class);
        assert.ok(facts.url === null || (facts.url.length > 0 && text.includes(facts.url)), `${facts.url} is not in the text`);
        assert.ok(
          facts.status === null || (Number.isInteger(facts.status) && facts.status >= 0 && facts.status <= 999 && text.includes(String(facts.status))),
          `${facts.status} is not in the text`,
        );
      }),
      fuzzRuns(1000),
    );
  });

  it('turns any run into findings of known classes, on go.mod places that exist, and nothing it prints holds a credential', () => {
    fc.assert(
      fc.property(classifyInput, (input) => {
        const lineCount = input.goMod
          ? Math.max(
              1,
              ...input.goMod.parsed.requires.map((require) => require.line),
              ...input.goMod.parsed.replaces.map((replace) => replace.line),
              input.goMod.parsed.module?.line ?? 1,
              input.goMod.parsed.go?.line ?? 1,
              input.goMod.parsed.toolchain?.line ?? 1,
            )
          : 0;
        for (const finding of classify(input)) {
          assert.ok(KNOWN.has(finding.class), finding.class);
          assert.ok(['error', 'warning', 'info'].includes(finding.severity));
          assert.ok(
            finding.line === null || (input.goMod !== null && Number.isInteger(finding.line) && finding.line >= 1 && finding.line <= lineCount),
            `line ${finding.line} of ${lineCount}`,
          );
          assert.equal(finding.goModFile, input.goMod?.file ?? null);
          assert.ok(
            finding.column === null || (finding.endColumn !== null && finding.column >= 1 && finding.endColumn > finding.column),
            `columns ${finding.column}-${finding.endColumn}`,
          );
          assert.ok(finding.message.trim().length > 0);
          assert.equal(new Set(finding.fixes.map((fix) => fix.id)).size, finding.fixes.length, 'fix ids are unique within a finding');
        }
        // What leaves (the readable report, the JSON) is redacted, whatever the findings hold.
        const report = buildReport({
          root: '/work/app',
          go: { kind: 'found', path: '/usr/local/go/bin/go', version: 'go1.26.8' },
          env: input.env,
          modules: input.modules,
          findings: classify(input),
          goMod: input.goMod,
          durationSeconds: 1,
        });
        for (const text of [formatReportText(report), JSON.stringify(redactReport(report))])
          assert.equal(redact(text), text, 'printed text is already redacted');
      }),
      fuzzRuns(200),
    );
  });

  it('redacts idempotently, and no planted credential survives', () => {
    fc.assert(
      fc.property(errorText, plantedSecret, errorText, (before, planted, after) => {
        const text = `${before} ${planted.text} ${after}`;
        const once = redact(text);
        assert.equal(redact(once), once);
        assert.ok(!once.includes(planted.value), `${planted.value} survived in ${once}`);
      }),
      fuzzRuns(1000),
    );
  });

  it('classifies and redacts 8× the text in at most 24× the time', () => {
    const build = (scale: number) => [
      `go: example.com/a@v1.0.0: ${FRAGMENTS.join(': ').repeat(scale)}`,
      `verifying module: ${'x reading '.repeat(300 * scale)}`,
      `${'\n\tserver response: x'.repeat(300 * scale)}`,
      `go: x: reading ${'a'.repeat(2_000 * scale)}`,
    ];
    assertLinear('classifyError', build, (texts: string[]) => texts.forEach((text) => classifyError(text)));
  });

  it('regression: redacts long dotted words in linear time (a URL scheme was rescanned from every word boundary)', () => {
    const build = (scale: number) => [
      'a.'.repeat(1_000 * scale),
      'x://a'.repeat(400 * scale),
      'authorization: '.repeat(150 * scale),
      'password '.repeat(250 * scale),
      'ghp_'.repeat(500 * scale),
    ];
    assertLinear('redact', build, (texts: string[]) => texts.forEach((text) => redact(text)));
    assert.equal(redact(`${'a.'.repeat(50)}https://me:S3cr3tXYZ@h/x`), `${'a.'.repeat(50)}https://me:***@h/x`);
  });
});
