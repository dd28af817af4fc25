// The report's module list: a stable order whatever order go's concurrent downloads printed in,
// downloaded modules told from those only read for the module graph, and a go.mod line for each.

import { strict as assert } from 'node:assert';
import { parseGoMod } from '../../src/core/gomod';
import { DownloadState } from '../../src/core/moduleState';
import { buildReport, formatReportText } from '../../src/core/report';
import type { Report } from '../../src/core/types';

const PROXY = 'https://proxy.example';
const GO_MOD = 'module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/b v1.0.0\n\texample.com/a v1.0.0\n)\n';
const GRAPH = [
  { path: 'example.com/z', version: 'v0.1.0', via: { path: 'example.com/a', version: 'v1.0.0' } },
  { path: 'example.com/m', version: 'v2.0.0', via: { path: 'example.com/b', version: 'v1.0.0' } },
  { path: 'example.com/m', version: 'v1.10.0', via: { path: 'example.com/b', version: 'v1.0.0' } },
];

function listFor(order: 'one' | 'other', fetched: boolean) {
  const state = new DownloadState({
    proxyBases: [PROXY],
    requirements: [
      { path: 'example.com/b', version: 'v1.0.0' },
      { path: 'example.com/a', version: 'v1.0.0' },
    ],
  });
  const urls = GRAPH.map((module) => `${PROXY}/${module.path}/@v/${module.version}.mod`);
  if (fetched) {
    for (const url of order === 'one' ? urls : [...urls].reverse()) {
      state.applyTrace({ type: 'http-start', url });
      state.applyTrace({ type: 'http-done', url, status: 200, statusText: 'OK', seconds: 0.01 });
    }
  }
  for (const path of order === 'one' ? ['example.com/a', 'example.com/b'] : ['example.com/b', 'example.com/a'])
    state.applyResult({ Path: path, Version: 'v1.0.0' });
  state.noteGraph(order === 'one' ? GRAPH : [...GRAPH].reverse());
  state.finish({ stalled: false });
  const report = buildReport({
    root: '/w',
    go: { kind: 'found' },
    env: {},
    modules: state.modules(),
    findings: [],
    goMod: { file: '/w/go.mod', parsed: parseGoMod(GO_MOD) },
    durationSeconds: 1,
  });
  return report.modules.map((module) => [`${module.path}@${module.version}`, module.graphOnly, module.line, module.status, module.goModFile]);
}

describe('the module list', () => {
  it('is the same in any order go printed, fetched or cached; go.mod order first, then what was read for the graph by path and version', () => {
    const expected = (status: string) => [
      ['example.com/b@v1.0.0', false, 6, 'cached', '/w/go.mod'],
      ['example.com/a@v1.0.0', false, 7, 'cached', '/w/go.mod'],
      ['example.com/m@v1.10.0', true, 6, status, '/w/go.mod'],
      ['example.com/m@v2.0.0', true, 6, status, '/w/go.mod'],
      ['example.com/z@v0.1.0', true, 7, status, '/w/go.mod'],
    ];
    assert.deepEqual(listFor('one', true), expected('ok'));
    assert.deepEqual(listFor('other', true), expected('ok'));
    assert.deepEqual(listFor('one', false), expected('cached'));
  });

  it('marks a module whose zip was asked for as downloaded, and one only named by go.mod as downloaded too', () => {
    const state = new DownloadState({ proxyBases: [PROXY], requirements: [{ path: 'example.com/a', version: 'v1.0.0' }] });
    const zip = `${PROXY}/example.com/x/@v/v1.0.0.zip`;
    state.applyTrace({ type: 'http-start', url: zip });
    state.applyTrace({ type: 'http-done', url: zip, status: 200, statusText: 'OK', seconds: 0.01 });
    state.finish({ stalled: false });
    const report = buildReport({ root: '/w', go: { kind: 'found' }, env: {}, modules: state.modules(), findings: [], goMod: null, durationSeconds: 1 });
    assert.deepEqual(
      report.modules.map((module) => [module.path, module.graphOnly, module.line]),
      [
        ['example.com/a', false, null],
        ['example.com/x', false, null],
      ],
    );
  });
});

describe('the readable module list', () => {
  const report = (modules: Report['modules']): Report => ({
    schemaVersion: 1,
    root: '/w',
    roots: ['/w'],
    go: { path: '/go', version: 'go1.26.8' },
    env: {},
    modules,
    findings: [],
    durationSeconds: 1,
    health: null,
  });
  const module = (path: string, status: Report['modules'][number]['status'], graphOnly = false): Report['modules'][number] => ({
    path,
    version: 'v1.0.0',
    status,
    goModFile: '/w/go.mod',
    line: 5,
    requests: [{ url: `https://p/${path}/@v/v1.0.0.mod`, status: 200, seconds: 0.25, error: null }],
    commands: [],
    error: null,
    graphOnly,
  });

  it('sums a healthy graph up in one line, and --all lists every module, marking those read for the graph only', () => {
    const healthy = report([module('example.com/a', 'ok'), module('example.com/b', 'cached'), module('example.com/c', 'ok', true)]);
    const text = formatReportText(healthy);
    assert.match(
      text,
      /^Modules \(3\): 2 to download \(1 fetched, 1 from the module cache\), 1 read for the module graph only\.\n {2}\(--all lists every module\)$/m,
    );
    assert.doesNotMatch(text, /example\.com\/a/);
    const all = formatReportText(healthy, { allModules: true });
    assert.match(all, /^ {2}✓ example\.com\/a v1\.0\.0 {2}ok {2}1 request, 0\.25 s$/m);
    assert.match(all, /^ {2}✓ example\.com\/c v1\.0\.0 {2}ok {2}graph only {2}1 request, 0\.25 s$/m);
    assert.doesNotMatch(all, /--all lists/);
  });

  it('lists the modules that need a look, and counts git commands as git commands, not requests', () => {
    const failed = {
      ...module('example.com/f', 'failed'),
      requests: [],
      commands: [
        { command: 'git ls-remote -q origin', seconds: 0.5, exitCode: 128 },
        { command: 'git init --bare', seconds: 0.25, exitCode: 0 },
      ],
    };
    const text = formatReportText(
      report([module('example.com/a', 'ok'), failed, module('example.com/s', 'stalled'), module('example.com/k', 'skipped', true)]),
    );
    assert.match(text, /^Modules \(4\): 3 to download \(1 fetched, 1 failed, 1 stalled\), 1 read for the module graph only\.$/m);
    assert.match(text, /^ {2}✗ example\.com\/f v1\.0\.0 {2}failed {2}2 git commands, 0\.75 s$/m);
    assert.match(text, /^ {2}⏸ example\.com\/s v1\.0\.0 {2}stalled/m);
    assert.match(text, /^ {2}· example\.com\/k v1\.0\.0 {2}skipped {2}graph only/m);
    assert.doesNotMatch(text, /example\.com\/a /);
  });
});
