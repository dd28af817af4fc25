// Version order as Go orders it: module versions by `semver` (pseudo-versions are pre-releases,
// +incompatible is build metadata), Go toolchain versions by internal/gover's rules. The gover table
// is Go's own (src/internal/gover/gover_test.go, compareTests), less the two rows whose numbers no
// JavaScript number holds exactly; the module order is that of golang.org/x/mod/semver and the
// pseudo-version rules of https://go.dev/ref/mod#pseudo-versions.
import * as assert from 'node:assert/strict';
import { compareGoVersions, compareModuleVersions, goVersionAsSemver, isPrerelease, majorOf } from '../../src/core/versions';

const sign = (n: number) => Math.sign(n);

describe('Go toolchain version order (internal/gover)', () => {
  const goTable: [string, string, number][] = [
    ['', '', 0],
    ['x', 'x', 0],
    ['', 'x', 0],
    ['1', '1.1', -1],
    ['1.5', '1.6', -1],
    ['1.5', '1.10', -1],
    ['1.6', '1.6.1', -1],
    ['1.19', '1.19.0', 0],
    ['1.19rc1', '1.19', -1],
    ['1.20', '1.20.0', 0],
    ['1.20rc1', '1.20', -1],
    ['1.21', '1.21.0', -1],
    ['1.21', '1.21rc1', -1],
    ['1.21rc1', '1.21.0', -1],
    ['1.6', '1.19', -1],
    ['1.19', '1.19.1', -1],
    ['1.19rc1', '1.19.1', -1],
    ['1.19rc1', '1.19rc2', -1],
    ['1.19.0', '1.19.1', -1],
    ['1.19rc1', '1.19.0', -1],
    ['1.19alpha3', '1.19beta2', -1],
    ['1.19beta2', '1.19rc1', -1],
  ];
  for (const [a, b, want] of goTable) {
    it(`${JSON.stringify(a)} vs ${JSON.stringify(b)} → ${want}`, () => {
      assert.equal(sign(compareGoVersions(a, b)), want);
      assert.equal(sign(compareGoVersions(b, a)), want === 0 ? 0 : -want);
    });
  }
  it('takes the go prefix of go version and toolchain lines', () => {
    assert.equal(sign(compareGoVersions('go1.27.0', 'go1.26.8')), 1);
    assert.equal(sign(compareGoVersions('go1.21.13', '1.21')), 1);
    assert.equal(goVersionAsSemver('go1.21rc2'), '1.21.0-rc.2');
    assert.equal(goVersionAsSemver('default'), null);
  });
});

describe('module version order (semver)', () => {
  // Ascending; each is greater than every one before it.
  const ascending = [
    'v0.0.0-20191109021931-daa7c04131f5',
    'v0.0.0-20200101000000-000000000000',
    'v0.1.0',
    'v1.0.0-alpha',
    'v1.0.0-alpha.1',
    'v1.0.0-beta.2',
    'v1.0.0-beta.11',
    'v1.0.0-rc.1',
    'v1.0.0',
    'v1.2.3',
    'v1.2.4-0.20191109021931-daa7c04131f5', // a pseudo-version after v1.2.3
    'v1.2.4-pre',
    'v1.2.4-pre.0.20191109021931-daa7c04131f5', // a pseudo-version after v1.2.4-pre
    'v1.2.4',
    'v1.10.0',
    'v2.0.0+incompatible',
    'v2.1.0',
  ];
  it('orders versions as Go does, pseudo-versions among them', () => {
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        assert.equal(sign(compareModuleVersions(ascending[i]!, ascending[j]!)), sign(i - j), `${ascending[i]} vs ${ascending[j]}`);
      }
    }
  });
  it('ignores +incompatible (build metadata) for precedence', () => {
    assert.equal(compareModuleVersions('v2.0.0+incompatible', 'v2.0.0'), 0);
  });
  it('sorts an invalid version before every valid one', () => {
    assert.equal(sign(compareModuleVersions('latest', 'v0.0.1')), -1);
    assert.equal(compareModuleVersions('master', 'latest'), 0);
  });
  it('knows pre-releases and major versions', () => {
    assert.equal(isPrerelease('v0.0.0-20191109021931-daa7c04131f5'), true);
    assert.equal(isPrerelease('v1.2.3'), false);
    assert.equal(majorOf('v2.3.4+incompatible'), 'v2');
    assert.equal(majorOf('nonsense'), null);
  });
});
