// Which module an error names: the readers of errorAttribution.ts on go's own words.
import { strict as assert } from 'node:assert';
import { erroredModule } from '../../src/core/errorAttribution';
import { DownloadState } from '../../src/core/moduleState';

describe('error attribution', () => {
  it('reads X@v1.6.0/go.mod as the go.mod of X@v1.6.0, not as a module at version "v1.6.0/go.mod"', () => {
    for (const text of [
      'verifying github.com/google/uuid@v1.6.0/go.mod: checksum mismatch',
      'go: github.com/google/uuid@v1.6.0/go.mod: verifying go.mod: checksum mismatch',
    ]) {
      assert.deepEqual(erroredModule(text), { path: 'github.com/google/uuid', version: 'v1.6.0', requiredBy: null }, text);
    }
  });

  it('keeps one module for a bad go.mod hash in go.sum: the one go.mod requires, failed', () => {
    const state = new DownloadState({ proxyBases: [], requirements: [{ path: 'github.com/google/uuid', version: 'v1.6.0' }] });
    state.applyTrace({
      type: 'go-error',
      text: 'verifying github.com/google/uuid@v1.6.0/go.mod: checksum mismatch\n\tdownloaded: h1:aaa=\n\tgo.sum:     h1:bbb=\n\nSECURITY ERROR',
    });
    state.finish({ stalled: false });
    assert.deepEqual(
      state.modules().map((module) => [module.path, module.version, module.status]),
      [['github.com/google/uuid', 'v1.6.0', 'failed']],
    );
  });
});
