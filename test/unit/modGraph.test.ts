// The requirement graph as go mod graph prints it (recorded from go 1.26 and 1.21 on the health
// lab, test/fixtures/health), and what it answers: the selected version of each module (minimal
// version selection), the requirement that selected it, and the shortest chain to it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GraphIndex, ModGraphBuilder, parseModGraph } from '../../src/core/modGraph';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'health');

for (const go of ['go1.26', 'go1.21']) {
  describe(`go mod graph (${go}, recorded)`, () => {
    const text = readFileSync(path.join(FIXTURES, `${go}.graph`), 'utf8');
    const graph = parseModGraph(text);
    const index = new GraphIndex(graph);

    it('finds the main module and selects the highest version required of each module', () => {
      assert.equal(graph.main, 'example.com/healthapp');
      assert.equal(graph.selected.get('example.com/base'), 'v1.2.0');
      assert.equal(graph.selected.get('example.com/deepretracted'), 'v1.0.0');
      assert.equal(graph.selected.size, 11);
    });

    it('leaves out the go and toolchain nodes go 1.21+ prints', () => {
      assert.equal(graph.selected.has('go'), false);
      assert.equal(graph.selected.has('toolchain'), false);
      assert.ok([...graph.edges.values()].flat().every((node) => !node.startsWith('go@') && !node.startsWith('toolchain@')));
    });

    it('names the requirement that raised a version go.mod asks less of (the pruned graph prints the main module at the selected version)', () => {
      const why = index.why('example.com/base', 'v1.0.0');
      assert.equal(why?.selectedBy, 'example.com/raiser@v1.0.0');
      assert.deepEqual(why?.chain, ['example.com/healthapp', 'example.com/base@v1.2.0']);
    });

    it('names the main module when go.mod asks for exactly the selected version', () => {
      assert.equal(index.why('example.com/retracted', 'v1.1.0')?.selectedBy, 'example.com/healthapp');
    });

    it('gives the shortest chain to a module two requirements deep', () => {
      const why = index.why('example.com/deepretracted', null);
      assert.equal(why?.selectedBy, 'example.com/middle@v1.0.0');
      assert.deepEqual(why?.chain, ['example.com/healthapp', 'example.com/middle@v1.0.0', 'example.com/deepretracted@v1.0.0']);
    });

    it('reads the same graph whatever the chunk boundaries', () => {
      for (const size of [1, 7, 64]) {
        const builder = new ModGraphBuilder();
        for (let at = 0; at < text.length; at += size) builder.push(text.slice(at, at + size));
        const chunked = builder.end();
        assert.deepEqual([...chunked.selected], [...graph.selected]);
        assert.deepEqual([...chunked.edges], [...graph.edges]);
      }
    });
  });
}

describe('requirement graph rules', () => {
  it('selects by Go version order: a pseudo-version is below the release, v1.10.0 above v1.9.0', () => {
    const graph = parseModGraph(
      ['m a@v0.0.0-20240101000000-abcdefabcdef', 'm b@v1.9.0', 'b@v1.9.0 a@v0.1.0', 'x@v1.0.0 b@v1.10.0', 'm x@v1.0.0', ''].join('\n'),
    );
    assert.equal(graph.selected.get('a'), 'v0.1.0');
    assert.equal(graph.selected.get('b'), 'v1.10.0');
  });

  it('prefers a chain through selected versions over a shorter one through a version MVS dropped', () => {
    // m → a@v1 → c@v1 (a@v1 is not selected: b raises a to v2); m → b@v1 → a@v2 → c@v1.
    const graph = parseModGraph(['m a@v1.0.0', 'm b@v1.0.0', 'a@v1.0.0 c@v1.0.0', 'b@v1.0.0 a@v2.0.0', 'a@v2.0.0 c@v1.0.0'].join('\n'));
    assert.deepEqual(new GraphIndex(graph).chainTo('c@v1.0.0'), ['m', 'b@v1.0.0', 'a@v2.0.0', 'c@v1.0.0']);
  });

  it('falls back to a chain through any version when only that reaches the module', () => {
    const graph = parseModGraph(['m a@v1.0.0', 'm b@v1.0.0', 'a@v1.0.0 c@v1.0.0', 'b@v1.0.0 a@v2.0.0'].join('\n'));
    assert.deepEqual(new GraphIndex(graph).chainTo('c@v1.0.0'), ['m', 'a@v1.0.0', 'c@v1.0.0']);
  });

  it('keeps lines that are not edges as evidence, and never throws on them', () => {
    const builder = new ModGraphBuilder();
    builder.push('m a@v1.0.0\ngo: downloading something\n\n');
    const graph = builder.end();
    assert.equal(graph.selected.get('a'), 'v1.0.0');
    assert.deepEqual(builder.strayLines, ['go: downloading something']);
  });

  it('says nothing of a module the graph does not hold', () => {
    assert.equal(new GraphIndex(parseModGraph('m a@v1.0.0\n')).why('b'), null);
  });
});
