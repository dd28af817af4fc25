// A proxy's 404 for a module's version, with what go lists of the module (engine/proxyVersions.ts):
// the answers read from `go list -m -versions -json -e`, and the fixes ranked by them.

import { strict as assert } from 'node:assert';
import { classify } from '../../src/core/classify';
import { parseGoMod } from '../../src/core/gomod';
import type { ModuleState } from '../../src/core/moduleState';
import { parseVersionLists } from '../../src/engine/proxyVersions';

const URL = 'https://proxy.corp.example/rsc.io/quote/@v/v1.999.999.mod';
const QUOTE: ModuleState = {
  path: 'rsc.io/quote',
  version: 'v1.999.999',
  status: 'failed',
  listed: true,
  requests: [{ url: URL, status: 404, seconds: 0.1, error: null }],
  commands: [],
  error: `go: rsc.io/quote@v1.999.999: reading ${URL}: 404 Not Found\n\tserver response: not found`,
  requiredBy: null,
};

function fixesWith(proxyVersions?: Map<string, string[]>): { ids: string[]; message: string } {
  const [finding] = classify({
    modules: [QUOTE],
    unattributedErrors: [],
    unknownLines: [],
    env: { GOPROXY: 'https://proxy.corp.example' },
    goMod: { file: '/w/go.mod', parsed: parseGoMod('module example.com/app\n\ngo 1.21\n\nrequire rsc.io/quote v1.999.999\n') },
    stall: null,
    exitCode: 1,
    proxyVersions,
  });
  assert.equal(finding!.class, 'proxy-not-found');
  return { ids: finding!.fixes.map((fix) => fix.id), message: finding!.message };
}

describe('a proxy 404 and the versions go lists of the module', () => {
  it('reads go list -m -versions -json -e: versions, a module the proxy does not know, and no evidence', () => {
    const text = [
      '{\n\t"Path": "rsc.io/quote",\n\t"Versions": [\n\t\t"v1.0.0",\n\t\t"v1.5.2"\n\t]\n}',
      '{\n\t"Path": "example.net/invalid",\n\t"Error": {\n\t\t"Err": "module example.net/invalid: reading http://127.0.0.1:1/example.net/invalid/@v/list: 404 Not Found\\n\\tserver response: not found"\n\t}\n}',
      '{\n\t"Path": "corp.example/down",\n\t"Error": {\n\t\t"Err": "module corp.example/down: reading https://proxy/corp.example/down/@v/list: 502 Bad Gateway"\n\t}\n}',
      '',
    ].join('\n');
    assert.deepEqual(
      [...parseVersionLists(text)],
      [
        ['rsc.io/quote', ['v1.0.0', 'v1.5.2']],
        ['example.net/invalid', []],
      ],
    );
  });

  it('without evidence: the fallback to direct, GOPRIVATE, then the versions to check', () => {
    assert.deepEqual(fixesWith().ids, ['goproxy-append-direct', 'goprivate-add', 'list-versions']);
  });

  it('when the proxy lists other versions: the version first, and no GOPRIVATE for a module it serves', () => {
    const { ids, message } = fixesWith(new Map([['rsc.io/quote', ['v1.0.0', 'v1.5.2']]]));
    assert.deepEqual(ids, ['list-versions', 'goproxy-append-direct']);
    assert.match(message, /lists 2 other version\(s\) of rsc\.io\/quote, the newest v1\.5\.2/);
  });

  it('when the proxy knows no version of it: the path to check instead of an empty version list', () => {
    const { ids, message } = fixesWith(new Map([['rsc.io/quote', []]]));
    assert.deepEqual(ids, ['goproxy-append-direct', 'goprivate-add', 'check-path']);
    assert.match(message, /knows no version of rsc\.io\/quote at all/);
  });
});
