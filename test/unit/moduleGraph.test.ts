// Which go.mod files go reads for the module graph, from `go mod graph` (output recorded from go
// 1.26 on the lab), checked against the go.mod files the same run fetched: only its roots' for a
// pruned module, everything below an unpruned one.

import { strict as assert } from 'node:assert';
import { goVersionsNeeded, isPruned, modulesReadForGraph, parseModGraph } from '../../src/core/moduleGraph';

// main (go 1.21) requires a (go 1.21: requires b and c v1.0.0), c v1.1.0 and d (go 1.16: requires
// e, go 1.16, which requires g). go fetched the go.mod of c v1.1.0, a, d, e and g, and no other.
const RECORDED = `example.com/app example.com/a@v1.0.0
example.com/app example.com/c@v1.1.0
example.com/app example.com/d@v1.0.0
example.com/app go@1.21
example.com/a@v1.0.0 example.com/b@v1.0.0
example.com/a@v1.0.0 example.com/c@v1.0.0
example.com/a@v1.0.0 go@1.21
example.com/c@v1.1.0 go@1.21
example.com/d@v1.0.0 example.com/e@v1.0.0
go@1.21 toolchain@go1.21
example.com/e@v1.0.0 example.com/g@v1.0.0
example.com/g@v1.0.0 go@1.21
`;

const GO_MODS: Record<string, string> = { 'example.com/d@v1.0.0': '1.16', 'example.com/e@v1.0.0': '1.16' };

describe('the module graph go reads', () => {
  it('parses go mod graph: main modules, requirements in order, go versions from go@ edges, no go@ or toolchain@ nodes', () => {
    const graph = parseModGraph(RECORDED);
    assert.deepEqual(graph.mains, ['example.com/app']);
    assert.deepEqual(graph.requires.get('example.com/app'), ['example.com/a@v1.0.0', 'example.com/c@v1.1.0', 'example.com/d@v1.0.0']);
    assert.equal(graph.goVersions.get('example.com/a@v1.0.0'), '1.21');
    assert.ok(![...graph.requires.keys()].some((key) => key.startsWith('go@')));
    // The go version of d and e is not in the graph (go@ edges exist from go 1.21 on): their go.mod says.
    assert.deepEqual(goVersionsNeeded(graph), ['example.com/d@v1.0.0', 'example.com/e@v1.0.0']);
  });

  it('reads the roots and everything below an unpruned module, not the requirements of a pruned one, each brought in by its root', () => {
    const read = modulesReadForGraph(parseModGraph(RECORDED), { mainGoVersion: '1.21', goVersionOf: (key) => GO_MODS[key] ?? null });
    assert.deepEqual(
      read.map((module) => `${module.path}@${module.version} via ${module.via.path}`),
      [
        'example.com/a@v1.0.0 via example.com/a',
        'example.com/c@v1.1.0 via example.com/c',
        'example.com/d@v1.0.0 via example.com/d',
        'example.com/e@v1.0.0 via example.com/d',
        'example.com/g@v1.0.0 via example.com/d',
      ],
    );
  });

  it('reads the whole graph when the main module is unpruned (go 1.16 or no go line)', () => {
    for (const mainGoVersion of ['1.16', null]) {
      const read = modulesReadForGraph(parseModGraph(RECORDED), { mainGoVersion, goVersionOf: (key) => GO_MODS[key] ?? null });
      assert.deepEqual(
        read.map((module) => module.path).sort(),
        ['a', 'b', 'c', 'c', 'd', 'e', 'g'].map((name) => `example.com/${name}`),
      );
    }
  });

  it('takes a go.mod without a go line as unpruned, like go', () => {
    assert.equal(isPruned(null), false);
    assert.equal(isPruned('1.16'), false);
    assert.equal(isPruned('1.17'), true);
    assert.equal(isPruned('1.21.0'), true);
    const read = modulesReadForGraph(parseModGraph(RECORDED), { mainGoVersion: '1.21', goVersionOf: () => null });
    assert.ok(read.some((module) => module.path === 'example.com/g'));
  });

  it('never throws on odd lines, and skips versions named none', () => {
    const graph = parseModGraph('\n  \nonly-one-field\nexample.com/app example.com/x@none\na b c\n');
    assert.deepEqual(modulesReadForGraph(graph, { mainGoVersion: '1.21', goVersionOf: () => null }), []);
  });
});
