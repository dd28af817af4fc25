// The report contract and its readable form.

import { strict as assert } from 'node:assert';
import { classify } from '../../src/core/classify';
import { checkEnvironment } from '../../src/core/envChecks';
import { parseGoMod } from '../../src/core/gomod';
import { DownloadState } from '../../src/core/moduleState';
import { fixAsCommand, shellQuote } from '../../src/core/fixRender';
import { buildReport, formatReportText, redactReport } from '../../src/core/report';
import { formatReportMarkdown } from '../../src/core/reportMarkdown';
import type { Finding, PlannedFix } from '../../src/core/types';

const goModText = 'module example.com/app\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n';

function finding(overrides: Partial<Finding>): Finding {
  return {
    class: 'proxy-auth',
    severity: 'error',
    module: 'example.com/a',
    version: 'v1.0.0',
    goModFile: '/w/go.mod',
    line: 5,
    column: 9,
    endColumn: 22,
    message: 'm',
    evidence: [],
    fixes: [],
    ...overrides,
  };
}

describe('report', () => {
  it('follows contract 1, keeps real values inside, and redacts every string where it leaves', () => {
    const state = new DownloadState({ proxyBases: ['https://u:pw@proxy.corp'], requirements: [{ path: 'example.com/a', version: 'v1.0.0' }] });
    state.applyTrace({ type: 'http-start', url: 'https://u:pw@proxy.corp/example.com/a/@v/v1.0.0.mod' });
    state.applyTrace({ type: 'http-done', url: 'https://u:pw@proxy.corp/example.com/a/@v/v1.0.0.mod', status: 401, statusText: 'Unauthorized', seconds: 0.1 });
    state.finish({ stalled: false });
    const report = buildReport({
      root: '/w',
      go: { kind: 'found', path: '/usr/local/go/bin/go', version: 'go1.26.8' },
      env: { GOPROXY: 'https://u:pw@proxy.corp', GOPRIVATE: '' },
      modules: state.modules(),
      findings: [finding({ evidence: ['reading https://u:pw@proxy.corp/x: 401'] })],
      goMod: { file: '/w/go.mod', parsed: parseGoMod(goModText) },
      durationSeconds: 1.23456,
    });
    assert.equal(report.schemaVersion, 1);
    // Contract 1 only grows: roots (the CI formats) and health (null until the health pass fills it in) were added.
    assert.deepEqual(Object.keys(report), ['schemaVersion', 'root', 'roots', 'go', 'env', 'modules', 'findings', 'durationSeconds', 'health']);
    assert.equal(report.health, null);
    assert.equal(report.durationSeconds, 1.235);
    assert.equal(report.env.GOPROXY, 'https://u:pw@proxy.corp', 'the raw report keeps what the probes and fixes act on');
    assert.equal(report.modules[0]!.line, 5);
    assert.equal(report.modules[0]!.requests[0]!.status, 401);
    const leaving = redactReport(report);
    assert.equal(leaving.env.GOPROXY, 'https://u:***@proxy.corp');
    assert.doesNotMatch(JSON.stringify(leaving), /pw/);
    assert.doesNotMatch(formatReportText(report), /pw/);
    assert.doesNotMatch(formatReportMarkdown(report), /pw/);
  });

  it('sorts errors before warnings', () => {
    const report = buildReport({
      root: '/w',
      go: { kind: 'found' },
      env: {},
      modules: [],
      findings: [finding({ severity: 'warning', class: 'env-conflict' }), finding({})],
      goMod: null,
      durationSeconds: 0,
    });
    assert.deepEqual(
      report.findings.map((item) => item.severity),
      ['error', 'warning'],
    );
  });

  it('prints each fix as a command one can copy', () => {
    const goEnv: PlannedFix = {
      id: 'goprivate-add',
      title: 't',
      kind: 'go-env',
      detail: { kind: 'go-env', variable: 'GOPRIVATE', value: 'corp.example.com', previous: '' },
    };
    const pipe: PlannedFix = {
      id: 'goproxy-fallthrough',
      title: 't',
      kind: 'go-env',
      detail: { kind: 'go-env', variable: 'GOPROXY', value: 'https://a|https://b', previous: '' },
    };
    const unset: PlannedFix = {
      id: 'goproxy-unset',
      title: 't',
      kind: 'go-env',
      detail: { kind: 'go-env', variable: 'GOPROXY', value: null, previous: 'off' },
    };
    const git: PlannedFix = {
      id: 'insteadof-ssh-add',
      title: 't',
      kind: 'git-config',
      detail: { kind: 'git-config', action: 'add', key: 'url.ssh://git@github.com/.insteadOf', value: 'https://github.com/' },
    };
    assert.equal(fixAsCommand(goEnv), 'go env -w GOPRIVATE=corp.example.com');
    assert.equal(fixAsCommand(pipe), "go env -w 'GOPROXY=https://a|https://b'");
    assert.equal(fixAsCommand(unset), 'go env -u GOPROXY');
    assert.equal(fixAsCommand(git), 'git config --global --add url.ssh://git@github.com/.insteadOf https://github.com/');
    assert.equal(shellQuote("it's"), "'it'\\''s'");
  });
});

describe('environment checks', () => {
  const base = { goMod: { file: '/w/go.mod', parsed: parseGoMod('module example.com/app\n') } };

  it('finds a space inside GOPRIVATE and offers the trimmed list', () => {
    const findings = checkEnvironment({ ...base, env: { GOPRIVATE: 'a.com, b.com' }, envFile: {}, processEnv: {} });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.class, 'env-conflict');
    const fix = findings[0]!.fixes[0]!;
    assert.ok(fix.detail.kind === 'go-env' && fix.detail.value === 'a.com,b.com');
  });

  it('finds a go env -w value shadowed by the process environment, and ignores an empty one', () => {
    const shadowed = checkEnvironment({ ...base, env: {}, envFile: { GOPROXY: 'https://a' }, processEnv: { GOPROXY: 'https://b' } });
    assert.equal(shadowed.length, 1);
    assert.match(shadowed[0]!.message, /GOPROXY/);
    assert.deepEqual(checkEnvironment({ ...base, env: {}, envFile: { GOPROXY: 'https://a' }, processEnv: { GOPROXY: '' } }), []);
    assert.deepEqual(checkEnvironment({ ...base, env: {}, envFile: { GOPROXY: 'https://a' }, processEnv: { GOPROXY: 'https://a' } }), []);
  });
});

describe('classify', () => {
  it('keeps unrecognised output as the evidence of an unknown finding when go failed', () => {
    const findings = classify({
      modules: [],
      unattributedErrors: [],
      unknownLines: ['panic: something odd', '\u0000garbage'],
      env: {},
      goMod: { file: '/w/go.mod', parsed: parseGoMod(goModText) },
      stall: null,
      exitCode: 3,
    });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.class, 'unknown');
    assert.equal(findings[0]!.line, 1);
    assert.deepEqual(findings[0]!.evidence, ['panic: something odd', '\u0000garbage']);
  });

  it('finds nothing when go succeeded, whatever else it printed', () => {
    assert.deepEqual(classify({ modules: [], unattributedErrors: [], unknownLines: ['noise'], env: {}, goMod: null, stall: null, exitCode: 0 }), []);
  });
});
