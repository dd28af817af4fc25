// The report's module list: a stable order whatever order go's concurrent downloads printed in,
// downloaded modules told from those only read for the module graph, and a go.mod line for each.

import { strict as assert } from 'node:assert';
import { parseGoMod } from '../../src/core/gomod';
import { DownloadState } from '../../src/core/moduleState';
import { buildReport } from '../../src/core/report';

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
