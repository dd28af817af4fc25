// What a stall finding says about a body that stopped: what arrived, and how fast, as the module
// cache showed it (engine/downloadProgress.ts), so a slow link is told from a dead one.

import { strict as assert } from 'node:assert';
import { classify } from '../../src/core/classify';
import { parseGoMod } from '../../src/core/gomod';
import { fixAsCommand } from '../../src/core/fixRender';
import type { InFlight, ModuleState } from '../../src/core/moduleState';

const URL = 'https://proxy.example/example.com/big/@v/v1.0.0.zip';
const BIG: ModuleState = {
  path: 'example.com/big',
  version: 'v1.0.0',
  status: 'stalled',
  listed: true,
  requests: [{ url: URL, status: 200, seconds: 0.1, error: 'response body stopped arriving' }],
  commands: [],
  error: null,
  requiredBy: null,
};

function stallMessage(body: InFlight): string {
  const findings = classify({
    modules: [BIG],
    unattributedErrors: [],
    unknownLines: [],
    env: {},
    goMod: { file: '/w/go.mod', parsed: parseGoMod('module example.com/app\n\ngo 1.21\n\nrequire example.com/big v1.0.0\n') },
    stall: { seconds: 30, inFlight: [body] },
    exitCode: null,
  });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.class, 'stall');
  assert.equal(findings[0]!.line, 5);
  return findings[0]!.message;
}

describe('a stalled body in the stall finding', () => {
  const body = { module: BIG.path, kind: 'body' as const, what: URL, startedAt: 0 };

  it('says how much arrived and at what rate when the body grew over time', () => {
    assert.match(stallMessage({ ...body, received: { bytes: 69_000_000, seconds: 46 } }), /69 MB of its body arrived at 1\.5 MB\/s, then it stopped arriving/);
  });

  it('gives no rate for a body seen growing once, and says only that it stopped when nothing arrived', () => {
    assert.match(stallMessage({ ...body, received: { bytes: 200, seconds: null } }), /200 B of its body arrived, then it stopped arriving/);
    assert.match(stallMessage({ ...body, received: { bytes: 0, seconds: null } }), /answered 200 OK, then its body stopped arriving/);
    assert.match(stallMessage(body), /answered 200 OK, then its body stopped arriving/);
  });
});

describe('the fixes of a stall on a proxy', () => {
  it('offers one change once: a probed proxy that is also the default is not listed again as the default', () => {
    const findings = classify({
      modules: [BIG],
      unattributedErrors: [],
      unknownLines: [],
      env: { GOPROXY: 'https://proxy.example' },
      goMod: { file: '/w/go.mod', parsed: parseGoMod('module example.com/app\n\ngo 1.21\n\nrequire example.com/big v1.0.0\n') },
      stall: { seconds: 30, inFlight: [{ module: BIG.path, kind: 'body', what: URL, startedAt: 0, received: { bytes: 200, seconds: null } }] },
      exitCode: null,
      reachableProxies: ['https://proxy.golang.org,direct'],
    });
    const commands = findings[0]!.fixes.map((fix) => fixAsCommand(fix));
    assert.equal(findings[0]!.fixes[0]!.id, 'goproxy-reachable');
    assert.deepEqual(commands, [...new Set(commands)], `each change once: ${commands.join(' | ')}`);
    assert.ok(commands.includes('go env -w GOPROXY=https://proxy.golang.org,direct'));
  });
});
